"""Snapshots of the shell at 80x24: home, help, support and the too-small notice.

The journal's clock is frozen (tests/ui/conftest.FakeClock) and the editor's
cursor does not blink, so the pictures are stable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.snapshots.conftest import steady
from tests.ui.conftest import FakeClock
from winback_tui.app import WinbackApp
from winback_tui.store import Journal


@pytest.fixture
def journal(seeded_journal: Journal) -> Journal:
    return seeded_journal


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
