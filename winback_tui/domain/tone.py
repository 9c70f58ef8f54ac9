"""The tone check for unsent drafts: plain rules over plain text, no network, no model.

Each rule names a phrase that research on couples' conversations links to how a
message lands, and says why and what to try instead:

- John Gottman's "four horsemen" predict that a conversation goes badly:
  *criticism* (attacking the person, "you always…"), *contempt* (mockery,
  superiority), *defensiveness* (counter-blame, excuses) and *stonewalling*
  (shutting the talk down). His *gentle start-up* is their antidote: begin
  softly, about the present, owning your part and appreciating theirs.
- Marshall Rosenberg's nonviolent communication (NVC) builds an I-statement from
  an *observation* (what happened, without judgement), a *feeling*, a *need*,
  and a *request* the other person is free to refuse. A demand, an ultimatum or
  guilt is a request they are not free to refuse.

Findings carry character spans into the original text. Matching runs on a copy
where curly quotes and apostrophes are made straight one character for one
character (and case is ignored by the regular expressions), so every span is a
valid index into what the user typed, emoji and right-to-left text included.
Every rule is one regular expression without nested repetition, so the check is
linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a finding is about: six that hurt, five that help."""

    BLAME = "blame or accusation"
    CONTEMPT = "contempt"
    DEFENSIVENESS = "defensiveness"
    STONEWALLING = "stonewalling"
    DWELLING = "dwelling on the past"
    PRESSURE = "pressure, guilt or ultimatum"
    ACKNOWLEDGING = "acknowledging their view"
    OWNING = "owning your part"
    GROWTH = "concrete growth"
    OPEN_ENDING = "open, no-pressure ending"
    I_STATEMENT = "I-statement"

    @property
    def helpful(self) -> bool:
        """Whether this kind of phrase helps a message land gently."""
        return self in _HELPFUL


_HELPFUL = frozenset(
    {Kind.ACKNOWLEDGING, Kind.OWNING, Kind.GROWTH, Kind.OPEN_ENDING, Kind.I_STATEMENT}
)

#: The harmful kinds, in the order the screen lists them.
HARMFUL_KINDS: tuple[Kind, ...] = tuple(k for k in Kind if not k.helpful)
#: The helpful kinds, in the order the screen lists them.
HELPFUL_KINDS: tuple[Kind, ...] = tuple(k for k in Kind if k.helpful)


class Pattern(StrEnum):
    """The research pattern a finding belongs to, named as the screen shows it."""

    CRITICISM = "criticism (Gottman's four horsemen)"
    CONTEMPT = "contempt (Gottman's four horsemen)"
    DEFENSIVENESS = "defensiveness (Gottman's four horsemen)"
    STONEWALLING = "stonewalling (Gottman's four horsemen)"
    GENTLE_STARTUP = "gentle start-up (Gottman)"
    TAKING_RESPONSIBILITY = "taking responsibility (Gottman's antidote to defensiveness)"
    OBSERVATION = "observation (nonviolent communication)"
    FEELING = "feeling (nonviolent communication)"
    NEED = "need (nonviolent communication)"
    REQUEST = "a request they are free to refuse (nonviolent communication)"


@dataclass(frozen=True)
class Finding:
    """One phrase the check noticed.

    Attributes:
        start: index of the phrase's first character in the original text.
        end: index just past its last character (``text[start:end]`` is the phrase).
        kind: what it is about.
        pattern: the research pattern it belongs to.
        helpful: True for phrases that help, False for ones that may hurt.
        reason: why it matters, in a sentence.
        direction: a kinder direction to take instead (or to keep).
    """

    start: int
    end: int
    kind: Kind
    pattern: Pattern
    helpful: bool
    reason: str
    direction: str

    def quote(self, text: str) -> str:
        """The phrase as the user wrote it in ``text``."""
        return text[self.start : self.end]


# --------------------------------------------------------------- normalising
_STRAIGHT = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote, the usual curly apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent typed as an apostrophe
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u00a0": " ",  # no-break space
    }
)


def normalise(text: str) -> str:
    """Straighten quotes and apostrophes, one character for one character.

    The result has exactly the length of ``text``, so a span found in it is the
    same span in ``text``. Case is left alone: the rules ignore it instead,
    because lower-casing can change a string's length (``"İ".lower()``).
    """
    return text.translate(_STRAIGHT)


