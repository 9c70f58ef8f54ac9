"""``winback write`` while the app itself is open on the journal, in a real pty."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from winback_ui import EXIT_USER_ERROR, Spawn, wait_home

pytestmark = pytest.mark.e2e


def _write(winback: Path, journal: Path, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(winback), "write", "--db", str(journal), text],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def test_write_refuses_while_the_app_is_open_then_works_once_it_is_closed(
    spawn: Spawn, journal: Path, winback_exe: Path
) -> None:
    app = spawn()
    wait_home(app)
    before = journal.read_bytes()
    refused = _write(winback_exe, journal, "zqx while the app is open")
    assert refused.returncode == EXIT_USER_ERROR, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "your text was not saved" in lines[0], refused.stderr
    assert "zqx" not in refused.stderr + refused.stdout
    assert journal.read_bytes() == before
    assert "zqx" not in app.screen_text()
    app.send("q")
    assert app.wait_exit(5) == 0
    done = _write(winback_exe, journal, "zqx after the app closed")
    assert done.returncode == 0, done.stderr
    assert "saved a new journal entry" in done.stdout
