"""The tone check's language: kinds, findings, how a rule is written, and its lexicons."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a finding is about: ten that hurt, five that help."""

    BLAME = "blame or accusation"
    CONTEMPT = "contempt"
    DEFENSIVENESS = "defensiveness"
    STONEWALLING = "stonewalling"
    DWELLING = "dwelling on the past"
    PRESSURE = "pressure or ultimatum"
    GUILT = "guilt"
    BOUNDARY = "crossing a boundary"
    TRIANGULATION = "bringing in others"
    ENTITLEMENT = "a claim on them"
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
    BOUNDARY = "their boundary (a no is an answer)"
    TRIANGULATION = "triangulation (family systems)"


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
# white space, "you" and "your" also match the texting forms "u" and "ur", and a
# contraction also matches its long form and its apostrophe-less form ("don't",
# "do not", "dont").
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
    "weren't": r"(?:weren'?t|were\s+not)",
    "aren't": r"(?:aren'?t|are\s+not)",
    "haven't": r"(?:haven'?t|have\s+not)",
    "hadn't": r"(?:hadn'?t|had\s+not)",
    "shouldn't": r"(?:shouldn'?t|should\s+not)",
    "you're": r"(?:you'?re|you\s+are|ur|u\s+are|u\s+r)",
    "you've": r"(?:you'?ve|you\s+have|u\s+have|uve)",
    "you'll": r"(?:you'?ll|you\s+will|u\s+will|u'?ll)",
    "you'd": r"(?:you'?d|you\s+would|you\s+had|u'?d|u\s+would)",
    "i'm": r"(?:i'?m|i\s+am)",
    "i've": r"(?:i'?ve|i\s+have)",
    "i'll": r"(?:i'?ll|i\s+will)",
    "i'd": r"(?:i'?d|i\s+would|i\s+had)",
    "it's": r"(?:it'?s|it\s+is)",
    "that's": r"(?:that'?s|that\s+is)",
    "what's": r"(?:what'?s|what\s+is)",
    "there's": r"(?:there'?s|there\s+is)",
    "we're": r"(?:we'?re|we\s+are)",
    "we've": r"(?:we'?ve|we\s+have)",
    "we'd": r"(?:we'?d|we\s+would)",
    "who's": r"(?:who'?s|who\s+is)",
    "he's": r"(?:he'?s|he\s+is)",
    "she's": r"(?:she'?s|she\s+is)",
    "let's": r"(?:let'?s|let\s+us)",
    "should've": r"(?:should'?ve|should\s+have)",
    "must've": r"(?:must'?ve|must\s+have)",
    "would've": r"(?:would'?ve|would\s+have)",
}
_CONTRACTION_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(c) for c in _CONTRACTIONS) + r")(?![\w'])"
)
_YOU_RE = re.compile(r"(?<![\w'\\])(you|your)(?![\w'])")
_YOU_FORMS = {"you": "(?:you|u|ya)", "your": "(?:your|ur|yor)"}


def _expand(source: str) -> str:
    """One phrase in the rule language as a regular expression (not compiled)."""
    expanded = _YOU_RE.sub(lambda m: _YOU_FORMS[m.group(1)], source)
    expanded = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], expanded)
    return expanded.replace(" ", r"\s+")


_WINDOW = 40  # characters of context looked at around a match for an exception
# What may sit between the end of the previous sentence and a phrase that must
# open its sentence: spaces, quotes, brackets, dashes, emoji.
_OPENING = re.compile(r"[^\w.!?\n…:;]*\Z")
_SENTENCE_END = frozenset(".!?\n…:;")


@dataclass(frozen=True)
class Rule:
    """One rule: a set of phrases that mean the same thing, with its reason and direction.

    Attributes:
        kind: what the phrases are about.
        pattern: the research pattern.
        phrases: the phrases as regular expressions over normalised,
            lower-cased text (see :func:`_expand`), each matched at a word start.
        reason: why it matters.
        direction: what to try instead.
        unless_before: an exception: the match does not count when the text
            just before it (up to 40 characters) matches this.
        unless_after: an exception checked on the text just after the match,
            up to the end of its sentence.
        opens_sentence: the match counts only at the start of a sentence
            (an order such as "Answer me", not "I'll answer").
        requires: the match counts only when its own text matches this too.
        symbols: for a rule of symbols (emoji) rather than words: the pattern
            scanned for them; ``phrases`` is then empty.
    """

    kind: Kind
    pattern: Pattern
    phrases: tuple[str, ...]
    reason: str
    direction: str
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None
    opens_sentence: bool = False
    requires: re.Pattern[str] | None = None
    symbols: re.Pattern[str] | None = None


