"""An encrypted journal in a real terminal: unlock, three wrong tries, the idle lock.

The journal is made the way a user makes one (``winback encrypt``), with the
passphrase in a file (``--passphrase-file``, for scripts and tests only); the
passphrase is then typed into the unlock screen like a user types it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from ptyterm import PtyTerm, squash
from winback_ui import (
    EDITOR_HINT,
    EXIT_USER_ERROR,
    STEP_TITLES,
    Spawn,
    open_step_editor,
    wait_home,
)

pytestmark = pytest.mark.e2e

PASSPHRASE = "correct horse battery"
#: A word that must never reach the disk as plain text.
MARKER = "qzxplaintextmarker"
#: What the unlock screen says: before the app, and after the idle lock.
UNLOCK_PROMPT = "is encrypted. Passphrase:"
LOCKED_PROMPT = "winback is locked. Passphrase:"
#: Seconds without a key before the idle lock, for this test only.
IDLE_SECONDS = 3.0


def _encrypted_journal(winback: Path, journal: Path, tmp_path: Path) -> Path:
    """``winback encrypt`` a new journal; return the passphrase file (outside its folder)."""
    secret = tmp_path / "secret"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    done = subprocess.run(
        [winback, "encrypt", "--db", journal, "--passphrase-file", secret],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return secret


def _type_passphrase(term: PtyTerm, passphrase: str, prompt: str) -> None:
    term.wait_for(prompt, 15)
    term.wait_for(lambda screen: "Checking" not in screen, 15)
    term.send(passphrase + "\r")


def test_three_wrong_passphrases_end_with_a_clear_message(
    spawn: Spawn, journal: Path, tmp_path: Path, winback_exe: Path
) -> None:
    _encrypted_journal(winback_exe, journal, tmp_path)
    before = journal.read_bytes()
    # Not stderr_pipe: Textual draws on stderr; the message lands on the main screen.
    term = spawn()
    for attempt in range(3):
        term.wait_for(UNLOCK_PROMPT, 15)
        if attempt:
            term.wait_for(f"{3 - attempt} tr", 15)  # "2 tries left", "1 try left"
        _type_passphrase(term, f"not it {attempt}", UNLOCK_PROMPT)
    code = term.wait_exit(30)
    assert code == EXIT_USER_ERROR, term.dump()
    for said in ("3 wrong tries", "Nothing was changed", "winback passphrase --recover"):
        assert term.contains(said), term.dump()
    assert "Traceback" not in term.screen_text()
    assert journal.read_bytes() == before


def test_unlock_type_idle_lock_unlock_keeps_and_saves_the_text(
    spawn: Spawn, journal: Path, tmp_path: Path, winback_exe: Path
) -> None:
    secret = _encrypted_journal(winback_exe, journal, tmp_path)
    # The autosave waits a minute: only the lock itself can save the text.
    term = spawn(
        env={
            "WINBACK_TEST_IDLE_LOCK_SECONDS": str(IDLE_SECONDS),
            "WINBACK_TEST_AUTOSAVE_DELAY": "60",
        }
    )
    _type_passphrase(term, PASSPHRASE, UNLOCK_PROMPT)
    wait_home(term, 15)
    open_step_editor(term, 1)
    words = f"{MARKER} the quiet evenings"
    term.send(words)
    term.wait_for(words)

    # No key for IDLE_SECONDS: the lock screen replaces everything.
    term.wait_for(LOCKED_PROMPT, IDLE_SECONDS + 10)
    term.wait_quiet(0.3)
    shown = squash(term.screen_text())
    for hidden in (MARKER, "quiet evenings", EDITOR_HINT, *STEP_TITLES):
        assert squash(hidden) not in shown, f"{hidden!r} shows behind the lock\n{term.dump()}"

    _type_passphrase(term, PASSPHRASE, LOCKED_PROMPT)
    term.wait_for(words, 15)
    term.wait_for("· saved")  # saved as the screen locked, and still in the editor
    # Focus is back in the editor: more typing lands after the kept words.
    term.wait_for(EDITOR_HINT)
    term.send(" again")
    term.wait_for(words + " again")
    term.wait_for("· unsaved")
    term.send("\x13")  # ctrl+s: save now
    term.wait_for("· saved", 10)
    term.send_escape()
    term.send("q")
    assert term.wait_exit(15) == 0, term.dump()

    exported = subprocess.run(
        [winback_exe, "export", "--format", "json", "--db", journal, "--passphrase-file", secret],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr
    assert words + " again" in exported.stdout

    leaks = [
        path
        for path in journal.parent.rglob("*")
        if path.is_file() and MARKER.encode() in path.read_bytes()
    ]
    assert not leaks, f"plain text on disk in {leaks}"
