"""How the rules are run: normalise, find each phrase by the words it begins with, tidy."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from winback_tui.domain.tone.language import (
    _OPENING,
    _SENTENCE_END,
    _WINDOW,
    HELPFUL_KINDS,
    Finding,
    Kind,
    Pattern,
    Rule,
    normalise,
)
from winback_tui.domain.tone.rules_help import HELP
from winback_tui.domain.tone.rules_hurt import HURT
from winback_tui.domain.tone.rules_push import PUSH

#: Every rule, in the order the screen lists findings: what hurts, then what helps.
RULES: tuple[Rule, ...] = (*HURT, *PUSH, *HELP)

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
