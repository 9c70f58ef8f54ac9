"""Full-text search with case and accents folded, and spans in the original text.

Folding: each character is decomposed (NFKD), its combining marks dropped and
the rest case-folded, so "Café", "CAFÉ", "cafe" and a decomposed "cafe\\u0301"
all read "cafe", and "Straße" reads "strasse". Because folding can change the
length of a text, matches are found in the folded text and mapped back to
spans of the original, so the screen highlights exactly the characters the
user typed or saw.

:class:`SearchIndex` folds a corpus once (per timeline load) into the items
holding each folded word (:mod:`~winback_tui.domain.postings`); a query then
takes milliseconds, however many items it matches.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat

from winback_tui.domain.postings import Postings
from winback_tui.domain.timeline import Span, TimelineItem

__all__ = [
    "SearchIndex",
    "Snippet",
    "Span",
    "fold",
    "fold_char",
    "fold_map",
    "match_spans",
    "own_snippet",
    "own_spans",
    "searchable",
    "snippet",
    "terms",
    "text_spans",
    "title_spans",
    "words_of",
]


def _drop_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=65_536)
def fold_char(ch: str) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    if ch.isascii():
        return ch.lower()
    # casefold() can bring back a mark (e.g. "İ" -> "i" + dot), so decompose twice.
    folded = _drop_marks(unicodedata.normalize("NFKD", ch)).casefold()
    return _drop_marks(unicodedata.normalize("NFKD", folded))


_NON_ASCII = re.compile("([^\x00-\x7f]+)")


@lru_cache(maxsize=65_536)
def _fold_run(run: str) -> str:
    """Fold a run of non-ASCII characters (words repeat, so runs are cached)."""
    return "".join(map(fold_char, run))


def fold(text: str) -> str:
    """Fold ``text`` for matching: accents dropped, case folded.

    Always equal to joining :func:`fold_char` of each character, so offsets
    can be mapped back (see :func:`fold_map`). Runs of ASCII are lowered at C
    speed; only the non-ASCII runs between them go through the cache.
    """
    if text.isascii():
        return text.lower()
    parts = _NON_ASCII.split(text)
    parts[0::2] = [part.lower() for part in parts[0::2]]
    parts[1::2] = [_fold_run(part) for part in parts[1::2]]
    return "".join(parts)


def fold_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and say where each original character starts in the result.

    Returns:
        ``(folded, starts)`` where ``starts[i]`` is the offset in ``folded`` of
        original character ``i``; ``starts`` has one extra final entry,
        ``len(folded)``.
    """
    if text.isascii():
        return text.lower(), list(range(len(text) + 1))
    # As fold(): runs of ASCII keep their length (ranges, in C); only the
    # characters between them are folded one by one (fold_char is cached).
    parts = _NON_ASCII.split(text)
    pieces: list[str] = []
    starts: list[int] = []
    at = 0
    for number, part in enumerate(parts):
        if number % 2 == 0:
            pieces.append(part.lower())
            starts.extend(range(at, at + len(part)))
            at += len(part)
        else:
            folded = list(map(fold_char, part))
            pieces.extend(folded)
            starts.extend(accumulate(map(len, folded[:-1]), initial=at))
            at += sum(map(len, folded))
    starts.append(at)
    return "".join(pieces), starts


def terms(query: str) -> tuple[str, ...]:
    """The folded words of a query, longest first, without repeats."""
    unique = dict.fromkeys(fold(query).split())
    return tuple(sorted(unique, key=len, reverse=True))


