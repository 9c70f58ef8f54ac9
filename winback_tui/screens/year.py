"""A year at a glance: the daily check-in as a year of coloured days (key ``y``).

The arrows move a cursor day (up and down a day, left and right a week; ``j``
and ``k`` too), and below the grid that day's check-in and the start of its
journal entry show. ``[`` and ``]`` (or page up and page down) go to the
calendar year before or after, ``m`` switches between mood, confidence and
calm, ``e`` or ``enter`` opens the day in the journal. ``h`` and ``l`` are not
bound here: ``l`` opens the timeline on every screen.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from winback_tui.domain.daily import WORDS
from winback_tui.domain.daily import label as checkin_label
from winback_tui.domain.words import plural
from winback_tui.domain.year import (
    YearSpan,
    build_year,
    cursor_in,
    earlier_span,
    last_twelve_months,
    later_span,
    move_cursor,
    next_measure,
)
from winback_tui.screens.base import WinbackScreen
from winback_tui.store import Journal
from winback_tui.store.year import YearData, year_data
from winback_tui.widgets.header import winback_header
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.year_grid import COLOUR_CELL, NONE_CELL, PLAIN_CELLS, YearGridView

#: Characters of a day's entry shown under the grid (about two rows).
ENTRY_PREVIEW = 150

_SPACES = re.compile(r"\s+")


def entry_preview(text: str, limit: int = ENTRY_PREVIEW) -> str:
    """The start of an entry on one line, cut at a word with ``…`` when longer."""
    # Only the start is read: a day's entry may be a megabyte long.
    flat = _SPACES.sub(" ", text[: limit * 4]).strip()
    # Control characters out (a stray escape would reach the terminal); joiners and
    # direction marks stay, or emoji sequences and right-to-left text would break.
    flat = "".join(ch for ch in flat if unicodedata.category(ch) != "Cc")
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def long_day(day: date) -> str:
    """``Thursday 12 March 2026``."""
    return day.strftime("%A %d %B %Y")


class YearScreen(WinbackScreen):
    """The daily check-in of a year as a grid (key ``y``, command palette)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Day before", id="year.day_before", show=False),
        Binding("down", "move(1)", "Day after", id="year.day_after", show=False),
        Binding("k", "move(-1)", "Day before", id="year.day_before_k", show=False),
        Binding("j", "move(1)", "Day after", id="year.day_after_j", show=False),
        Binding("left", "move(-7)", "Week before", id="year.week_before", show=False),
        Binding("right", "move(7)", "Week after", id="year.week_after", show=False),
        # One footer entry for both year keys: the footer must keep 0, ? and q at 80 columns.
        Binding("left_square_bracket", "earlier", "Year", id="year.earlier", key_display="[ ]"),
        Binding("right_square_bracket", "later", "Later year", id="year.later", show=False),
        Binding("pageup", "earlier", "Earlier year", id="year.earlier_page", show=False),
        Binding("pagedown", "later", "Later year", id="year.later_page", show=False),
        Binding("m", "measure", "Measure", id="year.measure"),
        Binding("e", "open_day", "Open day", id="year.open", show=False),
        Binding("enter", "open_day", "Open day", id="year.open_enter", show=False),
        Binding("n", "today", "Today", id="year.today", show=False),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal)
        self.title = "winback · Year"
        self.today = self._local_today()
        self.span: YearSpan = last_twelve_months(self.today)
        self.measure = "mood"
        self.cursor = self.today
        # Read in compose, not here: a journal that cannot be read is met while the
        # screen is built, where the app can drop it and go home with a notice.
        self.data = YearData((), {}, None)

    def _local_today(self) -> date:
        return self.journal.now().astimezone().date()

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        self._read()
        yield winback_header()
        yield from self.compose_notice()
        with Vertical(id="body"):
            yield Static(id="year-title", classes="heading", markup=False)
            yield YearGridView(id="year-grid")
            yield Static(id="year-legend", markup=False)
            yield Static(id="year-day", markup=False)
            yield Static(id="year-entry", markup=False)
        yield KeyFooter()
        self._built = True

    #: Whether compose ran to its end (a journal that cannot be read stops it).
    _built = False

    _fresh = False

    def on_mount(self) -> None:
        if not self._built:
            return  # the app is dropping this screen and going home
        self._redraw()
        self._fresh = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The journal or the check-in may have changed on another screen; the
        # first resume follows the mount, which has just read everything.
        # (Textual also runs SizeGuard.on_screen_resume: handlers run per class.)
        if self._fresh or not self._built:
            self._fresh = False
            return
        today = self._local_today()
        if today != self.today:
            self.today = today
            if self.span.year is None:
                self.span = last_twelve_months(today)
        self._read()
        self._redraw()

    def _read(self) -> None:
        """Read what the shown span needs (its days only: not years of entries)."""
        self.data = year_data(self.journal, self.today, self.span.first, self.span.last)
        self._read_span = self.span

    _read_span: YearSpan | None = None

    # --------------------------------------------------------------- drawing
    def _redraw(self) -> None:
        if self._read_span != self.span:
            self._read()
        grid = build_year(
            self.data.checkins,
            self.span,
            today=self.today,
            since=self.data.since,
            measure=self.measure,
        )
        self.cursor = cursor_in(self.span, self.cursor, self.today)
        which = "last 12 months · " if self.span.year is None else ""
        self.query_one("#year-title", Static).update(
            f"{self.measure.capitalize()} by day · {which}{self.span.title}"
        )
        view = self.query_one("#year-grid", YearGridView)
        view.show(grid, self.cursor)
        self.query_one("#year-legend", Static).update(self._legend(view))
        self._show_day()

    def _legend(self, view: YearGridView) -> Text:
        legend = Text(no_wrap=False)
        legend.append(f"{NONE_CELL} none")
        for level in range(1, 6):
            legend.append("  ")
            if self.app.no_color:
                legend.append(PLAIN_CELLS[level])
            else:
                style: Style = view.get_component_rich_style(f"year-grid--level-{level}")
                legend.append(COLOUR_CELL, style)
            legend.append(f" {WORDS[level]}")
        return legend

    def _show_day(self) -> None:
        day = self.cursor
        record = self.data.days.get(day)
        since = self.data.since
        if since is None or day < since:
            about = "before your journal began"
        elif record is None or record.checkin is None:
            about = "no check-in"
        else:
            about = checkin_label(record.checkin)
        self.query_one("#year-day", Static).update(f"{long_day(day)} · {about}")
        entries = record.entries if record is not None else ()
        if entries:
            preview = f"“{entry_preview(entries[0].text)}”"
            if len(entries) > 1:
                preview += f" (and {plural(len(entries) - 1, 'more entry', 'more entries')})"
        else:
            preview = "No journal entry that day."
        self.query_one("#year-entry", Static).update(preview)

    # --------------------------------------------------------------- actions
    def action_move(self, days: int) -> None:
        """Move the cursor a day (up, down) or a week (left, right)."""
        moved = move_cursor(self.span, self.cursor, days, self.today)
        if moved == self.cursor:
            return
        self.cursor = moved
        self.query_one("#year-grid", YearGridView).move_to(moved)
        self._show_day()

    def _go_to(self, span: YearSpan | None, edge: str) -> None:
        if span is None:
            self.notify(edge, timeout=3)
            return
        # Keep the same day of the month when the new span has it.
        try:
            wanted = self.cursor.replace(year=span.last.year)
        except ValueError:  # 29 February
            wanted = date(span.last.year, 2, 28)
        self.span = span
        self.cursor = wanted
        self._redraw()

    def action_earlier(self) -> None:
        """The calendar year before (``[`` or page up)."""
        self._go_to(
            earlier_span(self.span, self.today, self.data.since),
            "Your journal holds nothing earlier.",
        )

    def action_later(self) -> None:
        """The calendar year after, then the last twelve months (``]`` or page down)."""
        self._go_to(later_span(self.span, self.today), "This is the newest year.")

    def action_measure(self) -> None:
        """Show mood, confidence or calm, in turn (``m``)."""
        self.measure = next_measure(self.measure)
        self._redraw()

    def action_today(self) -> None:
        """Back to today, in the last twelve months (``n``)."""
        self.span = last_twelve_months(self.today)
        self.cursor = self.today
        self._redraw()

    def action_open_day(self) -> None:
        """Open the cursor's day in the journal (``e`` or ``enter``)."""
        day = self.cursor
        app = self.app
        go = getattr(app, "action_go", None)
        if go is None:
            return
        go("journal")

        def show() -> None:
            open_day = getattr(app.screen, "go_to_day", None)
            if open_day is not None:
                open_day(day)

        app.call_after_refresh(show)
