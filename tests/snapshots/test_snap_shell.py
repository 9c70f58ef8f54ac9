"""Snapshots of the shell at 80x24: home, help, support and the too-small notice.

The journal's clock is frozen (tests/ui/conftest.FakeClock) and the editor's
cursor does not blink, so the pictures are stable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.store import Journal
from winback_tui.widgets.reflection_editor import ReflectionEditor


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=FakeClock())
    journal.set_setting("welcome_seen", True)
    journal.save_reflection(1, "what-went-wrong", "We stopped listening to each other.")
    yield journal
    journal.close()


def steady(pilot: Pilot[Any]) -> None:
    for editor in pilot.app.screen.query(ReflectionEditor):
        editor.cursor_blink = False


def test_home(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24))


def test_first_start_welcome(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "fresh.json", clock=FakeClock())
    try:
        app = WinbackApp(journal, install_signals=False)
        assert snap_compare(app, terminal_size=(80, 24))
    finally:
        journal.close()


def test_help_on_step_one(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(
        app, terminal_size=(80, 24), press=["1", "question_mark"], run_before=steady
    )


def test_support(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["s"])


def test_too_small_notice(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(50, 16))
