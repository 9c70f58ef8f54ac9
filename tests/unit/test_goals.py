"""Step 2's rules: validation, streaks, skips, cadence, month grid, weekly summary, ratings.

All rules work on local calendar dates, so month, year and daylight-saving boundaries are
just more days: the property tests below shift whole histories across them and check that
nothing changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.goals import (
    AREAS,
    CORRECTION_DAYS,
    DAILY,
    MAX_NOTE,
    MAX_REASON,
    MAX_TITLE,
    Cadence,
    CheckIn,
    CheckState,
    DayState,
    Goal,
    GoalError,
    GoalStatus,
    Pause,
    Rating,
    Streak,
    archive,
    area_info,
    can_correct,
    correctable_days,
    correction_problem,
    day_state,
    is_open_today,
    latest_rating,
    month_grid,
    new_goal,
    note_problem,
    open_suggestions,
    open_today,
    parse_cadence,
    pause,
    per_week_problem,
    rate,
    rating_on,
    rating_problem,
    reason_problem,
    restore,
    resume,
    shift_month,
    short_day,
    streak,
    suggestion_goal,
    summarise,
    title_problem,
    trend,
    validate_checkin,
    week_start,
    week_tally,
    weekly_summary,
)
from winback_tui.domain.issues import COMMON_ISSUES, Area, MarkedIssue, suggested_goal

D = CheckState.DONE
S = CheckState.SKIPPED

#: Boundaries the property tests cross: US and EU daylight-saving changes (spring and
#: autumn), a year end, a leap day and an ordinary month end.
BOUNDARIES = [
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2025, 12, 31),
    date(2028, 2, 29),
    date(2026, 4, 30),
]


def goal(
    created: date,
    per_week: int | None = None,
    *,
    goal_id: int = 1,
    status: GoalStatus = GoalStatus.ACTIVE,
    pauses: tuple[Pause, ...] = (),
    title: str = "Walk",
) -> Goal:
    return Goal(
        title, Area.HEALTH, Cadence(per_week), created, status=status, pauses=pauses, id=goal_id
    )


def done(day: date, goal_id: int = 1) -> CheckIn:
    return CheckIn(goal_id, day, D)


def skipped(day: date, reason: str = "ill", goal_id: int = 1) -> CheckIn:
    return CheckIn(goal_id, day, S, reason)


def run_of(start: date, count: int, goal_id: int = 1) -> list[CheckIn]:
    return [done(start + timedelta(days=n), goal_id) for n in range(count)]


# ------------------------------------------------------------------ validation
class TestValidation:
    def test_empty_and_blank_titles_are_refused_with_a_message(self) -> None:
        for title in ("", "   ", "\n\t"):
            assert "needs a title" in (title_problem(title) or "")

    def test_title_at_the_limit_is_fine_one_over_is_refused(self) -> None:
        assert title_problem("x" * MAX_TITLE) is None
        problem = title_problem("x" * (MAX_TITLE + 1)) or ""
        assert str(MAX_TITLE) in problem and str(MAX_TITLE + 1) in problem

    def test_a_500_character_title_is_refused_and_counted(self) -> None:
        assert "500" in (title_problem("a" * 500) or "")

    def test_spaces_are_collapsed_before_counting(self) -> None:
        assert title_problem("  walk   " + " " * 300 + " daily ") is None

    def test_note_limit(self) -> None:
        assert note_problem("x" * MAX_NOTE) is None
        assert str(MAX_NOTE) in (note_problem("x" * (MAX_NOTE + 1)) or "")

    @pytest.mark.parametrize("times", [1, 2, 7])
    def test_one_to_seven_a_week_is_a_cadence(self, times: int) -> None:
        assert per_week_problem(times) is None
        assert parse_cadence(str(times)) == Cadence(times)

    @pytest.mark.parametrize("times", [0, 8, -1, 100])
    def test_zero_or_eight_a_week_is_refused(self, times: int) -> None:
        assert "between 1 and 7" in (per_week_problem(times) or "")

    @pytest.mark.parametrize("text", ["0", "8", "0 a week", "8x"])
    def test_parse_refuses_out_of_range_numbers_with_the_range(self, text: str) -> None:
        with pytest.raises(GoalError, match="between 1 and 7"):
            parse_cadence(text)

    @pytest.mark.parametrize("text", ["", "daily", "Daily", " d ", "every day"])
    def test_daily_spellings(self, text: str) -> None:
        assert parse_cadence(text) == DAILY

    @pytest.mark.parametrize("text", ["3", "3x", "3 x", "3 times", "3 a week", "3x a week"])
    def test_three_a_week_spellings(self, text: str) -> None:
        assert parse_cadence(text) == Cadence(3)

    @pytest.mark.parametrize("text", ["often", "x3", "3 a month", "٣"])
    def test_other_text_gets_a_clear_message(self, text: str) -> None:
        with pytest.raises(GoalError, match="daily"):
            parse_cadence(text)

    def test_cadence_labels(self) -> None:
        assert DAILY.label == "daily" and DAILY.daily
        assert Cadence(1).label == "once a week" and not Cadence(1).daily
        assert Cadence(3).label == "3× a week"

    def test_new_goal_tidies_and_validates(self) -> None:
        made = new_goal("  Walk   daily ", Area.HEALTH, DAILY, date(2026, 1, 1), " note ")
        assert (made.title, made.note, made.status) == ("Walk daily", "note", GoalStatus.ACTIVE)
        with pytest.raises(GoalError, match="needs a title"):
            new_goal("", Area.HEALTH, DAILY, date(2026, 1, 1))
        with pytest.raises(GoalError, match="between 1 and 7"):
            new_goal("Walk", Area.HEALTH, Cadence(8), date(2026, 1, 1))
        with pytest.raises(GoalError, match="Notes"):
            new_goal("Walk", Area.HEALTH, DAILY, date(2026, 1, 1), "x" * (MAX_NOTE + 1))

    def test_reasons(self) -> None:
        assert "why" in (reason_problem("  ") or "")
        assert reason_problem("ill") is None
        assert str(MAX_REASON) in (reason_problem("x" * (MAX_REASON + 1)) or "")

    def test_ratings(self) -> None:
        # One scale for every rating since schema 2 (domain.daily): 1-5.
        assert rating_problem(1) is None and rating_problem(5) is None
        assert rating_problem(0) and rating_problem(6)

    def test_every_area_has_a_title_and_guidance(self) -> None:
        assert [info.area for info in AREAS] == list(Area)
        for info in AREAS:
            assert info.title and info.guidance and area_info(info.area) is info


# --------------------------------------------------------------- status changes
class TestStatus:
    def test_pause_then_resume_records_the_stretch(self) -> None:
        g = goal(date(2026, 3, 1))
        paused = pause(g, date(2026, 3, 5))
        assert paused.status is GoalStatus.PAUSED and paused.pauses == (Pause(date(2026, 3, 5)),)
        assert pause(paused, date(2026, 3, 6)) is paused  # already paused: unchanged
        back = resume(paused, date(2026, 3, 9))
        assert back.status is GoalStatus.ACTIVE
        assert back.pauses == (Pause(date(2026, 3, 5), date(2026, 3, 8)),)
        assert resume(back, date(2026, 3, 10)) is back  # not paused: unchanged

    def test_pause_and_resume_the_same_day_leaves_no_pause(self) -> None:
        g = pause(goal(date(2026, 3, 1)), date(2026, 3, 5))
        assert resume(g, date(2026, 3, 5)).pauses == ()

    def test_resume_after_a_clock_moved_backwards_drops_the_impossible_pause(self) -> None:
        g = pause(goal(date(2026, 3, 1)), date(2026, 3, 10))
        assert resume(g, date(2026, 3, 2)).pauses == ()

    def test_archive_and_restore(self) -> None:
        g = goal(date(2026, 3, 1))
        assert archive(g).status is GoalStatus.ARCHIVED
        assert restore(archive(g)).status is GoalStatus.ACTIVE
        assert restore(g) is g


# ------------------------------------------------------------------ daily streak
class TestDailyStreak:
    today = date(2026, 3, 12)

    def test_no_check_ins(self) -> None:
        assert streak(goal(date(2026, 3, 1)), [], self.today) == Streak(0, 0, "day")

    def test_consecutive_days_up_to_today(self) -> None:
        checks = run_of(date(2026, 3, 8), 5)
        assert streak(goal(date(2026, 3, 1)), checks, self.today) == Streak(5, 5, "day")

    def test_today_still_open_does_not_break_the_run(self) -> None:
        checks = run_of(date(2026, 3, 8), 4)  # 8-11, today open
        assert streak(goal(date(2026, 3, 1)), checks, self.today).current == 4

    def test_a_missed_day_ends_the_run_best_is_kept(self) -> None:
        checks = [*run_of(date(2026, 3, 1), 6), *run_of(date(2026, 3, 8), 4)]  # 7 missed
        assert streak(goal(date(2026, 3, 1)), checks, self.today) == Streak(4, 6, "day")
        checks.append(done(self.today))
        assert streak(goal(date(2026, 3, 1)), checks, self.today) == Streak(5, 6, "day")

    def test_yesterday_missed_means_no_current_run(self) -> None:
        checks = run_of(date(2026, 3, 5), 5)  # 5-9; 10 and 11 missed
        assert streak(goal(date(2026, 3, 5)), checks, self.today) == Streak(0, 5, "day")

    def test_a_skip_with_a_reason_keeps_the_run_but_does_not_add(self) -> None:
        checks = [done(date(2026, 3, 9)), skipped(date(2026, 3, 10)), done(date(2026, 3, 11))]
        assert streak(goal(date(2026, 3, 9)), checks, self.today) == Streak(2, 2, "day")

    def test_a_skip_without_a_reason_breaks_it(self) -> None:
        # Every other day of the run is done, so only the skip's reason decides.
        def run(reason: str) -> Streak:
            checks = [
                done(date(2026, 3, 9)),
                skipped(date(2026, 3, 10), reason),
                done(date(2026, 3, 11)),
                done(self.today),
            ]
            return streak(goal(date(2026, 3, 9)), checks, self.today)

        assert run("ill") == Streak(3, 3, "day")
        assert run("  ") == Streak(2, 2, "day")
        assert run("") == Streak(2, 2, "day")

    def test_paused_days_are_neutral(self) -> None:
        g = goal(date(2026, 3, 1), pauses=(Pause(date(2026, 3, 4), date(2026, 3, 9)),))
        checks = [*run_of(date(2026, 3, 1), 3), done(date(2026, 3, 10)), done(date(2026, 3, 11))]
        assert streak(g, checks, self.today) == Streak(5, 5, "day")

    def test_done_on_a_paused_day_still_counts(self) -> None:
        g = goal(date(2026, 3, 10), pauses=(Pause(date(2026, 3, 11)),))
        checks = [done(date(2026, 3, 10)), done(date(2026, 3, 11))]
        assert streak(g, checks, self.today).current == 2

    def test_other_goals_check_ins_are_ignored(self) -> None:
        checks = run_of(date(2026, 3, 9), 4, goal_id=2)
        assert streak(goal(date(2026, 3, 9)), checks, self.today) == Streak(0, 0, "day")

    def test_future_check_ins_from_a_clock_moved_back_do_not_count_yet(self) -> None:
        checks = [done(date(2026, 3, 11)), done(date(2026, 3, 20))]
        assert streak(goal(date(2026, 3, 11)), checks, self.today).current == 1
        # ...and they count once the day comes.
        later = date(2026, 3, 20)
        assert streak(goal(date(2026, 3, 11)), checks, later).best == 1

    def test_goal_created_after_today_by_a_moved_clock(self) -> None:
        assert streak(goal(date(2026, 3, 20)), [], self.today) == Streak(0, 0, "day")

    def test_check_ins_before_the_goal_started_never_count(self) -> None:
        # Created Thu 12 Mar; three days "done" before it existed (a moved clock, or a
        # correction for a day before the goal) are kept and shown, never counted.
        checks = run_of(date(2026, 3, 9), 3)
        g = goal(self.today)
        assert streak(g, checks, self.today) == Streak(0, 0, "day")
        assert streak(g, [*checks, done(self.today)], self.today) == Streak(1, 1, "day")
        assert day_state(g, {c.day: c for c in checks}, date(2026, 3, 9), self.today) is (
            DayState.DONE
        )

    def test_a_week_before_the_goal_started_is_not_met_by_earlier_days(self) -> None:
        # Twice a week, created Thu 12 Mar: Mon and Tue before it do not meet this week.
        g = goal(self.today, per_week=2)
        checks = [done(date(2026, 3, 9)), done(date(2026, 3, 10))]
        tally = week_tally(g, {c.day: c for c in checks}, date(2026, 3, 9), self.today)
        assert tally.done == 0 and not tally.met
        assert streak(g, checks, date(2026, 3, 16)) == Streak(0, 0, "week")

    def test_describe(self) -> None:
        assert Streak(1, 1, "day").describe(1) == "1 day"
        assert Streak(2, 2, "week").describe(2) == "2 weeks"


# ----------------------------------------------------------------- weekly streak
class TestWeeklyStreak:
    def test_weeks_meeting_the_target_in_a_row(self) -> None:
        # Three weeks, Mon 2 Feb to Sun 22 Feb 2026, two sessions each; today Mon 23 Feb.
        checks = [
            done(date(2026, 2, 2) + timedelta(days=7 * w + d)) for w in range(3) for d in (0, 2)
        ]
        g = goal(date(2026, 2, 2), per_week=2)
        assert streak(g, checks, date(2026, 2, 23)) == Streak(3, 3, "week")

    def test_a_short_week_breaks_the_run(self) -> None:
        checks = [
            *[done(date(2026, 2, 2) + timedelta(days=d)) for d in (0, 1)],
            done(date(2026, 2, 9)),  # only one of two
            *[done(date(2026, 2, 16) + timedelta(days=d)) for d in (0, 1)],
        ]
        g = goal(date(2026, 2, 2), per_week=2)
        assert streak(g, checks, date(2026, 2, 23)) == Streak(1, 1, "week")

    def test_the_week_in_progress_counts_only_once_met(self) -> None:
        g = goal(date(2026, 3, 2), per_week=2)
        checks = [done(date(2026, 3, 2)), done(date(2026, 3, 3)), done(date(2026, 3, 9))]
        assert streak(g, checks, date(2026, 3, 12)) == Streak(1, 1, "week")
        checks.append(done(date(2026, 3, 12)))
        assert streak(g, checks, date(2026, 3, 12)) == Streak(2, 2, "week")

    def test_skips_shrink_the_target_to_the_days_available(self) -> None:
        # 5 a week; ill Mon-Thu: three days left, all done -> the week is met.
        g = goal(date(2026, 3, 2), per_week=5)
        checks = [skipped(date(2026, 3, d)) for d in (2, 3, 4, 5)]
        checks += [done(date(2026, 3, d)) for d in (6, 7, 8)]
        assert streak(g, checks, date(2026, 3, 9)) == Streak(1, 1, "week")

    def test_a_fully_excused_week_is_neutral(self) -> None:
        g = goal(date(2026, 3, 2), per_week=1, pauses=(Pause(date(2026, 3, 9), date(2026, 3, 15)),))
        checks = [done(date(2026, 3, 2)), done(date(2026, 3, 16))]
        assert streak(g, checks, date(2026, 3, 23)) == Streak(2, 2, "week")

    def test_the_first_week_asks_only_for_the_days_left_in_it(self) -> None:
        g = goal(date(2026, 3, 8), per_week=3)  # created on a Sunday: one day available
        assert streak(g, [done(date(2026, 3, 8))], date(2026, 3, 9)).current == 1

    def test_a_week_across_new_year(self) -> None:
        # Mon 29 Dec 2025 to Sun 4 Jan 2026 is one week.
        g = goal(date(2025, 12, 22), per_week=2)
        checks = [done(date(2025, 12, 22)), done(date(2025, 12, 24))]
        checks += [done(date(2025, 12, 31)), done(date(2026, 1, 2))]
        assert streak(g, checks, date(2026, 1, 5)) == Streak(2, 2, "week")


# ----------------------------------------------------------------- property tests
DAY_KINDS = st.sampled_from(["done", "skip", "bare-skip", "none"])


def history(start: date, kinds: list[str]) -> list[CheckIn]:
    checks = []
    for offset, kind in enumerate(kinds):
        day = start + timedelta(days=offset)
        if kind == "done":
            checks.append(done(day))
        elif kind == "skip":
            checks.append(skipped(day))
        elif kind == "bare-skip":
            checks.append(skipped(day, ""))
    return checks


def reference_daily(kinds: list[str]) -> tuple[int, int]:
    """A plain restatement of the daily rule; the last day is today."""
    best = run = 0
    for index, kind in enumerate(kinds):
        last = index == len(kinds) - 1
        if kind == "done":
            run += 1
            best = max(best, run)
        elif kind == "skip" or last:
            continue
        else:
            run = 0
    return run, best


@settings(max_examples=200)
@given(kinds=st.lists(DAY_KINDS, min_size=1, max_size=60), anchor=st.sampled_from(BOUNDARIES))
def test_daily_streak_matches_the_rule_across_boundaries(kinds: list[str], anchor: date) -> None:
    start = anchor - timedelta(days=len(kinds) // 2)
    today = start + timedelta(days=len(kinds) - 1)
    result = streak(goal(start), history(start, kinds), today)
    assert (result.current, result.best) == reference_daily(kinds)
    assert result.current <= result.best


@settings(max_examples=200)
@given(
    kinds=st.lists(DAY_KINDS, min_size=1, max_size=70),
    per_week=st.one_of(st.none(), st.integers(1, 7)),
    shift=st.integers(-800, 800),
)
def test_streaks_do_not_change_when_history_moves_by_whole_weeks(
    kinds: list[str], per_week: int | None, shift: int
) -> None:
    """Moving a history across DST, month and year ends changes nothing (same weekdays)."""
    start = date(2026, 3, 2)
    moved = start + timedelta(weeks=shift)
    today = start + timedelta(days=len(kinds) - 1)
    here = streak(goal(start, per_week), history(start, kinds), today)
    there = streak(
        goal(moved, per_week), history(moved, kinds), moved + timedelta(days=len(kinds) - 1)
    )
    assert here == there


@settings(max_examples=150)
@given(kinds=st.lists(DAY_KINDS, min_size=2, max_size=40), where=st.integers(0, 39))
def test_turning_a_missed_day_into_a_skip_with_reason_never_lowers_a_streak(
    kinds: list[str], where: int
) -> None:
    start = date(2025, 12, 20)
    today = start + timedelta(days=len(kinds) - 1)
    index = where % len(kinds)
    before = streak(goal(start), history(start, kinds), today)
    excused = [*kinds]
    if excused[index] in ("none", "bare-skip"):
        excused[index] = "skip"
    after = streak(goal(start), history(start, excused), today)
    assert after.current >= before.current and after.best >= before.best


@settings(max_examples=150)
@given(
    kinds=st.lists(DAY_KINDS, min_size=7, max_size=63),
    per_week=st.integers(1, 7),
    anchor=st.sampled_from(BOUNDARIES),
)
def test_weekly_streak_never_exceeds_the_weeks_lived(
    kinds: list[str], per_week: int, anchor: date
) -> None:
    start = week_start(anchor)
    today = start + timedelta(days=len(kinds) - 1)
    result = streak(goal(start, per_week), history(start, kinds), today)
    weeks = (week_start(today) - start).days // 7 + 1
    assert 0 <= result.current <= result.best <= weeks
    if all(kind == "done" for kind in kinds):
        # Every finished week is met; the week in progress counts once it has enough.
        days_this_week = len(kinds) % 7 or 7
        expected = weeks if days_this_week >= per_week else weeks - 1
        assert result.current == result.best == expected


@settings(max_examples=150)
@given(
    kinds=st.lists(DAY_KINDS, min_size=1, max_size=21),
    per_weeks=st.lists(st.one_of(st.none(), st.integers(1, 7)), min_size=1, max_size=3),
    anchor=st.sampled_from(BOUNDARIES),
)
def test_weekly_summary_adds_up_across_boundaries(
    kinds: list[str], per_weeks: list[int | None], anchor: date
) -> None:
    start = anchor - timedelta(days=10)
    today = start + timedelta(days=len(kinds) - 1)
    goals = [goal(start, per_week, goal_id=n + 1) for n, per_week in enumerate(per_weeks)]
    checks = [replace_goal(c, g.id) for g in goals for c in history(start, kinds)]
    summary = weekly_summary(goals, checks, today)
    monday = week_start(today)
    in_week = [c for c in checks if monday <= c.day <= today]
    assert summary.start == monday and summary.end == monday + timedelta(days=6)
    assert summary.done == sum(1 for c in in_week if c.state is D)
    assert summary.skipped == sum(1 for c in in_week if c.state is S)
    assert summary.goals == len(goals) and 0 <= summary.on_track <= summary.goals


def replace_goal(item: CheckIn, goal_id: int) -> CheckIn:
    return CheckIn(goal_id, item.day, item.state, item.reason)


def test_local_dates_across_a_dst_change_are_consecutive_days() -> None:
    """The screen takes today as now().astimezone().date(): a 23-hour day is still one day."""
    berlin = ZoneInfo("Europe/Berlin")
    moments = [datetime(2026, 3, 27, 21, 0, tzinfo=UTC) + timedelta(hours=24 * n) for n in range(4)]
    days = [m.astimezone(berlin).date() for m in moments]
    assert days == [date(2026, 3, 27), date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    checks = [done(d) for d in days]
    assert streak(goal(days[0]), checks, days[-1]).current == 4


# ------------------------------------------------------------------ week tallies
class TestWeekTally:
    def test_daily_goal_owes_only_days_lived_and_not_an_open_today(self) -> None:
        g = goal(date(2026, 3, 1))
        checks = [done(date(2026, 3, 9)), done(date(2026, 3, 10))]
        tally = week_tally(g, {c.day: c for c in checks}, date(2026, 3, 9), date(2026, 3, 11))
        assert (tally.done, tally.target, tally.met, tally.on_track) == (2, 2, True, True)

    def test_daily_goal_with_a_missed_day_is_not_on_track(self) -> None:
        g = goal(date(2026, 3, 1))
        checks = [done(date(2026, 3, 10))]
        tally = week_tally(g, {c.day: c for c in checks}, date(2026, 3, 9), date(2026, 3, 11))
        assert (tally.target, tally.on_track) == (2, False)

    def test_weekly_goal_is_on_track_while_the_days_left_are_enough(self) -> None:
        g = goal(date(2026, 3, 1), per_week=3)
        tally = week_tally(g, {}, date(2026, 3, 9), date(2026, 3, 12))  # Thu: Thu-Sun left
        assert (tally.target, tally.still_possible, tally.on_track) == (3, 4, True)
        late = week_tally(g, {}, date(2026, 3, 9), date(2026, 3, 14))  # Sat: two days left
        assert late.on_track is False

    def test_a_week_with_nothing_available_is_not_met_but_on_track(self) -> None:
        g = goal(date(2026, 3, 1), per_week=2, pauses=(Pause(date(2026, 3, 9)),))
        tally = week_tally(g, {}, date(2026, 3, 9), date(2026, 3, 12))
        assert (tally.target, tally.met, tally.on_track) == (0, False, True)

    def test_future_check_ins_are_not_counted_as_done_yet(self) -> None:
        g = goal(date(2026, 3, 1), per_week=1)
        checks = {date(2026, 3, 14): done(date(2026, 3, 14))}
        tally = week_tally(g, checks, date(2026, 3, 9), date(2026, 3, 12))
        assert tally.done == 0


class TestWeeklySummary:
    today = date(2026, 3, 12)

    def test_line_with_no_goals(self) -> None:
        summary = weekly_summary([], [], self.today)
        assert summary.line() == "This week (Mon 9 Mar – Sun 15 Mar): no active goals yet."

    def test_line_counts_and_leaves_out_paused_and_archived_goals(self) -> None:
        goals = [
            goal(date(2026, 3, 1)),
            goal(date(2026, 3, 1), per_week=2, goal_id=2),
            goal(date(2026, 3, 1), goal_id=3, status=GoalStatus.PAUSED),
            goal(date(2026, 3, 1), goal_id=4, status=GoalStatus.ARCHIVED),
        ]
        checks = [
            *run_of(date(2026, 3, 9), 3),
            skipped(date(2026, 3, 10), goal_id=2),
            done(date(2026, 3, 11), goal_id=3),
        ]
        summary = weekly_summary(goals, checks, self.today)
        assert (summary.done, summary.skipped, summary.on_track, summary.goals) == (3, 1, 2, 2)
        assert summary.line() == (
            "This week (Mon 9 Mar – Sun 15 Mar): 3 check-ins done, 1 skipped"
            " · 2 of 2 goals on track"
        )

    def test_one_check_in_is_singular_and_an_earlier_week_can_be_asked_for(self) -> None:
        summary = weekly_summary(
            [goal(date(2026, 3, 1))], [done(date(2026, 3, 3))], self.today, date(2026, 3, 2)
        )
        assert summary.line().startswith("This week (Mon 2 Mar – Sun 8 Mar): 1 check-in done ·")


# ------------------------------------------------------------ today and the grid
class TestTodayAndGrid:
    today = date(2026, 3, 12)

    def test_open_today(self) -> None:
        daily = goal(date(2026, 3, 1), title="Walk")
        weekly = goal(date(2026, 3, 1), per_week=1, goal_id=2, title="Call a friend")
        paused = goal(date(2026, 3, 1), goal_id=3, status=GoalStatus.PAUSED)
        assert [g.title for g in open_today([daily, weekly, paused], [], self.today)] == [
            "Walk",
            "Call a friend",
        ]
        checks = [done(self.today), done(date(2026, 3, 10), goal_id=2)]
        assert open_today([daily, weekly, paused], checks, self.today) == []

    def test_a_skip_today_closes_it(self) -> None:
        assert not is_open_today(goal(date(2026, 3, 1)), [skipped(self.today)], self.today)

    def test_day_states(self) -> None:
        g = goal(date(2026, 3, 3), pauses=(Pause(date(2026, 3, 6), date(2026, 3, 7)),))
        by_day = {
            date(2026, 3, 4): done(date(2026, 3, 4)),
            date(2026, 3, 5): skipped(date(2026, 3, 5)),
            date(2026, 3, 20): done(date(2026, 3, 20)),  # a clock moved backwards
        }
        cases = {
            date(2026, 3, 2): DayState.BEFORE,
            date(2026, 3, 3): DayState.MISSED,
            date(2026, 3, 4): DayState.DONE,
            date(2026, 3, 5): DayState.SKIPPED,
            date(2026, 3, 6): DayState.PAUSED,
            date(2026, 3, 12): DayState.OPEN,
            date(2026, 3, 13): DayState.FUTURE,
            date(2026, 3, 20): DayState.DONE,
        }
        for day, state in cases.items():
            assert day_state(g, by_day, day, self.today) is state, day

    def test_month_grid_layout_and_counts(self) -> None:
        g = goal(date(2026, 3, 1))
        grid = month_grid(
            g, [*run_of(date(2026, 3, 2), 3), skipped(date(2026, 3, 5))], 2026, 3, self.today
        )
        assert grid.title == "March 2026"
        assert grid.weeks[0][:6] == (None,) * 6  # 1 March 2026 is a Sunday
        assert grid.weeks[0][6] == (date(2026, 3, 1), DayState.MISSED)
        assert len(grid.weeks) == 6
        assert grid.count(DayState.DONE) == 3 and grid.count(DayState.SKIPPED) == 1
        assert grid.count(DayState.OPEN) == 1 and grid.count(DayState.FUTURE) == 19

    def test_month_grid_of_a_month_before_the_goal(self) -> None:
        grid = month_grid(goal(date(2026, 3, 1)), [], 2026, 2, self.today)
        assert grid.count(DayState.BEFORE) == 28

    def test_shift_month_across_years(self) -> None:
        assert shift_month(2026, 1, -1) == (2025, 12)
        assert shift_month(2025, 12, 1) == (2026, 1)
        assert shift_month(2026, 3, 0) == (2026, 3)
        assert shift_month(2026, 3, -27) == (2023, 12)

    def test_short_day_is_english_and_unpadded(self) -> None:
        assert short_day(date(2026, 3, 9)) == "Mon 9 Mar"


# -------------------------------------------------------------- corrections
class TestCorrections:
    today = date(2026, 3, 12)

    def test_the_window_is_the_last_seven_days_today_included(self) -> None:
        days = correctable_days(self.today)
        assert len(days) == CORRECTION_DAYS == 7
        assert days[0] == self.today and days[-1] == date(2026, 3, 6)
        assert all(can_correct(d, self.today) for d in days)
        assert not can_correct(date(2026, 3, 5), self.today)
        assert not can_correct(date(2026, 3, 13), self.today)

    def test_window_across_new_year(self) -> None:
        assert correctable_days(date(2026, 1, 2))[-1] == date(2025, 12, 27)

    def test_messages(self) -> None:
        assert correction_problem(self.today, self.today) is None
        assert "last 7 days" in (correction_problem(date(2026, 3, 1), self.today) or "")
        assert "not come yet" in (correction_problem(date(2026, 3, 13), self.today) or "")

    def test_validate_checkin(self) -> None:
        tidy = validate_checkin(CheckIn(1, self.today, S, "  ill   today "), self.today)
        assert tidy.reason == "ill today"
        with pytest.raises(GoalError, match="why"):
            validate_checkin(CheckIn(1, self.today, S, ""), self.today)
        with pytest.raises(GoalError, match="last 7 days"):
            validate_checkin(CheckIn(1, date(2026, 1, 1), D), self.today)
        assert validate_checkin(done(self.today), self.today) == done(self.today)


# ----------------------------------------------------------------- confidence
class TestConfidence:
    def test_one_rating_a_day_the_second_replaces(self) -> None:
        ratings = rate([], date(2026, 3, 10), 4)
        ratings = rate(ratings, date(2026, 3, 12), 2)
        ratings = rate(ratings, date(2026, 3, 12), 5)
        assert ratings == [Rating(date(2026, 3, 10), 4), Rating(date(2026, 3, 12), 5)]
        assert rating_on(ratings, date(2026, 3, 12)) == Rating(date(2026, 3, 12), 5)
        assert rating_on(ratings, date(2026, 3, 11)) is None

    def test_out_of_range_is_refused(self) -> None:
        for value in (0, 6):
            with pytest.raises(GoalError):
                rate([], date(2026, 3, 12), value)

    def test_latest_ignores_a_future_dated_rating(self) -> None:
        ratings = [Rating(date(2026, 3, 10), 4), Rating(date(2026, 3, 20), 9)]
        assert latest_rating(ratings, date(2026, 3, 12)) == Rating(date(2026, 3, 10), 4)
        assert latest_rating([], date(2026, 3, 12)) is None

    def test_trend_is_oldest_first_and_limited(self) -> None:
        ratings = [Rating(date(2026, 3, d), d % 10 + 1) for d in range(1, 13)]
        assert trend(reversed(ratings), 3) == [r.value for r in ratings[-3:]]
        assert trend(ratings, 0) == []


# ----------------------------------------------------------------- suggestions
class TestSuggestions:
    issues = [MarkedIssue(kind.id, kind.title) for kind in COMMON_ISSUES]

    def test_every_marked_issue_is_offered_until_adopted(self) -> None:
        assert open_suggestions(self.issues, []) == self.issues
        adopted = suggestion_goal(self.issues[0], date(2026, 3, 12))
        assert adopted.source == self.issues[0].issue_id
        rest = open_suggestions(self.issues, [adopted])
        assert self.issues[0] not in rest and len(rest) == len(self.issues) - 1

    def test_a_goal_with_the_same_title_or_an_archived_one_counts(self) -> None:
        title, area = suggested_goal(self.issues[1])
        same = Goal(title.upper(), area, DAILY, date(2026, 3, 1), status=GoalStatus.ARCHIVED)
        assert self.issues[1] not in open_suggestions(self.issues, [same])

    def test_cadence_follows_the_wording(self) -> None:
        time = next(i for i in self.issues if i.issue_id == "time")
        assert suggestion_goal(time, date(2026, 3, 12)).cadence == Cadence(1)
        assert suggestion_goal(self.issues[0], date(2026, 3, 12)).cadence == DAILY

    def test_a_long_custom_issue_title_is_shortened_at_a_word(self) -> None:
        issue = MarkedIssue("custom-1", "word " * 60)
        made = suggestion_goal(issue, date(2026, 3, 12))
        assert len(made.title) <= MAX_TITLE and made.title.endswith("…")
        assert title_problem(made.title) is None

    def test_an_empty_custom_title_still_makes_a_goal(self) -> None:
        made = suggestion_goal(MarkedIssue("custom-2", ""), date(2026, 3, 12))
        assert title_problem(made.title) is None


# -------------------------------------------------------------------- summary
class TestSummary:
    today = date(2026, 3, 12)

    def test_empty(self) -> None:
        summary = summarise([], [], [], self.today)
        assert summary.active_goals == 0 and summary.latest_confidence is None
        assert "No goals yet" in summary.line()

    def test_counts_open_streak_and_confidence(self) -> None:
        goals = [
            goal(date(2026, 3, 1), title="Walk"),
            goal(date(2026, 3, 1), goal_id=2, title="Read"),
            goal(date(2026, 3, 1), goal_id=3, title="Old", status=GoalStatus.ARCHIVED),
        ]
        checks = [*run_of(date(2026, 3, 9), 4), *run_of(date(2026, 3, 11), 1, goal_id=2)]
        checks += run_of(date(2026, 3, 1), 12, goal_id=3)
        ratings = [Rating(date(2026, 3, 11), 5), Rating(date(2026, 3, 12), 3)]
        summary = summarise(goals, checks, ratings, self.today)
        assert summary.active_goals == 2
        assert summary.open_today == ("Read",)
        assert (summary.best_current_streak, summary.best_streak_goal) == (4, "Walk")
        assert summary.latest_confidence == 3
        assert summary.line() == (
            "2 active goals · 1 to check in today · best streak 4 days · confidence 3/5"
        )

    def test_all_checked_in_and_a_week_streak(self) -> None:
        g = goal(date(2026, 3, 2), per_week=1)
        summary = summarise([g], [done(date(2026, 3, 3)), done(date(2026, 3, 9))], [], self.today)
        assert summary.line() == "1 active goal · all checked in today · best streak 2 weeks"
        one = summarise([g], [done(date(2026, 3, 9))], [], self.today)
        assert "best streak 1 week" in one.line()
