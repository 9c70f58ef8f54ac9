"""Rules for what helps a message land gently (the helpful kinds)."""

from __future__ import annotations

from winback_tui.domain.tone.language import (
    _NEGATION_BEFORE,
    Kind,
    Pattern,
    Rule,
    _rule,
)

HELP: tuple[Rule, ...] = (
    # -------------------------------------------------------- what helps
    _rule(
        Kind.ACKNOWLEDGING,
        Pattern.GENTLE_STARTUP,
        [
            r"i (?:understand|get|see|can see|can understand|can imagine) (?:why|that|how) you",
            r"i understand",
            r"(?:that|it) (?:must've|must have) (?:been|felt)",
            r"you must (?:have|be|feel|'ve)",
            r"you (?:were|are) right",
            r"i hear you",
            r"(?:it )?makes sense (?:that|why) you",
            r"from your (?:side|point of view|perspective)",
            r"i respect (?:your|that|you)",
            r"you had every right",
            r"thank you for",
        ],
        "Showing you see their side is the heart of a gentle start-up.",
        "Keep it: their view, in their terms, without a “but” after it.",
    ),
    _rule(
        Kind.OWNING,
        Pattern.TAKING_RESPONSIBILITY,
        [
            r"i'm (?:so |really |truly |deeply )?sorry"
            r" (?:for|that i|i|about (?:how|the way|what) i)",
            r"i apologi[sz]e",
            r"i was wrong",
            r"my (?:part|share)",
            r"my fault",
            r"i take (?:full )?responsibility",
            r"i should've",
            r"i (?:realise|realize|see now|know now|understand now) (?:that )?i",
            r"i (?:let you down|wasn't there|took you for granted|didn't listen)",
            r"i regret",
        ],
        "Owning your part is Gottman's antidote to defensiveness.",
        "Keep it plain and without excuses; let it stand on its own.",
        unless_before=_NEGATION_BEFORE,
    ),
    _rule(
        Kind.GROWTH,
        Pattern.OBSERVATION,
        [
            r"i've (?:been )?(?:working on|learning|learned|learnt|started|begun|practi[sc]ing"
            r"|seeing a|reading|taking)",
            r"i'm (?:working on|learning|seeing a (?:therapist|counsell?or)|in therapy|going to"
            r" therapy|getting help|practi[sc]ing)",
            r"therapy|counsell?ing|counsell?or|therapist",
        ],
        "Naming a concrete change is an observation they can see, not a promise.",
        "Keep it specific and about you, not a bargain for their return.",
    ),
    _rule(
        Kind.OPEN_ENDING,
        Pattern.REQUEST,
        [
            r"no pressure",
            r"(?:no|there's no) need to (?:reply|respond|answer|write back)",
            r"you don't (?:have|need) to (?:reply|respond|answer|write back|say anything)",
            r"(?:only )?if you(?:'d)? (?:like|want|wish|feel like|are open|'re open)",
            r"if you don't want to",
            r"whenever (?:you're|you feel) ready",
            r"take (?:all )?(?:the |your )?time",
            r"(?:it's|that's|it is|that is) (?:ok|okay|fine|alright|completely fine|totally fine)"
            r"(?: too)? if (?:you|not)",
            r"i(?:'ll|'d| will| would) (?:respect|understand) (?:your|whatever|that|it|if)",
            r"if not,? (?:that's|it's|i understand)",
        ],
        "An ending that leaves them free to say no is a request, not a demand.",
        "Keep it, and mean it: no follow-up if they do not answer.",
    ),
    _rule(
        Kind.I_STATEMENT,
        Pattern.FEELING,
        [
            r"i (?:feel|felt|am feeling|'ve been feeling|have been feeling)"
            r"(?!\s+(?:like|that|as\s+if|as\s+though)\s+you)",
            r"i'm (?:grateful|thankful|sad|scared|nervous|hopeful|glad)",
            r"i (?:miss|value|appreciate|care about)",
        ],
        "Saying how you feel, about yourself, is the feeling part of an I-statement.",
        "Pair it with what you noticed and what you need, not with what they did wrong.",
    ),
    _rule(
        Kind.I_STATEMENT,
        Pattern.NEED,
        [
            r"i'd (?:like|love|appreciate)",
            r"i need(?!\s+(?:an?\s+|to\s+know|you|closure))",
            r"i(?:'ve)? noticed",
            r"i hope",
        ],
        "Naming what you notice or need, from your side, is an I-statement.",
        "Keep the need about you; leave them free in how they respond.",
    ),
)
