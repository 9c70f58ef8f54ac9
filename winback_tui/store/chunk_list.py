"""The chunks of a large table, as :class:`~winback_tui.store.storage.Tables` holds them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from winback_tui.store import chunk_bounds, layout

Table = dict[str, Any]


@dataclass
class Chunk:
    """Some consecutive documents of a large table (see :data:`layout.ChunkInfo`).

    Attributes:
        first: the lowest document id it holds (chunk 0 also holds any lower).
        count: how many documents it holds.
        span: where its bytes lie in the current file, while it is clean.
        docs: its documents, once read (or changed).
        sealed_as: (number, last) it was sealed under in the current file: an
            encrypted chunk that moves must be sealed again.
    """

    first: int
    count: int
    span: layout.Span | None
    docs: Table | None
    sealed_as: tuple[int, bool] | None = None
    #: The segment file holding it, while it is clean (layout format 3).
    segment: layout.SegmentInfo | None = None
    #: The days its documents span (see :mod:`~winback_tui.store.chunk_bounds`), once known.
    bound: chunk_bounds.Bound | None = None


def ascending_ids(table: Mapping[str, Any]) -> list[int] | None:
    ids: list[int] = []
    for key in table:
        if not key.isdigit() or (ids and int(key) <= ids[-1]):
            return None
        ids.append(int(key))
    return ids


def split(table: Mapping[str, Any], size: int) -> list[Chunk] | None:
    """A large table as chunks of ``size`` documents, or None for one that stays whole.

    A table stays whole when it is small or its ids are not in order.
    """
    if len(table) <= size:
        return None
    ids = ascending_ids(table)
    if ids is None:
        return None
    items = list(table.items())
    return [
        Chunk(ids[start], len(part), None, dict(part))
        for start in range(0, len(items), size)
        for part in (items[start : start + size],)
    ]


def is_clean(chunk: Chunk) -> bool:
    """Whether a chunk's documents are as the current file (or its segment) holds them."""
    return chunk.span is not None or chunk.segment is not None


def held_key(chunk: Chunk) -> object | None:
    """What names a clean chunk as stored (its segment file, or its span); None if changed."""
    return chunk.segment[4] if chunk.segment is not None else chunk.span


def chunks_stamp(chunks: list[Chunk]) -> list[object] | None:
    """Each chunk's segment file (a hash of its bytes) or length and CRC; None if one changed."""
    found: list[object] = []
    for c in chunks:
        if c.segment is not None:
            found.append(c.segment[4])
        elif c.span is not None:
            found.append([c.span.length, c.span.crc])
        else:
            return None
    return found


@dataclass
class Pieces:
    """Everything one save writes.

    Attributes:
        entries: (name, length, crc) of each table kept in the journal file.
        bodies: their bytes, as pieces (see :func:`layout.file_chunks`).
        segmented: the segment files of the chunked tables, or None.
        new: the bytes of the segment files that do not exist yet, by name.
    """

    entries: list[tuple[str, int, int]]
    bodies: dict[str, Iterable[layout.Piece]]
    segmented: layout.Segmented | None
    new: dict[str, bytes]
