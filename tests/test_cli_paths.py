"""Paths the command line must refuse, and messages it must print safely (issue 15).

An export never lands on one of the journal's own files; symbolic links are not
followed where winback creates or chmods; a dangling ``--db`` link, a FIFO or a
device is refused at once; bad import files get one clear line. Every run has its
own HOME and XDG folders, never the real home.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from tests.test_cli import GOOD_TEXT, WINBACK, Run, assert_user_error, home, make_journal, run
from winback_tui import cli
from winback_tui.store import Journal

__all__ = ["home", "run"]  # fixtures, imported for this module's tests


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "journal.json"
    make_journal(path)
    # A backup, a set-aside copy and an upgrade's copy, as winback leaves them.
    for name in ("journal.json.backup-2", "journal.json.damaged-20260101-101010"):
        (path.parent / name).write_bytes(path.read_bytes())
    (path.parent / "journal.json.pre-migration").write_bytes(path.read_bytes())
    return path


def _main_error(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    status = cli.main([str(a) for a in args])
    err = capsys.readouterr().err
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# ------------------------------------------------------- 1. export onto the journal
OWN_FILES = [
    "journal.json",
    "journal.json.lock",
    "journal.json.backup-1",
    "journal.json.backup-2",
    "journal.json.damaged-20260101-101010",
    "journal.json.pre-migration",
    ".journal.json.abcd1234.winback-tmp",
]


@pytest.mark.parametrize("name", OWN_FILES)
@pytest.mark.parametrize("how", ["direct", "symlink", "hardlink"])
def test_export_never_writes_over_one_of_the_journals_files(
    journal: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, how: str
) -> None:
    own = journal.parent / name
    if not own.exists():
        own.write_bytes(b"")
        os.chmod(own, 0o600)
    before = {p.name: p.read_bytes() for p in journal.parent.iterdir() if p.is_file()}
    target = own
    if how == "symlink":
        target = tmp_path / "elsewhere.md"
        target.symlink_to(own)
    elif how == "hardlink":
        target = tmp_path / "elsewhere.md"
        os.link(own, target)
    for fmt in ("markdown", "json"):
        line = _main_error(
            capsys, "--db", journal, "export", "--format", fmt, "-o", target, "--force"
        )
        assert str(target) in line and "--force" in line
    after = {p.name: p.read_bytes() for p in journal.parent.iterdir() if p.is_file()}
    assert after == before
    with Journal.open(journal) as reopened:
        saved = reopened.reflection(1, "why")
    assert saved is not None and saved.text == GOOD_TEXT


def test_export_through_a_symlinked_db_is_refused_too(
    journal: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(journal)
    before = journal.read_bytes()
    line = _main_error(capsys, "--db", link, "export", "-o", link, "--force")
    assert str(journal) in line
    assert journal.read_bytes() == before


def test_export_beside_the_journal_under_another_name_still_works(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = journal.parent / "journal.json.md"
    assert cli.main(["--db", str(journal), "export", "-o", str(target)]) == 0
    assert GOOD_TEXT in target.read_text(encoding="utf-8")


def test_restore_from_the_journal_itself_is_refused(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = sorted(p.name for p in journal.parent.iterdir())
    line = _main_error(capsys, "--db", journal, "restore-backup", "--from", journal, "--force")
    assert "itself" in line
    assert sorted(p.name for p in journal.parent.iterdir()) == names


# ------------------------------------------------------------ 5. lock through a link
def test_a_symlinked_lock_file_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.json"
    make_journal(path)
    lock = path.with_name("journal.json.lock")
    lock.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    victim.chmod(0o644)
    lock.symlink_to(victim)
    line = _main_error(capsys, "--db", path, "import", tmp_path / "missing.json")
    assert "missing.json" in line  # the import file is checked first
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps({"app": "winback", "format": "winback-export", "schema": 1, "tables": {}})
    )
    line = _main_error(capsys, "--db", path, "import", export, "--merge")
    assert str(lock) in line and "symbolic link" in line
    assert victim.read_text() == "someone else's file\n"
    assert _mode(victim) == 0o644
    dangling = tmp_path / "nowhere.txt"
    lock.unlink()
    lock.symlink_to(dangling)
    _main_error(capsys, "--db", path, "import", export, "--merge")
    assert not dangling.exists()


# -------------------------------------------------------------- 6. a dangling --db
def test_a_dangling_db_symlink_is_refused_naming_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault = tmp_path / "vault-not-mounted"
    link = tmp_path / "journal.json"
    link.symlink_to(vault / "deep" / "journal.json")
    for command in (["export"], ["restore-backup", "--list"], ["import", "x.json"], []):
        if command and command[0] == "import":
            continue  # checked below, with a real file
        if not command:
            status = cli.main(["--db", str(link), "restore-backup"])
            assert status == 2
            capsys.readouterr()
            continue
        line = _main_error(capsys, "--db", link, *command)
        assert str(vault / "deep" / "journal.json") in line
    with pytest.raises(Exception, match="does not exist"):
        Journal.open(link)
    assert not vault.exists()


def test_a_dangling_folder_link_on_the_way_is_refused(tmp_path: Path) -> None:
    vault = tmp_path / "mnt" / "vault"
    folder = tmp_path / "notes"
    folder.symlink_to(vault)
    with pytest.raises(Exception, match=str(vault)):
        Journal.open(folder / "sub" / "journal.json")
    assert not vault.exists() and not (tmp_path / "mnt").exists()


# ---------------------------------------------------------- 7. FIFOs and devices
def _no_hang(target: object, *args: object) -> object:
    """Run ``target`` in a thread; fail (instead of hanging the run) if it blocks."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(target(*args)), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "winback blocked on a FIFO"
    return result[0]


