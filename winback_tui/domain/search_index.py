"""The search index: a timeline folded once, searched many times, kept between runs.

:class:`SearchIndex` holds the folded words of a timeline as one or more
parts (:class:`~winback_tui.domain.postings.Postings`), each with the
:attr:`~winback_tui.domain.timeline.TimelineItem.search_key` of every item it
folded. A later timeline (after a save, or in a later run, from
:meth:`SearchIndex.dumps`) keeps each part and renumbers it by those keys: an
item whose key is unchanged keeps its words, and only the items no part
holds as they are now are folded again. Ten years of writing are folded
once; each save then costs the folding of what it changed.

Pure: the bytes of :meth:`SearchIndex.dumps` are written, and encrypted with
the journal, by :mod:`winback_tui.store.search_file`.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

from winback_tui.domain.postings import Postings
from winback_tui.domain.search import _ENCODING, terms, words_of
from winback_tui.domain.timeline import TimelineItem

__all__ = ["FORMAT", "MAX_PARTS", "SearchIndex", "search_keys"]

#: The layout :meth:`SearchIndex.dumps` writes (another one is folded anew).
FORMAT = 1
#: Past this many parts, all but the first are folded again into one.
MAX_PARTS = 4
#: An index reusing an earlier one folds again at most this share of its items;
#: past it, it is built anew, so reuse never makes search slower for long.
_FRESH_SHARE = 8
#: Nor does it keep the words of more items gone (or changed) than this share
#: of those it holds: an index never grows without end.
_DEAD_SHARE = 1
_KEPT = (-1).__ne__


def search_keys(items: Sequence[TimelineItem]) -> array[int]:
    """The :attr:`~TimelineItem.search_key` of each item (from a packed timeline's rows)."""
    keys = getattr(items, "search_keys", None)
    if keys is not None:
        return keys()  # type: ignore[no-any-return]
    return array("Q", [item.search_key for item in items])


def _own_words(item: TimelineItem) -> str:
    """:attr:`TimelineItem.own_words` joined by line breaks (the whole text, most often)."""
    if item.own_text is None and not item.own_title:
        return item.text  # all of it the user's: no pieces to cut and join
    return "\n".join(item.own_words)


@dataclass(frozen=True)
class _Part:
    """Folded words of some items: the postings, the items' keys, and where they are now.

    Attributes:
        postings: the words, by the part's own item numbers.
        keys: the search key of each item the part folded, by its number.
        here: the part's number of each item -> its number in the index
            (-1: gone or changed); None when the numbers are the same.
    """

    postings: Postings
    keys: array[int]
    here: array[int] | None


#: How far ahead in the timeline an item of a saved part is looked for, in
#: order, before it is left for the search by key (moved far, or gone).
_AHEAD = 256


def _run(a: array[int], i: int, b: array[int], j: int) -> int:
    """How many keys from ``a[i]`` and ``b[j]`` on are equal, pair by pair (compared in C)."""
    limit = min(len(a) - i, len(b) - j)
    good, size = 0, 1
    while size <= limit and a[i : i + size] == b[j : j + size]:
        good, size = size, size * 2
    bad = min(size, limit + 1)
    while bad - good > 1:  # a run of ``good`` is equal, one of ``bad`` is not
        middle = (good + bad) // 2
        if a[i : i + middle] == b[j : j + middle]:
            good = middle
        else:
            bad = middle
    return good


class _Places:
    """Claims the items of a timeline for the parts that hold their words, by key.

    A saved part and the timeline are mostly the same keys in the same order
    (a save adds or changes a few items): :meth:`align` walks both in runs
    compared in C, and only what it leaves is looked up by key
    (:meth:`place`), so ten years of items never become a dictionary.
    """

    def __init__(self, keys: array[int]) -> None:
        self.keys = keys
        self.claimed = bytearray(len(keys))
        #: Key -> the unclaimed items with it, last first (made when first needed).
        self._left: dict[int, list[int]] | None = None

    def align(self, keys: array[int]) -> array[int]:
        """Each key of a part (the first), as the item found in order; -1: left to place."""
        found = array("i", repeat(-1, len(keys)))
        now, claimed = self.keys, self.claimed
        i = j = 0
        while i < len(keys) and j < len(now):
            run = _run(keys, i, now, j)
            if run:
                found[i : i + run] = array("i", range(j, j + run))
                claimed[j : j + run] = bytes(repeat(1, run))
                i, j = i + run, j + run
                continue
            try:  # items new here come before it: skipped (folded, or placed by key)
                j = now.index(keys[i], j, min(len(now), j + _AHEAD))
            except ValueError:
                i += 1  # gone, changed or moved far: left for place
        return found

    def place(self, keys: array[int], found: array[int] | None = None) -> array[int]:
        """For each key of a part not placed yet, an unclaimed item with it, or -1."""
        if found is None:
            found = array("i", repeat(-1, len(keys)))
        if -1 not in found:
            return found
        left = self._left
        if left is None:
            left = self._left = {}
            for number in reversed(self.unclaimed()):
                left.setdefault(self.keys[number], []).append(number)
        for number in [at for at, now in enumerate(found) if now < 0]:
            same = left.get(keys[number])
            if same:
                now = same.pop()
                found[number] = now
                self.claimed[now] = 1
        return found

    def unclaimed(self) -> list[int]:
        """The numbers of the items no part holds."""
        return [number for number, hit in enumerate(self.claimed) if not hit]


class SearchIndex:
    """A timeline folded once, searched many times (see the module doc).

    Build it off the screen's thread (seconds for ten years of writing, the
    first time); :meth:`search` then answers in milliseconds. Items match
    when every word of the query occurs in the user's own words of the item
    (:attr:`TimelineItem.own_words`: their text, and the parts of a title
    they wrote), in any order. winback's labels and prompts are never searched.

    A folded query word has no white space, so it occurs in an item's folded
    words exactly when it occurs inside one of them.

    Args:
        items: the timeline, in the order results are given.
        reuse: an earlier index (of an earlier load): the items it holds as
            they are now keep their words; only the others are folded.
    """

    def __init__(self, items: Sequence[TimelineItem], *, reuse: SearchIndex | None = None) -> None:
        # Packed items stay packed (their items are made when read); others are copied.
        self.items: Sequence[TimelineItem] = items if hasattr(items, "select") else list(items)
        #: How many items were folded to make this index (the rest were kept).
        self.folded = 0
        keys = search_keys(self.items)
        parts = None if reuse is None else self._placed(reuse._parts, keys)
        if parts is None:
            parts = [self._fold(range(len(self.items)), keys, None)]
        self._parts: list[_Part] = parts

    @classmethod
    def loads(cls, items: Sequence[TimelineItem], data: bytes) -> SearchIndex:
        """The index of ``items``, from what :meth:`dumps` wrote in an earlier run.

        The saved parts keep the items they still hold as they are; the rest
        are folded. Saved bytes that cannot be read (damaged, foreign, another
        layout) are no harm: the index is then built anew.
        """
        earlier = cls.__new__(cls)
        earlier.items, earlier.folded = (), 0
        try:
            earlier._parts = _parts_of(data)
        except (ValueError, TypeError, EOFError, zlib.error):
            earlier._parts = []
        return cls(items, reuse=earlier)

    def dumps(self) -> bytes:
        """This index as bytes for :meth:`loads` (the user's words: keep them as the journal)."""
        parts = [(part.postings.dump(), part.keys) for part in self._parts]
        return zlib.compress(marshal.dumps((FORMAT, sys.byteorder, parts)), 1)

    # ---------------------------------------------------------------- making
    def _fold(self, numbers: Sequence[int], keys: array[int], here: array[int] | None) -> _Part:
        items = self.items
        self.folded += len(numbers)
        words = (words_of(_own_words(items[number])) for number in numbers)
        part_keys = array("Q", map(keys.__getitem__, numbers))
        return _Part(Postings(words, count=len(numbers)), part_keys, here)

    def _placed(self, earlier: list[_Part], keys: array[int]) -> list[_Part] | None:
        """``earlier``'s parts renumbered by key, and the rest folded; None: build anew."""
        count = len(self.items)
        if not earlier:
            return None  # nothing saved that could be read: built anew
        if len(earlier) == 1 and earlier[0].keys == keys:
            # Nothing changed (read again after the reader, say): the same part, as it is.
            return [_Part(earlier[0].postings, keys, None)]
        places = _Places(keys)
        parts: list[_Part] = []
        dead = 0
        for number, part in enumerate(earlier):
            here = places.place(part.keys, places.align(part.keys) if number == 0 else None)
            live = _count_live(here)
            dead += len(here) - live
            if live:
                parts.append(_Part(part.postings, part.keys, _unless_same(here, count)))
        if len(parts) >= MAX_PARTS:
            # Too many small parts: keep the first (most often ten years'), fold the rest.
            places = _Places(keys)
            first = parts[0]
            here = places.place(first.keys, places.align(first.keys))
            dead = len(here) - _count_live(here)
            parts = [_Part(first.postings, first.keys, _unless_same(here, count))]
        fresh = places.unclaimed()
        if not parts or len(fresh) * _FRESH_SHARE > count or dead * _DEAD_SHARE > count:
            return None
        if fresh:
            parts.append(self._fold(fresh, keys, array("i", fresh)))
        return parts

    # -------------------------------------------------------------- querying
    def __len__(self) -> int:
        return len(self.items)

    @property
    def size(self) -> int:
        """Bytes held (for the benchmarks): postings, keys and renumberings."""
        total = 0
        for part in self._parts:
            total += part.postings.size + 8 * len(part.keys)
            if part.here is not None:
                total += 4 * len(part.here)
        return total

    @property
    def parts(self) -> int:
        """How many parts the words are held in (one after a build)."""
        return len(self._parts)

    def numbers(self, query: str) -> Sequence[int]:
        """The numbers, ascending, of the items matching ``query`` (empty query: none)."""
        words = [word.encode(*_ENCODING) for word in terms(query)]
        if not words:
            return []
        found: list[Iterable[int]] = []
        for part in self._parts:
            numbers = part.postings.numbers(words)
            if part.here is None:
                if len(self._parts) == 1:
                    return numbers
                found.append(numbers)
            else:
                found.append(filter(_KEPT, map(part.here.__getitem__, numbers)))
        return sorted(chain.from_iterable(found))

    def search(self, query: str, limit: int | None = None) -> Sequence[TimelineItem]:
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
        select = getattr(self.items, "select", None)
        if select is not None:
            return select(numbers)  # type: ignore[no-any-return]
        return list(map(self.items.__getitem__, numbers))


def _unless_same(here: array[int], count: int) -> array[int] | None:
    """``here``, or None when it keeps every number as it is (nothing moved)."""
    return None if len(here) == count and here == array("i", range(count)) else here


def _count_live(here: array[int]) -> int:
    """How many items of a part are placed (not -1)."""
    return len(here) - here.count(-1)


def _parts_of(data: bytes) -> list[_Part]:
    """The parts :meth:`SearchIndex.dumps` wrote (numbered as when saved).

    Raises:
        ValueError: the bytes are not such an index (or of another layout).
    """
    value = marshal.loads(zlib.decompress(data))
    if not (isinstance(value, tuple) and len(value) == 3 and value[:2] == (FORMAT, sys.byteorder)):
        raise ValueError("not a search index of this layout")
    parts: list[_Part] = []
    for each in value[2]:
        postings_value, key_bytes = each
        postings = Postings.load(postings_value)
        keys = array("Q")
        keys.frombytes(key_bytes)
        if len(keys) != postings.count:
            raise ValueError("keys and postings do not agree")
        parts.append(_Part(postings, keys, None))
    return parts
