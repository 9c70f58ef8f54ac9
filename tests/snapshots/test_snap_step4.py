"""Snapshots of Step 4 at 80x24: the boundaries checklist, and the pacing guard warning."""

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
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.store import Journal
from winback_tui.store.contacts import ContactsRepo
from winback_tui.widgets.reflection_editor import ReflectionEditor


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    clock = FakeClock()
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    journal.set_setting("welcome_seen", True)
    contacts = ContactsRepo(journal)
    for days_ago in (3, 1):
        contacts.add(
            Contact(
                clock.now - timedelta(days=days_ago),
                Channel.MESSAGE,
                Initiator.ME,
                Response.NO_REPLY,
            )
        )
    yield journal
    journal.close()


def steady(pilot: Pilot[Any]) -> None:
    for editor in pilot.app.screen.query(ReflectionEditor):
        editor.cursor_blink = False


def test_step4_opens_on_the_boundaries(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["4", "space"], run_before=steady)


def test_step4_pacing_warning(snap_compare: Callable[..., bool], journal: Journal) -> None:
    async def show_pacing(pilot: Pilot[Any]) -> None:
        await pilot.press("4")
        steady(pilot)
        pilot.app.screen.query_one("#growth", Static).scroll_visible(animate=False)
        await pilot.pause()

    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_pacing)