class _FoldMap:
    """A text folded, with :func:`fold_map`'s offsets worked out only where asked.

    :func:`fold_map` makes a list entry per character; a search row needs a
    handful of offsets in a text of thousands. This keeps one entry per run
    of ASCII or non-ASCII characters (where each starts, in the text and in
    the folding) and the per-character offsets of a non-ASCII run once one is
    asked about. Its answers are :func:`fold_map`'s (hypothesis-tested).
    """

    __slots__ = ("_at", "_local", "_orig", "_parts", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._parts: list[str] | None = None
        self._orig: list[int] = []
        self._at: list[int] = []
        self._local: dict[int, list[int]] = {}
        if text.isascii():
            self.folded = text.lower()
            return
        parts = _NON_ASCII.split(text)  # ASCII runs at even places, the others between
        pieces = parts[:]
        pieces[0::2] = [part.lower() for part in parts[0::2]]
        pieces[1::2] = [_fold_run(part) for part in parts[1::2]]
        self.folded = "".join(pieces)
        self._parts = parts
        self._orig = list(accumulate(map(len, parts), initial=0))
        self._at = list(accumulate(map(len, pieces), initial=0))

    def _run_starts(self, part: int) -> list[int]:
        """Where each character of non-ASCII run ``part`` starts in its folding (and its end)."""
        local = self._local.get(part)
        if local is None:
            assert self._parts is not None
            local = list(accumulate(map(len, map(fold_char, self._parts[part])), initial=0))
            self._local[part] = local
        return local

    def start_of(self, index: int) -> int:
        """``fold_map(text)[1][index]``: where character ``index`` starts in the folding."""
        if self._parts is None:
            return index
        # The last run starting at or before it (an empty run shares its start).
        part = bisect_right(self._orig, index) - 1
        if part == len(self._parts):
            return self._at[part]  # the end of the text
        offset = index - self._orig[part]
        if part % 2 == 0:
            return self._at[part] + offset
        return self._at[part] + self._run_starts(part)[offset]

    def holder(self, folded_at: int) -> int:
        """The last character starting at or before folded offset ``folded_at`` (in the folding)."""
        if self._parts is None:
            return folded_at
        # The last run whose folding starts there or before: never one folding
        # to nothing (the next run starts at the same place), never the end.
        part = bisect_right(self._at, folded_at) - 1
        offset = folded_at - self._at[part]
        if part % 2 == 0:
            return self._orig[part] + offset
        return self._orig[part] + bisect_right(self._run_starts(part), offset) - 1

    def span(self, folded_start: int, folded_end: int) -> Span:
        """The smallest original span covering a folded span.

        A folded match that starts or ends inside a character's folding (one
        "s" of "ß" -> "ss") covers that whole character; marks that fold to
        nothing right after the last matched character (a decomposed accent)
        are included, so "é" is highlighted whole.
        """
        start = self.holder(folded_start)
        end = self.holder(folded_end - 1) + 1
        text = self.text
        # Take in the marks that follow it and fold to nothing.
        while end < len(text) and not text[end].isascii() and not fold_char(text[end]):
            end += 1
        return start, end

    def first(self, words: Sequence[str]) -> int | None:
        """The original start of the first match of any of ``words``, or None."""
        found = [at for at in map(self.folded.find, words) if at != -1]
        return self.holder(min(found)) if found else None

    def spans(self, words: Sequence[str], low: int = 0, high: int | None = None) -> list[Span]:
        """The spans of every match of ``words`` that meet characters ``low .. high - 1``.

        Matches are found as :func:`match_spans` finds them (each word from
        the start, never overlapping itself); only those that can meet the
        range are mapped back, so the cost follows the range, not the text.
        """
        text = self.text
        low = max(low, 0)
        high = len(text) if high is None else min(high, len(text))
        if low >= high:
            return []
        # A match starting in the folding at or after `high`'s start begins at or after it.
        stop = self.start_of(high) if high < len(text) else len(self.folded)
        # A match ending at or before the start of the last character before
        # `low` that folds to something ends before `low` (marks after it aside).
        before = low - 1
        while before >= 0 and not text[before].isascii() and not fold_char(text[before]):
            before -= 1
        after = self.start_of(before) if before >= 0 else -1
        folded = self.folded
        spans: list[Span] = []
        for word in words:
            at = folded.find(word)
            while at != -1 and at < stop:
                if at + len(word) > after:
                    start, end = self.span(at, at + len(word))
                    if end > low and start < high:
                        spans.append((start, end))
                at = folded.find(word, at + len(word))
        return spans


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans(text: str, query: str | Sequence[str]) -> list[Span]:
    """Every place in ``text`` where a term of ``query`` occurs, as original spans.

    Args:
        text: the original text.
        query: the query as typed, or terms from :func:`terms`.

    Returns:
        Sorted, non-overlapping spans of ``text`` (touching ones merged).
    """
    words = terms(query) if isinstance(query, str) else tuple(query)
    if not words or not text:
        return []
    return _merge(_FoldMap(text).spans(words))


def own_spans(text: str, regions: Sequence[Span], query: str | Sequence[str]) -> list[Span]:
    """:func:`match_spans`, but only matches lying wholly inside one of ``regions``.

    ``regions`` are the user's own words in ``text`` (see
    :attr:`~winback_tui.domain.timeline.TimelineItem.own_text`), so winback's
    labels around them are never highlighted. Regions past the end of ``text``
    (a cut text) are cut with it.
    """
    found: list[Span] = []
    for start, end in regions:
        end = min(end, len(text))
        if start >= end:
            continue
        found.extend((start + a, start + b) for a, b in match_spans(text[start:end], query))
    return _merge(found)


def title_spans(item: TimelineItem, query: str | Sequence[str]) -> list[Span]:
    """Matches of ``query`` in the user's words of ``item``'s title."""
    return own_spans(item.title, item.own_title, query)


def text_spans(
    item: TimelineItem, query: str | Sequence[str], limit: int | None = None
) -> list[Span]:
    """Matches of ``query`` in the user's words of ``item``'s text (its first ``limit`` chars)."""
    text = item.text if limit is None else item.text[:limit]
    return own_spans(text, item.text_spans, query)


@dataclass(frozen=True)
class Snippet:
    """A one-line piece of a text around its first match.

    Attributes:
        text: the piece, on one line, with "…" where it was cut.
        spans: the matches inside ``text``.
    """

    text: str
    spans: tuple[Span, ...]


def _window(length: int, first: int, width: int) -> tuple[int, int]:
    """The characters ``begin .. end - 1`` a snippet of a text of ``length`` shows."""
    width = max(width, 8)
    begin = max(0, min(first - width // 3, length - width))
    return begin, min(length, begin + width)


def snippet(text: str, spans: Sequence[Span], width: int = 60) -> Snippet:
    """Cut a one-line piece of ``text`` about ``width`` characters long around the first span.

    Line breaks and tabs become spaces (same length, so spans stay valid).
    """
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    begin, end = _window(len(flat), spans[0][0] if spans else 0, width)
    lead = "…" if begin > 0 else ""
    tail = "…" if end < len(flat) else ""
    shift = len(lead) - begin
    inside = tuple(
        (max(start, begin) + shift, min(stop, end) + shift)
        for start, stop in spans
        if stop > begin and start < end
    )
    return Snippet(lead + flat[begin:end] + tail, inside)


def own_snippet(
    text: str, regions: Sequence[Span], query: str | Sequence[str], width: int = 60
) -> Snippet:
    """``snippet(text, own_spans(text, regions, query), width)``, for a fraction of the work.

    A search row shows some sixty characters of a text of thousands: only the
    first match is placed, and only the matches the piece shows are mapped
    back from the folding (:class:`_FoldMap`), not every one in the text.
    """
    words = terms(query) if isinstance(query, str) else tuple(query)
    maps: list[tuple[int, _FoldMap]] = []
    first: int | None = None
    for start, end in regions:
        end = min(end, len(text))
        if start >= end or not words:
            continue
        folding = _FoldMap(text[start:end])
        found = folding.first(words)
        if found is not None and (first is None or start + found < first):
            first = start + found
        maps.append((start, folding))
    if first is None:
        return snippet(text, (), width)
    begin, end = _window(len(text), first, width)
    spans: list[Span] = []
    for start, folding in maps:
        spans.extend(
            (start + a, start + b) for a, b in folding.spans(words, begin - start, end - start)
        )
    return snippet(text, _merge(spans), width)


#: How the folded index stores text: UTF-8, with a lone surrogate (which JSON
#: can hold) kept as its own three bytes rather than refused.
_ENCODING = ("utf-8", "surrogatepass")
#: Words longer than this (in bytes) are folded without being remembered.
_CACHED_WORD = 64


@lru_cache(maxsize=65_536)
def _fold_word(word: bytes) -> bytes:
    return fold(word.decode(*_ENCODING)).encode(*_ENCODING)


def _fold_long_word(word: bytes) -> bytes:
    return fold(word.decode(*_ENCODING)).encode(*_ENCODING)


def searchable(text: str) -> bytes:
    """What the index keeps of ``text``: its words folded, in UTF-8 (lone surrogates kept).

    A folded query word has no white space, so it is found in ``fold(text)``
    exactly when it is found in one of the text's words, folded: the text is
    kept as its words, folded one by one and joined by single spaces. That
    is fast on bytes: the text is encoded once, its ASCII lowered at C speed
    (``bytes.lower`` touches only A-Z), split at ASCII white space (never
    inside a UTF-8 character), and only the words with other characters are
    folded, each distinct word once. Stored as ``str``, one emoji would make
    Python keep a whole text at four bytes a character.
    """
    data = text.encode(*_ENCODING).lower()
    if data.isascii():
        return data
    return b" ".join(
        [
            word
            if word.isascii()
            else _fold_word(word)
            if len(word) <= _CACHED_WORD
            else _fold_long_word(word)
            for word in data.split()
        ]
    )


def _own_words(item: TimelineItem) -> str:
    """:attr:`TimelineItem.own_words` joined by line breaks (the whole text, most often)."""
    if item.own_text is None and not item.own_title:
        return item.text  # all of it the user's: no pieces to cut and join
    return "\n".join(item.own_words)


def _same_words(old: TimelineItem, new: TimelineItem) -> bool:
    """Whether two items have the same own words (compared without cutting them out)."""
    return (
        old.text == new.text
        and old.title == new.title
        and old.own_title == new.own_title
        and old.own_text == new.own_text
    )


def words_of(text: str) -> set[bytes]:
    """The distinct words of :func:`searchable` ``(text)``, split at white space.

    Each distinct word is folded once (a word repeats in a long text), so
    this is cheaper than splitting :func:`searchable`'s result.
    """
    data = text.encode(*_ENCODING).lower()
    held = set(data.split())
    if data.isascii():
        return held
    # A folded word can hold white space (a no-break space folds to a space).
    return set(
        b" ".join(
            [
                word
                if word.isascii()
                else _fold_word(word)
                if len(word) <= _CACHED_WORD
                else _fold_long_word(word)
                for word in held
            ]
        ).split()
    )


#: An index reusing an earlier one folds again at most this share of its items;
#: past it, it is built anew (so reuse never makes search slower for long).
_FRESH_SHARE = 8
_KEPT = (-1).__ne__


class SearchIndex:
    """A timeline folded once, searched many times.

    Build it once per timeline load (off the screen's thread: seconds for ten
    years of writing); :meth:`search` then answers in milliseconds. Items
    match when every word of the query occurs in the user's own words of the
    item (:attr:`TimelineItem.own_words`: their text, and the parts of a title
    they wrote), in any order. winback's labels and prompts are never searched.

    The folded words are kept as :class:`~winback_tui.domain.postings.Postings`:
    each distinct word with the items holding it. A folded query word has no
    white space, so it occurs in an item's folded words exactly when it
    occurs inside one of them.

    Args:
        items: the timeline, in the order results are given.
        reuse: the index of an earlier load: the items whose own words did not
            change (by ref) keep their place in its postings, renumbered,
            instead of being folded again; only the others are folded.
    """

    def __init__(self, items: Sequence[TimelineItem], *, reuse: SearchIndex | None = None) -> None:
        self.items = list(items)
        #: Base item number -> number here (-1: gone or changed); None: the same.
        self._from_base: array[int] | None = None
        #: The numbers here of the items folded afresh (in :attr:`_fresh`'s order).
        self._fresh_numbers = array("I")
        self._fresh: Postings | None = None
        if reuse is not None and self._reuse(reuse):
            return
        self._base = Postings(words_of(_own_words(item)) for item in self.items)

    def _reuse(self, earlier: SearchIndex) -> bool:
        """Take ``earlier``'s postings, renumbered; fold only the rest. False: not worth it."""
        here = {item.ref: number for number, item in enumerate(self.items)}
        moved = array("i", repeat(-1, len(earlier.items)))
        claimed = bytearray(len(self.items))  # two earlier items never become one
        for number, item in enumerate(earlier.items):
            now = here.get(item.ref)
            if now is not None and not claimed[now] and _same_words(item, self.items[now]):
                moved[number] = now
                claimed[now] = 1
        # Base numbers -> earlier numbers -> numbers here.
        through = earlier._from_base
        if through is None:
            from_base = moved
        else:
            from_base = array("i", [moved[at] if at >= 0 else -1 for at in through])
        reached = bytearray(len(self.items))
        for now in from_base:
            if now >= 0:
                reached[now] = 1
        fresh = [number for number, hit in enumerate(reached) if not hit]
        if len(fresh) * _FRESH_SHARE > len(self.items):
            return False
        self._base = earlier._base
        self._from_base = from_base
        self._fresh_numbers = array("I", fresh)
        self._fresh = Postings(words_of(_own_words(self.items[number])) for number in fresh)
        return True

    def __len__(self) -> int:
        return len(self.items)

    @property
    def size(self) -> int:
        """Bytes held (for the benchmarks): postings, and the renumbering of a reuse."""
        total = self._base.size
        if self._from_base is not None:
            total += 4 * len(self._from_base) + 4 * len(self._fresh_numbers)
        if self._fresh is not None:
            total += self._fresh.size
        return total

    def numbers(self, query: str) -> Sequence[int]:
        """The numbers, ascending, of the items matching ``query`` (empty query: none)."""
        words = [word.encode(*_ENCODING) for word in terms(query)]
        if not words:
            return []
        found = self._base.numbers(words)
        if self._from_base is None:
            return found
        here = filter(_KEPT, map(self._from_base.__getitem__, found))
        fresh: Iterable[int] = ()
        if self._fresh is not None:
            fresh = map(self._fresh_numbers.__getitem__, self._fresh.numbers(words))
        return sorted(chain(here, fresh))

    def search(self, query: str, limit: int | None = None) -> list[TimelineItem]:
        """The items matching ``query``, in the index's order (empty query: none).

        Args:
            query: the words as typed.
            limit: only the first this many (in order); None for all.
        """
        if limit is not None and limit <= 0:
            return []
        numbers = self.numbers(query)
        if limit is not None:
            numbers = numbers[:limit]
        return list(map(self.items.__getitem__, numbers))
