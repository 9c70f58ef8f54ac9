"""The urge log: a pause with time left, better moves, and wins counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.domain.urges import (
    ALTERNATIVES,
    DEFAULT_PAUSE_MINUTES,
    Outcome,
    UrgeError,
    describe_pause,
    new_urge,
    pause_left,
    wins,
    wins_line,
)
from winback_tui.store import Journal
from winback_tui.store.urges import UrgesRepo

NOW = datetime(2026, 3, 12, 23, 40, tzinfo=UTC)


def test_the_pause_counts_down_from_when_the_urge_was_noted() -> None:
    urge = new_urge(NOW, 4, "night")
    assert urge.pause_minutes == DEFAULT_PAUSE_MINUTES == 10
    assert pause_left(urge, NOW) == timedelta(minutes=10)
    assert pause_left(urge, NOW + timedelta(minutes=7)) == timedelta(minutes=3)
    assert pause_left(urge, NOW + timedelta(minutes=12)) == timedelta(0)
    assert describe_pause(timedelta(minutes=7, seconds=10)) == "8 min"
    assert describe_pause(timedelta(seconds=75)) == "1 min 15 s"
    assert describe_pause(timedelta(0)) == "the pause is over"


@pytest.mark.parametrize(("strength", "trigger"), [(0, "night"), (6, "night"), (3, "made-up")])
def test_bad_input_is_refused_with_a_message(strength: int, trigger: str) -> None:
    with pytest.raises(UrgeError):
        new_urge(NOW, strength, trigger)


def test_better_moves_are_offered() -> None:
    ids = [key for key, _ in ALTERNATIVES]
    assert ids == ["letter", "journal", "reasons", "support"]


def test_urges_round_trip_and_wins_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        repo = UrgesRepo(journal)
        repo.set_pause_minutes(15)
        first = repo.note(5, "their-post", "a photo", "")
        second = repo.note(2, "lonely", at=NOW - timedelta(days=1))
        third = repo.note(3, "other", "their birthday")
        repo.settle(first.id, Outcome.PASSED, "wrote a letter I kept")
        repo.settle(second.id, Outcome.PASSED)
        repo.settle(third.id, Outcome.CONTACTED)
    with Journal.open(path, clock=lambda: NOW) as journal:
        urges = UrgesRepo(journal).all()
        assert [u.id for u in urges] == [second.id, first.id, third.id]
        assert urges[1].pause_minutes == 15 and urges[1].instead == "wrote a letter I kept"
        assert wins(urges) == 2
        assert wins_line(urges).startswith("2 urges passed without contact")
        assert "win" in wins_line([])
