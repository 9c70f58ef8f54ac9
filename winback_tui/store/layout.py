"""The journal file's line layout: one table per line, with a checked index.

A journal is one JSON object of TinyDB tables, written like this::

    {"_layout":{"format":1,"tables":[["_meta",78,123456789],["entries",7376480,987]]},
    "_meta":{...},
    "entries":{...}
    }

The first line indexes the tables that follow, one per line, with the length
and CRC-32 of each table's JSON. JSON strings are written with ``ensure_ascii``,
so a line break inside the file only ever ends a line of this layout, and the
file as a whole stays plain JSON that any tool (or an older reader) can parse.

The index lets a reader find every table without parsing any of them, check
the whole file against the CRCs (a few milliseconds for years of data), and
parse a table only when it is first needed. Years of journal entries then cost
neither start-up time nor memory until the timeline or search asks for them.
A file that does not match its index exactly is not trusted this way: the
caller parses it in full instead, and :func:`differing_tables` says which
tables no longer match the index (a bit flip, a hand edit). Such a file is
refused, never loaded as if nothing happened.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from winback_tui.store.atomic import FileRange, read_range

#: A piece of a file being written: bytes, or bytes to copy from an open file.
Piece = bytes | FileRange

LAYOUT_KEY = "_layout"
LAYOUT_FORMAT = 1
#: The index of a file with chunked tables (see :data:`ChunkInfo`); older
#: readers refuse it rather than misread it.
CHUNKED_FORMAT = 2
#: The index of a file whose large tables live in segment files beside it
#: (see :class:`Segmented`); older readers refuse it rather than misread it.
SEGMENTED_FORMAT = 3
_FORMATS = (LAYOUT_FORMAT, CHUNKED_FORMAT, SEGMENTED_FORMAT)
_HEAD = b'{"' + LAYOUT_KEY.encode("ascii") + b'":'
#: The index line is small (a few hundred bytes, about 70 more per segment
#: file: 1 MB is millions of documents); a longer first line is not ours.
MAX_HEAD = 1024 * 1024
_MAX_HEAD = MAX_HEAD


@dataclass(frozen=True)
class Span:
    """Where one table's JSON lies in a journal file.

    Attributes:
        offset: byte offset of the table's JSON object.
        length: its length in bytes.
        crc: its CRC-32.
    """

    offset: int
    length: int
    crc: int


#: One chunk of a large table: (length, crc, first document id, documents).
#: A chunked table's line is ``{`` chunk ``,`` chunk … ``}`` where each plain
#: chunk is some of the table's members (``"7":{...},"8":{...}``), so the line
#: is still one JSON object; an encrypted table's line is ``[`` sealed chunk
#: ``,`` … ``]``. Chunk ``k`` holds the documents whose ids are from its first
#: id up to (not including) the next chunk's.
ChunkInfo = tuple[int, int, int, int]
Chunks = Mapping[str, list[ChunkInfo]]


#: One chunk of a large table kept in a segment file: (length, crc, first
#: document id, documents, file name). The file holds exactly the bytes the
#: chunk would have inline (see :data:`ChunkInfo`).
SegmentInfo = tuple[int, int, int, int, str]


@dataclass(frozen=True)
class Segmented:
    """The large tables of a journal file, each a list of segment files.

    Attributes:
        folder: the folder of the segment files, beside the journal file (the
            same for its backups, which share its segments).
        tables: each segmented table's chunks, in order.
        bounds: the days each segment file spans, as the index keeps them
            (see :mod:`~winback_tui.store.chunk_bounds`), or None.
    """

    folder: str
    tables: Mapping[str, list[SegmentInfo]]
    bounds: object = None


def chunk_list_crc(chunks: list[ChunkInfo]) -> int:
    """What the index records as a chunked table's CRC: the CRC of its chunk list.

    Each chunk's own bytes are covered by its CRC; this one covers the list,
    so a chunk cut from (or added to) the index is noticed too.
    """
    return zlib.crc32(json.dumps([list(c) for c in chunks], separators=(",", ":")).encode())


def chunk_spans(table: Span, chunks: list[ChunkInfo]) -> list[Span]:
    """Where each chunk of a chunked table lies, from its table's span."""
    spans = []
    position = table.offset + 1
    for length, crc, _first, _count in chunks:
        spans.append(Span(position, length, crc))
        position += length + 1
    return spans


def _chunked_length(chunks: list[ChunkInfo]) -> int:
    return 2 + sum(c[0] for c in chunks) + len(chunks) - 1


def _prefix(name: str) -> bytes:
    return json.dumps(name, ensure_ascii=True).encode("ascii") + b":"


