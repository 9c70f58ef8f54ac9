"""Unsent drafts, the cooling-off pause, and the contact form's time field (Step 3).

winback never sends a draft. Marking one "ready" only records that the user
waited, reread it and read the tone findings; sending, if ever, is theirs to do
outside the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from winback_tui.domain.reflections import ReflectionVersion, keeps_version, with_version
from winback_tui.domain.words import plural

DEFAULT_COOLING_OFF_MINUTES = 10
#: At least a minute: the pause is the point. At most a day.
MIN_COOLING_OFF_MINUTES = 1
MAX_COOLING_OFF_MINUTES = 24 * 60
MAX_TITLE = 80
DEFAULT_TITLE = "Untitled draft"
TIME_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Draft:
    """One unsent message.

    Attributes:
        title: the user's name for it.
        text: the current text.
        created_at: when it was started.
        edited_at: when its text last changed (the cooling-off counts from here).
        versions: earlier texts, oldest first, at least one per editing session.
        ready_at: when the user marked it ready, or None.
        id: the journal's id (0 before it is stored).
        rest_minutes: the cooling-off length in force when it last started
            resting (its last edit). A later change of the setting applies to
            new rests only, so a resting draft's pause is never shortened.
            None for drafts saved before this was kept: the setting applies.
    """

    title: str
    text: str
    created_at: datetime
    edited_at: datetime
    versions: tuple[ReflectionVersion, ...] = field(default_factory=tuple)
    ready_at: datetime | None = None
    id: int = 0
    rest_minutes: int | None = None


def clean_title(title: str) -> str:
    """A title on one line, trimmed and cut to :data:`MAX_TITLE` characters."""
    tidy = " ".join(title.split())
    return tidy[:MAX_TITLE] if tidy else DEFAULT_TITLE


def new_draft(title: str, now: datetime, rest_minutes: int | None = None) -> Draft:
    """A new empty draft; ``rest_minutes`` is the cooling-off length in force now."""
    return Draft(clean_title(title), "", created_at=now, edited_at=now, rest_minutes=rest_minutes)


def edit_draft(
    draft: Draft,
    text: str,
    now: datetime,
    *,
    new_session: bool = False,
    rest_minutes: int | None = None,
) -> Draft:
    """Apply a save of ``text`` at ``now``.

    Like a reflection, each editing session keeps the text as it stood as a
    version (see :func:`~winback_tui.domain.reflections.keeps_version`). Any
    change clears "ready": a changed draft needs its pause again, with the
    cooling-off length in force now (``rest_minutes``; None keeps the draft's
    own). Identical text changes nothing.
    """
    if text == draft.text:
        return draft
    versions = draft.versions
    if keeps_version(draft.text, draft.edited_at, text, now, new_session=new_session):
        versions = with_version(versions, draft.edited_at, draft.text)
    rest = draft.rest_minutes if rest_minutes is None else rest_minutes
    return replace(
        draft, text=text, edited_at=now, versions=versions, ready_at=None, rest_minutes=rest
    )


def rest_length(draft: Draft, minutes: int) -> int:
    """The draft's own cooling-off length, or the setting ``minutes`` for an older draft."""
    return draft.rest_minutes if draft.rest_minutes is not None else minutes


def cooling_off_left(draft: Draft, now: datetime, minutes: int) -> timedelta:
    """How long until the draft can be marked ready (zero when it can be now).

    Args:
        minutes: the current setting; used only for a draft that keeps no
            length of its own (see :attr:`Draft.rest_minutes`).
    """
    left = draft.edited_at + timedelta(minutes=rest_length(draft, minutes)) - now
    return max(left, timedelta(0))


def ready_time(draft: Draft, minutes: int) -> datetime:
    """The moment the cooling-off pause ends (``minutes``: the setting, for older drafts)."""
    return draft.edited_at + timedelta(minutes=rest_length(draft, minutes))


def describe_wait(left: timedelta) -> str:
    """A rounded-up wait in words: "1 minute", "7 minutes", "2 h 5 min"."""
    minutes = max(1, -(-int(left.total_seconds()) // 60))
    if minutes < 60:
        return plural(minutes, "minute", "minutes")
    return f"{minutes // 60} h {minutes % 60} min"


def parse_cooling_off(text: str) -> int:
    """Read the pause length typed by the user, in minutes.

    Raises:
        ValueError: not a whole number in range; the message says so.
    """
    value = text.strip()
    if not value.isdecimal():
        raise ValueError("The pause needs a whole number of minutes, like 10.")
    minutes = int(value)
    if not MIN_COOLING_OFF_MINUTES <= minutes <= MAX_COOLING_OFF_MINUTES:
        raise ValueError(
            f"Choose between {MIN_COOLING_OFF_MINUTES} and {MAX_COOLING_OFF_MINUTES} minutes "
            "(a day)."
        )
    return minutes


def cooling_off_from_setting(value: object) -> int:
    """The stored setting, or the default when it is missing or damaged."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_COOLING_OFF_MINUTES <= value <= MAX_COOLING_OFF_MINUTES
    ):
        return value
    return DEFAULT_COOLING_OFF_MINUTES


def parse_contact_time(text: str) -> datetime:
    """Read a contact's time typed as ``YYYY-MM-DD HH:MM`` (or just ``YYYY-MM-DD``).

    Returns:
        A naive local time; the caller attaches the local zone.

    Raises:
        ValueError: the text is not such a date; the message shows the form.
    """
    value = " ".join(text.split())
    for form in (TIME_FORMAT, "%Y-%m-%d"):
        try:
            return datetime.strptime(value, form)
        except ValueError:
            continue
    raise ValueError("Type the time as YYYY-MM-DD HH:MM, for example 2026-03-12 18:30.")


def check_not_future(when: datetime, now: datetime) -> None:
    """Refuse a contact dated after now (the log records what already happened).

    Raises:
        ValueError: ``when`` is later than ``now`` by more than a minute.
    """
    if when - now > timedelta(minutes=1):
        raise ValueError(
            "That time is in the future. The log is for contact that already happened."
        )
