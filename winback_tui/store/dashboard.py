"""Everything the home dashboard shows, read from an open journal in one go.

The marks, the notice, the suggestion and the lines under Step 1 and Step 4
share the contact log, the openness checks, the situation and the days
without contact: each is read or derived once here, not once per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from winback_tui.domain.openness import OpennessCheck
from winback_tui.domain.progress import DashboardFacts, StepProgress, step_marks
from winback_tui.domain.readiness import Mode
from winback_tui.domain.streaks import NoContactCounts, no_contact_counts_at
from winback_tui.store.goals import open_today_titles
from winback_tui.store.home_log import home_log
from winback_tui.store.journal import Journal
from winback_tui.store.progress import progress_inputs
from winback_tui.store.situation import journal_start, situation_for_journal


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard shows on one day.

    Attributes:
        steps: the four marks (:func:`~winback_tui.store.progress.progress_for_journal`).
        facts: what the notice and the suggestion are made of.
        latest_openness: the newest openness check, or None before the first.
        counts: days without contact since the journal's start.
    """

    steps: tuple[StepProgress, ...]
    facts: DashboardFacts
    latest_openness: OpennessCheck | None
    counts: NoContactCounts


def dashboard_for_journal(journal: Journal, today: date) -> Dashboard:
    """The dashboard on ``today`` (usually ``journal.now().astimezone().date()``).

    The same marks and facts as asking
    :func:`~winback_tui.store.progress.progress_for_journal`,
    :func:`~winback_tui.store.situation.situation_for_journal`,
    :func:`~winback_tui.store.goals.step2_summary` and
    :func:`~winback_tui.store.situation.no_contact_counts_for_journal` one by one.
    """
    tz = journal.now().astimezone().tzinfo
    # Only the contacts and checks that decide what home shows, when a summary says which.
    log = home_log(journal, today)
    contacts, checks = log.contacts, log.checks
    now = (
        situation_for_journal(journal, today)  # the same log, kept for the steps too
        if log.whole
        else situation_for_journal(journal, today, contacts=contacts, checks=checks)
    )
    counts = no_contact_counts_at(log.mine, journal_start(journal, today), today, tz)
    steps = tuple(
        step_marks(
            progress_inputs(
                journal, today, contacts=contacts, checks=checks, now=now, counts=counts
            )
        )
    )
    facts = DashboardFacts(
        steps=steps,
        openness_checked=bool(checks),
        moving_forward=now.step3_mode is Mode.MOVING_FORWARD,
        pacing_crossed=now.boundary_crossed,
        pacing_message=now.pacing.message,
        open_checkins=len(open_today_titles(journal, today)),
        no_contact=now.no_contact,
        no_contact_reason=now.reason,
    )
    return Dashboard(steps, facts, checks[-1] if checks else None, counts)