def _rule(
    kind: Kind,
    pattern: Pattern,
    phrases: Iterable[str],
    reason: str,
    direction: str,
    *,
    unless_before: str | None = None,
    unless_after: str | None = None,
    opens_sentence: bool = False,
    requires: str | None = None,
) -> Rule:
    return Rule(
        kind,
        pattern,
        tuple(_expand(p) for p in phrases),
        reason,
        direction,
        re.compile(unless_before) if unless_before else None,
        re.compile(_expand(unless_after)) if unless_after else None,
        opens_sentence,
        re.compile(_expand(requires)) if requires else None,
    )


def _symbols(kind: Kind, pattern: Pattern, symbols: str, reason: str, direction: str) -> Rule:
    """A rule for single symbols (emoji) that are not words."""
    return Rule(kind, pattern, (), reason, direction, symbols=re.compile(symbols))


# ------------------------------------------------------------------ lexicons
# A word said about the other person's character rather than about a moment.
_TRAITS = (
    r"selfish|lazy|cold|careless|immature|controlling|needy|dramatic|difficult|impossible"
    r"|toxic|manipulative|heartless|cruel|ungrateful|unfair|insensitive|jealous|clingy"
    r"|stubborn|arrogant|self[- ]?(?:centered|centred|absorbed|obsessed)|narcissistic|fake"
    r"|dishonest|distant|closed off|bitter|mean|nasty|rude|vindictive|petty|spoiled|spoilt"
    r"|two[- ]faced|thoughtless|inconsiderate|disrespectful|abusive|shallow|unreliable"
    r"|emotionally (?:unavailable|stunted|immature|cold|absent)|incapable|unable to|spineless"
    r"|cowardly|weak|paranoid|irrational|hysterical|lying|deceitful|untrustworthy|negligent"
    r"|exhausting|draining|unbearable|impossible to|never there|the worst|so hard to love"
    r"|a liar|a cheat|a cheater|a narcissist|the problem|to blame|a user|a player|a bully"
    r"|a terrible|an awful|a horrible|a bad (?:person|partner|boyfriend|girlfriend|husband|wife)"
)
_INSULTS = (
    r"pathetic|disgusting|a joke|a loser|worthless|crazy|a psycho|psycho|insane|stupid"
    r"|an idiot|idiotic|a child|childish|ridiculous|a mess|useless|a coward|hopeless"
    r"|unbelievable|a hypocrite|a clown|a baby|a moron|a jerk|dumb|a waste of \w+|delusional"
    r"|embarrassing|a disgrace|a disappointment|laughable|a fraud|trash|garbage|a piece of"
)
# Words after "you always/never" or "you were always" that make it warm.
_WARM_TRAITS = (
    r"kind|kinder|good|great|patient|generous|honest|supportive|lovely|wonderful|gentle"
    r"|caring|thoughtful|brave|strong|smart|clever|funny|talented|there|welcome|warm|loving"
    r"|loyal|fair|sweet|understanding|better|right|so good|the best|my favou?rite|the one"
    r"|a good|a great|a kind|a wonderful|special|important|part of|family|calm|fun|easy"
    r"|beautiful|amazing|brilliant|bright|curious|hard[- ]?working|so kind|so patient"
)
_WARM_AFTER = (
    r"\s+(?:(?:been|were|was|are|be|seemed|stayed|so|such|really|very|the)\s+)?"
    r"(?:so\s+|such\s+(?:a\s+)?|really\s+|very\s+)?"
    rf"(?:{_WARM_TRAITS})(?![\w'])"
    r"|\s+(?:meant|knew|know|had\s+(?:my\s+back|a\s+way|time\s+for|a\s+gift|faith)|have\s+my"
    r"|made\s+(?:me\s+|people\s+|everyone\s+|us\s+)?(?:laugh|smile|feel\s+(?!bad|small|stupid"
    r"|worthless|guilty|ashamed|crazy|alone|unwanted|unloved|invisible|like\s+(?:nothing|dirt|a"
    r"\s+burden|an?\s+idiot|i\s+was\s+(?:nothing|crazy|too)|i\s+didn'?t|i\s+wasn'?t)))"
    r"|made\s+[^.!?\n]{0,25}?(?:warm|safe|home|happy|better|fun|easy|special|lighter|calm"
    r"|bright|beautiful|lovely|welcome|loved|laugh|smile)(?![\w'])"
    r"|make\s+me\s+(?:laugh|smile)|supported|believed|encouraged|found\s+a\s+way\s+to\s+make\s+me"
    r"|listened\s+when|helped|looked\s+after|took\s+care|cheered|understood|stood\s+by"
    r"|showed\s+up|brought|remembered|wanted\s+the\s+best|gave\s+me|put\s+up\s+with|will"
    r"|have\s+a\s+(?:home|place|friend)|managed\s+to\s+make|got\s+me|kept\s+me\s+(?:safe|sane"
    r"|going|grounded))"
)
# Words after "you never" that make it kind ("you never deserved that").
_NEVER_KIND_AFTER = (
    r"\s+(?:once\s+|ever\s+)?(?:deserved|owed|have\s+to|need\s+to|needed\s+to|had\s+to|asked\s+for"
    r"|meant"
    r"|failed\s+to|let\s+me\s+down|once\s+complained|complained|judged|gave\s+up\s+on\s+me"
    r"|stopped\s+(?:being|caring|trying|believing)|made\s+me\s+feel\s+(?:small|stupid|alone"
    r"|unwanted|unloved|unwelcome|unsafe|worthless|bad|less|like|ashamed|judged|anything\s+but)"
    r"|anything\s+(?:but|other\s+than|less\s+than)|less\s+than|unkind|cruel|mean\s+to"
    r"|did\s+anything\s+wrong|were\s+the"
    r"|was\s+the|the\s+problem|to\s+blame|at\s+fault|lied\s+to\s+me|hurt\s+me\s+on\s+purpose"
    r"|pressured|pushed\s+me|forced|owe|judge)"
)
# Words before a phrase that turn it around ("it was never your fault").
_NEGATION_BEFORE = (
    r"(?:\bnot|n'?t|\bnever|\bnone\s+of\s+(?:this|it|that)\s+(?:is|was))\s+(?:all\s+)?$"
)
# Words before a pressure phrase that take the pressure off ("you don't have to answer me").
_FREE_BEFORE = (
    r"(?:(?:n'?t|\bnot|\bno|\bnever)\s+(?:(?:have|need|got)\s+to\s+)?(?:\w+\s+)?"
    r"|\b(?:ok|okay|fine|alright|all\s+right|understand|understandable|no\s+problem"
    r"|no\s+worries)[\s,]*)$"
)
# Words after a pressure phrase that hand the choice back ("if you don't, that's okay").
_CHOICE_AFTER = (
    r"(?:that's|it's) (?:ok|okay|fine|alright|all right|completely|totally|really"
    r"|absolutely|understandable)|i (?:understand|will understand|'ll understand|respect"
    r"|get it|won't mind|don't mind)|no pressure|if you (?:ever )?(?:want|like|feel like|wish"
    r"|need|'d like|would like|'re (?:up for|open|ready)|are (?:up for|open|ready))"
    r"|when(?:ever)? you(?:'re| are| feel)? (?:ready|like)|only if|up to you|no rush"
    r"|in your own time|no need|if that's (?:ok|okay|alright)"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri"
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_SEASONS = (
    r"summer|winter|spring|autumn|fall|year|christmas|xmas|easter|new year'?s?(?: eve)?"
    r"|valentine'?s(?: day)?|halloween|birthday|anniversary|weekend|month|time"
)
_FAMILY = (
    r"mum|mom|mother|dad|father|parents|sister|brother|family|friends?|best friend|bestie"
    r"|therapist|counsell?or|cousin|aunt|uncle|boss|roommate|flatmate|co-?workers?"
    r"|colleagues?|grandma|gran|nan|grandmother|grandad|grandpa|kids|children|son|daughter"
)
_SOCIAL = (
    r"insta|instagram|ig|facebook|fb|tiktok|twitter|x|snapchat|snap|linkedin|strava|spotify"
    r"|whatsapp|social media|bereal|threads|the group chat|your page|your profile"
)
_WATCHED = (
    r"story|stories|posts?|profile|page|photos?|pictures?|pics?|selfies?|reels?|tweets?"
    r"|status|statuses|feed|location|last seen|likes|followers|following|activity|playlists?"
    r"|updates?|snaps?|car|bike|new (?:profile|photo|pic|picture|haircut|boyfriend|girlfriend"
    r"|partner"
    r"|bf|gf|man|woman|guy|girl|lover|place|flat|house)|" + _SOCIAL
)
_NO_WORDS = (
    r"\btime\b|space|not to|no contact|to stop|stop|leave (?:you|u) alone|alone|distance|blocked"
    r"|block|over|done|don't want|didn't want|do not want|never want|a break|time apart"
    r"|hear from me|not (?:contact|message|text|call|reach|write)|don't (?:contact|message"
    r"|text|call|reach|write)|moving on|moved on|need time|needed time|some time|time to"
)

# ----------------------------------------------------------- reasons, texts
_WHY_CRITICISM = (
    "This describes them as the problem, which Gottman calls criticism: it invites "
    "defence, not understanding."
)
_TRY_CRITICISM = "Describe one event and your feeling about it, without a judgement of them."
_WHY_PRESSURE = (
    "This asks in a way they cannot freely refuse; in nonviolent communication a "
    "real request leaves the other person free to say no."
)
_TRY_PRESSURE = "Say what you would like, then make it easy to decline: “only if you want to”."
