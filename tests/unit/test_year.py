"""The year at a glance as pure rules: the grid of weeks, month labels, weekly averages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.daily import DailyCheckIn
from winback_tui.domain.year import (
    LABEL_ROOM,
    MEASURES,
    MONTHS,
    YearDay,
    YearSpan,
    build_year,
    calendar_year,
    cursor_in,
    earlier_span,
    first_record,
    last_twelve_months,
    later_span,
    move_cursor,
    next_measure,
)
from winback_tui.store import Journal
from winback_tui.store.situation import journal_start

TODAY = date(2026, 3, 12)  # a Thursday


def days_of(span: YearSpan) -> list[date]:
    count = (span.last - span.first).days + 1
    return [span.first + timedelta(days=n) for n in range(count)]


# ------------------------------------------------------------------ spans
def test_the_last_twelve_months_end_today() -> None:
    span = last_twelve_months(TODAY)
    assert (span.first, span.last, span.year) == (date(2025, 3, 13), TODAY, None)
    assert span.title == "13 Mar 2025 – 12 Mar 2026"
    assert len(days_of(span)) == 365


def test_a_leap_day_looks_back_to_the_first_of_march() -> None:
    span = last_twelve_months(date(2028, 2, 29))
    assert span.first == date(2027, 3, 1)


def test_a_calendar_year_runs_january_to_december() -> None:
    span = calendar_year(2025)
    assert (span.first, span.last, span.title) == (date(2025, 1, 1), date(2025, 12, 31), "2025")


def test_brackets_walk_back_year_by_year_and_forward_to_the_last_twelve_months() -> None:
    rolling = last_twelve_months(TODAY)
    since = date(2024, 6, 1)
    this_year = earlier_span(rolling, TODAY, since)
    assert this_year == calendar_year(2026)
    last_year = earlier_span(this_year, TODAY, since)  # type: ignore[arg-type]
    assert last_year == calendar_year(2025)
    assert earlier_span(calendar_year(2024), TODAY, since) is None  # nothing before 2024
    assert later_span(calendar_year(2025), TODAY) == calendar_year(2026)
    assert later_span(calendar_year(2026), TODAY) == rolling
    assert later_span(rolling, TODAY) is None


# ------------------------------------------------------------------- grid
def test_columns_are_weeks_monday_first() -> None:
    grid = build_year([], last_twelve_months(TODAY), today=TODAY, since=date(2025, 1, 1))
    assert grid.start == date(2025, 3, 10)  # the Monday before 13 March 2025
    assert len(grid.columns) == 53
    first = grid.columns[0]
    assert first[:3] == (None, None, None)  # Mon-Wed come before the span
    assert first[3] == YearDay(date(2025, 3, 13))
    last = grid.columns[-1]
    assert last[3] == YearDay(TODAY)  # today, a Thursday
    assert last[4:] == (None, None, None)
    assert grid.position(TODAY) == (52, 3)
    assert grid.position(date(2025, 3, 12)) is None


def test_levels_missed_days_and_blank_days() -> None:
    since = date(2026, 3, 2)
    checkins = [
        DailyCheckIn(date(2026, 3, 2), mood=2, calm=5),
        DailyCheckIn(date(2026, 3, 4), confidence=4),
        DailyCheckIn(date(2026, 3, 20), mood=5),  # future-dated: still blank
    ]
    grid = build_year(checkins, calendar_year(2026), today=TODAY, since=since)
    assert grid.cell(date(2026, 3, 1)) == YearDay(date(2026, 3, 1), blank=True)  # before since
    assert grid.cell(date(2026, 3, 2)) == YearDay(date(2026, 3, 2), 2)
    assert grid.cell(date(2026, 3, 3)) == YearDay(date(2026, 3, 3))  # no check-in: missed
    assert grid.cell(date(2026, 3, 4)) == YearDay(date(2026, 3, 4))  # mood not rated
    assert grid.cell(date(2026, 3, 20)) == YearDay(date(2026, 3, 20), blank=True)
    calm = build_year(checkins, calendar_year(2026), today=TODAY, since=since, measure="calm")
    assert calm.cell(date(2026, 3, 2)) == YearDay(date(2026, 3, 2), 5)


def test_a_journal_without_records_is_all_blank() -> None:
    grid = build_year([], last_twelve_months(TODAY), today=TODAY, since=None)
    assert all(c is None or c.blank for column in grid.columns for c in column)
    assert all(value is None for value in grid.weekly)


def test_an_unknown_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="sleep"):
        build_year([], calendar_year(2026), today=TODAY, since=None, measure="sleep")


def test_weeks_without_a_rating_are_gaps_not_zeros() -> None:
    checkins = [
        DailyCheckIn(date(2026, 3, 2), mood=1),
        DailyCheckIn(date(2026, 3, 3), mood=4),
        DailyCheckIn(date(2026, 3, 12), mood=3),
    ]
    grid = build_year(checkins, calendar_year(2026), today=TODAY, since=date(2026, 1, 1))
    week_of = {d: (d - grid.start).days // 7 for d in (date(2026, 3, 2), date(2026, 3, 12))}
    assert grid.weekly[week_of[date(2026, 3, 2)]] == 2.5
    assert grid.weekly[week_of[date(2026, 3, 12)]] == 3
    assert grid.weekly[week_of[date(2026, 3, 2)] - 1] is None  # a week with no rating
    assert grid.weekly[-1] is None  # the future


def test_month_labels_sit_over_the_first_of_each_month_and_never_overlap() -> None:
    grid = build_year([], calendar_year(2026), today=TODAY, since=None)
    names = [name for _, name in grid.months]
    assert names == list(MONTHS)
    for column, name in grid.months:
        month = names.index(name) + 1
        assert grid.position(date(2026, month, 1)) is not None
        assert grid.position(date(2026, month, 1))[0] == column  # type: ignore[index]


def test_a_span_that_starts_mid_month_names_it_only_when_there_is_room() -> None:
    # 13 March 2025: April begins three columns later, too close for "Mar".
    tight = build_year([], last_twelve_months(TODAY), today=TODAY, since=None)
    assert tight.months[0][1] == "Apr"
    # 2 June 2025: July begins four columns later, so "Jun" fits over the first one.
    roomy = build_year([], last_twelve_months(date(2026, 6, 1)), today=TODAY, since=None)
    assert roomy.months[0] == (0, "Jun")


def test_measures_cycle() -> None:
    assert [next_measure(m) for m in MEASURES] == ["confidence", "calm", "mood"]


def test_first_record_is_the_earliest_known_day() -> None:
    assert first_record([None, date(2026, 2, 1), date(2025, 12, 1)]) == date(2025, 12, 1)
    assert first_record([None]) is None


# ----------------------------------------------------------------- cursor
def test_the_cursor_moves_a_day_or_a_week_and_stops_at_the_edges() -> None:
    span = last_twelve_months(TODAY)
    assert move_cursor(span, TODAY, -1, TODAY) == TODAY - timedelta(days=1)
    assert move_cursor(span, TODAY, -7, TODAY) == TODAY - timedelta(days=7)
    assert move_cursor(span, TODAY, 1, TODAY) == TODAY  # never into the future
    assert move_cursor(span, span.first, -1, TODAY) == span.first
    year = calendar_year(2026)
    assert cursor_in(year, date(2026, 12, 31), TODAY) == TODAY
    assert cursor_in(calendar_year(2025), TODAY, TODAY) == date(2025, 12, 31)


# ------------------------------------------------------------- properties
spans = st.one_of(
    st.dates(date(2001, 1, 1), date(2099, 12, 31)).map(last_twelve_months),
    st.integers(2001, 2099).map(calendar_year),
)
ratings = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def year_inputs(draw: st.DrawFn) -> tuple[YearSpan, list[DailyCheckIn], date, date | None]:
    span = draw(spans)
    today = draw(st.dates(span.first - timedelta(days=30), span.last + timedelta(days=30)))
    since = draw(st.one_of(st.none(), st.dates(span.first - timedelta(days=30), today)))
    chosen = draw(st.sets(st.dates(span.first, span.last), max_size=80))
    checkins = [DailyCheckIn(d, draw(ratings), draw(ratings), draw(ratings)) for d in chosen]
    return span, checkins, today, since


@settings(max_examples=150, deadline=None)
@given(year_inputs(), st.sampled_from(MEASURES))
def test_every_day_of_the_span_appears_once_in_date_order(
    inputs: tuple[YearSpan, list[DailyCheckIn], date, date | None], measure: str
) -> None:
    span, checkins, today, since = inputs
    grid = build_year(checkins, span, today=today, since=since, measure=measure)
    # Column by column, Monday to Sunday: exactly the span's days, in order.
    shown = [cell.day for column in grid.columns for cell in column if cell is not None]
    assert shown == days_of(span)
    assert all(len(column) == 7 for column in grid.columns)
    assert len(grid.columns) in (53, 54)
    assert grid.start.weekday() == 0
    by_day = {c.day: c for c in checkins}
    for column in grid.columns:
        for weekday, cell in enumerate(column):
            if cell is None:
                continue
            assert cell.day.weekday() == weekday
            outside = cell.day > today or since is None or cell.day < since
            assert cell.blank == outside
            rated = by_day.get(cell.day)
            expected = None if outside or rated is None else getattr(rated, measure)
            assert cell.level == expected
    columns = [column for column, _ in grid.months]
    assert columns == sorted(columns)
    assert all(b - a >= LABEL_ROOM for a, b in pairwise(columns))


@settings(max_examples=150, deadline=None)
@given(year_inputs(), st.sampled_from(MEASURES))
def test_weekly_averages_match_a_plain_computation(
    inputs: tuple[YearSpan, list[DailyCheckIn], date, date | None], measure: str
) -> None:
    span, checkins, today, since = inputs
    grid = build_year(checkins, span, today=today, since=since, measure=measure)
    monday = span.first - timedelta(days=span.first.weekday())
    weeks: dict[int, list[int]] = {}
    for checkin in checkins:
        value = getattr(checkin, measure)
        counted = since is not None and since <= checkin.day <= today
        if value is not None and counted:
            weeks.setdefault((checkin.day - monday).days // 7, []).append(value)
    expected = [
        sum(weeks[w]) / len(weeks[w]) if w in weeks else None for w in range(len(grid.columns))
    ]
    assert list(grid.weekly) == expected


@settings(max_examples=100, deadline=None)
@given(spans, st.integers(-400, 400), st.sampled_from([-7, -1, 1, 7]))
def test_the_cursor_never_leaves_the_span_or_passes_today(
    span: YearSpan, offset: int, step: int
) -> None:
    today = span.last
    start = cursor_in(span, span.first + timedelta(days=offset), today)
    moved = move_cursor(span, start, step, today)
    assert span.first <= moved <= today
    assert moved in (start, start + timedelta(days=step))


_year_rows = st.lists(
    st.tuples(st.integers(0, 900), st.booleans(), st.none() | st.integers(0, 5)),
    min_size=6,  # more than a chunk
    max_size=50,
)


@settings(max_examples=40, deadline=None)
@given(rows=_year_rows, first_back=st.integers(0, 900), length=st.integers(0, 400))
def test_a_spans_days_read_by_chunk_are_those_of_every_day(
    rows: list[tuple[int, bool, int | None]], first_back: int, length: int
) -> None:
    """Entries in any order, in chunks of 4: a span's days and the journal's start are exact."""
    import tempfile

    from winback_tui.store import storage
    from winback_tui.store.entries import EntriesRepo
    from winback_tui.store.records import Repo
    from winback_tui.store.year import day_records, year_data

    end = date(2026, 6, 30)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "CHUNK_DOCS", 4)
        path = Path(folder) / "journal.json"
        moment = datetime(2026, 6, 30, 12, tzinfo=UTC)
        with Journal.open(path, clock=lambda: moment) as journal:
            for back, words, mood in rows:
                day = (end - timedelta(days=back)).isoformat()
                table = Repo(journal)
                table.TABLE = "entries"
                created = f"{day}T09:00:00+00:00"
                text = f"words of {day}" if words else " "
                table._insert_many(
                    [{"day": day, "text": text, "created": created, "edited": created}]
                )
                if mood:  # 0: no check-in that day
                    table.TABLE = "daily"
                    table._insert_many([{"day": day, "mood": mood}])
        with Journal.open(path, clock=lambda: moment) as journal:
            assert journal._storage.read().bounds("entries") is not None
            first = end - timedelta(days=first_back)
            last = first + timedelta(days=length)
            shown = year_data(journal, end, first, last)
            # Single days too: each a day some chunk begins or ends on.
            alone = {
                day: year_data(journal, end, day, day).days
                for day in {end - timedelta(days=back) for back, _w, _m in rows[:6]}
            }
            earliest = EntriesRepo(journal).first_written_day()
        with Journal.open(path, clock=lambda: moment) as journal:
            every = day_records(journal)
            start = journal_start(journal, end)
            written = [e.day for e in EntriesRepo(journal).all() if e.text.strip()]
        assert shown.days == {d: r for d, r in every.items() if first <= d <= last}
        assert shown.since == min([start, *every])
        assert earliest == min(written, default=None)
        for day, days in alone.items():
            assert days == {d: r for d, r in every.items() if d == day}
