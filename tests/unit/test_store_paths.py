"""The store's own paths (issue 15): temp files swept, read-only places opened read-only."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.unit.readonly_fs import read_only_folder
from winback_tui import cli
from winback_tui.store import Journal, JournalError, JournalReadOnlyError
from winback_tui.store.paths import STALE_AFTER, TEMP_SUFFIX, sweep_temp_files

TEXT = "what I wrote before the disk went read-only"


def _make(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", TEXT)


# ------------------------------------------------------------ 8. temp files
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from winback_tui.store.atomic import atomic_write

    def pieces():
        yield b"a partial private copy of the journal" * 1000
        print("writing", flush=True)
        sys.stdin.readline()  # killed here, half-way through the write
        yield b"never written"

    atomic_write(Path(sys.argv[1]), pieces())
    """
)


def _killed_writer(target: Path) -> Path:
    """Run a real atomic_write (as ``export -o`` does) and SIGKILL it mid-write."""
    before = set(target.parent.iterdir())
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        left = [p for p in set(target.parent.iterdir()) - before]
        assert len(left) == 1 and left[0].name.endswith(TEMP_SUFFIX)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert left[0].exists()
    return left[0]


def _age(path: Path, seconds: float = STALE_AFTER + 60) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_killed_export_leaves_no_temp_file_after_the_next_export(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _make(path)
    out = tmp_path / "out" / "export.md"
    out.parent.mkdir()
    leftover = _killed_writer(out)
    _age(leftover)
    assert cli.main(["--db", str(path), "export", "-o", str(out)]) == 0
    assert not leftover.exists()
    assert TEXT in out.read_text(encoding="utf-8")


def test_a_killed_palette_export_or_save_is_swept_when_the_journal_opens(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.json"
    _make(path)
    leftovers = [
        _killed_writer(path.with_name("journal-export-20260101-101010.md")),
        _killed_writer(path),
        _killed_writer(path.with_name("journal.json.backup-1")),
    ]
    for leftover in leftovers:
        _age(leftover)
    # Files winback did not make are never touched, however old.
    mine = [tmp_path / "notes.tmp", tmp_path / ".journal.json.mine.tmp", tmp_path / "a.winback-tmp"]
    for other in mine:
        other.write_text("not winback's")
        _age(other)
    with Journal.open(path) as journal:
        assert journal.reflection(1, "why") is not None
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in mine)


def test_a_temp_file_still_being_written_is_never_swept(tmp_path: Path) -> None:
    target = tmp_path / "export.md"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        (busy,) = [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
        _age(busy)  # old, but its writer is alive and holds its lock
        assert sweep_temp_files(tmp_path) == []
        assert busy.exists()
        # A fresh one (just made, maybe not locked yet) is left alone too.
        fresh = tmp_path / f".x.abcdefgh{TEMP_SUFFIX}"
        fresh.write_text("just created")
        assert sweep_temp_files(tmp_path) == []
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.close()
        child.wait(30)
    assert target.exists() and not busy.exists()


def test_a_symlink_with_the_temp_suffix_is_not_followed_or_removed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / f".x.abcdefgh{TEMP_SUFFIX}"
    link.symlink_to(victim)
    _age(link)
    _age(victim)
    assert sweep_temp_files(tmp_path) == []
    assert link.is_symlink() and victim.read_text() == "keep me"


# ------------------------------------------------- 11. read-only file system
def test_a_journal_on_a_read_only_file_system_opens_read_only(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "ro", lambda f: _make(f / "journal.json")) as folder:
        path = folder / "journal.json"
        with Journal.open(path) as journal:
            assert journal.read_only and journal.unwritable
            assert journal.read_only_reason is not None
            assert "read-only file system" in journal.read_only_reason
            saved = journal.reflection(1, "why")
            assert saved is not None and saved.text == TEXT
            with pytest.raises(JournalReadOnlyError, match="read-only file system"):
                journal.save_reflection(1, "why", "changed")
        # A new journal cannot be made there: refused, not faked in memory.
        with pytest.raises(JournalError, match="read-only file system"):
            Journal.open(folder / "new.json")


def test_import_into_a_read_only_file_system_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.json"
    source.write_text('{"app": "winback", "format": "winback-export", "schema": 1, "tables": {}}')
    with read_only_folder(tmp_path / "ro", lambda f: _make(f / "journal.json")) as folder:
        status = cli.main(["--db", str(folder / "journal.json"), "import", str(source), "--merge"])
        err = capsys.readouterr().err
        assert status == 2 and "read-only file system" in err, err
        assert cli.main(["--db", str(folder / "journal.json"), "export"]) == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through any mode bits")
def test_a_read_only_folder_opens_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "journal.json"
    _make(path)
    path.with_name("journal.json.lock").unlink()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with Journal.open(path) as journal:
            assert journal.unwritable and journal.read_only
            assert journal.read_only_reason and str(folder) in journal.read_only_reason
    finally:
        folder.chmod(0o700)


def test_a_read_only_journal_file_is_opened_read_only_and_left_so(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _make(path)
    path.chmod(0o400)
    if os.access(path, os.W_OK):
        pytest.skip("root writes through any mode bits")
    with Journal.open(path) as journal:
        assert journal.unwritable
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
