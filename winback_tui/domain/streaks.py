"""Days without contact, and slips without shame.

What counts as "contact" here: a logged contact **the user started** (any
channel, any answer). Their reaching out is theirs to decide, so it never breaks
the user's count. Contacts dated after ``today`` are left out.

A **slip** is a contact the user started while a no-contact hold stood (see
:mod:`winback_tui.domain.situation`) or while their pacing boundary was already
reached (as many unanswered messages in the window as it allows). A slip asks
two gentle questions and never scolds; it restarts the current count and keeps
everything else: the longest stretch and the total stay as they were.

A day without contact is a calendar day from the start up to today (today
included, so far) on which the user started no contact.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from winback_tui.domain.contacts import Contact, Initiator
from winback_tui.domain.openness import OpennessCheck
from winback_tui.domain.pacing import PacingSettings, local_day, pacing_status
from winback_tui.domain.situation import hold_at, holds_before

#: The two questions a slip asks, gently.
SLIP_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("trigger", "What set it off?"),
    ("next_time", "What might help next time?"),
)

#: What the app says when a slip is logged: it names it, and does not scold.
SLIP_MESSAGE = (
    "That was a slip, and slips are part of this. Nothing you built is lost: your "
    "longest stretch and your total days stay. Only today's count starts again."
)

_DEFAULT_SETTINGS = PacingSettings()


def _mine(contacts: Iterable[Contact], today: date, tz: tzinfo | None) -> list[Contact]:
    return sorted(
        (c for c in contacts if c.initiator is Initiator.ME and local_day(c.at, tz) <= today),
        key=lambda c: (c.at.astimezone(UTC), c.id),
    )


def is_slip(
    contact: Contact,
    contacts: Sequence[Contact],
    checks: Sequence[OpennessCheck],
    settings: PacingSettings = _DEFAULT_SETTINGS,
    tz: tzinfo | None = None,
) -> bool:
    """Whether ``contact`` was a slip (Step 3's contact form asks the slip questions then).

    Args:
        contact: the contact, as logged (it may or may not be in ``contacts``).
        contacts: the whole contact log.
        checks: every openness check.
        settings: the pacing boundary.
        tz: the zone for calendar dates.
    """
    if contact.initiator is not Initiator.ME:
        return False
    if hold_at(checks, contacts, contact.at, tz) is not None:
        return True
    moment = contact.at.astimezone(UTC)
    before = [c for c in contacts if c.at.astimezone(UTC) < moment and c is not contact]
    day = local_day(contact.at, tz)
    status = pacing_status(before, day, settings, tz)
    return status.unanswered >= status.settings.max_unanswered


def slips(
    contacts: Sequence[Contact],
    checks: Sequence[OpennessCheck],
    today: date,
    settings: PacingSettings = _DEFAULT_SETTINGS,
    tz: tzinfo | None = None,
) -> list[Contact]:
    """Every slip up to today, oldest first (Step 4 lists them with their answers).

    The contacts :func:`is_slip` finds, without asking it once per contact (on
    years of contacts that replayed the whole log thousands of times): the
    holds come from one replay (:func:`holds_before`), and the pacing count of
    each contact reads only the contacts of its window (a count of unanswered
    messages in the window; what came before it cannot change which of those
    are still unanswered). ``tests/unit/test_streaks.py`` checks it against
    :func:`is_slip`.
    """
    mine = _mine(contacts, today, tz)
    if not mine:
        return []
    holds = holds_before(checks, contacts, [c.at for c in mine], tz)
    ordered = sorted(contacts, key=_instant)
    instants = [c.at.astimezone(UTC) for c in ordered]
    # Every contact whose day can be in the window, with a day to spare for zones.
    reach = timedelta(days=max(settings.window_days, 1) + 2)
    found: list[Contact] = []
    for contact, hold in zip(mine, holds, strict=True):
        if hold is None:
            moment = contact.at.astimezone(UTC)
            recent = ordered[bisect_left(instants, moment - reach) : bisect_left(instants, moment)]
            status = pacing_status(recent, local_day(contact.at, tz), settings, tz)
            if status.unanswered < status.settings.max_unanswered:
                continue
        found.append(contact)
    return found


def _instant(contact: Contact) -> tuple[datetime, int]:
    return contact.at.astimezone(UTC), contact.id


@dataclass(frozen=True)
class NoContactCounts:
    """Days without contact, as the dashboard and Step 4 show them.

    Attributes:
        start: the first day counted (the journal's start).
        current: whole days in the stretch that runs up to today (0 if the
            user reached out today). A day counts once it is over, so today
            is not counted yet and a slip today takes away nothing counted.
        longest: the longest stretch so far (the current one included).
        total: every day without contact since the start.
        days_since_last: whole days since the user's last contact, or None.
    """

    start: date
    current: int
    longest: int
    total: int
    days_since_last: int | None

    def line(self) -> str:
        """One line for the dashboard."""
        if self.total == 0 and self.days_since_last is None:
            return "each whole day without contact you start is counted here"
        days = "day" if self.current == 1 else "days"
        return (
            f"{self.current} {days} without contact · longest {self.longest} · {self.total} in all"
        )


def no_contact_counts(
    contacts: Iterable[Contact], start: date, today: date, tz: tzinfo | None = None
) -> NoContactCounts:
    """Count days without contact the user started, from ``start`` to ``today``.

    A contact before ``start`` moves the start back to its day, so nothing is
    counted twice or hidden. A ``start`` after ``today`` (a clock moved back)
    counts from today.
    """
    return no_contact_counts_at(
        (c.at for c in contacts if c.initiator is Initiator.ME), start, today, tz
    )


def no_contact_counts_at(
    moments: Iterable[datetime], start: date, today: date, tz: tzinfo | None = None
) -> NoContactCounts:
    """:func:`no_contact_counts`, given only when each contact the user started happened."""
    # local_day inlined: years of contacts are thousands of moments, and a few hundred days.
    days = {at.astimezone(tz).date() for at in moments}
    contact_days = sorted(day for day in days if day <= today)
    start = min([start, *contact_days[:1], today])
    # A day counts once it is over without contact the user started: today is
    # still open, so a slip today takes nothing away that was already counted.
    # Counted by the gaps between contact days, not day by day: a journal of
    # decades has tens of thousands of days and a few hundred contact days.
    before_today = [d for d in contact_days if d < today]
    total = (today - start).days - len(before_today)
    run = longest = 0
    previous = start - timedelta(days=1)  # the gap before the first day counts from start
    for day in before_today:
        longest = max(longest, (day - previous).days - 1)
        previous = day
    run = (today - previous).days - 1  # the stretch up to yesterday
    longest = max(longest, run)
    if contact_days and contact_days[-1] == today:
        run = 0
    since = (today - contact_days[-1]).days if contact_days else None
    return NoContactCounts(start, run, longest, total, since)
