"""``ctrl+o`` in any reflection, journal or draft editor: write in your own editor.

The UI half of :mod:`winback_tui.external_editor`: save first, warn on an
encrypted journal, hand the terminal over with ``App.suspend``, then take back
what the editor left as a version of its own. The text in winback stays as it
was unless the editor came back with a changed text and exited cleanly; an
emptied text is saved only after a yes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported
from textual.binding import Binding

from winback_tui.external_editor import (
    EditOutcome,
    edit_text,
    editor_command,
    scratch_parent,
)
from winback_tui.widgets.dialogs import ConfirmDialog

if TYPE_CHECKING:
    from winback_tui.widgets.reflection_editor import ReflectionEditor

#: The key, in every editor (``ReflectionEditor`` and so ``DraftEditor``).
#: ``ctrl+o`` is free in Textual's TextArea and in winback, reaches the app
#: through tmux and SSH, and is what some editors use for "open".
BINDING = Binding("ctrl+o", "own_editor", "Your editor", id="editor.external")

NO_EDITOR = (
    "No editor is set. Set VISUAL or EDITOR in your shell (for example "
    'export EDITOR=nano), or editor = "nano" in winback\'s config file.'
)

UNENCRYPTED_WARNING = (
    "This journal is encrypted, but your editor can only read plain text. While it "
    "is open, this text sits unencrypted in a private file on this computer "
    "(readable by you alone), and winback removes it as soon as the editor closes. "
    "Your editor may keep copies of its own (a swap or backup file, its history). "
    "Open it anyway?"
)

EMPTY_QUESTION = (
    "Your editor came back with nothing in it. Yes empties this text in winback "
    "(the text as it was is kept as an earlier version); no keeps it as it is."
)


def journal_folder(app: Any) -> Path | None:
    """The folder of the app's journal, where scratch files go without a runtime folder."""
    path = getattr(getattr(app, "journal", None), "path", None)
    return Path(path).parent if path is not None else None


def open_in_own_editor(editor: ReflectionEditor) -> None:
    """``ctrl+o``: the editor's text in ``$VISUAL`` / ``$EDITOR`` (or the config's editor)."""
    app = editor.app
    if editor.read_only_reason:
        explain = getattr(editor.screen, "explain_read_only", None)
        if explain is not None:
            explain()
        return
    settings = getattr(app, "settings", None)
    command = editor_command(getattr(settings, "editor", None), os.environ)
    if command is None:
        editor.notify(NO_EDITOR, title="Your editor", severity="warning", timeout=10, markup=False)
        return
    # Nothing typed is lost, even if the editor or the terminal goes wrong from here.
    error = editor.save_now(notify=False, wait=True)
    if error is not None:
        editor.notify(
            f"{error}. Your editor was not opened; your text is still here.",
            title="Not saved",
            severity="error",
            timeout=10,
            markup=False,
        )
        return
    journal = getattr(app, "journal", None)
    if getattr(journal, "encrypted", False):

        def go_ahead() -> None:
            editor.call_after_refresh(_hand_over, editor, command)

        app.push_screen(
            ConfirmDialog(
                "Open this in your editor?",
                UNENCRYPTED_WARNING,
                go_ahead,
                yes="Yes, open it",
                no="No, stay here",
            )
        )
        return
    _hand_over(editor, command)


def _hand_over(editor: ReflectionEditor, command: Sequence[str]) -> None:
    if not editor.is_attached:
        return
    app = editor.app
    before = editor.text
    parent = scratch_parent(journal_folder(app))
    outcome: EditOutcome | None = None
    try:
        with app.suspend():
            # Textual resumes the screen only when this block ends normally.
            try:
                outcome = edit_text(before, command, parent=parent, suffix=".md")
            except Exception as exc:
                outcome = EditOutcome(
                    None,
                    f"Your editor could not be run ({type(exc).__name__}). "
                    "Your text was left as it was.",
                )
    except SuspendNotSupported:
        editor.notify(
            "winback cannot hand this terminal to another program here. "
            "Your text was left as it was.",
            title="Your editor",
            severity="warning",
            timeout=10,
        )
        return
    except RuntimeError:
        return  # the app is not running (no terminal to hand over)
    if outcome is None:
        return
    _take_back(editor, before, outcome)


def _take_back(editor: ReflectionEditor, before: str, outcome: EditOutcome) -> None:
    if outcome.text is None:
        editor.notify(
            outcome.problem or "Nothing came back from your editor. Your text was left as it was.",
            title="Your editor",
            severity="warning",
            timeout=10,
            markup=False,
        )
        return
    text = outcome.text
    if text == before:
        editor.notify("No changes came back from your editor, so there was nothing to save.")
        return
    if not text.strip() and before.strip():
        editor.app.push_screen(
            ConfirmDialog(
                "Save an empty text?",
                EMPTY_QUESTION,
                lambda: _apply(editor, before, outcome),
                yes="Yes, empty it",
                no="No, keep my text",
            )
        )
        return
    _apply(editor, before, outcome)


def _apply(editor: ReflectionEditor, before: str, outcome: EditOutcome) -> None:
    if not editor.is_attached or outcome.text is None:
        return
    if editor.text != before:
        editor.notify(
            "The text changed meanwhile, so your editor's version was not put in.",
            title="Your editor",
            severity="warning",
        )
        return
    journal = getattr(editor.app, "journal", None)
    begin = getattr(journal, "begin_editing_session", None)
    if begin is not None:
        # Its own editing session: the text as it was before becomes a version (v).
        begin()
    # One edit of the text area, so ctrl+z in winback can also take it back.
    editor.replace(outcome.text, (0, 0), editor.document.end, maintain_selection_offset=False)
    editor.resume_at_end()
    error = editor.save_now(wait=True)
    if error is None:
        kept = "; the text before it is kept as an earlier version" if before.strip() else ""
        editor.notify(f"Your editor's text is saved{kept}.", timeout=4)
    if outcome.problem:
        editor.notify(outcome.problem, title="Your editor", severity="warning", markup=False)
