"""A damaged, foreign or newer file is refused with a clear error and left exactly as it was."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from winback_tui.store import (
    Journal,
    JournalCorruptError,
    JournalError,
    JournalForeignError,
    JournalTooNewError,
    schema,
)
from winback_tui.store.backup import backup_paths

DAY = date(2031, 3, 14)


def _good_journal_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "model" / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "It ended because we stopped talking. " * 20)
        journal.set_setting("theme", "dark")
    return path.read_bytes()


def _newer_schema() -> bytes:
    meta = {"app": schema.APP_ID, "schema": schema.SCHEMA_VERSION + 1, "created": "2030-01-01"}
    return json.dumps({schema.META_TABLE: {"1": meta}, "reflections": {}}).encode()


BAD_FILES: dict[str, tuple[bytes | None, type[JournalError]]] = {
    # None: built from a real journal by the test (truncated halfway).
    "empty": (b"", JournalCorruptError),
    "whitespace": (b" \n\t\n", JournalCorruptError),
    "truncated": (None, JournalCorruptError),
    "nul-filled": (b"\x00" * 4096, JournalCorruptError),
    "not-json": (b"Dear diary,\nthis is not JSON.\n", JournalCorruptError),
    "not-utf8": (b'{"_meta": "\xff\xfe"}', JournalCorruptError),
    "json-list": (b"[1, 2, 3]", JournalForeignError),
    "stock-tinydb": (b'{"_default": {"1": {"name": "shopping list"}}}', JournalForeignError),
    "other-app": (b'{"_meta": {"1": {"app": "notwinback", "schema": 1}}}', JournalForeignError),
    "no-version": (b'{"_meta": {"1": {"app": "winback"}}}', JournalCorruptError),
    "damaged-table": (
        b'{"_meta": {"1": {"app": "winback", "schema": 1}}, "reflections": []}',
        JournalCorruptError,
    ),
    "newer-schema": (_newer_schema(), JournalTooNewError),
}


def _bad_bytes(case: str, tmp_path: Path) -> bytes:
    raw = BAD_FILES[case][0]
    if raw is None:
        good = _good_journal_bytes(tmp_path)
        raw = good[: len(good) // 2]
    return raw


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in a folder: its bytes and modification time."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.iterdir()
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_refused_and_left_untouched(tmp_path: Path, case: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "journal.json"
    path.write_bytes(_bad_bytes(case, tmp_path))
    before = _snapshot(folder)

    with pytest.raises(JournalError) as caught:
        Journal.open(path, today=DAY)

    assert type(caught.value) is BAD_FILES[case][1]
    assert str(path) in str(caught.value)
    assert caught.value.path == path
    # Byte-identical, not rewritten, and no backup was made from the bad file.
    assert _snapshot(folder) == before
    assert not any(p.exists() for p in backup_paths(path))


def test_newer_schema_message_says_to_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(_newer_schema())
    with pytest.raises(JournalTooNewError, match="upgrade winback"):
        Journal.open(path)


def _journal_with_backups(tmp_path: Path) -> Path:
    """A journal written over three days: backup-1 holds day two, backup-2 day one."""
    path = tmp_path / "data" / "journal.json"
    for offset, text in enumerate(["day one", "day two", "day three"]):
        with Journal.open(path, today=DAY + timedelta(days=offset)) as journal:
            journal.save_reflection(1, "why", text)
    return path


@pytest.mark.parametrize("case", ["empty", "truncated", "nul-filled", "not-json", "stock-tinydb"])
def test_error_offers_the_newest_good_backup(tmp_path: Path, case: str) -> None:
    path = _journal_with_backups(tmp_path)
    path.write_bytes(_bad_bytes(case, tmp_path))
    before = _snapshot(path.parent)

    with pytest.raises(JournalCorruptError) as caught:
        Journal.open(path, today=DAY + timedelta(days=3))

    newest = backup_paths(path)[0]
    assert caught.value.backup == newest
    assert str(newest) in str(caught.value)
    assert str(path) in str(caught.value)
    assert _snapshot(path.parent) == before  # the good backups were not pushed out


def test_a_damaged_newest_backup_is_skipped(tmp_path: Path) -> None:
    path = _journal_with_backups(tmp_path)
    first, second, _ = backup_paths(path)
    first.write_bytes(b"\x00" * 100)
    path.write_bytes(b"")

    with pytest.raises(JournalCorruptError) as caught:
        Journal.open(path, today=DAY + timedelta(days=3))

    assert caught.value.backup == second
    assert str(second) in str(caught.value)
    assert first.read_bytes() == b"\x00" * 100
