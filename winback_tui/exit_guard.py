"""SIGHUP and SIGTERM lead to save-and-exit within the deadline, whatever the app is doing.

asyncio's ``loop.add_signal_handler`` only notes a signal by writing a byte into
the loop's self-pipe, and runs the handler when the loop next reads that pipe.
The same pipe wakes the loop for every ``call_soon_threadsafe``, and Textual's
input thread makes one such call per key: under a burst of keystrokes (a paste
typed as keys) the pipe is full, the signal's byte is dropped (``EAGAIN``) and
the handler never runs. The process then kept the journal's lock for good.

Here nothing depends on the loop:

- a plain ``signal.signal`` handler runs in the main thread between two
  bytecodes, full pipe or not, and asks the loop for the graceful path (save,
  then leave) with ``call_soon_threadsafe``, which may fail to wake the loop:
  the callback is queued all the same;
- the C-level signal handler also writes the signal number to a pipe of our
  own (``signal.set_wakeup_fd``), which only signals use, so it never fills. A
  watchdog thread reads it and starts the deadline even if the main thread is
  stuck in a call that never returns to Python. If the graceful path has not
  saved within :data:`GRACE`, the watchdog saves the pending text itself (the
  store is safe to call from any thread), then ends the process with
  ``os._exit`` at :data:`DEADLINE`, which also drops the journal's lock.

Every other signal with a Python handler reaches that pipe too; for those the
watchdog wakes the loop, so a handler such as Textual's for SIGWINCH (a resize)
runs at once even when the kernel handed the signal to another thread.

Nothing here imports Textual: the app passes in what to call.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from types import FrameType

#: How long the graceful path (on the UI thread) has to save before the watchdog does.
GRACE = 0.7
#: The process is gone by then, whatever happens (the promise to the user is 2 s).
DEADLINE = 1.5
SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def _nothing(_signum: int) -> None:
    """A callback that only wakes the loop (its thread then runs pending handlers)."""


class ExitGuard:
    """Turns SIGHUP and SIGTERM into a save and an exit within :data:`DEADLINE`.

    Args:
        graceful: called on the event loop's thread with the signal number; it
            saves, calls :meth:`saved`, then starts the app's normal exit.
        emergency_save: called on the watchdog thread with the seconds left if
            :meth:`saved` was not called within ``grace``; it saves the pending
            text without the UI thread's help.
        grace: seconds the graceful path has to save.
        deadline: seconds after the signal at which the process ends.
        hard_exit: ends the process (``os._exit``; tests pass a stub).
    """

    def __init__(
        self,
        graceful: Callable[[int], None],
        emergency_save: Callable[[float], object],
        *,
        grace: float = GRACE,
        deadline: float = DEADLINE,
        hard_exit: Callable[[int], object] = os._exit,
    ) -> None:
        self._graceful = graceful
        self._emergency_save = emergency_save
        self._grace = grace
        self._deadline = deadline
        self._hard_exit = hard_exit
        self._saved = threading.Event()
        self._started = threading.Lock()
        self.signum: int | None = None
        self.emergency_used = False
        self._loop_call: Callable[[Callable[[int], None], int], object] | None = None
        self._signals: frozenset[int] = frozenset()

    # ------------------------------------------------------------ installing
    def attach(self, call_soon_threadsafe: Callable[[Callable[[int], None], int], object]) -> None:
        """Say how to reach the event loop (its ``call_soon_threadsafe``)."""
        self._loop_call = call_soon_threadsafe

    def install(
        self,
        call_soon_threadsafe: Callable[[Callable[[int], None], int], object],
        signals: Iterable[int] = SIGNALS,
    ) -> None:
        """Install the handlers (from the main thread) and start the watchdog.

        Args:
            call_soon_threadsafe: the event loop's method of that name.
            signals: the signals that mean "save and leave".
        """
        self.attach(call_soon_threadsafe)
        self._signals = frozenset(int(s) for s in signals)
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        # Every signal with a Python handler (SIGWINCH too) writes its number here.
        signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        for sig in self._signals:
            signal.signal(sig, self._on_signal)
        threading.Thread(
            target=self._watch, args=(read_end,), name="winback-exit-guard", daemon=True
        ).start()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        # The main thread, between two bytecodes: do little, never block.
        self.deliver(signum)

    def deliver(self, signum: int) -> None:
        """What the signal handler does: start the deadline, ask for the graceful path."""
        self.fire(signum)
        if self._loop_call is not None:
            # Queued even when the loop's self-pipe is full and cannot wake it;
            # RuntimeError once the loop is closed (the app is leaving anyway).
            with contextlib.suppress(RuntimeError):
                self._loop_call(self._graceful, signum)

    def _watch(self, read_end: int) -> None:
        while True:
            try:
                data = os.read(read_end, 512)
            except InterruptedError:
                continue
            except OSError:
                return
            if not data:
                return
            for number in data:
                if number in self._signals:
                    self.fire(number)
                else:
                    self._wake(number)

    def _wake(self, signum: int) -> None:
        """Wake the event loop so the main thread runs ``signum``'s Python handler.

        The kernel may hand a signal to any thread; then the main thread, asleep
        in the loop's wait, runs the handler only once something else wakes it.
        A terminal resized while nothing else happens (SIGWINCH, Textual's
        handler) stayed undrawn until the next key.
        """
        if self._loop_call is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: leaving
                self._loop_call(_nothing, signum)

    # -------------------------------------------------------------- the path
    def fire(self, signum: int) -> None:
        """Start the deadline for ``signum`` (once; later calls do nothing)."""
        if not self._started.acquire(blocking=False):
            return
        self.signum = signum
        threading.Thread(
            target=self._run_deadline, name="winback-exit-deadline", daemon=True
        ).start()

    def saved(self) -> None:
        """Tell the guard the graceful path has saved everything it could."""
        self._saved.set()

    def _run_deadline(self) -> None:
        start = time.monotonic()
        if not self._saved.wait(self._grace):
            self.emergency_used = True
            left = self._deadline - (time.monotonic() - start)
            # In a thread of its own, so a save stuck on a dying disk cannot
            # hold the exit past the deadline.
            saver = threading.Thread(
                target=self._save_quietly, args=(left,), name="winback-exit-save", daemon=True
            )
            saver.start()
            saver.join(max(0.0, left))
        # The graceful path may still be restoring the terminal (or stuck on a
        # dead one): the process goes at the deadline whatever it is doing.
        time.sleep(max(0.0, self._deadline - (time.monotonic() - start)))
        self._hard_exit(0)

    def _save_quietly(self, left: float) -> None:
        with contextlib.suppress(Exception):
            self._emergency_save(left)
