"""A timeline kept packed: ten years of items in a few megabytes, made into items when read.

A :class:`~winback_tui.domain.timeline.TimelineItem` costs hundreds of bytes as
Python objects; a decade of writing has about 100,000 of them. :class:`PackedItems`
keeps them in blocks of :data:`BLOCK`, each marshalled and compressed, beside a
few bytes a item that filters and day lookups read without unpacking
(kind, step, time). Reading an item unpacks its block; the last few blocks
read are kept as items, so a screen of rows, a scroll or a pass in order
unpacks each block once. A long text an item left in the journal
(:class:`~winback_tui.domain.timeline.StoredText`) stays named, not read.

The items read back are equal to those packed, field by field, with their
times in the same zones (``tests/unit/test_item_pack.py``).
"""

from __future__ import annotations

import heapq
import marshal
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import compress, pairwise
from typing import Any, overload

from winback_tui.domain.timeline import Kind, StoredText, TimelineItem, text_crc, words_key

__all__ = ["BLOCK", "ItemsView", "Packed", "PackedItems", "Packer", "micros", "rows_of"]

#: Items per packed block.
BLOCK = 256
#: Blocks kept unpacked (the last read).
KEPT_BLOCKS = 8

_KINDS = list(Kind)
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_MICRO = timedelta(microseconds=1)
_NO_STEP = 255


def micros(at: datetime) -> int:
    """Microseconds since the epoch (of the instant; of the wall time if naive), exactly."""
    if at.tzinfo is None:
        return (at - _NAIVE_EPOCH) // _MICRO
    return (at - _EPOCH) // _MICRO


Row = tuple[Any, ...]


class Packer:
    """Packs items as rows; the zones and text readers they name are kept once each.

    Packs merged into one (:meth:`PackedItems.merged`) share one packer.
    """

    def __init__(self) -> None:
        self.zones: list[tzinfo | None] = []
        # By repr too: zones equal by offset may differ by name ("CET", "+01:00").
        self._zone_numbers: dict[tuple[tzinfo | None, str], int] = {}
        self.readers: list[Callable[[Hashable], str | bytes | None]] = []
        self._reader_numbers: dict[int, int] = {}

    def _zone(self, zone: tzinfo | None) -> int:
        key = (zone, repr(zone))
        number = self._zone_numbers.get(key)
        if number is None:
            number = self._zone_numbers[key] = len(self.zones)
            self.zones.append(zone)
        return number

    def _reader(self, read: Callable[[Hashable], str | bytes | None]) -> int:
        number = self._reader_numbers.get(id(read))
        if number is None:
            number = self._reader_numbers[id(read)] = len(self.readers)
            self.readers.append(read)
        return number

    def row(self, item: TimelineItem) -> Row:
        """One item as a row of plain values (``marshal`` packs them)."""
        at = item.at
        body = item._body
        held: Any = body
        if isinstance(body, StoredText):
            held = (self._reader(body.read), body.key, body.crc)
        return (
            _KIND_CODE[item.kind],
            item.step,
            micros(at),
            self._zone(at.tzinfo),
            at.fold,
            item.title,
            held,
            item.ref,
            item.timed,
            item.own_title,
            item.own_text,
        )

    def blocks(self, items: Iterable[TimelineItem]) -> list[bytes]:
        """``items`` as packed blocks of rows (read back with :func:`rows_of`)."""
        return list(_packed(map(self.row, items)))


def _packed(rows: Iterable[Row]) -> Iterator[bytes]:
    block: list[Row] = []
    for row in rows:
        block.append(row)
        if len(block) == BLOCK:
            yield zlib.compress(marshal.dumps(block), 1)
            block = []
    if block:
        yield zlib.compress(marshal.dumps(block), 1)


def rows_of(blocks: Iterable[bytes]) -> Iterator[Row]:
    """The rows of packed blocks, in order."""
    for block in blocks:
        yield from marshal.loads(zlib.decompress(block))


def _newest_row_key(row: Row) -> tuple[int, Kind, str]:
    # As ``newest_first`` orders items: newest first, then by kind and ref.
    return (-row[2], _KINDS[row[0]], row[7])


