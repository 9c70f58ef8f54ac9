"""What the situation allows today: marking a draft ready, ticking a boundary as kept.

Both rules read the one :class:`~winback_tui.domain.situation.Situation`, so
Step 3 and Step 4 can never disagree with the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum

from winback_tui.domain.boundaries import Boundary, default_boundary_texts
from winback_tui.domain.contacts import Contact, Initiator
from winback_tui.domain.openness import OpennessCheck, Verdict
from winback_tui.domain.pacing import (
    MAX_MAX_UNANSWERED,
    MAX_WINDOW_DAYS,
    PacingSettings,
    local_day,
    pushing_days,
)
from winback_tui.domain.readiness import Readiness
from winback_tui.domain.reconnect import Draft, cooling_off_left, describe_wait
from winback_tui.domain.situation import Situation, hold_at

_DEFAULT_SETTINGS = PacingSettings()


class BlockKind(StrEnum):
    """Why a draft cannot be marked ready (stable ids)."""

    NO_CONTACT = "no-contact"
    EMPTY = "empty"
    BOUNDARY = "boundary"
    OPENNESS = "openness"
    MINDSET = "mindset"
    RESTING = "resting"


@dataclass(frozen=True)
class Block:
    """One thing that keeps a draft from "ready".

    Attributes:
        kind: which rule.
        reason: what is so now, in plain words.
        what_would_change_it: what would lift this block, kindly (never a date).
    """

    kind: BlockKind
    reason: str
    what_would_change_it: str


@dataclass(frozen=True)
class ReadyGate:
    """Whether a draft may be marked ready, and every reason it may not."""

    blocks: tuple[Block, ...]

    @property
    def allowed(self) -> bool:
        """True when nothing blocks."""
        return not self.blocks


_NO_CONTACT_CHANGE = (
    "Only their reaching out to you themselves would change this. Until then, what you "
    "write here is a letter for you, never sent."
)
_BOUNDARY_CHANGE = (
    "Letting things rest without sending more, until the pacing guard in Step 4 says "
    "you are within your boundary again."
)
_OPENNESS_NONE = "You have not taken the openness check in Step 1 yet."
_OPENNESS_NONE_CHANGE = "Taking the honest openness check in Step 1."
_OPENNESS_UNCLEAR = "The openness check is unclear: not a no, but not an invitation either."
_OPENNESS_UNCLEAR_CHANGE = (
    "A clear sign from their side, such as their getting in touch first. Until then, "
    "letting them take the next step is the kind choice."
)
_MINDSET_CHANGE = (
    "A steadier day. Rate how you feel again in the daily check-in when you feel "
    "calmer and surer; there is no hurry."
)
_MINDSET_MISSING_CHANGE = "Rating how you feel today in the daily check-in."


def ready_gate(
    draft: Draft,
    situation: Situation,
    readiness: Readiness,
    now: datetime,
    cooling_off_minutes: int,
) -> ReadyGate:
    """Decide whether ``draft`` may be marked ready (Step 3's ``r``), from the whole check.

    Blocks, each with its reason and what would change it:

    * no-contact mode (then nothing else is listed: there is no "ready" at all,
      and no countdown is shown);
    * an empty draft;
    * a crossed boundary (the pacing guard);
    * openness that is not "open" ("unclear" and "not taken yet" both block);
    * a low or missing mindset rating for today;
    * the cooling-off pause still running (the draft's own length, see
      :attr:`~winback_tui.domain.reconnect.Draft.rest_minutes`).

    The tone findings are shown by the screen as before; they inform, they do
    not block.

    Args:
        draft: the draft.
        situation: from :func:`~winback_tui.domain.situation.situation`.
        readiness: from :func:`~winback_tui.domain.readiness.assess_readiness`,
            built with the same situation.
        now: the current time.
        cooling_off_minutes: the setting, for drafts that keep no length of their own.
    """
    if situation.no_contact:
        return ReadyGate((Block(BlockKind.NO_CONTACT, situation.reason, _NO_CONTACT_CHANGE),))
    blocks: list[Block] = []
    if not draft.text.strip():
        blocks.append(
            Block(BlockKind.EMPTY, "This draft is empty.", "Writing it, then letting it rest.")
        )
    items = {item.id: item for item in readiness.items}
    boundary_item = items.get("boundaries")
    if situation.boundary_crossed or (boundary_item is not None and not boundary_item.met):
        blocks.append(
            Block(
                BlockKind.BOUNDARY,
                "A boundary from Step 4 is crossed right now.",
                _BOUNDARY_CHANGE,
            )
        )
    if not situation.openness_ticked:
        if situation.verdict is None:
            blocks.append(Block(BlockKind.OPENNESS, _OPENNESS_NONE, _OPENNESS_NONE_CHANGE))
        elif situation.verdict is Verdict.UNCLEAR:
            blocks.append(Block(BlockKind.OPENNESS, _OPENNESS_UNCLEAR, _OPENNESS_UNCLEAR_CHANGE))
        else:
            blocks.append(
                Block(
                    BlockKind.OPENNESS,
                    "The latest check says they are not open to contact.",
                    _OPENNESS_UNCLEAR_CHANGE,
                )
            )
    mindset = items.get("mindset")
    if mindset is not None and not mindset.met:
        missing = "not rated" in mindset.detail
        blocks.append(
            Block(
                BlockKind.MINDSET,
                "You have not rated how you feel today." if missing else mindset.detail,
                _MINDSET_MISSING_CHANGE if missing else _MINDSET_CHANGE,
            )
        )
    left = cooling_off_left(draft, now, cooling_off_minutes)
    if left:
        blocks.append(
            Block(
                BlockKind.RESTING,
                f"It is still resting: {describe_wait(left)} more.",
                "Letting the pause run out, then rereading it with fresh eyes.",
            )
        )
    return ReadyGate(tuple(blocks))


# ----------------------------------------------------------------- boundaries
class Guard(StrEnum):
    """Which rule of the pacing guard a boundary stands for."""

    PACING = "pacing"  # at most N unanswered messages in W days
    RESPECT = "respect"  # their no, their pace: crossed by reaching out during no contact


def guarded_texts() -> dict[str, Guard]:
    """Every default boundary text the pacing guard judges, with its rule.

    The defaults as Step 4 seeds them, for any pacing settings. A boundary the
    user wrote themselves is never judged by the app: only they know whether
    they kept it.
    """
    found: dict[str, Guard] = {}
    for window in range(1, MAX_WINDOW_DAYS + 1):
        for limit in range(1, MAX_MAX_UNANSWERED + 1):
            texts = default_boundary_texts(window, limit)
            found[texts[4]] = Guard.PACING
    first = default_boundary_texts()
    found[first[0]] = Guard.RESPECT  # I let them set the pace
    found[first[3]] = Guard.RESPECT  # When they say no, I take it as their answer
    return found


_GUARDED = guarded_texts()


@dataclass(frozen=True)
class BoundaryState:
    """Whether one boundary is crossed today, as the pacing guard sees it.

    Attributes:
        boundary_id: the boundary.
        crossed: crossed today: it cannot be ticked as kept today.
        reason: why, in gentle words ("" when not crossed).
    """

    boundary_id: int
    crossed: bool
    reason: str = ""


def boundary_states(
    boundaries: Iterable[Boundary],
    situation: Situation,
    contacts: Sequence[Contact],
    checks: Sequence[OpennessCheck],
    today: date,
    settings: PacingSettings = _DEFAULT_SETTINGS,
    tz: tzinfo | None = None,
) -> dict[int, BoundaryState]:
    """For each boundary, whether the pacing guard says it is crossed today (Step 4's list).

    * The "at most N without a reply" boundary is crossed while the guard
      counts more unanswered messages in the window than it allows, or when
      a message today took the count past it.
    * "I let them set the pace" and "When they say no…" are crossed on a day
      the user reached out while no-contact mode held (a slip), and like the
      pacing boundary while outreach is past the limit.
    * Boundaries the user wrote themselves are never judged.

    Args:
        boundaries: the checklist.
        situation: today's situation.
        contacts: the contact log.
        checks: every openness check.
        today: the local date.
        settings: the pacing boundary.
        tz: the zone for calendar dates.
    """
    pushy = situation.pacing.unanswered > situation.pacing.settings.max_unanswered or (
        today in pushing_days(contacts, today, settings, tz)
    )
    slipped_today = any(
        contact.initiator is Initiator.ME
        and local_day(contact.at, tz) == today
        and hold_at(checks, contacts, contact.at, tz) is not None
        for contact in contacts
    )
    pushy_reason = (
        f"The pacing guard counts {situation.pacing.unanswered} unanswered messages within "
        f"the last {situation.pacing.settings.window_days} days, more than this boundary "
        "allows, so it cannot be ticked as kept today. That is something to notice, not to "
        "punish yourself for."
    )
    slip_reason = (
        "You reached out today while their request for distance stands, so this one cannot "
        "be ticked as kept today. A slip is not a failure: tomorrow is a fresh day to keep it."
    )
    states: dict[int, BoundaryState] = {}
    for boundary in boundaries:
        guard = _GUARDED.get(boundary.text)
        if guard is Guard.RESPECT and slipped_today:
            states[boundary.id] = BoundaryState(boundary.id, True, slip_reason)
        elif guard is not None and pushy:
            states[boundary.id] = BoundaryState(boundary.id, True, pushy_reason)
        else:
            states[boundary.id] = BoundaryState(boundary.id, False)
    return states
