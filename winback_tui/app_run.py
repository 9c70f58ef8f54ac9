"""Running the app: on an open journal, or on an encrypted one from its unlock screen.

What :mod:`winback_tui.cli` calls once the command line is read and the journal
found. The app itself is :mod:`winback_tui.app`; this starts it, and once it
has stopped keeps what it summarised and closes what it opened.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from winback_tui.app import LockedWinbackApp, WinbackApp
from winback_tui.config import Settings
from winback_tui.store import Journal
from winback_tui.store.crypt import Header

if TYPE_CHECKING:
    from winback_tui.store.precheck import Precheck


def run_locked_app(
    path: Path,
    header: Header,
    *,
    gc_paused: bool = False,
    low_bandwidth: bool = False,
    settings: Settings | None = None,
    precheck: Precheck | None = None,
) -> int:
    """Run the app on an encrypted journal: its unlock screen first, then home.

    Args:
        path: the journal.
        header: its encryption header (read, not unlocked).
        gc_paused: the caller turned the cyclic garbage collector off; it is
            turned back on (frozen) once the unlock screen shows, off again
            while the journal opens and home is built, and on once home shows.
        low_bandwidth: spare a slow link (see :class:`WinbackApp`).
        settings: the config file's settings (defaults when None).
        precheck: the segment files read at launch (:mod:`winback_tui.store.precheck`).
    """
    _apply_test_autosave_delay()
    app = LockedWinbackApp(
        path,
        header,
        precheck=precheck,
        resume_gc=gc_paused,
        low_bandwidth=low_bandwidth,
        settings=settings,
    )
    try:
        app.run()
    finally:
        if app._journal is not None:
            _save_summaries(app._journal)
            app._journal.close()
    if app.exit_message:
        print(f"winback: {app.exit_message}", file=sys.stderr)
    return app.return_code or 0


def run_app(
    journal: Journal,
    *,
    gc_paused: bool = False,
    low_bandwidth: bool = False,
    settings: Settings | None = None,
) -> int:
    """Run the app on an open journal; return the exit status.

    Args:
        journal: the open journal.
        gc_paused: the caller turned the cyclic garbage collector off for the
            start-up; it is frozen and turned back on once the first screen shows.
        low_bandwidth: spare a slow link (see :class:`WinbackApp`).
        settings: the config file's settings (defaults when None).
    """
    _apply_test_autosave_delay()
    app = WinbackApp(journal, resume_gc=gc_paused, low_bandwidth=low_bandwidth, settings=settings)
    try:
        app.run()
    finally:
        _save_summaries(journal)
    return app.return_code or 0


def _save_summaries(journal: Journal) -> None:
    """Keep what home summarised of years of writing for the next start.

    Only a cache: a failure here must never hide why the app stopped, nor
    stop it from closing the journal.
    """
    with contextlib.suppress(Exception):
        journal.save_summaries()


#: For end-to-end tests only: seconds before the autosave, so a test can signal
#: a copy that certainly holds unsaved text. Not a user setting.
TEST_AUTOSAVE_DELAY_ENV = "WINBACK_TEST_AUTOSAVE_DELAY"


def _apply_test_autosave_delay() -> None:
    value = os.environ.get(TEST_AUTOSAVE_DELAY_ENV)
    if not value:
        return
    from winback_tui.widgets import reflection_editor

    delay = float(value)
    reflection_editor.AUTOSAVE_DELAY = delay
    reflection_editor.AUTOSAVE_MAX_WAIT = max(delay, reflection_editor.AUTOSAVE_MAX_WAIT)
