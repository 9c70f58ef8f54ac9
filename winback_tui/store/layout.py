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
_HEAD = b'{"' + LAYOUT_KEY.encode("ascii") + b'":'
#: The index line is small (a few hundred bytes); a longer first line is not ours.
_MAX_HEAD = 64 * 1024


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


def _prefix(name: str) -> bytes:
    return json.dumps(name, ensure_ascii=True).encode("ascii") + b":"


def _index_line(entries: list[tuple[str, int, int]]) -> bytes:
    index = {"format": LAYOUT_FORMAT, "tables": [list(entry) for entry in entries]}
    head = _HEAD + json.dumps(index, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return head + (b",\n" if entries else b"\n")


def spans_for(entries: list[tuple[str, int, int]]) -> tuple[dict[str, Span], int]:
    """Where each table of a file with ``entries`` (name, length, crc) lies.

    Returns:
        The spans by table name, and the file's total size.
    """
    position = len(_index_line(entries))
    spans: dict[str, Span] = {}
    for number, (name, length, crc) in enumerate(entries):
        position += len(_prefix(name))
        spans[name] = Span(position, length, crc)
        position += length + (2 if number < len(entries) - 1 else 1)
    return spans, position + 2  # the closing "}\n"


def file_chunks(
    entries: list[tuple[str, int, int]], bodies: Mapping[str, Iterable[Piece]]
) -> Iterator[Piece]:
    """The bytes of a journal file, in pieces (no piece is a copy of a whole table).

    Args:
        entries: (name, length, crc) of every table, in file order.
        bodies: each table's JSON, as one or more pieces (bytes, or a range of
            an open file) whose lengths add up to its entry's length.
    """
    yield _index_line(entries)
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
    """Check an open journal file against its index; return where its tables are.

    Every table's bytes are read (a chunk at a time) and checked against the
    CRC in the index, and every byte between them must be exactly what the
    layout puts there, so a truncated, NUL-filled or partly overwritten file
    never passes.

    Returns:
        The spans by table name in file order, or None when the file is not in
        this layout or does not match its index (the caller then parses it in
        full, which reports any damage).
    """
    head = os.pread(fd, min(size, _MAX_HEAD), 0)
    end = head.find(b"\n")
    if not head.startswith(_HEAD) or end < 0:
        return None
    try:
        index = json.loads(head[len(_HEAD) : end].rstrip(b","))
        tables = index["tables"]
        entries = [(str(name), int(length), int(crc)) for name, length, crc in tables]
    except (ValueError, TypeError, KeyError, OverflowError):
        return None
    if not isinstance(index, dict) or index.get("format") != LAYOUT_FORMAT:
        return None
    if head[: end + 1] != _index_line(entries):
        return None
    spans, total = spans_for(entries)
    if total != size or len(spans) != len(entries):
        return None
    try:
        # Everything but the tables' own bytes: index, names, commas, braces.
        expected_gaps = _joined(file_chunks(entries, {name: () for name, _, _ in entries}))
        gaps = bytearray()
        position = 0
        for span in spans.values():
            gaps += os.pread(fd, span.offset - position, position)
            if crc_of(fd, span) != span.crc:
                return None
            position = span.offset + span.length
        gaps += os.pread(fd, size - position, position)
    except OSError:
        return None
    if bytes(gaps) != expected_gaps:
        return None
    return spans


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
    end = raw.find(b"\n", 0, _MAX_HEAD)
    if not raw.startswith(_HEAD) or end < 0:
        return None
    try:
        index = json.loads(raw[len(_HEAD) : end].rstrip(b","))
        if not isinstance(index, dict) or index.get("format") != LAYOUT_FORMAT:
            return None
        return [(str(name), int(length), int(crc)) for name, length, crc in index["tables"]]
    except (ValueError, TypeError, KeyError, OverflowError):
        return None


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


def _matches(line: bytes, name: str, length: int, crc: int, last: bool) -> bool:
    prefix = _prefix(name)
    body = line[len(prefix) :] if line.startswith(prefix) else None
    if body is None:
        return False
    if not last:
        if not body.endswith(b","):
            return False
        body = body[:-1]
    return len(body) == length and zlib.crc32(body) == crc


def differing_tables(raw: bytes, entries: list[tuple[str, int, int]]) -> list[str]:
    """The tables of a file whose bytes do not match its index, in file order.

    Each table is one line of the layout, so a table's line can be checked on
    its own even when another line is damaged, shorter or longer. A table the
    index names but the file lacks, or one the file has but the index does not
    name, counts as differing too.

    Args:
        raw: the whole file.
        entries: its index (see :func:`read_index`).
    """
    lines = raw.split(b"\n")[1:]
    # The tables, then "}", then the empty piece after the final newline.
    body_lines = lines[: len(lines) - 2] if len(lines) >= 2 else lines
    differing: list[str] = []
    if len(body_lines) == len(entries):
        # Same shape: table n is on line n, whatever a damaged line says.
        for number, ((name, length, crc), line) in enumerate(zip(entries, body_lines, strict=True)):
            if not _matches(line, name, length, crc, number == len(entries) - 1):
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
                _matches(held, name, length, crc, last)
                or _matches(held, name, length, crc, not last)
            ):
                differing.append(name)
        differing += [name for name in by_name if name not in known]
    if not differing and lines[len(body_lines) :] != [b"}", b""]:
        differing.append("(the end of the file)")
    return differing
