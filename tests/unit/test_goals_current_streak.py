"""The dashboard's quick current streak: always equal to the full streak's current run.

:func:`current_streak` walks back from today and stops at the first break, so the
dashboard stays quick on years of data. :func:`streak` walks the whole history and is
the reference: the property tests below compare the two over random goals, pauses and
check-ins (before creation, after today, duplicates, other goals' days included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_goals import done, goal, run_of, skipped
from winback_tui.domain.goals import (
    CheckIn,
    Goal,
    GoalStatus,
    Pause,
    current_streak,
    open_today,
    streak,
    summarise,
)
from winback_tui.domain.issues import Area

#: Days the random histories start on: a DST change, a year end, a leap day, a Sunday.
ANCHORS = [date(2026, 3, 29), date(2025, 12, 29), date(2028, 2, 27), date(2026, 3, 8)]


# ----------------------------------------------------------------- strategies
@dataclass(frozen=True)
class Case:
    goal: Goal
    checkins: list[CheckIn]
    today: date


#: What one recorded day can be: done, excused, or skipped without a usable reason.
KINDS = st.sampled_from(["done", "done", "done", "skip", "bare-skip", "blank-skip"])


def checkin_of(goal_id: int, day: date, kind: str) -> CheckIn:
    if kind == "done":
        return done(day, goal_id)
    reason = {"skip": "travelling", "bare-skip": "", "blank-skip": "   "}[kind]
    return skipped(day, reason, goal_id)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A goal up to ~4 months old, with today anywhere from before creation to after."""
    created = draw(st.sampled_from(ANCHORS)) + timedelta(days=draw(st.integers(0, 6)))
    per_week = draw(st.one_of(st.none(), st.integers(1, 7)))
    pauses = []
    for start, length in draw(
        st.lists(
            st.tuples(st.integers(-5, 130), st.one_of(st.none(), st.integers(0, 20))), max_size=3
        )
    ):
        begin = created + timedelta(days=start)
        pauses.append(Pause(begin, None if length is None else begin + timedelta(days=length)))
    pauses.sort(key=lambda p: p.start)
    # Offsets reach before creation (a moved clock) and past today (ignored until due).
    offsets = st.integers(-15, 140)
    recorded = draw(st.lists(st.tuples(offsets, KINDS), max_size=40))
    today_offset = st.integers(-10, 135)
    if draw(st.integers(0, 3)):  # mostly: a long done run, often ending near today
        first, last = sorted(draw(st.tuples(st.integers(-10, 60), st.integers(0, 140))))
        recorded = [(n, "done") for n in range(first, last)] + recorded
        today_offset = st.one_of(today_offset, st.integers(last - 2, last + 3))
    others = draw(st.lists(st.tuples(offsets, KINDS), max_size=10))
    checkins = [checkin_of(1, created + timedelta(days=n), kind) for n, kind in recorded]
    checkins += [checkin_of(2, created + timedelta(days=n), kind) for n, kind in others]
    checkins = draw(st.permutations(checkins))  # order matters: a later duplicate wins
    today = created + timedelta(days=draw(today_offset))
    return Case(goal(created, per_week, pauses=tuple(pauses)), list(checkins), today)


# ----------------------------------------------------------------- properties
@settings(max_examples=600)
@given(case=cases())
def test_current_streak_equals_the_full_streaks_current_run(case: Case) -> None:
    full = streak(case.goal, case.checkins, case.today)
    assert current_streak(case.goal, case.checkins, case.today) == full.current


