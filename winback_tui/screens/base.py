"""What every winback screen shares: the journal, the too-small notice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from winback_tui.screens.frames import SteadyFrames
from winback_tui.store import Journal
from winback_tui.widgets.too_small import TooSmallNotice, too_small

TOO_SMALL_CLASS = "-too-small"

#: Textual's text fields. Matched by name so that the dashboard, which has none,
#: does not import them (TextArea's import alone costs several ms at start-up).
_TEXT_FIELDS = frozenset({"textual.widgets._text_area.TextArea", "textual.widgets._input.Input"})


def is_text_field(widget: object) -> bool:
    """Whether ``widget`` is (or extends) Textual's ``TextArea`` or ``Input``."""
    return any(
        f"{cls.__module__}.{cls.__qualname__}" in _TEXT_FIELDS for cls in type(widget).__mro__
    )


def read_only_reason(journal: Journal) -> str | None:
    """Why nothing can be saved in ``journal``, or None when it is writable."""
    if not journal.read_only:
        return None
    if journal.unwritable:
        return f"{journal.read_only_reason}: nothing typed here could be saved."
    return (
        "This journal is open in another winback window, so this copy is read-only:"
        " nothing typed here could be saved. Close the other window to write here."
    )


def explain_once(app: Any, reason: str) -> None:
    """Show ``reason`` as a notice, the first time in this run of the app only."""
    if getattr(app, "_read_only_explained", False):
        return
    app._read_only_explained = True
    app.notify(reason, title="Read-only copy", severity="warning", timeout=12)


