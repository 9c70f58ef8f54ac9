"""One goal's month, laid out Monday to Sunday for the month grid."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from winback_tui.domain.goals.dates import MONTHS
from winback_tui.domain.goals.model import CheckIn, DayState, Goal
from winback_tui.domain.goals.streaks import checkins_by_day, day_state

__all__ = [
    "MonthGrid",
    "month_grid",
    "shift_month",
]


@dataclass(frozen=True)
class MonthGrid:
    """One month of one goal, laid out Monday to Sunday.

    Attributes:
        year, month: which month.
        weeks: rows of seven cells; a cell is ``None`` outside the month, else
            ``(day, state)``.
    """

    year: int
    month: int
    weeks: tuple[tuple[tuple[date, DayState] | None, ...], ...]

    @property
    def title(self) -> str:
        """``March 2026``."""
        return f"{MONTHS[self.month - 1]} {self.year}"

    def count(self, state: DayState) -> int:
        """How many days of the month are in ``state``."""
        return sum(1 for week in self.weeks for cell in week if cell and cell[1] is state)


def month_grid(
    goal: Goal, checkins: Iterable[CheckIn], year: int, month: int, today: date
) -> MonthGrid:
    """The month grid data for ``goal``."""
    by_day = checkins_by_day(checkins, goal.id)
    rows: list[tuple[tuple[date, DayState] | None, ...]] = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        rows.append(
            tuple(
                (day, day_state(goal, by_day, day, today)) if day.month == month else None
                for day in week
            )
        )
    return MonthGrid(year, month, tuple(rows))


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The month ``delta`` months away (across year boundaries)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
