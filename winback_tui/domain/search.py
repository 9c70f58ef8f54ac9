"""Full-text search with case and accents folded, and spans in the original text.

Folding: each character is decomposed (NFKD), its combining marks dropped and
the rest case-folded, so "Café", "CAFÉ", "cafe" and a decomposed "cafe\\u0301"
all read "cafe", and "Straße" reads "strasse". Because folding can change the
length of a text, matches are found in the folded text and mapped back to
spans of the original, so the screen highlights exactly the characters the
user typed or saw.

:class:`SearchIndex` folds a corpus once (per timeline load); each query is
then a scan over the prepared strings.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from winback_tui.domain.timeline import Span, TimelineItem

__all__ = [
    "SearchIndex",
    "Snippet",
    "Span",
    "fold",
    "fold_char",
    "fold_map",
    "match_spans",
    "own_spans",
    "searchable",
    "snippet",
    "terms",
    "text_spans",
    "title_spans",
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
    pieces = [fold_char(ch) for ch in text]
    starts = [0, *accumulate(len(piece) for piece in pieces)]
    return "".join(pieces), starts


def terms(query: str) -> tuple[str, ...]:
    """The folded words of a query, longest first, without repeats."""
    unique = dict.fromkeys(fold(query).split())
    return tuple(sorted(unique, key=len, reverse=True))


def _to_original(starts: list[int], folded_start: int, folded_end: int) -> Span:
    """Map a folded span to the smallest original span covering it.

    A folded match that starts or ends inside a character's folding (one "s"
    of "ß" -> "ss") covers that whole character; marks that fold to nothing
    right after the last matched character (a decomposed accent) are
    included, so "é" is highlighted whole.
    """
    # The last character starting at or before the offset holds it: a
    # character that folds to nothing shares its start with the next one.
    start = bisect_right(starts, folded_start) - 1
    # The original character holding the last folded character of the match.
    last = bisect_right(starts, folded_end - 1) - 1
    end = last + 1
    # Take in the marks that follow it and fold to nothing.
    while end < len(starts) - 1 and starts[end + 1] == starts[end]:
        end += 1
    return start, end


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
    folded, starts = fold_map(text)
    spans: list[Span] = []
    for word in words:
        at = folded.find(word)
        while at != -1:
            spans.append(_to_original(starts, at, at + len(word)))
            at = folded.find(word, at + len(word))
    return _merge(spans)


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


def snippet(text: str, spans: Sequence[Span], width: int = 60) -> Snippet:
    """Cut a one-line piece of ``text`` about ``width`` characters long around the first span.

    Line breaks and tabs become spaces (same length, so spans stay valid).
    """
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    width = max(width, 8)
    first = spans[0][0] if spans else 0
    begin = max(0, min(first - width // 3, len(flat) - width))
    end = min(len(flat), begin + width)
    lead = "…" if begin > 0 else ""
    tail = "…" if end < len(flat) else ""
    shift = len(lead) - begin
    inside = tuple(
        (max(start, begin) + shift, min(stop, end) + shift)
        for start, stop in spans
        if stop > begin and start < end
    )
    return Snippet(lead + flat[begin:end] + tail, inside)


#: How the folded index stores text: UTF-8, with a lone surrogate (which JSON
#: can hold) kept as its own three bytes rather than refused.
_ENCODING = ("utf-8", "surrogatepass")
#: Matches found between two questions to a search's ``stop``.
_ASK_EVERY = 2048
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


class SearchIndex:
    """A timeline folded once, searched many times.

    Build it once per timeline load (off the screen's thread: seconds for ten
    years of writing); :meth:`search` then scans one prepared buffer. Items
    match when every word of the query occurs in the user's own words of the
    item (:attr:`TimelineItem.own_words`: their text, and the parts of a title
    they wrote), in any order. winback's labels and prompts are never searched.

    The folded words are kept compact: one UTF-8 buffer for the whole timeline
    (:func:`searchable` of each item's own words), item after item, with each
    item's start in a list. A match of a folded query word in the UTF-8 bytes
    is exactly a match in the folded text (UTF-8 never starts a character
    inside another), and no query word holds the white space that separates
    words, an item's pieces and items, so no match runs from one into the next.

    Args:
        items: the timeline, in the order results are given.
        reuse: the index of an earlier load: the items whose own words did not
            change (by ref) are copied from it instead of folded again.
    """

    def __init__(self, items: Sequence[TimelineItem], *, reuse: SearchIndex | None = None) -> None:
        self.items = list(items)
        earlier: dict[str, int] = {}
        if reuse is not None:
            earlier = {item.ref: number for number, item in enumerate(reuse.items)}
        # Grown in place: a list of every item's part joined at the end held
        # the folded text of years of entries twice at once.
        buffer = bytearray()
        # A list, not an array: bisect then reads its ints without making them.
        starts = [0]
        for at, item in enumerate(self.items):
            number = earlier.get(item.ref)
            if number is not None and reuse is not None and _same_words(reuse.items[number], item):
                part = reuse._folded(number)
            else:
                part = searchable(_own_words(item))
            if at:
                buffer += b"\n"
            buffer += part
            starts.append(len(buffer) + 1)
        self._buffer = buffer
        self._starts = starts

    def __len__(self) -> int:
        return len(self.items)

    def _folded(self, number: int) -> bytes:
        """The folded own words of item ``number`` (pieces joined by line breaks)."""
        return bytes(self._buffer[self._starts[number] : self._starts[number + 1] - 1])

    @property
    def size(self) -> int:
        """Bytes of folded text held (for the benchmarks)."""
        return len(self._buffer) + 36 * len(self._starts)  # a list slot and its int

    def search(
        self,
        query: str,
        limit: int | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> list[TimelineItem]:
        """The items matching ``query``, in the index's order (empty query: none).

        Args:
            query: the words as typed.
            limit: stop after this many (the first of them, in order); None
                for all. Fewer than ``limit`` means these are all.
            stop: asked now and then (every few thousand matches); when it
                says True the search gives up and returns what it found so
                far (a worker whose query the user has already changed).
        """
        if limit is not None and limit <= 0:
            return []
        words = [word.encode(*_ENCODING) for word in terms(query)]
        if not words:
            return []
        # The longest word first: it has the fewest places to look at.
        first, rest = words[0], words[1:]
        buffer, starts, items = self._buffer, self._starts, self.items
        find = buffer.find
        found: list[TimelineItem] = []
        keep = found.append
        number = 0
        at = find(first)
        enough = len(items) if limit is None else limit
        if not rest:  # one word, the most common search: the shortest loop
            while at != -1:
                number = bisect_right(starts, at, number) - 1
                keep(items[number])
                if len(found) >= enough:
                    break
                if not len(found) % _ASK_EVERY and stop is not None and stop():
                    break
                at = find(first, starts[number + 1])
            return found
        while at != -1:
            number = bisect_right(starts, at, number) - 1
            start, end = starts[number], starts[number + 1] - 1
            for word in rest:
                if find(word, start, end) == -1:
                    break
            else:
                keep(items[number])
                if len(found) >= enough:
                    break
                if not len(found) % _ASK_EVERY and stop is not None and stop():
                    break
            at = find(first, end)
        return found
