"""The reflection editor: a multi-line answer that saves itself.

It is reused by every step. Text is never lost: it autosaves a moment after the
last keystroke, on leaving, and on demand; a failed save keeps the text in the
editor, marks it unsaved and says why.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from winback_tui.domain.reflections import word_count
from winback_tui.store import JournalError

AUTOSAVE_DELAY = 0.8  # seconds after the last keystroke; the contract is "within 1 s"

#: Every mounted editor, so the app can save them all on quit, SIGHUP or SIGTERM.
LIVE_EDITORS: weakref.WeakSet[ReflectionEditor] = weakref.WeakSet()

SaveFn = Callable[[str], datetime | None]


def flush_all_editors() -> list[str]:
    """Save every editor with pending text; return the errors (empty when all saved)."""
    errors: list[str] = []
    for editor in list(LIVE_EDITORS):
        error = editor.save_now(notify=False)
        if error:
            errors.append(error)
    return errors


class ReflectionEditor(TextArea):
    """A soft-wrapped text area bound to one answer in the journal.

    Args:
        text: the saved answer to start from.
        save: called with the whole text to persist it; returns the save time.
            It may raise :class:`~winback_tui.store.JournalError`.
        read_only_reason: when set, the editor refuses typing and says this.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave editor", priority=True),
        Binding("ctrl+s", "save", "Save now", priority=True),
    ]

    class Left(Message):
        """The user pressed escape to leave the editor (nothing is discarded)."""

    class Saved(Message):
        """The text was written to the journal."""

    class StatusChanged(Message):
        """The saved / unsaved state or the word count changed."""

    def __init__(
        self,
        text: str,
        save: SaveFn,
        *,
        read_only_reason: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            read_only=read_only_reason is not None,
            id=id,
        )
        self._save = save
        self.read_only_reason = read_only_reason
        self.saved_text = text
        self.last_error: str | None = None
        self._timer: Timer | None = None

    # ------------------------------------------------------------------ state
    @property
    def dirty(self) -> bool:
        """Whether the editor holds text that is not in the journal yet."""
        return self.text != self.saved_text

    @property
    def status(self) -> str:
        """A short marker for the user: word count and saved state, in words."""
        words = word_count(self.text)
        label = f"{words} word" + ("" if words == 1 else "s")
        if self.read_only_reason:
            return f"{label} · read-only"
        if self.last_error:
            return f"{label} · NOT SAVED"
        return f"{label} · {'unsaved' if self.dirty else 'saved'}"

    def load(self, text: str, save: SaveFn) -> None:
        """Show another answer (the caller saves the current one first)."""
        self._cancel_timer()
        self._save = save
        self.saved_text = text
        self.last_error = None
        self.load_text(text)
        self.post_message(self.StatusChanged())

    # ------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        LIVE_EDITORS.add(self)

    def on_unmount(self) -> None:
        self.save_now(notify=False)
        LIVE_EDITORS.discard(self)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is not self:
            return
        self._cancel_timer()
        if self.dirty:
            self._timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)
        self.post_message(self.StatusChanged())

    def on_blur(self, event: events.Blur) -> None:
        self.save_now()

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only_reason and (event.is_printable or event.key in ("enter", "backspace")):
            event.stop()
            event.prevent_default()
            self.notify(self.read_only_reason, title="Not saved", severity="warning")
            return
        await super()._on_key(event)

    # --------------------------------------------------------------- saving
    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _autosave(self) -> None:
        self._timer = None
        self.save_now()

    def save_now(self, *, notify: bool = True) -> str | None:
        """Write pending text to the journal at once.

        Returns:
            None when the text is safe (saved now or already), else the error.
        """
        self._cancel_timer()
        if not self.dirty or self.read_only_reason:
            return None
        text = self.text
        try:
            self._save(text)
        except JournalError as exc:
            self.last_error = exc.message
            if notify and self.is_attached:
                self.notify(
                    f"{exc.message}. Your text is still here; winback will try again.",
                    title="Not saved",
                    severity="error",
                    timeout=8,
                )
                # Retry later: a full disk or a moved file may recover.
                self._timer = self.set_timer(5, self._autosave)
            return exc.message
        self.saved_text = text
        self.last_error = None
        if self.is_attached:
            self.post_message(self.Saved())
            self.post_message(self.StatusChanged())
        return None

    # -------------------------------------------------------------- actions
    def action_leave(self) -> None:
        """Leave the editor, keeping (and saving) everything typed."""
        self.save_now()
        self.post_message(self.Left())

    def action_save(self) -> None:
        """Save at once (ctrl+s)."""
        if self.read_only_reason:
            self.notify(self.read_only_reason, title="Not saved", severity="warning")
            return
        if self.save_now() is None:
            self.notify("Saved.", timeout=2)
