"""The app when the disk misbehaves (issue 15): a journal changed under it, a read-only place."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.home import HomeScreen
from winback_tui.store import Journal
from winback_tui.store.entries import EntriesRepo

DRAFT = "Thinking of you, and wishing you well"


async def test_a_journal_changed_on_disk_while_open_gets_a_notice_not_a_crash(
    journal_path: Path, clock: FakeClock
) -> None:
    with Journal.open(journal_path, clock=clock) as first:
        first.set_setting("welcome_seen", True)
        first.save_reflection(1, "what-went-wrong", "We stopped listening.")
        # The journal's entries: a table the dashboard never reads.
        EntriesRepo(first).save_text(first.now().astimezone().date(), DRAFT)
    journal = Journal.open(journal_path, clock=clock)  # reads tables only when needed
    app = WinbackApp(journal, install_signals=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            tables = journal._storage.read()
            assert not tables.is_parsed("entries")
            # Another program rewrites the file in place (same inode, same size).
            raw = journal_path.read_bytes()
            assert raw.count(DRAFT.encode()) == 1
            with open(journal_path, "r+b") as handle:
                handle.seek(raw.index(DRAFT.encode()))
                handle.write(DRAFT.upper().encode())
            await pilot.press("l")
            await wait_until(
                pilot, lambda: any("changed on disk" in m for m in messages(app)), timeout=10
            )
            assert app.is_running and app.return_code is None
            assert not app._exit_renderables
            # The rest of the app still answers keys.
            await pilot.press("0")
            assert isinstance(app.screen, HomeScreen)
    finally:
        journal.close()


async def test_a_step_that_meets_a_changed_journal_gives_way_to_home_with_a_notice(
    journal_path: Path, clock: FakeClock
) -> None:
    with Journal.open(journal_path, clock=clock) as first:
        first.set_setting("welcome_seen", True)
        EntriesRepo(first).save_text(first.now().astimezone().date(), DRAFT)
    journal = Journal.open(journal_path, clock=clock)
    app = WinbackApp(journal, install_signals=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            raw = journal_path.read_bytes()
            at = raw.index(DRAFT.encode())
            with open(journal_path, "r+b") as handle:
                handle.seek(at)
                handle.write(DRAFT.upper().encode())
            for _ in range(2):  # the screen is built afresh, and refused again
                await pilot.press("w")
                await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
                await pilot.pause()
                assert app.is_running and not app._exit_renderables
            notices = [m for m in messages(app) if "changed on disk" in m]
            assert len(notices) == 2 and "Nothing you saved was changed" in notices[0]
            # Put the bytes back: the step opens again, with the draft.
            with open(journal_path, "r+b") as handle:
                handle.seek(at)
                handle.write(DRAFT.encode())
            await pilot.press("w")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "JournalScreen")
    finally:
        journal.close()


@pytest.fixture
def unwritable(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], Journal]]:
    """Open the journal as if its file system were read-only (statvfs says so)."""
    import os

    from winback_tui.store import opening

    with Journal.open(journal_path) as first:
        first.set_setting("welcome_seen", True)
        first.save_reflection(1, "what-went-wrong", "Kept safe.")
    real = os.statvfs

    class ReadOnly:
        def __init__(self, result: os.statvfs_result) -> None:
            self._result = result
            self.f_flag = result.f_flag | os.ST_RDONLY

    monkeypatch.setattr(opening.os, "statvfs", lambda p: ReadOnly(real(p)))
    opened: list[Journal] = []

    def opener() -> Journal:
        journal = Journal.open(journal_path)
        opened.append(journal)
        return journal

    yield opener
    for journal in opened:
        journal.close()


async def test_a_read_only_file_system_is_named_in_a_notice_and_the_header(
    unwritable: Callable[[], Journal],
) -> None:
    journal = unwritable()
    assert journal.read_only and journal.unwritable
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "READ-ONLY" in app.sub_title and "another window" not in app.sub_title
        assert any("read-only file system" in m for m in messages(app)), messages(app)
        await pilot.press("1", "e")
        await pilot.press("x")
        await pilot.pause()
        assert any("read-only file system" in m for m in messages(app)[1:]), messages(app)
