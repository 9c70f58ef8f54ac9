"""Fixtures for Pilot tests: a journal in a temp folder with a frozen clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.app import WinbackApp
from winback_tui.store import Journal

#: The moment every UI test starts at (a Thursday, local time = UTC in CI).
FROZEN = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = FROZEN) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


@pytest.fixture
def open_journal(journal_path: Path, clock: FakeClock) -> Iterator[Callable[..., Journal]]:
    """Open journals on ``journal_path`` (welcome already seen); all closed at the end."""
    opened: list[Journal] = []

    def opener(*, welcome_seen: bool = True) -> Journal:
        journal = Journal.open(journal_path, clock=clock)
        if welcome_seen and not journal.read_only:
            journal.set_setting("welcome_seen", True)
        opened.append(journal)
        return journal

    yield opener
    for journal in opened:
        journal.close()


@pytest.fixture
def journal(open_journal: Callable[..., Journal]) -> Journal:
    return open_journal()


@pytest.fixture
def make_app(journal: Journal) -> Callable[[], WinbackApp]:
    """Build the app on the test journal (no signal handlers under Pilot)."""

    def factory() -> WinbackApp:
        return WinbackApp(journal, install_signals=False)

    return factory
