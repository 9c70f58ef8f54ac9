"""Everyday behaviour of the journal API: creating, refusing bad paths, recovering from misuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from winback_tui.store import Journal, JournalPathError
from winback_tui.store.lock import JournalLock, lock_path_for


def test_a_missing_file_becomes_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        assert not journal.read_only
        assert journal.record_count() == 0
    assert path.exists()
    with Journal.open(path) as journal:
        assert journal.record_count() == 0


def test_read_only_copy_does_not_create_the_file(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    other = JournalLock(path)
    assert other.acquire()
    try:
        with Journal.open(path) as journal:
            assert journal.read_only
        assert not path.exists()
    finally:
        other.release()


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(JournalPathError, match="is a folder"):
        Journal.open(tmp_path)


def test_an_unusable_lock_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    lock_path_for(path).mkdir()  # something in the way of the lock file
    with pytest.raises(JournalPathError) as caught:
        Journal.open(path)
    assert str(lock_path_for(path)) in str(caught.value)
    assert not path.exists()


def test_an_unsavable_setting_does_not_break_later_saves(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        with pytest.raises(TypeError):
            journal.set_setting("bad", {1, 2})  # a set is not JSON
        assert journal.get_setting("bad") is None
        journal.save_reflection(1, "why", "this must still be saved")
        journal.set_setting("good", [1, 2])

    with Journal.open(path) as journal:
        saved = journal.reflection(1, "why")
        assert saved is not None and saved.text == "this must still be saved"
        assert journal.get_setting("good") == [1, 2]
        assert journal.get_setting("bad") is None


def test_opening_removes_temp_files_left_by_a_killed_save(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "kept")
    leftover = tmp_path / f".{path.name}.abc12345.tmp"  # as earlier versions named it
    leftover.write_text("a private half-written copy")
    unrelated = tmp_path / "notes.tmp"
    unrelated.write_text("not ours")
    with Journal.open(path) as journal:
        reflection = journal.reflection(1, "why")
    assert reflection is not None and reflection.text == "kept"
    assert not leftover.exists()
    assert unrelated.exists()


def test_saves_that_reuse_unchanged_tables_write_exactly_the_full_journal(
    tmp_path: Path,
) -> None:
    """The storage re-encodes only changed tables; the file must still be complete."""
    import json

    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "first")
        journal.set_setting("theme", "nord")
        journal.save_reflection(1, "why", "second")
        journal.save_reflection(2, "learning", "other table untouched")
        journal.set_setting("theme", "gruvbox")
        journal.save_reflection(1, "why", "third")
    on_disk = json.loads(path.read_bytes())
    texts = sorted(doc["text"] for doc in on_disk["reflections"].values())
    assert texts == ["other table untouched", "third"]
    assert [doc["value"] for doc in on_disk["settings"].values()] == ["gruvbox"]
    with Journal.open(path) as journal:
        assert journal.get_setting("theme") == "gruvbox"
        found = journal.reflection(1, "why")
        assert found is not None and found.text == "third"


def test_backup_in_the_background_is_written_and_private(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "keep me")
    backup_1 = path.with_name(f"{path.name}.backup-1")
    backup_1.unlink()  # as if today's backup had not been taken yet
    with Journal.open(path, background_backup=True) as journal:
        for thread in threading.enumerate():
            if thread.name == "winback-backup":
                thread.join(timeout=10)
        reflection = journal.reflection(1, "why")
    assert reflection is not None and reflection.text == "keep me"
    assert backup_1.read_bytes() == path.read_bytes()
    assert backup_1.stat().st_mode & 0o777 == 0o600
