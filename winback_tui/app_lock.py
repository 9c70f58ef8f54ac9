"""The unlock screen, the idle lock and the hide key of :class:`~winback_tui.app.WinbackApp`.

Kept apart (issue 19): an encrypted journal's app starts on its unlock screen;
after an idle spell, or on the hide key, what was being typed is saved and the
lock screen (a neutral one for a plain journal) is pushed over every text,
popped again after the passphrase.
"""

from __future__ import annotations

import gc
import importlib
import os
import threading
import time
from pathlib import Path

from textual import events

from winback_tui.editors import flush_editors
from winback_tui.palette import PaletteCommands
from winback_tui.screens.unlock import LOCK_SCREENS, HiddenScreen, UnlockScreen
from winback_tui.store import Journal
from winback_tui.store.crypt import Header, WrongPassphraseError
from winback_tui.store.precheck import Precheck

# ------------------------------------------------------ encrypted start-up
#: The journal setting of minutes without a key before the lock (0: never).
IDLE_LOCK_SETTING = "lock_after_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 10


#: The mode an encrypted journal's app starts in, until the journal is unlocked.
LOCKED_MODE = "locked"


#: For end-to-end tests only: seconds without a key before the idle lock, in place
#: of the journal's ``lock_after_minutes``. Not a user setting.
TEST_IDLE_LOCK_ENV = "WINBACK_TEST_IDLE_LOCK_SECONDS"

#: What the dashboard needs that the unlock screen does not: imported on a
#: thread while the passphrase is typed (and while Argon2id runs, which leaves
#: Python's lock free), so that after enter only the journal is opened and home
#: drawn. Modules the person may meet at once (the welcome) come along.
PREWARM_MODULES = (
    "winback_tui.screens.home",
    "winback_tui.screens.overlays",
    "winback_tui.store.assessment",
    "winback_tui.store.contacts",
    "winback_tui.store.goals",
    "winback_tui.store.progress",
    "winback_tui.store.situation",
    "winback_tui.store.urges",
)


def prewarm(modules: tuple[str, ...] = PREWARM_MODULES) -> None:
    """Import ``modules`` (on a thread of its own); a failure is left for later.

    A module that cannot be imported here fails again where the app imports it,
    and is reported there like any other error.
    """
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            return


def resume_gc_after_start() -> None:
    """Turn the cyclic garbage collector back on after the first frame.

    Everything built so far (the journal, Textual's widgets and styles) lives
    as long as the app: frozen, the collector's full passes never walk it again.
    """
    gc.freeze()
    gc.enable()


class LockKeeper(PaletteCommands):
    """The app's locks; :class:`~winback_tui.app.WinbackApp` gives the journal and the start."""

    _journal: Journal | None
    _locked: tuple[Path, Header] | None
    _resume_gc: bool
    exit_message: str | None
    #: What a child forked at launch read of the segment files (the open after
    #: the passphrase does not read them again); None: nothing read.
    precheck: Precheck | None = None

    def _adopt(self, journal: Journal) -> None:
        """Take on a journal just opened (the app defines it)."""
        raise NotImplementedError

    def _journal_ready(self) -> None:
        """Start what needs the open journal (the app defines it)."""
        raise NotImplementedError

    def _unlock_screen(self) -> UnlockScreen[Journal]:
        """The first screen of an encrypted journal, the base of its own mode.

        In this same app (one start-up, not two). It is drawn before the
        dashboard's modules are imported: they are imported on a thread once it
        shows (:func:`prewarm`), while the person types.
        """
        assert self._locked is not None
        path, header = self._locked

        def check(passphrase: str) -> Journal:
            if self._resume_gc:
                # The journal's tables and the dashboard are built next: no
                # collector passes over them until home shows (as for a plain
                # journal, see cli.main).
                gc.disable()
            try:
                vault = header.unlock(path, passphrase)
                return Journal.open(
                    path, vault=vault, background_backup=True, precheck=self.precheck
                )
            except BaseException:
                if self._resume_gc:
                    gc.enable()
                raise

        def give_up(message: str) -> None:
            self.exit_message = message
            self.exit(None, return_code=2)

        async def unlocked(journal: Journal) -> None:
            self._journal = journal
            self._locked = None
            self._adopt(journal)
            await self.switch_mode("home")
            await self.remove_mode(LOCKED_MODE)
            self._journal_ready()
            if self._resume_gc:
                self.call_after_refresh(resume_gc_after_start)

        return UnlockScreen(
            check,
            title=f"{path} is encrypted. Passphrase:",
            on_give_up=give_up,
            on_open=lambda journal: self.call_later(unlocked, journal),
        )

    def _unlock_shown(self) -> None:
        """The unlock screen is on the terminal: load the rest while the person types."""
        if self._resume_gc:
            # Until the passphrase is given the app may wait a long time: the
            # collector runs meanwhile, over none of what start-up built.
            resume_gc_after_start()
        threading.Thread(target=prewarm, name="winback-prewarm", daemon=True).start()

    # ------------------------------------------------- idle lock and hide key
    # Kept apart: the idle lock and the hide key (issue 19). Editors keep their
    # text in memory; the lock screen is pushed over them and popped after.
    _last_input: float = 0.0

    def _start_idle_lock(self) -> None:
        self._last_input = time.monotonic()
        minutes = self.journal.get_setting(IDLE_LOCK_SETTING, DEFAULT_IDLE_LOCK_MINUTES)
        seconds = float(minutes) * 60 if isinstance(minutes, int | float) else 0.0
        test_seconds = os.environ.get(TEST_IDLE_LOCK_ENV)
        if test_seconds:
            seconds = float(test_seconds)
        if self.journal.encrypted and seconds > 0:
            self._idle_after = seconds
            self.set_interval(min(30.0, self._idle_after / 4), self._check_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _check_idle(self) -> None:
        if time.monotonic() - self._last_input >= self._idle_after:
            self.lock_now()

    def lock_now(self) -> None:
        """Hide every text behind the lock screen (encrypted) or a neutral one (plain)."""
        if isinstance(self.screen, LOCK_SCREENS):
            return
        # What was being typed is saved before the screen goes: a locked
        # winback may wait a long time for its person (or for a flat battery).
        errors = flush_editors()
        if errors:
            self.notify(errors[0], title="Not saved", severity="error")
        if not self.journal.encrypted:
            self.push_screen(HiddenScreen())
            return

        def check(passphrase: str) -> bool:
            if not self.journal.check_passphrase(passphrase):
                raise WrongPassphraseError(self.journal.path, "wrong passphrase")
            return True

        def give_up(message: str) -> None:
            flush_editors()
            self.exit(1, message=message)

        self.push_screen(
            UnlockScreen(check, title="winback is locked. Passphrase:", on_give_up=give_up),
            callback=lambda _ok: setattr(self, "_last_input", time.monotonic()),
        )

    def action_hide(self) -> None:
        """Show a neutral screen at once (ctrl+l); an encrypted journal locks."""
        self.lock_now()