def test_a_fifo_as_journal_backup_or_import_file_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (["--db", fifo, "export"], ["--db", fifo, "restore-backup", "--force"]):
        status = _no_hang(cli.main, [str(a) for a in args])
        err = capsys.readouterr().err
        assert status == 2 and str(fifo) in err and "FIFO" in err, err
    assert not (tmp_path / "pipe.lock").exists()

    path = tmp_path / "journal.json"
    make_journal(path)
    status = _no_hang(cli.main, ["--db", str(path), "import", str(fifo), "--merge"])
    err = capsys.readouterr().err
    assert status == 2 and "FIFO" in err, err
    status = _no_hang(
        cli.main, ["--db", str(path), "restore-backup", "--from", str(fifo), "--force"]
    )
    err = capsys.readouterr().err
    assert status == 2 and "FIFO" in err, err
    status = _no_hang(cli.main, ["--db", str(path), "export", "-o", str(fifo), "--force"])
    err = capsys.readouterr().err
    assert status == 2 and "FIFO" in err, err
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # not replaced by the export


def test_a_fifo_in_a_backup_slot_is_skipped_not_read(tmp_path: Path) -> None:
    from winback_tui.store.backup import newest_good_backup

    path = tmp_path / "journal.json"
    make_journal(path)
    path.with_name("journal.json.backup-1").unlink()  # the one opening made
    os.mkfifo(path.with_name("journal.json.backup-1"))
    path.with_name("journal.json.backup-2").symlink_to(path)
    assert _no_hang(newest_good_backup, path) is None


def test_dev_null_as_journal_is_refused_and_no_lock_is_made(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in (["export"], ["restore-backup", "--force"]):
        line = _main_error(capsys, "--db", "/dev/null", *command)
        assert "/dev/null" in line and "device" in line
    assert not os.path.lexists("/dev/null.lock")


# ----------------------------------------------- 9. parent folders under umask 000
def test_default_journal_folders_are_private_under_umask_000(home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "WINBACK_DB"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
    done = subprocess.run(
        [str(WINBACK), "restore-backup", "--list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.umask(0),
    )
    assert done.returncode == 0, done.stderr
    for folder in (
        home / ".local",
        home / ".local" / "share",
        home / ".local" / "share" / "winback",
    ):
        assert _mode(folder) == 0o700, f"{folder} is {oct(_mode(folder))}"


# ------------------------------------------------------------------ 10. bad input
def _export_doc(tables: dict[str, object]) -> dict[str, object]:
    return {"app": "winback", "format": "winback-export", "schema": 1, "tables": tables}


def _setting(value: str) -> str:
    return (
        '{"app": "winback", "format": "winback-export", "schema": 1, "tables": '
        '{"settings": [{"id": 1, "record": {"key": "x", "value": ' + value + "}}]}}"
    )


BAD_IMPORTS = {
    "deep": _setting("[" * 100_000 + "]" * 100_000),
    "long-int": _setting("9" * 5000),
    "1e999": _setting("1e999"),
    "-1e999": _setting("-1e999"),
    "nan": _setting("NaN"),
    "layout": json.dumps(_export_doc({"_layout": [{"id": 1, "record": {"a": 1}}]})),
    "meta": json.dumps(_export_doc({"_meta": [{"id": 1, "record": {"a": 1}}]})),
    "many": json.dumps(_export_doc({f"t{i}": [{"id": 1, "record": {}}] for i in range(20_000)})),
    "escape": json.dumps(_export_doc({"\x1b[2J\x1b[31mred": [{"id": 1, "record": {}}]})),
    "no-value": json.dumps(_export_doc({"settings": [{"id": 1, "record": {"key": "theme"}}]})),
}


@pytest.mark.parametrize("kind", sorted(BAD_IMPORTS))
def test_bad_import_is_refused_with_one_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(BAD_IMPORTS[kind])
    path = tmp_path / "journal.json"
    line = _main_error(capsys, "--db", path, "import", source)
    assert str(source) in line and "nothing was written" in line
    assert "\x1b" not in line and "sys.set_int_max_str_digits" not in line
    assert not path.exists()


def test_export_survives_an_infinite_number_already_in_the_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.set_setting("x", float("inf"))  # as an older winback's import let in
    assert cli.main(["--db", str(path), "export", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["tables"]["settings"][0]["record"]["value"] == "Infinity"
    assert cli.main(["--db", str(path), "export"]) == 0


def test_a_time_zone_out_of_range_gets_one_line(run: Run, journal: Path) -> None:
    result = run("--db", journal, "export", env={"TZ": "UTC+24"})
    assert_user_error(result, "TZ")


def test_an_ascii_terminal_does_not_crash_the_message_after_the_work(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "données"
    path = folder / "journal.json"
    make_journal(path)
    target = folder / "exporté.md"
    result = run("--db", path, "export", "-o", target, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "export\\xe9.md" in result.stdout
    assert GOOD_TEXT in target.read_text(encoding="utf-8")
    failed = run(
        "--db", folder / "nowhere" / "x" / "j.json", "export", env={"PYTHONIOENCODING": "ascii"}
    )
    assert_user_error(failed, "donn\\xe9es")


def test_names_from_files_are_printed_without_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "\x1b]0;owned\x07\x1b[2J"
    path = folder / "journal.json"
    make_journal(path)
    assert cli.main(["--db", str(path), "export", "-o", str(folder / "out.md")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07" in out
