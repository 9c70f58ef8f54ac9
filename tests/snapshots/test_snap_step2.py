"""Snapshot of Step 2 at 80x24: goals with streaks, a month grid and the confidence sparkline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.domain.goals import DAILY, Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.screens.step2 import GoalList
from winback_tui.store import Journal
from winback_tui.store.goals import GoalsRepo
from winback_tui.widgets.reflection_editor import ReflectionEditor


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    """Six weeks of a daily walk and a three-a-week practice, and two weeks of ratings."""
    clock = FakeClock()
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    journal.set_setting("welcome_seen", True)
    today = clock.now.date()
    repo = GoalsRepo(journal)
    walk = repo.add("Walk after dinner", Area.HEALTH, DAILY, today - timedelta(days=40))
    guitar = repo.add("Guitar practice", Area.HOBBY, Cadence(3), today - timedelta(days=30))
    start = clock.now
    for days_ago in range(1, 41):
        day = today - timedelta(days=days_ago)
        # Each check-in recorded on its own day, as the user would have.
        clock.now = start - timedelta(days=days_ago)
        if days_ago % 9 == 0:
            repo.check_in(CheckIn(walk.id, day, CheckState.SKIPPED, "ill"), day)
        elif days_ago % 7 != 3:
            repo.check_in(CheckIn(walk.id, day, CheckState.DONE), day)
        if days_ago % 2 == 0 and days_ago <= 30:
            repo.check_in(CheckIn(guitar.id, day, CheckState.DONE), day)
    clock.now = start
    for days_ago, value in enumerate(reversed([2, 2, 2, 3, 2, 3, 3, 3, 4, 3, 4, 4])):
        repo.ratings.rate(today - timedelta(days=days_ago), value)
    yield journal
    journal.close()


async def show_grid_and_trend(pilot: Pilot[Any]) -> None:
    await pilot.press("2")
    goals = pilot.app.screen.query_one("#goals", GoalList)
    while pilot.app.focused is not goals:
        await pilot.pause(0.05)
    await pilot.press("down")  # the walk, under Physical health
    for editor in pilot.app.screen.query(ReflectionEditor):
        editor.cursor_blink = False
    pilot.app.screen.query_one("#confidence", Static).scroll_visible(animate=False)
    await pilot.pause()


def test_step2_month_grid_and_sparkline(
    snap_compare: Callable[..., bool], journal: Journal
) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_grid_and_trend)
