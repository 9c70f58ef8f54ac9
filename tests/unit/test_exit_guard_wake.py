"""Every signal the exit guard's pipe carries wakes the event loop (a resize is drawn at once).

The guard owns the process's wake-up fd (``signal.set_wakeup_fd``). A signal the
kernel hands to a thread other than the main one runs its Python handler only
when the main thread next wakes: for Textual's SIGWINCH handler that meant a
terminal resized while nothing else happened stayed undrawn until the next key.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from winback_tui.exit_guard import ExitGuard


def _guard(calls: list[tuple[object, int]]) -> ExitGuard:
    guard = ExitGuard(lambda _signum: None, lambda _left: None, hard_exit=lambda _code: None)
    guard.attach(lambda callback, signum: calls.append((callback, signum)))
    guard._signals = frozenset({signal.SIGTERM, signal.SIGHUP})
    return guard


def test_the_watchdog_wakes_the_loop_for_every_other_signal() -> None:
    calls: list[tuple[object, int]] = []
    guard = _guard(calls)
    read_end, write_end = os.pipe()
    os.write(write_end, bytes([signal.SIGWINCH, signal.SIGCHLD]))
    os.close(write_end)
    guard._watch(read_end)  # returns at the pipe's end
    os.close(read_end)
    assert [signum for _callback, signum in calls] == [signal.SIGWINCH, signal.SIGCHLD]
    assert guard.signum is None  # none of them is a reason to leave


def test_a_closed_loop_is_no_error() -> None:
    guard = ExitGuard(lambda _signum: None, lambda _left: None, hard_exit=lambda _code: None)

    def closed(_callback: object, _signum: int) -> None:
        raise RuntimeError("Event loop is closed")

    guard.attach(closed)
    guard._wake(signal.SIGWINCH)  # raises nothing


def test_a_resize_sent_to_another_thread_runs_its_handler_while_the_main_thread_sleeps() -> None:
    # The main thread blocks SIGWINCH, so the kernel hands it to another
    # thread, and the loop has nothing else to wake it (no timer, no input):
    # only the guard's wake-up lets the main thread run the handler. Without
    # it the handler never runs, and the child's own deadline ends it.
    script = textwrap.dedent(
        """
        import asyncio, os, signal, sys, threading
        from winback_tui.exit_guard import ExitGuard

        def give_up():
            print("not handled", flush=True)
            os._exit(0)

        async def main():
            loop = asyncio.get_running_loop()
            handled = asyncio.Event()
            signal.signal(signal.SIGWINCH, lambda *_: handled.set())
            guard = ExitGuard(lambda _s: None, lambda _l: None, hard_exit=lambda _c: None)
            guard.install(loop.call_soon_threadsafe)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGWINCH})
            threading.Timer(10, give_up).start()
            threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGWINCH)).start()
            await handled.wait()
            print("handled", flush=True)
            os._exit(0)

        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "handled", done.stdout + done.stderr
