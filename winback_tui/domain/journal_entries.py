"""Daily journal entries: free writing with a mood and an optional step tag.

A local day can hold several entries (written in the app with ``n``, or from
the shell with ``winback write``), each with its own text, step tag, times and
versions; the mood belongs to the day (the daily check-in). An entry's text
keeps a version per editing session, exactly like a reflection's (the rule
lives in :func:`winback_tui.domain.reflections.record_edit` and is reused here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from winback_tui.domain.reflections import Reflection, ReflectionVersion, record_edit

MOODS = (1, 2, 3, 4, 5)
STEPS = (1, 2, 3, 4)

#: How each mood reads, so it never depends on colour.
MOOD_WORDS: dict[int, str] = {
    1: "very low",
    2: "low",
    3: "so-so",
    4: "good",
    5: "very good",
}


class EntryError(ValueError):
    """A value the journal cannot keep (the message is for the user)."""


@dataclass(frozen=True)
class Entry:
    """One journal entry of a day.

    Attributes:
        day: the local calendar day it belongs to.
        text: the current text.
        created_at: when it was first saved.
        edited_at: when its text last changed (versions are kept by this day).
        mood: 1 (very low) to 5 (very good), or None when not given.
        step: the program step it is about (1-4), or None.
        versions: earlier texts, oldest first, at least one per editing session.
        id: the journal's id (0 before it is stored, and for a day that has
            only a mood).
    """

    day: date
    text: str
    created_at: datetime
    edited_at: datetime
    mood: int | None = None
    step: int | None = None
    versions: tuple[ReflectionVersion, ...] = field(default_factory=tuple)
    id: int = 0


def in_order(entries: Iterable[Entry]) -> list[Entry]:
    """Entries oldest first: by day, then by when each was started (then by id)."""
    # By timestamp: an imported record with a naive time still compares.
    return sorted(entries, key=lambda e: (e.day, e.created_at.timestamp(), e.id))


def validate_mood(mood: int | None) -> int | None:
    """Return ``mood`` when it is 1-5 or None.

    Raises:
        EntryError: anything else.
    """
    if mood is None:
        return None
    if isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOODS:
        raise EntryError("A mood is a number from 1 (very low) to 5 (very good).")
    return mood


def validate_step(step: int | None) -> int | None:
    """Return ``step`` when it is 1-4 or None.

    Raises:
        EntryError: anything else.
    """
    if step is None:
        return None
    if isinstance(step, bool) or not isinstance(step, int) or step not in STEPS:
        raise EntryError("A step tag is a step number from 1 to 4, or none.")
    return step


def new_entry(day: date, now: datetime) -> Entry:
    """An empty entry for ``day``, not stored yet."""
    return Entry(day, "", created_at=now, edited_at=now)


def edit_text(entry: Entry, text: str, now: datetime, *, new_session: bool = False) -> Entry:
    """Apply a save of ``text`` at ``now``; the same text changes nothing.

    Like a reflection's, each editing session keeps the text as it stood as a
    version (see :func:`~winback_tui.domain.reflections.keeps_version`).
    """
    as_reflection = Reflection(
        0, entry.day.isoformat(), entry.text, entry.created_at, entry.edited_at, entry.versions
    )
    updated = record_edit(
        as_reflection, 0, entry.day.isoformat(), text, now, new_session=new_session
    )
    if updated is as_reflection:
        return entry
    return replace(entry, text=updated.text, edited_at=now, versions=updated.versions)


def set_mood(entry: Entry, mood: int | None) -> Entry:
    """The entry with another mood (validated); the same mood changes nothing."""
    mood = validate_mood(mood)
    if mood == entry.mood:
        return entry
    return replace(entry, mood=mood)


def set_step(entry: Entry, step: int | None) -> Entry:
    """The entry with another step tag (validated); the same tag changes nothing."""
    step = validate_step(step)
    if step == entry.step:
        return entry
    return replace(entry, step=step)


def is_blank(entry: Entry) -> bool:
    """Whether the entry holds nothing worth keeping yet."""
    return not entry.text and entry.mood is None and entry.step is None and not entry.versions


def mood_label(mood: int | None) -> str:
    """The mood in characters, e.g. ``mood 4/5 (good)`` or ``no mood``."""
    if mood is None:
        return "no mood"
    return f"mood {mood}/5 ({MOOD_WORDS[mood]})"
