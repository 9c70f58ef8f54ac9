"""A year of daily check-ins drawn by one widget, row by row ("a year in pixels").

Nine rows: the month labels, the seven weekdays (a column per week) and the
weekly-average sparkline under the columns. In colour every rated day is a
``■`` in one of five shades of the theme's success colour; under ``NO_COLOR``
each level is its own digit, so the grid reads without any colour at all.

One widget draws all of it through :meth:`YearGridView.render_line`: moving
the cursor repaints the one or two rows it leaves and enters, never the whole
grid (every repainted row crosses an SSH link).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from winback_tui.domain.year import WEEKDAYS, YearDay, YearGrid
from winback_tui.widgets.sparkline import BLOCKS

#: A rated day in colour: the shade carries the level.
COLOUR_CELL = "■"
#: A rated day under NO_COLOR: the level itself.
PLAIN_CELLS: dict[int, str] = {level: str(level) for level in range(1, 6)}
#: A day without a check-in (in colour and without).
NONE_CELL = "·"
#: A day before the journal's first record, still to come, or outside the span.
BLANK_CELL = " "

#: Columns left of the grid: a weekday's initials and a space.
GUTTER = 3
#: The grid's rows: months, seven weekdays, the weekly sparkline.
ROWS = 9
SPARK_ROW = 8
SPARK_NOTE = "  weekly average"


def cell_char(cell: YearDay | None, *, no_color: bool) -> str:
    """The character of one day: blank, ``·`` for no check-in, else its level."""
    if cell is None or cell.blank:
        return BLANK_CELL
    if cell.level is None:
        return NONE_CELL
    return PLAIN_CELLS[cell.level] if no_color else COLOUR_CELL


def month_row(grid: YearGrid) -> str:
    """The month labels, each over the column where its month begins."""
    row = [" "] * len(grid.columns)
    for column, name in grid.months:
        for offset, char in enumerate(name):
            if column + offset < len(row):
                row[column + offset] = char
    return "".join(row).rstrip()


def weekly_sparkline(values: Sequence[float | None], low: float = 1, high: float = 5) -> str:
    """One block per week, ``▁`` at ``low`` to ``█`` at ``high``; a space for no rating."""
    top = len(BLOCKS) - 1
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        else:
            clamped = min(max(value, low), high)
            out.append(BLOCKS[round((clamped - low) * top / (high - low))])
    return "".join(out)


def grid_text(grid: YearGrid, *, no_color: bool) -> list[str]:
    """The nine rows as plain text (what a test or a screen reader would read)."""
    lines = [" " * GUTTER + month_row(grid)]
    for weekday in range(7):
        cells = "".join(cell_char(column[weekday], no_color=no_color) for column in grid.columns)
        lines.append(f"{WEEKDAYS[weekday]:<{GUTTER}}{cells}".rstrip())
    lines.append((" " * GUTTER + weekly_sparkline(grid.weekly)).rstrip())
    return lines


class YearGridView(Widget):
    """Draws a :class:`~winback_tui.domain.year.YearGrid` with a cursor day."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "year-grid--label",
        "year-grid--none",
        "year-grid--level-1",
        "year-grid--level-2",
        "year-grid--level-3",
        "year-grid--level-4",
        "year-grid--level-5",
        "year-grid--cursor",
        "year-grid--spark",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: YearGrid | None = None
        self.cursor: date | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return ROWS

    def get_content_width(self, container: Size, viewport: Size) -> int:
        columns = len(self.grid.columns) if self.grid is not None else 53
        return GUTTER + columns + len(SPARK_NOTE)

    def show(self, grid: YearGrid, cursor: date | None) -> None:
        """Draw ``grid`` (a new year or measure) with the cursor on ``cursor``."""
        self.grid = grid
        self.cursor = cursor
        self.refresh()

    def move_to(self, cursor: date) -> None:
        """Move the cursor, repainting only the rows it leaves and enters."""
        before = self.cursor
        self.cursor = cursor
        for day in (before, cursor):
            row = self._row_of(day)
            if row is not None:
                self.refresh(Region(0, row, self.size.width, 1))

    def _row_of(self, day: date | None) -> int | None:
        if day is None or self.grid is None or self.grid.position(day) is None:
            return None
        return 1 + day.weekday()

    @property
    def text(self) -> list[str]:
        """The rows as plain text."""
        if self.grid is None:
            return []
        return grid_text(self.grid, no_color=self.app.no_color)

    def _level_style(self, cell: YearDay | None) -> Style:
        if cell is None or cell.blank:
            return Style()
        if cell.level is None:
            return self.get_component_rich_style("year-grid--none")
        return self.get_component_rich_style(f"year-grid--level-{cell.level}")

    def render_line(self, y: int) -> Strip:
        grid = self.grid
        width = self.size.width
        base = self.rich_style
        if grid is None or y >= ROWS:
            return Strip.blank(width, base)
        label = self.get_component_rich_style("year-grid--label")
        if y == 0:
            segments = [Segment(" " * GUTTER + month_row(grid), label)]
        elif y == SPARK_ROW:
            spark = self.get_component_rich_style("year-grid--spark")
            segments = [Segment(" " * GUTTER), Segment(weekly_sparkline(grid.weekly), spark)]
            if GUTTER + len(grid.columns) + len(SPARK_NOTE) <= width:
                segments.append(Segment(SPARK_NOTE, label))
        else:
            segments = self._week_row(grid, y - 1, label)
        # Neighbours of one style become one run: each run costs a style code on the wire.
        return Strip(segments).adjust_cell_length(width, base).apply_style(base).simplify()

    def _week_row(self, grid: YearGrid, weekday: int, label: Style) -> list[Segment]:
        no_color = self.app.no_color
        cursor_style = self.get_component_rich_style("year-grid--cursor")
        segments = [Segment(f"{WEEKDAYS[weekday]:<{GUTTER}}", label)]
        for column in grid.columns:
            cell = column[weekday]
            style = self._level_style(cell)
            if cell is not None and cell.day == self.cursor:
                style += cursor_style  # reversed, so it shows on a blank day too
            segments.append(Segment(cell_char(cell, no_color=no_color), style))
        return segments
