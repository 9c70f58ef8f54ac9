"""A month of one goal as a grid of characters, Monday to Sunday.

Each day shows its number and a state character, so the grid reads without
colour (``NO_COLOR``, monochrome terminals, screen readers reading the text).
"""

from __future__ import annotations

from textual.widgets import Static

from winback_tui.domain.goals import DayState, MonthGrid

SYMBOLS: dict[DayState, str] = {
    DayState.DONE: "■",
    DayState.SKIPPED: "~",
    DayState.PAUSED: "=",
    DayState.MISSED: "·",
    DayState.OPEN: "□",
    DayState.FUTURE: " ",
    DayState.BEFORE: " ",
}

#: The legend shown beside the grid, in the order a user meets the states.
LEGEND = "■ done  ~ skipped  = paused\n· no check-in  □ today, still open"

WEEKDAYS = "Mo  Tu  We  Th  Fr  Sa  Su"


def render_grid(grid: MonthGrid) -> str:
    """The grid as text: a title, the weekday header and one row per week."""
    lines = [grid.title, WEEKDAYS]
    for week in grid.weeks:
        cells = []
        for cell in week:
            if cell is None:
                cells.append("   ")
            else:
                day, state = cell
                cells.append(f"{day.day:>2}{SYMBOLS[state]}")
        lines.append(" ".join(cells).rstrip())
    return "\n".join(lines)


class MonthGridView(Static):
    """Shows one :class:`~winback_tui.domain.goals.MonthGrid`, or a hint without one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def show(self, grid: MonthGrid | None, hint: str = "") -> None:
        """Draw ``grid``, or ``hint`` when there is no goal to show."""
        self.update(render_grid(grid) if grid is not None else hint)
