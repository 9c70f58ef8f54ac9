"""``winback write`` and ``winback urge``: quick capture from the shell.

The installed command runs in a subprocess (as a user runs it) for the
argument, standard input, the lock and encryption; the ``$EDITOR`` path needs
a terminal on standard input, so it runs in this process with a stand-in
terminal and a fake editor script.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_cli import WINBACK, Run, assert_user_error, home, run  # noqa: F401 (fixtures)
from winback_tui import cli, cli_capture
from winback_tui.store import Journal
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.lock import JournalLock
from winback_tui.store.urges import UrgesRepo

MARKER = "zqxvwcapture"
TODAY = datetime.now().astimezone().date()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "j" / "journal.json"
    with Journal.open(path) as journal:
        journal.set_setting("welcome_seen", True)
    return path


def entries(path: Path, passphrase: str | None = None) -> list[tuple[date, str, int | None]]:
    header = Journal.encryption(path)
    vault = header.unlock(path, passphrase) if header is not None and passphrase else None
    with Journal.open(path, vault=vault) as journal:
        return [(e.day, e.text, e.step) for e in EntriesRepo(journal).all() if e.id]


def mood_of(path: Path, day: date) -> int | None:
    with Journal.open(path) as journal:
        entry = EntriesRepo(journal).on(day)
        return entry.mood if entry else None


Piped = Callable[..., "subprocess.CompletedProcess[bytes]"]


@pytest.fixture
def piped(home: Path) -> Piped:  # noqa: F811
    """Run the installed command with bytes on its standard input (bytes in and out)."""

    def runner(data: bytes, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
        environment = {k: v for k, v in os.environ.items() if k != "WINBACK_DB"}
        environment.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
        return subprocess.run(
            [str(WINBACK), *map(str, args)],
            input=data,
            capture_output=True,
            env=environment,
            timeout=60,
            check=False,
        )

    return runner


# ------------------------------------------------------------------ write
def test_write_with_an_argument_adds_an_entry_for_today(run: Run, db: Path) -> None:  # noqa: F811
    done = run("write", "--db", db, f"Coffee with Sam {MARKER}. 😀 שלום", "--step", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"saved a new journal entry for {TODAY.isoformat()} (today): 5 words, step 2"
    )
    assert MARKER not in done.stdout + done.stderr  # never the text itself
    assert entries(db) == [(TODAY, f"Coffee with Sam {MARKER}. 😀 שלום", 2)]


def test_several_words_are_joined_and_a_mood_is_the_days(run: Run, db: Path) -> None:  # noqa: F811
    done = run("write", "--db", db, "--mood", "4", "a", "good", "day")
    assert done.returncode == 0, done.stderr
    assert "mood 4/5 (good)" in done.stdout
    assert entries(db) == [(TODAY, "a good day", None)]
    assert mood_of(db, TODAY) == 4


def test_two_writes_the_same_day_give_two_entries(run: Run, db: Path) -> None:  # noqa: F811
    assert run("write", "--db", db, "morning").returncode == 0
    assert run("write", "--db", db, "evening").returncode == 0
    assert [text for _, text, _ in entries(db)] == ["morning", "evening"]


def test_write_reads_standard_input(piped: Piped, db: Path) -> None:
    done = piped(f"from a pipe {MARKER}\nsecond line\n\n".encode(), "write", "--db", db)
    assert done.returncode == 0, done.stderr
    assert b"6 words" in done.stdout and MARKER.encode() not in done.stdout
    assert entries(db) == [(TODAY, f"from a pipe {MARKER}\nsecond line", None)]


def test_a_megabyte_on_standard_input_is_one_entry(piped: Piped, db: Path) -> None:
    text = "I keep writing, in many words. " * 40_000  # about 1.2 MB
    done = piped(text.encode(), "write", "--db", db)
    assert done.returncode == 0, done.stderr
    assert b"240000 words" in done.stdout
    assert entries(db) == [(TODAY, text.rstrip(), None)]


def test_right_to_left_and_emoji_on_standard_input(piped: Piped, db: Path) -> None:
    text = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 🌧️→🌤️ e\u0301"
    done = piped(text.encode(), "write", "--db", db)
    assert done.returncode == 0, done.stderr
    assert entries(db) == [(TODAY, text, None)]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"half\x00binary", "NUL bytes"),
        (b"\xff\xfe\x00l", "NUL bytes"),
        (b"caf\xe9", "not UTF-8"),
    ],
    ids=["empty", "blank", "nul", "binary", "latin-1"],
)
def test_empty_or_binary_input_is_refused_and_nothing_saved(
    piped: Piped,
    db: Path,
    data: bytes,
    why: str,
) -> None:
    before = db.read_bytes()
    done = piped(data, "write", "--db", db)
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and why in lines[0] and "Traceback" not in lines[0], done.stderr
    assert db.read_bytes() == before


def test_write_for_a_missed_day(run: Run, db: Path) -> None:  # noqa: F811
    missed = TODAY - timedelta(days=3)
    done = run("write", "--db", db, "--date", missed.isoformat(), "a day I skipped")
    assert done.returncode == 0, done.stderr
    assert f"for {missed.isoformat()} ({missed:%A})" in done.stdout
    assert entries(db) == [(missed, "a day I skipped", None)]


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("--date", (TODAY + timedelta(days=1)).isoformat(), "in the future"),
        ("--date", "2026-02-30", "not a day of the calendar"),
        ("--date", "yesterday", "YYYY-MM-DD"),
        ("--date", "20260301", "YYYY-MM-DD"),
        ("--mood", "6", "--mood is a whole number from 1 to 5"),
        ("--mood", "0", "--mood is a whole number from 1 to 5"),
        ("--mood", "two", "--mood is a whole number from 1 to 5"),
        ("--step", "5", "--step is a whole number from 1 to 4"),
        ("--step", "-1", "--step is a whole number from 1 to 4"),
    ],
)
def test_bad_values_are_one_line_and_change_nothing(
    run: Run,  # noqa: F811
    db: Path,
    option: str,
    value: str,
    needle: str,
) -> None:
    before = db.read_bytes()
    line = assert_user_error(run("write", "--db", db, option, value, "some text"))
    assert needle in line
    assert db.read_bytes() == before


def test_a_mood_alone_saves_the_mood_and_adds_no_entry(run: Run, db: Path) -> None:  # noqa: F811
    done = run("write", "--db", db, "--mood", "2")  # standard input is /dev/null: no text
    assert done.returncode == 0, done.stderr
    assert "no entry was added" in done.stdout
    assert entries(db) == [] and mood_of(db, TODAY) == 2


def test_write_makes_a_missing_journal(run: Run, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "new" / "journal.json"
    assert run("write", "--db", path, "the very first words").returncode == 0
    assert entries(path) == [(TODAY, "the very first words", None)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_is_refused_on_a_damaged_journal(run: Run, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "journal.json"
    path.write_bytes(b'{"_meta": {"1": {"schema": 1')
    assert_user_error(run("write", "--db", path, "text"), path)
    assert path.read_bytes() == b'{"_meta": {"1": {"schema": 1'


# ------------------------------------------------------------------ the lock
@pytest.fixture
def held(db: Path) -> Iterator[JournalLock]:
    """The journal's lock, held by this process as an open winback holds it."""
    lock = JournalLock(db)
    assert lock.acquire()
    yield lock
    lock.release()


