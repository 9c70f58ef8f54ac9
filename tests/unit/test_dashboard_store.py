"""The dashboard read in one go (store/dashboard.py) says what each step's own reading says."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui import program
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import DAILY, Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import Signal, take_check
from winback_tui.domain.progress import step_marks
from winback_tui.domain.readiness import Mode, assess_readiness
from winback_tui.store import Journal
from winback_tui.store import contacts as contacts_store
from winback_tui.store import goals as goals_store
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.daily import DailyRepo
from winback_tui.store.dashboard import dashboard_for_journal
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import GoalsRepo, step2_summary
from winback_tui.store.progress import progress_inputs
from winback_tui.store.reconnect import MindsetRepo
from winback_tui.store.situation import no_contact_counts_for_journal, situation_for_journal

NOW = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)  # a Wednesday
TODAY = NOW.date()


def fill(journal: Journal, seed: int, no_contact: bool) -> None:
    """A journal of months: goals of both cadences, check-ins, contacts, checks, ratings."""
    rng = random.Random(seed)
    goals = GoalsRepo(journal)
    begun = TODAY - timedelta(days=rng.randint(0, 120))
    ids = [
        goals.add("Walk", Area.HEALTH, DAILY, begun).id,
        goals.add("Draw", Area.HOBBY, Cadence(3), begun + timedelta(days=rng.randint(0, 9))).id,
    ]
    if rng.random() < 0.3:
        goals.pause(ids[0], TODAY - timedelta(days=rng.randint(0, 10)))
    days = rng.sample(range(-2, 130), rng.randint(0, 80))
    docs = []
    for ago in days:
        item = CheckIn(
            rng.choice(ids),
            TODAY - timedelta(days=ago),
            rng.choice([CheckState.DONE, CheckState.DONE, CheckState.SKIPPED]),
            "tired",
        )
        late = timedelta(days=rng.choice([0, 0, 0, 9]))
        recorded = datetime.combine(item.day, datetime.min.time(), UTC) + late
        docs.append(goals_store._checkin_doc(item, recorded))
    goals.checkins._insert_many(docs)
    contacts = [
        Contact(
            NOW - timedelta(hours=rng.randint(-30, 24 * 200)),
            Channel.MESSAGE,
            rng.choice(list(Initiator)),
            rng.choice(
                [Response.NO_REPLY, Response.NO_REPLY, Response.WARM, Response.ASKED_FOR_SPACE]
            ),
        )
        for _ in range(rng.randint(0, 30))
    ]
    ContactsRepo(journal)._insert_many([contacts_store._to_doc(c) for c in contacts])
    if no_contact:
        signals = frozenset({Signal.ASKED_NO_CONTACT})
        AssessmentRepo(journal).add_openness_check(take_check(signals, NOW - timedelta(days=3)))
    elif rng.random() < 0.5:
        AssessmentRepo(journal).add_openness_check(take_check(frozenset(), NOW))
    if rng.random() < 0.7:
        DailyRepo(journal).rate(TODAY, mood=4, confidence=3, calm=rng.choice([None, 2]))
    draft = DraftsRepo(journal).create("A letter")
    if rng.random() < 0.5:
        DraftsRepo(journal).save_text(draft.id, "Words kept here.")
    for step in program.STEPS[:2]:
        for prompt in step.prompts[: rng.randint(0, len(step.prompts))]:
            journal.save_reflection(step.number, prompt.id, "an answer")


def read_one_by_one(journal: Journal) -> tuple[object, ...]:
    """The dashboard as it was read before: every check-in, readiness always, each fact apart."""
    inputs = progress_inputs(journal, TODAY)
    checkins = GoalsRepo(journal).checkins.all()
    now = situation_for_journal(journal, TODAY)
    answered = inputs.answered[0]
    readiness = assess_readiness(
        step1_done=all(p.id in answered for p in program.step(1).prompts),
        openness=now.verdict,
        checkin_dates=[c.day for c in checkins if c.state is CheckState.DONE],
        mindset=MindsetRepo(journal).on(TODAY),
        boundary_crossed=now.boundary_crossed,
        today=TODAY,
        no_contact=now.no_contact,
    )
    marks = step_marks(replace(inputs, checkins=tuple(checkins), readiness=readiness))
    return (
        marks,
        now.no_contact,
        now.step3_mode is Mode.MOVING_FORWARD,
        now.boundary_crossed,
        now.pacing.message,
        now.reason,
        len(step2_summary(journal, TODAY).open_today),
        no_contact_counts_for_journal(journal, TODAY),
        AssessmentRepo(journal).latest_openness(),
    )


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), no_contact=st.booleans())
def test_the_dashboard_read_at_once_equals_each_part_read_apart(
    tmp_path_factory: pytest.TempPathFactory, seed: int, no_contact: bool
) -> None:
    path = tmp_path_factory.mktemp("board") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        fill(journal, seed, no_contact)
        board = dashboard_for_journal(journal, TODAY)
        facts = board.facts
        assert (
            list(board.steps),
            facts.no_contact,
            facts.moving_forward,
            facts.pacing_crossed,
            facts.pacing_message,
            facts.no_contact_reason,
            facts.open_checkins,
            board.counts,
            board.latest_openness,
        ) == read_one_by_one(journal)
        assert facts.openness_checked == (board.latest_openness is not None)


def test_a_check_in_today_is_seen_at_once(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.json", clock=lambda: NOW) as journal:
        goals = GoalsRepo(journal)
        goal = goals.add("Walk", Area.HEALTH, DAILY, TODAY - timedelta(days=3))
        assert dashboard_for_journal(journal, TODAY).facts.open_checkins == 1
        goals.check_in(CheckIn(goal.id, TODAY, CheckState.DONE), TODAY)
        board = dashboard_for_journal(journal, TODAY)
        assert board.facts.open_checkins == 0
        assert "kept 1/" in board.steps[1].line


def test_an_old_check_in_changes_nothing_on_the_dashboard(tmp_path: Path) -> None:
    """What the look-back leaves out really changes no mark (the reason it is left out)."""
    with Journal.open(tmp_path / "journal.json", clock=lambda: NOW) as journal:
        goals = GoalsRepo(journal)
        goal = goals.add("Walk", Area.HEALTH, DAILY, date(2025, 1, 1))
        before = dashboard_for_journal(journal, TODAY)
        old = CheckIn(goal.id, TODAY - timedelta(days=60), CheckState.DONE)
        goals.checkins.put(old)
        assert dashboard_for_journal(journal, TODAY) == before
