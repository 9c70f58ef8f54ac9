"""The start-up of an encrypted journal stays light (issue 19, item 6).

The unlock screen is drawn before the dashboard's modules are imported; they
are imported on a thread once it shows, while the passphrase is typed. After
enter only the key is unwrapped, the journal opened and home drawn. These tests
guard what would quietly make that start-up slow again, and what the lighter
path must still do (home works, the garbage collector is back on).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from tests.ui.helpers import wait_until
from winback_tui.app import LockedWinbackApp
from winback_tui.app_lock import PREWARM_MODULES, prewarm
from winback_tui.screens.unlock import UnlockScreen
from winback_tui.store import Journal
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.crypt import Vault

PASS = "open sesame"

#: What the unlock screen must not wait for: the dashboard, every step, the
#: overlays, and the domain rules and repos only they use.
HEAVY = (
    "winback_tui.screens.home",
    "winback_tui.screens.overlays",
    "winback_tui.screens.step1",
    "winback_tui.screens.step2",
    "winback_tui.screens.step3",
    "winback_tui.screens.step4",
    "winback_tui.screens.journal",
    "winback_tui.screens.timeline",
    "winback_tui.screens.year",
    "winback_tui.domain.progress",
    "winback_tui.domain.situation",
    "winback_tui.store.progress",
)


def _encrypted(tmp_path: Path, *, welcome_seen: bool = True) -> Path:
    path = tmp_path / "journal.json"
    vault, _code = Vault.create(PASS)
    with Journal.open(path, vault=vault) as journal:
        journal.set_setting("welcome_seen", welcome_seen)
    return path


@pytest.fixture
def gc_restored() -> Iterator[None]:
    """Leave the collector as it was (the app freezes and pauses it)."""
    was_enabled = gc.isenabled()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def test_the_unlock_path_imports_nothing_of_the_dashboard() -> None:
    # In a fresh interpreter: this test session has imported everything already.
    code = textwrap.dedent(
        """
        import json, sys
        import winback_tui.cli, winback_tui.app, winback_tui.app_lock
        import winback_tui.screens.unlock
        print(json.dumps(sorted(m for m in sys.modules if m.startswith("winback_tui"))))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    loaded = set(json.loads(done.stdout))
    assert "winback_tui.app" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_the_dashboard_is_imported_once_the_unlock_screen_shows(tmp_path: Path) -> None:
    # In a fresh interpreter, the app on an encrypted journal until its unlock
    # screen is drawn: the dashboard is not imported before that, and is
    # imported (on the prewarm thread) before the passphrase is even typed.
    path = _encrypted(tmp_path)
    code = textwrap.dedent(
        """
        import asyncio, json, sys, threading
        from pathlib import Path
        from winback_tui import app_lock
        from winback_tui.app import LockedWinbackApp
        from winback_tui.store import Journal

        seen = {}
        real = app_lock.prewarm

        def watched(*args):
            seen["home before prewarm"] = "winback_tui.screens.home" in sys.modules
            real(*args)

        app_lock.prewarm = watched
        path = Path(sys.argv[1])

        async def main():
            app = LockedWinbackApp(path, Journal.encryption(path), install_signals=False)
            async with app.run_test(size=(80, 24)) as pilot:
                for _ in range(200):
                    threads = [t for t in threading.enumerate() if t.name == "winback-prewarm"]
                    if "home before prewarm" in seen and not threads:
                        break
                    await pilot.pause(0.05)
                seen["unlock screen"] = type(app.screen).__name__
                seen["home after prewarm"] = "winback_tui.screens.home" in sys.modules

        asyncio.run(main())
        print(json.dumps(seen))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "home before prewarm": False,
        "unlock screen": "UnlockScreen",
        "home after prewarm": True,
    }


def test_prewarm_leaves_a_module_that_fails_to_the_app() -> None:
    # Nothing is raised on its thread (the app reports it where it imports it).
    prewarm(("winback_tui.no_such_module", *PREWARM_MODULES))
    prewarm(PREWARM_MODULES)
    assert all(name in sys.modules for name in PREWARM_MODULES)


async def test_the_unlock_screen_is_its_modes_only_screen_and_home_works_after(
    tmp_path: Path,
) -> None:
    path = _encrypted(tmp_path, welcome_seen=False)
    header = Journal.encryption(path)
    assert header is not None
    app = LockedWinbackApp(path, header, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        # Nothing under it: no empty screen drawn first.
        assert len(app.screen_stack) == 1 and isinstance(app.screen, UnlockScreen)
        await pilot.press(*PASS, "enter")
        await wait_until(pilot, lambda: app.current_mode == "home" and app._journal is not None)
        # The welcome (imported on first need) shows over home, as for a plain journal.
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WelcomeScreen")
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert "locked" not in app._screen_stacks
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
    app.journal.close()


async def test_showing_the_unlock_screen_does_not_parse_the_stylesheet_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[int] = []
    real = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    path = _encrypted(tmp_path)
    header = Journal.encryption(path)
    assert header is not None
    app = LockedWinbackApp(path, header, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, UnlockScreen))
        await pilot.pause()
        assert reparsed == []


async def test_the_collector_is_back_on_at_the_unlock_screen_and_once_home_shows(
    tmp_path: Path, gc_restored: None
) -> None:
    path = _encrypted(tmp_path)
    header = Journal.encryption(path)
    assert header is not None
    gc.disable()  # as the command line does before the app starts
    app = LockedWinbackApp(path, header, install_signals=False, resume_gc=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        # The person may sit here a long time: the collector runs meanwhile.
        await wait_until(pilot, gc.isenabled)
        await pilot.press(*"wrong", "enter")
        await wait_until(pilot, lambda: screen.tries_left == 2)
        assert gc.isenabled()
        await pilot.press(*PASS, "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await wait_until(pilot, gc.isenabled)
    app.journal.close()


async def test_the_dashboard_reads_the_contacts_once_per_showing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from winback_tui.app import WinbackApp
    from winback_tui.domain.contacts import Channel, Contact, Initiator, Response

    path = tmp_path / "journal.json"
    journal = Journal.open(path)
    journal.set_setting("welcome_seen", True)
    ContactsRepo(journal).add(
        Contact(
            at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
            channel=Channel.MESSAGE,
            initiator=Initiator.ME,
            response=Response.NO_REPLY,
        )
    )
    from winback_tui.store import contacts

    # What costs on years of contacts is reading them from the journal (the
    # memo answers again at no cost): count the reads of the stored log.
    reads: list[int] = []
    real = contacts.read_contacts

    def counted(journal: Journal) -> tuple[Contact, ...]:
        reads.append(1)
        return real(journal)

    monkeypatch.setattr(contacts, "read_contacts", counted)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.pause()
        assert len(reads) == 1
    journal.close()
