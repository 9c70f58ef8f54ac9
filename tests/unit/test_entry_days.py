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


_raw_days = st.lists(
    st.tuples(
        st.integers(0, 120), st.sampled_from(["entries", "daily"]), st.none() | st.integers(1, 5)
    ),
    min_size=1,
    max_size=60,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=_raw_days, count=st.integers(1, 30), today_back=st.integers(0, 30))
def test_the_newest_days_read_by_chunk_are_the_newest_of_all_days(
    tmp_path_factory: pytest.TempPathFactory,
    raw: list[tuple[int, str, int | None]],
    count: int,
    today_back: int,
) -> None:
    """Days in any order, in chunks of 4: the few chunks read give exactly the newest days."""
    from datetime import timedelta

    from winback_tui.store import storage
    from winback_tui.store.records import Repo

    path = tmp_path_factory.mktemp("recent") / "journal.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "CHUNK_DOCS", 4)
        with Journal.open(path, clock=lambda: NOW) as journal:
            old = [(200 + n, t, 3) for n in range(6) for t in ("entries", "daily")]
            for back, table, mood in old + raw:
                day = (NOW - timedelta(days=back)).date().isoformat()
                doc: dict[str, object] = {"day": day, "mood": mood}
                if table == "entries":
                    doc = {"day": day, "text": "w", "created": day, "edited": NOW.isoformat()}
                writer = Repo(journal)
                writer.TABLE = table
                writer._insert_many([doc])
            EntriesRepo(journal).save_text(NOW.date(), "today")  # at least one chunked save
        with Journal.open(path, clock=lambda: NOW) as journal:
            repo = EntriesRepo(journal)
            tables = journal._storage.read()
            assert tables.bounds("entries") is not None and tables.bounds("daily") is not None
            today = (NOW - timedelta(days=today_back)).date()
            fast = repo.recent_days(today, count)
        with Journal.open(path, clock=lambda: NOW) as journal:
            every = EntriesRepo(journal).days()
        assert fast == sorted((d for d in every if d <= today), reverse=True)[:count]


def test_a_days_entry_is_found_without_reading_every_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from winback_tui.store import segments, storage

    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
    path = tmp_path / "journal.json"
    now = [NOW]
    with Journal.open(path, clock=lambda: now[0]) as journal:
        repo = EntriesRepo(journal)
        for day in range(1, 29):
            now[0] = datetime(2026, 2, day, 21, 0, tzinfo=UTC)  # written on its day
            journal.begin_editing_session()
            repo.save_text(date(2026, 2, day), f"February {day}")
    read: list[str] = []
    real = segments.read

    def counted(*args: object) -> bytes:
        read.append(str(args[2]))
        return real(*args)  # type: ignore[arg-type]

    with Journal.open(path, clock=lambda: now[0]) as journal:
        monkeypatch.setattr(segments, "read", counted)
        repo = EntriesRepo(journal)
        for day in (9, 10, 12):  # a chunk's first day, a middle one, its last
            assert [e.text for e in repo.on_day(date(2026, 2, day))] == [f"February {day}"]
        assert 0 < read.count("entries") <= 2
        repo.save_text(date(2026, 2, 11), "February 11, again")
        assert read.count("entries") <= 3
    with Journal.open(path, clock=lambda: NOW) as journal:
        assert [e.text for e in EntriesRepo(journal).on_day(date(2026, 2, 11))] == [
            "February 11, again"
        ]
