"""The reflection editor: a multi-line answer that saves itself.

It is reused by every step. Text is never lost: it autosaves a moment after the
last keystroke, on leaving, and on demand; a failed save keeps the text in the
editor, marks it unsaved and says why.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.message_pump import MessagePumpClosed
from textual.timer import Timer
from textual.widgets import TextArea

from winback_tui.domain.reflections import word_count
from winback_tui.store import JournalError
from winback_tui.widgets import external_edit
from winback_tui.widgets.frugal_text_area import FrugalTextArea

AUTOSAVE_DELAY = 0.8  # seconds after the last keystroke; the contract is "within 1 s"

#: Steady typing keeps pushing the autosave back; it never waits longer than
#: this after the first unsaved change (a long paste typed as keystrokes, say).
AUTOSAVE_MAX_WAIT = 3.0

#: Most characters one edit takes from keys already queued (see ``_on_key``):
#: enough to swallow a pasted burst quickly, small enough that frames and the
#: autosave still get their turn while it is read.
COALESCE_MAX = 2048

#: Above this many characters the word count is refreshed after a pause in
#: typing rather than on every keystroke (counting 1 MB takes tens of ms).
WORD_COUNT_LIVE_LIMIT = 20_000

#: Every mounted editor, so the app can save them all on quit, SIGHUP or SIGTERM.
LIVE_EDITORS: weakref.WeakSet[ReflectionEditor] = weakref.WeakSet()

#: Autosaves run here, off the UI thread, so writing a large journal never makes
#: typing wait. One worker keeps saves in the order they were asked for.
_SAVER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="winback-save")

#: Held while an editor's text is read and its save queued, so saves queued from
#: the UI thread and from the exit guard's thread (see ``save_from_any_thread``)
#: reach ``_SAVER`` in the order their texts were read: the newest lands last.
_QUEUEING = threading.Lock()

SaveFn = Callable[[str], object]


def save_from_any_thread(timeout: float) -> list[str]:
    """Save every editor's pending text from a thread other than the UI's; wait.

    For the exit guard, when a signal came but the UI thread has not saved in
    time (it may be busy, or stuck writing to a dead terminal). The editors'
    texts are only read here; the saves go through the same single save thread
    as every other save, after any save already queued, so an older text can
    never land after this one.

    Returns:
        The errors (a failed or timed-out save), empty when everything is saved.
    """
    deadline = time.monotonic() + timeout
    if not _QUEUEING.acquire(timeout=max(0.0, timeout)):
        return ["the editors were busy"]
    try:
        futures: list[Future[object]] = []
        for editor in list(LIVE_EDITORS):
            if editor.read_only_reason:
                continue
            text = editor.text
            if text != editor.saved_text:
                futures.append(_SAVER.submit(editor._save, text))
    finally:
        _QUEUEING.release()
    errors: list[str] = []
    for future in futures:
        try:
            future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            errors.append("the save did not finish in time")
        except JournalError as exc:
            errors.append(exc.message)
        except Exception as exc:
            errors.append(f"could not save ({type(exc).__name__})")
    return errors


def flush_all_editors() -> list[str]:
    """Save every editor with pending text and wait; return the errors (empty when all saved)."""
    errors: list[str] = []
    for editor in list(LIVE_EDITORS):
        error = editor.save_now(notify=False, wait=True)
        if error:
            errors.append(error)
    return errors


class ReflectionEditor(FrugalTextArea):
    """A soft-wrapped text area bound to one answer in the journal.

    Args:
        text: the saved answer to start from.
        save: called with the whole text to persist it; returns the save time.
            It may raise :class:`~winback_tui.store.JournalError`.
        read_only_reason: when set, the editor refuses typing and says this.
        tab_stop: whether ``tab`` may move into the editor. A step screen passes
            False: a person enters its editor with ``e`` (or enter on a prompt),
            never by tabbing past it by chance, and it leaves the tab order again
            when they leave it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave editor", priority=True, id="editor.leave"),
        Binding("ctrl+s", "save", "Save now", priority=True, id="editor.save"),
        Binding("ctrl+home", "text_start", "Start of the text", show=False, id="editor.text_start"),
        Binding("ctrl+end", "text_end", "End of the text", show=False, id="editor.text_end"),
        external_edit.BINDING,
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
        tab_stop: bool = True,
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
        # When the text first differed from the journal since the last save.
        self._dirty_since: float | None = None
        self._count_timer: Timer | None = None
        self._words = word_count(text)
        self._in_flight: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # Bumped by load(): a save that finishes after the editor moved on to
        # another answer must not mark the new text as saved.
        self._generation = 0
        self.tab_stop = tab_stop
        self.can_focus = tab_stop

    # ------------------------------------------------------------------ state
    @property
    def dirty(self) -> bool:
        """Whether the editor holds text that is not in the journal yet."""
        return self.text != self.saved_text

    @property
    def status(self) -> str:
        """A short marker for the user: word count and saved state, in words."""
        words = self._words
        label = f"{words} word" + ("" if words == 1 else "s")
        if self.read_only_reason:
            return f"{label} · read-only"
        if self.last_error:
            return f"{label} · NOT SAVED"
        if not self.dirty:
            return f"{label} · saved"
        return f"{label} · {'saving…' if self._in_flight == self.text else 'unsaved'}"

    def _count_words(self) -> None:
        self._count_timer = None
        self._words = word_count(self.text)
        self.post_message(self.StatusChanged())

    def load(self, text: str, save: SaveFn) -> None:
        """Show another answer (the caller saves the current one first)."""
        self.save_now(wait=True)
        self._generation += 1
        self._in_flight = None
        self._save = save
        self.saved_text = text
        self.last_error = None
        self._words = word_count(text)
        self.load_text(text)
        self.resume_at_end()
        self.post_message(self.StatusChanged())

    def resume_at_end(self) -> None:
        """Put the cursor after the last character, where a person goes on writing.

        Textual puts a loaded text's cursor at its very start, so the next key
        would land in front of the saved answer.
        """
        self.move_cursor(self.document.end, record_width=True)

    # ------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        LIVE_EDITORS.add(self)
        self._loop = asyncio.get_running_loop()
        self.resume_at_end()

    def on_unmount(self) -> None:
        self.save_now(notify=False, wait=True)
        LIVE_EDITORS.discard(self)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is not self:
            return
        self._cancel_timer()
        if self.dirty:
            now = time.monotonic()
            if self._dirty_since is None:
                self._dirty_since = now
            if now - self._dirty_since >= AUTOSAVE_MAX_WAIT:
                # Unsaved for too long while keys keep coming: save now (on the
                # save thread). A timer would not do: under a stream of edits
                # each one cancels it before the loop gets round to firing it.
                self.save_now()
            else:
                self._timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)
        if self.document.line_count < 200 and len(self.text) < WORD_COUNT_LIVE_LIMIT:
            self._words = word_count(self.text)
        else:
            if self._count_timer is not None:
                self._count_timer.stop()
            self._count_timer = self.set_timer(0.4, self._count_words)
        self.post_message(self.StatusChanged())

    def enter(self) -> None:
        """Move the focus into the editor, at once (``e`` on a step screen).

        ``set_focus`` rather than ``focus()``, which waits a turn: text typed
        right after the key, in the same burst, must land in the editor.
        """
        self.can_focus = True
        self.screen.set_focus(self)

    def on_blur(self, event: events.Blur) -> None:
        self.save_now()
        if not self.tab_stop:
            self.can_focus = False

    def on_click(self, event: events.Click) -> None:
        if not self.has_focus:
            self.enter()

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only_reason and (event.is_printable or event.key in ("enter", "backspace")):
            # Nothing typed here could be saved, so nothing is taken. The reason
            # is told once (see WinbackScreen.explain_read_only), not per key.
            event.stop()
            event.prevent_default()
            explain = getattr(self.screen, "explain_read_only", None)
            if explain is not None:
                explain()
            return
        if not self.read_only and self._insertable(event):
            # A paste typed as keystrokes (no bracketed paste: tmux paste-buffer,
            # a slow SSH link) arrives as thousands of Key events. Edited one by
            # one, each costs a re-wrap of the line and a status update, and a
            # 20,000-character burst kept the app busy for minutes. The keys
            # already queued for this editor are taken now, as one edit.
            chars = [self._insertion(event)]
            while len(chars) < COALESCE_MAX:
                try:
                    pending = self._peek_message()
                except MessagePumpClosed:
                    break
                if not isinstance(pending, events.Key) or not self._insertable(pending):
                    break
                self._pending_message = None
                self._message_queue.task_done()
                chars.append(self._insertion(pending))
            if len(chars) > 1:
                event.stop()
                event.prevent_default()
                self._restart_blink()
                start, end = self.selection
                # As the stock paste does: a big insert must end with the cursor in view.
                if result := self._replace_via_keyboard("".join(chars), start, end):
                    self.move_cursor(result.end_location)
                return
        await super()._on_key(event)

    @staticmethod
    def _insertable(event: events.Key) -> bool:
        """Whether the stock ``TextArea`` would insert this key as text."""
        return event.key == "enter" or (event.is_printable and event.character is not None)

    @staticmethod
    def _insertion(event: events.Key) -> str:
        return "\n" if event.key == "enter" else event.character or ""

    # --------------------------------------------------------------- saving
    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _autosave(self) -> None:
        self._timer = None
        self.save_now()

    def save_now(self, *, notify: bool = True, wait: bool = False) -> str | None:
        """Write pending text to the journal.

        Args:
            notify: show a notice if the save fails.
            wait: save before returning (quit, hang-up, leaving the screen);
                otherwise the save runs on the save thread and this returns at once.

        Returns:
            The error when a waited-for save failed, else None.
        """
        self._cancel_timer()
        if self.read_only_reason or not self.dirty:
            return None
        text = self.text
        self._dirty_since = None  # a save is queued: the next change starts a new wait
        if not wait and self._loop is not None and self.is_attached:
            if self._in_flight == text:
                return None
            self._in_flight = text
            with _QUEUEING:
                future = _SAVER.submit(self._save, text)
            loop, generation = self._loop, self._generation
            future.add_done_callback(
                lambda done: loop.call_soon_threadsafe(
                    self._save_finished, generation, text, done, notify
                )
            )
            self.post_message(self.StatusChanged())
            return None
        # Waiting: queue behind any save in flight, so the newest text lands last.
        with _QUEUEING:
            text = self.text
            future = _SAVER.submit(self._save, text)
        try:
            future.result()
        except JournalError as exc:
            self._save_failed(exc.message, notify)
            return exc.message
        self._save_succeeded(text)
        return None

    def _save_finished(
        self, generation: int, text: str, future: Future[object], notify: bool
    ) -> None:
        if generation != self._generation:
            return  # the editor shows another answer now; that save is done anyway
        if self._in_flight == text:
            self._in_flight = None
        error = future.exception()
        if error is None:
            self._save_succeeded(text)
        elif isinstance(error, JournalError):
            self._save_failed(error.message, notify)
        else:
            self._save_failed(f"could not save ({type(error).__name__})", notify)

    def _save_succeeded(self, text: str) -> None:
        self.saved_text = text
        self.last_error = None
        if self.is_attached:
            self.post_message(self.Saved())
            self.post_message(self.StatusChanged())

    def _save_failed(self, message: str, notify: bool) -> None:
        self.last_error = message
        if not self.is_attached:
            return
        self.post_message(self.StatusChanged())
        if notify:
            self.notify(
                f"{message}. Your text is still here; winback will try again.",
                title="Not saved",
                severity="error",
                timeout=8,
                markup=False,
            )
            # Retry later: a full disk or a moved file may recover.
            self._timer = self.set_timer(5, self._autosave)

    # -------------------------------------------------------------- actions
    def action_text_start(self) -> None:
        """Move to the start of the whole text (ctrl+home)."""
        self.move_cursor((0, 0), record_width=True)

    def action_text_end(self) -> None:
        """Move to the end of the whole text (ctrl+end)."""
        self.resume_at_end()

    def action_own_editor(self) -> None:
        """Write this text in your own editor, ``$VISUAL`` / ``$EDITOR`` (ctrl+o)."""
        external_edit.open_in_own_editor(self)

    def action_leave(self) -> None:
        """Leave the editor, keeping (and saving) everything typed."""
        self.save_now()
        self.post_message(self.Left())

    def action_save(self) -> None:
        """Save at once (ctrl+s)."""
        if self.read_only_reason:
            explain = getattr(self.screen, "explain_read_only", None)
            if explain is not None:
                explain()
            return
        if self.save_now(wait=True) is None:
            self.notify("Saved.", timeout=2)
