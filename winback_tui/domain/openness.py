"""Is the other person open to contact? An honest check of the signals.

The rule (:func:`assess_openness`) is filled in with Step 1; the types here are
shared by Step 3, the dashboard and the pacing guard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Verdict(StrEnum):
    """The outcome of the check."""

    OPEN = "open"
    UNCLEAR = "unclear"
    NOT_OPEN = "not open"


class Signal(StrEnum):
    """Things the user can say are true right now (stable ids: stored in the journal)."""

    ASKED_NO_CONTACT = "asked-no-contact"
    ASKED_FOR_SPACE = "asked-for-space"
    BLOCKED = "blocked"
    NEW_PARTNER = "new-partner"
    SAID_ITS_OVER = "said-its-over"
    NO_REPLY_LATELY = "no-reply-lately"
    REPLIED_WARMLY = "replied-warmly"
    REACHED_OUT_FIRST = "reached-out-first"
    SUGGESTED_MEETING = "suggested-meeting"
    ASKED_ABOUT_ME = "asked-about-me"


@dataclass(frozen=True)
class OpennessResult:
    """A verdict and the reasons that led to it, in the user's terms."""

    verdict: Verdict
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class OpennessCheck:
    """One taking of the check, kept with its date.

    Attributes:
        at: when the user took it.
        signals: what they said was true.
        result: the verdict with its reasons.
        id: the journal's id (0 before it is stored).
    """

    at: datetime
    signals: frozenset[Signal]
    result: OpennessResult
    id: int = field(default=0, compare=False)
