"""The pacing guard: has the user's outreach turned pushy, or did they ask for no contact?

The rule, in plain words:

* Only the user's own outreach that got no reply counts ("unanswered"). Any
  reply from them (a response other than *no reply*) or a contact they started
  resets the count to zero.
* The user's boundary is at most ``max_unanswered`` unanswered messages in any
  ``window_days`` days (today included). More than that is *pushy*; at the limit
  the guard says to wait and names the earliest respectful day for another
  message.
* When the latest request from them is for space or for no contact, the guard
  says *no contact*, with no date and no countdown: a request like that stands
  until they themselves reach out again (a later contact they started, which is
  not itself such a request). The user's own later contacts, whatever the
  response, never lift it.

Days are local calendar dates (:func:`local_day`), so a window is a number of
calendar days whatever daylight saving time does, and it crosses New Year like
any other night. Contacts dated after ``today`` (a typo, or the clock moved back)
are left out of every count and reported in ``future_ignored`` so the screen can
mention them; a request for space or no contact is honoured whatever its date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from winback_tui.domain.contacts import Contact, Initiator, Response

DEFAULT_WINDOW_DAYS = 7
DEFAULT_MAX_UNANSWERED = 1
#: A window of 0 days would allow unlimited messages; 1 day is the least.
MIN_WINDOW_DAYS = 1
MAX_WINDOW_DAYS = 90
#: More than a few unanswered messages is never "respecting their pace".
MAX_MAX_UNANSWERED = 3

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: date) -> str:
    """A date as ``Thu 19 Mar 2026``, the same in every locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of ``moment`` in ``tz`` (the system's local zone if None)."""
    return moment.astimezone(tz).date()


def _instant(contact: Contact) -> tuple[datetime, int]:
    # Normalised to UTC so aware and (stray) naive datetimes sort together.
    return contact.at.astimezone(UTC), contact.id


#: What the guard says whenever the answer is no contact: no date, no countdown.
NO_CONTACT_MESSAGE = (
    "Please respect it: no messages, calls or visits, and nothing through friends or "
    "family. There is no date to try again; if they want to talk, they will reach out. "
    "Your own growth carries on meanwhile."
)


class PacingKind(StrEnum):
    """What the guard says."""

    OK = "ok"
    PUSHY = "pushy"
    NO_CONTACT = "no_contact"


@dataclass(frozen=True)
class PacingSettings:
    """The user's pacing boundary: at most ``max_unanswered`` in ``window_days`` days."""

    window_days: int = DEFAULT_WINDOW_DAYS
    max_unanswered: int = DEFAULT_MAX_UNANSWERED


class InvalidSetting(ValueError):
    """A pacing setting cannot be used; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def validate_settings(window_days: object, max_unanswered: object) -> PacingSettings:
    """Check settings the user typed; a window of 0 days is refused, not clamped.

    Raises:
        InvalidSetting: not a whole number, or out of range.
    """
    window = _as_int(window_days)
    if window is None or not MIN_WINDOW_DAYS <= window <= MAX_WINDOW_DAYS:
        raise InvalidSetting(
            f"The window is a number of days from {MIN_WINDOW_DAYS} to {MAX_WINDOW_DAYS}. "
            "A window of 0 days would put no limit on messages at all."
        )
    limit = _as_int(max_unanswered)
    if limit is None or not 1 <= limit <= MAX_MAX_UNANSWERED:
        raise InvalidSetting(
            f"Unanswered messages allowed is a number from 1 to {MAX_MAX_UNANSWERED}. "
            "One is the kindest."
        )
    return PacingSettings(window, limit)


def settings_from_stored(window_days: object, max_unanswered: object) -> PacingSettings:
    """Settings read back from the journal, made safe whatever the file holds.

    A missing or unreadable value falls back to the default; a number out of
    range is clamped into range (so a hand-edited window of 0 acts as 1 day).
    """
    window = _as_int(window_days)
    limit = _as_int(max_unanswered)
    return PacingSettings(
        DEFAULT_WINDOW_DAYS if window is None else min(max(window, 1), MAX_WINDOW_DAYS),
        DEFAULT_MAX_UNANSWERED if limit is None else min(max(limit, 1), MAX_MAX_UNANSWERED),
    )


def describe_settings(settings: PacingSettings) -> str:
    """``at most 1 unanswered message in 7 days``."""
    noun = "message" if settings.max_unanswered == 1 else "messages"
    days = "day" if settings.window_days == 1 else "days"
    return f"at most {settings.max_unanswered} unanswered {noun} in {settings.window_days} {days}"


@dataclass(frozen=True)
class PacingStatus:
    """What the pacing guard says today.

    Attributes:
        kind: ``ok``, ``pushy`` or ``no_contact``.
        message: one plain paragraph for the user.
        unanswered: the user's unanswered messages in the window.
        settings: the boundary compared against.
        next_respectful: the earliest respectful day for another message when
            the user is at or past their limit; always None for ``no_contact``
            (there is nothing to count down to).
        future_ignored: how many contacts are dated after today (left out).
        last_contact: the local date of the latest contact up to today, if any.
    """

    kind: PacingKind
    message: str
    unanswered: int = 0
    settings: PacingSettings = PacingSettings()
    next_respectful: date | None = None
    future_ignored: int = 0
    last_contact: date | None = None


def crossed(status: PacingStatus) -> bool:
    """Whether reaching out now would cross a boundary, so Step 3 and the dashboard warn.

    True when outreach is already past the user's limit (``pushy``) and when
    the other person asked for space or no contact (``no_contact``).
    """
    return status.kind in (PacingKind.PUSHY, PacingKind.NO_CONTACT)


def _split(
    contacts: Iterable[Contact], today: date, tz: tzinfo | None
) -> tuple[list[Contact], list[Contact]]:
    """(contacts up to today, contacts dated after today), each in time order."""
    return _split_ordered(sorted(contacts, key=_instant), today, tz)


def _split_ordered(
    ordered: Sequence[Contact], today: date, tz: tzinfo | None
) -> tuple[list[Contact], list[Contact]]:
    """:func:`_split` of contacts already in time order (they are sorted once)."""
    past: list[Contact] = []
    future: list[Contact] = []
    for contact in ordered:
        (future if local_day(contact.at, tz) > today else past).append(contact)
    return past, future


def standing_request(
    contacts: Iterable[Contact], today: date, tz: tzinfo | None = None
) -> Contact | None:
    """The latest request for space or no contact that still stands, if any.

    It stands unless a later contact *they* started (dated up to today) is not
    itself such a request.
    """
    return _standing(sorted(contacts, key=_instant), today, tz)


def _standing(ordered: Sequence[Contact], today: date, tz: tzinfo | None) -> Contact | None:
    """:func:`standing_request` of contacts already in time order."""
    request: Contact | None = None
    for contact in ordered:
        if contact.response.is_boundary:
            request = contact
        elif (
            request is not None
            and contact.initiator is Initiator.THEM
            and local_day(contact.at, tz) <= today
        ):
            request = None
    return request


def _unanswered_run(past: Sequence[Contact], tz: tzinfo | None) -> list[date]:
    """Dates of the user's unanswered messages since their last reply, oldest first."""
    run: list[date] = []
    for contact in past:
        if contact.initiator is Initiator.ME and contact.response is Response.NO_REPLY:
            run.append(local_day(contact.at, tz))
        else:
            run = []  # a reply, or a contact they started, resets the count
    return run


def _in_window(days: Iterable[date], end: date, window_days: int) -> list[date]:
    start = end - timedelta(days=window_days - 1)
    return [d for d in days if start <= d <= end]


def _future_note(count: int) -> str:
    if not count:
        return ""
    noun = "contact is" if count == 1 else "contacts are"
    return (
        f" {count} logged {noun} dated after today and left out of this count;"
        " check the date in Step 3."
    )


def pacing_status(
    contacts: Iterable[Contact],
    today: date,
    settings: PacingSettings = PacingSettings(),
    tz: tzinfo | None = None,
    *,
    no_contact: bool = False,
) -> PacingStatus:
    """Compare the user's recent outreach with their pacing boundary.

    Screens should not call this directly: they read ``Situation.pacing``
    (:func:`winback_tui.domain.situation.situation`), which passes
    ``no_contact`` so the guard agrees with the openness check.

    Args:
        contacts: the contact log, in any order.
        today: the user's local date.
        settings: the boundary; a window below 1 day is treated as 1 day.
        tz: the zone for calendar dates (the system's local zone if None).
        no_contact: no-contact mode holds (a "not open" openness check that
            stands): the answer is no contact, with no date and no countdown,
            whatever the contact log says.
    """
    settings = PacingSettings(max(settings.window_days, 1), max(settings.max_unanswered, 1))
    # Sorted once: the split and the standing request read the same order.
    ordered = sorted(contacts, key=_instant)
    past, future = _split_ordered(ordered, today, tz)
    last = local_day(past[-1].at, tz) if past else None
    unanswered = _in_window(_unanswered_run(past, tz), today, settings.window_days)
    note = _future_note(len(future))

    def status(kind: PacingKind, message: str, respectful: date | None = None) -> PacingStatus:
        return PacingStatus(
            kind,
            message + note,
            unanswered=len(unanswered),
            settings=settings,
            next_respectful=respectful,
            future_ignored=len(future),
            last_contact=last,
        )

    request = _standing(ordered, today, tz)
    if request is not None:
        what = (
            "asked for no contact"
            if request.response is Response.ASKED_NO_CONTACT
            else "asked for space"
        )
        # No date here either: a day named next to "no contact" reads like a
        # countdown, and there is nothing to count down to.
        return status(PacingKind.NO_CONTACT, f"No contact: they {what}. {NO_CONTACT_MESSAGE}")
    if no_contact:
        return status(PacingKind.NO_CONTACT, f"No contact. {NO_CONTACT_MESSAGE}")

    limit = settings.max_unanswered
    rule = describe_settings(settings)
    if len(unanswered) >= limit:
        # The next message is respectful once the limit-th most recent unanswered
        # one has left the window.
        oldest_kept = sorted(unanswered, reverse=True)[limit - 1]
        respectful = oldest_kept + timedelta(days=settings.window_days)
        when = format_day(respectful)
        if len(unanswered) > limit:
            message = (
                f"Time to pause. You have sent {len(unanswered)} messages without a reply "
                f"in the last {settings.window_days} days; your boundary is {rule}. "
                f"More than that can feel like pressure. The earliest respectful day for "
                f"another message is {when}, and silence is an answer too."
            )
            kind = PacingKind.PUSHY
        else:
            waiting = "Your last message has" if limit == 1 else f"{limit} messages have"
            message = (
                f"{waiting} no reply yet, which is all your boundary ({rule}) allows. "
                f"Let it rest: the earliest respectful day for another is {when}. "
                "Silence can be an answer too."
            )
            kind = PacingKind.OK
        return status(kind, message, respectful)

    if not past:
        message = "No contact logged, so there is nothing to pace."
    elif unanswered:
        message = (
            f"Within your boundary ({rule}): {len(unanswered)} unanswered so far in the "
            f"last {settings.window_days} days."
        )
    else:
        message = f"Within your boundary ({rule}): nothing is waiting for a reply."
    return status(PacingKind.OK, message)


def days_since_last_contact(
    contacts: Iterable[Contact], today: date, tz: tzinfo | None = None
) -> int | None:
    """Whole calendar days since the latest contact up to today (None if none)."""
    past, _ = _split(contacts, today, tz)
    if not past:
        return None
    return (today - local_day(past[-1].at, tz)).days


def pushing_days(
    contacts: Iterable[Contact],
    today: date,
    settings: PacingSettings = PacingSettings(),
    tz: tzinfo | None = None,
) -> list[date]:
    """Days on which the user's outreach crossed their boundary, oldest first.

    A day counts when a message took the unanswered count in its window past
    the limit, or when the user reached out while a request for space or no
    contact stood. Contacts dated after today are left out.
    """
    window = max(settings.window_days, 1)
    limit = max(settings.max_unanswered, 1)
    past, _ = _split(contacts, today, tz)
    found: list[date] = []
    run: list[date] = []
    request = False
    for contact in past:
        day = local_day(contact.at, tz)
        mine = contact.initiator is Initiator.ME
        if mine and request:
            found.append(day)
        if contact.response.is_boundary:
            request, run = True, []
            continue
        if not mine:
            request, run = False, []
            continue
        if contact.response is not Response.NO_REPLY:
            run = []
            continue
        run.append(day)
        if len(_in_window(run, day, window)) > limit:
            found.append(day)
    return sorted(set(found))


@dataclass(frozen=True)
class Milestone:
    """A stretch of patience worth marking."""

    days: int
    title: str
    text: str
    reached: bool


#: Patience milestones: they celebrate the user's steadiness and self-work,
#: never a reunion.
MILESTONES: tuple[tuple[int, str, str], ...] = (
    (7, "A week", "A week at your own pace. That steadiness is something you built."),
    (30, "A month", "A month of patience. Look at what you have put into your own life."),
    (
        90,
        "Three months",
        "Three months. The calm you practise is yours to keep, whatever happens next.",
    ),
)


def patient_days(
    contacts: Iterable[Contact],
    today: date,
    since: date,
    settings: PacingSettings = PacingSettings(),
    tz: tzinfo | None = None,
) -> int:
    """Whole days the user has kept their pace: since ``since`` or the last push.

    Args:
        since: when the user started (e.g. the day their boundaries were set).
    """
    start = since
    pushes = pushing_days(contacts, today, settings, tz)
    if pushes:
        start = max(start, pushes[-1])
    return max((today - start).days, 0)


def milestones(days: int) -> list[Milestone]:
    """Every patience milestone, each marked reached or not for ``days`` of patience."""
    return [Milestone(d, title, text, days >= d) for d, title, text in MILESTONES]
