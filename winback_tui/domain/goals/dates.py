"""Step 2's calendar days: weeks from Monday, day ranges, English day names.

Everything works on the user's local calendar days, never on timestamps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "days",
    "days_between",
    "short_day",
    "week_start",
]

#: English names, fixed: ``calendar``'s follow the process locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def days(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last``, both included."""
    current = first
    while current <= last:
        yield current
        current += timedelta(days=1)


def days_between(first: date, last: date) -> list[date]:
    """:func:`days` as a list (empty when ``first`` is after ``last``)."""
    return list(days(first, last))


def short_day(day: date) -> str:
    """``Mon 9 Mar`` (English names whatever the locale, like the rest of the app)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]}"
