"""Journal files seen from the command line: damaged files, a second copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from winback_ui import EXIT_USER_ERROR, Spawn, wait_home

pytestmark = pytest.mark.e2e

DAMAGED = {
    "empty": b"",
    "truncated": b'{"_meta": {"1": {"schema": 1',
    "garbage": b"\x00\x00\x00\x00\xff\xfe not json",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_journal_is_one_line_on_stderr_and_exit_2(
    spawn: Spawn, journal: Path, content: bytes
) -> None:
    journal.write_bytes(content)
    term = spawn(stderr_pipe=True)
    assert term.wait_exit(10) == EXIT_USER_ERROR
    lines = term.stderr_text.splitlines()
    assert len(lines) == 1, term.stderr_text
    assert journal.name in lines[0]
    assert "Traceback" not in term.stderr_text
    # Nothing else reached the terminal: no full-screen app, no traceback.
    assert b"\x1b[?1049h" not in term.raw
    assert b"Traceback" not in term.raw
    assert journal.read_bytes() == content, "the damaged file must be left untouched"


def test_second_copy_on_the_same_journal_is_read_only(spawn: Spawn) -> None:
    first = spawn()
    wait_home(first)
    second = spawn()
    wait_home(second)
    second.wait_for(lambda screen: "read-only" in screen.lower())
    assert "read-only" not in first.screen_text().lower(), first.dump()

    second.send("q")
    assert second.wait_exit(5) == 0
    first.send("q")
    assert first.wait_exit(5) == 0
