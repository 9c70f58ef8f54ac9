"""The installed ``winback`` command, run as a user would run it (never on the real home).

Starting the app needs a terminal, so these tests observe which journal the command
chose through ``restore-backup --list`` or through the message about a damaged file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest

from winback_tui.store import Journal

WINBACK = Path(sys.executable).parent / "winback"
GOOD_TEXT = "I stopped listening when it mattered."

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private home folder, so no test can reach the user's real journal."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def run(home: Path) -> Run:
    """Run a command with HOME and the XDG folders inside the test's own temp dir."""

    def runner(
        *args: str | Path, env: dict[str, str] | None = None, command: list[str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        base = {k: v for k, v in os.environ.items() if k != "WINBACK_DB"}
        base.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
        )
        base.update(env or {})
        return subprocess.run(
            [*(command or [str(WINBACK)]), *map(str, args)],
            env=base,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )

    return runner


def assert_user_error(result: subprocess.CompletedProcess[str], *names: Path | str) -> str:
    """Exit 2 with one clear line on stderr naming each of ``names``, and no traceback."""
    err = result.stderr
    assert result.returncode == 2, f"exit {result.returncode}\nstdout: {result.stdout}\n{err}"
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
    for name in names:
        assert str(name) in lines[0], f"{name} is not named in: {lines[0]}"
    return lines[0]


def make_journal(path: Path) -> bytes:
    """Create a real journal holding one reflection; return its bytes."""
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", GOOD_TEXT)
    return path.read_bytes()


def test_the_installed_command_exists() -> None:
    assert WINBACK.is_file(), f"{WINBACK} is missing: install the package (pip install -e .)"


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"winback {version('winback')}"


def test_python_dash_m_version(run: Run) -> None:
    result = run("--version", command=[sys.executable, "-m", "winback_tui"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"winback {version('winback')}"


def test_help_documents_the_journal_choice_and_restore(run: Run) -> None:
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for needle in ("--db", "WINBACK_DB", "restore-backup", "--version"):
        assert needle in result.stdout, f"{needle} missing from --help:\n{result.stdout}"


def test_restore_help_documents_its_options(run: Run) -> None:
    result = run("restore-backup", "--help")
    assert result.returncode == 0, result.stderr
    for needle in ("--list", "--from", "--force", "--db"):
        assert needle in result.stdout, f"{needle} missing:\n{result.stdout}"


def test_db_under_a_regular_file_is_refused_cleanly(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder\n")
    result = run("--db", blocker / "sub" / "j.json")
    assert_user_error(result, (blocker / "sub").resolve())
    assert blocker.read_text() == "not a folder\n"


def test_db_at_a_folder_is_refused(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    line = assert_user_error(run("--db", folder), folder.resolve())
    assert "folder" in line
    assert list(folder.iterdir()) == []


def test_empty_journal_is_refused_and_left_alone(run: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    journal.write_bytes(b"")
    before = journal.stat()
    assert_user_error(run("--db", journal), journal.resolve())
    after = journal.stat()
    assert journal.read_bytes() == b""
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert not journal.with_name("journal.json.backup-1").exists()


def test_winback_db_chooses_the_journal(run: Run, tmp_path: Path) -> None:
    chosen = tmp_path / "from-env.json"
    chosen.write_text("{not json")
    assert_user_error(run(env={"WINBACK_DB": str(chosen)}), chosen.resolve())
    assert chosen.read_text() == "{not json"

    result = run("restore-backup", "--list", env={"WINBACK_DB": str(chosen)})
    assert result.returncode == 0, result.stderr
    assert str(chosen.resolve()) in result.stdout


def test_db_wins_over_winback_db(run: Run, tmp_path: Path) -> None:
    from_env = tmp_path / "from-env.json"
    from_flag = tmp_path / "from-flag.json"
    from_flag.write_text("")
    line = assert_user_error(
        run("--db", from_flag, env={"WINBACK_DB": str(from_env)}), from_flag.resolve()
    )
    assert str(from_env) not in line
    assert not from_env.exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_before_or_after_the_sub_command(run: Run, tmp_path: Path, where: str) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal)  # opening a new journal makes its first backup
    args = ["--db", str(journal)]
    command = [*args, "restore-backup", "--list"]
    if where == "after":
        command = ["restore-backup", *args, "--list"]
    result = run(*command)
    assert result.returncode == 0, result.stderr
    assert str(journal.resolve().with_name("journal.json.backup-1")) in result.stdout


def test_list_with_no_backups_says_so(run: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    result = run("restore-backup", "--list", "--db", journal)
    assert result.returncode == 0, result.stderr
    assert f"no backups beside {journal.resolve()}" in result.stdout
    assert not journal.exists()


def test_damaged_journal_names_the_backup_and_restore_brings_it_back(
    run: Run, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.json"
    good = make_journal(journal)
    backup = journal.with_name("journal.json.backup-1")
    shutil.copyfile(journal, backup)
    damaged = good[: len(good) // 2]  # a save cut short
    journal.write_bytes(damaged)

    # Opening refuses, leaves the file alone and points at the backup.
    line = assert_user_error(run("--db", journal), journal.resolve(), backup.resolve())
    assert "restore-backup" in line
    assert journal.read_bytes() == damaged

    result = run("--db", journal, "restore-backup")
    assert result.returncode == 0, result.stderr
    assert journal.read_bytes() == good
    [kept] = tmp_path.glob("journal.json.damaged-*")
    assert kept.read_bytes() == damaged, "the damaged file must be kept aside, not deleted"
    assert str(kept.resolve()) in result.stdout
    with Journal.open(journal) as reopened:
        saved = reopened.reflection(1, "why")
    assert saved is not None and saved.text == GOOD_TEXT


def test_restore_refuses_a_healthy_journal_without_force(run: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal)
    older = tmp_path / "older.json"
    with Journal.open(older) as journal_b:
        journal_b.save_reflection(1, "why", "an older answer")
    before = journal.read_bytes()

    line = assert_user_error(
        run("--db", journal, "restore-backup", "--from", older), journal.resolve()
    )
    assert "--force" in line
    assert journal.read_bytes() == before
    assert not list(tmp_path.glob("journal.json.damaged-*"))

    result = run("--db", journal, "restore-backup", "--from", older, "--force")
    assert result.returncode == 0, result.stderr
    assert journal.read_bytes() == older.read_bytes()
    [kept] = tmp_path.glob("journal.json.damaged-*")
    assert kept.read_bytes() == before


def test_restore_without_a_good_backup_changes_nothing(run: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    journal.write_bytes(b"\x00" * 64)
    journal.with_name("journal.json.backup-1").write_bytes(b"")
    line = assert_user_error(run("--db", journal, "restore-backup"), journal.resolve())
    assert "nothing was changed" in line
    assert journal.read_bytes() == b"\x00" * 64


def test_restore_refuses_while_another_copy_has_the_journal(run: Run, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    make_journal(journal)
    shutil.copyfile(journal, journal.with_name("journal.json.backup-1"))
    with Journal.open(journal):  # this process is now the writer
        before = journal.read_bytes()
        line = assert_user_error(
            run("--db", journal, "restore-backup", "--force"), journal.resolve()
        )
        assert "another winback" in line
        assert journal.read_bytes() == before


def test_restore_into_an_unusable_path_is_refused_cleanly(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    make_journal(good)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder\n")
    result = run("--db", blocker / "sub" / "j.json", "restore-backup", "--from", good)
    assert_user_error(result, (blocker / "sub").resolve())
