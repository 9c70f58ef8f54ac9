"""``winback accept-edit``: keep a deliberate hand edit after seeing what changed."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from winback_tui import cli
from winback_tui.store import Journal, JournalMismatchError

DAY = date(2031, 3, 14)


def _journal_with_backup(path: Path) -> None:
    with Journal.open(path, today=DAY) as journal:
        journal.save_reflection(1, "why", "I feel sad today.\nAnd tired.")
        journal.set_setting("theme", "nord")
    with Journal.open(path, today=DAY + timedelta(days=1)):
        pass  # backup-1 now holds the journal as saved


def _edit_by_hand(path: Path) -> bytes:
    edited = path.read_bytes().replace(b"I feel sad today.", b"I feel calm today.")
    path.write_bytes(edited)
    return edited


def test_accept_edit_shows_the_change_then_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    _journal_with_backup(path)
    edited = _edit_by_hand(path)
    with pytest.raises(JournalMismatchError):
        Journal.open(path)

    # Not on a terminal and no --yes: shows the change, changes nothing.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["accept-edit", "--db", str(path)]) == cli.EXIT_USER_ERROR
    shown = capsys.readouterr()
    assert "table 'reflections': 1 record changed" in shown.out
    assert "-I feel sad today." in shown.out and "+I feel calm today." in shown.out
    assert "settings" not in shown.out
    assert "--yes" in shown.err
    assert path.read_bytes() == edited

    # Asked on a terminal, the answer is no: nothing changes.
    answers = io.StringIO("n\n")
    answers.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", answers)
    assert cli.main(["accept-edit", "--db", str(path)]) == cli.EXIT_USER_ERROR
    assert path.read_bytes() == edited
    capsys.readouterr()

    assert cli.main(["accept-edit", "--db", str(path), "--yes"]) == 0
    assert "kept the edit" in capsys.readouterr().out
    with Journal.open(path) as journal:
        found = journal.reflection(1, "why")
        assert found is not None and found.text == "I feel calm today.\nAnd tired."
        assert journal.get_setting("theme") == "nord"
    # Nothing left to accept.
    assert cli.main(["accept-edit", "--db", str(path)]) == 0
    assert "nothing to accept" in capsys.readouterr().out


def test_restore_backup_treats_a_mismatched_journal_as_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.json"
    _journal_with_backup(path)
    edited = _edit_by_hand(path)
    # No --force needed: the journal does not load.
    assert cli.main(["restore-backup", "--db", str(path)]) == 0
    capsys.readouterr()
    with Journal.open(path) as journal:
        found = journal.reflection(1, "why")
        assert found is not None and found.text.startswith("I feel sad today.")
    kept = list(tmp_path.glob("journal.json.damaged-*"))
    assert [k.read_bytes() for k in kept] == [edited]


def test_a_damaged_backup_is_not_offered_as_good(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal_with_backup(path)
    backup = path.with_name("journal.json.backup-1")
    backup.write_bytes(backup.read_bytes().replace(b"sad", b"cad"))
    _edit_by_hand(path)
    with pytest.raises(JournalMismatchError) as caught:
        Journal.open(path)
    # backup-1 is skipped; backup-2 (the journal as first created) is good.
    assert caught.value.backup == path.with_name("journal.json.backup-2")


def test_accept_edit_sees_and_keeps_an_edit_of_a_large_tables_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_store_segments import Notes, _made, _segments, storage

    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
    monkeypatch.setattr(storage, "SEGMENT_AFTER", 64)
    path = _made(tmp_path, False)
    with Journal.open(path, today=DAY):
        pass  # backup-1: shares the parts this journal has now
    with Journal.open(path) as journal:
        Notes(journal)._update(2, {"text": "after the backup"})
        journal.set_setting("theme", "nord")  # saved by the app: not part of the edit
    part = _segments(path)[0]  # the new part of record 2, which the backup does not share
    part.write_bytes(part.read_bytes().replace(b"after the backup", b"edited by hand!"))
    with pytest.raises(JournalMismatchError) as refused:
        Journal.open(path)
    assert "accept-edit" in str(refused.value)  # what the refusal offers must work

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["accept-edit", "--db", str(path)]) == cli.EXIT_USER_ERROR
    shown = capsys.readouterr().out
    assert f"table 'notes': 4 records in 1 part that does not match the index ({part.name})" in (
        shown
    )
    assert "-note 1" in shown and "+edited by hand!" in shown
    assert "record 2: text" in shown
    # Neither the records of the parts that match nor the app's own saves are listed.
    assert "record 5" not in shown and "settings" not in shown

    assert cli.main(["accept-edit", "--db", str(path), "--yes"]) == 0
    assert "kept the edit" in capsys.readouterr().out
    with Journal.open(path) as journal:
        notes = dict(Notes(journal)._all())
    assert notes[2] == {"text": "edited by hand!"}
    assert notes[30] == {"text": "note 29"} and len(notes) == 30


def test_a_part_changed_after_the_review_is_not_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_store_segments import _made, _segments, storage
    from winback_tui.store.accept import accept_edit, review_edit
    from winback_tui.store.errors import JournalCorruptError

    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
    monkeypatch.setattr(storage, "SEGMENT_AFTER", 64)
    path = _made(tmp_path, False)
    part = _segments(path)[2]
    part.write_bytes(part.read_bytes().replace(b"note 9", b"note X"))
    review = review_edit(path)
    assert review is not None and review.tables == ["notes"]
    part.write_bytes(part.read_bytes().replace(b"note X", b"note Y"))  # after the review
    before = path.read_bytes()
    with pytest.raises(JournalCorruptError, match="changed since it was reviewed"):
        accept_edit(review)
    assert path.read_bytes() == before
