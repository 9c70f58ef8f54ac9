"""The situation for an open journal: what every screen reads before it talks about contact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from winback_tui.domain.contacts import Contact
from winback_tui.domain.gate import BoundaryState, boundary_states
from winback_tui.domain.openness import OpennessCheck
from winback_tui.domain.situation import Situation, situation
from winback_tui.domain.streaks import NoContactCounts, is_slip, no_contact_counts, slips
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.memo import per_revision
from winback_tui.store.schema import META_TABLE


def situation_for_journal(
    journal: Journal,
    today: date,
    *,
    contacts: Sequence[Contact] | None = None,
    checks: Sequence[OpennessCheck] | None = None,
) -> Situation:
    """Where the user stands today, read from the journal (every screen calls this).

    The dashboard, Step 1 (under the openness check), Step 3 and Step 4 call it
    on each refresh instead of combining openness, contacts and pacing
    themselves.

    Args:
        journal: the open journal (read-only is fine).
        today: the local date, usually ``journal.now().astimezone().date()``.
        contacts: every logged contact, when the caller has already read them.
        checks: every openness check, when the caller has already read them.
    """
    tz = journal.now().astimezone().tzinfo
    settings = BoundariesRepo(journal).settings()  # pinned ones too: part of the key
    if contacts is None and checks is None:
        # The journal's own log: derived once per revision, day, zone and boundary.
        return per_revision(
            journal,
            ("situation", today, tz, settings),
            lambda: situation(
                AssessmentRepo(journal).openness_checks(),
                ContactsRepo(journal).all(),
                today,
                settings,
                tz,
            ),
            tables=(AssessmentRepo.TABLE, ContactsRepo.TABLE),
        )
    if contacts is None:
        contacts = ContactsRepo(journal).all()
    if checks is None:
        checks = AssessmentRepo(journal).openness_checks()
    return situation(checks, contacts, today, settings, tz)


class BoundaryCrossedError(ValueError):
    """A boundary the pacing guard says is crossed today cannot be ticked as kept today.

    ``message`` is the gentle reason to show.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def boundary_states_for_journal(journal: Journal, today: date) -> dict[int, BoundaryState]:
    """Each boundary's crossed-today state, by id (Step 4's checklist shows it)."""
    contacts = ContactsRepo(journal).all()
    checks = AssessmentRepo(journal).openness_checks()
    now_situation = situation_for_journal(journal, today, contacts=contacts, checks=checks)
    repo = BoundariesRepo(journal)
    tz = journal.now().astimezone().tzinfo
    return boundary_states(repo.all(), now_situation, contacts, checks, today, repo.settings(), tz)


def tick_kept(journal: Journal, boundary_id: int, today: date, kept: bool) -> None:
    """Tick (or untick) a boundary as kept today, refusing a crossed one (Step 4's ``space``).

    Unticking is always allowed.

    Raises:
        BoundaryCrossedError: the guard says it is crossed today; nothing changed.
        KeyError: no such boundary.
        JournalReadOnlyError, JournalWriteError: nothing changed.
    """
    if kept:
        state = boundary_states_for_journal(journal, today).get(boundary_id)
        if state is not None and state.crossed:
            raise BoundaryCrossedError(state.reason)
    BoundariesRepo(journal).set_kept(boundary_id, today, kept)


def journal_start(journal: Journal, today: date) -> date:
    """The day the journal was started (when days without contact are counted from)."""
    for _, doc in journal._documents(META_TABLE):
        created = doc.get("created")
        if isinstance(created, str):
            try:
                return datetime.fromisoformat(created).astimezone(journal.now().tzinfo).date()
            except ValueError:
                break
    return today


def no_contact_counts_for_journal(journal: Journal, today: date) -> NoContactCounts:
    """Days without contact, longest stretch and total (the dashboard and Step 4 show them)."""
    tz = journal.now().astimezone().tzinfo
    return no_contact_counts(ContactsRepo(journal).all(), journal_start(journal, today), today, tz)


def slips_for_journal(journal: Journal, today: date) -> list[Contact]:
    """Every slip so far, with the user's answers (Step 4's slips list)."""
    tz = journal.now().astimezone().tzinfo
    return slips(
        ContactsRepo(journal).all(),
        AssessmentRepo(journal).openness_checks(),
        today,
        BoundariesRepo(journal).settings(),
        tz,
    )


def contact_is_slip(journal: Journal, contact: Contact) -> bool:
    """Whether a contact being logged is a slip, so the form asks its two gentle questions."""
    tz = journal.now().astimezone().tzinfo
    return is_slip(
        contact,
        ContactsRepo(journal).all(),
        AssessmentRepo(journal).openness_checks(),
        BoundariesRepo(journal).settings(),
        tz,
    )