# ------------------------------------------------------------ rule language
# Rules are written as lower-case phrases: a space stands for any run of
# white space, and a contraction also matches its long form and its
# apostrophe-less form ("don't", "do not", "dont").
_CONTRACTIONS: dict[str, str] = {
    "don't": r"(?:don'?t|do\s+not)",
    "doesn't": r"(?:doesn'?t|does\s+not)",
    "didn't": r"(?:didn'?t|did\s+not)",
    "won't": r"(?:won'?t|will\s+not)",
    "wouldn't": r"(?:wouldn'?t|would\s+not)",
    "can't": r"(?:can'?t|cannot|can\s+not)",
    "couldn't": r"(?:couldn'?t|could\s+not)",
    "isn't": r"(?:isn'?t|is\s+not)",
    "wasn't": r"(?:wasn'?t|was\s+not)",
    "aren't": r"(?:aren'?t|are\s+not)",
    "haven't": r"(?:haven'?t|have\s+not)",
    "shouldn't": r"(?:shouldn'?t|should\s+not)",
    "you're": r"(?:you'?re|you\s+are|ur)",
    "you've": r"(?:you'?ve|you\s+have)",
    "you'll": r"(?:you'?ll|you\s+will)",
    "you'd": r"(?:you'?d|you\s+would)",
    "i'm": r"(?:i'?m|i\s+am)",
    "i've": r"(?:i'?ve|i\s+have)",
    "i'll": r"(?:i'?ll|i\s+will)",
    "i'd": r"(?:i'?d|i\s+would)",
    "it's": r"(?:it'?s|it\s+is)",
    "that's": r"(?:that'?s|that\s+is)",
    "what's": r"(?:what'?s|what\s+is)",
    "there's": r"(?:there'?s|there\s+is)",
    "we've": r"(?:we'?ve|we\s+have)",
    "should've": r"(?:should'?ve|should\s+have)",
    "must've": r"(?:must'?ve|must\s+have)",
}
_CONTRACTION_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(c) for c in _CONTRACTIONS) + r")(?![\w'])"
)


def _compile(source: str) -> re.Pattern[str]:
    """Compile one phrase pattern: contractions expanded, spaces as white space."""
    expanded = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], source)
    expanded = expanded.replace(" ", r"\s+")
    # Every phrase starts with a letter: the (?=\w) makes the engine skip runs of
    # spaces and punctuation without trying each alternative there.
    return re.compile(r"(?<![\w'])(?=\w)(?:" + expanded + r")(?![\w'])", re.IGNORECASE)


_WINDOW = 40  # characters of context looked at around a match for an exception


@dataclass(frozen=True)
class Rule:
    """One phrase rule.

    Attributes:
        kind: what the phrase is about.
        pattern: the research pattern.
        regex: where it matches (on normalised text).
        reason: why it matters.
        direction: what to try instead.
        unless_before: an exception: the match does not count when the text
            just before it (up to 40 characters) matches this.
        unless_after: an exception checked on the text just after the match,
            up to the end of its sentence.
    """

    kind: Kind
    pattern: Pattern
    regex: re.Pattern[str]
    reason: str
    direction: str
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None


def _rule(
    kind: Kind,
    pattern: Pattern,
    phrases: Iterable[str],
    reason: str,
    direction: str,
    *,
    unless_before: str | None = None,
    unless_after: str | None = None,
) -> Rule:
    return Rule(
        kind,
        pattern,
        _compile("|".join(f"(?:{p})" for p in phrases)),
        reason,
        direction,
        re.compile(unless_before, re.IGNORECASE) if unless_before else None,
        re.compile(unless_after, re.IGNORECASE) if unless_after else None,
    )


