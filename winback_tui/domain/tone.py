"""The tone check for unsent drafts: plain rules over plain text, no network, no model.

Each rule names a way of writing that research on couples' conversations links
to how a message lands, and says why and what to try instead:

- John Gottman's "four horsemen" predict that a conversation goes badly:
  *criticism* (attacking the person, "you always…"), *contempt* (mockery,
  superiority), *defensiveness* (counter-blame, excuses) and *stonewalling*
  (shutting the talk down). His *gentle start-up* is their antidote: begin
  softly, about the present, owning your part and appreciating theirs.
- Marshall Rosenberg's nonviolent communication (NVC) builds an I-statement from
  an *observation* (what happened, without judgement), a *feeling*, a *need*,
  and a *request* the other person is free to refuse. A demand, an ultimatum,
  guilt or a claim on them is a request they are not free to refuse.
- A "no" is a boundary, not an obstacle: contact after someone asked for none,
  or watching their life from a distance, crosses it however kindly it is put.
- Family-systems therapists call bringing a third person into a conflict
  *triangulation*: it turns a talk between two into a verdict by many.

The rules describe structures rather than fixed sentences: a second-person
subject with an absolute ("you never…") or a judgement of character; a
conditional that assigns fault ("if you hadn't…, …"); a rhetorical "why did you";
an order aimed at the reader ("answer me", "stop pretending"); a deadline; an
anchor in the past ("that night you…", "remember when"); suffering laid at the
reader's door ("I can't eat or sleep since you left"); watching ("I drove past
your place"); a third party's opinion ("even your sister thinks…"); a claim
("you owe me"). Warm turns of the same words ("you always made me feel safe",
"you don't have to answer", "I hope you're happy and well") are exceptions
written into the rules.

Findings carry character spans into the original text. Matching runs on a copy
where curly quotes and apostrophes are made straight one character for one
character (and case is ignored by the regular expressions), so every span is a
valid index into what the user typed, emoji and right-to-left text included.
No phrase nests one unbounded repetition inside another, and every gap a
phrase skips over is bounded, so the check is linear in the length of the text;
the phrases are indexed by the words they begin with, so each word of a draft
is tried only against the few phrases that can start there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any


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

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------ blame
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"(?:you|you'd|you're|you were|you've|you just|you literally)"
            rf" (?:always|constantly|forever|continually)(?!{_WARM_AFTER})",
            rf"(?:you|you'd|you're|you were|you've|you just"
            rf"|you literally) never(?!{_NEVER_KIND_AFTER})",
            r"you (?:keep|kept) (?:doing|making|saying|ignoring|lying|forgetting|choosing"
            r"|putting|pushing|breaking|letting|leaving|hurting|acting|treating|throwing)",
            r"not (?:even )?once",
            r"every single time",
        ],
        "“Always” and “never” turn one moment into a verdict on who they are.",
        "Name one specific moment and how it felt for you (“When…, I felt…”).",
        unless_before=r"\b(?:if|even\s+if|in\s+case)\s+$",
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"your fault",
            r"because of you",
            r"thanks to you,? i",
            r"(?:this|that|it)(?: whole \w+| all)?(?:'s| is| was)? (?:all )?on you",
            r"you're (?:the )?(?:reason|one to blame|cause)",
            r"(?:i )?blame you",
            r"you did this",
            r"you caused (?:this|all|it|everything)",
            r"shame on you",
        ],
        "Assigning fault puts them on trial, and people on trial defend themselves.",
        "Speak about what happened between you, and your own part in it.",
        unless_before=_NEGATION_BEFORE,
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"if (?:only )?you(?:'d|d)? (?:hadn't|had never|never|weren't|wasn't|didn't"
            r"|couldn't|wouldn't)(?! (?:want|wish|mind|get|see|receive|feel like|have time))",
            r"if (?:only )?you(?:'d|d| had| would have| would've| 'd have)(?: just| only| ever"
            r"| even| actually| really| once| at least)? (?:been|listened|tried|cared|told"
            r"|stayed|paid|let|given|done|made|shown|bothered|stopped|come|called|texted"
            r"|answered|put|spent|thought|asked|helped|loved|meant|fought|worked|treated"
            r"|respected|valued|noticed|opened|supported|believed|chosen|picked|said|gone)",
            r"if you (?:(?:really|actually|truly|even|ever|honestly|genuinely|still) )?"
            r"(?:cared|loved|respected|valued|gave a)",
            r"if you (?:really|actually|truly|genuinely) (?:care|love|want|wanted|meant|tried)",
            r"if you (?:weren't|were not|wasn't) (?:so|such|always|being|constantly|too|that)",
            r"if you were (?:less|more|not so|a better|any|half)",
            r"if only you",
        ],
        "A condition like this says the ending was their doing; it is blame in a softer shape.",
        "Speak for yourself: what you wish had been different, and your own part.",
        unless_before=_FREE_BEFORE,
        unless_after=_CHOICE_AFTER,
    ),
    _rule(
        Kind.BLAME,
        Pattern.CRITICISM,
        [
            r"you made me"
            r"(?! (?:laugh|smile|happy|a better|better|stronger|braver|believe|feel (?:loved"
            r"|safe|seen|welcome|at home|special|understood|valued|like i (?:mattered|belonged))))",
            r"you made (?:this|it|everything|things|my life|us) (?:so |really |far )?(?:hard"
            r"|difficult|impossible|worse|awful|complicated|miserable|hell|unbearable)",
            r"you (?:ruined|destroyed|wrecked|broke|killed|poisoned|sabotaged|screwed up"
            r"|messed up|blew up|threw away) (?:everything|us|it|our|this|what|the|any)",
            r"you (?:hurt|betrayed|abandoned|used|lied to|cheated on|humiliated|deceived"
            r"|manipulated|gaslit|gaslighted|ghosted|dumped|left) me",
            r"you (?:threw|gave|walked|ran|tossed) (?:it all |it |us |everything |this |that "
            r"|all of it |all of this |what we had )?(?:away|up on|out on|out|away from)",
            r"you gave up",
            r"you chose [^.!?\n]{1,30}? over (?:me|us)",
            r"you (?:lied|cheated)",
            r"you have no (?:empathy|heart|respect|shame|decency|feelings|clue|soul|conscience"
            r"|idea how to|idea what (?:love|commitment|loyalty))",
            r"you(?: just)? can't (?:even |ever )?(?:admit|handle|commit|listen|be honest|take"
            r"|communicate|love|keep|stay|open up|deal|face|grow|change|do anything|be trusted"
            r"|be bothered|be there|show up|see past|think of anyone)",
            r"how could you",
            r"how dare you",
            r"what kind of (?:a )?(?:person|man|woman|partner|human|boyfriend|girlfriend|husband"
            r"|wife)",
            r"who does that",
            r"why (?:did|would|do|does|'d) you",
            r"why (?:can't|couldn't|won't|wouldn't|didn't|don't) you (?:ever|just|even)",
            r"you should(?:n't|\s+not)?(?:'?ve|\s+have)",
            r"you don't (?:even )?(?:care|listen|try|understand|respect|get it|love|bother"
            r"|think about|think of)",
            r"you didn't (?:even )?(?:care|listen|try|understand|respect|bother|fight|think"
            r"|call|ask|apologi[sz]e|notice|show up)",
            r"you only (?:care|cared|think|thought|ever think|ever thought) about (?:yourself|you)",
            r"you (?:only|just) (?:ever )?(?:call|text|write|message|reach out|come|talk to me"
            r"|show up|care|want me|remember me|get in touch)\w* (?:when|if|because)",
            r"(?:you're|you were|you was|you've been) (?:just |being |so |such |really "
            r"|too |always |honestly |literally |truly |seriously |completely |totally "
            r"|incredibly |the most |the least |a |an )?(?:so |such |a |an |too |really |very )?"
            rf"(?:{_TRAITS})",
            r"(?:you're|you are) (?:just )?like your (?:father|mother|dad|mum|mom|ex|brother"
            r"|sister)",
            r"you treat (?:everyone|me|people|us|everybody) like",
            r"you (?:only|just) ever (?:think|care|talk|cared|thought)",
            r"you took me for granted|you take me for granted",
            r"you (?:never|didn't|don't) (?:once |even )?(?:consider|considered|think about|thought"
            r" about|ask about|asked about|ask how|asked how) (?:me|my|how i|what i)",
            r"you're (?:so |such |really |just )?(?:a )?(?:selfish|cold|careless|terrible"
            r"|horrible|awful|cruel|heartless) (?:person|partner|man|woman|human)",
        ],
        _WHY_CRITICISM,
        _TRY_CRITICISM,
        unless_after=_CHOICE_AFTER,
    ),
    # ---------------------------------------------------------- contempt
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [
            rf"(?:you're|you were|you are|you) (?:so |such |just |really |honestly |literally "
            rf"|truly "
            rf"|seriously |basically |actually |genuinely |absolutely |completely |totally "
            rf"|utterly "
            rf"|fucking |an absolute |a complete |a total |such a )?(?:a |an |such a |so )?"
            rf"(?:{_INSULTS})",
            r"you (?:absolute|complete|total|utter|stupid|little|fucking) (?:idiot|loser|clown"
            r"|joke|moron|jerk|coward|hypocrite|child|baby|mess|fool)",
            r"what a (?:joke|loser|clown|hypocrite|surprise|shocker|coward|waste|fraud|child)",
            # A name-calling word standing alone as a sentence: "... forever. Liar."
            r"(?<![a-z]\s)(?:liar|loser|coward|hypocrite|clown|fraud|idiot|jerk|moron|psycho"
            r"|narcissist)(?:[.!?]+|\s*$)",
            r"grow up",
            r"get over yourself",
            r"get a life",
            r"(?:so |how )?typical(?: of you| you)?",
            r"classic you",
            r"what's wrong with you",
            r"who (?:do you think you are|even are you)",
            r"as if (?:you|i|anyone)",
            r"yeah,? right",
            r"sure,? jan",
            r"sure you (?:did|do|are|were|will|would|have|can)",
            r"of course you (?:did|do|were|are|would|will|have|had|didn't|don't|weren't|wouldn't"
            r"|won't)",
            r"oh,? (?:sure|please|right|come on|spare me)",
            r"spare me",
            r"give me a break",
            r"cool story",
            r"tell it to someone who cares",
            r"whatever you say",
            r"nice try",
            r"you wish",
            r"(?:real|very|so) (?:mature|classy|grown up|grown-up|smooth|original|brave)",
            r"real (?:cute|nice|funny|clever|great|smart|cool|charming)",
            r"(?<!a\s)(?<!an\s)nice one",
            r"(?<!a\s)(?<!an\s)good one",
            r"(?:you're|you really are|you are) (?:really |truly )?(?:something else"
            r"|a piece of work"
            r"|a real piece of work|a real charmer|a real catch)",
            r"(?:your|ur) (?:new |so-called |little )?[\"'][a-z][a-z ]{1,20}[\"']",
            r"just wow",
            r"must be nice",
            r"good for you,? i guess",
            r"good luck (?:with that|finding|getting|trying|explaining|ever|to him|to her"
            r"|to them|with him|with her|with them)",
            r"how (?:convenient|original|mature|typical|pathetic|predictable|rich)",
            r"congrat(?:s|ulations) on (?:being|ruining|breaking|finally|becoming|your new life)",
            r"as (?:fake|cold|empty|shallow|selfish|heartless|cruel|dumb|stupid|hollow|useless"
            r"|worthless|pathetic|boring|hopeless|miserable|toxic|cheap|two-faced|fickle) as you",
            r"some people (?:just )?(?:can't|never|don't|always|will never)",
            r"here we go(?: again)?",
            r"(?:lol|lmao|lmfao|rofl)[.,!]* (?:ok|okay|sure|right|yeah|whatever|good luck|nice"
            r"|as if|k|cool|wow|of course|classic|typical|imagine|you wish|you really|you think"
            r"|you actually|you're|you were)",
            r"(?:ok|okay|sure|yeah|right|k|wow|cute|whatever|cool|nice)[.,!]* (?:lol|lmao|lmfao)",
            r"eye ?roll|rolls? (?:my )?eyes",
            r"i (?:can't|cant) believe i (?:ever|wasted)",
            r"(?:hope you're|are you|so) (?:happy|proud of yourself) now",
            r"happy now\?",
            r"you (?:disgust|sicken|repulse) me",
            r"cry me a river",
            r"(?:sure|yeah|right),? because (?:you're|you are|you were)",
            r"because (?:you're|you are) (?:so|soo+|sooo+) (?:busy|important|perfect|special"
            r"|tired)",
            r"(?:ok|okay|thanks|sure|whatever),? genius",
            r"(?:boo ?hoo|poor you|poor baby|my heart bleeds)",
            r"(?:oh )?(?:wow,? )?you finally (?:figured|learned|learnt|worked|noticed|realised"
            r"|realized"
            r"|remembered|found|managed|grew|decided)",
            r"(?:hope you're|are you|you must be) (?:enjoying|loving) (?:your|the) (?:new|single"
            r"|free|perfect|little)",
            r"(?:nobody|no one) (?:believes|cares about|likes|wants|takes) you",
        ],
        "Mockery and scorn say “I am above you”; Gottman found contempt the most "
        "damaging of the four horsemen.",
        "Leave the sarcasm out; say plainly what you feel and what matters to you.",
    ),
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [
            r"(?:you|you're|you were|you are|you was) [\"'][a-z][a-z ]{1,24}[\"']",
        ],
        "Quoting their words back in scare quotes mocks them; it is contempt.",
        "Say plainly what you doubt or what hurt, without the quotation marks.",
    ),
    _rule(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        [r"(?:lol|lmao|lmfao|rofl)(?=[^\S\n]*(?:[.!?…]|\n|$))"],
        "A bare “lol” in answer to something serious reads as laughing at them.",
        "Leave it out; say plainly what you feel.",
        opens_sentence=True,
    ),
    _symbols(
        Kind.CONTEMPT,
        Pattern.CONTEMPT,
        "\U0001f644|\U0001f612|\U0001f921|\U0001f595|\U0001f485",
        "An eye-roll (or a clown) says “I am above you” without a word; it reads as contempt.",
        "Leave it out; say plainly what you feel.",
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
            r"what about (?:you|what you|when you|how you|the time|that time|the times|all the"
            r" times|your)",
            r"(?:you're|you were) the one (?:who|that)",
            r"i (?:wasn't|'m not|am not|was not) the one (?:who|that)",
            r"(?:yes|yeah|ok|okay|sure),? but you",
            r"sorry,? but",
            r"sorry (?:if )?you (?:feel|felt) (?:that way|like that|this way|that)",
            r"sorry if you (?:were|got|felt) (?:offended|upset|hurt)",
            r"sorry (?:that )?you (?:took it|see it|think|were offended)",
            r"i only [^.!?\n]{1,40}? because (?:you|u)",
            r"i wouldn't have [^.!?\n]{1,40}? if (?:you|u)",
            r"i had (?:no|every) (?:choice|right)",
            r"you (?:gave|left) me no (?:choice|option)",
            r"you (?:pushed|drove|forced) me (?:to it|into it|to do it|to this|to that|away|too far"
            r"|over the edge|to the edge|to breaking point|crazy|mad|into (?:this|that|a corner))",
            r"you (?:pushed|drove|forced) me(?=[^\S\n]*(?:[.!?,…]|\n|$))",
            r"(?:don't|stop|you can't) blam(?:e|ing) (?:me|this on me|it on me)",
            r"don't (?:put|pin) (?:this|it|that|everything|all of this|the blame) (?:all )?on me",
            r"don't make this about me",
            r"it takes two",
            r"i'm not the (?:only )?(?:one (?:who|to blame)|bad guy|villain|problem)",
            r"you started it",
            r"at least i",
            r"look who's talking",
            r"that's rich(?: coming)? from you",
            r"says the (?:person|one|guy|girl|man|woman) who",
            r"you're one to talk",
            r"you did (?:the same|it too|worse|that too|the exact same)",
            r"(?:you're|you are|you were|you weren't|you aren't) (?:not )?(?:exactly )?"
            r"(?:perfect|innocent|a saint|an angel|blameless) (?:either|too|yourself)",
            r"you weren't (?:exactly )?(?:perfect|innocent|a saint|an angel)",
            r"(?:you're|you are|you were|you weren't|you aren't) (?:not )?exactly (?:perfect"
            r"|innocent"
            r"|a saint|an angel|blameless|faultless)",
            r"it's not like you were (?:perfect|innocent|a saint|an angel|blameless|any better)",
            r"don't (?:act|pretend) (?:like )?you(?:'re| are| were)?",
            r"so don't (?:lecture|judge|blame|tell) me",
            r"don't lecture me",
            r"i did what i had to",
            r"(?:maybe |try |go )?look(?:ing)? at yourself",
            r"don't (?:turn|flip|twist) (?:this|it|that)(?: around| back)? on me",
            r"like you're (?:any )?(?:better|perfect|innocent|a saint)",
            r"(?:you're|you are|you were) no (?:better|saint|angel)",
            r"that's not fair,? you",
            r"you did it too",
            r"as if you(?:'re| were| are)? (?:perfect|innocent|any better|a saint|blameless)",
            r"at least i'm not",
            r"point(?:ing)? (?:the )?fingers?",
            r"(?:i|you) never threw (?:it|that|them|this) in your face",
            r"what was i supposed to do",
            r"what (?:more|else) do you want(?: from me)?",
            r"i (?:said|already said|told you) (?:i'm |i was )?sorry,? (?:what|so|ok|okay|didn't i"
            r"|isn't that|that should)",
            r"i was (?:just|only) (?:being honest|joking|kidding|saying|trying to help)",
        ],
        "Defending yourself or pointing back at them shuts out what they are trying to say.",
        "Take responsibility for even a small part: “You're right that I…”.",
    ),
    # ------------------------------------------------------ stonewalling
    _rule(
        Kind.STONEWALLING,
        Pattern.STONEWALLING,
        [
            r"(?:ok |okay |oh )?fine(?:,? (?:whatever|then|be that way|have it your way|do what"
            r" you want))?(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"(?:(?:ok|okay|oh|yeah|sure|k|fine|well)[,.]? )?whatever(?=[^\S\n]*(?:[.!?,;…]|\n|$))",
            r"(?:ok|okay|k|fine)[.,!]* bye",
            r"not doing this(?: again| anymore| now)?",
            r"forget it",
            r"never ?mind|nvm",
            r"drop it",
            r"don't bother(?: (?:replying|answering|responding|texting|calling|writing))?",
            r"i'm (?:so )?done(?: with (?:this|you|us|it|all of this))?(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"(?:k|kk)(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"(?:it )?(?:doesn't|does not) matter(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"leave it(?: alone| there| be)?(?=[^\S\n]*(?:[.!…]|\n|$))",
            r"forget i (?:said|asked|mentioned)(?: anything| it)?",
        ],
        "Shutting the conversation down leaves them alone with it; Gottman calls it stonewalling.",
        "If you feel flooded, say so and name when you can come back to it.",
        opens_sentence=True,
    ),
    _rule(
        Kind.STONEWALLING,
        Pattern.STONEWALLING,
        [
            r"i'm done (?:talking|with (?:this|you|us|it|the conversation|this conversation))",
            r"i don't (?:want|wanna) to (?:talk|hear|discuss) (?:about )?(?:it|this|that|you)",
            r"i'm not (?:going to |gonna )?(?:talk|discuss|argue|doing|having) (?:about )?"
            r"(?:this|it|that)",
            r"not discussing (?:this|it)",
            r"not (?:talking|arguing|going) (?:about|over) (?:this|it|that)(?: again| anymore)?",
            r"end of (?:discussion|story|conversation)",
            r"(?:this )?conversation(?: is)? over",
            r"(?:it )?(?:doesn't|does not) matter anymore",
            r"i don't care"
            r"(?! (?:what (?:people|anyone|others)|who knows|how long|if it takes|about the"
            r"|that you|whether))(?: anymore| about (?:this|it|you|us|any of it))?",
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
            r"(?:do |don't |d'|you )?(?:you )?remember(?! to| me kindly| me fondly)",
        ],
        "Calling up old times pulls the talk into the past; a gentle start-up stays with now.",
        "Speak about the present and what you hope for from here on.",
        opens_sentence=True,
    ),
    _rule(
        Kind.DWELLING,
        Pattern.GENTLE_STARTUP,
        [
            r"(?:do|don't|did) you (?:even |still )?remember",
            r"remember (?:when|how|the time|that time|that night|that day|last|our|what|those"
            r"|us|back)",
            r"(?:that|the) (?:night|day|evening|weekend|morning|summer|time|trip|holiday|party"
            r"|fight"
            r"|argument|christmas|birthday) [^.!?\n,]{1,25}?,? (?:you|we) (?:said|told|promised"
            r"|were|was|did|made|left|kissed|swore|called|looked|had|got|walked|went|used|forgot"
            r"|ignored|chose)",
            r"(?:back then|that time|that night|that day|that evening|that weekend|that morning"
            r"|that summer|the night|the day|the morning|the evening)(?:,| when)? (?:you|we)",
            rf"last (?:{_SEASONS}|night|week|{_DAYS}|{_MONTHS})(?:,| when)? (?:you|we)",
            rf"(?:on |in )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})"
            r"(?:,| when)? (?:you|we)",
            rf"(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?(?:,| when)? (?:you|we|when you|when we)",
            r"(?:on|at|for|it was) (?:our|your|my) (?:anniversary|birthday|first date|wedding"
            r"|engagement|holiday)(?:,| when)? (?:you|we)",
            r"i keep (?:replaying|thinking about|going over|going back over|going back to"
            r"|rereading|reliving|remembering|seeing|hearing|picturing|coming back to)",
            r"i (?:can't|cannot) stop (?:thinking about|replaying|going over|remembering"
            r"|picturing|reliving)(?! you\b)",
            r"i still (?:think about|remember|replay|reread|go over|dream about|picture|hear"
            r"|relive)"
            r"(?! you\b)",
            r"i still (?:have|keep|read|listen to) (?:every|all)(?: of)?(?: your| the| our| those)?"
            r" (?:messages?|texts?|letters?|photos?|voicemails?|notes?|cards?|emails?)",
            r"i (?:replay|reread|relive|go over) (?:it|them|that|those|everything|every|our|the"
            r"|what)",
            r"(?<!of\show\s)(?<!about\show\s)(?:we|you) used to",
            r"back when (?:we|you)",
            r"back then,? (?:you|we)",
            r"how happy we were",
            r"(?:our|my|your) (?:\w+ )?anniversary (?:was|is|would have been|would've been)"
            r" (?:yesterday|today|tomorrow|last|next|this)",
            r"it (?:would have|would've|will have) been (?:our|\d+|one|two|three|four|five)",
            r"this time last (?:year|summer|winter|christmas|month)",
            r"(?:a|one|two|three) years? (?:ago )?today",
            r"(?:a|one|two|three|four|five|six|\d+|a few|many|so many) (?:years?|months?|weeks?"
            r"|days?) ago(?: today| tonight| this week| now)?,? (?:you|we|when)",
            r"(?:this|that) (?:day|night|week) (?:last year|years ago),? (?:you|we)",
            r"(?<!of\s)(?<!about\s)(?:the way|how) (?:we|things|it|you) used to",
            r"the old (?:days|us|times|you)",
            r"(?:go|get|going|getting) back to (?:how|the way|what|before)",
            r"everything reminds me of (?:that|the|our|when|how|what)",
            r"i still can't believe (?:you|what you|that you|how you|what)",
            r"i'll never forget (?:what|how|when|that|the way) you",
            r"i can't (?:stop thinking|get over) (?:about )?(?:what|how|when|the way) you",
            r"after what you did",
            r"what you did (?:to me|back then|last|at|that|on)",
            r"all those times you",
            r"like (?:last time|the last time|that time|you did before|before)",
            r"you still haven't",
            r"every (?:message|text|letter|photo|word) you (?:ever )?(?:sent|wrote|said)",
        ],
        "Bringing back old times or old grievances pulls the talk into the past; a gentle "
        "start-up stays with now.",
        "Speak about the present and what you hope for from here on.",
    ),
    # --------------------------------------------- pressure and ultimatums
    _rule(
        Kind.PRESSURE,
        Pattern.REQUEST,
        [
            r"(?:just |please |now |so )?(?:answer|reply|respond|call|text|ring|message|pick up"
            r"|talk to me|tell me|come back|come home|come over|meet me|say something|unblock"
            r"|stop ignoring|stop pretending|stop avoiding|stop running|stop fighting|stop hiding"
            r"|stop lying|stop playing|admit|look at me|listen to me|give me|give us|get back to me"
            r"|write back|see me|answer me|call me|text me|don't (?:be late|leave|go|do this|walk"
            r"|say no|give up on us|ignore))",
        ],
        "An order aimed at them leaves no room to say no; in nonviolent communication a "
        "real request does.",
        _TRY_PRESSURE,
        unless_after=_CHOICE_AFTER,
        opens_sentence=True,
    ),
    _rule(
        Kind.PRESSURE,
        Pattern.REQUEST,
        [
            r"you(?:'ve)? (?:have to|need to|ought to|got to|gotta)"
            r"(?! (?:take care|look after|do what's|rest|be kind to yourself|do what feels"
            r"|put yourself))",
            r"you must(?!\s+(?:have|be|feel|'ve|know))",
            r"i need (?:an? )?(?:answer|reply|response|explanation|decision)",
            r"i need (?:you|u) (?:to|back|here|now|so)",
            r"i need to (?:know|hear|see you|talk to you|hear your voice)",
            r"if you (?:don't|won't|can't|ignore|never|keep)"
            r"(?!\s+(?:want|wish|feel|have\s+time|mind|like|need|get\s+(?:a|the)\s+chance))",
            r"(?:answer|reply to|respond to|call|text|ring|message) me"
            r"(?: back)?(?: already| please| now| asap| right now| immediately| tonight| today)?",
            r"(?:call|text|message|reply|answer|respond|write)(?: me)?(?: back)?"
            r" (?:asap|right now|immediately|now|tonight|today)",
            r"why (?:won't|don't|aren't|haven't|didn't|can't|wouldn't|hasn't) you (?:answer|repl"
            r"|respond|text|call|pick up|writ|talk|see|look|messag|get back|just|even)\w*",
            r"why are you (?:ignoring|avoiding|not answering|not replying)",
            r"(?:don't|stop) ignoring (?:me|this|my)|don't ignore (?:me|this|my)"
            r"|(?:you're|why are you) ignoring me",
            r"you can't (?:keep )?(?:ignore|ignoring|avoid|avoiding) me",
            r"i (?:know|can see) you(?:'ve| have)? (?:seen|read) (?:it|this|my|these|them)",
            r"left me on read",
            r"(?:are you|you) (?:even )?(?:reading|getting|seeing) (?:these|this|my)",
            r"i(?:'ve)? (?:texted|called|messaged|rung) (?:you )?(?:\d+|ten|twenty|so many"
            r"|a hundred|a dozen|five|six|seven|eight|nine|dozens of) times",
            r"(?:last|final|one last) (?:chance|warning|offer|time i(?:'m| am)? ask)",
            r"now or never",
            r"or (?:else|we're done|we are done|it's over|that's it|i'm done|i'm gone|i'm leaving"
            r"|i'm coming|i'll come|i will come|i'll show up|i'll turn up|i'm going|i'm gonna"
            r"|forget it|i swear|i give up|i'll never|you'll regret)",
            r"let me know by",
            r"(?:answer|reply|respond|decide|decision|hear from you|hear back|tell me|call|text"
            r"|know|back to me|answer me)(?![\w'])[^.!?\n]{0,30}? (?:by|before|until"
            r"|till) (?:tonight"
            rf"|tomorrow|midnight|noon|the weekend|the end of|end of|this|next|{_DAYS}|\d)",
            r"(?:before|by) (?:tonight|tomorrow|midnight|the weekend|the end of (?:the )?(?:day"
            r"|week))(?: or)",
            r"you(?:'ve| have)?(?: got)? (?:until|till|\d+ (?:hours|days|minutes)|(?:one|two|three"
            r"|24|48) (?:hours|days|minutes)|a (?:day|week))",
            r"i'm giving you (?:until|till|\d|one|two|a|the)",
            r"i'll give you (?:until|till|\d|one|two)",
            r"before (?:it's too late|i give up|i move on|i change my mind|i lose)",
            r"you'll (?:regret|be sorry|come back|be back|realise|realize|miss me|see)",
            r"(?:just )?give (?:me|us|it|this) (?:one more|another|a second|a last|one last|a"
            r" final|a real) (?:chance|try|shot|go)",
            r"(?:one more|another|a second|one last) (?:try|chance|shot|go|time)",
            r"let's (?:try again|give it another|start over|get back together)",
            r"i'll (?:keep (?:trying|texting|calling|messaging|waiting|writing)|wait forever|never"
            r" (?:stop|give up)|wait (?:outside|for you|until|till|here)|be waiting|come over"
            r"|come round|come by|show up|turn up|be outside)",
            r"i'm (?:coming|going to come|gonna come) (?:over|round|to your|to see you)",
            r"i won't (?:stop|give up|take no|accept|leave you alone|let you go)",
            r"i'm not (?:giving up|letting (?:you|this|us) go|going anywhere|taking no)",
            r"no matter what you (?:say|think|want|do|decide)",
            r"(?:i'll|i will) (?:never|not) (?:stop|give up|let you go|accept)",
            r"we (?:need|have|got) to (?:talk|meet|see each other|get back together|try again"
            r"|fix this|sort this out|work this out|figure this)",
            r"we (?:belong|are meant|'re meant|were meant|are supposed to be|'re supposed to be)"
            r" (?:together|to be|for each other)",
            r"meant to be together|meant for each other",
            r"(?:we're|we are) meant to be",
            r"soul ?mates",
            r"(?:you|we) both know",
            r"you know (?:you|we|it) (?:still )?(?:love|want|belong|miss|need|feel|are|'re"
            r"|should)",
            r"deep down (?:you|u)",
            r"(?:we're|we are|this is|this isn't|we aren't) not (?:over|done|finished)",
            r"(?:we're|we are) not over|this isn't over",
            r"and you know it",
            r"(?:just )?admit (?:it|that|you)",
            r"(?:stop|quit) (?:pretending|fighting it|fighting this|lying to yourself)",
            r"(?:nobody|no one) (?:will|could|is going to) (?:ever )?(?:love|know|understand"
            r"|want) you like",
            r"please,? (?:just |please )?(?:answer|reply|respond|call|text|talk|listen|come"
            r" back|come home|meet|see me|give me|give us|tell me|pick up|unblock|stop|don't"
            r" leave|don't go|don't ignore|don't do this|let me|let's|reconsider|change your"
            r" mind|please)",
            r"don't you dare",
            r"how long (?:are you|will you|do i have to|am i supposed to|must i)",
            r"unblock me",
        ],
        _WHY_PRESSURE,
        _TRY_PRESSURE,
        unless_before=_FREE_BEFORE,
        unless_after=_CHOICE_AFTER,
    ),
    # --------------------------------------------------------------- guilt
    _rule(
        Kind.GUILT,
        Pattern.REQUEST,
        [
            r"i (?:can't|cannot|couldn't|haven't been able to|can barely|barely|don't|didn't)"
            r" (?:even )?(?:eat|sleep|breathe|function|get out of bed|stop crying|go on|cope"
            r"|concentrate|focus|think straight)",
            r"i (?:can't|cannot|couldn't) (?:work|think|live)(?! out| of| about| that| how)",
            r"i haven't (?:eaten|slept)",
            r"i'm not (?:eating|sleeping|coping|functioning|okay without you)",
            r"(?:i )?hope (?:that|this|it) makes you (?:happy|feel better|proud)",
            r"i(?:'ve| have)? (?:lost|stopped|barely|been (?:crying|sick|ill|a mess|a wreck"
            r"|drinking"
            r"|so low)|cried|not (?:eaten|slept))[^.!?\n]{0,30}? since you",
            r"i (?:haven't|have not|hardly|barely|can't|couldn't|don't|didn't"
            r"|never) [^.!?\n]{1,30}?"
            r" since you (?:left|went|walked|ended|dumped|broke|moved out|ghosted|stopped|blocked)",
            r"while i'm (?:falling apart|a mess|a wreck|alone|crying|dying|suffering|here)",
            r"(?:i )?hope (?:you're|you are|ur) (?:happy|satisfied|proud of yourself|pleased with"
            r" yourself|happy with yourself)(?: with (?:him|her|them|yourself|that|this|your"
            r"(?: new)? \w+|what you(?:'ve)? (?:did|done)))?(?: now| then| together|,? i guess)?"
            r"(?=[^\S\n]*(?:[.!?…]|\n|$))(?![.!…]?\s+(?:you|u)\s+(?:really\s+|truly\s+)?deserve)",
            r"are you happy now",
            r"after (?:everything|all|all that|all this|everything that) (?:i|i've|i have|we've"
            r"|we have) (?:did|done|gave|given|sacrificed|been through|put up with|gave up"
            r"|went through|give|do)",
            r"i gave (?:you|up) (?:everything|the best|my (?:all|life|best|youth|heart|everything)"
            r"|so much|years|all of me)",
            r"i (?:sacrificed|gave up|changed|did|put up with|tried|went through) (?:everything"
            r"|so much|all of this|all that|it all|all this|this|that|a lot|my life) for (?:you"
            r"|us)",
            r"this is what i get",
            r"(?:alone forever|forever alone)",
            r"(?:i'll|i will|i'm going to|i'm gonna|guess i'll|i'll just) (?:just )?(?:be|die"
            r"|end up|stay|grow old) alone",
            r"i guess i(?:'ll| will)? (?:just )?(?:disappear|go away|give up|be alone|die|stop"
            r" existing|not bother|leave you alone then)",
            r"i guess i(?:'m| am)? (?:just )?(?:not|nothing|worthless|unlovable|the problem"
            r"|the bad guy|not enough)",
            r"i guess i (?:don't|didn't|never) (?:matter|mean|count)",
            r"(?:no one|nobody) (?:will|would|could|is going to|'ll) (?:ever )?(?:love|want"
            r"|care about|put up with|choose) me",
            r"i'm nothing without you",
            r"without you i(?:'m| am)? (?:nothing|lost|empty|broken)",
            r"what am i supposed to do without you",
            r"i can't (?:live|go on|be happy|cope|survive|breathe|sleep|function) without you",
            r"do you (?:even )?care (?:that|if|how|about|what)",
            r"do you (?:even )?know how (?:much|hard|bad)",
            r"i hope (?:it|he|she|they|that|this) (?:was|is|'s|were|are) worth it",
            r"hope you can (?:sleep|live with yourself|look at yourself)",
            r"i hope you (?:regret|suffer|feel (?:bad|guilty|terrible|awful|it)|rot)",
            r"look (?:at )?what you(?:'ve| have)? (?:done|did)",
            r"you(?:'ve| have)? (?:broke|broken|destroyed|wrecked|ruined|shattered) me",
            r"you(?:'ve| have)? (?:ruined|destroyed|wrecked) my life",
            r"my life is (?:ruined|over|a mess|falling apart|nothing|hell)",
            r"i (?:cry|cried) (?:myself to sleep|every (?:night|day))",
            r"the (?:kids|children|dog|cat) (?:keep|keeps|miss|misses|ask|asks|cry|cries|won't"
            r" stop)",
            r"you don't (?:even )?care (?:that|if|how|about me)",
        ],
        "Laying your pain at their door asks them to act out of guilt; a request they "
        "cannot refuse without feeling cruel is not free.",
        "Tell someone close how hard it is; to them, say what you wish for without the weight.",
    ),
    _rule(
        Kind.GUILT,
        Pattern.REQUEST,
        [
            r"i don't want to (?:live|be here|exist|wake up|go on)",
            r"i(?:'ll| will| want to|'m going to) (?:kill|hurt|end) myself",
            r"end it all",
            r"no reason to (?:live|go on)",
            r"what's the point (?:of|in) (?:living|anything|going on|life|me)",
            r"i might as well (?:die|disappear|not be here|be dead)",
            r"better off without me",
        ],
        "This sounds like you may be in real pain; a message to them cannot carry it, "
        "and it can land as pressure.",
        "Please talk to someone you trust, or a local crisis line, today. You deserve support now.",
    ),
    # ----------------------------------------------------- crossing a boundary
    _rule(
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        [
            r"(?:i know|i realise|i realize|i understand|i get (?:it|that)|i'm aware|i know that)"
            r" (?:that )?you(?:'ve|'d| have| had)? (?:said|asked|told me|want|wanted|need|needed"
            r"|don't want|didn't want|blocked|made it clear|begged|asked me|said you|deleted"
            r"|unfollowed|moved on|are done|'re done)[^.!?\n]{0,50}?"
            r"(?<![\w'])(?:but|still|so|anyway|though|yet|however)(?![\w'])",
            r"(?:even though|although|though|despite(?: the fact)?(?: that)?) you(?:'ve|'d| have"
            r"| had)? (?:said|asked|told me|want|wanted|need|needed|don't want|didn't want"
            r"|blocked|made it clear|begged|asked me|said you)[^.!?\n]{0,40}",
        ],
        "They told you what they need. A message that starts by setting it aside asks them "
        "to defend their no again.",
        "Honour what they asked; keep this as an unsent letter, for you.",
        requires=_NO_WORDS,
    ),
    _rule(
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        [
            r"i know i(?:'m| am) not supposed to (?:text|contact|message|call|write|reach out"
            r"|see|talk)",
            r"i know i shouldn't (?:be )?(?:text|contact|messag|call|writ|reach|talk)\w*",
            r"sorry (?:to|for) (?:message|messaging|text|texting|write|writing|bother|bothering"
            r"|reach|reaching out|contact|contacting|call|calling)(?: you)?(?: out)? again",
            r"(?:texting|messaging|writing|calling|contacting) (?:you )?again (?:even though"
            r"|after|when|although|despite)",
            r"i know you (?:asked|told) me not to",
            r"you asked me not to",
            r"i know you blocked",
            r"(?:since|because|now that) you blocked me",
            r"(?:made|created|got|using) (?:a )?(?:new|different|another|second|fake) (?:account"
            r"|number|profile|phone|email)",
            r"(?:trying|using|from) (?:this|a new|a different|another|my (?:friend|sister"
            r"|brother|mum|mom)'?s?) (?:number|account|phone)",
            r"i know you (?:don't|didn't) want to hear from me",
            r"(?:i know )?i (?:said|promised) (?:i'd|i would|i'll|i will|to|that i'd|that i would)"
            r" (?:stop|not (?:text|message|call|write|contact)|leave you alone|give you space)",
        ],
        "They asked for no contact, or made it clear. Writing anyway, however gently, "
        "tells them their no did not count.",
        "Honour what they asked; keep this as an unsent letter, for you.",
    ),
    _rule(
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        [
            r"(?:i )?(?:drove|walked|went|came|cycled|passed|was|stood|waited|sat|parked|stopped"
            r"|hung"
            r" around|looked|ran|go|drive|walk|wait|swung)(?: right| round| over| back| again)?"
            r" (?:past|by|outside|near|around|to|at|in front of|across from|down|up to|into)"
            r" (?:your|ur) (?:place|house|flat|apartment|home|work|office|building|street|door"
            r"|window|job|gym|school|parents'?|mum's|mom's|car|new|workplace|uni|college"
            r"|neighbou?rhood|local)",
            r"(?:outside|in front of) (?:your|ur) (?:place|house|flat|apartment|home|work|office"
            r"|building|door|window|job|gym|school|parents'?|workplace)",
            r"(?:i )?(?:saw|seen|noticed|checked|looked at|keep checking|kept checking"
            r"|been checking"
            r"|stalked|scrolled through|watched|see|check|look at|was looking at|looked through"
            r"|looking at|looking through|going through|scrolling through|stalking|checking"
            rf"|went through|found|zoomed in on|screenshotted) (?:all )?(?:of )?(?:your"
            rf"|ur) (?:{_WATCHED})",
            rf"(?:saw|seen|noticed|see) (?:it )?(?:on|in) (?:your )?(?:{_SOCIAL}|story|stories"
            rf"|posts?"
            r"|profile|page|feed|status|photos?|pictures?|pics?)",
            r"i (?:saw|seen|see|spotted|noticed) (?:you|u) (?:with|at|in|on|were|was|kissing"
            r"|holding|out|online|last night|yesterday)",
            r"(?:i noticed|i see|i can see|i saw|i've seen) (?:that )?you(?:'re| are| were"
            r"|'ve been| have been)? (?:online|active|typing|seeing|dating|with someone|out with"
            r"|back on|on (?:tinder|hinge|bumble|the apps))",
            r"you were online",
            r"who(?:'s| is| was| are| were) (?:he|she|that|the guy|the girl|the man|the woman"
            r"|this guy|this girl|him|her|they|them)",
            r"who are you (?:seeing|with|dating|texting|talking to|sleeping with)",
            r"i heard (?:that )?you(?:'re| are| were|'ve been| have been)? (?:seeing|dating|with"
            r" someone|sleeping with|hooking up|back with|moving on|in a relationship|engaged"
            r"|talking to someone)",
            rf"(?:your|ur|our) (?:{_FAMILY})'?s? (?:told me|said"
            rf"|mentioned) (?:that )?(?:where you(?:'\w+)?"
            r"|who you(?:'\w+)?|what you've been|you(?:'ve| have)? been (?:going|seeing|dating|out"
            r"|partying"
            r"|sleeping)|you(?:'re| are) (?:seeing|dating|with|going out))",
            rf"i asked (?:your|ur|our) (?:{_FAMILY}) (?:how|where|about|what|who|if|whether)",
            r"i (?:found|looked up|tracked|checked|got) (?:your|ur) (?:new )?(?:address|number"
            r"|location|work address|schedule)",
            r"i(?:'ve| have)? been (?:following|watching|tracking|checking) (?:you|your)",
        ],
        "Watching their life from a distance, or turning up where they are, crosses the "
        "line they drew; it can frighten them.",
        "Step back from their places and profiles; put what you feel in your journal instead.",
    ),
    # --------------------------------------------------------- triangulation
    _rule(
        Kind.TRIANGULATION,
        Pattern.TRIANGULATION,
        [
            r"even (?:your|ur|my|our) [a-z']+(?: [a-z']+)? (?:thinks?|says?|said|agrees?|agreed"
            r"|knows?|told|feels?|believes?|can see|sees|noticed|reckons?)",
            r"(?:(?:everyone|everybody|people|anyone) (?:we|i|you) know|everyone|everybody"
            r"|all (?:of )?"
            r"(?:my|your|our|ur) (?:friends|family)|(?:my|your"
            r"|our|ur) (?:friends|family) all|all our friends|anyone)(?: all)? (?:thinks?|says?"
            r"|agrees?|knows?|can see|believes?|sees|reckons?|are (?:all )?(?:asking|saying"
            r"|talking|wondering)|is (?:asking|saying|talking))(?! (?:hi|hello|hey|congrat|happy"
            r"|well done|good luck))",
            rf"(?:my|your|ur|our) (?:{_FAMILY})'?s? (?:all )?(?:thinks?|says?|agrees?|feels?"
            r"|believes?|knows?|reckons?)(?: that)? (?:you(?:'?re|'?ve|'?d|'?ll)?|we|your"
            r"|i was right|it was)",
            rf"(?:my|your|ur|our) (?:{_FAMILY})'?s? (?:is|are|was|were) (?:all )?on my side",
            r"(?:took|takes|take) my side|sided with me|agrees? with me",
            r"(?:he's|she's|they're|he is|she is|they are|everyone's"
            r"|everyone is) (?:all )?on my side",
            rf"(?:my|your|ur|our) (?:{_FAMILY})'?s? (?:told me|said|says|tell me) (?:that )?you"
            r" (?:still |secretly |really )?(?:miss|love|want|regret|think|feel|know"
            r"|made a mistake)",
            rf"(?:my|your|our) (?:{_FAMILY}) (?:are|is) (?:all )?(?:asking|saying|talking|wondering"
            r"|on my side)",
            r"ask (?:anyone|anybody|everyone|our friends|your (?:friends|family|sister|brother"
            r"|mum|mom|dad|parents))",
            r"they'll (?:all )?tell you",
        ],
        "Bringing other people's opinions in turns a talk between two into a verdict by many; "
        "it leaves them outnumbered.",
        "Speak only for yourself: what you saw and what you feel.",
    ),
    # --------------------------------------------------------- entitlement
    _rule(
        Kind.ENTITLEMENT,
        Pattern.REQUEST,
        [
            r"you (?:at least |still |really |kind of |literally )?owe (?:me|it to me|it to us|us)",
            r"i deserve (?:an? (?:answer|explanation|reply|response|chance|second chance"
            r"|conversation|apology|proper)|the truth|to know|to be told|to hear|to see|to talk"
            r"|better|more than|another|closure|answers|respect|a say|one more|some)",
            r"i(?:'ve| have)? earned (?:an?|the|this|that|it|some|your|my|one)",
            r"i have (?:a|every|the) right to",
            r"it's my right",
            r"i'm entitled",
            r"the least you (?:can|could) do",
            r"you can't just (?:leave|walk|ignore|cut|end|throw|erase|shut|block|pretend|move on"
            r"|replace|act|disappear|ghost|forget|drop|dump|decide|stop)",
            r"you (?:don't|do not) get to (?:just )?(?:leave|ignore|walk|decide|end|cut|move on"
            r"|pretend|act|say|erase|disappear|ghost|choose|tell|throw)",
        ],
        "This treats their time or their heart as something owed; what is owed cannot be "
        "freely given.",
        "Ask for what you would like, and accept that they may say no.",
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

#: The finding every draft gets under no-contact mode, whatever its words.
NO_CONTACT_REASON = (
    "They asked for no contact, so any message to them now crosses that line, however "
    "kindly it is worded."
)
NO_CONTACT_DIRECTION = (
    "Keep this as a letter for yourself. If they reach out to you one day, you can answer then."
)


def _lower(text: str) -> str:
    """``text`` in lower case, one character for one character."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters grow when lowered ("İ"); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _sentence_rest(text: str, end: int) -> str:
    """The rest of the sentence after ``end`` (at most a window's worth)."""
    rest = text[end : end + _WINDOW * 2]
    for stop in ".!?\n":
        cut = rest.find(stop)
        if cut != -1:
            rest = rest[:cut]
    return rest


