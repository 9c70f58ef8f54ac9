"""Snapshot of Step 1 at 80x24.

It shows the issues (some ticked, one with a note), the openness result and the
start of the reflection prompts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.domain.openness import Signal, take_check
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.widgets.reflection_editor import ReflectionEditor


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    clock = FakeClock()
    journal = Journal.open(tmp_path / "j.json", clock=clock)
    journal.set_setting("welcome_seen", True)
    repo = AssessmentRepo(journal)
    repo.set_marked("communication", True)
    repo.set_marked("trust", True)
    repo.set_note("trust", "I read their messages instead of asking what was wrong.")
    repo.add_custom("Jealousy")
    repo.add_openness_check(take_check(frozenset({Signal.BLOCKED}), clock() - timedelta(days=40)))
    repo.add_openness_check(take_check(frozenset({Signal.REPLIED_WARMLY}), clock()))
    journal.save_reflection(1, "what-went-wrong", "We stopped talking about anything real.")
    yield journal
    journal.close()


async def show_step1(pilot: Pilot[Any]) -> None:
    """Open Step 1, then scroll so both tools and the first prompts share the screen."""
    await pilot.press("1")
    screen = pilot.app.screen
    screen.query_one(ReflectionEditor).cursor_blink = False
    await pilot.pause()
    body = screen.query_one("#body", VerticalScroll)
    body.scroll_to_widget(screen.query_one("#issues"), top=True, animate=False)
    await pilot.pause()


def test_step1_issues_and_openness(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_step1)
