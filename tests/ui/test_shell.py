"""Pilot tests for the app shell: global keys, moving between screens, overlays."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest
from textual.widget import Widget
from textual.widgets import OptionList, Static

from tests.ui.helpers import static_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.home import HomeScreen
from winback_tui.screens.overlays import HelpScreen, SupportScreen, WelcomeScreen
from winback_tui.screens.step import StepScreen
from winback_tui.store import Journal
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import ReflectionEditor


def heading(app: WinbackApp) -> str:
    return static_text(app.screen.query_one(".heading", Static))


async def test_digits_open_each_step_and_zero_returns_home(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        for number, title in [
            (1, "Assess the Situation"),
            (2, "Focus on Self-Improvement"),
            (3, "Reconnect"),
            (4, "Be Patient and Persistent"),
        ]:
            await pilot.press(str(number))
            assert isinstance(app.screen, StepScreen)
            assert heading(app) == f"Step {number} · {title}"
            await pilot.press("0")
            assert isinstance(app.screen, HomeScreen)


async def test_step_screen_focus_lands_on_a_list_so_global_keys_work(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        assert not isinstance(app.focused, ReflectionEditor)
        await pilot.press("2")
        assert heading(app).startswith("Step 2")


async def test_help_lists_live_bindings_and_closes_with_escape_or_question_mark(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = static_text(app.screen.query_one("#keys", Static))
        for described in ("Home", "Help", "Support", "Quit", "Write"):
            assert described in keys
        await pilot.press("escape")
        assert isinstance(app.screen, StepScreen)
        await pilot.press("question_mark")
        await pilot.press("question_mark")
        assert isinstance(app.screen, StepScreen)


async def test_support_is_one_key_from_every_screen(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("0", "1", "2", "3", "4"):
            await pilot.press(key)
            await pilot.press("s")
            assert isinstance(app.screen, SupportScreen)
            text = static_text(app.screen.query_one("#support-text", Static))
            assert "988" in text and "116 123" in text and "findahelpline.com" in text
            await pilot.press("escape")
            assert not isinstance(app.screen, SupportScreen)


async def test_welcome_shows_once(open_journal: Callable[..., object]) -> None:
    journal = open_journal(welcome_seen=False)
    app = WinbackApp(journal, install_signals=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    again = WinbackApp(journal, install_signals=False)  # type: ignore[arg-type]
    async with again.run_test(size=(80, 24)):
        assert isinstance(again.screen, HomeScreen)


async def test_home_enter_opens_the_highlighted_step(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        steps = app.screen.query_one("#steps", OptionList)
        assert app.focused is steps
        await pilot.press("down", "down", "enter")
        assert heading(app).startswith("Step 3")


async def test_text_that_looks_like_markup_is_shown_as_typed(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    typed = "[b]not bold[/b] and [/]"
    journal.save_reflection(1, "what-went-wrong", typed)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:

        def lines(widget: Widget) -> list[str]:
            return [
                "".join(segment.text for segment in widget.render_line(y))
                for y in range(widget.size.height)
            ]

        # The rows that hold the user's own words, as the screen draws them.
        await pilot.press("1", "f")
        await pilot.pause()
        editor = app.screen.query_one(ReflectionEditor)
        assert editor.text == typed
        assert any(typed in line for line in lines(editor)), lines(editor)
        await pilot.press("0", "l")
        await wait_until(pilot, lambda: getattr(app.screen, "loaded", False))
        await pilot.pause()
        rows = lines(app.screen.query_one("#timeline-list", KeyList))
        assert any(f"What went wrong: {typed}" in row for row in rows), rows
        app.notify("Saved [b]x[/b] and [/]")
        await pilot.pause()
        assert any("[/]" in n.message for n in app._notifications)


async def test_theme_choice_is_remembered_in_the_journal(
    open_journal: Callable[..., Journal], journal: Journal
) -> None:
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
    assert journal.get_setting("theme") == "nord"
    again = WinbackApp(journal, install_signals=False)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_read_only_copy_says_so_in_the_header(
    open_journal: Callable[..., Journal], journal: Journal
) -> None:
    second = open_journal()
    app = WinbackApp(second, install_signals=False)
    async with app.run_test(size=(80, 24)):
        assert "READ-ONLY" in app.sub_title


async def test_a_crash_report_never_contains_what_the_user_wrote(
    make_app: Callable[[], WinbackApp], journal: Journal, capfd: pytest.CaptureFixture[str]
) -> None:
    secret = "my private words 7f3a"
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1", "e", *secret)

            def explode(text: str = secret) -> None:
                raise RuntimeError(f"failed on {text}")

            try:
                explode()
            except RuntimeError as exc:
                app._handle_exception(exc)
            await pilot.pause()
    report = capfd.readouterr().err  # what the terminal shows after the crash
    assert "RuntimeError" in report and "explode" in report
    assert secret not in report
    # The text typed before the crash was saved on the way out.
    saved = journal.reflection(1, "what-went-wrong")
    assert saved is not None and saved.text == secret


async def test_garbage_collector_paused_for_the_start_is_back_on_after_the_first_frame(
    journal: Journal,
) -> None:
    gc.disable()  # as the command line does before it opens the journal
    try:
        app = WinbackApp(journal, install_signals=False, resume_gc=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, gc.isenabled)
            assert isinstance(app.screen, HomeScreen)
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
