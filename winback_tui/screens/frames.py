"""A screen-update timer that never holds a repaint back for two frames.

Textual repaints a screen from a timer that runs at most ``TEXTUAL_FPS``
(60) times a second: a change marks the screen dirty, the timer is resumed,
and its next tick draws the change. Textual 8.2's ``Timer`` keeps a fixed
grid of ticks, and when it wakes more than one interval late (which is how
an idle screen's paused timer wakes) it skips to the grid point *after* the
next one. The tick that follows an idle spell is immediate, but the one after
it then comes 17 to 33 ms later. So a key typed just after any repaint (the
editor's "saving…" status, a blink of the text cursor) could wait two frames
to be echoed.

:class:`FrameTimer` keeps the same limit (ticks at least one interval apart)
without the grid: a tick comes as soon as the screen is dirty and one interval
has passed since the previous tick. :class:`SteadyFrames` gives a screen this
timer in place of Textual's.
"""

from __future__ import annotations

import asyncio
import math
import time
from typing import Any

from textual.screen import UPDATE_PERIOD
from textual.timer import EventTargetGone, Timer


class FrameTimer(Timer):
    """A repeating timer whose ticks are at least ``interval`` apart and never later.

    After a pause, the next tick comes at once if the previous one was at least
    ``interval`` ago, else exactly ``interval`` after it.
    """

    @staticmethod
    def _now() -> float:
        return time.monotonic()

    @staticmethod
    async def _sleep(seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def _run(self) -> None:
        interval = self._interval
        previous = -math.inf
        count = 0
        while self._repeat is None or count < self._repeat:
            await self._active.wait()
            wait = previous + interval - self._now()
            if wait > 0:
                await self._sleep(wait)
                await self._active.wait()
            self._reset = False  # there is no grid to restart
            previous = self._now()
            count += 1
            try:
                await self._tick(next_timer=previous, count=count)
            except EventTargetGone:
                break


class SteadyFrames:
    """Mixin for a Textual ``Screen``: repaint with a :class:`FrameTimer`.

    Overrides the screen's private ``_update_timer`` property (Textual 8.2,
    pinned in ``pyproject.toml``), which creates the timer on first use.
    """

    @property
    def _update_timer(self) -> Timer:
        screen: Any = self
        timer: FrameTimer | None = screen.__dict__.get("_frame_timer")
        if timer is None:
            # The app may ask for fewer frames (a slow link: winback_tui.wire).
            interval = getattr(screen.app, "frame_interval", None) or UPDATE_PERIOD
            timer = FrameTimer(
                screen,
                interval,
                name="screen_update",
                callback=screen._on_timer_update,
                pause=True,
            )
            timer._start()
            screen._timers.add(timer)
            screen.__dict__["_frame_timer"] = timer
        return timer
