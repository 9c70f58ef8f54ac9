"""Journal entries: several a day, a mood per day, step tags and versions like reflections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.domain.journal_entries import EntryError, mood_label
from winback_tui.store import Journal, JournalReadOnlyError
from winback_tui.store.entries import EntriesRepo


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path: Path, clock: Clock) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    yield journal
    journal.close()


TODAY = date(2026, 3, 12)


def test_an_entry_with_text_mood_and_step_survives_reopening(
    journal: Journal, tmp_path: Path, clock: Clock
) -> None:
    repo = EntriesRepo(journal)
    repo.save_text(TODAY, "Coffee with Sam. Felt lighter. 😀 שלום")
    repo.save_mood(TODAY, 4)
    repo.save_step(TODAY, 2)
    journal.close()
    with Journal.open(tmp_path / "journal.json", clock=clock) as again:
        entry = EntriesRepo(again).on(TODAY)
        assert entry is not None
        assert entry.text == "Coffee with Sam. Felt lighter. 😀 שלום"
        assert (entry.mood, entry.step) == (4, 2)
        assert entry.created_at == clock.now


def test_saving_without_an_id_changes_the_days_first_entry(journal: Journal) -> None:
    repo = EntriesRepo(journal)
    repo.save_text(TODAY, "first")
    repo.save_text(TODAY, "second")
    repo.save_text(TODAY - timedelta(days=1), "yesterday")
    assert [(e.day, e.text) for e in repo.all()] == [
        (TODAY - timedelta(days=1), "yesterday"),
        (TODAY, "second"),
    ]


def test_an_empty_save_on_a_new_day_stores_nothing(journal: Journal) -> None:
    repo = EntriesRepo(journal)
    entry = repo.save_text(TODAY, "")
    assert entry.text == "" and repo.all() == []


def test_a_mood_alone_makes_an_entry(journal: Journal) -> None:
    repo = EntriesRepo(journal)
    repo.save_mood(TODAY, 2)
    entry = repo.on(TODAY)
    assert entry is not None and entry.mood == 2 and entry.text == ""


def test_editing_on_a_later_day_keeps_the_earlier_text_as_a_version(
    journal: Journal, clock: Clock
) -> None:
    repo = EntriesRepo(journal)
    repo.save_text(TODAY, "evening thoughts")
    clock.now += timedelta(days=2)
    entry = repo.save_text(TODAY, "evening thoughts, read again")
    assert [v.text for v in entry.versions] == ["evening thoughts"]
    assert entry.day == TODAY  # still the entry of its own day


def test_a_mood_change_does_not_hide_a_version(journal: Journal, clock: Clock) -> None:
    repo = EntriesRepo(journal)
    repo.save_text(TODAY, "monday")
    clock.now += timedelta(days=1)
    repo.save_mood(TODAY, 3)
    entry = repo.save_text(TODAY, "monday, later")
    assert [v.text for v in entry.versions] == ["monday"]


@pytest.mark.parametrize("mood", [0, 6, -1, True])
def test_a_mood_outside_one_to_five_is_refused(journal: Journal, mood: int) -> None:
    repo = EntriesRepo(journal)
    with pytest.raises(EntryError, match="1"):
        repo.save_mood(TODAY, mood)
    assert repo.all() == []


@pytest.mark.parametrize("step", [0, 5])
def test_a_step_tag_outside_one_to_four_is_refused(journal: Journal, step: int) -> None:
    with pytest.raises(EntryError):
        EntriesRepo(journal).save_step(TODAY, step)


def test_clearing_mood_and_step(journal: Journal) -> None:
    repo = EntriesRepo(journal)
    repo.save_mood(TODAY, 5)
    repo.save_step(TODAY, 4)
    repo.save_mood(TODAY, None)
    entry = repo.save_step(TODAY, None)
    assert (entry.mood, entry.step) == (None, None)


def test_a_megabyte_entry_round_trips(journal: Journal) -> None:
    text = "I keep writing. " * 65_536
    EntriesRepo(journal).save_text(TODAY, text)
    entry = EntriesRepo(journal).on(TODAY)
    assert entry is not None and entry.text == text


def test_a_read_only_journal_refuses_and_keeps_nothing(
    journal: Journal, tmp_path: Path, clock: Clock
) -> None:
    with Journal.open(tmp_path / "journal.json", clock=clock) as second:
        assert second.read_only
        with pytest.raises(JournalReadOnlyError):
            EntriesRepo(second).save_text(TODAY, "hello")
        with pytest.raises(JournalReadOnlyError):
            EntriesRepo(second).save_mood(TODAY, 3)
    assert EntriesRepo(journal).all() == []


def test_mood_reads_in_words() -> None:
    assert mood_label(4) == "mood 4/5 (good)"
    assert mood_label(None) == "no mood"


# --------------------------------------------------------- several a day
def test_two_entries_on_one_day_are_kept_apart(
    journal: Journal, tmp_path: Path, clock: Clock
) -> None:
    repo = EntriesRepo(journal)
    morning = repo.save_text(TODAY, "morning: slept badly")
    clock.now += timedelta(hours=8)
    evening = repo.add(TODAY, "evening: a good walk", step=2)
    assert evening.id and evening.id != morning.id
    repo.save_mood(TODAY, 4)
    repo.save_text(TODAY, "evening: a long, good walk", entry_id=evening.id)
    repo.save_step(TODAY, 1, entry_id=morning.id)
    journal.close()
    with Journal.open(tmp_path / "journal.json", clock=clock) as again:
        repo = EntriesRepo(again)
        day = repo.on_day(TODAY)
        assert [(e.text, e.step, e.mood) for e in day] == [
            ("morning: slept badly", 1, 4),
            ("evening: a long, good walk", 2, 4),
        ]
        assert day[1].created_at == clock.now
        assert repo.days() == [TODAY]  # one day, however many entries
        assert [e.text for e in repo.all()] == [e.text for e in day]
        assert repo.on(TODAY) == day[0]  # the day's first entry
        assert repo.get(day[1].id) == day[1]


def test_adding_never_changes_an_existing_entry(journal: Journal) -> None:
    repo = EntriesRepo(journal)
    first = repo.add(TODAY, "one")
    repo.add(TODAY, "two")
    assert [e.text for e in repo.on_day(TODAY)] == ["one", "two"]
    assert repo.get(first.id).text == "one"


def test_an_id_of_another_day_is_refused(journal: Journal) -> None:
    repo = EntriesRepo(journal)
    other = repo.add(TODAY - timedelta(days=1), "yesterday")
    with pytest.raises(KeyError):
        repo.save_text(TODAY, "today", entry_id=other.id)
    assert [e.text for e in repo.all()] == ["yesterday"]


def test_a_second_entry_keeps_its_own_versions(journal: Journal, clock: Clock) -> None:
    repo = EntriesRepo(journal)
    repo.save_text(TODAY, "first entry")
    second = repo.add(TODAY, "second entry")
    clock.now += timedelta(days=2)
    updated = repo.save_text(TODAY, "second entry, reread", entry_id=second.id)
    assert [v.text for v in updated.versions] == ["second entry"]
    first = repo.on(TODAY)
    assert first is not None and first.versions == () and first.text == "first entry"