def _index_line(
    entries: list[tuple[str, int, int]],
    chunks: Chunks | None = None,
    segmented: Segmented | None = None,
) -> bytes:
    index: dict[str, object] = {"format": LAYOUT_FORMAT, "tables": [list(e) for e in entries]}
    if chunks:
        index["format"] = CHUNKED_FORMAT
        index["chunks"] = {name: [list(c) for c in info] for name, info in chunks.items()}
    if segmented is not None and segmented.tables:
        index["format"] = SEGMENTED_FORMAT
        index["folder"] = segmented.folder
        index["segments"] = {n: [list(c) for c in info] for n, info in segmented.tables.items()}
        if segmented.bounds is not None:
            index["bounds"] = segmented.bounds
    head = _HEAD + json.dumps(index, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return head + (b",\n" if entries else b"\n")


def index_line(entries: list[tuple[str, int, int]], chunks: Chunks | None = None) -> bytes:
    """The index line of a file with ``entries`` and ``chunks`` (its newline included)."""
    return _index_line(entries, chunks)


def table_line(name: str, body: bytes) -> bytes:
    """A table's line without its separator: its name, then its JSON."""
    return _prefix(name) + body


def spans_for(
    entries: list[tuple[str, int, int]],
    chunks: Chunks | None = None,
    segmented: Segmented | None = None,
) -> tuple[dict[str, Span], int]:
    """Where each table of a file with ``entries`` (name, length, crc) lies.

    Args:
        entries: the index's tables.
        chunks: the index's chunk lists (they lengthen the index line).
        segmented: the index's segment files (they lengthen it too).

    Returns:
        The spans by table name, and the file's total size.
    """
    position = len(_index_line(entries, chunks, segmented))
    spans: dict[str, Span] = {}
    for number, (name, length, crc) in enumerate(entries):
        position += len(_prefix(name))
        spans[name] = Span(position, length, crc)
        position += length + (2 if number < len(entries) - 1 else 1)
    return spans, position + 2  # the closing "}\n"


def file_chunks(
    entries: list[tuple[str, int, int]],
    bodies: Mapping[str, Iterable[Piece]],
    chunks: Chunks | None = None,
    segmented: Segmented | None = None,
) -> Iterator[Piece]:
    """The bytes of a journal file, in pieces (no piece is a copy of a whole table).

    Args:
        entries: (name, length, crc) of every table, in file order.
        bodies: each table's JSON, as one or more pieces (bytes, or a range of
            an open file) whose lengths add up to its entry's length.
        chunks: the chunk list of each chunked table (see :data:`ChunkInfo`).
        segmented: the segment files of the tables kept outside the file.
    """
    yield _index_line(entries, chunks, segmented)
    last = len(entries) - 1
    for number, (name, _length, _crc) in enumerate(entries):
        yield _prefix(name)
        yield from bodies[name]
        yield b",\n" if number < last else b"\n"
    yield b"}\n"


def _joined(pieces: Iterable[Piece]) -> bytes:
    joined = bytearray()
    for piece in pieces:
        if isinstance(piece, FileRange):
            raise TypeError("only pieces in memory can be joined")
        joined += piece
    return bytes(joined)


def crc_of(fd: int, span: Span) -> int:
    """CRC-32 of a span of an open file."""
    crc = 0
    for chunk in read_range(fd, span.offset, span.length):
        crc = zlib.crc32(chunk, crc)
    return crc


def scan(fd: int, size: int) -> dict[str, Span] | None:
    """Check an open journal file against its index (see :func:`scan_layout`); its spans."""
    found = scan_layout(fd, size)
    return None if found is None else found[0]


def _parse_chunks(index: dict[str, object]) -> dict[str, list[ChunkInfo]]:
    raw = index.get("chunks", {})
    if not isinstance(raw, dict):
        raise ValueError("chunks")
    return {
        str(name): [(int(a), int(b), int(c), int(d)) for a, b, c, d in info]
        for name, info in raw.items()
    }


def _parse_segmented(index: dict[str, object]) -> Segmented | None:
    raw = index.get("segments")
    if raw is None:
        return None
    folder = index.get("folder")
    if not isinstance(raw, dict) or not isinstance(folder, str) or not _SAFE_FOLDER.match(folder):
        raise ValueError("segments")
    tables: dict[str, list[SegmentInfo]] = {}
    for name, info in raw.items():
        chunks: list[SegmentInfo] = []
        for length, crc, first, count, file in info:
            if not isinstance(file, str) or not _SAFE_FILE.match(file):
                raise ValueError("segment file")
            chunks.append((int(length), int(crc), int(first), int(count), file))
        if not chunks:
            raise ValueError("no segments")
        tables[str(name)] = chunks
    return Segmented(folder, tables, index.get("bounds"))


#: A segment folder is a plain name beside the journal, a segment a plain name in it.
_SAFE_FOLDER = re.compile(r"^[^/\\\x00]+\.d$")
_SAFE_FILE = re.compile(r"^[0-9a-f]{32}\.seg$")


def is_segment_name(name: str) -> bool:
    """Whether ``name`` is a segment file's name (a hash of its bytes, ``.seg``)."""
    return _SAFE_FILE.match(name) is not None


#: What :func:`scan_layout` finds: the spans of the file's own tables, the
#: chunk lists of its chunked ones, and its segment files (or None).
Found = tuple[dict[str, Span], dict[str, list[ChunkInfo]], Segmented | None]


def _parse_index(head: bytes) -> tuple[dict[str, object], int] | None:
    end = head.find(b"\n")
    if not head.startswith(_HEAD) or end < 0:
        return None
    try:
        index = json.loads(head[len(_HEAD) : end].rstrip(b","))
    except ValueError:
        return None
    if not isinstance(index, dict) or index.get("format") not in _FORMATS:
        return None
    return index, end


def _read_parts(
    index: dict[str, object],
) -> tuple[list[tuple[str, int, int]], dict[str, list[ChunkInfo]], Segmented | None] | None:
    try:
        tables = index["tables"]
        assert isinstance(tables, list)
        entries = [(str(name), int(length), int(crc)) for name, length, crc in tables]
        return entries, _parse_chunks(index), _parse_segmented(index)
    except (ValueError, TypeError, KeyError, OverflowError, AttributeError, AssertionError):
        return None


def scan_layout(fd: int, size: int) -> Found | None:
    """Check an open journal file against its index; return where its tables are.

    Every table's bytes are read (a chunk at a time) and checked against the
    CRC in the index, and every byte between them must be exactly what the
    layout puts there, so a truncated, NUL-filled or partly overwritten file
    never passes.

    A chunked table is checked chunk by chunk (each chunk's CRC, and the
    brackets and commas between them). Segment files are not read here: the
    caller checks them (:func:`~winback_tui.store.segments.check`).

    Returns:
        The spans by table name in file order, the chunk lists of chunked
        tables and the segment files, or None when the file is not in this
        layout or does not match its index (the caller then parses it in full,
        which reports any damage).
    """
    head = os.pread(fd, min(size, _MAX_HEAD), 0)
    parsed = _parse_index(head)
    if parsed is None:
        return None
    index, end = parsed
    parts = _read_parts(index)
    if parts is None:
        return None
    entries, chunks, segmented = parts
    if head[: end + 1] != _index_line(entries, chunks, segmented):
        return None
    spans, total = spans_for(entries, chunks, segmented)
    if total != size or len(spans) != len(entries) or not set(chunks) <= set(spans):
        return None
    if segmented is not None and set(segmented.tables) & set(spans):
        return None
    try:
        # Everything but the tables' own bytes: index, names, commas, braces.
        expected_gaps = _joined(
            file_chunks(entries, {name: () for name, _, _ in entries}, chunks, segmented)
        )
        gaps = bytearray()
        position = 0
        for name, span in spans.items():
            gaps += os.pread(fd, span.offset - position, position)
            info = chunks.get(name)
            if info is not None:
                if not _chunked_ok(fd, span, info):
                    return None
            elif crc_of(fd, span) != span.crc:
                return None
            position = span.offset + span.length
        gaps += os.pread(fd, size - position, position)
    except OSError:
        return None
    if bytes(gaps) != expected_gaps:
        return None
    return spans, chunks, segmented


def _chunked_ok(fd: int, span: Span, info: list[ChunkInfo]) -> bool:
    if not info or span.crc != chunk_list_crc(info) or span.length != _chunked_length(info):
        return False
    first = os.pread(fd, 1, span.offset)
    closing = {b"{": b"}", b"[": b"]"}.get(first)
    if closing is None or os.pread(fd, 1, span.offset + span.length - 1) != closing:
        return False
    for number, chunk in enumerate(chunk_spans(span, info)):
        if crc_of(fd, chunk) != chunk.crc:
            return False
        if number < len(info) - 1 and os.pread(fd, 1, chunk.offset + chunk.length) != b",":
            return False
    return True


def encode_body(table: Mapping[str, object]) -> bytes:
    """One table's JSON as this layout writes it."""
    return json.dumps(table, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def encode_file(tables: Mapping[str, Mapping[str, object]]) -> bytes:
    """A whole journal file in this layout (for new journals, migrations and tests)."""
    return join_file({name: encode_body(table) for name, table in tables.items()})


def join_file(bodies: Mapping[str, bytes]) -> bytes:
    """A whole file in this layout from each table's line, in order (any JSON value)."""
    entries = [(name, len(body), zlib.crc32(body)) for name, body in bodies.items()]
    return _joined(file_chunks(entries, {name: (body,) for name, body in bodies.items()}))


def has_index(raw: bytes) -> bool:
    """Whether a file claims this layout (its first bytes are the index's)."""
    return raw.startswith(_HEAD)


def read_index(raw: bytes) -> list[tuple[str, int, int]] | None:
    """The (name, length, crc) entries of a file's index line, or None if unreadable."""
    found = read_layout(raw)
    return None if found is None else found[0]


def read_layout(raw: bytes) -> tuple[list[tuple[str, int, int]], dict[str, list[ChunkInfo]]] | None:
    """A file's index entries and the chunk lists of its chunked tables, or None.

    A segmented file's own tables only: see :func:`read_segmented` for the rest.
    """
    parsed = _parse_index(raw[:_MAX_HEAD])
    parts = None if parsed is None else _read_parts(parsed[0])
    return None if parts is None else (parts[0], parts[1])


def read_segmented(raw: bytes) -> Segmented | None:
    """The segment files a file's index names, or None (none, or no readable index)."""
    parsed = _parse_index(raw[:_MAX_HEAD])
    parts = None if parsed is None else _read_parts(parsed[0])
    return None if parts is None else parts[2]


_NAME = re.compile(rb'^("(?:[^"\\]|\\.)*"):')


def _line_name(line: bytes) -> str | None:
    match = _NAME.match(line)
    if match is None:
        return None
    try:
        name = json.loads(match.group(1))
    except ValueError:
        return None
    return name if isinstance(name, str) else None


def _body_matches(body: bytes, crc: int, info: list[ChunkInfo] | None) -> bool:
    if info is None:
        return zlib.crc32(body) == crc
    if not info or crc != chunk_list_crc(info) or len(body) != _chunked_length(info):
        return False
    position = 1
    for length, chunk_crc, _first, _count in info:
        if zlib.crc32(body[position : position + length]) != chunk_crc:
            return False
        position += length + 1
    return True


def _matches(
    line: bytes, name: str, length: int, crc: int, last: bool, chunks: Chunks | None = None
) -> bool:
    prefix = _prefix(name)
    body = line[len(prefix) :] if line.startswith(prefix) else None
    if body is None:
        return False
    if not last:
        if not body.endswith(b","):
            return False
        body = body[:-1]
    return len(body) == length and _body_matches(body, crc, (chunks or {}).get(name))


def differing_tables(
    raw: bytes, entries: list[tuple[str, int, int]], chunks: Chunks | None = None
) -> list[str]:
    """The tables of a file whose bytes do not match its index, in file order.

    Each table is one line of the layout, so a table's line can be checked on
    its own even when another line is damaged, shorter or longer. A table the
    index names but the file lacks, or one the file has but the index does not
    name, counts as differing too.

    Args:
        raw: the whole file.
        entries: its index (see :func:`read_index`).
        chunks: its chunked tables' chunk lists (see :func:`read_layout`).
    """
    lines = raw.split(b"\n")[1:]
    # The tables, then "}", then the empty piece after the final newline.
    body_lines = lines[: len(lines) - 2] if len(lines) >= 2 else lines
    differing: list[str] = []
    if len(body_lines) == len(entries):
        # Same shape: table n is on line n, whatever a damaged line says.
        for number, ((name, length, crc), line) in enumerate(zip(entries, body_lines, strict=True)):
            if not _matches(line, name, length, crc, number == len(entries) - 1, chunks):
                differing.append(name)
    else:
        by_name: dict[str, bytes] = {}
        for line in body_lines:
            found = _line_name(line)
            if found is None:
                differing.append("(an unreadable line)")
            else:
                by_name[found] = line
        known = {name for name, _, _ in entries}
        for number, (name, length, crc) in enumerate(entries):
            held = by_name.get(name)
            last = number == len(entries) - 1
            if held is None or not (
                _matches(held, name, length, crc, last, chunks)
                or _matches(held, name, length, crc, not last, chunks)
            ):
                differing.append(name)
        differing += [name for name in by_name if name not in known]
    if not differing and lines[len(body_lines) :] != [b"}", b""]:
        differing.append("(the end of the file)")
    return differing
