"""The journal's days (entries and moods) read from the indexes: the same as reading every entry."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal
from winback_tui.store.daily import DailyRepo
from winback_tui.store.entries import EntriesRepo

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
DAYS = [date(2026, 11, d) for d in range(1, 8)]
_ops = st.lists(
    st.tuples(
        st.sampled_from(["write", "add", "mood", "unmood", "blank"]),
        st.sampled_from(DAYS),
        st.integers(1, 5),
    ),
    max_size=20,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops)
def test_days_are_the_days_of_every_entry_and_mood(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, date, int]]
) -> None:
    path = tmp_path_factory.mktemp("days") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        repo = EntriesRepo(journal)
        for op, day, value in ops:
            if op == "write":
                repo.save_text(day, f"words {value}")
            elif op == "add":
                repo.add(day, f"another {value}")
            elif op == "mood":
                repo.save_mood(day, value)
            elif op == "unmood":
                repo.save_mood(day, None)
            else:
                repo.save_text(day, "")
            assert repo.days() == sorted({entry.day for entry in repo.all()})
            moods = [c.day for c in DailyRepo(journal).all() if c.mood is not None]
            assert DailyRepo(journal).mood_days() == moods


def test_a_day_read_alone_is_the_day_as_all_entries_show_it(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.json", clock=lambda: NOW) as journal:
        repo = EntriesRepo(journal)
        repo.save_text(DAYS[0], "first")
        repo.add(DAYS[0], "second")
        repo.save_mood(DAYS[1], 4)
        by_day = {day: [e for e in repo.all() if e.day == day] for day in DAYS}
        for day in DAYS:
            alone = repo.on_day(day) or [e for e in [repo.on(day)] if e is not None]
            assert alone == by_day[day]