class SizeGuard:
    """Mixin: swap the screen's content for a notice when the terminal is too small.

    Screens compose :meth:`compose_notice` first; CSS hides everything else while
    the screen has the ``-too-small`` class (see ``styles/app.tcss``).
    """

    def compose_notice(self) -> ComposeResult:
        yield TooSmallNotice()

    #: Actions that still work while the notice shows: saving and quitting.
    ALLOWED_WHEN_TOO_SMALL: ClassVar[frozenset[str]] = frozenset({"quit", "app.quit", "save"})

    def apply_size(self) -> None:
        screen: Any = self
        width, height = screen.app.size
        small = too_small(width, height)
        was_small = screen.has_class(TOO_SMALL_CLASS)
        screen.set_class(small, TOO_SMALL_CLASS)
        if small:
            for notice in screen.query(TooSmallNotice):
                notice.show_for(width, height)
            if not was_small:
                # Keys must not reach a list or an editor nobody can see: take the
                # focus away, and give it back to the same widget when it fits.
                self._focus_before_small = screen.focused
                screen.set_focus(None)
        elif was_small:
            before = getattr(self, "_focus_before_small", None)
            self._focus_before_small = None
            if before is not None and before.is_attached and before.focusable:
                screen.set_focus(before, scroll_visible=False)
            elif before is not None and before.is_attached:
                enter = getattr(before, "enter", None)
                if enter is not None:
                    enter()  # an editor that leaves the tab order when it loses focus

    def is_too_small(self) -> bool:
        """Whether the too-small notice shows instead of this screen."""
        screen: Any = self
        return bool(screen.has_class(TOO_SMALL_CLASS))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the notice shows, only saving and quitting do anything."""
        return not self.is_too_small() or action in self.ALLOWED_WHEN_TOO_SMALL

    def on_resize(self, event: events.Resize) -> None:
        self.apply_size()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.apply_size()


class EditingSessions:
    """Mixin: entering a text editor begins an editing session in the journal.

    The first change of each text after that keeps the text as it stood as a
    version, so every session can be gone back to (``v``), after a restart too.
    """

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if is_text_field(event.widget) and not getattr(event.widget, "read_only", True):
            journal = getattr(getattr(self, "app", None), "journal", None)
            if journal is not None and not journal.read_only:
                journal.begin_editing_session()


class WinbackScreen(SteadyFrames, SizeGuard, EditingSessions, Screen[None]):
    """A full screen that reads and writes the journal through its typed API.

    Keys that move focus into a text field (``e`` to write, ``/`` to search)
    are bound with ``priority=True`` and listed in :attr:`FOCUS_ACTIONS`. A
    priority binding runs before the App hands the next key on, so text typed
    right after it in one burst (a paste, a slow SSH link delivering keys
    together) lands in the field instead of in the list that had focus. While a
    text field has focus those bindings step aside (:meth:`check_action`), so
    the letter is typed as usual.
    """

    FOCUS_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus ``widget``, and make sure it ends in view once the screen is laid out.

        Textual scrolls a newly focused widget into view only if it is not in
        view *now*, by the regions of the last layout: focused while the
        scroll to the previous widget was still moving (tab, tab), or just as
        it ended, it was often in view by those and then out of view in the
        next layout (Step 3's drafts list under the footer). So a scroll still
        gliding ends at once, and whether the widget is in view is asked
        again after the next refresh.
        """
        gliding = False
        if scroll_visible and widget is not None:
            animator = self.app.animator
            for node in widget.ancestors:
                for attribute in ("scroll_y", "scroll_x"):
                    if animator.is_being_animated(node, attribute):
                        animator.force_stop_animation(node, attribute)
                        gliding = True
        super().set_focus(widget, scroll_visible and not gliding, from_app_focus)
        if scroll_visible and widget is not None:
            self.call_after_refresh(self._reveal, widget)

    def _reveal(self, widget: Widget) -> None:
        if self.focused is widget and not self.can_view_entire(widget):
            self.scroll_to_center(widget, origin_visible=True)

    #: What :meth:`moved_on` saw last: the journal's revision, the day, and more.
    _read_as_of: tuple[object, ...] | None = None

    def moved_on(self, *more: object) -> bool:
        """Whether the journal changed, or the day turned (or ``more``), since the last call.

        A screen calls it after reading everything (on mount) and again when it
        comes back to the front: Textual resumes a mode's first screen twice
        (once when the mode is made, once when it is switched to), and the
        second time nothing has changed, so nothing needs reading again.
        """
        mark = (self.journal.revision, self.journal.now().astimezone().date(), *more)
        if mark == self._read_as_of:
            return False
        self._read_as_of = mark
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Let a focus key be typed as text while a text field has focus."""
        if not super().check_action(action, parameters):
            return False
        return not (action in self.FOCUS_ACTIONS and is_text_field(self.focused))

    @property
    def read_only_reason(self) -> str | None:
        """Why nothing can be saved here, or None when the journal is writable."""
        return read_only_reason(self.journal)

    def open_checkin(self, day: date, on_saved: Callable[[], None]) -> None:
        """Open the one daily check-in for ``day`` (the journal's, Step 2's and Step 3's key)."""
        if self.explain_read_only():
            return
        from winback_tui.screens.checkin import checkin_form

        drafts = getattr(self.app, "checkin_drafts", None)
        self.app.push_screen(checkin_form(self.journal, day, on_saved, drafts=drafts))

    def explain_read_only(self) -> bool:
        """In a read-only copy, say why once; True when the copy is read-only.

        Every refused key or action calls this. The notice is shown the first
        time only (the header keeps saying READ-ONLY), so a person who types
        into a read-only copy gets one clear word, not a pile of toasts.
        """
        reason = self.read_only_reason
        if reason is None:
            return False
        explain_once(self.app, reason)
        return True


class WinbackModal(SteadyFrames, SizeGuard, EditingSessions, ModalScreen[None]):
    """An overlay (help, support, welcome), closed with escape.

    A modal screen hides the app's bindings, so ``q`` is bound again here: the
    footer promises "q Quit" everywhere. Dialogs with text fields get the key
    as text, since a focused input sees it first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "Quit", id="app.quit")]