def test_write_waits_then_refuses_while_winback_holds_the_journal(
    run: Run,  # noqa: F811
    db: Path,
    held: JournalLock,
) -> None:
    before = db.read_bytes()
    done = run("write", "--db", db, f"words {MARKER}")
    line = assert_user_error(done, db)
    assert "open on" in line and "your text was not saved" in line
    assert MARKER not in done.stdout + done.stderr
    assert db.read_bytes() == before
    held.release()
    assert run("write", "--db", db, "now it goes in").returncode == 0
    assert [text for _, text, _ in entries(db)] == ["now it goes in"]


def test_urge_waits_then_refuses_while_winback_holds_the_journal(
    run: Run,  # noqa: F811
    db: Path,
    held: JournalLock,
) -> None:
    before = db.read_bytes()
    line = assert_user_error(run("urge", "--db", db, "--strength", "3"), db)
    assert "the urge was not noted here" in line
    assert db.read_bytes() == before


# ------------------------------------------------------------- encryption
def _secret(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "secret"
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def encrypted(run: Run, db: Path, tmp_path: Path) -> Path:  # noqa: F811
    done = run("encrypt", "--db", db, "--passphrase-file", _secret(tmp_path, "open sesame"))
    assert done.returncode == 0, done.stderr
    return db


def _plain_anywhere(folder: Path, marker: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]


def test_write_and_urge_on_an_encrypted_journal_leave_no_plain_text(
    run: Run,  # noqa: F811
    piped: Piped,
    encrypted: Path,
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret"
    done = run("write", "--db", encrypted, "--passphrase-file", secret, f"secret {MARKER}")
    assert done.returncode == 0, done.stderr
    piped_done = piped(
        f"piped {MARKER}".encode(),
        "write",
        "--db",
        encrypted,
        "--passphrase-file",
        secret,
    )
    assert piped_done.returncode == 0, piped_done.stderr
    urge = run(
        "urge",
        "--db",
        encrypted,
        "--passphrase-file",
        secret,
        "--strength",
        "4",
        "--trigger",
        f"saw {MARKER}",
    )
    assert urge.returncode == 0, urge.stderr
    assert _plain_anywhere(encrypted.parent, MARKER) == []
    assert [t for _, t, _ in entries(encrypted, "open sesame")] == [
        f"secret {MARKER}",
        f"piped {MARKER}",
    ]


def test_a_wrong_passphrase_saves_nothing(run: Run, encrypted: Path, tmp_path: Path) -> None:  # noqa: F811
    before = encrypted.read_bytes()
    wrong = tmp_path / "wrong"
    wrong.write_text("not it\n")
    done = run("write", "--db", encrypted, "--passphrase-file", wrong, "text")
    line = assert_user_error(done)
    assert "passphrase" in line.lower()
    assert encrypted.read_bytes() == before


def test_an_encrypted_journal_without_a_terminal_says_how(run: Run, encrypted: Path) -> None:  # noqa: F811
    done = subprocess.run(
        [str(WINBACK), "write", "--db", str(encrypted), "text"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # no controlling terminal to ask on
        timeout=60,
        check=False,
    )
    line = assert_user_error(done)
    assert "--passphrase-file" in line and "not saved" in line


# ------------------------------------------------------------------- urge
def test_urge_notes_one_with_the_pause_and_one_better_move(run: Run, db: Path) -> None:  # noqa: F811
    done = run("urge", "--db", db, "--strength", "4", "--trigger", "saw a photo")
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert "noted an urge (4/5)" in line and "10 minutes" in line and "Meanwhile:" in line
    assert "nothing was sent" in line
    with Journal.open(db) as journal:
        (urge,) = UrgesRepo(journal).all()
    assert (urge.strength, urge.trigger, urge.trigger_note) == (4, "other", "saw a photo")


def test_urge_takes_the_pause_from_the_config_file(run: Run, db: Path, tmp_path: Path) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text("[coach]\nurge_pause_minutes = 25\n")
    done = run("--config", config, "urge", "--db", db, "--strength", "3")
    assert done.returncode == 0, done.stderr
    assert "25 minutes" in done.stdout
    with Journal.open(db) as journal:
        (urge,) = UrgesRepo(journal).all()
    assert urge.pause_minutes == 25


def test_urge_knows_the_triggers_by_id(run: Run, db: Path) -> None:  # noqa: F811
    done = run("urge", "--db", db, "--strength", "2", "--trigger", "lonely", "--note", "Sunday")
    assert done.returncode == 0, done.stderr
    with Journal.open(db) as journal:
        (urge,) = UrgesRepo(journal).all()
    assert (urge.trigger, urge.trigger_note) == ("lonely", "Sunday")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "how strong is it?"),
        (("--strength", "6"), "from 1 to 5"),
        (("--strength", "0"), "from 1 to 5"),
        (("--strength", "3", "--note", "x" * 501), "500 characters"),
    ],
)
def test_urge_bad_values_are_one_line_and_change_nothing(
    run: Run,  # noqa: F811
    db: Path,
    args: tuple[str, ...],
    needle: str,
) -> None:
    before = db.read_bytes()
    assert needle in assert_user_error(run("urge", "--db", db, *args))
    assert db.read_bytes() == before


