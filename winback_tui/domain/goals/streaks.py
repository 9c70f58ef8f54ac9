"""How a goal's days read, its streaks, week tallies and recent keeping.

The rules are the package's (:mod:`winback_tui.domain.goals`): the run of days
or weeks kept, counted from the day the goal was created, with excused and paused
days neutral and check-ins recorded after their week ended kept but not counted.
(Not to be confused with :mod:`winback_tui.domain.streaks`, the days without contact.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from winback_tui.domain.goals.dates import days, days_between, week_start
from winback_tui.domain.goals.model import CheckIn, CheckState, DayState, Goal
from winback_tui.domain.words import plural

__all__ = [
    "RECENT_DAYS",
    "Streak",
    "WeekTally",
    "checkins_by_day",
    "counted_by_day",
    "current_streak",
    "day_state",
    "recent_keeping",
    "start_day",
    "streak",
    "week_tally",
]


def checkins_by_day(checkins: Iterable[CheckIn], goal_id: int) -> dict[date, CheckIn]:
    """One goal's check-ins keyed by day (a later duplicate wins)."""
    return {c.day: c for c in checkins if c.goal_id == goal_id}


def counted_by_day(checkins: Iterable[CheckIn], goal_id: int) -> dict[date, CheckIn]:
    """One goal's check-ins that count for streaks and targets, keyed by day.

    :func:`checkins_by_day` without the records made after their week ended
    (:attr:`CheckIn.on_time`); those stay in the grid only.
    """
    return {c.day: c for c in checkins if c.goal_id == goal_id and c.on_time}


def _counted_by_day(checkins: Iterable[CheckIn], goal_id: int, today: date) -> dict[date, CheckIn]:
    """One goal's check-ins up to ``today`` recorded in time, keyed by day: what streaks count.

    Equal to :func:`counted_by_day` with later days dropped, in one pass.
    """
    return {c.day: c for c in checkins if c.goal_id == goal_id and c.day <= today and c.on_time}


def start_day(goal: Goal, by_day: dict[date, CheckIn]) -> date:
    """The first day that counts: the day the goal was created.

    A check-in dated earlier (a moved clock, or a correction for a day before
    the goal existed) is kept and shown, but no streak or target counts it.
    ``by_day`` is accepted for the callers that pass it; it does not move the
    start.
    """
    del by_day
    return goal.created


# ------------------------------------------------------------------ days
def day_state(goal: Goal, by_day: dict[date, CheckIn], day: date, today: date) -> DayState:
    """How ``day`` reads for ``goal``.

    A recorded check-in always shows, even on a day after ``today`` (a clock
    moved backwards), so nothing the user recorded disappears.
    """
    checkin = by_day.get(day)
    if checkin is not None:
        return DayState.DONE if checkin.state is CheckState.DONE else DayState.SKIPPED
    if day > today:
        return DayState.FUTURE
    if day < start_day(goal, by_day):
        return DayState.BEFORE
    if goal.paused_on(day):
        return DayState.PAUSED
    if day == today:
        return DayState.OPEN
    return DayState.MISSED


def _neutral(goal: Goal, by_day: dict[date, CheckIn], day: date) -> bool:
    """A day that neither counts for nor against a goal: excused or paused."""
    checkin = by_day.get(day)
    if checkin is not None and checkin.state is CheckState.DONE:
        return False
    return (checkin is not None and checkin.excused) or goal.paused_on(day)


# ----------------------------------------------------------------- streaks
@dataclass(frozen=True)
class Streak:
    """A goal's current and best run, in days (daily) or weeks (N a week)."""

    current: int
    best: int
    unit: str  # "day" or "week"

    def describe(self, count: int) -> str:
        """``1 day`` / ``3 weeks``."""
        return plural(count, self.unit, f"{self.unit}s")


def _day_outcome(goal: Goal, by_day: dict[date, CheckIn], day: date, today: date) -> bool | None:
    """One day of a daily goal: True done, False missed, None neutral."""
    checkin = by_day.get(day)
    if checkin is not None and checkin.state is CheckState.DONE:
        return True
    if _neutral(goal, by_day, day) or day == today:
        return None  # today is still open: it cannot break a run yet
    return False


def _daily_outcomes(goal: Goal, by_day: dict[date, CheckIn], today: date) -> list[bool | None]:
    """Per day from the start to today: True done, False missed, None neutral."""
    return [_day_outcome(goal, by_day, day, today) for day in days(start_day(goal, by_day), today)]


@dataclass(frozen=True)
class WeekTally:
    """One goal's week as of a day.

    Attributes:
        start: the Monday.
        done: days done (up to today).
        skipped: days skipped (up to today).
        target: what the week asks for, shrunk to the days really available.
        still_possible: available days after today, for a week in progress.
    """

    start: date
    done: int
    skipped: int
    target: int
    still_possible: int = 0

    @property
    def met(self) -> bool:
        """Whether the target was reached (a zero target never is: it is neutral)."""
        return self.target > 0 and self.done >= self.target

    @property
    def on_track(self) -> bool:
        """Met, nothing owed, or still reachable in the days left."""
        return self.target == 0 or self.done + self.still_possible >= self.target


def week_tally(goal: Goal, by_day: dict[date, CheckIn], monday: date, today: date) -> WeekTally:
    """Count one week of ``goal`` (Monday ``monday``) as of ``today``.

    Days before the goal began, skipped-with-reason days and paused days are
    not available, and the target shrinks to the available days. For a daily
    goal the target is every available day so far (today only once it is
    done: an open today is not owed yet); for N a week it is N, or fewer when
    fewer days are available in the whole week.
    """
    return _tally(goal, by_day, monday, today, start_day(goal, by_day))