def _opens_sentence(text: str, start: int) -> bool:
    """Whether only spaces, quotes, emoji and such stand between a sentence end and ``start``."""
    before = text[max(0, start - _WINDOW) : start]
    gap = _OPENING.search(before)
    assert gap is not None  # the pattern matches the empty string at the end
    if gap.start() == 0:
        return start - len(before) == 0 or text[start - len(before) - 1] in _SENTENCE_END
    return before[gap.start() - 1] in _SENTENCE_END


# ------------------------------------------------------------------- engine
# How the rules are run. Trying every phrase at every word would cost some
# milliseconds per draft, so the phrases are indexed by the words they can
# begin with: the draft is split into words once, and at each word only the
# phrases that can begin with it (and, mostly, with the word after it) are
# tried. The index is built on first use, not when the app starts.
_TOKEN = re.compile(r"\w[\w']*")
_EXPANSIONS = 3000  # literal beginnings enumerated per phrase before giving up
_ROUTES = 50_000  # word pairs whose phrases are remembered


_WHOLE_WORD = re.compile(r"\w[\w']*(?=[^\w'])")


@cache
def _whole_words(text: str) -> int:
    """How many words of ``text`` are followed by something else (so are whole)."""
    return len(_WHOLE_WORD.findall(text))


def _beginnings(
    items: list[tuple[Any, Any]], acc: str, out: list[tuple[str, bool]], words: int = 2
) -> None:
    """Spell out the literal beginnings of a parsed phrase, up to its first two words.

    Appends ``(text, finished)`` pairs to ``out``: ``finished`` is True when the
    phrase ends there (its last word is then whole), False when the
    enumeration stopped at something it cannot spell out (or had enough).
    """
    if len(out) > _EXPANSIONS:
        return
    if _whole_words(acc) >= words:
        out.append((acc, False))
        return
    for index, (op, av) in enumerate(items):
        rest = items[index + 1 :]
        if op is _c.LITERAL:
            acc += chr(av)
            continue
        if op is not _c.LITERAL and _whole_words(acc) >= words:
            break  # enough words spelled out: what follows does not change the key
        if op is _c.ASSERT_NOT and av[0] == 1 and _ends_word(av[1].data):
            acc += " "  # (?![\w']): the word before it is whole
            continue
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the phrase's own pattern checks it
        if op is _c.IN:
            if av == [(_c.CATEGORY, _c.CATEGORY_SPACE)]:
                acc += " "
                continue
            if all(kind is _c.LITERAL for kind, _ in av) and len(av) <= 8:
                for _, value in av:
                    _beginnings(rest, acc + chr(value), out, words)
                return
        elif op is _c.BRANCH:
            for branch in av[1]:
                _beginnings([*branch.data, *rest], acc, out, words)
            return
        elif op is _c.SUBPATTERN:
            _beginnings([*av[3].data, *rest], acc, out, words)
            return
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, high, body = av
            if body.data == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])] and low >= 1:
                acc += " "
                continue
            if low == 0 and high == 1:
                _beginnings(rest, acc, out, words)
                _beginnings([*body.data, *rest], acc, out, words)
                return
            if low == 0 and all(
                o is _c.IN and all(k is _c.LITERAL and not chr(v).isalnum() for k, v in a)
                for o, a in body.data
            ):
                # Punctuation that may repeat or be absent: a word gap either way.
                _beginnings(rest, acc + " ", out, words)
                return
        if _is_digits(op, av):
            out.extend((acc + digit, False) for digit in "0123456789")
            return
        out.append((acc, False))
        return
    else:
        out.append((acc, True))
        return
    out.append((acc, False))


