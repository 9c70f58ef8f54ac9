"""One screen per step: title, guidance, the step's tools and its reflections.

All four steps share this layout and these keys, so a user learns them once.
The tools and the reflections are two panes of one screen (``f`` flips
between them, ``e`` goes straight to writing), so neither has to be reached by
scrolling past a page of the other at 80x24.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from winback_tui import program
from winback_tui.domain.reflections import Reflection
from winback_tui.domain.words import plural
from winback_tui.screens.base import WinbackScreen
from winback_tui.screens.versions import VersionsScreen
from winback_tui.store import Journal, JournalError
from winback_tui.widgets.header import winback_header
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import ReflectionEditor, SaveFn
from winback_tui.widgets.status_line import StatusLine


def _stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class StepScreen(WinbackScreen):
    """The screen of step ``number`` (keys ``1``-``4``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Write", priority=True, id="step.edit"),
        Binding("f", "show_reflections", "Reflections", id="step.switch_pane"),
        Binding("f", "show_tools", "Tools", id="step.switch_pane"),
        Binding("v", "versions", "Earlier versions", id="step.versions"),
    ]

    #: Scroll the tools pane to the first focused widget (else it opens at the top).
    REVEAL_INITIAL_FOCUS = False
    #: The name of the tools pane (each step names its own work).
    TOOLS_TAB = "Tools"
    #: Actions that act on what the reflections pane shows.
    REFLECTION_ACTIONS: ClassVar[frozenset[str]] = frozenset({"versions", "show_tools"})

    FOCUS_ACTIONS: ClassVar[frozenset[str]] = frozenset({"edit"})

    def __init__(self, journal: Journal, number: int) -> None:
        super().__init__(journal)
        self.step = program.step(number)
        # In the header too: a screen that opens scrolled to its first tool
        # still says where you are.
        self.title = f"winback · Step {number}: {self.step.title}"
        self.prompt_id = self.step.prompts[0].id
        self._reflection: Reflection | None = None

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield winback_header()
        yield from self.compose_notice()
        with TabbedContent(id="panes"):
            with TabPane(self.TOOLS_TAB, id="tools-pane"), VerticalScroll(id="body"):
                yield Static(
                    f"Step {self.step.number} · {self.step.title}", classes="heading step-title"
                )
                yield Static(self.step.guidance, classes="guidance")
                yield from self.compose_tools()
            with (
                TabPane("Reflections", id="reflect-pane"),
                Vertical(id="reflect-body"),
                Horizontal(id="reflections"),
            ):
                yield KeyList(*self._prompt_options(), id="prompts")
                with Vertical(id="answer"):
                    yield Static(id="question", classes="question")
                    current = self.journal.reflection(self.step.number, self.prompt_id)
                    yield ReflectionEditor(
                        current.text if current else "",
                        self._saver(self.prompt_id),
                        read_only_reason=self.read_only_reason,
                        tab_stop=False,
                        id="editor",
                    )
                    yield StatusLine(id="meta", classes="meta")
        yield KeyFooter()

    def compose_tools(self) -> ComposeResult:
        """The step's own tools; later steps override or extend this."""
        yield from ()

    def _prompt_options(self) -> list[Option]:
        answered = {
            r.prompt_id for r in self.journal.reflections(self.step.number) if r.text.strip()
        }
        return [
            Option(f"{'[x]' if p.id in answered else '[ ]'} {p.title}", id=p.id)
            for p in self.step.prompts
        ]

    def on_mount(self) -> None:
        prompts = self.query_one("#prompts", OptionList)
        prompts.highlighted = 0
        # Focus on a non-text widget of the tools pane, so the global keys keep
        # working and the step opens on its own work.
        target = self.initial_focus()
        if target is not None:
            # At once, not a turn later: a pane asked for meanwhile (the urge
            # pause opens Step 1 on its reflections) must not be undone by it.
            self.set_focus(target, scroll_visible=False)
            if self.REVEAL_INITIAL_FOCUS:
                # In view at once, without an animated scroll (every frame of
                # one crosses the wire).
                body = self.query_one("#body", VerticalScroll)
                self.call_after_refresh(body.scroll_to_widget, target, animate=False, top=False)
        self._show_prompt(self.prompt_id)

    def initial_focus(self) -> Widget | None:
        """The widget of the tools pane focused when the step opens (None: none)."""
        return None

    # ---------------------------------------------------------------- panes
    @property
    def showing_reflections(self) -> bool:
        """Whether the reflections pane is the one on screen."""
        return self.query_one("#panes", TabbedContent).active == "reflect-pane"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys act on the pane on screen: a step's tool keys rest while the
        reflections show, and ``v`` needs the answer to be in view."""
        if not super().check_action(action, parameters):
            return False
        if action == "show_reflections":
            return not self.showing_reflections
        if action in self.REFLECTION_ACTIONS:
            return self.showing_reflections
        if action in self.tool_actions():
            return not self.showing_reflections
        return True

    @classmethod
    def tool_actions(cls) -> frozenset[str]:
        """The actions of the step's own tools (its screen's keys, not the shared ones)."""
        shared = {b.action for b in StepScreen.BINDINGS if isinstance(b, Binding)}
        own = {b.action for b in cls.BINDINGS if isinstance(b, Binding)}
        return frozenset(own - shared)

    def show_pane(self, pane: str) -> None:
        """Bring ``tools-pane`` or ``reflect-pane`` to the front and focus in it."""
        panes = self.query_one("#panes", TabbedContent)
        if panes.active != pane:
            # The tab underline jumps instead of sliding: its 0.3 s slide is a
            # dozen frames of the whole bar, most of the bytes a flip writes.
            level = self.app.animation_level
            self.app.animation_level = "none"
            try:
                panes.active = pane
            finally:
                self.app.animation_level = level
            self._focus_in_pane(pane)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The pane changed (by key or on the tab bar): keep focus inside it, so
        # the keys that act on it work at once and the footer shows them. Focus
        # on the tab bar itself stays there (left and right flip the panes).
        panes = event.tabbed_content
        if panes.id != "panes":
            return
        self.refresh_bindings()
        # Handled late (a loaded machine, keys typed fast), the message can name
        # a pane that is no longer in front: "e" may have moved on already.
        if event.pane.id == panes.active:
            self.call_after_refresh(self._focus_in_pane, event.pane.id)

    def _focus_in_pane(self, pane_id: str | None) -> None:
        """Focus the first widget of the pane in front, unless focus is in it (or its tab bar)."""
        panes = self.query_one("#panes", TabbedContent)
        if pane_id != panes.active:
            return
        focused = self.focused
        ancestors = focused.ancestors if focused is not None else []
        inside = any(isinstance(a, TabPane) and a.id == pane_id for a in ancestors)
        on_bar = panes in ancestors and not any(isinstance(a, TabPane) for a in ancestors)
        if inside or on_bar:
            return
        target = self.initial_focus() if pane_id == "tools-pane" else self._prompts()
        if target is not None:
            self.set_focus(target, scroll_visible=False)

    def select_prompt(self, prompt_id: str) -> bool:
        """Select ``prompt_id`` in the reflections list; False when this step has none such."""
        prompts = self._prompts()
        for index in range(prompts.option_count):
            if prompts.get_option_at_index(index).id == prompt_id:
                prompts.highlighted = index
                return True
        return False

    def _prompts(self) -> OptionList:
        return self.query_one("#prompts", OptionList)

    def action_show_reflections(self) -> None:
        """Show the step's reflections (``f``)."""
        self.show_pane("reflect-pane")

    def action_show_tools(self) -> None:
        """Show the step's tools (``f``)."""
        self.show_pane("tools-pane")

    # -------------------------------------------------------------- prompts
    def _saver(self, prompt_id: str) -> SaveFn:
        def save(text: str) -> datetime:
            return self.journal.save_reflection(self.step.number, prompt_id, text).edited_at

        return save

    def _show_prompt(self, prompt_id: str) -> None:
        prompt = next(p for p in self.step.prompts if p.id == prompt_id)
        editor = self.query_one("#editor", ReflectionEditor)
        if prompt_id != self.prompt_id:
            current = self.journal.reflection(self.step.number, prompt_id)
            self.prompt_id = prompt_id
            editor.load(current.text if current else "", self._saver(prompt_id))
        editor.border_title = prompt.title
        self.query_one("#question", Static).update(prompt.question)
        self._update_meta(reread=True)

    def _update_meta(self, *, reread: bool = False) -> None:
        """Refresh the status row under the editor.

        Runs on every keystroke, so it neither reads the journal (a save may hold
        it) nor touches anything but the one status row.
        """
        if reread:
            self._reflection = self.journal.reflection(self.step.number, self.prompt_id)
        editor = self.query_one("#editor", ReflectionEditor)
        parts = [editor.status]
        current = self._reflection
        if current is not None:
            parts.append(f"started {_stamp(current.created_at)}")
            parts.append(f"edited {_stamp(current.edited_at)}")
            if current.versions:
                parts.append(
                    plural(len(current.versions), "earlier version", "earlier versions") + " (v)"
                )
        self.query_one("#meta", StatusLine).set_text(" · ".join(parts))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "prompts" and event.option_id:
            self._show_prompt(event.option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "prompts":
            self.action_edit()

    def on_reflection_editor_status_changed(self, event: ReflectionEditor.StatusChanged) -> None:
        self._update_meta()

    def on_reflection_editor_saved(self, event: ReflectionEditor.Saved) -> None:
        self._update_meta(reread=True)
        options = self._prompt_options()
        prompts = self.query_one("#prompts", OptionList)
        shown = [str(prompts.get_option_at_index(i).prompt) for i in range(prompts.option_count)]
        if shown != [str(option.prompt) for option in options]:
            # Only when a tick changed: a rebuild repaints the whole list.
            highlighted = prompts.highlighted
            prompts.clear_options()
            prompts.add_options(options)
            prompts.highlighted = highlighted

    def on_reflection_editor_left(self, event: ReflectionEditor.Left) -> None:
        self.query_one("#prompts", OptionList).focus()

    # -------------------------------------------------------------- actions
    def action_edit(self) -> None:
        """Move into the editor of the prompt selected in the list (``e``).

        In a read-only copy the editor opens for reading only: it takes no text
        (nothing typed could be saved), and keys typed there are not read as
        commands either; the reason is told once.
        """
        self.explain_read_only()
        self.show_pane("reflect-pane")
        prompts = self.query_one("#prompts", OptionList)
        highlighted = prompts.highlighted
        if highlighted is not None:
            option_id = prompts.get_option_at_index(highlighted).id
            if option_id and option_id != self.prompt_id:
                self._show_prompt(option_id)
        self.query_one("#editor", ReflectionEditor).enter()

    def action_versions(self) -> None:
        """Show the earlier versions of the current answer, read-only (``v``)."""
        editor = self.query_one("#editor", ReflectionEditor)
        editor.save_now(wait=True)
        current = self.journal.reflection(self.step.number, self.prompt_id)
        if current is None or not current.text:
            self.notify("Nothing written for this prompt yet, so there are no versions.")
            return
        title = next(p.title for p in self.step.prompts if p.id == self.prompt_id)
        restore = None if self.read_only_reason else self._restore
        self.app.push_screen(VersionsScreen(title, current, restore))

    def _restore(self, text: str) -> None:
        """Make an earlier version the current answer; the text it replaces is kept."""
        editor = self.query_one("#editor", ReflectionEditor)
        editor.save_now(wait=True)
        try:
            self.journal.save_reflection(self.step.number, self.prompt_id, text, keep_version=True)
        except JournalError as exc:
            self.notify(exc.message, title="Not restored", severity="error")
            return
        editor.load(text, self._saver(self.prompt_id))
        self._update_meta(reread=True)
        self.notify("That version is the answer again; the text it replaced is kept.")
