"""A year at a glance: the daily check-in as a grid of days ("a year in pixels").

Columns are weeks, Monday first (like the month grid of Step 2), rows are the
seven weekdays. Each day of the span shows one measure of its check-in (mood,
confidence or calm, 1-5), "no check-in", or nothing at all: days before the
journal's first record and days still to come are blank, never "missed".

Below the grid a sparkline shows each week's average of the measure; a week
without any rating is a gap, not a zero.

Pure rules only: the screen (``screens/year.py``) draws what this builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from winback_tui.domain.daily import DailyCheckIn

#: The measures a year can show, in the order ``m`` cycles through them.
MEASURES: tuple[str, ...] = ("mood", "confidence", "calm")

#: Month names for the labels above the columns (fixed, whatever the locale).
MONTHS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

#: Weekday initials for the rows, Monday first.
WEEKDAYS: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

#: A month label takes three columns and a space before the next.
LABEL_ROOM = 4


@dataclass(frozen=True)
class YearSpan:
    """The days a year view covers, ``first`` to ``last`` inclusive.

    Attributes:
        first: the first day shown.
        last: the last day shown.
        year: the calendar year, or None for the last twelve months.
    """

    first: date
    last: date
    year: int | None = None

    @property
    def title(self) -> str:
        """``2025``, or ``13 Mar 2025 – 12 Mar 2026`` for the last twelve months."""
        if self.year is not None:
            return str(self.year)
        return f"{_short(self.first)} – {_short(self.last)}"


def _short(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def last_twelve_months(today: date) -> YearSpan:
    """The year ending ``today``: from the day after the same date a year ago."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February: a year ago there was none
        year_ago = date(today.year - 1, 2, 28)
    return YearSpan(year_ago + timedelta(days=1), today)


def calendar_year(year: int) -> YearSpan:
    """1 January to 31 December of ``year``."""
    return YearSpan(date(year, 1, 1), date(year, 12, 31), year)


@dataclass(frozen=True)
class YearDay:
    """One day of the grid.

    Attributes:
        day: the date.
        level: the measure's rating, 1-5, or None when it was not rated.
        blank: before the journal's first record or still to come: drawn as
            nothing, neither rated nor missed.
    """

    day: date
    level: int | None = None
    blank: bool = False


@dataclass(frozen=True)
class YearGrid:
    """A year of one measure, ready to draw.

    Attributes:
        span: the days covered.
        measure: ``mood``, ``confidence`` or ``calm``.
        start: the Monday of the first column.
        columns: one tuple of seven per week, Monday first; None where a
            weekday of the first or last week lies outside the span.
        months: ``(column, "Mar")`` for each month label, left to right, at
            least :data:`LABEL_ROOM` columns apart.
        weekly: each column's average rating, None for a week without one.
    """

    span: YearSpan
    measure: str
    start: date
    columns: tuple[tuple[YearDay | None, ...], ...]
    months: tuple[tuple[int, str], ...]
    weekly: tuple[float | None, ...]

    def position(self, day: date) -> tuple[int, int] | None:
        """``(column, row)`` of ``day``, or None outside the span."""
        if not self.span.first <= day <= self.span.last:
            return None
        return (day - self.start).days // 7, day.weekday()

    def cell(self, day: date) -> YearDay | None:
        """The grid's cell of ``day``, or None outside the span."""
        where = self.position(day)
        if where is None:
            return None
        column, row = where
        return self.columns[column][row]


def level_of(checkin: DailyCheckIn, measure: str) -> int | None:
    """The rating of ``measure`` in ``checkin`` (None when not rated).

    Raises:
        ValueError: an unknown measure.
    """
    if measure not in MEASURES:
        raise ValueError(f"There is no measure called {measure!r}.")
    value: int | None = getattr(checkin, measure)
    return value


def first_record(starts: Iterable[date | None]) -> date | None:
    """The earliest of several first days (the journal's, its first check-in's…)."""
    known = [day for day in starts if day is not None]
    return min(known) if known else None


