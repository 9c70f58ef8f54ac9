"""Where the user stands: the one view every screen reads before it talks about contact.

:func:`situation` derives it from the openness checks, the contact log and the
pacing boundary. No screen keeps a rule of its own about whether, or when,
contact is all right: the dashboard, Step 3, Step 4 and the help texts all ask
this module.

The rule for **no-contact mode**, in plain words:

* It starts with a "not open" openness check (Step 1), or with a logged contact
  in which they asked for space or for no contact (Step 3).
* It is lifted only by a later logged contact that *they* started, which is not
  itself such a request. The user taking the openness check again, however it
  comes out, does not lift it; nor does any contact the user started, whatever
  the answer.
* While it holds there is no date, countdown or "next message" anywhere:
  :attr:`Situation.next_message_day` is always None, Step 3 offers only letters
  that are never sent, and the pacing guard says plainly that the answer is no
  contact.

Contacts dated after ``today`` (a typo, or a clock moved back) never lift the
mode; a request for space or no contact is honoured whatever its date, as the
pacing guard does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from operator import itemgetter

from winback_tui.domain.contacts import Contact, Initiator, Response
from winback_tui.domain.openness import OpennessCheck, Signal, Verdict
from winback_tui.domain.pacing import (
    MAX_WINDOW_DAYS,
    PacingKind,
    PacingSettings,
    PacingStatus,
    crossed,
    local_day,
    pacing_status,
)
from winback_tui.domain.readiness import Mode

_DEFAULT_SETTINGS = PacingSettings()


class Hold(StrEnum):
    """Why no-contact mode holds (stable ids)."""

    ASKED_NO_CONTACT = "asked-no-contact"
    ASKED_FOR_SPACE = "asked-for-space"
    NOT_OPEN = "not-open"


class HoldSource(StrEnum):
    """Where the hold came from."""

    OPENNESS_CHECK = "openness-check"
    CONTACT = "contact"


#: Kind words for each hold: no dates, no countdown, no blame.
HOLD_REASONS: dict[Hold, str] = {
    Hold.ASKED_NO_CONTACT: (
        "They asked for no contact. Honouring that is a way of caring for them, and for you."
    ),
    Hold.ASKED_FOR_SPACE: (
        "They asked for space. Giving it fully, without checking in, is the kind thing to do."
    ),
    Hold.NOT_OPEN: (
        "Your honest check says they are not open to contact. Letting them be is the "
        "caring choice, and your own life is where your energy can go now."
    ),
}

#: How the mode can end, said once, gently.
HOW_IT_LIFTS = (
    "Only their reaching out to you themselves changes this (log it in Step 3); a new "
    "check does not, because the answer is theirs to give."
)

#: Shown when the user retook the check after the hold and it came out otherwise.
RETAKE_NOTE = (
    "You took the check again since then. Hoping for a different answer is human; the "
    "answer that counts is the one they gave, until they reach out themselves."
)

#: Shown once their own reaching out has lifted the mode.
LIFTED_NOTE = (
    "They reached out to you themselves after asking for distance, so the no-contact "
    "pause is over. Go gently, let them set the pace, and remember they can change "
    "their mind."
)


@dataclass(frozen=True)
class Situation:
    """The one view of where the user stands today.

    Attributes:
        no_contact: no-contact mode holds (see the module's rule).
        hold: why it holds (None when it does not).
        source: whether the hold came from an openness check or a logged contact.
        reason: kind plain words for the user, with no dates ("" when no hold).
        how_it_lifts: how the mode can end ("" when no hold).
        retake_ignored: the user retook the check after the hold and it said
            something else; screens explain kindly with :data:`RETAKE_NOTE`.
        lifted_by_them: a hold existed and a contact they started lifted it.
        lift_note: words for that ("" when not lifted).
        verdict: the latest openness verdict (None before any check).
        openness_ticked: the readiness item "their openness" holds: the latest
            verdict is open and no hold stands ("unclear" is not ticked).
        pacing: the pacing guard's status, already made consistent with the
            mode (kind ``no_contact`` and no date while it holds).
        boundary_crossed: reaching out now would cross a boundary (true in
            no-contact mode and when outreach is past the user's limit).
        next_message_day: the earliest respectful day for another message, only
            when the user is at or past their limit outside no-contact mode;
            always None in no-contact mode.
        step3_mode: what Step 3 offers (moving forward while the mode holds).
        drafts_may_be_ready: whether Step 3 may offer "ready" at all; False in
            no-contact mode, where drafts are letters that are never sent.
    """

    no_contact: bool
    hold: Hold | None
    source: HoldSource | None
    reason: str
    how_it_lifts: str
    retake_ignored: bool
    lifted_by_them: bool
    lift_note: str
    verdict: Verdict | None
    openness_ticked: bool
    pacing: PacingStatus
    boundary_crossed: bool
    next_message_day: date | None
    step3_mode: Mode
    drafts_may_be_ready: bool


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _check_hold(check: OpennessCheck) -> Hold | None:
    if check.result.verdict is not Verdict.NOT_OPEN:
        return None
    if Signal.ASKED_NO_CONTACT in check.signals or Signal.BLOCKED in check.signals:
        return Hold.ASKED_NO_CONTACT
    if Signal.ASKED_FOR_SPACE in check.signals and not any(
        s in check.signals for s in (Signal.SAID_ITS_OVER, Signal.NEW_PARTNER)
    ):
        return Hold.ASKED_FOR_SPACE
    return Hold.NOT_OPEN


def _contact_hold(contact: Contact) -> Hold | None:
    if contact.response is Response.ASKED_NO_CONTACT:
        return Hold.ASKED_NO_CONTACT
    if contact.response is Response.ASKED_FOR_SPACE:
        return Hold.ASKED_FOR_SPACE
    return None


@dataclass(frozen=True)
class _Walk:
    hold: Hold | None
    source: HoldSource | None
    retake_ignored: bool
    lifted: bool


_Event = tuple[datetime, int, int, "OpennessCheck | Contact"]


def _events(checks: Iterable[OpennessCheck], contacts: Iterable[Contact]) -> list[_Event]:
    """Checks and contacts in the order :func:`_walk` replays them."""
    # At the same instant a contact comes after a check: a check taken while
    # logging the answer they just gave should not hide that answer.
    events: list[_Event] = []
    for check in checks:
        events.append((_utc(check.at), 0, check.id, check))
    for contact in contacts:
        events.append((_utc(contact.at), 1, contact.id, contact))
    events.sort(key=itemgetter(0, 1, 2))
    return events


class _Replay:
    """What stands after the events replayed so far (see :func:`_walk`)."""

    def __init__(self) -> None:
        self.hold: Hold | None = None
        self.source: HoldSource | None = None
        self.retake = self.lifted = False

    def apply(self, event: OpennessCheck | Contact, today: date, tz: tzinfo | None) -> None:
        if isinstance(event, OpennessCheck):
            found = _check_hold(event)
            if found is not None:
                self.hold, self.source = found, HoldSource.OPENNESS_CHECK
                self.retake = self.lifted = False
            elif self.hold is not None:
                self.retake = True  # a kinder-looking retake never lifts the hold
            return
        found = _contact_hold(event)
        if found is not None:
            self.hold, self.source = found, HoldSource.CONTACT
            self.retake = self.lifted = False
        elif (
            self.hold is not None
            and event.initiator is Initiator.THEM
            and local_day(event.at, tz) <= today
        ):
            self.hold, self.source, self.retake, self.lifted = None, None, False, True


def _walk(
    checks: Iterable[OpennessCheck],
    contacts: Iterable[Contact],
    today: date,
    tz: tzinfo | None,
    until: datetime | None = None,
) -> _Walk:
    """Replay checks and contacts in time order and see what stands at the end.

    Args:
        until: only events strictly before this moment (for "did a hold stand
            when this contact happened?"); None means everything up to today.
    """
    state = _Replay()
    end = _utc(until) if until is not None else None
    for moment, _, _, event in _events(checks, contacts):
        if end is not None and moment >= end:
            break
        state.apply(event, today, tz)
    return _Walk(state.hold, state.source, state.retake, state.lifted)


def hold_at(
    checks: Iterable[OpennessCheck],
    contacts: Iterable[Contact],
    moment: datetime,
    tz: tzinfo | None = None,
) -> Hold | None:
    """The no-contact hold that stood just before ``moment``, if any.

    Used to tell whether a contact the user started was a slip (see
    :mod:`winback_tui.domain.streaks`).
    """
    day = moment.astimezone(tz).date()
    return _walk(checks, contacts, day, tz, until=moment).hold


def holds_before(
    checks: Iterable[OpennessCheck],
    contacts: Iterable[Contact],
    moments: Sequence[datetime],
    tz: tzinfo | None = None,
) -> list[Hold | None]:
    """:func:`hold_at` of each of ``moments`` (earliest first), in one replay.

    Years of contacts made Step 4 replay the whole log once per contact the
    user started (a minute on ten years of them). The same answers, in one
    pass: each event is replayed once, as the first moment after it is
    reached. (Its "was it up to today" reads that moment's day; later moments'
    days are never earlier, except where a clock change turns the local date
    back across midnight.)
    """
    events = _events(checks, contacts)
    state = _Replay()
    found: list[Hold | None] = []
    at = 0
    for moment in moments:
        end = _utc(moment)
        day = moment.astimezone(tz).date()
        while at < len(events) and events[at][0] < end:
            state.apply(events[at][3], day, tz)
            at += 1
        found.append(state.hold)
    return found


def situation(
    checks: Sequence[OpennessCheck],
    contacts: Sequence[Contact],
    today: date,
    settings: PacingSettings = _DEFAULT_SETTINGS,
    tz: tzinfo | None = None,
) -> Situation:
    """Derive where the user stands today; every screen reads this.

    The dashboard shows :attr:`Situation.reason` and the pacing message; Step 1
    explains :attr:`Situation.how_it_lifts` under the check; Step 3 chooses its
    mode and whether drafts may be marked ready; Step 4 shows the pacing guard
    and, in no-contact mode, the no-contact boundaries. Screens should reach it
    through :func:`winback_tui.store.situation.situation_for_journal`.

    Args:
        checks: every openness check taken, in any order.
        contacts: the contact log, in any order.
        today: the user's local date.
        settings: the user's pacing boundary.
        tz: the zone for calendar dates (the system's local zone if None).
    """
    walk = _walk(checks, contacts, today, tz)
    latest = max(checks, key=lambda c: (_utc(c.at), c.id), default=None)
    verdict = latest.result.verdict if latest is not None else None
    no_contact = walk.hold is not None
    pacing = pacing_status(contacts, today, settings, tz, no_contact=no_contact)
    next_day = None if no_contact else pacing.next_respectful
    return Situation(
        no_contact=no_contact,
        hold=walk.hold,
        source=walk.source,
        reason=HOLD_REASONS[walk.hold] if walk.hold is not None else "",
        how_it_lifts=HOW_IT_LIFTS if no_contact else "",
        retake_ignored=walk.retake_ignored,
        lifted_by_them=walk.lifted and not no_contact,
        lift_note=LIFTED_NOTE if walk.lifted and not no_contact else "",
        verdict=verdict,
        openness_ticked=verdict is Verdict.OPEN and not no_contact,
        pacing=pacing,
        boundary_crossed=no_contact or crossed(pacing),
        next_message_day=next_day,
        step3_mode=Mode.MOVING_FORWARD if no_contact else Mode.RECONNECT,
        drafts_may_be_ready=not no_contact,
    )


def is_no_contact(status: PacingStatus) -> bool:
    """Whether a pacing status is the no-contact answer (for code holding only the status)."""
    return status.kind is PacingKind.NO_CONTACT


#: A summary of the contact log (:func:`deciding_contacts`) holds for this many
#: days before the moment it was made, and every day after.
_SETTLED = timedelta(days=2)


def summary_holds(made: datetime, today: date) -> bool:
    """Whether a log summarised at ``made`` (:func:`deciding_contacts`) holds on ``today``."""
    return today >= (_utc(made) - timedelta(days=1)).date()


def deciding_contacts(
    checks: Sequence[OpennessCheck], contacts: Sequence[Contact], made: datetime
) -> list[Contact]:
    """The contacts that decide the situation from ``made`` on, in the log's order.

    For every ``today`` on which :func:`summary_holds` (``made``'s day and
    every later one, in any zone), any pacing settings of at most
    :data:`~winback_tui.domain.pacing.MAX_WINDOW_DAYS` days and any ``tz``,
    ``situation(checks, kept, ...)`` equals ``situation(checks, contacts, ...)``
    (``tests/unit/test_dashboard_partial.py``). Kept: every contact from the
    earliest of

    - the latest request for space or no contact (the hold and the pacing
      guard's standing request start again there: what came before it no
      longer counts), or without one the latest "not open" check;
    - the latest contact settled before ``made`` (two days before it, so
      dated up to ``today`` in any zone): the last contact the guard names;
    - the longest pacing window before that day (older unanswered messages
      are out of every window; a reply older still only resets those).

    A contact dated after any of these is kept whatever it is: it may still
    lie in the future, or lift a hold.
    """
    settled = _utc(made) - _SETTLED
    starts = [settled - timedelta(days=MAX_WINDOW_DAYS + 1)]
    requests = [_utc(c.at) for c in contacts if _contact_hold(c) is not None]
    holds = [_utc(c.at) for c in checks if _check_hold(c) is not None]
    if requests:
        starts.append(max(requests))
    elif holds:
        starts.append(max(holds))
    before = [moment for c in contacts if (moment := _utc(c.at)) < settled]
    if before:
        starts.append(max(before))
    start = min(starts)
    return [c for c in contacts if _utc(c.at) >= start]


def deciding_checks(
    checks: Sequence[OpennessCheck], contacts: Sequence[Contact]
) -> list[OpennessCheck]:
    """The openness checks that decide the situation beside ``contacts``, in the given order.

    ``situation(kept, contacts, ...)`` equals ``situation(checks, contacts,
    ...)`` on every day, in every zone, whatever the pacing settings; and so
    it does beside :func:`deciding_contacts` of the same log, which keeps the
    request for space or no contact this looks at
    (``tests/unit/test_situation_summary.py``). Kept:

    - the latest check (its verdict is the one the situation reports);
    - every check from the latest event that sets a hold on its own, a "not
      open" check or a request for space or no contact, whatever came before
      it: the replay starts again there, so nothing earlier changes what
      stands after it. Without such an event no check changes the hold: a
      check only sets one, or (a retake) marks one that stands.
    """
    if not checks:
        return []
    latest = max(checks, key=lambda c: (_utc(c.at), c.id))
    resets = [_utc(c.at) for c in checks if _check_hold(c) is not None]
    resets += [_utc(c.at) for c in contacts if _contact_hold(c) is not None]
    start = max(resets, default=None)
    return [c for c in checks if c is latest or (start is not None and _utc(c.at) >= start)]