def _ends_word(items: list[tuple[Any, Any]]) -> bool:
    """Whether a look-ahead's pattern is ``[\\w']`` (so its negation ends a word)."""
    return (
        len(items) == 1 and items[0][0] is _c.IN and (_c.CATEGORY, _c.CATEGORY_WORD) in items[0][1]
    )


def _is_digits(op: Any, av: Any) -> bool:
    """Whether a parsed item is ``\\d`` or a repetition of it."""
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        op, av = av[2].data[0] if len(av[2].data) == 1 else (None, None)
    return op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]


class _Phrase:
    """One phrase of a rule, compiled the first time a draft could contain it."""

    __slots__ = ("_regex", "rule", "source")

    def __init__(self, rule: Rule, source: str) -> None:
        self.rule = rule
        self.source = source
        self._regex: re.Pattern[str] | None = None

    def end(self, text: str, start: int) -> int:
        """Where the phrase ends if it matches ``text`` at ``start``, else -1."""
        regex = self._regex
        if regex is None:
            regex = self._regex = re.compile(r"(?<![\w'])(?:" + self.source + r")(?![\w'])")
        match = regex.match(text, start)
        return -1 if match is None else match.end()


_Route = tuple[_Phrase, ...]


@dataclass(frozen=True)
class _Index:
    """The phrases, compiled and keyed by the words they begin with.

    Attributes:
        by_two: (first word, second word) -> phrases to try there.
        by_one: first word -> phrases whose second word is not known.
        by_letter: first letter -> phrases whose first word is not fixed.
        symbols: the rules of symbols, scanned on their own.
    """

    by_two: dict[tuple[str, str], _Route]
    by_one: dict[str, _Route]
    by_letter: dict[str, _Route]
    symbols: tuple[Rule, ...]
    routes: dict[tuple[str, str], _Route] = field(default_factory=dict)

    def route(self, key: tuple[str, str]) -> _Route:
        """The phrases to try at a word followed by another, remembered for next time."""
        empty: _Route = ()
        found = tuple(
            dict.fromkeys(
                self.by_two.get(key, empty)
                + self.by_one.get(key[0], empty)
                + self.by_letter.get(key[0][:1], empty)
            )
        )
        if len(self.routes) > _ROUTES:
            self.routes.clear()  # a bound on memory for very long, varied texts
        self.routes[key] = found
        return found


