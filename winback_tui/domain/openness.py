"""Is the other person open to contact? An honest check of the signals.

:func:`assess_openness` is the rule: the user ticks what is true now and gets
one of three verdicts with its reasons in plain words. The types here are
shared by Step 3, the dashboard and the pacing guard.

The rule leans toward respect: anything the other person said or did to ask
for distance outweighs every warm sign, and "open" needs more than one warm
moment. A "no" is a boundary, not an obstacle.
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


#: What the check asks, in the order it asks it: one statement per signal,
#: which the user ticks when it is true now.
SIGNAL_STATEMENTS: tuple[tuple[Signal, str], ...] = (
    (Signal.ASKED_NO_CONTACT, "They asked me not to contact them"),
    (Signal.BLOCKED, "They blocked me somewhere (phone, messages, social media)"),
    (Signal.SAID_ITS_OVER, "They told me clearly that it is over"),
    (Signal.NEW_PARTNER, "They are with someone new"),
    (Signal.ASKED_FOR_SPACE, "They asked for space or time apart"),
    (Signal.NO_REPLY_LATELY, "They have not answered my last messages"),
    (Signal.REPLIED_WARMLY, "When we last spoke, they were warm with me"),
    (Signal.ASKED_ABOUT_ME, "They asked how I am doing"),
    (Signal.REACHED_OUT_FIRST, "They got in touch first, without my asking"),
    (Signal.SUGGESTED_MEETING, "They suggested we meet or talk"),
)

#: A clear "no": each one alone means not open, whatever else is true.
HARD_BOUNDARIES: tuple[Signal, ...] = (
    Signal.ASKED_NO_CONTACT,
    Signal.BLOCKED,
    Signal.SAID_ITS_OVER,
    Signal.NEW_PARTNER,
)

#: Warm signs, in the order the reasons name them.
WARM_SIGNS: tuple[Signal, ...] = (
    Signal.SUGGESTED_MEETING,
    Signal.REACHED_OUT_FIRST,
    Signal.REPLIED_WARMLY,
    Signal.ASKED_ABOUT_ME,
)

#: Warm signs where the other person took the step themselves.
THEIR_INITIATIVE: frozenset[Signal] = frozenset(
    {Signal.SUGGESTED_MEETING, Signal.REACHED_OUT_FIRST}
)

_BOUNDARY_REASONS: dict[Signal, str] = {
    Signal.ASKED_NO_CONTACT: (
        "They asked you not to contact them. That is a clear answer, and honouring it "
        "is a kindness to them."
    ),
    Signal.BLOCKED: (
        "They blocked you. It is their way of asking for distance, and it deserves respect."
    ),
    Signal.SAID_ITS_OVER: (
        "They told you it is over. Taking them at their word is a way of respecting them."
    ),
    Signal.NEW_PARTNER: (
        "They are with someone new. Their new life deserves room, free of pressure from the past."
    ),
}

_SPACE_REASON = (
    "They asked for space. Giving it fully, without checking in, is the kind thing for now."
)

_WARM_OVERRIDDEN = (
    "The warm moments can be real and still not be an invitation: their clear word comes first."
)

_WARM_NAMES: dict[Signal, str] = {
    Signal.SUGGESTED_MEETING: "they suggested meeting",
    Signal.REACHED_OUT_FIRST: "they got in touch first",
    Signal.REPLIED_WARMLY: "they were warm with you",
    Signal.ASKED_ABOUT_ME: "they asked how you are",
}


def _warm_list(signals: frozenset[Signal]) -> str:
    """The warm signs present, as one phrase ("a, b and c")."""
    names = [_WARM_NAMES[s] for s in WARM_SIGNS if s in signals]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def assess_openness(signals: frozenset[Signal]) -> OpennessResult:
    """Decide whether the other person seems open to contact, and say why.

    The rule, in order:

    1. Any hard boundary (asked for no contact, blocked, said it is over, with
       someone new) means NOT_OPEN, whatever else is ticked.
    2. Asked for space means NOT_OPEN for now, even with warm signs.
    3. OPEN needs at least two warm signs, one of them the other person's own
       step (getting in touch first or suggesting to meet), and no silence
       lately.
    4. Anything else (nothing ticked, only silence, mixed or a single warm
       sign) is UNCLEAR.

    Args:
        signals: what the user says is true right now.

    Returns:
        The verdict with at least one reason, in plain and kind words.
    """
    warm = [s for s in WARM_SIGNS if s in signals]
    boundaries = [s for s in HARD_BOUNDARIES if s in signals]
    if boundaries:
        reasons = [_BOUNDARY_REASONS[s] for s in boundaries]
        if Signal.ASKED_FOR_SPACE in signals:
            reasons.append(_SPACE_REASON)
        if warm:
            reasons.append(_WARM_OVERRIDDEN)
        return OpennessResult(Verdict.NOT_OPEN, tuple(reasons))
    if Signal.ASKED_FOR_SPACE in signals:
        reasons = [_SPACE_REASON]
        if warm:
            reasons.append(_WARM_OVERRIDDEN)
        return OpennessResult(Verdict.NOT_OPEN, tuple(reasons))
    quiet = Signal.NO_REPLY_LATELY in signals
    if not warm and not quiet:
        return OpennessResult(
            Verdict.UNCLEAR,
            (
                "You have not ticked any signs from them. Without a word from their side it "
                "is too soon to tell, and giving them room is the kind choice.",
            ),
        )
    if not warm:
        return OpennessResult(
            Verdict.UNCLEAR,
            (
                "They have not answered lately. Silence is an answer for now: give them room "
                "rather than trying again.",
            ),
        )
    if quiet:
        return OpennessResult(
            Verdict.UNCLEAR,
            (
                f"Some signs are warm ({_warm_list(signals)}), but they have also gone quiet "
                "lately. Mixed signs are not an invitation; let them set the pace.",
            ),
        )
    if len(warm) >= 2 and THEIR_INITIATIVE & signals:
        return OpennessResult(
            Verdict.OPEN,
            (
                f"The signs are warm: {_warm_list(signals)}.",
                "Contact seems welcome. Go gently, let them set the pace, and remember "
                "they are free to change their mind.",
            ),
        )
    return OpennessResult(
        Verdict.UNCLEAR,
        (
            f"There is some warmth ({_warm_list(signals)}), but not yet a clear sign that "
            "they want more contact. Let them take the next step.",
        ),
    )


def verdict_headline(verdict: Verdict, signals: frozenset[Signal]) -> str:
    """A few words naming the verdict (the reasons follow it on screen).

    "Not open" that rests only on a request for space reads "for now", since
    space is a pause they asked for, not necessarily an ending.
    """
    if verdict is Verdict.OPEN:
        return "Open to contact"
    if verdict is Verdict.UNCLEAR:
        return "Unclear for now"
    if any(s in signals for s in HARD_BOUNDARIES):
        return "Not open to contact"
    return "Not open for now"


def take_check(signals: frozenset[Signal], at: datetime) -> OpennessCheck:
    """One new check at ``at``, with the rule's result (not stored yet)."""
    return OpennessCheck(at=at, signals=signals, result=assess_openness(signals))


def is_moving_forward(latest: OpennessCheck | None) -> bool:
    """Whether the app should turn toward acceptance: the latest check said not open.

    Step 3 then offers the moving-forward path instead of the reconnect tools,
    and the dashboard says kindly that letting go is the caring choice. Before
    any check, nothing changes.
    """
    return latest is not None and latest.result.verdict is Verdict.NOT_OPEN
