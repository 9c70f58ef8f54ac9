"""Step 1's dialogs: a note on the user's own part, an issue's title, removing one, the check.

All of them are members of the shared family in :mod:`winback_tui.widgets.dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from winback_tui.domain.issues import MAX_TITLE, IssueEntry
from winback_tui.domain.openness import SIGNAL_STATEMENTS, Signal
from winback_tui.widgets.checklist import CheckItem, Checklist
from winback_tui.widgets.dialogs import ConfirmDialog, Dialog, PromptDialog
from winback_tui.widgets.reflection_editor import ReflectionEditor


class NoteScreen(Dialog):
    """The user's note on their own part in one issue.

    The note saves itself as it is typed (the reflection editor's autosave),
    and escape saves before closing, so nothing typed is thrown away.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close (keeps the note)", id="note.close"),
    ]

    def __init__(
        self,
        entry: IssueEntry,
        text: str,
        save: Callable[[str], datetime | None],
        on_close: Callable[[str, str | None], None],
        *,
        read_only_reason: str | None,
    ) -> None:
        super().__init__(
            f"My part in: {entry.title}",
            "It saves as you type · escape closes, keeping everything · ctrl+s saves now",
            size="wide",
        )
        self.entry = entry
        self._text = text
        self._save = save
        self._on_close = on_close
        self._read_only_reason = read_only_reason

    def compose_body(self) -> ComposeResult:
        yield Static(
            "What did you bring to this? Be honest, and as gentle with yourself as "
            "you would be with a friend.",
            classes="question",
        )
        yield ReflectionEditor(
            self.entry.my_part,
            self._save,
            read_only_reason=self._read_only_reason,
            id="note-editor",
        )

    def on_mount(self) -> None:
        editor = self.query_one(ReflectionEditor)
        if self._text != self.entry.my_part:
            # A draft from an earlier failed save: show it and try saving again.
            editor.load_text(self._text)
            editor.save_now()
        editor.focus()

    def on_reflection_editor_left(self, event: ReflectionEditor.Left) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        """Close; the editor has saved (or kept the text as a draft if it could not)."""
        editor = self.query_one(ReflectionEditor)
        error = editor.save_now(notify=False, wait=True)
        self._on_close(editor.text, error)
        self.dismiss(None)


def title_prompt(
    heading: str,
    text: str,
    submit: Callable[[str], str | None],
    keep: Callable[[str], None],
) -> PromptDialog:
    """A one-line title for one of the user's own issues (adding or renaming).

    Args:
        heading: what the dialog is for.
        text: the title (or an earlier draft) to start from.
        submit: gets the typed text on enter; returns an error to show, or
            None when it was accepted (the dialog then closes).
        keep: gets the typed text when the user closes with escape, so it can
            be offered again next time.
    """
    return PromptDialog(
        heading,
        label="Name",
        value=text,
        submit=submit,
        keep=keep,
        hint=f"In a few words, up to {MAX_TITLE} characters; a longer one goes into its note.",
        placeholder="e.g. Jealousy",
        field_id="title",
    )


def confirm_remove(entry: IssueEntry, on_confirm: Callable[[], None]) -> ConfirmDialog:
    """Ask before removing one of the user's own issues and its note."""
    note = " and your note on it" if entry.my_part.strip() else ""
    return ConfirmDialog(
        "Remove your own issue?",
        Text(f"“{entry.title}”{note} will be removed for good."),
        on_confirm,
        yes="remove it",
        no="keep it",
    )


class OpennessScreen(Dialog):
    """The openness check: tick what is true now, then see the result.

    Args:
        ticked: the signals to start from (an earlier draft or the last check).
        on_done: gets the ticked signals when the user asks for the result.
        on_escape: gets the ticked signals when the user closes without a
            result, so they are offered again next time.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", "Done: see the result", id="openness.done"),
        Binding("ctrl+s", "done", "See the result", id="openness.see_result"),
        Binding("escape", "close", "Close (keeps your ticks)", id="openness.close"),
    ]

    def __init__(
        self,
        ticked: frozenset[Signal],
        on_done: Callable[[frozenset[Signal]], None],
        on_escape: Callable[[frozenset[Signal]], None],
    ) -> None:
        super().__init__(
            "Are they open to it?",
            "space or enter ticks · d or ctrl+s: see the result · escape: close, keeping ticks",
            size="wide",
        )
        self._ticked = ticked
        self._on_done = on_done
        self._on_escape = on_escape

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Tick what is true right now, honestly. This is for you alone; it stays "
            "on this computer.",
            classes="question",
        )
        yield Checklist(
            [
                CheckItem(signal.value, statement, signal in self._ticked)
                for signal, statement in SIGNAL_STATEMENTS
            ],
            id="signals",
        )

    def on_mount(self) -> None:
        self.query_one("#signals", Checklist).focus()

    def ticked(self) -> frozenset[Signal]:
        """The signals ticked so far."""
        items = self.query_one("#signals", Checklist).items
        return frozenset(Signal(item.id) for item in items if item.checked)

    def action_done(self) -> None:
        """Hand the ticks over for a verdict and close."""
        ticked = self.ticked()
        self.dismiss(None)
        self._on_done(ticked)

    def action_close(self) -> None:
        """Close without a verdict, keeping the ticks for next time."""
        ticked = self.ticked()
        self.dismiss(None)
        self._on_escape(ticked)
