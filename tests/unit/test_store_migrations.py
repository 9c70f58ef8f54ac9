"""Forward migrations: an older journal is upgraded on open, with the old file kept."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from winback_tui.store import Journal, JournalCorruptError, schema
from winback_tui.store.lock import JournalLock

OLD = schema.SCHEMA_VERSION


def _to_next(data: schema.Data) -> schema.Data:
    """An example migration: every reflection gains a ``mood`` field."""
    for doc in data.get("reflections", {}).values():
        doc["mood"] = "unknown"
    return data


def _then_settings(data: schema.Data) -> schema.Data:
    """A second step: a setting records that the upgrade ran."""
    data.setdefault("settings", {})["1"] = {"key": "upgraded", "value": True}
    return data


def _old_journal(path: Path) -> bytes:
    """A journal written at the current (soon to be old) schema version."""
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "written before the upgrade")
    return path.read_bytes()


def _on_disk(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_bytes())
    return loaded


def _schema_on_disk(path: Path) -> int:
    return int(next(iter(_on_disk(path)[schema.META_TABLE].values()))["schema"])


def test_older_journal_is_migrated_forward_and_the_old_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    original = _old_journal(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", OLD + 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {OLD: _to_next, OLD + 1: _then_settings})

    with Journal.open(path) as journal:
        assert not journal.read_only
        reflection = journal.reflection(1, "why")
        assert reflection is not None and reflection.text == "written before the upgrade"
        assert journal.get_setting("upgraded") is True
        journal.save_reflection(1, "why", "written after the upgrade")

    assert _schema_on_disk(path) == OLD + 2
    (doc,) = _on_disk(path)["reflections"].values()
    assert doc["mood"] == "unknown" and doc["text"] == "written after the upgrade"
    kept = path.with_name(f"{path.name}.pre-migration")
    assert kept.read_bytes() == original
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    # Opening again does not migrate again, nor touch the kept copy.
    with Journal.open(path) as journal:
        assert journal.get_setting("upgraded") is True
    assert kept.read_bytes() == original


def test_read_only_opener_migrates_in_memory_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    original = _old_journal(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", OLD + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {OLD: _then_settings})
    other_copy = JournalLock(path)  # stands for a second winback holding the journal
    assert other_copy.acquire()
    try:
        with Journal.open(path) as journal:
            assert journal.read_only
            assert journal.get_setting("upgraded") is True  # it can still read
            reflection = journal.reflection(1, "why")
            assert reflection is not None and reflection.text == "written before the upgrade"
    finally:
        other_copy.release()

    assert path.read_bytes() == original
    assert not path.with_name(f"{path.name}.pre-migration").exists()


def test_missing_migration_step_refuses_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    original = _old_journal(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", OLD + 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {OLD: _to_next})  # no step from OLD + 1

    with pytest.raises(JournalCorruptError, match="cannot be upgraded") as caught:
        Journal.open(path)

    assert str(path) in str(caught.value)
    assert path.read_bytes() == original
    assert not path.with_name(f"{path.name}.pre-migration").exists()
