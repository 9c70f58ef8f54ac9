"""Snapshot of Step 3 at 80x24: a blaming draft with its tone findings listed under it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.store import Journal
from winback_tui.store.drafts import DraftsRepo
from winback_tui.widgets.reflection_editor import ReflectionEditor

DRAFT = (
    "Hi. You always left me waiting, and it’s your fault we ended. "
    "I’m sorry I stopped listening, though. No pressure to reply."
)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    clock = FakeClock()
    journal = Journal.open(tmp_path / "j.json", clock=clock)
    journal.set_setting("welcome_seen", True)
    repo = DraftsRepo(journal)
    repo.save_text(repo.create("To Sam").id, DRAFT)
    yield journal
    journal.close()


async def show_draft(pilot: Pilot[Any]) -> None:
    """Open Step 3 and scroll so the draft and its findings share the screen."""
    await pilot.press("3")
    screen = pilot.app.screen
    for editor in screen.query(ReflectionEditor):
        editor.cursor_blink = False
    await pilot.pause()
    body = screen.query_one("#body", VerticalScroll)
    body.scroll_to_widget(screen.query_one("#drafts"), top=True, animate=False)
    await pilot.pause()


def test_step3_draft_with_tone_findings(
    snap_compare: Callable[..., bool], journal: Journal
) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_draft)
