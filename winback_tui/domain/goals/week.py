"""Today and this week: which goals still ask for a check-in, and the week's line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from winback_tui.domain.goals.dates import short_day, week_start
from winback_tui.domain.goals.model import CheckIn, Goal, GoalStatus
from winback_tui.domain.goals.streaks import (
    WeekTally,
    checkins_by_day,
    counted_by_day,
    week_tally,
)
from winback_tui.domain.words import plural

__all__ = [
    "WeekSummary",
    "is_open_today",
    "open_today",
    "weekly_summary",
]


def is_open_today(goal: Goal, checkins: Iterable[CheckIn], today: date) -> bool:
    """Whether ``goal`` still asks for a check-in today.

    Only active goals ask. A daily goal is open until today is done or
    skipped; an N-a-week goal also closes once this week's target is met.
    """
    if goal.status is not GoalStatus.ACTIVE:
        return False
    by_day = checkins_by_day(checkins, goal.id)
    if today in by_day:
        return False
    if goal.cadence.per_week is None:
        return True
    counted = {day: c for day, c in by_day.items() if c.on_time}
    return not week_tally(goal, counted, week_start(today), today).met


def open_today(goals: Iterable[Goal], checkins: Sequence[CheckIn], today: date) -> list[Goal]:
    """The active goals still open today, in the order given."""
    return [g for g in goals if is_open_today(g, checkins, today)]


@dataclass(frozen=True)
class WeekSummary:
    """This week across the active goals.

    Attributes:
        start: the Monday.
        done: check-ins marked done this week (up to today).
        skipped: days skipped this week.
        on_track: goals whose target so far is met.
        goals: active goals counted.
    """

    start: date
    done: int
    skipped: int
    on_track: int
    goals: int
    tallies: tuple[tuple[int, WeekTally], ...] = field(default=())

    @property
    def end(self) -> date:
        """The Sunday."""
        return self.start + timedelta(days=6)

    def line(self) -> str:
        """One sentence for the screen, kind whatever the numbers."""
        span = f"{short_day(self.start)} – {short_day(self.end)}"
        if self.goals == 0:
            return f"This week ({span}): no active goals yet."
        checks = f"{plural(self.done, 'check-in', 'check-ins')} done"
        if self.skipped:
            checks += f", {self.skipped} skipped"
        return f"This week ({span}): {checks} · {self.on_track} of {self.goals} goals on track"


def weekly_summary(
    goals: Iterable[Goal], checkins: Sequence[CheckIn], today: date, monday: date | None = None
) -> WeekSummary:
    """Summarise the week of ``monday`` (default: this week) across active goals.

    A goal is on track when its target so far is met, can still be met in the
    days left, or nothing is owed (every day excused or paused).
    """
    start = monday if monday is not None else week_start(today)
    tallies = []
    for goal in goals:
        if goal.status is not GoalStatus.ACTIVE:
            continue
        tallies.append((goal.id, week_tally(goal, counted_by_day(checkins, goal.id), start, today)))
    return WeekSummary(
        start=start,
        done=sum(t.done for _, t in tallies),
        skipped=sum(t.skipped for _, t in tallies),
        on_track=sum(1 for _, t in tallies if t.on_track),
        goals=len(tallies),
        tallies=tuple(tallies),
    )
