"""The urge log: "I want to reach out", written down instead of sent.

An urge is noted with when, how strong (1-5), what set it off and what the
user did instead. Noting one starts a short pause (default
:data:`DEFAULT_PAUSE_MINUTES`) with better moves offered meanwhile. An urge that
passes without contact is a win, and is counted as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

STRENGTH_MIN = 1
STRENGTH_MAX = 5
DEFAULT_PAUSE_MINUTES = 10
MIN_PAUSE_MINUTES = 1
MAX_PAUSE_MINUTES = 120
MAX_NOTE = 500

#: Common triggers (stable ids, stored) with how they read.
TRIGGERS: tuple[tuple[str, str], ...] = (
    ("lonely", "Feeling lonely"),
    ("memory", "A memory, a song or a place"),
    ("their-post", "Something they posted or someone mentioned"),
    ("night", "Late at night"),
    ("drink", "After a drink"),
    ("special-day", "A special day (a birthday, an anniversary)"),
    ("bad-day", "A hard day"),
    ("other", "Something else"),
)
TRIGGER_IDS = frozenset(trigger for trigger, _ in TRIGGERS)

#: Better moves offered during the pause (ids the screen maps to its actions).
ALTERNATIVES: tuple[tuple[str, str], ...] = (
    ("letter", "Write a letter you will never send"),
    ("journal", "Write in today's journal"),
    ("reasons", "Read your own reasons again (your Step 1 answers)"),
    ("support", "Reach for support: a friend, a counsellor, a helpline"),
)


class Outcome(StrEnum):
    """How an urge ended (stable values: stored)."""

    PENDING = "pending"  # still in the pause, or not answered yet
    PASSED = "passed"  # it passed without contact: a win
    CONTACTED = "contacted"  # the user reached out after all (no blame)


class UrgeError(ValueError):
    """Input an urge cannot be kept with; ``str(error)`` is the message to show."""


@dataclass(frozen=True)
class Urge:
    """One logged urge.

    Attributes:
        at: when the user noted it (timezone-aware).
        strength: 1 (a flicker) to 5 (overwhelming).
        trigger: one of :data:`TRIGGER_IDS`.
        trigger_note: the user's own words about what set it off.
        instead: what they did instead.
        outcome: pending, passed (a win) or contacted.
        pause_minutes: the pause length in force when it was noted.
        id: the journal's id (0 before it is stored).
    """

    at: datetime
    strength: int
    trigger: str = "other"
    trigger_note: str = ""
    instead: str = ""
    outcome: Outcome = Outcome.PENDING
    pause_minutes: int = DEFAULT_PAUSE_MINUTES
    id: int = 0

    @property
    def is_win(self) -> bool:
        """Whether it passed without contact."""
        return self.outcome is Outcome.PASSED


def _clean(text: str) -> str:
    return text.strip()


def new_urge(
    at: datetime,
    strength: int,
    trigger: str = "other",
    trigger_note: str = "",
    instead: str = "",
    pause_minutes: int = DEFAULT_PAUSE_MINUTES,
) -> Urge:
    """A checked new urge (the global "I want to reach out" key makes one).

    Raises:
        UrgeError: strength outside 1-5, an unknown trigger, or a note too long.
    """
    if isinstance(strength, bool) or not STRENGTH_MIN <= strength <= STRENGTH_MAX:
        raise UrgeError(f"How strong is it? A number from {STRENGTH_MIN} to {STRENGTH_MAX}.")
    if trigger not in TRIGGER_IDS:
        raise UrgeError("Choose what set it off from the list, or 'Something else'.")
    for note in (trigger_note, instead):
        if len(note) > MAX_NOTE:
            raise UrgeError(
                f"Keep a note to {MAX_NOTE} characters; the rest can go in the journal."
            )
    return Urge(
        at,
        strength,
        trigger,
        _clean(trigger_note),
        _clean(instead),
        pause_minutes=pause_from_setting(pause_minutes),
    )


def settle(urge: Urge, outcome: Outcome, instead: str | None = None) -> Urge:
    """The urge with how it ended (and, if given, what the user did instead)."""
    return replace(
        urge, outcome=outcome, instead=urge.instead if instead is None else _clean(instead)
    )


def pause_from_setting(value: object) -> int:
    """The stored pause length, or the default when missing or out of range."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_PAUSE_MINUTES <= value <= MAX_PAUSE_MINUTES
    ):
        return value
    return DEFAULT_PAUSE_MINUTES


def pause_left(urge: Urge, now: datetime) -> timedelta:
    """Time left in the urge's pause (zero once it is over; the screen shows it)."""
    return max(urge.at + timedelta(minutes=urge.pause_minutes) - now, timedelta(0))


def describe_pause(left: timedelta) -> str:
    """The time left in words, rounded up: ``7 min`` or ``1 min 30 s`` under two minutes."""
    seconds = max(0, int(left.total_seconds() + 0.999))
    if seconds == 0:
        return "the pause is over"
    if seconds < 120:
        minutes, rest = divmod(seconds, 60)
        return f"{minutes} min {rest} s" if minutes else f"{rest} s"
    return f"{-(-seconds // 60)} min"


def passed_quietly(urge: Urge, my_contacts: Iterable[datetime], now: datetime) -> bool:
    """Whether a pending urge passed without contact: its pause is over and the
    user started no contact between noting it and ``now``.

    Such an urge counts as a win without anyone having to say so.
    """
    if urge.outcome is not Outcome.PENDING or pause_left(urge, now):
        return False
    return not any(urge.at <= moment <= now for moment in my_contacts)


def wins(urges: Iterable[Urge]) -> int:
    """How many urges passed without contact."""
    return sum(1 for urge in urges if urge.is_win)


def wins_line(urges: Iterable[Urge]) -> str:
    """One kind line for the dashboard, e.g. ``3 urges passed without contact``."""
    count = wins(urges)
    if count == 0:
        return "Each urge you ride out is a win. They pass, even the strong ones."
    noun = "urge" if count == 1 else "urges"
    return f"{count} {noun} passed without contact. Each one is a win."
