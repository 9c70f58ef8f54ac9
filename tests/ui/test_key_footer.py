"""The footer shows the keys that work where the user is, and follows focus."""

from __future__ import annotations

from collections.abc import Callable

from tests.ui.helpers import wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.overlays import HelpScreen
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.reflection_editor import ReflectionEditor


def footer(app: WinbackApp) -> str:
    return app.screen.query_one(KeyFooter).text


async def test_home_footer_lists_the_dashboard_and_global_keys(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = footer(app)
        # The urge log comes first on every screen; support and quit still fit.
        assert text.startswith(" u Urge ")
        for key in ("w Journal", "l Look back", "0 Home", "? Help", "s Support", "q Quit"):
            assert f" {key} " in text
        assert text.rstrip().endswith("^p palette")
        assert len(text) == 80


async def test_footer_follows_focus_into_the_editor_and_back(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: "Tick / untick" in footer(app))
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.focused, ReflectionEditor))
        await wait_until(pilot, lambda: "esc Leave editor" in footer(app))
        assert "Tick / untick" not in footer(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "esc Leave editor" not in footer(app))
        assert " e Write " in footer(app)


async def test_keys_that_do_not_fit_are_left_out_whole_and_the_palette_stays(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: "Tick / untick" in footer(app))
        text = footer(app)
        assert len(text) == 60
        assert text.rstrip().endswith("^p palette")
        # Every label shown is whole: none is cut at the edge of the room left.
        shown = text.split("▏")[0]
        assert shown.rstrip().endswith(("Write", "versions", "part", "untick"))


async def test_clicking_a_key_presses_it(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = footer(app).index("? Help")
        await pilot.click(KeyFooter, offset=(column + 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
