"""Goals, check-ins and ratings in the journal: round trips, archiving, refusals, read-only."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from winback_tui.domain.goals import DAILY, Cadence, CheckIn, CheckState, GoalError, GoalStatus
from winback_tui.domain.issues import Area
from winback_tui.store import Journal, JournalReadOnlyError
from winback_tui.store.goals import GoalsRepo, step2_summary
from winback_tui.store.schema import encode

TODAY = date(2026, 3, 12)
NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def reopen(path: Path) -> tuple[Journal, GoalsRepo]:
    journal = Journal.open(path, clock=lambda: NOW)
    return journal, GoalsRepo(journal)


def test_goals_check_ins_and_ratings_survive_a_restart(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        walk = repo.add("  Walk   20 minutes ", Area.HEALTH, DAILY, date(2026, 3, 1), "after work")
        call = repo.add("Call a friend", Area.SUPPORT, Cadence(2), date(2026, 3, 2), source="time")
        repo.check_in(CheckIn(walk.id, TODAY, CheckState.DONE), TODAY)
        repo.check_in(CheckIn(walk.id, date(2026, 3, 11), CheckState.SKIPPED, " ill "), TODAY)
        repo.check_in(CheckIn(call.id, date(2026, 3, 10), CheckState.DONE), TODAY)
        repo.ratings.rate(date(2026, 3, 11), 4)
        repo.ratings.rate(TODAY, 2)
        repo.pause(call.id, date(2026, 3, 11))
    journal, repo = reopen(path)
    with journal:
        goals = repo.all()
        assert [(g.title, g.area, g.cadence, g.note, g.source) for g in goals] == [
            ("Walk 20 minutes", Area.HEALTH, DAILY, "after work", ""),
            ("Call a friend", Area.SUPPORT, Cadence(2), "", "time"),
        ]
        assert goals[1].status is GoalStatus.PAUSED
        assert goals[1].pauses[0].start == date(2026, 3, 11)
        assert [(c.day, c.state, c.reason) for c in repo.checkins.all(walk.id)] == [
            (date(2026, 3, 11), CheckState.SKIPPED, "ill"),
            (TODAY, CheckState.DONE, ""),
        ]
        assert [(r.day, r.value) for r in repo.ratings.all()] == [
            (date(2026, 3, 11), 4),
            (TODAY, 2),
        ]
        assert repo.get(walk.id) == goals[0]


def test_a_day_is_one_record_correcting_it_replaces_and_clearing_removes(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        day = date(2026, 3, 10)
        repo.check_in(CheckIn(walk.id, day, CheckState.DONE), TODAY)
        repo.check_in(CheckIn(walk.id, day, CheckState.SKIPPED, "travel"), TODAY)
        assert [(c.state, c.reason) for c in repo.checkins.all()] == [
            (CheckState.SKIPPED, "travel")
        ]
        repo.clear_check_in(walk.id, day, TODAY)
        assert repo.checkins.all() == []


def test_rating_twice_a_day_keeps_one(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.ratings.rate(TODAY, 3)
        repo.ratings.rate(TODAY, 5)
        assert [(r.day, r.value) for r in repo.ratings.all()] == [(TODAY, 5)]


@pytest.mark.parametrize(
    ("title", "cadence", "message"),
    [
        ("", DAILY, "needs a title"),
        ("x" * 500, DAILY, "500"),
        ("Walk", Cadence(0), "between 1 and 7"),
        ("Walk", Cadence(8), "between 1 and 7"),
    ],
)
def test_bad_goals_are_refused_and_nothing_stored_is_lost(
    path: Path, title: str, cadence: Cadence, message: str
) -> None:
    journal, repo = reopen(path)
    with journal:
        kept = repo.add("Keep me", Area.HOBBY, DAILY, TODAY)
        before = path.read_bytes()
        with pytest.raises(GoalError, match=message):
            repo.add(title, Area.HEALTH, cadence, TODAY)
        assert repo.all() == [kept]
        assert path.read_bytes() == before


def test_check_ins_outside_the_window_or_without_a_reason_are_refused(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        with pytest.raises(GoalError, match="last 7 days"):
            repo.check_in(CheckIn(walk.id, date(2026, 3, 5), CheckState.DONE), TODAY)
        with pytest.raises(GoalError, match="last 7 days"):
            repo.clear_check_in(walk.id, date(2026, 3, 5), TODAY)
        with pytest.raises(GoalError, match="why"):
            repo.check_in(CheckIn(walk.id, TODAY, CheckState.SKIPPED, " "), TODAY)
        with pytest.raises(KeyError):
            repo.check_in(CheckIn(999, TODAY, CheckState.DONE), TODAY)
        with pytest.raises(GoalError):
            repo.ratings.rate(TODAY, 6)
        assert repo.checkins.all() == [] and repo.ratings.all() == []


def test_archiving_hides_but_keeps_the_goal_and_its_history(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        repo.check_in(CheckIn(walk.id, TODAY, CheckState.DONE), TODAY)
        repo.pause(walk.id, TODAY)
        archived = repo.archive(walk.id, TODAY)
        assert archived.status is GoalStatus.ARCHIVED
        assert archived.pauses == ()  # the pause begun today ends with it
        assert repo.all() == []
        assert repo.all(include_archived=True) == [archived]
        assert len(repo.checkins.all(walk.id)) == 1
        assert repo.restore(walk.id).status is GoalStatus.ACTIVE
        assert repo.resume(walk.id, TODAY).status is GoalStatus.ACTIVE  # not paused: unchanged
    assert not hasattr(GoalsRepo, "remove")  # no way to delete a goal with its history


def test_a_future_dated_check_in_from_a_clock_moved_back_is_kept(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        repo.check_in(CheckIn(walk.id, date(2026, 3, 20), CheckState.DONE), date(2026, 3, 20))
        # The clock now says 12 March: the record stays, and cannot be rewritten from here.
        with pytest.raises(GoalError, match="not come yet"):
            repo.clear_check_in(walk.id, date(2026, 3, 20), TODAY)
        assert [c.day for c in repo.checkins.all()] == [date(2026, 3, 20)]


def test_an_unreadable_pause_is_skipped_not_fatal(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
    data = json.loads(path.read_text())
    doc = next(iter(data["goals"].values()))
    doc["pauses"] = [["2026-03-02", "2026-03-03"], ["not a date", None], "junk", [1, 2]]
    # As a newer winback would write it: with an index that matches.
    data.pop("_layout")
    path.write_bytes(encode(data))
    journal, repo = reopen(path)
    with journal:
        assert [(p.start, p.end) for p in repo.all()[0].pauses] == [
            (date(2026, 3, 2), date(2026, 3, 3))
        ]


def test_step2_summary_for_the_dashboard(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        assert step2_summary(journal, TODAY).active_goals == 0
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        repo.add("Read", Area.HOBBY, DAILY, date(2026, 3, 1))
        for day in (10, 11, 12):
            repo.check_in(CheckIn(walk.id, date(2026, 3, day), CheckState.DONE), TODAY)
        repo.ratings.rate(TODAY, 4)
        summary = step2_summary(journal, TODAY)
        assert summary.active_goals == 2
        assert summary.open_today == ("Read",)
        assert (summary.best_current_streak, summary.best_streak_goal) == (3, "Walk")
        assert summary.latest_confidence == 4


def test_a_read_only_copy_refuses_every_write_and_changes_nothing(path: Path) -> None:
    writer, repo = reopen(path)
    with writer:
        walk = repo.add("Walk", Area.HEALTH, DAILY, date(2026, 3, 1))
        repo.check_in(CheckIn(walk.id, TODAY, CheckState.DONE), TODAY)
        repo.ratings.rate(TODAY, 5)
        before = path.read_bytes()
        second, reader = reopen(path)
        with second:
            assert second.read_only
            assert reader.all() == repo.all()  # reading still works
            assert step2_summary(second, TODAY).active_goals == 1
            for write in (
                lambda: reader.add("Another", Area.SKILL, DAILY, TODAY),
                lambda: reader.check_in(CheckIn(walk.id, TODAY, CheckState.DONE), TODAY),
                lambda: reader.clear_check_in(walk.id, TODAY, TODAY),
                lambda: reader.pause(walk.id, TODAY),
                lambda: reader.archive(walk.id, TODAY),
                lambda: reader.ratings.rate(TODAY, 4),
            ):
                with pytest.raises(JournalReadOnlyError):
                    write()
        assert path.read_bytes() == before
