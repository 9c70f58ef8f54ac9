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
    if current.text and now.date() != current.edited_at.date():
        versions = (*versions, ReflectionVersion(current.edited_at, current.text))
    return replace(current, text=text, edited_at=now, versions=versions)


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def word_count(text: str) -> int:
    """Count words the way a reader would: runs of letters or digits, any script."""
    return len(_WORD.findall(text))
