"""Pilot tests of the unlock screen and the idle lock of an encrypted journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import wait_until
from winback_tui.app import LockedWinbackApp, WinbackApp
from winback_tui.config import Settings
from winback_tui.screens.home import HomeScreen
from winback_tui.screens.unlock import UnlockScreen
from winback_tui.store import Journal
from winback_tui.store.crypt import Vault
from winback_tui.widgets import reflection_editor
from winback_tui.widgets.reflection_editor import ReflectionEditor

PASS = "open sesame"


def _encrypted(tmp_path: Path) -> tuple[Path, Vault]:
    path = tmp_path / "journal.json"
    vault, _code = Vault.create(PASS)
    Journal.open(path, vault=vault).close()
    return path, vault


async def test_three_wrong_tries_end_with_a_clear_message(tmp_path: Path) -> None:
    path, _vault = _encrypted(tmp_path)
    header = Journal.encryption(path)
    assert header is not None
    app = LockedWinbackApp(path, header, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for attempt in range(3):
            await pilot.press(*"wrong", "enter")
            if attempt < 2:
                screen = app.screen
                assert isinstance(screen, UnlockScreen)
                await wait_until(pilot, lambda s=screen, n=attempt: s.tries_left == 2 - n)
        await wait_until(pilot, lambda: app.exit_message is not None)
    assert app.exit_message is not None and "3 wrong tries" in app.exit_message
    assert app.return_code == 2
    assert app._journal is None


async def test_the_right_passphrase_opens_the_journal(tmp_path: Path) -> None:
    path, _vault = _encrypted(tmp_path)
    header = Journal.encryption(path)
    assert header is not None
    app = LockedWinbackApp(path, header, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        # Before the unlock the app's keys do nothing (no step opens on the journal).
        assert isinstance(app.screen, UnlockScreen)
        assert not app.check_action("go", ("step1",))
        assert not app.check_action("urge", ())
        await pilot.press(*PASS, "enter")
        await wait_until(pilot, lambda: app._journal is not None)
        await wait_until(
            pilot,
            lambda: app.current_mode == "home" and isinstance(app.screen_stack[0], HomeScreen),
        )
        assert app.journal.encrypted
        await pilot.press("escape")  # the welcome, first time
        await pilot.press("1")
        await wait_until(pilot, lambda: app.current_mode == "step1")
    app.journal.close()


async def test_the_idle_lock_hides_the_text_and_keeps_what_was_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No autosave meanwhile: only the lock can have saved the text.
    monkeypatch.setattr(reflection_editor, "AUTOSAVE_DELAY", 60.0)
    monkeypatch.setattr(reflection_editor, "AUTOSAVE_MAX_WAIT", 60.0)
    path, vault = _encrypted(tmp_path)
    with Journal.open(path, vault=vault) as journal:
        journal.set_setting("welcome_seen", True)
        journal.set_setting("lock_after_minutes", 0.03)  # 1.8 s: time to open a step
    journal = Journal.open(path, vault=vault)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "e")
        editor = app.screen.query_one("#editor", ReflectionEditor)
        await pilot.press(*"half a thought")
        await wait_until(pilot, lambda: isinstance(app.screen, UnlockScreen), timeout=5)
        assert "half a thought" not in str(app.screen._compositor.render_update(full=True))
        # Saved as the screen locked, not only kept in memory.
        prompt_id = app.screen_stack[0].prompt_id  # type: ignore[attr-defined]
        assert (reflection := journal.reflection(1, prompt_id)) is not None
        assert reflection.text == "half a thought"
        await pilot.press(*"bad", "enter")
        await wait_until(pilot, lambda: app.screen.tries_left == 2)  # type: ignore[attr-defined]
        await pilot.press(*PASS, "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, UnlockScreen))
        assert editor.text == "half a thought"
    journal.close()


async def test_the_hide_key_locks_at_once(tmp_path: Path) -> None:
    path, vault = _encrypted(tmp_path)
    journal = Journal.open(path, vault=vault)
    journal.set_setting("welcome_seen", True)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, UnlockScreen)
    journal.close()


@pytest.mark.parametrize(("minutes", "expected"), [(None, 420.0), (3, 180.0), (0, None)])
async def test_the_config_file_sets_the_idle_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minutes: int | None, expected: float | None
) -> None:
    monkeypatch.delenv("WINBACK_TEST_IDLE_LOCK_SECONDS", raising=False)
    path, vault = _encrypted(tmp_path)
    journal = Journal.open(path, vault=vault)
    journal.set_setting("welcome_seen", True)
    # The file, when it sets one, wins over what the journal stores (7 minutes).
    journal.set_setting("lock_after_minutes", 7)
    settings = Settings(lock_after_minutes=minutes) if minutes is not None else Settings()
    app = WinbackApp(journal, install_signals=False, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert getattr(app, "_idle_after", None) == expected
    journal.close()


async def test_keys_typed_together_on_the_hidden_screen_bring_winback_back_once(
    tmp_path: Path,
) -> None:
    from textual import events

    from winback_tui.screens.home import HomeScreen
    from winback_tui.screens.unlock import HiddenScreen

    journal = Journal.open(tmp_path / "journal.json")
    journal.set_setting("welcome_seen", True)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HiddenScreen)
        driver = app._driver
        assert driver is not None
        for char in "back":  # one burst: the first key brings winback back
            key = events.Key(char, char)
            key.set_sender(app)
            driver.send_message(key)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
    journal.close()


async def test_the_open_after_the_passphrase_uses_what_the_launch_child_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _vault = _encrypted(tmp_path)
    header = Journal.encryption(path)
    assert header is not None

    class Read:
        """Stands for a Precheck whose child read nothing."""

        def results(self) -> dict[str, object]:
            return {}

    read = Read()
    given: list[object] = []
    real = Journal.open.__func__  # type: ignore[attr-defined]

    def spied(cls: type[Journal], *args: object, **kwargs: object) -> Journal:
        given.append(kwargs.get("precheck"))
        return real(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Journal, "open", classmethod(spied))
    app = LockedWinbackApp(path, header, precheck=read, install_signals=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PASS, "enter")
        await wait_until(pilot, lambda: app._journal is not None)
    assert given == [read]
    app.journal.close()