@settings(max_examples=200)
@given(first=cases(), second=cases(), archived=st.booleans())
def test_summary_matches_the_full_streaks_and_open_goals(
    first: Case, second: Case, archived: bool
) -> None:
    today = first.today
    status = GoalStatus.ARCHIVED if archived else GoalStatus.ACTIVE
    goals = [
        first.goal,
        Goal(
            "Read",
            Area.HOBBY,
            second.goal.cadence,
            second.goal.created,
            status=status,
            pauses=second.goal.pauses,
            id=2,
        ),
    ]
    # The second case's goal-1 check-ins become goal 2's; its goal-2 ones are dropped.
    checkins = [
        *first.checkins,
        *(CheckIn(2, c.day, c.state, c.reason) for c in second.checkins if c.goal_id == 1),
    ]
    summary = summarise(goals, checkins, [], today)
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    assert summary.open_today == tuple(g.title for g in open_today(active, checkins, today))
    runs = [(streak(g, checkins, today), g.title) for g in active]
    best = max((run.current for run, _ in runs), default=0)
    assert summary.best_current_streak == best
    if best:
        run, title = next((run, title) for run, title in runs if run.current == best)
        assert (summary.best_streak_goal, summary.best_streak_unit) == (title, run.unit)
    else:
        assert summary.best_streak_goal == ""


# ----------------------------------------------------------------- examples
class TestCurrentStreakExamples:
    today = date(2026, 3, 12)  # a Thursday

    def check(self, g: Goal, checkins: list[CheckIn], expected: int) -> None:
        assert current_streak(g, checkins, self.today) == expected
        assert streak(g, checkins, self.today).current == expected

    def test_a_run_of_years_up_to_yesterday_with_today_open(self) -> None:
        created = date(2012, 1, 1)
        days = (self.today - created).days
        self.check(goal(created), run_of(created, days), days)

    def test_a_run_broken_yesterday(self) -> None:
        checks = run_of(date(2026, 2, 1), 38)  # 1 Feb to 10 Mar; 11 Mar missed
        self.check(goal(date(2026, 2, 1)), checks, 0)
        self.check(goal(date(2026, 2, 1)), [*checks, done(self.today)], 1)

    def test_a_skip_with_a_reason_inside_a_run(self) -> None:
        checks = [*run_of(date(2026, 3, 5), 3), skipped(date(2026, 3, 8), "ill")]
        checks += run_of(date(2026, 3, 9), 4)  # 9-12, today done
        self.check(goal(date(2026, 3, 5)), checks, 7)

    def test_a_skip_without_a_reason_inside_a_run_breaks_it(self) -> None:
        checks = [*run_of(date(2026, 3, 5), 3), skipped(date(2026, 3, 8), " ")]
        checks += run_of(date(2026, 3, 9), 3)
        self.check(goal(date(2026, 3, 5)), checks, 3)

    def test_a_paused_span_inside_a_run(self) -> None:
        g = goal(date(2026, 2, 20), pauses=(Pause(date(2026, 3, 1), date(2026, 3, 8)),))
        checks = [*run_of(date(2026, 2, 20), 9), *run_of(date(2026, 3, 9), 3)]  # to 28 Feb
        self.check(g, checks, 12)

    def test_the_walk_stops_at_the_start_day(self) -> None:
        # Created today, but checked in on the two days before (a moved clock): the
        # walk stops at the day the goal was created, so they are not counted.
        self.check(goal(self.today), run_of(date(2026, 3, 10), 2), 0)
        self.check(goal(self.today), run_of(date(2026, 3, 10), 3), 1)

    def test_future_check_ins_do_not_count_yet(self) -> None:
        checks = [*run_of(date(2026, 3, 9), 3), done(date(2026, 3, 13))]
        self.check(goal(date(2026, 3, 9)), checks, 3)

    def test_a_weekly_goal_with_this_week_in_progress(self) -> None:
        # Twice a week from Mon 16 Feb; three weeks met, this week (from Mon 9 Mar) has one.
        g = goal(date(2026, 2, 16), per_week=2)
        checks = [
            done(date(2026, 2, 16) + timedelta(days=7 * w + d)) for w in range(3) for d in (1, 4)
        ]
        checks.append(done(date(2026, 3, 10)))
        self.check(g, checks, 3)
        self.check(g, [*checks, done(self.today)], 4)

    def test_a_weekly_goal_with_a_short_week_last_week(self) -> None:
        g = goal(date(2026, 2, 16), per_week=2)
        checks = [*run_of(date(2026, 2, 16), 2), *run_of(date(2026, 2, 23), 2)]
        checks.append(done(date(2026, 3, 2)))  # one of two: the run ends there
        self.check(g, [*checks, *run_of(date(2026, 3, 9), 2)], 1)
