"""Which items hold each folded word: a search answered without a loop per match.

:class:`Postings` keeps, for every distinct word of a corpus (as
:func:`~winback_tui.domain.search.searchable` folds it, split at white space),
the numbers of the items holding it. A query word is a substring, not a whole
word ("garden" finds "gardening"), so a search first finds the distinct words
containing it (one regular expression over all of them, at C speed), then
joins those words' items. Nothing in a search runs Python once per match: the
joins are done by ``bytearray`` item flags, ``int`` bit operations and
``itertools.compress``.

Compact: a word found in few items keeps their numbers in an ``array`` (four
bytes each); a word found in more than one item in :data:`BITMAP_SHARE`
keeps one bit per item (an ``int``), which is then the smaller. Ten years of
writing (100,000 items, 4.5 million word-and-item pairs) take a few megabytes.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Sequence
from functools import partial, reduce
from itertools import chain, compress, repeat
from operator import or_, sub
from typing import Any

__all__ = ["BITMAP_SHARE", "Postings"]

#: A word held by more than one item in this many keeps a bitmap instead of numbers.
BITMAP_SHARE = 32

_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


def _bits(flags: bytes | bytearray) -> int:
    """One bit per item (bit ``i`` for item ``i``) from one byte (0 or 1) per item."""
    if not flags:
        return 0
    return int(flags.translate(_TO_DIGITS)[::-1], 2)


def _flags(bits: int, count: int) -> bytearray:
    """One byte (0 or 1) per item from :func:`_bits`' form."""
    digits = format(bits, "b")[::-1].ljust(count, "0")[:count]
    return bytearray(digits.encode("ascii").translate(_FROM_DIGITS))


def _set(flags: bytearray, numbers: Iterable[int]) -> None:
    """Set ``flags[number]`` to 1 for each number (a loop in C)."""
    deque(map(flags.__setitem__, numbers, repeat(1)), maxlen=0)


def _bits_of(numbers: array[int]) -> int:
    """:func:`_bits` of the items ``numbers`` (ascending, at least one)."""
    low = numbers[0]
    flags = bytearray(numbers[-1] - low + 1)
    _set(flags, map(sub, numbers, repeat(low)))
    return _bits(flags) << low


def _loaded(value: object, count: int) -> int | array[int]:
    """One word's items as :meth:`Postings.dump` wrote them, checked against ``count``."""
    if isinstance(value, int) and value >= 0 and value.bit_length() <= count:
        return value
    if isinstance(value, bytes) and value and not len(value) % 4:
        numbers = array("I")
        numbers.frombytes(value)
        if max(numbers) < count:
            return numbers
    raise ValueError("not postings")


#: Items gone through between two passes that make bitmaps of the words held
#: by many (see :class:`Postings`).
FOLD_EVERY = 8192


def _fold(lists: dict[bytes, array[int]], bits: dict[bytes, int], many: int | None) -> None:
    """Move into ``bits`` each word held by more than ``many`` items, and the new
    numbers of each word already there (None: only those)."""
    for word in list(lists):
        numbers = lists[word]
        known = bits.get(word)
        if known is None and (many is None or len(numbers) <= many):
            continue
        bits[word] = (known or 0) | _bits_of(numbers)
        del lists[word]


