"""The dashboard read from the chunks that can hold what it shows equals a full read.

Issue 20: home must show within 1.3× the bare Textual app on a decade of
writing. The dashboard reads only the chunks of the large tables that can hold
what it shows (the chunk bounds of :mod:`~winback_tui.store.chunk_bounds`);
these tests check, on journals of many small chunks written out of order, that
it shows exactly what reading every chunk shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.domain.goals import DAILY, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.store import Journal, memo, storage
from winback_tui.store import goals as goals_store
from winback_tui.store.dashboard import Dashboard, dashboard_for_journal
from winback_tui.store.goals import GoalsRepo

from test_dashboard_store import NOW, TODAY, fill


@pytest.fixture(autouse=True)
def small_chunks() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "CHUNK_DOCS", 4)
        yield


def read_in_full(journal: Journal, today: object = TODAY) -> Dashboard:
    """The dashboard as a full read gives it: no chunk's bound known, so every chunk is read."""
    memo.forget(journal)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage.Tables, "bounds", lambda self, name: None)
        board = dashboard_for_journal(journal, today)  # type: ignore[arg-type]
    memo.forget(journal)
    return board


def chunks_read(journal: Journal, table: str) -> int:
    """How many chunks of ``table`` are held in memory (read since the journal opened)."""
    tables = journal._storage.read()
    return sum(1 for chunk in tables._chunked[table] if chunk.docs is not None)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10**6),
    no_contact=st.booleans(),
    late=st.lists(st.tuples(st.integers(-3, 400), st.integers(0, 2)), max_size=12),
    days_on=st.integers(-5, 40),
)
def test_the_dashboard_from_some_chunks_equals_a_full_read(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    no_contact: bool,
    late: list[tuple[int, int]],
    days_on: int,
) -> None:
    path = tmp_path_factory.mktemp("partial") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        fill(journal, seed, no_contact)
        # Old days imported last, recent ones among them: chunks out of order.
        goals = GoalsRepo(journal)
        goal = goals.add("Read", Area.HOBBY, DAILY, TODAY - timedelta(days=500)).id
        docs = [
            goals_store._checkin_doc(
                CheckIn(goal, TODAY - timedelta(days=ago), CheckState(state_of(kind)), "why"),
                NOW - timedelta(days=max(ago, 0)),
            )
            for ago, kind in late
        ]
        goals.checkins._insert_many(docs)
    # A fresh open: nothing read yet, as at start-up; also a day that is not the last one written.
    today = TODAY + timedelta(days=days_on)
    with Journal.open(path, clock=lambda: NOW + timedelta(days=days_on)) as journal:
        assert dashboard_for_journal(journal, today) == read_in_full(journal, today)


def state_of(kind: int) -> str:
    return [CheckState.DONE, CheckState.SKIPPED, CheckState.DONE][kind].value


def test_the_dashboard_reads_only_the_recent_chunks_of_check_ins(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        goals = GoalsRepo(journal)
        goal = goals.add("Walk", Area.HEALTH, DAILY, TODAY - timedelta(days=400)).id
        days = [*range(400, 30, -1), 3, 2, 1]  # a year of days, then the last few
        goals.checkins._insert_many(
            [
                goals_store._checkin_doc(
                    CheckIn(goal, TODAY - timedelta(days=ago), CheckState.DONE, ""),
                    datetime.combine(TODAY - timedelta(days=ago), datetime.min.time(), UTC),
                )
                for ago in days
            ]
        )
    with Journal.open(path, clock=lambda: NOW) as journal:
        board = dashboard_for_journal(journal, TODAY)
        # 4 to a chunk: the last two hold days 32, 31, 30, 3 and 2, 1; not the year.
        assert chunks_read(journal, "checkins") == 2
        assert board == read_in_full(journal)
        assert len(GoalsRepo(journal).checkins.since(TODAY - timedelta(days=5))) == 3


def test_a_partial_read_inside_another_sees_what_both_let_it_see(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        GoalsRepo(journal).checkins._insert_many(
            [{"goal": 1, "day": f"2026-01-{day:02}", "state": "done"} for day in range(1, 17)]
        )

        def days() -> list[str]:
            return [d["day"][-2:] for d in memo.stored_docs(journal, "checkins")]

        with journal._reading_chunks({"checkins": {0, 1}}):
            assert days() == ["01", "02", "03", "04", "05", "06", "07", "08"]
            with journal._reading_chunks({"checkins": {1, 2}, "goals": None}):
                assert days() == ["05", "06", "07", "08"]
            with journal._reading_chunks({"checkins": None}):
                assert len(days()) == 8
            assert len(days()) == 8
        assert len(days()) == 16
