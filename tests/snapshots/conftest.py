"""What the snapshot tests share: a journal with one answer, and steady pictures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import FakeClock
from winback_tui.store import Journal
from winback_tui.widgets.reflection_editor import ReflectionEditor


@pytest.fixture
def seeded_journal(tmp_path: Path) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=FakeClock())
    journal.set_setting("welcome_seen", True)
    journal.save_reflection(1, "what-went-wrong", "We stopped listening to each other.")
    yield journal
    journal.close()


def steady(pilot: Pilot[Any]) -> None:
    for editor in pilot.app.screen.query(ReflectionEditor):
        editor.cursor_blink = False
