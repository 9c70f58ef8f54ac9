"""Signals a terminal session sends: the app saves, then goes, promptly and completely."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from ptyterm import ExitTimeout, PtyTerm
from winback_ui import Spawn, journal_holds, open_step_editor, wait_home, wait_started

pytestmark = pytest.mark.e2e

#: How long a user (or systemd, or sshd) waits before it counts as hanging.
EXIT_WITHIN = 2.0


def _sigterm(term: PtyTerm) -> None:
    term.signal(signal.SIGTERM)


def _sighup(term: PtyTerm) -> None:
    term.signal(signal.SIGHUP)


def _hangup(term: PtyTerm) -> None:
    """Close the terminal itself, as a dropped SSH link does (the kernel sends SIGHUP)."""
    term.hangup()


Ending = Callable[[PtyTerm], None]
ENDINGS: dict[str, Ending] = {"SIGTERM": _sigterm, "SIGHUP": _sighup, "hangup": _hangup}
ending = pytest.mark.parametrize("end", ENDINGS.values(), ids=ENDINGS.keys())


def _ends_promptly(term: PtyTerm, end: Ending) -> None:
    end(term)
    try:
        term.wait_exit(EXIT_WITHIN)
    except ExitTimeout:
        pytest.fail(f"winback still running {EXIT_WITHIN}s after {end.__name__.strip('_')}")
    assert not term.group_alive(), "a process of winback's group is left behind"


@ending
def test_signal_ends_the_app_promptly_leaving_no_process(spawn: Spawn, end: Ending) -> None:
    term = spawn()
    wait_started(term)
    _ends_promptly(term, end)


@ending
def test_signal_saves_text_typed_since_the_last_save(
    spawn: Spawn, journal: Path, end: Ending
) -> None:
    term = spawn()
    wait_home(term)
    open_step_editor(term, 1)
    words = "still unsaved – café at 9"  # non-ASCII on purpose: typed as UTF-8
    term.send(words)
    last_key = time.monotonic()
    term.wait_for(words)  # the app has read every key: it is on screen
    delay = time.monotonic() - last_key
    if journal_holds(journal, words):
        # The autosave (0.8 s after the last key) beat the signal: nothing pending.
        pytest.skip(f"autosave ran before the signal ({delay * 1000:.0f} ms after the key)")
    _ends_promptly(term, end)
    assert journal_holds(journal, words), (
        f"the text typed {delay * 1000:.0f} ms before the signal was lost"
    )
