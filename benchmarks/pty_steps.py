"""Timing keys in a real pty: wait until the program is idle, send, wait for the screen.

Shared by ``bench_scale.py``'s steps; see its module doc for why a key waits
for an idle program, not merely a silent one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from ptyterm import ExitTimeout, PtyTerm

Check = Callable[[str], bool]


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user and system, all threads) ``pid`` has used; ``None`` without ``/proc``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # Fields 14 and 15 of proc(5) (utime, stime); the split starts at field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(term: PtyTerm, quiet: float, timeout: float) -> None:
    """Read until the program has used under a tenth of a CPU for ``quiet`` seconds.

    Quiet output is not enough: a worker thread (the timeline reading the journal
    again when a screen above it closes, the day's backup) can run for seconds
    without writing a byte, and a key sent meanwhile measures that thread too.
    Without ``/proc`` this is :meth:`PtyTerm.wait_quiet`.
    """
    deadline = time.monotonic() + timeout
    before = cpu_seconds(term.pid)
    while before is not None:
        term.pump(quiet)
        now = cpu_seconds(term.pid)
        if now is None or now - before < quiet / 10:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"still busy after {timeout:.0f} s\n{term.dump()}")
        before = now
    term.wait_quiet(quiet, timeout)


def key_to(term: PtyTerm, keys: str, shown: Check, timeout: float, quiet: float) -> float:
    """Type ``keys`` in one write, once the program is idle; seconds until ``shown``.

    Only output after the keys counts. Then wait for the output to settle.
    """
    wait_idle(term, quiet, timeout)
    mark = term.mark()
    sent = time.monotonic()
    term.send(keys)

    def changed(screen: str) -> bool:
        return term.bytes_since(mark) > 0 and shown(screen)

    at = term.wait_for(changed, timeout=timeout)
    term.wait_quiet(quiet, timeout=timeout)
    return max(0.0, at - sent)


def key_to_both(
    term: PtyTerm, keys: str, first: Check, then: Check, timeout: float, quiet: float
) -> tuple[float, float]:
    """As :func:`key_to`, for a screen that answers twice: seconds to ``first``, to ``then``."""
    wait_idle(term, quiet, timeout)
    mark = term.mark()
    sent = time.monotonic()
    term.send(keys)
    at = term.wait_for(lambda screen: term.bytes_since(mark) > 0 and first(screen), timeout)
    done = term.wait_for(lambda screen: term.bytes_since(mark) > 0 and then(screen), timeout)
    term.wait_quiet(quiet, timeout=timeout)
    return max(0.0, at - sent), max(0.0, done - sent)


def finish(term: PtyTerm) -> int:
    """SIGTERM (winback saves, then exits), SIGKILL if that is not enough; peak RSS KiB."""
    term.signal(signal.SIGTERM)
    with contextlib.suppress(ExitTimeout):
        term.wait_exit(30)
    term.close()
    return term.peak_rss_kib or 0