# A word said about the other person's character rather than about a moment.
_TRAITS = (
    r"selfish|lazy|cold|careless|immature|controlling|needy|dramatic|difficult|impossible"
    r"|toxic|manipulative|heartless|cruel|ungrateful|unfair|insensitive|jealous|clingy"
    r"|a liar|a cheat|a cheater|a narcissist|the problem"
)
_INSULTS = (
    r"pathetic|disgusting|a joke|a loser|worthless|crazy|a psycho|psycho|insane|stupid"
    r"|an idiot|idiotic|a child|childish|ridiculous|a mess|useless|a coward|hopeless"
)
# After "you always/never", words that make the phrase warm rather than blaming.
_WARM_AFTER = (
    r"\s+(?:meant|knew\s+how|made\s+me\s+(?:laugh|smile|feel\s+(?:safe|loved|seen))"
    r"|had\s+my\s+back|supported|believed|encouraged|found\s+a\s+way|listened\s+when)"
)
# Words before "your fault" that turn it into reassurance ("it was never your fault").
_NEGATION_BEFORE = (
    r"(?:\bnot|n'?t|\bnever|\bnone\s+of\s+(?:this|it|that)\s+(?:is|was))\s+(?:all\s+)?$"
)
# Words after a pressure phrase that hand the choice back ("if you don't, that's okay").
# Words before a pressure phrase that take the pressure off ("you don't have to answer me").
_FREE_BEFORE = r"(?:n'?t|\bnot|\bno)\s+(?:(?:have|need)\s+to\s+)?$"
_CHOICE_AFTER = (
    r"(?:that'?s|it'?s|that\s+is|it\s+is)\s+(?:ok|okay|fine|alright|all\s+right|completely"
    r"|totally|really|absolutely)|i\s+(?:understand|will\s+understand|'?ll\s+understand|respect"
    r"|get\s+it)|no\s+pressure|if\s+you\s+(?:want|like|feel\s+like|wish)"
)

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------ blame
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"you(?:'?d|\s+would|'?re|\s+are|\s+were)? (?:always|never|constantly)"
            rf"(?!{_WARM_AFTER})",
        ],
        "“Always” and “never” turn one moment into a verdict on who they are.",
        "Name one specific moment and how it felt for you (“When…, I felt…”).",
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [r"your fault", r"because of you", r"thanks to you,? i"],
        "Assigning fault puts them on trial, and people on trial defend themselves.",
        "Speak about what happened between you, and your own part in it.",
        unless_before=_NEGATION_BEFORE,
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"you made me"
            r"(?!\s+(?:laugh|smile|happy|a\s+better|feel\s+(?:loved|safe|seen|welcome)))",
            r"you (?:ruined|destroyed|wrecked|broke) (?:everything|us|it|me|my|our|this|what)",
            r"you (?:hurt|betrayed|abandoned|used|lied to|cheated on|humiliated) me",
            r"how could you",
            r"you should(?:n't|\s+not)?(?:'?ve|\s+have)",
            r"you don't (?:even )?(?:care|listen|try|understand|respect|get it)",
            r"you didn't (?:even )?(?:care|listen|try|understand|respect|bother)",
            r"you only (?:care|cared|think|thought) about yourself",
            r"why (?:can't|couldn't|won't|wouldn't|didn't|don't) you (?:ever|just|even)",
            r"(?:you're|you were) (?:so |such |really |too |just |always |the most )?"
            rf"(?:{_TRAITS})",
        ],
        "This describes them as the problem, which Gottman calls criticism: it invites "
        "defence, not understanding.",
        "Describe one event and your feeling about it, without a judgement of them.",
    ),
    # ---------------------------------------------------------- contempt
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [
            rf"(?:you're|you were) (?:so |such |just |really |a )?(?:{_INSULTS})",
            r"grow up",
            r"get over yourself",
            r"get a life",
            r"(?:so |how )?typical(?: of you| you)",
            r"what's wrong with you",
            r"who do you think you are",
            r"as if you",
            r"yeah,? right",
            r"sure you (?:did|do|are|were|will|would)",
            r"(?:i )?hope you're (?:happy|proud of yourself) now",
            r"happy now\?",
            r"you (?:disgust|sicken) me",
            r"good luck with that",
            r"whatever(?=[^\S\n]*(?:[.!?,;\n]|$))",
            r"i can't believe i (?:ever|wasted)",
        ],
        "Mockery and scorn say “I am above you”; Gottman found contempt the most "
        "damaging of the four horsemen.",
        "Leave the sarcasm out; say plainly what you feel and what matters to you.",
    ),
    # ----------------------------------------------------- defensiveness
    _rule(
        Kind.DEFENSIVENESS,
        Pattern.DEFENSIVENESS,
        [
            r"(?:it's |it was |that's |that was |it wasn't |that wasn't |wasn't )?not my fault",
            r"wasn't my fault",
            r"i (?:didn't|never) do anything(?: wrong)?",
            r"i did nothing wrong",
            r"what about (?:you|what you|when you|how you)",
            r"(?:you're|you were) the one who",
            r"(?:yes|yeah|ok|okay|sure),? but you",
            r"sorry,? but",
            r"sorry (?:if |that )?you (?:feel|felt|took it|see it|think|were offended)",
            r"i only did (?:it|that|this) because",
            r"i had (?:no|every) (?:choice|right)",
            r"(?:don't|stop|you can't) blam(?:e|ing) me",
            r"i'm not the (?:only )?one (?:who|to blame)",
            r"you started it",
            r"at least i (?:didn't|never|tried|was)",
        ],
        "Defending yourself or pointing back at them shuts out what they are trying to say.",
        "Take responsibility for even a small part: “You're right that I…”.",
    ),
    # ------------------------------------------------------ stonewalling
    _rule(
        Kind.STONEWALLING,
        Pattern.STONEWALLING,
        [
            r"i'm done (?:talking|with (?:this|you|us|it))",
            r"i don't (?:want|wanna) to (?:talk|hear) about (?:it|this|that)",
            r"i'm not (?:going to|gonna) (?:talk|discuss|argue)",
            r"not discussing (?:this|it)",
            r"end of (?:discussion|story)",
            r"forget it",
            r"never\s*mind",
            r"i don't care(?: anymore)?",
            r"this conversation is over",
            r"i have nothing (?:more |else )?to say",
            r"talk to the hand",
        ],
        "Shutting the conversation down leaves them alone with it; Gottman calls it stonewalling.",
        "If you feel flooded, say so and name when you can come back to it.",
    ),
    # ------------------------------------------------- dwelling on the past
    _rule(
        Kind.DWELLING,
        Pattern.GENTLE_STARTUP,
        [
            r"remember (?:when|how|the time|that time) you",
            r"(?:back then|that time|that night|that day|last (?:year|summer|winter|christmas"
            r"|time|month)),? you",
            r"you used to",
            r"i still can't believe (?:you|what you|that you|how you)",
            r"i'll never forget (?:what|how|when|that) you",
            r"i can't (?:stop thinking|get over) (?:about )?(?:what|how|when|the way) you",
            r"after what you did",
            r"what you did (?:to me|back then|last)",
            r"all those times you",
            r"like (?:last time|the last time|that time|you did before)",
            r"you still haven't",
            r"(?:i keep|i still) (?:thinking about|remember|replaying)"
            r" (?:what|how|when|the way) you",
        ],
        "Bringing back old grievances pulls the talk into the past; a gentle start-up "
        "stays with now.",
        "Speak about the present and what you hope for from here on.",
    ),
    # --------------------------------------------- pressure, guilt, ultimatum
    _rule(
        Kind.PRESSURE,
        Pattern.REQUEST,
        [
            r"you(?:'ve)? (?:have to|need to|ought to|got to|gotta)",
            r"you must(?!\s+(?:have|be|feel|'ve))",
            r"i need (?:an? |to know|you to)(?:answer|reply|response|explanation|decision)?",
            r"i deserve (?:an? )?(?:answer|explanation|reply|response|closure|better|another chance"
            r"|a second chance)",
            r"if you (?:don't|won't|can't|ignore|never)(?!\s+(?:want|wish|feel|have\s+time|mind))",
            r"after (?:everything|all) (?:i did|i've done|i have done|i gave|we've been through"
            r"|i've given)",
            r"you owe me",
            r"(?:answer|reply to|respond to) me",
            r"(?:call|text|message|reply|answer|respond)(?: me)?(?: back)?"
            r" (?:asap|right now|immediately|now|tonight|today)",
            r"why (?:won't|don't|aren't|haven't|didn't) you (?:answer|reply|respond|text|call"
            r"|pick up|answering|replying|write)",
            r"(?:last|final) chance",
            r"or else",
            r"let me know by",
            r"(?:before|by) (?:tonight|tomorrow|the weekend|the end of (?:the )?(?:day|week))",
            r"i can't (?:live|go on|be happy|cope|survive|breathe) without you",
            r"you'll (?:regret|be sorry)",
            r"(?:don't|stop) ignoring me|don't ignore me|(?:you're|why are you) ignoring me",
            r"(?:just )?give (?:me|us) (?:one more|another|a second) chance",
            r"i'll (?:keep (?:trying|texting|calling|messaging|waiting)|wait forever|never (?:stop"
            r"|give up))",
            r"i won't (?:stop|give up)",
            r"it's the least you (?:can|could) do",
            r"we (?:need|have) to (?:talk|meet|see each other|get back together)",
            r"you're all i have|i have nothing without you",
        ],
        "This asks in a way they cannot freely refuse; in nonviolent communication a "
        "real request leaves the other person free to say no.",
        "Say what you would like, then make it easy to decline: “only if you want to”.",
        unless_before=_FREE_BEFORE,
        unless_after=_CHOICE_AFTER,
    ),
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


