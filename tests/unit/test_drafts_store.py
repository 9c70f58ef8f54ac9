"""Drafts and mindset ratings round-trip through the journal file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.domain.readiness import Mindset
from winback_tui.store import Journal, JournalReadOnlyError
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.reconnect import MindsetRepo


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_drafts_round_trip_with_history_and_ready(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "j.json"
    with Journal.open(path, clock=clock) as journal:
        repo = DraftsRepo(journal)
        first = repo.create("To Sam 💌")
        second = repo.create("")
        repo.save_text(first.id, "Hello שלום 👋")
        clock.now += timedelta(days=1)
        repo.save_text(first.id, "Hello again")
        repo.rename(second.id, "  Second\nthought ")
        ready = repo.mark_ready(first.id, clock.now)
        assert ready.ready_at == clock.now
    with Journal.open(path, clock=clock) as journal:
        drafts = DraftsRepo(journal).all()
        assert [d.title for d in drafts] == ["To Sam 💌", "Second thought"]
        assert drafts[0].text == "Hello again"
        assert [v.text for v in drafts[0].versions] == ["Hello שלום 👋"]
        assert drafts[0].ready_at == clock.now
        assert drafts[1].title == "Second thought" and drafts[1].text == ""
        # Editing a ready draft makes it rest again.
        edited = DraftsRepo(journal).save_text(drafts[0].id, "Hello, changed")
        assert edited.ready_at is None
        assert DraftsRepo(journal).get(drafts[0].id).ready_at is None


def test_untitled_and_missing(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.json") as journal:
        repo = DraftsRepo(journal)
        assert repo.create("   ").title == "Untitled draft"
        with pytest.raises(KeyError):
            repo.get(99)
        with pytest.raises(TypeError):
            repo.save_text(1, None)  # type: ignore[arg-type]


def test_a_megabyte_draft_round_trips(tmp_path: Path) -> None:
    text = "Calm words, e\u0301, مرحبا, 😊.\n" * 40_000
    path = tmp_path / "j.json"
    with Journal.open(path) as journal:
        repo = DraftsRepo(journal)
        repo.save_text(repo.create("Big").id, text)
    with Journal.open(path) as journal:
        assert DraftsRepo(journal).all()[0].text == text


def test_mindset_one_per_day(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    day = date(2026, 3, 12)
    with Journal.open(path) as journal:
        repo = MindsetRepo(journal)
        repo.rate(Mindset(day, 2, 3, 4))
        repo.rate(Mindset(day, 4, 4, 5))
        repo.rate(Mindset(day - timedelta(days=1), 1, 1, 1))
    with Journal.open(path) as journal:
        repo = MindsetRepo(journal)
        assert repo.on(day) == Mindset(day, 4, 4, 5)
        assert [m.day for m in repo.all()] == [day - timedelta(days=1), day]
        assert repo.on(day + timedelta(days=1)) is None


def test_read_only_copy_refuses_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    with Journal.open(path) as writer:
        draft = DraftsRepo(writer).create("Mine")
        with Journal.open(path) as reader:
            assert reader.read_only
            with pytest.raises(JournalReadOnlyError):
                DraftsRepo(reader).save_text(draft.id, "lost?")
            with pytest.raises(JournalReadOnlyError):
                DraftsRepo(reader).create("another")
            with pytest.raises(JournalReadOnlyError):
                MindsetRepo(reader).rate(Mindset(date(2026, 3, 12), 3, 3, 3))
        assert [d.title for d in DraftsRepo(writer).all()] == ["Mine"]
