"""The year view in a real terminal: moving the cursor sends the rows it touches, not the grid.

A byte count for one key is deterministic enough for a given program, size and
terminal (see ``test_e2e_wire.py``). Every rated day is a cell with its own
colour, so a whole grid of a year is about 14 KB in truecolour; a cursor move
changes the two weekday rows it leaves and enters and the day's two lines, and
only those cross the wire (the widget repaints those rows, and the app's line
mirror, ``winback_tui/wire.py``, drops any row that did not change).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ptyterm import PtyTerm, squash
from winback_ui import Spawn, wait_home

from winback_tui.store import Journal
from winback_tui.store.daily import DailyRepo

pytestmark = pytest.mark.e2e

#: A cursor move: a few rows (a full repaint of the grid is about 14 KB).
MOVE_BUDGET = 4 * 1024


def cost(term: PtyTerm, key: str, shown: str) -> int:
    """Bytes written from ``key`` until the screen shows ``shown`` and settles."""
    mark = term.mark()
    term.send(key)
    term.wait_for(lambda screen: term.bytes_since(mark) > 0 and squash(shown) in squash(screen))
    term.wait_quiet(0.3)
    return term.bytes_since(mark)


def test_a_cursor_move_repaints_only_the_rows_it_touches(spawn: Spawn, journal: Path) -> None:
    with Journal.open(journal) as opened:
        opened.set_setting("welcome_seen", True)
        today = opened.now().astimezone().date()
        daily = DailyRepo(opened)
        for back in range(365):
            if back % 5 != 3:
                daily.rate(today - timedelta(days=back), mood=1 + back % 5, calm=1 + back % 4)
    term = spawn(env={"COLORTERM": "truecolor"})
    wait_home(term)
    term.wait_quiet(0.3)
    opened_cost = cost(term, "y", "weekly average")
    week_before = today - timedelta(days=7)
    moved = cost(term, "\x1b[D", week_before.strftime("%A %d %B %Y"))
    assert moved <= MOVE_BUDGET, f"a cursor move sent {moved} B (opening the view: {opened_cost} B)"
    assert opened_cost > 3 * moved  # the check can tell a full grid from a few rows
