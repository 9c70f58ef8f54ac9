"""Snapshots at the other sizes people use: every step at 120×40, the dashboard at 60×20.

At 120×40 the lists grow with the window; at 60×20 (the smallest size winback draws)
the dashboard still shows all four steps, with wrapped rows under their first word.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.snapshots.conftest import steady
from winback_tui.app import WinbackApp
from winback_tui.store import Journal


@pytest.fixture
def journal(seeded_journal: Journal) -> Journal:
    return seeded_journal


@pytest.mark.parametrize("step", ["1", "2", "3", "4"])
def test_each_step_at_120x40(
    snap_compare: Callable[..., bool], journal: Journal, step: str
) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(120, 40), press=[step], run_before=steady)


def test_dashboard_at_60x20(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(60, 20))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_step_reflections_pane(
    snap_compare: Callable[..., bool], journal: Journal, size: tuple[int, int]
) -> None:
    """The reflections pane of a step: the prompts and an editor that takes the room left."""
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=size, press=["1", "f"], run_before=steady)
