"""Screens repaint one interval after the previous repaint at the latest, never two.

The timer runs on a fake clock here, so these checks are exact and do not
depend on how busy the machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from tests.ui.helpers import wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.frames import FrameTimer, SteadyFrames
from winback_tui.screens.overlays import HelpScreen
from winback_tui.screens.step import StepScreen

INTERVAL = 1 / 60


class Target:
    """Stands in for the screen (the timer only keeps a weak reference)."""


class FakeClockFrames(FrameTimer):
    """A FrameTimer on a fake clock that notes when it ticks.

    Like a screen's update, each tick pauses the timer until the next change.
    """

    def __init__(self, target: Target) -> None:
        super().__init__(target, INTERVAL, pause=True)
        self.clock = 100.0
        self.ticks: list[float] = []
        self.ticked = asyncio.Event()

    def _now(self) -> float:  # type: ignore[override]
        return self.clock

    async def _sleep(self, seconds: float) -> None:  # type: ignore[override]
        self.clock += seconds
        await asyncio.sleep(0)

    async def _tick(self, *, next_timer: float, count: int) -> None:
        self.pause()
        self.ticks.append(self.clock)
        self.ticked.set()


async def change_at(timer: FakeClockFrames, when: float) -> float:
    """Mark the screen dirty at fake time ``when``; return when it repainted."""
    timer.clock = when
    timer.ticked.clear()
    timer.resume()
    await asyncio.wait_for(timer.ticked.wait(), timeout=5)
    return timer.ticks[-1]


async def test_a_change_after_an_idle_spell_repaints_at_once() -> None:
    target = Target()
    timer = FakeClockFrames(target)
    timer._start()
    try:
        assert await change_at(timer, 100.0) == 100.0
        assert await change_at(timer, 105.0) == 105.0
    finally:
        timer.stop()


@pytest.mark.parametrize("later", [0.0005, 0.004, 0.0166])
async def test_a_change_just_after_a_repaint_waits_one_interval_at_most(later: float) -> None:
    # Textual 8.2's own timer would wait until 17-33 ms after the first repaint
    # here (it skips one grid point too many after an idle spell).
    target = Target()
    timer = FakeClockFrames(target)
    timer._start()
    try:
        first = await change_at(timer, 200.123)
        second = await change_at(timer, first + later)
        assert second == pytest.approx(first + INTERVAL)
        # Still never two repaints within one interval.
        third = await change_at(timer, second + 0.001)
        assert third == pytest.approx(second + INTERVAL)
    finally:
        timer.stop()


async def test_a_change_more_than_an_interval_after_a_repaint_is_not_held_back() -> None:
    target = Target()
    timer = FakeClockFrames(target)
    timer._start()
    try:
        first = await change_at(timer, 300.0)
        assert await change_at(timer, first + 0.02) == pytest.approx(first + 0.02)
    finally:
        timer.stop()


async def test_winback_screens_repaint_with_the_frame_timer(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SteadyFrames)
        assert isinstance(app.screen._update_timer, FrameTimer)
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))
        assert isinstance(app.screen._update_timer, FrameTimer)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen._update_timer, FrameTimer)
        # Only one timer drives the repaints: Textual's own was never made.
        assert app.screen.__dict__.get("_Screen__update_timer") is None