def test_help_documents_the_lock_and_the_sources(run: Run) -> None:  # noqa: F811
    write = run("write", "--help").stdout
    for needle in ("--mood", "--step", "--date", "$EDITOR", "standard input", "waits about"):
        assert needle in " ".join(write.split()), write
    urge = run("urge", "--help").stdout
    assert "--strength" in urge and "waits about" in " ".join(urge.split())


# ------------------------------------------------------------------ $EDITOR
class FakeTerminal(io.StringIO):
    """Standard input as a terminal: ``isatty`` is true; answers are read from it."""

    def isatty(self) -> bool:
        return True


def _editor(tmp_path: Path, body: str) -> tuple[Path, Path]:
    """A fake editor script; it logs its file's path and modes to the returned log."""
    log = tmp_path / "editor.log"
    script = tmp_path / "fake-editor"
    script.write_text(
        "#!/bin/sh\n"
        f'log="{log}"\n'
        'echo "$1" > "$log"\n'
        'stat -c %a "$1" >> "$log"\n'
        'stat -c %a "$(dirname "$1")" >> "$log"\n'
        f"{body}\n"
    )
    script.chmod(0o700)
    return script, log


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeTerminal:
    terminal = FakeTerminal("")
    monkeypatch.setattr("sys.stdin", terminal)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("WINBACK_DB", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-such-runtime-dir"))
    monkeypatch.setattr(cli_capture, "LOCK_WAIT_SECONDS", 0.3)
    return terminal


def test_write_opens_the_editor_on_a_private_file_removed_afterwards(
    at_a_terminal: FakeTerminal,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script, log = _editor(tmp_path, f'printf "typed in my editor {MARKER}\\n" > "$1"')
    monkeypatch.setenv("EDITOR", str(script))
    assert cli.main(["write", "--db", str(db), "--step", "3"]) == 0
    out = capsys.readouterr().out
    assert "5 words, step 3" in out and MARKER not in out
    assert entries(db) == [(TODAY, f"typed in my editor {MARKER}", 3)]
    scratch, file_mode, folder_mode = log.read_text().split()
    assert (file_mode, folder_mode) == ("600", "700")
    assert Path(scratch).parent.parent == db.parent  # beside the journal, no runtime dir
    assert not Path(scratch).exists() and not Path(scratch).parent.exists()


def test_write_uses_the_config_files_editor_before_editor(
    at_a_terminal: FakeTerminal,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine, _log = _editor(tmp_path, 'printf "from the configured editor" > "$1"')
    other = tmp_path / "other-editor"
    other.write_text('#!/bin/sh\nprintf "from EDITOR" > "$1"\n')
    other.chmod(0o700)
    config = tmp_path / "config.toml"
    config.write_text(f'editor = "{mine}"\n')
    monkeypatch.setenv("EDITOR", str(other))
    monkeypatch.setenv("WINBACK_CONFIG", str(config))
    assert cli.main(["write", "--db", str(db)]) == 0
    assert entries(db) == [(TODAY, "from the configured editor", None)]


def test_an_editor_that_fails_saves_nothing(
    at_a_terminal: FakeTerminal,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script, log = _editor(tmp_path, 'printf "half written" > "$1"; exit 3')
    monkeypatch.setenv("EDITOR", str(script))
    before = db.read_bytes()
    assert cli.main(["write", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "exit code 3" in err and "Nothing was saved" in err
    assert db.read_bytes() == before
    assert not Path(log.read_text().split()[0]).parent.exists()


def test_an_editor_that_empties_the_file_saves_nothing(
    at_a_terminal: FakeTerminal,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script, _log = _editor(tmp_path, ': > "$1"')
    monkeypatch.setenv("EDITOR", str(script))
    before = db.read_bytes()
    assert cli.main(["write", "--db", str(db)]) == 2
    assert "the text is empty" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_no_editor_at_a_terminal_says_how_to_give_text(
    at_a_terminal: FakeTerminal,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    assert cli.main(["write", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert 'winback write "..."' in err and "$EDITOR" in err


def test_the_editor_is_not_opened_while_winback_holds_the_journal(
    at_a_terminal: FakeTerminal,
    db: Path,
    held: JournalLock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script, log = _editor(tmp_path, 'printf "words" > "$1"')
    monkeypatch.setenv("EDITOR", str(script))
    assert cli.main(["write", "--db", str(db)]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert not log.exists()  # nothing was typed, so nothing could be lost


class ReleasingTerminal(FakeTerminal):
    """A terminal whose person closes the other winback, then answers ``y``."""

    def __init__(self, lock: JournalLock) -> None:
        super().__init__("")
        self.lock = lock
        self.asked = 0

    def readline(self, size: int | None = -1) -> str:
        self.asked += 1
        self.lock.release()
        return "y\n"


def test_text_typed_in_the_editor_waits_for_winback_to_close(
    at_a_terminal: FakeTerminal,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lock = JournalLock(db)
    # winback starts while the editor is open: the journal is free before it, held after.
    script, _log = _editor(tmp_path, f'printf "typed while it opened {MARKER}" > "$1"')
    monkeypatch.setenv("EDITOR", str(script))
    real_edit = cli_capture._from_editor

    def edit_then_open_winback(path: Path, encrypted: bool, configured: str | None) -> str:
        text = real_edit(path, encrypted, configured)
        assert lock.acquire()
        return text

    monkeypatch.setattr(cli_capture, "_from_editor", edit_then_open_winback)
    terminal = ReleasingTerminal(lock)
    monkeypatch.setattr("sys.stdin", terminal)
    assert cli.main(["write", "--db", str(db)]) == 0
    assert terminal.asked == 1
    assert entries(db) == [(TODAY, f"typed while it opened {MARKER}", None)]


def test_the_editor_on_an_encrypted_journal_comes_after_a_warning(
    at_a_terminal: FakeTerminal,
    encrypted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    script, log = _editor(tmp_path, f'printf "sealed {MARKER}" > "$1"')
    monkeypatch.setenv("EDITOR", str(script))
    secret = str(tmp_path / "secret")
    at_a_terminal.write("n\n")
    at_a_terminal.seek(0)
    assert cli.main(["write", "--db", str(encrypted), "--passphrase-file", secret]) == 2
    assert "unencrypted" in capsys.readouterr().err
    assert not log.exists()  # declined: the editor never opened

    monkeypatch.setattr("sys.stdin", FakeTerminal("y\n"))
    assert cli.main(["write", "--db", str(encrypted), "--passphrase-file", secret]) == 0
    assert [t for _, t, _ in entries(encrypted, "open sesame")] == [f"sealed {MARKER}"]
    assert _plain_anywhere(encrypted.parent, MARKER) == []


def test_the_json_export_keeps_entries_written_from_the_shell(run: Run, db: Path) -> None:  # noqa: F811
    assert run("write", "--db", db, "one").returncode == 0
    assert run("write", "--db", db, "two").returncode == 0
    exported = run("export", "--db", db, "--format", "json")
    document = json.loads(exported.stdout)
    texts = [item["record"]["text"] for item in document["tables"]["entries"]]
    assert document["schema"] == 3 and texts == ["one", "two"]