def _month_labels(span: YearSpan, start: date, columns: int) -> tuple[tuple[int, str], ...]:
    firsts: list[tuple[int, str]] = []
    month = date(span.first.year, span.first.month, 1)
    while month <= span.last:
        if month >= span.first:
            firsts.append(((month - start).days // 7, MONTHS[month.month - 1]))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if span.first.day != 1:
        # The span starts in the middle of a month: name it over the first
        # column when the next month's label leaves the room.
        next_column = firsts[0][0] if firsts else columns
        if next_column >= LABEL_ROOM:
            firsts.insert(0, (0, MONTHS[span.first.month - 1]))
    kept: list[tuple[int, str]] = []
    for column, name in firsts:
        if not kept or column - kept[-1][0] >= LABEL_ROOM:
            kept.append((column, name))
    return tuple(kept)


def weekly_average(week: Sequence[YearDay | None]) -> float | None:
    """The mean rating of the rated days of one column, None when none is rated."""
    levels = [d.level for d in week if d is not None and not d.blank and d.level is not None]
    return sum(levels) / len(levels) if levels else None


def build_year(
    checkins: Iterable[DailyCheckIn],
    span: YearSpan,
    *,
    today: date,
    since: date | None,
    measure: str = "mood",
) -> YearGrid:
    """The grid of ``span`` for ``measure``.

    Args:
        checkins: the daily check-ins (any order; days outside the span are ignored).
        span: the days to show.
        today: the user's local today; later days are blank.
        since: the journal's first record; earlier days are blank (None: the
            journal has no record, so every day up to today is blank).
        measure: ``mood``, ``confidence`` or ``calm``.

    Raises:
        ValueError: an unknown measure.
    """
    if measure not in MEASURES:
        raise ValueError(f"There is no measure called {measure!r}.")
    by_day = {c.day: level_of(c, measure) for c in checkins}
    start = span.first - timedelta(days=span.first.weekday())
    count = (span.last - start).days // 7 + 1
    columns: list[tuple[YearDay | None, ...]] = []
    for week in range(count):
        cells: list[YearDay | None] = []
        for weekday in range(7):
            day = start + timedelta(days=week * 7 + weekday)
            if not span.first <= day <= span.last:
                cells.append(None)
            elif day > today or since is None or day < since:
                cells.append(YearDay(day, blank=True))
            else:
                cells.append(YearDay(day, by_day.get(day)))
        columns.append(tuple(cells))
    return YearGrid(
        span=span,
        measure=measure,
        start=start,
        columns=tuple(columns),
        months=_month_labels(span, start, count),
        weekly=tuple(weekly_average(week) for week in columns),
    )


def next_measure(measure: str) -> str:
    """The measure after ``measure`` (mood, confidence, calm, then mood again)."""
    index = MEASURES.index(measure) if measure in MEASURES else -1
    return MEASURES[(index + 1) % len(MEASURES)]


def last_selectable(span: YearSpan, today: date) -> date:
    """The newest day of ``span`` the cursor may rest on: today at the latest."""
    return min(span.last, max(today, span.first))


def move_cursor(span: YearSpan, day: date, days: int, today: date) -> date:
    """``day`` moved by ``days`` (±1 a day, ±7 a week), or ``day`` if that leaves
    the span or goes past today."""
    moved = day + timedelta(days=days)
    if span.first <= moved <= last_selectable(span, today):
        return moved
    return day


def cursor_in(span: YearSpan, wanted: date, today: date) -> date:
    """``wanted`` kept inside the span and not after today."""
    return min(max(wanted, span.first), last_selectable(span, today))


def earlier_span(span: YearSpan, today: date, since: date | None) -> YearSpan | None:
    """The span ``[`` shows: this calendar year from the last twelve months, then
    each year before; None before the year of the journal's first record."""
    year = today.year if span.year is None else span.year - 1
    floor = since.year if since is not None else today.year
    return calendar_year(year) if year >= floor else None


def later_span(span: YearSpan, today: date) -> YearSpan | None:
    """The span ``]`` shows: the next calendar year, and after this year the last
    twelve months again; None from the last twelve months."""
    if span.year is None:
        return None
    if span.year + 1 <= today.year:
        return calendar_year(span.year + 1)
    return last_twelve_months(today)
