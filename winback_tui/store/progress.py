"""The dashboard's marks for an open journal: each step's real work, gathered in one place."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from winback_tui import program
from winback_tui.domain.boundaries import keeping_rate
from winback_tui.domain.contacts import Contact
from winback_tui.domain.goals import CheckState
from winback_tui.domain.openness import OpennessCheck
from winback_tui.domain.progress import (
    CHECKIN_LOOK_BACK_DAYS,
    RECENT_BOUNDARY_DAYS,
    ProgressInputs,
    StepProgress,
    step_marks,
)
from winback_tui.domain.readiness import assess_readiness
from winback_tui.domain.situation import Situation
from winback_tui.domain.streaks import NoContactCounts, no_contact_counts
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.reconnect import MindsetRepo
from winback_tui.store.situation import journal_start, situation_for_journal


def progress_inputs(
    journal: Journal,
    today: date,
    *,
    contacts: Sequence[Contact] | None = None,
    checks: Sequence[OpennessCheck] | None = None,
    now: Situation | None = None,
    counts: NoContactCounts | None = None,
) -> ProgressInputs:
    """Everything the four marks are made of, read from ``journal`` (read-only is fine).

    Only what a mark shows is read: the check-ins of the last
    :data:`~winback_tui.domain.progress.CHECKIN_LOOK_BACK_DAYS` days, and no
    readiness in no-contact mode (Step 3's mark then has none).

    Args:
        journal: the open journal.
        today: the local date.
        contacts, checks, now, counts: the contact log, the openness checks,
            the situation and the days without contact (from the journal's
            start), when the caller has them already (the dashboard does).
    """
    tz = journal.now().astimezone().tzinfo
    answered = tuple(
        frozenset(r.prompt_id for r in journal.reflections(step.number) if r.text.strip())
        for step in program.STEPS
    )
    assessment = AssessmentRepo(journal)
    if now is None:
        # The journal's own log is read through the memo; a caller's log as given.
        own_log = contacts is None and checks is None
        now = (
            situation_for_journal(journal, today)
            if own_log
            else situation_for_journal(journal, today, contacts=contacts, checks=checks)
        )
    if checks is None:
        checks = assessment.openness_checks()
    if contacts is None:
        contacts = ContactsRepo(journal).all()
    if counts is None:
        counts = no_contact_counts(contacts, journal_start(journal, today), today, tz)
    goals = GoalsRepo(journal)
    checkins = goals.checkins.since(today - timedelta(days=CHECKIN_LOOK_BACK_DAYS))
    readiness = None
    if not now.no_contact:
        step1 = [p.id for p in program.step(1).prompts]
        readiness = assess_readiness(
            step1_done=all(p in answered[0] for p in step1),
            openness=now.verdict,
            checkin_dates=[c.day for c in checkins if c.state is CheckState.DONE],
            mindset=MindsetRepo(journal).on(today),
            boundary_crossed=now.boundary_crossed,
            today=today,
            no_contact=now.no_contact,
        )
    boundaries = BoundariesRepo(journal)
    ticks: dict[int, list[date]] = {}
    for tick in boundaries.ticks():
        ticks.setdefault(tick.boundary_id, []).append(tick.day)
    rates = tuple(
        keeping_rate(b.created, ticks.get(b.id, []), today, RECENT_BOUNDARY_DAYS)
        for b in boundaries.all()
    )
    return ProgressInputs(
        titles=(
            program.step(1).title,
            program.step(2).title,
            program.step(3).title,
            program.step(4).title,
        ),
        prompts=tuple(tuple(p.id for p in step.prompts) for step in program.STEPS),
        answered=answered,
        moving_forward_prompts=tuple(p.id for p in program.MOVING_FORWARD_PROMPTS),
        issues_marked=assessment.marked_count(),
        openness_checked=bool(checks),
        goals=tuple(goals.all()),
        checkins=tuple(checkins),
        situation=now,
        readiness=readiness,
        drafts_written=DraftsRepo(journal).written_count(),
        boundary_rates=rates,
        # The same count the dashboard and Step 4 show (from the journal's start).
        recent_contact=counts,
        today=today,
    )


def progress_for_journal(journal: Journal, today: date) -> list[StepProgress]:
    """The dashboard's four marks on ``today`` (usually ``journal.now().astimezone().date()``)."""
    return step_marks(progress_inputs(journal, today))
