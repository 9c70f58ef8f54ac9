"""Reflections: one answer per prompt, with the history of how it changed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ReflectionVersion:
    """An earlier text of an answer, as it stood when an editing session began."""

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
        versions: earlier texts, oldest first, at least one per editing session.
    """

    step: int
    prompt_id: str
    text: str
    created_at: datetime
    edited_at: datetime
    versions: tuple[ReflectionVersion, ...] = field(default_factory=tuple)


#: A pause in saving at least this long ends one editing session: the next save
#: keeps the text as it stood as a version.
SESSION_GAP = timedelta(minutes=5)


def keeps_version(
    before: str,
    edited_at: datetime,
    after: str,
    now: datetime,
    *,
    new_session: bool = False,
) -> bool:
    """Whether saving ``after`` over ``before`` keeps ``before`` as a version.

    Every editing session leaves a version, so a slip can be undone later, after
    a restart too. A save starts a new session when it is the first one since
    the person entered the editor (``new_session``: the store knows, see
    ``Journal.begin_editing_session``), on a new calendar day, or after a pause
    of :data:`SESSION_GAP`.
    """
    if not before or after == before:
        return False
    if new_session:
        return True
    # Days are the user's calendar days: compare in the time zone of ``now``.
    if now.date() != edited_at.astimezone(now.tzinfo).date():
        return True
    return now - edited_at >= SESSION_GAP


def with_version(
    versions: tuple[ReflectionVersion, ...], saved_at: datetime, text: str
) -> tuple[ReflectionVersion, ...]:
    """``versions`` with ``text`` added as the newest, unless it is the newest already."""
    if versions and versions[-1].text == text:
        return versions
    return (*versions, ReflectionVersion(saved_at, text))


def record_edit(
    current: Reflection | None,
    step: int,
    prompt_id: str,
    text: str,
    now: datetime,
    *,
    new_session: bool = False,
) -> Reflection:
    """Apply a save of ``text`` at ``now`` and return the new reflection.

    The text as it stood is kept as a version whenever :func:`keeps_version`
    says so: at least one version per editing session. Saving identical text
    changes nothing.
    """
    if current is None:
        return Reflection(step, prompt_id, text, created_at=now, edited_at=now)
    if text == current.text:
        return current
    versions = current.versions
    if keeps_version(current.text, current.edited_at, text, now, new_session=new_session):
        versions = with_version(versions, current.edited_at, current.text)
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
