"""Snapshots of the year at a glance at 80x24, in colour and under NO_COLOR (a digit per level)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.store import Journal
from winback_tui.store.daily import DailyRepo
from winback_tui.store.entries import EntriesRepo


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    """Five months of check-ins, most days rated, some missed; two entries."""
    clock = FakeClock()
    today = clock.now.date()
    clock.now -= timedelta(days=150)  # the journal was started five months ago
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    clock.now += timedelta(days=150)
    journal.set_setting("welcome_seen", True)
    daily = DailyRepo(journal)
    for back in range(150):
        if back % 5 == 3:
            continue  # a missed day now and then
        # Slowly better over the months, with a wobble through each week.
        mood = min(5, 1 + (150 - back) // 40 + (back % 3 == 0))
        daily.rate(today - timedelta(days=back), mood=mood, calm=1 + back % 5)
    entries = EntriesRepo(journal)
    entries.save_text(today, "A calm morning. I noticed I did not check my phone first thing.")
    entries.save_text(today - timedelta(days=1), "A slow day. Walked by the old cafe.")
    yield journal
    journal.close()


def test_year_view_in_colour(
    snap_compare: Callable[..., bool], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["y"])


def test_year_view_under_no_color(
    snap_compare: Callable[..., bool], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["y", "up", "left"])
