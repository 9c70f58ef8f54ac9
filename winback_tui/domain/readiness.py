"""Is the user ready to reach out, and should Step 3 offer reaching out at all?

:func:`assess_readiness` is honest, never a lock: it lists what is missing and
why it matters, and the user can still write drafts. :func:`reconnect_mode`
decides between the reconnect tools and the moving-forward path: a "not open"
verdict or a standing request for space or no contact turns Step 3 toward
letting go.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date
from enum import StrEnum

from winback_tui.domain.contacts import Contact, Initiator, Response
from winback_tui.domain.openness import Verdict
from winback_tui.domain.words import plural

#: Self-improvement counts as under way with a check-in this recently (days, today included).
RECENT_DAYS = 14
#: Each mindset rating runs from 1 (not at all) to 5 (very).
MINDSET_MIN = 1
MINDSET_MAX = 5
#: Every one of the three ratings must be at least this: 3 is "steady enough".
#: One low score is enough to wait: a message written while shaky, unsure or
#: agitated tends to carry exactly that.
MINDSET_THRESHOLD = 3


class Mode(StrEnum):
    """What Step 3 offers."""

    RECONNECT = "reconnect"
    MOVING_FORWARD = "moving-forward"


@dataclass(frozen=True)
class Mindset:
    """The user's own rating of how they feel today, each 1-5.

    Attributes:
        day: the local date of the rating (one per day).
        positive: how positive they feel.
        confident: how confident they feel.
        calm: how calm they feel.
    """

    day: date
    positive: int
    confident: int
    calm: int

    def low(self) -> list[str]:
        """The names of ratings below the threshold, in order."""
        pairs = (("positive", self.positive), ("confident", self.confident), ("calm", self.calm))
        return [name for name, value in pairs if value < MINDSET_THRESHOLD]


@dataclass(frozen=True)
class ReadinessItem:
    """One condition of readiness.

    Attributes:
        id: a stable id (``reflected``, ``openness``, ``growth``, ``mindset``, ``boundaries``).
        title: a few words naming it.
        met: whether it holds today.
        detail: what is there, or what is missing, in plain words.
        why: why it matters.
    """

    id: str
    title: str
    met: bool
    detail: str
    why: str


@dataclass(frozen=True)
class Readiness:
    """The readiness check: every item, met or not.

    Attributes:
        items: every item, in order.
        no_contact: no-contact mode holds (see :mod:`winback_tui.domain.situation`);
            the summary then says the answer is no contact.
    """

    items: tuple[ReadinessItem, ...]
    no_contact: bool = False

    @property
    def missing(self) -> list[ReadinessItem]:
        """The items not met yet."""
        return [item for item in self.items if not item.met]

    @property
    def ready(self) -> bool:
        """Whether every item is met."""
        return not self.missing

    @property
    def summary(self) -> str:
        """One honest sentence; it never forbids writing, and never names a day."""
        if self.no_contact:
            return (
                "For now the answer is no contact, so this is not a time to reach out. "
                "Letters you write here stay unsent: writing can still help you."
            )
        if self.ready:
            return (
                "You look steady and prepared. If you write, go gently, and leave them free "
                "to answer or not."
            )
        count = len(self.missing)
        things = "one thing" if count == 1 else f"{count} things"
        return (
            f"{things.capitalize()} to look at before reaching out. You can still write "
            "drafts here: writing is not sending."
        )


def _recent(dates: Iterable[date], today: date) -> list[date]:
    """Dates within the last :data:`RECENT_DAYS` days, today included (future ones ignored)."""
    return [d for d in dates if 0 <= (today - d).days < RECENT_DAYS]


def assess_readiness(
    *,
    step1_done: bool,
    openness: Verdict | None,
    checkin_dates: Iterable[date],
    mindset: Mindset | None,
    boundary_crossed: bool,
    today: date,
    no_contact: bool = False,
) -> Readiness:
    """Check readiness to reach out from what the journal knows (Step 3's readiness panel).

    "Unclear" openness is not a ticked item: only "open" is. Pass
    ``no_contact=Situation.no_contact`` so the check agrees with the rest of the
    app; the openness item then says so and the summary names no-contact mode.

    Args:
        step1_done: every Step 1 reflection has an answer.
        openness: the latest openness verdict from Step 1 (None before any check).
        checkin_dates: days with a Step 2 check-in done (any goal).
        mindset: today's mindset rating, if the user gave one (an older one is ignored).
        boundary_crossed: Step 4's pacing guard says a boundary is crossed now.
        today: the local date.
        no_contact: no-contact mode holds.

    Returns:
        Every item with whether it is met and why it matters.
    """
    items: list[ReadinessItem] = []
    items.append(
        ReadinessItem(
            "reflected",
            "Step 1 reflections",
            step1_done,
            "Every Step 1 reflection has an answer."
            if step1_done
            else "Some Step 1 reflections are still empty.",
            "Understanding what went wrong, and your part in it, is what lets you speak "
            "about it without blame.",
        )
    )
    if no_contact:
        open_met, open_detail = (
            False,
            "They asked for distance, or are not open to contact. That answer stands "
            "until they reach out themselves.",
        )
    elif openness is None:
        open_met, open_detail = False, "You have not taken the openness check in Step 1 yet."
    elif openness is Verdict.NOT_OPEN:
        open_met, open_detail = False, "The latest check says they are not open to contact."
    elif openness is Verdict.UNCLEAR:
        # Not ticked: "not a no" is not an invitation.
        open_met, open_detail = (
            False,
            "The latest check is unclear: not a no, but not an invitation either.",
        )
    else:
        open_met, open_detail = True, "The latest check says contact seems welcome."
    items.append(
        ReadinessItem(
            "openness",
            "Their openness",
            open_met,
            open_detail,
            "Contact only helps if it is welcome; their wishes come before your hopes.",
        )
    )
    recent = _recent(checkin_dates, today)
    items.append(
        ReadinessItem(
            "growth",
            "Self-improvement under way",
            bool(recent),
            f"{plural(len(recent), 'check-in day', 'check-in days')} in the last "
            f"{RECENT_DAYS} days."
            if recent
            else f"No Step 2 check-ins in the last {RECENT_DAYS} days.",
            "Growth you keep up for your own sake steadies you whatever they answer.",
        )
    )
    if mindset is None or mindset.day != today:
        mind_met, mind_detail = False, "You have not rated your mindset today (press m)."
    elif mindset.low():
        mind_met = False
        mind_detail = "Lower today: " + ", ".join(mindset.low()) + "."
    else:
        mind_met, mind_detail = True, "You feel positive, confident and calm enough today."
    items.append(
        ReadinessItem(
            "mindset",
            "Your mindset today",
            mind_met,
            mind_detail,
            "A message carries the mood it was written in; a calm day makes a kinder one.",
        )
    )
    items.append(
        ReadinessItem(
            "boundaries",
            "Your boundaries",
            not boundary_crossed,
            "A boundary from Step 4 is crossed right now."
            if boundary_crossed
            else "No boundary from Step 4 is crossed.",
            "Respecting their pace is what keeps contact from becoming pressure.",
        )
    )
    return Readiness(tuple(items), no_contact=no_contact)


def standing_boundary(contacts: Sequence[Contact]) -> Response | None:
    """The request for space or no contact that still stands, if any.

    It stands until the other person reaches out again themselves with a contact
    that is not such a request; the user's own later contacts never lift it (the
    same reading as Step 4's pacing guard).
    """
    request: Response | None = None
    for contact in sorted(contacts, key=lambda c: (c.at.astimezone(UTC), c.id)):
        if contact.response.is_boundary:
            request = contact.response
        elif contact.initiator is Initiator.THEM:
            request = None
    return request


def reconnect_mode(
    latest_verdict: Verdict | None, latest_contact_response: Response | None
) -> Mode:
    """Whether Step 3 offers reaching out or the moving-forward path.

    Args:
        latest_verdict: the latest openness verdict (None before any check).
        latest_contact_response: the response that stands from the contact log
            (see :func:`standing_boundary`), or None.

    Returns:
        ``moving-forward`` when they are not open or asked for space or no
        contact; ``reconnect`` otherwise.
    """
    if latest_verdict is Verdict.NOT_OPEN:
        return Mode.MOVING_FORWARD
    if latest_contact_response is not None and latest_contact_response.is_boundary:
        return Mode.MOVING_FORWARD
    return Mode.RECONNECT


def moving_forward_reason(
    latest_verdict: Verdict | None, latest_contact_response: Response | None
) -> str:
    """Why Step 3 shows the moving-forward path, in kind words ("" in reconnect mode)."""
    if latest_contact_response is Response.ASKED_NO_CONTACT:
        return "They asked for no contact. Honouring that is a way of caring for them."
    if latest_contact_response is Response.ASKED_FOR_SPACE:
        return "They asked for space. Giving it fully is the kind thing to do for now."
    if latest_verdict is Verdict.NOT_OPEN:
        return "Your openness check in Step 1 says they are not open to contact now."
    return ""