class PackedItems(Sequence[TimelineItem]):
    """Timeline items, in the order given, packed (see the module doc).

    Args:
        items: the items, in the order to keep (a timeline's: newest first).
        packer: the packer of its rows (one shared with packs being merged).
        rows: rows already made by ``packer``, instead of ``items``.
    """

    def __init__(
        self,
        items: Iterable[TimelineItem] = (),
        *,
        packer: Packer | None = None,
        rows: Iterable[Row] | None = None,
    ) -> None:
        self._packer = packer = packer or Packer()
        self._kinds = bytearray()
        self._steps = bytearray()
        self._micros = array("q")
        self._kept: OrderedDict[int, list[TimelineItem]] = OrderedDict()
        self._lock = threading.Lock()
        self._blocks = list(_packed(self._noted(map(packer.row, items) if rows is None else rows)))
        self._count = len(self._kinds)
        # Newest first, as a timeline is: times descending, for day lookups.
        moments = self._micros
        self._descending = all(a >= b for a, b in pairwise(moments))

    @classmethod
    def merged(cls, sources: Iterable[Sequence[TimelineItem]]) -> PackedItems:
        """Each source (newest first) packed on its own, then merged newest first.

        The order is ``newest_first`` of all the sources joined, exactly:
        equal times by kind and ref, then source by source. Only one source
        is ever held as items; the merge goes through rows.
        """
        packer = Packer()
        packs = [packer.blocks(source) for source in sources]
        return cls(packer=packer, rows=heapq.merge(*map(rows_of, packs), key=_newest_row_key))

    def _noted(self, rows: Iterable[Row]) -> Iterator[Row]:
        """``rows``, noting each one's columns on the way."""
        kinds, steps, moments = self._kinds.append, self._steps.append, self._micros.append
        for row in rows:
            kinds(row[0])
            steps(_NO_STEP if row[1] is None else row[1])
            moments(row[2])
            yield row

    # ----------------------------------------------------------- unpacking
    def _unpack(self, number: int) -> list[TimelineItem]:
        rows = marshal.loads(zlib.decompress(self._blocks[number]))
        zones, readers = self._packer.zones, self._packer.readers
        made: list[TimelineItem] = []
        for kind, step, moment, zone_no, fold, title, held, ref, timed, own_title, own in rows:
            zone = zones[zone_no]
            if zone is None:
                at = _NAIVE_EPOCH + moment * _MICRO
            else:
                at = (_EPOCH + moment * _MICRO).astimezone(zone)
            if fold:
                at = at.replace(fold=1)
            body = held
            if isinstance(held, tuple):
                body = StoredText(readers[held[0]], held[1], held[2])
            made.append(
                TimelineItem(_KINDS[kind], step, at, title, body, ref, timed, own_title, own)
            )
        return made

    def _block(self, number: int) -> list[TimelineItem]:
        with self._lock:
            found = self._kept.get(number)
            if found is not None:
                self._kept.move_to_end(number)
                return found
        made = self._unpack(number)
        with self._lock:
            self._kept[number] = made
            while len(self._kept) > KEPT_BLOCKS:
                self._kept.popitem(last=False)
        return made

    # ------------------------------------------------------------ sequence
    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> TimelineItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[TimelineItem]: ...

    def __getitem__(self, index: int | slice) -> TimelineItem | list[TimelineItem]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        block, at = divmod(index, BLOCK)
        return self._block(block)[at]

    def __iter__(self) -> Iterator[TimelineItem]:
        # In order, a block at a time: a pass over everything keeps no block.
        for number in range(len(self._blocks)):
            with self._lock:
                found = self._kept.get(number)
            yield from found if found is not None else self._unpack(number)

    def search_keys(self) -> array[int]:
        """Each item's :attr:`~TimelineItem.search_key`, in order, read from the rows.

        No item is made and no stored text read: a search index saved in an
        earlier run is checked against ten years of items in a fraction of a
        second.
        """
        keys = array("Q")
        add = keys.append
        for block in self._blocks:
            for row in marshal.loads(zlib.decompress(block)):
                held = row[6]
                crc = held[2] if isinstance(held, tuple) else text_crc(held)
                add(words_key(row[7], row[5], crc, row[9], row[10]))
        return keys

    # ---------------------------------------------------------- selections
    def kinds(self) -> set[Kind]:
        """The kinds of item held."""
        return {_KINDS[code] for code in set(self._kinds)}

    def select(self, numbers: Sequence[int]) -> ItemsView:
        """The items at ``numbers`` (ascending), as a sequence read on demand."""
        return ItemsView(self, numbers)

    def where(self, step: int | None = None, kind: Kind | None = None) -> ItemsView:
        """The items of one step and/or one kind (None: any), read from the columns only."""
        return self.select(self._where(range(self._count), step, kind))

    def _where(self, numbers: Sequence[int], step: int | None, kind: Kind | None) -> array[int]:
        kept: Iterable[int] = numbers
        if kind is not None:
            code, kinds = _KIND_CODE[kind], self._kinds
            kept = compress(kept, [kinds[n] == code for n in numbers])
        if step is not None:
            kept = list(kept)
            steps = self._steps
            kept = compress(kept, [steps[n] == step for n in kept])
        return array("I", kept)

    def around(self, days: Iterable[date]) -> ItemsView:
        """The items within a day and a half of any of ``days`` (all written on them, any zone)."""
        return self.select(self._near(days, None))

    def _near(self, days: Iterable[date], numbers: Sequence[int] | None) -> array[int]:
        """The numbers (ascending) of :meth:`around`; with ``numbers``, only among those."""
        spans = []
        for day in days:
            start = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=36)
            spans.append((micros(start), micros(start + timedelta(hours=96))))
        moments = self._micros
        if numbers is None and self._descending:
            # Times descending: each span is one run of numbers.
            backwards = [-m for m in moments]
            found: set[int] = set()
            for low, high in spans:
                first = bisect_left(backwards, -high)
                found.update(range(first, bisect_right(backwards, -low)))
            return array("I", sorted(found))
        among = range(self._count) if numbers is None else numbers
        return array("I", [n for n in among if any(lo <= moments[n] <= hi for lo, hi in spans)])


class ItemsView(Sequence[TimelineItem]):
    """Some items of a :class:`PackedItems`, by number (ascending), read on demand."""

    def __init__(self, packed: PackedItems, numbers: Sequence[int]) -> None:
        self.packed = packed
        self.numbers = numbers

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> TimelineItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[TimelineItem]: ...

    def __getitem__(self, index: int | slice) -> TimelineItem | list[TimelineItem]:
        if isinstance(index, slice):
            return [self.packed[number] for number in self.numbers[index]]
        return self.packed[self.numbers[index]]

    def __iter__(self) -> Iterator[TimelineItem]:
        return map(self.packed.__getitem__, self.numbers)

    def where(self, step: int | None = None, kind: Kind | None = None) -> ItemsView:
        """As :meth:`PackedItems.where`, among these."""
        return ItemsView(self.packed, self.packed._where(self.numbers, step, kind))

    def around(self, days: Iterable[date]) -> ItemsView:
        """As :meth:`PackedItems.around`, among these."""
        return ItemsView(self.packed, self.packed._near(days, self.numbers))


#: A packed timeline, or some of its items.
Packed = PackedItems | ItemsView
