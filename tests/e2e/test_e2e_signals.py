"""Signals a terminal session sends: the app saves, then goes, promptly and completely."""

from __future__ import annotations

import random
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from ptyterm import ExitTimeout, PtyTerm, squash
from winback_ui import (
    Spawn,
    journal_holds,
    journal_strings,
    open_step_editor,
    wait_home,
    wait_started,
)

from winback_tui.store import Journal

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
    # The autosave is put off (a test-only variable), so the text is certainly
    # unsaved when the signal comes: only the signal path can save it.
    term = spawn(env={"WINBACK_TEST_AUTOSAVE_DELAY": "60"})
    wait_home(term)
    open_step_editor(term, 1)
    words = "still unsaved – café at 9"  # non-ASCII on purpose: typed as UTF-8
    term.send(words)
    term.wait_for(words)  # the app has read every key: it is on screen
    term.wait_for("words · unsaved")  # the status line, not the text itself
    assert not journal_holds(journal, words)
    _ends_promptly(term, end)
    assert journal_holds(journal, words), "the text typed before the signal was lost"


#: A paste typed as keystrokes (tmux paste-buffer without -p, a slow SSH link):
#: no bracketed paste, just thousands of keys queued in the terminal.
BURST_CHARS = 6000
#: SIGHUP, SIGTERM and a closed terminal, 10 runs in all.
BURST_RUNS = ["SIGHUP"] * 4 + ["SIGTERM"] * 3 + ["hangup"] * 3


def _burst_text(seed: int) -> str:
    rng = random.Random(seed)
    words = ("sad", "okay", "café", "tomorrow", "walk", "breathe", "😀", "no")
    text = " ".join(rng.choice(words) for _ in range(BURST_CHARS // 4))
    return text[:BURST_CHARS]


def _editor_rows(screen: str) -> str:
    """What the focused editor shows (inside its double border), squashed."""
    rows = [line for line in screen.splitlines() if line.count("║") >= 2]
    inner = [line[line.index("║") + 1 : line.rindex("║")] for line in rows]
    return squash("".join(inner))


@pytest.mark.parametrize(("run", "how"), list(enumerate(BURST_RUNS)))
def test_signal_during_a_keystroke_burst_saves_and_exits_in_time(
    spawn: Spawn, journal: Path, run: int, how: str
) -> None:
    term = spawn()
    wait_home(term)
    open_step_editor(term, 1)
    text = _burst_text(run)
    term.send(text)  # queued in the pty at once; the app reads it as keys
    rng = random.Random(run)
    # Let the app take part of the burst, then signal while keys are still coming.
    term.wait_for(lambda screen: len(_editor_rows(screen)) > 40)
    term.pump(rng.uniform(0.0, 0.4))
    shown = _editor_rows(term.screen_text())
    _ends_promptly(term, ENDINGS[how])

    saved = [s for s in journal_strings(journal) if s[:8] == text[:8]]
    assert saved, "nothing of the burst reached the journal"
    on_disk = max(saved, key=len)
    assert text.startswith(on_disk), "the journal holds text that was never typed"
    assert shown[-40:] in squash(on_disk), "text that was on screen was lost"
    # The lock went with the process: a new copy is the writer.
    with Journal.open(journal) as again:
        assert not again.read_only
