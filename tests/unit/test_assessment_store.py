"""Step 1's assessment in the journal: issues and openness checks survive a reopen."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.domain.issues import COMMON_ISSUES, IssueEntry, MarkedIssue, suggested_goal
from winback_tui.domain.openness import OpennessCheck, Signal, Verdict, take_check
from winback_tui.store import Journal, JournalReadOnlyError
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.schema import encode

AT = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def reopen(path: Path) -> tuple[Journal, AssessmentRepo]:
    journal = Journal.open(path, clock=lambda: AT)
    return journal, AssessmentRepo(journal)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


# --------------------------------------------------------------------- issues
def test_a_new_journal_lists_the_common_issues_unmarked(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        entries = repo.issues()
        assert [e.issue_id for e in entries] == [k.id for k in COMMON_ISSUES]
        assert not any(e.marked or e.my_part for e in entries)
        assert repo.marked_issues() == []
        assert repo.latest_openness() is None
        assert repo.openness_checks() == []


def test_marks_notes_and_own_issues_round_trip(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.set_marked("trust", True)
        repo.set_note("trust", "I checked their phone. שלום 💔 e\u0301")
        repo.set_marked("communication", True)
        repo.set_note("conflict", "I raised my voice")  # noted, not marked
        own = repo.add_custom("  Jealousy   about   friends ", "I sulked")
        second = repo.add_custom("Money")
        repo.set_marked(second.issue_id, False)

    journal, repo = reopen(path)
    with journal:
        assert own == IssueEntry("custom-1", "Jealousy about friends", True, "I sulked")
        assert repo.marked_issues() == [
            MarkedIssue("communication", "Communication", ""),
            MarkedIssue("trust", "Trust", "I checked their phone. שלום 💔 e\u0301"),
            MarkedIssue("custom-1", "Jealousy about friends", "I sulked"),
        ]
        assert repo.issue("conflict") == IssueEntry(
            "conflict", "Conflict", False, "I raised my voice"
        )
        assert repo.issue("custom-2") == IssueEntry("custom-2", "Money", False, "")
        assert [e.issue_id for e in repo.issues()][-2:] == ["custom-1", "custom-2"]


def test_unmarking_keeps_the_note(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.set_marked("time", True)
        repo.set_note("time", "I worked every weekend")
        repo.set_marked("time", False)
        assert repo.issue("time").my_part == "I worked every weekend"
        assert repo.marked_issues() == []


def test_marked_issues_feed_step_two_goals(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.set_marked("stress", True)
        repo.add_custom("Jealousy")
        goals = [suggested_goal(issue) for issue in repo.marked_issues()]
        assert goals[0] == (COMMON_ISSUES[-1].goal_title, COMMON_ISSUES[-1].goal_area)
        assert goals[1][0] == "Work on: Jealousy"


def test_own_issues_can_be_renamed_and_removed_and_ids_are_never_reused(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        first = repo.add_custom("Jelousy")
        repo.rename_custom(first.issue_id, "Jealousy")
        assert repo.issue("custom-1").title == "Jealousy"
        second = repo.add_custom("Money")
        repo.remove_custom(second.issue_id)
    journal, repo = reopen(path)
    with journal:
        # custom-2 was removed; the next one must not take its id (Step 2 may name it).
        assert repo.add_custom("Distance").issue_id == "custom-3"
        assert [e.title for e in repo.issues() if e.custom] == ["Jealousy", "Distance"]


def test_bad_requests_are_refused_and_change_nothing(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.add_custom("Mine")
        before = path.read_bytes()
        with pytest.raises(ValueError):
            repo.add_custom("   \n ")
        with pytest.raises(ValueError):
            repo.rename_custom("custom-1", "")
        with pytest.raises(KeyError):
            repo.set_marked("no-such-issue", True)
        with pytest.raises(KeyError):
            repo.set_note("custom-9", "x")
        with pytest.raises(KeyError):
            repo.rename_custom("trust", "Not mine")
        with pytest.raises(KeyError):
            repo.remove_custom("trust")
        with pytest.raises(KeyError):
            repo.remove_custom("custom-9")
        with pytest.raises(KeyError):
            repo.issue("nothing")
        with pytest.raises(TypeError):
            repo.set_note("trust", None)  # type: ignore[arg-type]
        assert path.read_bytes() == before


def test_a_long_title_is_capped_when_stored(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        entry = repo.add_custom("x" * 5000)
        assert len(entry.title) == 200
        assert repo.issue(entry.issue_id).title == "x" * 200


PROPERTY = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(note=st.text(max_size=300))
def test_any_note_comes_back_exactly(tmp_path: Path, note: str) -> None:
    path = tmp_path / f"n{abs(hash(note))}.json"
    journal, repo = reopen(path)
    with journal:
        repo.set_note("trust", note)
    journal, repo = reopen(path)
    with journal:
        assert repo.issue("trust").my_part == note
    path.unlink()


# ------------------------------------------------------------------- openness
def test_checks_are_kept_oldest_first_with_their_dates(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        later = take_check(
            frozenset({Signal.BLOCKED, Signal.REPLIED_WARMLY}), AT + timedelta(days=9)
        )
        earlier = take_check(frozenset(), AT)
        stored_later = repo.add_openness_check(later)
        stored_earlier = repo.add_openness_check(earlier)
        assert stored_later.id and stored_earlier.id and stored_later.id != stored_earlier.id

    journal, repo = reopen(path)
    with journal:
        checks = repo.openness_checks()
        assert checks == [earlier, later]
        assert [c.id for c in checks] == [stored_earlier.id, stored_later.id]
        latest = repo.latest_openness()
        assert latest is not None
        assert latest.at == AT + timedelta(days=9)
        assert latest.signals == frozenset({Signal.BLOCKED, Signal.REPLIED_WARMLY})
        assert latest.result.verdict is Verdict.NOT_OPEN
        assert latest.result == later.result


def test_a_signal_from_a_newer_version_is_skipped_not_fatal(path: Path) -> None:
    journal, repo = reopen(path)
    with journal:
        repo.add_openness_check(take_check(frozenset({Signal.BLOCKED}), AT))
    data = json.loads(path.read_text())
    doc = next(iter(data["assessment"].values()))
    doc["signals"].append("sent-a-postcard")
    # As a newer winback would write it: with an index that matches.
    data.pop("_layout")
    path.write_bytes(encode(data))
    journal, repo = reopen(path)
    with journal:
        check = repo.latest_openness()
        assert check is not None and check.signals == frozenset({Signal.BLOCKED})


# ------------------------------------------------------------------ read-only
def test_a_read_only_journal_refuses_every_write_and_keeps_the_data(path: Path) -> None:
    writer, repo = reopen(path)
    with writer:
        repo.set_marked("trust", True)
        repo.add_custom("Mine")
        before = path.read_bytes()
        second, reader = reopen(path)
        with second:
            assert second.read_only
            assert reader.marked_issues() == repo.marked_issues()  # reading still works
            check = OpennessCheck(AT, frozenset(), take_check(frozenset(), AT).result)
            for write in (
                lambda: reader.set_marked("conflict", True),
                lambda: reader.set_note("trust", "lost?"),
                lambda: reader.add_custom("Another"),
                lambda: reader.rename_custom("custom-1", "Renamed"),
                lambda: reader.remove_custom("custom-1"),
                lambda: reader.add_openness_check(check),
            ):
                with pytest.raises(JournalReadOnlyError):
                    write()
            assert reader.openness_checks() == []
        assert path.read_bytes() == before
