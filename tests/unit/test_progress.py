"""The dashboard's marks: each step's real work, not only its reflections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui import program
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import DAILY, CheckIn, CheckState, recent_keeping
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import OpennessCheck, Signal, assess_openness
from winback_tui.domain.progress import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    StepProgress,
    next_suggestion,
    step_progress,
)
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.progress import progress_for_journal

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=lambda: NOW)
    yield journal
    journal.close()


def marks(journal: Journal) -> dict[int, StepProgress]:
    return {mark.step: mark for mark in progress_for_journal(journal, TODAY)}


def answer_all(journal: Journal, step: int) -> None:
    for prompt in program.step(step).prompts:
        journal.save_reflection(step, prompt.id, "my answer")


def test_a_new_journal_has_nothing_started(journal: Journal) -> None:
    shown = marks(journal)
    # Readiness items met and a first day without contact say where one stands; alone
    # they start nothing.
    assert [shown[n].status for n in (1, 2, 3, 4)] == [NOT_STARTED] * 4
    assert shown[1].line == "0/5 reflections · 0 issues marked · openness not checked"
    assert shown[2].line == "0/2 reflections · 0 active goals · no check-ins yet"


def test_step1_needs_reflections_issues_and_the_openness_check(journal: Journal) -> None:
    answer_all(journal, 1)
    assert marks(journal)[1].status == IN_PROGRESS  # reflections alone are not the step
    AssessmentRepo(journal).set_marked("trust", True)
    assert marks(journal)[1].status == IN_PROGRESS
    signals = frozenset({Signal.REPLIED_WARMLY})
    AssessmentRepo(journal).add_openness_check(
        OpennessCheck(NOW, signals, assess_openness(signals))
    )
    mark = marks(journal)[1]
    assert mark.status == DONE and mark.fraction == 1
    assert mark.line == "5/5 reflections · 1 issue marked · openness checked"


def test_step2_follows_goals_and_check_ins_kept_lately(journal: Journal) -> None:
    goals = GoalsRepo(journal)
    walk = goals.add("Walk", Area.HEALTH, DAILY, TODAY - timedelta(days=20))
    for n in range(1, 7):  # the last six days, today open
        goals.check_in(CheckIn(walk.id, TODAY - timedelta(days=n), CheckState.DONE), TODAY)
    mark = marks(journal)[2]
    # 14 days back, 13 owed (today is still open). Mon 9 to Wed 11 count; Fri 6 to
    # Sun 8 were filled in today, after their week ended, so they do not.
    assert "1 active goal" in mark.line and "kept 3/13 lately" in mark.line
    assert mark.status == IN_PROGRESS
    assert 0 < mark.fraction < 1


def test_recent_keeping_ignores_days_before_the_goal_and_late_records() -> None:
    from tests.unit.test_goals import goal

    g = goal(TODAY - timedelta(days=2))
    early = CheckIn(1, TODAY - timedelta(days=5), CheckState.DONE)
    late = CheckIn(
        1, TODAY - timedelta(days=1), CheckState.DONE, recorded=TODAY + timedelta(days=7)
    )
    on_time = CheckIn(1, TODAY - timedelta(days=2), CheckState.DONE)
    assert recent_keeping(g, [early, late, on_time], TODAY) == (1, 2)


def test_step3_in_no_contact_mode_counts_letters_and_moving_forward_not_readiness(
    journal: Journal,
) -> None:
    drafts = DraftsRepo(journal)
    draft = drafts.create("To Sam")
    drafts.save_text(draft.id, "I hope you are well.")
    assert "readiness" in marks(journal)[3].line and "1 draft" in marks(journal)[3].line
    ContactsRepo(journal).add(
        Contact(NOW - timedelta(hours=1), Channel.MESSAGE, Initiator.ME, Response.ASKED_NO_CONTACT)
    )
    mark = marks(journal)[3]
    assert "readiness" not in mark.line and "ready" not in mark.line
    assert mark.line == "0/5 moving-forward reflections · 1 letter never sent"
    for prompt in program.MOVING_FORWARD_PROMPTS:
        journal.save_reflection(3, prompt.id, "letting go")
    assert marks(journal)[3].status == DONE


def test_step4_counts_boundaries_kept_and_days_without_contact(journal: Journal) -> None:
    repo = BoundariesRepo(journal)
    mine = repo.add("I do not text after ten at night", TODAY)
    assert marks(journal)[4].line.startswith("0/")
    repo.set_kept(mine.id, TODAY, True)
    mark = marks(journal)[4]
    assert "boundaries kept 1/1" in mark.line
    assert "0 days without contact" in mark.line  # the journal began today: no whole day yet
    ContactsRepo(journal).add(
        Contact(NOW - timedelta(hours=1), Channel.MESSAGE, Initiator.ME, Response.NO_REPLY)
    )
    assert "0 days without contact" in marks(journal)[4].line


def test_reflections_only_marks_keep_working_for_callers() -> None:
    mark = step_progress(1, "Assess", ["a", "b"], {"a"})
    assert (mark.done, mark.total, mark.status, mark.line) == (1, 2, IN_PROGRESS, "1/2 reflections")
    assert next_suggestion([mark]) == "Continue step 1, Assess: 1 reflection left."


def test_the_suggestion_names_the_first_part_still_to_do(journal: Journal) -> None:
    answer_all(journal, 1)
    shown = progress_for_journal(journal, TODAY)
    assert next_suggestion(shown) == "Continue step 1, Assess the Situation (0 issues marked)."