def _sentence_rest(text: str, end: int) -> str:
    """The rest of the sentence after ``end`` (at most a window's worth)."""
    rest = text[end : end + _WINDOW * 2]
    for stop in ".!?\n":
        cut = rest.find(stop)
        if cut != -1:
            rest = rest[:cut]
    return rest


def _raw_findings(text: str, rules: Iterable[Rule]) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules:
        for match in rule.regex.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            if rule.unless_before is not None and rule.unless_before.search(
                text[max(0, start - _WINDOW) : start]
            ):
                continue
            if rule.unless_after is not None and rule.unless_after.search(
                _sentence_rest(text, end)
            ):
                continue
            found.append(
                Finding(
                    start,
                    end,
                    rule.kind,
                    rule.pattern,
                    rule.kind.helpful,
                    rule.reason,
                    rule.direction,
                )
            )
    return found


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def _tidy(found: list[Finding]) -> list[Finding]:
    """Drop repeats: one finding per span and kind; what hurts outranks what helps.

    Within one kind, overlapping matches keep the longest (the earliest on a
    tie). A helpful match overlapping a harmful one is dropped, since the same
    words cannot be both ("it's not my fault" is not owning one's part).
    """
    by_kind: dict[Kind, list[Finding]] = {}
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        kept = by_kind.setdefault(item.kind, [])
        if kept and _overlaps(kept[-1], item):
            if item.end - item.start > kept[-1].end - kept[-1].start:
                kept[-1] = item
            continue
        kept.append(item)
    harmful = sorted(
        (f for kind, items in by_kind.items() if not kind.helpful for f in items),
        key=lambda f: f.start,
    )
    # Merge the harmful spans so one binary search tells whether a span touches any.
    merged: list[list[int]] = []
    for h in harmful:
        if merged and h.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], h.end)
        else:
            merged.append([h.start, h.end])
    starts = [m[0] for m in merged]
    result = list(harmful)
    for kind, items in by_kind.items():
        if not kind.helpful:
            continue
        for item in items:
            index = bisect.bisect_left(starts, item.end) - 1
            if index >= 0 and merged[index][1] > item.start:
                continue
            result.append(item)
    return sorted(result, key=lambda f: (f.start, f.end, f.kind))


def check_tone(text: str) -> list[Finding]:
    """Find the phrases in ``text`` that may hurt, and the ones that help.

    Args:
        text: the draft, as typed (any length, any script, emoji welcome).

    Returns:
        Findings in text order; ``text[f.start:f.end]`` is each phrase.
    """
    if not text:
        return []
    return _tidy(_raw_findings(normalise(text), RULES))


def harmful(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that may hurt, in order."""
    return [f for f in findings if not f.helpful]


def is_harmful(text: str) -> bool:
    """Whether any phrase in ``text`` may hurt (what the corpus test measures)."""
    return bool(harmful(check_tone(text)))


def missing_helpful(findings: Iterable[Finding]) -> list[Kind]:
    """The helpful kinds not present yet, as gentle suggestions for the draft."""
    present = {f.kind for f in findings if f.helpful}
    return [k for k in HELPFUL_KINDS if k not in present]
