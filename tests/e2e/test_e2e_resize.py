"""Window sizes: the too-small notice, coming back, and a storm of resizes."""

from __future__ import annotations

import random

import pytest
from winback_ui import Spawn, too_small_notice, wait_home, wait_started

pytestmark = pytest.mark.e2e


def test_too_small_notice_then_home_after_growing(spawn: Spawn) -> None:
    term = spawn(cols=40, rows=12)
    term.wait_for(too_small_notice(40, 12))

    term.resize(80, 24)
    wait_home(term)
    assert "too small" not in term.screen_text(), term.dump()


def test_rapid_resizes_do_not_crash(spawn: Spawn) -> None:
    term = spawn()
    wait_started(term)
    sizes = random.Random(20240607)
    for _ in range(30):
        term.resize(sizes.randint(20, 120), sizes.randint(5, 40))
        term.pump(sizes.uniform(0.0, 0.03))  # some resizes land mid-repaint, some not
    term.resize(20, 5)
    term.pump(0.05)
    assert term.alive(), f"winback died during the resizes\n{term.dump()}"

    # Back to a size that fits. First a too-small frame that certainly came
    # from winback: until one is drawn, the terminal can still hold rows of a
    # large frame from the storm (the welcome), and an enter sent on seeing
    # them reaches winback while it is still too small, which refuses it.
    term.resize(40, 12)
    term.wait_for(too_small_notice(40, 12))
    term.resize(80, 24)
    wait_home(term)
    term.send("q")
    assert term.wait_exit(5) == 0
