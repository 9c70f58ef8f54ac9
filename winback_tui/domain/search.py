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
from collections.abc import Sequence
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


class SearchIndex:
    """A timeline folded once, searched many times.

    Build it once per timeline load; :meth:`search` then scans prepared
    strings only. Items match when every word of the query occurs in the
    user's own words of the item (:attr:`TimelineItem.own_words`: their text,
    and the parts of a title they wrote), in any order. winback's labels and
    prompts are never searched.
    """

    def __init__(self, items: Sequence[TimelineItem]) -> None:
        self.items = list(items)
        # Pieces joined by a line break: query terms hold no whitespace, so no
        # match can run from one piece into the next.
        self._folded = ["\n".join(map(fold, item.own_words)) for item in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def search(self, query: str) -> list[TimelineItem]:
        """The items matching ``query``, in the index's order (empty query: none)."""
        words = terms(query)
        if not words:
            return []
        return [
            item
            for item, folded in zip(self.items, self._folded, strict=True)
            if all(word in folded for word in words)
        ]
