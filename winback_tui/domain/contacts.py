"""Contact with the other person, as the user logs it after the fact.

winback never contacts anyone; these records are the user's own notes. They
feed the readiness check (Step 3) and the pacing guard (Step 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Channel(StrEnum):
    """How the contact happened."""

    MESSAGE = "message"
    CALL = "call"
    IN_PERSON = "in person"


class Initiator(StrEnum):
    """Who started it."""

    ME = "me"
    THEM = "them"


class Response(StrEnum):
    """How the other person responded."""

    WARM = "warm"
    NEUTRAL = "neutral"
    COLD = "cold"
    NO_REPLY = "no reply"
    ASKED_FOR_SPACE = "asked for space"
    ASKED_NO_CONTACT = "asked for no contact"

    @property
    def is_boundary(self) -> bool:
        """A request for space or no contact is a boundary, not an obstacle."""
        return self in (Response.ASKED_FOR_SPACE, Response.ASKED_NO_CONTACT)


@dataclass(frozen=True)
class Contact:
    """One logged contact.

    Attributes:
        at: when it happened (timezone-aware).
        channel: message, call or in person.
        initiator: who reached out.
        response: the other person's response.
        how_it_went: the user's own words.
        learned: what the user takes from it.
        id: the journal's id for the record (0 before it is stored).
        slip_trigger: for a slip (see :mod:`winback_tui.domain.streaks`), the
            user's answer to "what set it off?" ("" when not answered).
        slip_next_time: their answer to "what might help next time?".
    """

    at: datetime
    channel: Channel
    initiator: Initiator
    response: Response
    how_it_went: str = ""
    learned: str = ""
    id: int = 0
    slip_trigger: str = ""
    slip_next_time: str = ""