class Postings:
    """The items of a corpus holding each of its folded words.

    Args:
        words: for each item, in order, the set of its folded words (no
            white space inside any of them).
    """

    def __init__(self, words: Iterable[Collection[bytes]], count: int | None = None) -> None:
        # Arrays, not lists, while building: four bytes a number, not eight.
        lists: defaultdict[bytes, array[int]] = defaultdict(partial(array, "I"))
        # With the count known, a word already held by more items than a
        # bitmap costs is made one as the items are gone through: ten years
        # of writing never hold their millions of pairs as numbers at once.
        bits: dict[bytes, int] = {}
        many = None if count is None else count // BITMAP_SHARE
        seen = 0
        for number, held in enumerate(words):
            # One array per word; the appends run in C (map), not a Python loop.
            deque(map(array.append, map(lists.__getitem__, held), repeat(number)), maxlen=0)
            seen = number + 1
            if many is not None and not seen % FOLD_EVERY:
                _fold(lists, bits, many)
        _fold(lists, bits, None)
        self.count = seen
        kept: dict[bytes, int | array[int]] = dict(bits)
        kept.update((word, self._kept(numbers)) for word, numbers in lists.items())
        self._held = list(kept.values())
        # Each word on a line of its own, then a tab and its number in _held:
        # no query word holds white space, so a match of one never reaches
        # the tab, and "word, then the rest of its line" names the word.
        self._vocabulary = b"".join(
            b"%s\t%d\n" % (word, number) for number, word in enumerate(kept)
        )
        # The items holding each ASCII character, joined once here: a query
        # of one letter (the first key typed) is inside most words.
        self._by_byte: dict[int, int | array[int]] = {}
        for byte in set(b"".join(kept)):
            if byte < 0x80:
                found = self._joined(bytes([byte]))
                if found is not None:
                    self._by_byte[byte] = found if isinstance(found, array) else _bits(found)

    def _kept(self, numbers: array[int]) -> int | array[int]:
        """How the items ``numbers`` are kept: a bitmap if that is smaller, else an array."""
        if len(numbers) > self.count // BITMAP_SHARE:
            flags = bytearray(self.count)
            _set(flags, numbers)
            return _bits(flags)
        return numbers

    def __len__(self) -> int:
        return self.count

    def dump(self) -> tuple[Any, ...]:
        """These postings as values ``marshal`` writes (arrays as bytes), for :meth:`load`."""

        # An array is written by marshal as the bytes it holds (no copy made first).
        return (self.count, self._vocabulary, self._held, self._by_byte)

    @classmethod
    def load(cls, value: object) -> Postings:
        """The postings :meth:`dump` gave ``value`` of.

        Raises:
            ValueError: ``value`` is not what :meth:`dump` gives (a damaged
                or foreign file): nothing is made of it.
        """
        if not isinstance(value, tuple) or len(value) != 4:
            raise ValueError("not postings")
        count, vocabulary, held, by_byte = value
        if not (
            isinstance(count, int)
            and count >= 0
            and isinstance(vocabulary, bytes)
            and isinstance(held, list)
            and isinstance(by_byte, dict)
            and vocabulary.count(b"\n") == len(held)
            and all(isinstance(byte, int) and 0 <= byte < 0x80 for byte in by_byte)
        ):
            raise ValueError("not postings")
        made = cls.__new__(cls)
        made.count = count
        made._vocabulary = vocabulary
        made._held = [_loaded(each, count) for each in held]
        made._by_byte = {byte: _loaded(each, count) for byte, each in by_byte.items()}
        return made

    @property
    def size(self) -> int:
        """Bytes held, roughly (for the benchmarks): the numbers, bitmaps, words."""
        total = len(self._vocabulary) + 8 * len(self._held)
        for held in chain(self._held, self._by_byte.values()):
            if isinstance(held, array):
                total += 64 + 4 * held.buffer_info()[1]
            else:
                total += count_bytes(held)
        return total

    def _holding(self, word: bytes) -> array[int] | bytearray | None:
        """The items holding ``word`` inside one of their words.

        Returns:
            Their numbers (ascending), their flags, or None for none.
        """
        if len(word) == 1:
            byte = self._by_byte.get(word[0])
            if byte is None or isinstance(byte, array):
                return byte
            return _flags(byte, self.count)
        return self._joined(word)

    def _joined(self, word: bytes) -> array[int] | bytearray | None:
        """:meth:`_holding`, from the words holding ``word``."""
        # The word first: the regular expression looks for it at C speed.
        pattern = re.compile(re.escape(word) + rb"[^\t\n]*\t(\d+)")
        found = list(map(self._held.__getitem__, map(int, pattern.findall(self._vocabulary))))
        if not found:
            return None
        if len(found) == 1 and isinstance(found[0], array):
            return found[0]
        bitmaps = [held for held in found if isinstance(held, int)]
        flags = _flags(reduce(or_, bitmaps, 0), self.count)
        _set(flags, chain.from_iterable(held for held in found if isinstance(held, array)))
        return flags

    def numbers(self, words: Sequence[bytes]) -> Sequence[int]:
        """The numbers, ascending, of the items holding every one of ``words``.

        Each word is found inside the item's words ("den" in "garden").
        """
        if not words or not self.count:
            return []
        held = []
        for word in words:
            found = self._holding(word)
            if found is None:
                return []
            held.append(found)
        lists = [found for found in held if isinstance(found, array)]
        flags = [found for found in held if not isinstance(found, array)]
        if lists:
            # The shortest list of numbers, kept where every other word is.
            lists.sort(key=len)
            numbers: Sequence[int] = lists[0]
            for other in lists[1:]:
                other_flags = bytearray(self.count)
                _set(other_flags, other)
                flags.append(other_flags)
            for each in flags:
                numbers = list(compress(numbers, map(each.__getitem__, numbers)))
            return numbers
        both = reduce(lambda a, b: a & b, (int.from_bytes(each, "little") for each in flags))
        together = both.to_bytes(self.count, "little")
        return list(compress(range(self.count), together))


def count_bytes(bits: int) -> int:
    """Bytes an ``int`` of these bits holds (its 30-bit digits, four bytes each)."""
    return (bits.bit_length() + 29) // 30 * 4
