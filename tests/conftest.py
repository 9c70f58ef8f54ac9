"""Settings shared by every test folder."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping

import pytest


def _loop_like_app_run() -> asyncio.AbstractEventLoop:
    """A new event loop with the task factory ``App.run`` gives the real app.

    From Python 3.12, Textual's ``App.run_async`` switches the loop to
    ``asyncio.eager_task_factory``: a new widget's message pump then starts at
    once, inside ``mount``, instead of on the loop's next turn, which changes the
    order of start-up (a screen is composed before it is on the stack). Pilot's
    ``run_test`` does not do this, so without this loop the Pilot tests would run
    the app in an order that no user ever gets.
    """
    loop = asyncio.new_event_loop()
    eager: Callable[..., asyncio.Task[object]] | None = getattr(asyncio, "eager_task_factory", None)
    if eager is not None:
        loop.set_task_factory(eager)
    return loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """Run every async test on a loop like the one the real app runs on."""
    del config, item
    return {"app-run": _loop_like_app_run}