def _keys(phrase: str) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """The word pairs, single words and first letters a phrase can begin with."""
    found: list[tuple[str, bool]] = []
    parsed = _parser.parse(phrase).data
    _beginnings(parsed, "", found)
    if len(found) > _EXPANSIONS:
        found = []
        _beginnings(parsed, "", found, words=1)
    two: set[tuple[str, str]] = set()
    one: set[str] = set()
    letters: set[str] = set()
    for text, finished in found:
        words = [(m.group(), m.end()) for m in _TOKEN.finditer(text)]
        # A word is whole when something other than a letter follows it in the
        # spelled-out text, or when the phrase ends right after it.
        whole = [w for w, end in words if end < len(text) or finished]
        if len(whole) >= 2:
            two.add((whole[0], whole[1]))
        elif whole:
            one.add(whole[0])
        elif text[:1].isalnum():
            letters.add(text[0])
        else:
            letters.update("abcdefghijklmnopqrstuvwxyz0123456789")
    return two, one, letters


@cache
def _index() -> _Index:
    """Build the phrase index (once, on the first check)."""
    by_two: dict[tuple[str, str], list[_Phrase]] = {}
    by_one: dict[str, list[_Phrase]] = {}
    by_letter: dict[str, list[_Phrase]] = {}
    for rule in RULES:
        for source in rule.phrases:
            phrase = _Phrase(rule, source)
            two, one, letters = _keys(source)
            for key in two:
                by_two.setdefault(key, []).append(phrase)
            for word in one:
                by_one.setdefault(word, []).append(phrase)
            for letter in letters:
                by_letter.setdefault(letter, []).append(phrase)
    _whole_words.cache_clear()
    return _Index(
        {k: tuple(v) for k, v in by_two.items()},
        {k: tuple(v) for k, v in by_one.items()},
        {k: tuple(v) for k, v in by_letter.items()},
        tuple(rule for rule in RULES if rule.symbols is not None),
    )


