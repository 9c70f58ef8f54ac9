"""The fast timeline gives exactly what the repositories' path gave (issue 20).

``timeline_reference.py`` is a frozen copy of ``store/timeline.py`` before the
fast path; every item, its order, and each time with its zone must be the same.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.unit import timeline_reference as reference
from winback_tui.domain.timeline import TimelineItem
from winback_tui.store import Journal
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.records import Repo
from winback_tui.store.timeline import all_items, gathered

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import generate_journal


def exactly(items: Iterable[TimelineItem]) -> list[tuple[Any, ...]]:
    """Every field, and the time as written with its zone, zone name and fold.

    Equal instants are not enough.
    """
    return [
        (
            item.kind,
            item.step,
            item.at.isoformat(),
            item.at.tzinfo,
            item.at.tzname(),
            item.at.fold,
            item.title,
            item.text,
            item.ref,
            item.timed,
            item.own_title,
            item.own_text,
        )
        for item in items
    ]


def same(journal: Journal) -> None:
    fast = all_items(journal)
    assert fast, "the journal should hold something"
    assert exactly(fast) == exactly(reference.all_items(journal))
    assert exactly(gathered(journal)) == exactly(reference.gathered(journal))


@pytest.mark.parametrize("seed", [0, 7])
def test_a_generated_journal_gives_the_same_timeline(tmp_path: Path, seed: int) -> None:
    path = generate_journal.generate(tmp_path / "journal.json", records=1500, seed=seed)
    with Journal.open(path) as journal:
        same(journal)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    # Not UTC: an entry's day and a day-only record's noon depend on the zone.
    return Clock(datetime(2026, 3, 12, 23, 30, tzinfo=timezone(timedelta(hours=-5))))


@pytest.fixture
def journal(tmp_path: Path, clock: Clock) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    yield journal
    journal.close()


def test_edge_cases_give_the_same_timeline(journal: Journal, clock: Clock) -> None:
    entries = EntriesRepo(journal)
    day = clock.now.date()
    # Several entries a day, one with a mood, one edited on a later day, one
    # with earlier versions.
    entries.save_text(day, "First of the day.")
    entries.add(day, "Second of the day, with a café.", step=3)
    entries.add(day, "")  # blank: a record, but no item
    entries.save_mood(day, 2)
    earlier = day - timedelta(days=3)
    entries.save_text(earlier, "Written on its day.")
    clock.now += timedelta(days=1)
    journal.begin_editing_session()
    entries.save_text(earlier, "Edited a few days later.")
    # A day with only a mood, and check-ins with and without ratings.
    entries.save_mood(day - timedelta(days=5), 5)
    goals = GoalsRepo(journal)
    goals.ratings.rate(day - timedelta(days=6), 3)
    # Raw documents as an import or an older version may leave them: a naive
    # time, a step out of range, a day with two check-in documents.
    raw = Repo(journal)
    raw.TABLE = "entries"
    raw._insert_many(
        [
            {
                "day": "2025-12-01",
                "text": "Imported, naive creation time.",
                "step": 9,
                "created": "2025-12-01T08:00:00",
                "edited": "2025-12-01T08:00:00+00:00",
                "versions": [{"saved": "2025-12-01T07:00:00+01:00", "text": "Before."}],
            },
            {
                "day": "2025-12-01",
                "text": "Same day, earlier start.",
                "created": "2025-12-01T06:00:00+00:00",
                "edited": "2025-12-02T23:00:00+00:00",
            },
        ]
    )
    daily = Repo(journal)
    daily.TABLE = "daily"
    daily._insert_many(
        [
            {"day": "2025-12-01", "mood": 4, "confidence": None, "calm": 7},
            {"day": "2025-11-30", "mood": None, "confidence": None, "calm": None},
            {"day": "2025-12-01", "mood": 1, "confidence": 2, "calm": None},
        ]
    )
    same(journal)


def test_an_empty_journal_gives_an_empty_timeline(journal: Journal) -> None:
    assert all_items(journal) == reference.all_items(journal) == []


def test_a_day_and_a_time_zone_far_from_utc(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=13))))
    with Journal.open(tmp_path / "j.json", clock=clock) as journal:
        EntriesRepo(journal).save_text(date(2026, 1, 1), "Just after midnight, far east.")
        EntriesRepo(journal).save_mood(date(2025, 12, 31), 3)
        clock.now = datetime(2026, 1, 2, 12, tzinfo=UTC)
        journal.begin_editing_session()
        EntriesRepo(journal).save_text(date(2026, 1, 1), "Changed the next day, in UTC.")
        same(journal)


def test_building_the_timeline_leaves_the_cycle_collector_as_it_was(journal: Journal) -> None:
    EntriesRepo(journal).save_text(date(2026, 3, 1), "Words.")
    assert gc.isenabled()
    all_items(journal)
    assert gc.isenabled()
    gc.disable()
    try:
        all_items(journal)
        assert not gc.isenabled()
    finally:
        gc.enable()
