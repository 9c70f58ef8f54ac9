"""Rolling backups: at most three, at most one a day, private, and restorable."""

from __future__ import annotations

import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.store import Journal, JournalCorruptError
from winback_tui.store import backup as backups
from winback_tui.store.lock import JournalLock

DAY = date(2031, 3, 14)


def _text_in(path: Path) -> str | None:
    """The answer to the test prompt held by a journal or backup file."""
    with Journal.open(path) as journal:
        found = journal.reflection(1, "why")
    return found.text if found else None


def _open_and_write(path: Path, day: date, text: str) -> None:
    with Journal.open(path, today=day) as journal:
        journal.save_reflection(1, "why", text)


def _existing(path: Path) -> list[Path]:
    return [p for p in backups.backup_paths(path) if p.exists()]


def _copy_out(slot: Path, tmp_path: Path) -> Path:
    """Copy a backup elsewhere to read it without rotating the real ones."""
    target = tmp_path / "peek" / slot.name / "journal.json"
    target.parent.mkdir(parents=True)
    target.write_bytes(slot.read_bytes())
    return target


def test_backups_rotate_once_a_day_and_keep_three(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.json"
    _open_and_write(path, DAY, "day 0, first start")
    assert _existing(path) == backups.backup_paths(path)[:1]
    first = backups.backup_paths(path)[0].read_bytes()

    # More starts the same day: no new backup, the morning's one is kept as it was.
    _open_and_write(path, DAY, "day 0, second start")
    _open_and_write(path, DAY, "day 0, third start")
    assert _existing(path) == backups.backup_paths(path)[:1]
    assert backups.backup_paths(path)[0].read_bytes() == first

    for offset in range(1, 6):
        day = DAY + timedelta(days=offset)
        _open_and_write(path, day, f"day {offset}, first start")
        _open_and_write(path, day, f"day {offset}, second start")

    slots = backups.backup_paths(path)
    assert _existing(path) == slots  # three, never a fourth
    assert not path.with_name(f"{path.name}.backup-4").exists()
    # Newest first; each holds the journal as it stood when that day began.
    held = [_text_in(_copy_out(slot, tmp_path)) for slot in slots]
    assert held == ["day 4, second start", "day 3, second start", "day 2, second start"]
    for slot in slots:
        assert stat.S_IMODE(slot.stat().st_mode) == 0o600
    assert _text_in(path) == "day 5, second start"


def test_read_only_copy_does_not_rotate(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _open_and_write(path, DAY, "mine")
    holder = JournalLock(path)
    assert holder.acquire()
    try:
        with Journal.open(path, today=DAY + timedelta(days=1)) as journal:
            assert journal.read_only
        assert _existing(path) == backups.backup_paths(path)[:1]
    finally:
        holder.release()


def test_restore_moves_the_damaged_file_aside_and_the_journal_loads(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _open_and_write(path, DAY, "what I wrote on day 0")
    _open_and_write(path, DAY + timedelta(days=1), "what I wrote on day 1")
    damaged = path.read_bytes()[:-40]
    path.write_bytes(damaged)

    with pytest.raises(JournalCorruptError) as caught:
        Journal.open(path)
    good = caught.value.backup
    assert good == backups.backup_paths(path)[0]

    lock = JournalLock(path)
    assert lock.acquire()
    try:
        kept = backups.restore(path, good, datetime(2031, 3, 16, 9, 30, 0))
    finally:
        lock.release()

    # The damaged file was moved aside, not deleted: it may hold the latest words.
    assert kept is not None and kept.read_bytes() == damaged
    assert kept.name == "journal.json.damaged-20310316-093000"
    assert _text_in(path) == "what I wrote on day 0"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert good.exists()  # the backup itself is kept too


def test_two_restores_in_one_second_keep_both_damaged_files(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _open_and_write(path, DAY, "day 0")
    _open_and_write(path, DAY + timedelta(days=1), "day 1")
    good = backups.backup_paths(path)[0]
    moment = datetime(2031, 3, 16, 9, 30, 0)

    path.write_bytes(b"first damage")
    first = backups.restore(path, good, moment)
    path.write_bytes(b"second damage")
    second = backups.restore(path, good, moment)

    assert first is not None and second is not None and first != second
    assert first.read_bytes() == b"first damage"
    assert second.read_bytes() == b"second damage"
    assert _text_in(path) == "day 0"


def test_restoring_a_bad_backup_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _open_and_write(path, DAY, "keep me")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x00")
    before = path.read_bytes()

    with pytest.raises(JournalCorruptError):
        backups.restore(path, bad, datetime(2031, 3, 16))

    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))
