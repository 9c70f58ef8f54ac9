"""Full-text search with case and accents folded, and spans in the original text.

Folding: each character is decomposed (NFKD), its combining marks dropped and
the rest case-folded, so "Café", "CAFÉ", "cafe" and a decomposed "cafe\\u0301"
all read "cafe", and "Straße" reads "strasse". Because folding can change the
length of a text, matches are found in the folded text and mapped back to
spans of the original, so the screen highlights exactly the characters the
user typed or saw.

:class:`~winback_tui.domain.search_index.SearchIndex` folds a corpus once
into the items holding each folded word (:mod:`~winback_tui.domain.postings`);
a query then takes milliseconds, however many items it matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import filterfalse

from winback_tui.domain.folding import FoldMap, fold, fold_char, fold_map
from winback_tui.domain.timeline import Span, TimelineItem

__all__ = [
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


def terms(query: str) -> tuple[str, ...]:
    """The folded words of a query, longest first, without repeats."""
    unique = dict.fromkeys(fold(query).split())
    return tuple(sorted(unique, key=len, reverse=True))


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
    return _merge(FoldMap(text).spans(words))


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


#: Characters of a text folded at first to find its first match (then four
#: times as many, and so on, until one is sure).
SNIPPET_STEP = 2_048


def _folded_until(text: str, enough: Callable[[FoldMap], bool], size: int) -> FoldMap:
    """``text`` folded from its start, ``size`` characters and more, until ``enough`` or all."""
    size = max(size, 1)
    while True:
        folding = FoldMap(text, size)
        if folding.whole or enough(folding):
            return folding
        size *= 4


def _first_found(folding: FoldMap, words: Sequence[str], longest: int) -> int | None:
    """The folded offset of the first match, if the folding so far makes it sure; else None."""
    found = [at for at in map(folding.folded.find, words) if at != -1]
    if not found:
        return None
    at = min(found)
    # A word not found may still start before it and end past the folding.
    return at if folding.whole or at + longest <= len(folding.folded) else None


def _sure_of_first(folding: FoldMap, words: Sequence[str], longest: int) -> bool:
    return _first_found(folding, words, longest) is not None


def _reaches(folding: FoldMap, high: int, longest: int) -> bool:
    """Whether every match starting before character ``high`` ends inside the folding."""
    return folding.whole or (
        high <= folding.size and len(folding.folded) - folding.start_of(high) >= longest
    )


def own_snippet(
    text: str,
    regions: Sequence[Span],
    query: str | Sequence[str],
    width: int = 60,
    *,
    step: int = SNIPPET_STEP,
) -> Snippet:
    """``snippet(text, own_spans(text, regions, query), width)``, for a fraction of the work.

    A search row shows some sixty characters of a text of thousands: only the
    first match is placed, and only the matches the piece shows are mapped
    back from the folding (:class:`FoldMap`), not every one in the text. A
    long text is folded only as far as its first match and the piece need
    (``step`` characters first, then four times as many, and so on).
    """
    words = terms(query) if isinstance(query, str) else tuple(query)
    if not words:
        return snippet(text, (), width)
    longest = max(map(len, words))
    maps: list[tuple[int, int, FoldMap]] = []
    first: int | None = None
    for start, end in regions:
        end = min(end, len(text))
        if start >= end:
            continue
        piece = text[start:end]
        folding = _folded_until(piece, partial(_sure_of_first, words=words, longest=longest), step)
        found = _first_found(folding, words, longest)
        if found is not None and (first is None or start + folding.holder(found) < first):
            first = start + folding.holder(found)
        maps.append((start, end, folding))
    if first is None:
        return snippet(text, (), width)
    begin, end = _window(len(text), first, width)
    spans: list[Span] = []
    for start, stop, folding in maps:
        low, high = max(begin, start) - start, min(end, stop) - start
        if low >= high:
            continue  # no character of this region is shown
        if not _reaches(folding, high, longest):
            folding = _folded_until(
                folding.text, partial(_reaches, high=high, longest=longest), 4 * folding.size
            )
        spans.extend((start + a, start + b) for a, b in folding.spans(words, low, high))
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


def words_of(text: str) -> set[bytes]:
    """The distinct words of :func:`searchable` ``(text)``, split at white space.

    Each distinct word is folded once (a word repeats in a long text), so
    this is cheaper than splitting :func:`searchable`'s result.
    """
    data = text.encode(*_ENCODING).lower()
    held = set(data.split())
    if data.isascii():
        return held
    # Only the words that are not ASCII need folding; picking them out runs in
    # C (most words of a text with one accent or emoji are plain ASCII).
    odd = list(filterfalse(bytes.isascii, held))
    held.difference_update(odd)
    for word in odd:
        # A folded word can hold white space (a no-break space folds to a space).
        held.update(
            (_fold_word(word) if len(word) <= _CACHED_WORD else _fold_long_word(word)).split()
        )
    return held
