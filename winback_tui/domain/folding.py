"""Folding for search: accents dropped and case folded, offsets mapped back.

Each character is decomposed (NFKD), its combining marks dropped and the rest
case-folded, so "Café", "CAFÉ", "cafe" and a decomposed "cafe\\u0301" all read
"cafe", and "Straße" reads "strasse". Folding can change the length of a
text, so matches are found in the folded text and mapped back to spans of the
original (:class:`FoldMap`, :func:`fold_map`): the screen highlights exactly
the characters the user typed or saw.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from winback_tui.domain.timeline import Span

__all__ = ["FoldMap", "fold", "fold_char", "fold_map"]


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


class FoldMap:
    """A text folded, with :func:`fold_map`'s offsets worked out only where asked.

    :func:`fold_map` makes a list entry per character; a search row needs a
    handful of offsets in a text of thousands. This keeps one entry per run
    of ASCII or non-ASCII characters (where each starts, in the text and in
    the folding) and the per-character offsets of a non-ASCII run once one is
    asked about. Its answers are :func:`fold_map`'s (hypothesis-tested).

    Args:
        text: the text.
        size: fold only its first this many characters (None: all of it);
            offsets are then known up to there, and :attr:`folded` is the
            start of the whole text's folding.
    """

    __slots__ = ("_at", "_local", "_orig", "_parts", "folded", "size", "text")

    def __init__(self, text: str, size: int | None = None) -> None:
        self.text = text
        self.size = len(text) if size is None else min(size, len(text))
        head = text if self.size == len(text) else text[: self.size]
        self._parts: list[str] | None = None
        self._orig: list[int] = []
        self._at: list[int] = []
        self._local: dict[int, list[int]] = {}
        if head.isascii():
            self.folded = head.lower()
            return
        parts = _NON_ASCII.split(head)  # ASCII runs at even places, the others between
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
        """``fold_map(text)[1][index]``: where character ``index`` starts in the folding.

        ``index`` is at most :attr:`size`.
        """
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

    @property
    def whole(self) -> bool:
        """Whether all of the text is folded."""
        return self.size == len(self.text)

    def spans(self, words: Sequence[str], low: int = 0, high: int | None = None) -> list[Span]:
        """The spans of every match of ``words`` that meet characters ``low .. high - 1``.

        Matches are found as :func:`match_spans` finds them (each word from
        the start, never overlapping itself); only those that can meet the
        range are mapped back, so the cost follows the range, not the text.
        Folded in part, the folding must reach the longest word's length past
        ``high``'s start (see :func:`_reaches`).
        """
        text = self.text
        low = max(low, 0)
        high = len(text) if high is None else min(high, len(text))
        if low >= high:
            return []
        # A match starting in the folding at or after `high`'s start begins at or after it.
        stop = self.start_of(high) if high < self.size else len(self.folded)
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
