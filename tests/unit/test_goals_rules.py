"""Rules that hold for Step 2: no streak before a goal began, no week completed by a back-fill.

The rules (see :mod:`winback_tui.domain.goals`): a goal counts from the day it was
created; a check-in counts towards its week only when it was recorded by that week's
Sunday. A record that breaks either rule is kept and shown, never counted.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_goals import goal
from winback_tui.domain.goals import (
    DAILY,
    Cadence,
    CheckIn,
    CheckState,
    DayState,
    Streak,
    current_streak,
    day_state,
    is_open_today,
    month_grid,
    streak,
    weekly_summary,
)
from winback_tui.domain.issues import Area
from winback_tui.store import Journal
from winback_tui.store.goals import GoalsRepo

D = CheckState.DONE
S = CheckState.SKIPPED

#: Mon 2 Mar to Sun 8 Mar 2026 is "last week"; today is Wed 11 Mar.
LAST_MONDAY = date(2026, 3, 2)
LAST_SUNDAY = date(2026, 3, 8)
TODAY = date(2026, 3, 11)


def rec(day: date, recorded: date | None, state: CheckState = D, reason: str = "") -> CheckIn:
    return CheckIn(1, day, state, reason, recorded=recorded)


# ------------------------------------------------------------- before the start
@settings(max_examples=150, deadline=None)
@given(
    created_offset=st.integers(0, 40),
    per_week=st.one_of(st.none(), st.integers(1, 7)),
    before=st.sets(st.integers(1, 30), max_size=30),
    after=st.sets(st.integers(0, 40), max_size=40),
)
def test_check_ins_before_the_goal_began_never_change_its_streak(
    created_offset: int, per_week: int | None, before: set[int], after: set[int]
) -> None:
    created = date(2026, 1, 5) + timedelta(days=created_offset)
    today = date(2026, 2, 20)
    g = goal(created, per_week)
    own = [CheckIn(1, created + timedelta(days=n), D) for n in after]
    earlier = [CheckIn(1, created - timedelta(days=n), D) for n in before]
    assert streak(g, [*earlier, *own], today) == streak(g, own, today)
    assert current_streak(g, [*earlier, *own], today) == current_streak(g, own, today)


def test_a_correction_for_a_day_before_the_goal_is_shown_not_counted() -> None:
    g = goal(TODAY)
    yesterday = rec(TODAY - timedelta(days=1), TODAY)
    assert streak(g, [yesterday], TODAY) == Streak(0, 0, "day")
    grid = month_grid(g, [yesterday], 2026, 3, TODAY)
    assert grid.count(DayState.DONE) == 1  # still there to see


# ------------------------------------------------------------------ back-fill
class TestBackFill:
    weekly = goal(date(2026, 2, 23), per_week=3)

    def test_a_week_met_by_a_check_in_recorded_after_it_ended_is_not_met(self) -> None:
        # Mon and Wed in time; Fri filled in on Tuesday of the next week.
        checks = [
            rec(LAST_MONDAY, LAST_MONDAY),
            rec(date(2026, 3, 4), date(2026, 3, 4)),
            rec(date(2026, 3, 6), date(2026, 3, 10)),
        ]
        # Week of 23 Feb met in time, so the run would be 2; the late Friday breaks it.
        first = [rec(date(2026, 2, 23) + timedelta(days=d), None) for d in (0, 2, 4)]
        assert streak(self.weekly, [*first, *checks], TODAY) == Streak(0, 1, "week")
        summary = weekly_summary([self.weekly], [*first, *checks], TODAY, LAST_MONDAY)
        assert summary.done == 2 and summary.on_track == 0

    def test_filling_in_a_day_before_the_week_ends_counts(self) -> None:
        checks = [
            rec(LAST_MONDAY, LAST_SUNDAY),
            rec(date(2026, 3, 4), LAST_SUNDAY),
            rec(date(2026, 3, 6), LAST_SUNDAY),
        ]
        assert streak(self.weekly, checks, TODAY).best == 1

    def test_old_records_without_a_recording_day_count_as_recorded_on_their_day(self) -> None:
        checks = [rec(LAST_MONDAY + timedelta(days=d), None) for d in (0, 2, 4)]
        assert streak(self.weekly, checks, TODAY).best == 1

    def test_a_late_excuse_does_not_shrink_a_week_it_did_not_meet(self) -> None:
        g = goal(date(2026, 3, 2), per_week=5)
        checks = [
            rec(LAST_MONDAY + timedelta(days=d), LAST_MONDAY + timedelta(days=d)) for d in (0, 1, 2)
        ]
        late_skips = [rec(date(2026, 3, 5) + timedelta(days=d), TODAY, S, "ill") for d in range(4)]
        # Excused in time, Thu to Sun leave 3 available days, so 3 done meet the week.
        in_time = [rec(c.day, LAST_SUNDAY, S, "ill") for c in late_skips]
        assert streak(g, [*checks, *in_time], TODAY).best == 1
        assert streak(g, [*checks, *late_skips], TODAY).best == 0

    def test_a_daily_goal_back_filled_after_its_week_is_not_counted(self) -> None:
        g = goal(LAST_MONDAY)
        in_time = [
            rec(LAST_MONDAY + timedelta(days=d), LAST_MONDAY + timedelta(days=d)) for d in range(6)
        ]
        sunday_late = rec(LAST_SUNDAY, date(2026, 3, 9))  # filled in on Monday
        this_week = [rec(date(2026, 3, 9), None), rec(date(2026, 3, 10), None)]
        checks = [*in_time, sunday_late, *this_week]
        assert streak(g, checks, TODAY) == Streak(2, 6, "day")
        # The late Sunday is still shown as done.
        by_day = {c.day: c for c in checks}
        assert day_state(g, by_day, LAST_SUNDAY, TODAY) is DayState.DONE
        # Filled in on the Sunday itself, the run holds.
        fixed = [*in_time, rec(LAST_SUNDAY, LAST_SUNDAY), *this_week]
        assert streak(g, fixed, TODAY) == Streak(9, 9, "day")

    def test_this_weeks_target_is_met_by_this_weeks_records(self) -> None:
        g = goal(date(2026, 3, 2), per_week=1)
        assert not is_open_today(g, [rec(date(2026, 3, 9), TODAY)], TODAY)


# ---------------------------------------------------------------------- store
def test_the_store_notes_when_a_check_in_was_recorded(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    clock_now = [datetime(2026, 3, 10, 9, tzinfo=UTC)]

    def clock() -> datetime:
        return clock_now[0]

    journal = Journal.open(path, clock=clock)
    with journal:
        repo = GoalsRepo(journal)
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        repo.check_in(CheckIn(walk.id, date(2026, 3, 8), D), date(2026, 3, 10))
        assert [c.recorded for c in repo.checkins.all()] == [date(2026, 3, 10)]
        clock_now[0] = datetime(2026, 3, 11, 9, tzinfo=UTC)
        # The same record again writes nothing: the first moment stays.
        repo.check_in(CheckIn(walk.id, date(2026, 3, 8), D), date(2026, 3, 11))
        assert [c.recorded for c in repo.checkins.all()] == [date(2026, 3, 10)]
        # A change is recorded anew.
        repo.check_in(CheckIn(walk.id, date(2026, 3, 8), S, "ill"), date(2026, 3, 11))
        assert [c.recorded for c in repo.checkins.all()] == [date(2026, 3, 11)]
    data = json.loads(path.read_text())
    doc = next(iter(data["checkins"].values()))
    assert doc["recorded_at"] == "2026-03-11T09:00:00+00:00"


def test_an_older_check_in_without_a_recording_moment_counts_on_its_day(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = Journal.open(path, clock=lambda: datetime(2026, 3, 11, 9, tzinfo=UTC))
    with journal:
        repo = GoalsRepo(journal)
        weekly = repo.add("Swim", Area.HEALTH, Cadence(1), date(2026, 3, 1))
        # As winback wrote check-ins before it noted when they were recorded.
        repo.checkins._insert({"goal": weekly.id, "day": "2026-03-04", "state": "done"})
        [item] = repo.checkins.all()
        assert item.recorded is None and item.on_time
        assert streak(repo.get(weekly.id), [item], TODAY).best == 1