def _tally(
    goal: Goal, by_day: dict[date, CheckIn], monday: date, today: date, begin: date
) -> WeekTally:
    """:func:`week_tally` with ``begin`` (:func:`start_day`) given.

    :func:`start_day` scans every check-in of the goal; walking weeks, it is
    computed once instead of once a week.
    """
    done = skipped = available = later = 0
    for day in days(monday, monday + timedelta(days=6)):
        if day < begin:
            continue  # before the goal began: never counted, whatever is recorded
        checkin = by_day.get(day)
        is_done = checkin is not None and checkin.state is CheckState.DONE
        if day <= today and checkin is not None:
            if is_done:
                done += 1
            else:
                skipped += 1
        if _neutral(goal, by_day, day):
            continue
        if day > today or (day == today and not is_done):
            later += 1
            if goal.cadence.per_week is None:
                continue  # a daily goal owes only the days already lived
        available += 1
    if goal.cadence.per_week is None:
        return WeekTally(monday, done, skipped, available)
    return WeekTally(monday, done, skipped, min(goal.cadence.per_week, available), later)


def _week_outcome(tally: WeekTally, this_week: date) -> bool | None:
    """One week of an N-a-week goal: True met, False not met, None neutral."""
    if tally.met:
        return True
    if tally.target == 0 or tally.start == this_week:
        return None  # nothing owed, or the week is not over yet
    return False


def _weekly_outcomes(goal: Goal, by_day: dict[date, CheckIn], today: date) -> list[bool | None]:
    """Per week from the start to this week: True met, False not met, None neutral."""
    outcomes: list[bool | None] = []
    this_week = week_start(today)
    begin = start_day(goal, by_day)
    monday = week_start(begin)
    while monday <= this_week:
        outcomes.append(_week_outcome(_tally(goal, by_day, monday, today, begin), this_week))
        monday += timedelta(days=7)
    return outcomes


def _runs(outcomes: Sequence[bool | None]) -> tuple[int, int]:
    """(current, best) run of True, where None neither breaks nor adds."""
    best = run = 0
    for outcome in outcomes:
        if outcome is True:
            run += 1
            best = max(best, run)
        elif outcome is False:
            run = 0
    return run, best


def streak(goal: Goal, checkins: Iterable[CheckIn], today: date) -> Streak:
    """The current and best streak of ``goal`` as of ``today``.

    Check-ins dated after ``today`` are ignored here (they still show in the
    grid); they count once their day comes.
    """
    by_day = _counted_by_day(checkins, goal.id, today)
    if goal.cadence.per_week is None:
        current, best = _runs(_daily_outcomes(goal, by_day, today))
        return Streak(current, best, "day")
    current, best = _runs(_weekly_outcomes(goal, by_day, today))
    return Streak(current, best, "week")


def _run_back(outcomes: Iterable[bool | None]) -> int:
    """The run of True at the end of a history given newest first.

    Reading stops at the first False, so only the current run is walked.
    """
    run = 0
    for outcome in outcomes:
        if outcome is False:
            break
        if outcome is True:
            run += 1
    return run


def current_streak(goal: Goal, checkins: Iterable[CheckIn], today: date) -> int:
    """``streak(goal, checkins, today).current``, without walking the whole history.

    Same rules as :func:`streak`: the walk goes back from today (days for a
    daily goal, weeks for N a week) and stops at the first day or week that
    breaks the run, or at the start day. The cost follows the current run,
    not the goal's age, which keeps the dashboard quick on years of data.

    Args:
        goal: the goal.
        checkins: check-ins of any goals (others are ignored).
        today: the local day; check-ins dated after it do not count yet.

    Returns:
        The current run, in days (daily goal) or weeks (N a week).
    """
    by_day = _counted_by_day(checkins, goal.id, today)
    begin = start_day(goal, by_day)
    if goal.cadence.per_week is None:
        back = (today - timedelta(days=n) for n in range((today - begin).days + 1))
        return _run_back(_day_outcome(goal, by_day, day, today) for day in back)
    this_week = week_start(today)
    weeks = (this_week - week_start(begin)).days // 7 + 1
    mondays = (this_week - timedelta(weeks=n) for n in range(weeks))
    return _run_back(
        _week_outcome(_tally(goal, by_day, monday, today, begin), this_week) for monday in mondays
    )


# ------------------------------------------------------------ recent keeping
#: How far back the dashboard looks at Step 2's check-ins, in days (today included).
RECENT_DAYS = 14


def recent_keeping(
    goal: Goal, checkins: Iterable[CheckIn], today: date, days: int = RECENT_DAYS
) -> tuple[int, int]:
    """How well ``goal`` kept its cadence lately: ``(kept, owed)``.

    The same rules as :func:`streak`: a daily goal counts each of the last
    ``days`` days (a done day kept, a missed day owed; neutral and open days
    neither); an N-a-week goal counts each week that overlaps them (a met
    week kept, an unmet finished week owed; the week in progress only once
    met). Days before the goal began and late records never count.
    """
    by_day = _counted_by_day(checkins, goal.id, today)
    begin = start_day(goal, by_day)
    first = max(begin, today - timedelta(days=max(days, 1) - 1))
    if goal.cadence.per_week is None:
        outcomes = [_day_outcome(goal, by_day, day, today) for day in days_between(first, today)]
    else:
        this_week = week_start(today)
        outcomes = []
        monday = week_start(first)
        while monday <= this_week:
            outcomes.append(_week_outcome(_tally(goal, by_day, monday, today, begin), this_week))
            monday += timedelta(days=7)
    kept = sum(1 for o in outcomes if o is True)
    return kept, kept + sum(1 for o in outcomes if o is False)