def _candidates(text: str) -> list[tuple[Rule, int, int]]:
    """Every phrase match in lower-cased, normalised ``text``, before exceptions."""
    index = _index()
    spans: list[tuple[Rule, int, int]] = []
    words = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    routes = index.routes
    route = index.route
    words.append((len(text), ""))
    for position in range(len(words) - 1):
        start, word = words[position]
        key = (word, words[position + 1][1])
        tried = routes.get(key)
        if tried is None:
            tried = route(key)
        for phrase in tried:
            end = phrase.end(text, start)
            if end != -1:
                spans.append((phrase.rule, start, end))
    for rule in index.symbols:
        assert rule.symbols is not None
        spans.extend((rule, *m.span()) for m in rule.symbols.finditer(text))
    return spans


def _matches(text: str) -> list[tuple[Rule, int, int]]:
    """Every rule match in lower-cased, normalised ``text`` that its exceptions let stand."""
    kept: list[tuple[Rule, int, int]] = []
    for rule, start, end in _candidates(text):
        if start == end:
            continue
        if rule.requires is not None and not rule.requires.search(text, start, end):
            continue
        if rule.opens_sentence and not _opens_sentence(text, start):
            continue
        if rule.unless_before is not None and rule.unless_before.search(
            text[max(0, start - _WINDOW) : start]
        ):
            continue
        if rule.unless_after is not None and rule.unless_after.search(_sentence_rest(text, end)):
            continue
        kept.append((rule, start, end))
    return kept


