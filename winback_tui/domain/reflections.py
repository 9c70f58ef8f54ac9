"""Reflections: one answer per prompt, with the history of how it changed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime


@dataclass(frozen=True)
class ReflectionVersion:
    """An earlier text of an answer, as it stood at the end of one day."""

    saved_at: datetime
    text: str


@dataclass(frozen=True)
class Reflection:
    """The user's answer to one prompt of one step.

    Attributes:
        step: the program step (1-4), or 0 for entries not tied to a step.
        prompt_id: the stable id of the prompt in ``program.py``.
        text: the current answer.
        created_at: when the first text was saved.
        edited_at: when the text last changed.
        versions: earlier texts, oldest first, at most one per calendar day.
    """

    step: int
    prompt_id: str
    text: str
    created_at: datetime
    edited_at: datetime
    versions: tuple[ReflectionVersion, ...] = field(default_factory=tuple)


def record_edit(
    current: Reflection | None, step: int, prompt_id: str, text: str, now: datetime
) -> Reflection:
    """Apply a save of ``text`` at ``now`` and return the new reflection.

    The first save on a new day keeps the text as it stood before as a version,
    so there is at least one version per day the answer was edited. Saves within
    the same day only move the current text on. Saving identical text changes
    nothing.
    """
    if current is None:
        return Reflection(step, prompt_id, text, created_at=now, edited_at=now)
    if text == current.text:
        return current
    versions = current.versions
    # Days are the user's calendar days: compare in the time zone of ``now``.
    if current.text and now.date() != current.edited_at.astimezone(now.tzinfo).date():
        versions = (*versions, ReflectionVersion(current.edited_at, current.text))
    return replace(current, text=text, edited_at=now, versions=versions)


# Combining marks (accents typed as separate code points, Indic vowel signs,
# Hebrew and Arabic points) belong to the word they sit on; ``\w`` alone would
# split words at them.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
    "\u0981-\u0983\u09bc-\u09d7\u0a01-\u0a03\u0a3c-\u0a51\u0b01-\u0b03\u0bbe-\u0bcd"
    "\u0c00-\u0c04\u0c3e-\u0c56\u0d00-\u0d03\u0d3e-\u0d4d\u0e31\u0e34-\u0e3a"
    "\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_PART = f"[\\w{_MARKS}]+"
_WORD = re.compile(f"{_PART}(?:['’]{_PART})*")


def word_count(text: str) -> int:
    """Count words the way a reader would: runs of letters or digits, any script."""
    return len(_WORD.findall(text))
