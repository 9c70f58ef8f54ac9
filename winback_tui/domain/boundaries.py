"""Step 4's boundaries: what the user promises themselves, and how often they kept it.

A boundary here is the user's own commitment about how they behave (respect the
other person's pace, accept a no…). Each day they can tick the ones they kept;
the keeping rate looks back at most 30 days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from winback_tui.domain.words import plural

#: The longest boundary accepted. A boundary is a promise you can hold in your
#: head; longer thoughts belong in the reflections. Longer text is refused with
#: a message (never cut), so nothing typed is lost.
MAX_BOUNDARY_LENGTH = 300

#: How far back the keeping rate looks, in days (today included).
RATE_WINDOW_DAYS = 30


def default_boundary_texts(window_days: int = 7, max_unanswered: int = 1) -> tuple[str, ...]:
    """The boundaries a new journal starts with, in the order shown.

    Args:
        window_days: the pacing window the "unanswered messages" boundary names.
        max_unanswered: how many unanswered messages that boundary allows.
    """
    days = "day" if window_days == 1 else f"{window_days} days"
    count = "one message" if max_unanswered == 1 else f"{max_unanswered} messages"
    return (
        "I let them set the pace; I do not rush them.",
        "I do not turn up where they are without being invited.",
        "I do not reach them through friends or family.",
        "When they say no, I take it as their answer.",
        f"At most {count} without a reply in any {days}; then I wait.",
        "No pressure, no deadlines, no ultimatums.",
        "I keep working on myself, whatever they decide.",
    )


#: The default boundaries with the default pacing window (7 days, one message).
DEFAULT_BOUNDARIES: tuple[str, ...] = default_boundary_texts()

#: The boundaries Step 4 adds once when no-contact mode begins: in that mode the
#: answer is no contact, so a limit on messages would read as permission.
NO_CONTACT_BOUNDARIES: tuple[str, ...] = (
    "I do not message, call or write to them; the letters I write stay here.",
    "I do not look them up or check their profiles.",
    "If they reach out, I answer kindly and let them lead.",
)


def is_message_limit(text: str) -> bool:
    """Whether ``text`` is the default "at most N messages without a reply" boundary.

    It is set aside (kept, not shown) while no-contact mode holds: no number of
    messages is the right number then.
    """
    return text.startswith("At most ") and text.endswith("; then I wait.")


@dataclass(frozen=True)
class Boundary:
    """One boundary on the checklist.

    Attributes:
        id: the journal's id for the record (0 before it is stored).
        text: the user's words, one line.
        position: where it sits in the list (lower first; ties by id).
        created: the local date it was added (the keeping rate starts there).
    """

    id: int
    text: str
    position: int
    created: date


@dataclass(frozen=True)
class KeptTick:
    """The user kept boundary ``boundary_id`` on ``day`` (a local date)."""

    boundary_id: int
    day: date


class InvalidBoundary(ValueError):
    """A boundary's text cannot be saved; ``message`` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def clean_text(text: str) -> str:
    """The text as it is stored: one line, no leading or trailing blanks.

    Line breaks (a paste) become spaces, because a checklist item is one line.
    """
    return " ".join(text.split())


def validate_text(text: str) -> str:
    """Check a boundary's text and return it cleaned (see :func:`clean_text`).

    Raises:
        InvalidBoundary: the text is empty or longer than
            :data:`MAX_BOUNDARY_LENGTH` characters.
    """
    cleaned = clean_text(text)
    if not cleaned:
        raise InvalidBoundary("A boundary needs a few words. Write what you promise yourself.")
    if len(cleaned) > MAX_BOUNDARY_LENGTH:
        raise InvalidBoundary(
            f"A boundary can be up to {MAX_BOUNDARY_LENGTH} characters; this one has "
            f"{len(cleaned):,}. Try the heart of it in one sentence, and put the rest "
            "in a reflection. Your text is still here."
        )
    return cleaned


def ordered(boundaries: Iterable[Boundary]) -> list[Boundary]:
    """The boundaries in display order: by position, then by id (ties stay stable)."""
    return sorted(boundaries, key=lambda b: (b.position, b.id))


def moved(boundaries: Iterable[Boundary], boundary_id: int, offset: int) -> list[Boundary]:
    """Move one boundary ``offset`` places (``-1`` up, ``1`` down) and renumber.

    Returns:
        Every boundary in the new order with positions ``0..n-1``. Moving past
        either end leaves the order as it was (still renumbered).
    """
    items = ordered(boundaries)
    index = next((i for i, b in enumerate(items) if b.id == boundary_id), None)
    if index is not None:
        target = min(max(index + offset, 0), len(items) - 1)
        item = items.pop(index)
        items.insert(target, item)
    return [Boundary(b.id, b.text, position, b.created) for position, b in enumerate(items)]


@dataclass(frozen=True)
class KeepingRate:
    """How often a boundary was kept lately.

    Attributes:
        kept: distinct days ticked within the window.
        days: days in the window: from the later of the day it was created and
            29 days ago, up to and including today (at least 1).
    """

    kept: int
    days: int

    @property
    def ratio(self) -> float:
        """``kept / days`` between 0 and 1."""
        return self.kept / self.days

    def describe(self) -> str:
        """The note under the item, e.g. ``kept 21/30 days``."""
        return f"kept {self.kept}/{plural(self.days, 'day', 'days')}"


def keeping_rate(
    created: date, kept_days: Iterable[date], today: date, window: int = RATE_WINDOW_DAYS
) -> KeepingRate:
    """The last ``window`` days' keeping rate of one boundary.

    The window runs from ``max(created, today - (window - 1))`` to ``today``,
    both included, so a boundary added today reads ``0/1`` until ticked and one
    older than the window reads out of ``window`` days. Ticks outside the
    window (older, or after ``today`` when the clock moved back) are not
    counted; a day ticked twice counts once. A ``created`` date after ``today``
    (clock moved back) gives a one-day window (today).
    """
    window = max(window, 1)
    start = min(max(created, today - timedelta(days=window - 1)), today)
    kept = {day for day in kept_days if start <= day <= today}
    return KeepingRate(kept=len(kept), days=(today - start).days + 1)