def _raw_findings(text: str) -> list[Finding]:
    return [
        Finding(start, end, rule.kind, rule.pattern, rule.kind.helpful, rule.reason, rule.direction)
        for rule, start, end in _matches(text)
    ]


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


def _no_contact_finding(text: str) -> Finding | None:
    """The boundary finding for a draft written under no-contact mode: its first sentence."""
    stripped = text.lstrip()
    if not stripped:
        return None
    start = len(text) - len(stripped)
    end = len(text.rstrip())
    for index in range(start, end):
        if text[index] in ".!?\n…":
            end = index + 1 if text[index] != "\n" else index
            break
    return Finding(
        start,
        max(end, start + 1),
        Kind.BOUNDARY,
        Pattern.BOUNDARY,
        False,
        NO_CONTACT_REASON,
        NO_CONTACT_DIRECTION,
    )


def check_tone(text: str, *, no_contact: bool = False) -> list[Finding]:
    """Find the phrases in ``text`` that may hurt, and the ones that help.

    Args:
        text: the draft, as typed (any length, any script, emoji welcome).
        no_contact: the other person asked for no contact (or the user's
            situation says contact is not welcome now). Then any draft to them
            gets a boundary finding over its first sentence, whatever its words.

    Returns:
        Findings in text order; ``text[f.start:f.end]`` is each phrase.
    """
    if not text:
        return []
    found = _raw_findings(_lower(normalise(text)))
    if no_contact:
        boundary = _no_contact_finding(text)
        if boundary is not None:
            found.append(boundary)
    return _tidy(found)


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
