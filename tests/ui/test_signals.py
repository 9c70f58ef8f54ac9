"""SIGHUP / SIGTERM inside the app: the signal path itself saves, not only the unmount.

The editor also saves when it is unmounted, so a test that lets the app exit
normally cannot tell whether the signal path saved anything. These tests look at
the moment the app starts to exit (graceful path) and at the moment the process
would be ended (the exit guard's own save, when the UI thread never gets round
to the graceful path), and they stub out the process exit.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable

import pytest
from textual import events

from tests.ui.helpers import wait_until
from tests.ui.test_editor import open_editor
from winback_tui.app import WinbackApp
from winback_tui.editors import save_editors_from_any_thread
from winback_tui.exit_guard import DEADLINE, ExitGuard
from winback_tui.store import Journal
from winback_tui.widgets import reflection_editor

PROMPT = (1, "what-went-wrong")


@pytest.fixture(autouse=True)
def no_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The autosave must not save the text first: only the signal path may."""
    monkeypatch.setattr(reflection_editor, "AUTOSAVE_DELAY", 60.0)
    monkeypatch.setattr(reflection_editor, "AUTOSAVE_MAX_WAIT", 60.0)


def _saved(journal: Journal) -> str | None:
    found = journal.reflection(*PROMPT)
    return found.text if found else None


async def test_the_signal_saves_before_the_app_starts_to_exit(
    make_app: Callable[[], WinbackApp], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    exits: list[int] = []
    saved_at_exit: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.exit_guard = ExitGuard(
            app._on_signal, save_editors_from_any_thread, hard_exit=exits.append
        )
        app.exit_guard.attach(asyncio.get_running_loop().call_soon_threadsafe)
        editor = await open_editor(pilot)
        await pilot.press(*"not yet saved")
        assert editor.status.endswith("unsaved")
        real_exit = app.exit

        def exit_spy(*args: object, **kwargs: object) -> None:
            saved_at_exit.append(_saved(journal))
            real_exit(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(app, "exit", exit_spy)
        app.exit_guard.deliver(signal.SIGTERM)
        await wait_until(pilot, lambda: bool(saved_at_exit))
    # Saved by the signal path before the exit began (the unmount would be too late
    # when restoring a dead terminal hangs), and the guard did not need its own save.
    assert saved_at_exit == ["not yet saved"]
    assert not app.exit_guard.emergency_used


async def test_the_guard_saves_by_itself_when_the_ui_never_runs_the_graceful_path(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    exits: list[tuple[float, str | None]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"typed during a burst")
        assert editor.status.endswith("unsaved")
        # The graceful path is never run, as when the loop is swamped by keys.
        guard = ExitGuard(
            lambda _signum: None,
            save_editors_from_any_thread,
            hard_exit=lambda code: exits.append((time.monotonic(), _saved(journal))),
        )
        guard.attach(asyncio.get_running_loop().call_soon_threadsafe)
        started = time.monotonic()
        guard.deliver(signal.SIGHUP)
        await wait_until(pilot, lambda: bool(exits), timeout=DEADLINE + 2)
    assert guard.emergency_used
    ((ended, text),) = exits
    assert text == "typed during a burst", "the guard ended the process without saving"
    assert ended - started < 2.0


async def test_steady_typing_does_not_postpone_the_autosave_for_ever(
    make_app: Callable[[], WinbackApp], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reflection_editor, "AUTOSAVE_DELAY", 0.8)
    monkeypatch.setattr(reflection_editor, "AUTOSAVE_MAX_WAIT", 2.0)  # 3 s in the app
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        # A key every 0.3 s: each one comes before the 0.8 s debounce runs out.
        for char in "abcdefghijkl":
            await pilot.press(char)
            await pilot.pause(0.3)
            if _saved(journal):
                break
        typed_when_saved = _saved(journal)
    assert typed_when_saved, "3.6 s of steady typing and nothing was saved"
    assert "abcdefghijkl".startswith(typed_when_saved)


async def test_keys_queued_in_a_burst_land_whole_and_in_order(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        keys = [("a", "a"), ("b", "b"), ("enter", "\r"), ("c", "c")]
        keys += [(ch, ch) for ch in "xyz" * 500]
        driver = app._driver
        assert driver is not None
        for key, char in keys:  # queued at once, as the input thread does with a paste
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)
        expected = "ab\nc" + "xyz" * 500
        await wait_until(pilot, lambda: editor.text == expected)
        # The cursor is after the last key, and in view.
        assert editor.cursor_location == (1, 1501)
        assert editor.scrollable_content_region.height > 0
        row = editor.wrapped_document.location_to_offset(editor.cursor_location).y
        assert (
            editor.scroll_offset.y
            <= row
            < editor.scroll_offset.y + editor.scrollable_content_region.height
        )
