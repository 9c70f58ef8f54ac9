"""Snapshots of the journal family at 80x24: the timeline with a search, and today's entry."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.screens.timeline import TimelineScreen
from winback_tui.store import Journal
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.widgets.reflection_editor import ReflectionEditor


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    clock = FakeClock()
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    journal.set_setting("welcome_seen", True)
    entries = EntriesRepo(journal)
    today = clock.now.date()
    entries.save_text(today, "We met at the Café on Main Street.\nIt felt calm, and I listened.")
    entries.save_mood(today, 4)
    entries.save_step(today, 2)
    clock.now -= timedelta(days=1)
    entries.save_text(clock.now.date(), "A slow day. Walked by the old cafe and kept going.")
    clock.now -= timedelta(days=1)
    journal.save_reflection(1, "what-went-wrong", "We stopped listening to each other.")
    ContactsRepo(journal).add(
        Contact(clock.now, Channel.CALL, Initiator.THEM, Response.WARM, "A short, kind call.")
    )
    clock.now -= timedelta(days=26)  # a month before the frozen day
    entries.save_text(clock.now.date(), "A month ago I could not sleep.")
    clock.now += timedelta(days=28)
    yield journal
    journal.close()


async def _loaded(pilot: Pilot[Any]) -> None:
    await pilot.press("l")
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    while not screen.complete:
        await pilot.pause(0.05)


def test_timeline_search_highlights_matches(
    snap_compare: Callable[..., bool], journal: Journal
) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("slash", "C", "A", "F", "E")
        screen = pilot.app.screen
        assert isinstance(screen, TimelineScreen)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 5
        while screen.query_text != "CAFE":
            assert loop.time() < deadline
            await pilot.pause(0.05)
        await pilot.press("escape")

    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=search)


def test_timeline_opens_newest_first(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_journal_today_with_mood(snap_compare: Callable[..., bool], journal: Journal) -> None:
    async def open_journal(pilot: Pilot[Any]) -> None:
        await pilot.press("w")
        for editor in pilot.app.screen.query(ReflectionEditor):
            editor.cursor_blink = False

    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_journal)


def test_journal_two_entries_today(snap_compare: Callable[..., bool], journal: Journal) -> None:
    repo = EntriesRepo(journal)
    today = journal.now().date()
    repo.add(today, "Later: a walk by the river. The worry passed by itself.")

    async def open_journal(pilot: Pilot[Any]) -> None:
        await pilot.press("w")
        for editor in pilot.app.screen.query(ReflectionEditor):
            editor.cursor_blink = False

    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_journal)
