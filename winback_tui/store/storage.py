"""A TinyDB storage that writes atomically, never trusts a damaged file, and reads lazily."""

from __future__ import annotations

import contextlib
import json
import os
import threading
import weakref
import zlib
from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from winback_tui.store import chunk_bounds, layout, segments
from winback_tui.store.atomic import FileRange, read_range
from winback_tui.store.chunk_list import Chunk, Pieces, chunks_stamp, held_key, is_clean, split
from winback_tui.store.errors import JournalCorruptError
from winback_tui.store.schema import META_TABLE, check_meta, check_table, decode

if TYPE_CHECKING:
    from winback_tui.store.crypt import Vault
    from winback_tui.store.precheck import Checked

Table = dict[str, Any]

#: Documents per chunk of a large table. A save re-encodes (and re-seals) only
#: the chunks that changed, and reading one old entry parses only its chunk.
CHUNK_DOCS = 256
#: A table kept whole in the journal file whose JSON is longer than this is
#: split into segment files at the next save (if it has more than CHUNK_DOCS).
SEGMENT_AFTER = 64 * 1024


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


class Tables(MutableMapping[str, Table]):
    """The journal's tables, each parsed from the file the first time it is read.

    A table that has not changed since the file at ``fd`` was written (or
    loaded) is *clean*: its JSON lies in that file at a known :class:`~layout.Span`,
    so a save copies those bytes instead of encoding the table again, and a
    table nobody has read yet is never parsed at all. Assigning a table makes
    it *dirty* until the next save writes it.

    ``fd`` stays open on the file this copy was read from: a newer save by
    another process replaces the file by rename, so a read-only copy keeps
    reading the one consistent version it opened.

    With a ``vault`` the journal is encrypted: each table's line is sealed on
    its own (see :mod:`~winback_tui.store.crypt`), opened when first read and
    sealed again only when it changed; the ``_crypt`` header line comes first
    and is no table.
    """

    def __init__(
        self,
        path: Path,
        fd: int | None,
        spans: Mapping[str, layout.Span],
        parsed: Mapping[str, Table],
        *,
        vault: Vault | None = None,
        chunks: Mapping[str, list[layout.ChunkInfo]] | None = None,
        segmented: layout.Segmented | None = None,
    ) -> None:
        self.path = path
        self.vault = vault
        #: The folder of this journal's segment files (see :mod:`~winback_tui.store.segments`).
        self.segment_folder = (
            segmented.folder if segmented is not None else segments.folder_name(path)
        )
        seg_tables = segmented.tables if segmented is not None else {}
        self._names: dict[str, None] = dict.fromkeys([*spans, *parsed, *seg_tables])
        self._spans = dict(spans)
        self._parsed = dict(parsed)
        self._chunked: dict[str, list[Chunk]] = {}
        self._plan: dict[str, list[Chunk]] = {}
        for name, info in (chunks or {}).items():
            self._chunked[name] = self._clean_chunks(self._spans.pop(name), info)
        known = chunk_bounds.decode(segmented.bounds, vault, path) if segmented else {}
        for name, seg_info in seg_tables.items():
            last = len(seg_info) - 1
            self._chunked[name] = [
                Chunk(info[2], info[3], None, None, (number, number == last), info)
                for number, info in enumerate(seg_info)
            ]
            for chunk in self._chunked[name]:
                chunk.bound = known.get(chunk.segment[4]) if chunk.segment else None
        self._lock = threading.RLock()
        self._fd: int | None = None
        self._finalizer: weakref.finalize[[int], Tables] | None = None
        self._adopt_fd(fd)

    # ------------------------------------------------------------- the mapping
    def __getitem__(self, name: str) -> Table:
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is not None:
                # A new dict each time (do not change it): use doc() or docs()
                # to read a large table without holding all of it.
                whole: Table = {}
                for number in range(len(chunks)):
                    whole.update(self._docs_of(name, number))
                return whole
            table = self._parsed.get(name)
            if table is None:
                span = self._spans.get(name)
                if span is None:
                    raise KeyError(name)
                table = self._parse(name, span)
                self._parsed[name] = table
            return table

    def __setitem__(self, name: str, table: Table) -> None:
        with self._lock:
            self._names[name] = None
            self._parsed[name] = table
            self._spans.pop(name, None)
            self._chunked.pop(name, None)

    def __delitem__(self, name: str) -> None:
        with self._lock:
            del self._names[name]
            self._parsed.pop(name, None)
            self._spans.pop(name, None)
            self._chunked.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __contains__(self, name: object) -> bool:
        # Mapping's own would read the table to find out.
        return name in self._names

    def __len__(self) -> int:
        return len(self._names)

    # ------------------------------------------------------------ documents
    def _clean_chunks(self, table: layout.Span, info: list[layout.ChunkInfo]) -> list[Chunk]:
        last = len(info) - 1
        return [
            Chunk(first, count, span, None, (number, number == last))
            for number, (span, (_len, _crc, first, count)) in enumerate(
                zip(layout.chunk_spans(table, info), info, strict=True)
            )
        ]

    def _docs_of(self, name: str, number: int) -> Table:
        return self._chunk_docs(name, self._chunked[name][number])

    def _chunk_docs(self, name: str, chunk: Chunk) -> Table:
        if chunk.docs is None:
            chunk.docs = self._opened(name, chunk)
        return chunk.docs

    def _opened(self, name: str, chunk: Chunk) -> Table:
        """A clean chunk's documents, read, unsealed and checked (not kept: the caller may)."""
        assert chunk.sealed_as is not None
        if chunk.segment is not None:
            body = segments.read_held(self.path, self._fd, self.segment_folder, name, chunk.segment)
        else:
            assert chunk.span is not None
            body = self._read_span(name, chunk.span)
        if self.vault is not None:
            docs: object = self.vault.open_chunk(self.path, name, *chunk.sealed_as, body)
        else:
            try:
                docs = json.loads(b"{" + body + b"}")
            except ValueError:
                raise JournalCorruptError(
                    self.path, f"{self.path} has a damaged table {name!r}"
                ) from None
        check_table(self.path, name, docs)
        assert isinstance(docs, dict)
        if chunk.bound is None:
            chunk.bound = chunk_bounds.of_docs(docs)
        return docs

    def _chunks_for_change(self, name: str) -> list[Chunk] | None:
        """The chunks of ``name`` (splitting a large whole table first), or None if it is small."""
        chunks = self._chunked.get(name)
        if chunks is None and name in self._names:
            chunks = split(self[name], CHUNK_DOCS)
            if chunks is not None:
                self._chunked[name] = chunks
                self._parsed.pop(name, None)
                self._spans.pop(name, None)
        return chunks

    @staticmethod
    def _locate(chunks: list[Chunk], doc_id: str) -> int:
        if not doc_id.isdigit():
            return len(chunks) - 1
        return max(bisect_right([c.first for c in chunks], int(doc_id)) - 1, 0)

    def doc(self, name: str, doc_id: str) -> dict[str, Any] | None:
        """One document (do not change it), reading only its chunk of a large table."""
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is None:
                return self[name].get(doc_id) if name in self._names else None
            return self._docs_of(name, self._locate(chunks, doc_id)).get(doc_id)

    def peek(
        self, name: str, doc_id: str, skip: Container[object] = ()
    ) -> tuple[object | None, Table | None]:
        """The documents of the chunk holding ``doc_id`` (do not change them), not kept.

        With a key naming that chunk as stored (its segment file, or its span)
        while it is clean, None while it has unsaved changes (or the table is
        kept whole): a reader may keep what it makes of a clean chunk's
        documents under that key. A key in ``skip`` comes with None (not read).
        """
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is None:
                return None, self[name] if name in self._names else {}
            chunk = chunks[self._locate(chunks, doc_id)]
            held = held_key(chunk)
            if held is not None and held in skip:
                return held, None
            return held, chunk.docs if chunk.docs is not None else self._opened(name, chunk)

    def docs(
        self, name: str, *, keep: bool = True, only: Container[int] | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every document of a table by id, in file order (do not change them).

        A large table is gone through a chunk at a time, each under the lock
        on its own: a save from another thread waits for one chunk, not for
        the whole pass (which then sees each chunk as it was when reached).

        Args:
            name: the table (none: nothing).
            keep: False to let go of each clean chunk of a large table once it
                has been gone through, so a scan of years of entries holds one
                chunk at a time.
            only: the numbers of the chunks of a large table to go through
                (see :meth:`bounds`); None: all of them.
        """
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is None:
                table = self[name] if name in self._names else {}
                whole = list(table.items())
            else:
                chunks = list(chunks)
        if chunks is None:
            yield from whole
            return
        for number, chunk in enumerate(chunks):
            if only is not None and number not in only:
                continue
            with self._lock:
                held = chunk.docs is not None
                items = list(self._chunk_docs(name, chunk).items())
                if not keep and not held and is_clean(chunk):
                    chunk.docs = None
            yield from items

    def bounds(self, name: str) -> list[tuple[chunk_bounds.Bound | None, int]] | None:
        """Each chunk of a large table by number: its bound and how many documents it holds.

        None for a table kept whole. A chunk whose bound is not known yet
        (written by an older winback, and not read since) has None.
        """
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is None:
                return None
            for chunk in chunks:
                if chunk.bound is None and chunk.docs is not None:
                    chunk.bound = chunk_bounds.of_docs(chunk.docs)
            return [(chunk.bound, chunk.count) for chunk in chunks]

    def stamp(self, name: str) -> list[object] | None:
        """Each chunk's segment file (a hash of its bytes) or length and CRC; [] if absent.

        None while the table has changes not saved yet. Changes whenever a save
        changes the table (see :mod:`~winback_tui.store.summaries`).
        """
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is not None:
                return chunks_stamp(chunks)
            if name not in self._names:
                return []
            span = self._spans.get(name)
            return None if span is None else [[span.length, span.crc]]

    def release(self, name: str) -> None:
        """Let go of the clean chunks of a large table read so far (they read again on use)."""
        with self._lock:
            for chunk in self._chunked.get(name, []):
                if is_clean(chunk):
                    chunk.docs = None

    def next_id(self, name: str) -> int:
        """The id TinyDB would give the next document of ``name`` (the highest plus one)."""
        with self._lock:
            chunks = self._chunked.get(name)
            if chunks is None:
                table = self[name] if name in self._names else {}
                return max((int(k) for k in table), default=0) + 1
            for number in range(len(chunks) - 1, -1, -1):
                if chunks[number].count:
                    return max(int(k) for k in self._docs_of(name, number)) + 1
            return 1

    def put(self, name: str, doc_id: str, doc: dict[str, Any]) -> None:
        """Add or replace one document; only its chunk of a large table is written again."""
        with self._lock:
            chunks = self._chunks_for_change(name)
            if chunks is None:
                table = dict(self[name]) if name in self._names else {}
                table[doc_id] = doc
                self[name] = table
                self._chunks_for_change(name)
                return
            number = self._locate(chunks, doc_id)
            docs = self._docs_of(name, number)
            chunk = chunks[number]
            if (
                doc_id not in docs
                and number == len(chunks) - 1
                and chunk.count >= CHUNK_DOCS
                and doc_id.isdigit()
                and all(int(k) < int(doc_id) for k in docs)
            ):
                chunks.append(Chunk(int(doc_id), 1, None, {doc_id: doc}))
                return
            if doc_id not in docs:
                chunk.count += 1
            docs[doc_id] = doc
            chunk.span = chunk.segment = chunk.bound = None

    def delete(self, name: str, doc_id: str) -> bool:
        """Remove one document; whether it was there."""
        with self._lock:
            chunks = self._chunks_for_change(name)
            if chunks is None:
                if name not in self._names or doc_id not in self[name]:
                    return False
                table = dict(self[name])
                del table[doc_id]
                self[name] = table
                return True
            number = self._locate(chunks, doc_id)
            docs = self._docs_of(name, number)
            if doc_id not in docs:
                return False
            del docs[doc_id]
            chunks[number].count -= 1
            chunks[number].span = chunks[number].segment = chunks[number].bound = None
            return True

    def chunk_count(self, name: str) -> int:
        """How many chunks a table is kept in (1 for a small one; for tests and benchmarks)."""
        return len(self._chunked.get(name, [None]))

    def _read_span(self, name: str, span: layout.Span) -> bytes:
        if self._fd is None:
            # Not KeyError: TinyDB would read that as an empty table.
            raise RuntimeError(f"the journal {self.path} is closed")
        try:
            body = b"".join(read_range(self._fd, span.offset, span.length))
        except OSError as exc:
            raise JournalCorruptError(
                self.path, f"could not read {self.path}: {exc.strerror}"
            ) from exc
        if zlib.crc32(body) != span.crc:
            raise JournalCorruptError(
                self.path, f"{self.path} changed on disk while open: table {name!r} is damaged"
            )
        return body

    # ---------------------------------------------------------------- the file
    def _parse(self, name: str, span: layout.Span) -> Table:
        body = self._read_span(name, span)
        if self.vault is not None:
            table = self.vault.open(self.path, name, body)
        else:
            try:
                table = json.loads(body)
            except ValueError:
                raise JournalCorruptError(
                    self.path, f"{self.path} has a damaged table {name!r}"
                ) from None
        check_table(self.path, name, table)
        return dict(table)

    def _adopt_fd(self, fd: int | None) -> None:
        if self._finalizer is not None:
            self._finalizer()  # closes the previous file
        self._fd = fd
        self._finalizer = weakref.finalize(self, _close_quietly, fd) if fd is not None else None

    def close(self) -> None:
        """Close the file this copy reads from; tables not read yet can no longer be."""
        with self._lock:
            self._adopt_fd(None)

    def is_parsed(self, name: str) -> bool:
        """Whether a table (or a chunk of it) has been read into memory (tests, benchmarks)."""
        chunks = self._chunked.get(name)
        if chunks is not None:
            return any(chunk.docs is not None for chunk in chunks)
        return name in self._parsed

    def pieces(self, *, split: bool = True) -> Pieces:
        """Everything a save writes (see :class:`Pieces`).

        Args:
            split: move a large table kept whole into segment files (see
                :data:`SEGMENT_AFTER`); False keeps every table where it is.

        Clean tables are copied from the current file (by the kernel where it
        can) and clean chunks stay in their segment files; only the dirty ones
        are encoded (and sealed).

        Raises:
            TypeError, ValueError: a dirty table holds a value JSON cannot store.
        """
        entries: list[tuple[str, int, int]] = []
        bodies: dict[str, Iterable[layout.Piece]] = {}
        tables: dict[str, list[layout.SegmentInfo]] = {}
        new: dict[str, bytes] = {}
        bounds: dict[str, chunk_bounds.Bound] = {}
        vault = self.vault
        if vault is not None:
            from winback_tui.store.crypt import CRYPT_TABLE

            head = vault.header_body()
            entries.append((CRYPT_TABLE, len(head), zlib.crc32(head)))
            bodies[CRYPT_TABLE] = (head,)
        with self._lock:
            for name, held in list(self._chunked.items()):
                if not any(chunk.count for chunk in held):
                    self[name] = {}  # nothing left to chunk: a whole, empty table
            self._plan = {}
            for name in list(self._names):
                span = self._spans.get(name)
                if split and (
                    (span is not None and span.length > SEGMENT_AFTER)
                    or (span is None and len(self._parsed.get(name, ())) > CHUNK_DOCS)
                ):
                    # A large table kept whole (a new or converted journal) moves
                    # into segments once, so later saves need not copy it.
                    self._chunks_for_change(name)
                span = self._spans.get(name)
                chunks = self._chunked.get(name)
                if chunks is not None:
                    tables[name] = self._segment_pieces(name, chunks, new, bounds)
                elif span is not None and self._fd is not None:
                    entries.append((name, span.length, span.crc))
                    bodies[name] = (FileRange(self._fd, span.offset, span.length),)
                else:
                    table = self._parsed[name]
                    body = layout.encode_body(table) if vault is None else vault.seal(name, table)
                    entries.append((name, len(body), zlib.crc32(body)))
                    bodies[name] = (body,)
        segmented = (
            layout.Segmented(self.segment_folder, tables, chunk_bounds.encode(bounds, vault))
            if tables
            else None
        )
        return Pieces(entries, bodies, segmented, new)

    def _segment_pieces(
        self,
        name: str,
        chunks: list[Chunk],
        new: dict[str, bytes],
        bounds: dict[str, chunk_bounds.Bound],
    ) -> list[layout.SegmentInfo]:
        """The segment files of a chunked table; the bytes of those to write go into ``new``."""
        live = [chunk for chunk in chunks if chunk.count]
        self._plan[name] = live
        vault = self.vault
        infos: list[layout.SegmentInfo] = []
        for number, chunk in enumerate(live):
            last = number == len(live) - 1
            in_place = vault is None or chunk.sealed_as == (number, last)
            if chunk.segment is not None and in_place:
                length, crc, _first, _count, file = chunk.segment
                infos.append((length, crc, chunk.first, chunk.count, file))
                self._note_bound(file, chunk, bounds)
                continue
            count = chunk.count
            if chunk.span is not None and self._fd is not None and in_place:
                body = self._read_span(name, chunk.span)  # an inline chunk moves out as it is
            else:
                docs = self._docs_of(name, chunks.index(chunk))
                count = len(docs)
                chunk.bound = chunk_bounds.of_docs(docs)
                if vault is None:
                    body = layout.encode_body(docs)[1:-1]
                else:
                    body = vault.seal_chunk(name, number, last, docs)
            file = segments.file_name(body)
            new[file] = body
            infos.append((len(body), zlib.crc32(body), chunk.first, count, file))
            self._note_bound(file, chunk, bounds)
        return infos

    @staticmethod
    def _note_bound(file: str, chunk: Chunk, bounds: dict[str, chunk_bounds.Bound]) -> None:
        if chunk.bound is None and chunk.docs is not None:
            chunk.bound = chunk_bounds.of_docs(chunk.docs)
        if chunk.bound is not None:
            bounds[file] = chunk.bound

    def written(self, fd: int, pieces: Pieces) -> None:
        """Record that ``pieces`` were just written: the journal file is now open at ``fd``."""
        spans, _size = layout.spans_for(pieces.entries, None, pieces.segmented)
        if self.vault is not None:
            from winback_tui.store.crypt import CRYPT_TABLE

            spans.pop(CRYPT_TABLE, None)
        with self._lock:
            seg_tables = pieces.segmented.tables if pieces.segmented is not None else {}
            for name, infos in seg_tables.items():
                live = self._plan.get(name, [])
                last = len(infos) - 1
                for number, (chunk, info) in enumerate(zip(live, infos, strict=True)):
                    chunk.span = None
                    chunk.segment = info
                    chunk.count = info[3]
                    chunk.sealed_as = (number, number == last)
                self._chunked[name] = live
            self._plan = {}
            self._spans = spans
            self._adopt_fd(fd)


def _read_all(fd: int, size: int) -> bytes:
    return b"".join(read_range(fd, 0, size)) if size else b""


def read_tables(
    path: Path, vault: Vault | None = None, known: Mapping[str, Checked] | None = None
) -> Tables:
    """Open and check the journal file at ``path``; parse only its ``_meta`` table.

    A file in the indexed layout (see :mod:`~winback_tui.store.layout`) that
    matches its index is checked by CRC and its tables are parsed on first
    use. Any other file, including a damaged one, is parsed and checked in
    full by :func:`~winback_tui.store.schema.decode`.

    Args:
        path: the journal.
        vault: the key of an encrypted journal (see :func:`unlock`). A plain
            file opens plain whatever is given here.
        known: what a launch child read (see :func:`~winback_tui.store.segments.check`).

    Raises:
        OSError: the file cannot be opened or read.
        JournalCorruptError, JournalForeignError, JournalTooNewError: see ``decode``.
        JournalEncryptedError: the file is encrypted and ``vault`` is None, or
            the vault is another journal's.
    """
    from winback_tui.store.crypt import CRYPT_TABLE, Header, JournalEncryptedError

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        found = layout.scan_layout(fd, size)
        if (
            found is None
            or META_TABLE not in found[0]
            or (found[2] is not None and segments.check(path, found[2], known) is not None)
        ):
            # Parsed in full, segments read in: this reports what is damaged.
            data = decode(path, _read_all(fd, size))
            os.close(fd)
            return Tables(path, None, {}, data)
        spans, chunks, segmented = found
        head = spans.pop(CRYPT_TABLE, None)
        if head is not None:
            header = Header.parse(path, b"".join(read_range(fd, head.offset, head.length)))
            vault = vault.for_header(header) if vault is not None else None
            if vault is None:
                raise JournalEncryptedError(
                    path, f"{path} is encrypted; it opens only with its passphrase"
                )
        else:
            vault = None
        tables = Tables(path, fd, spans, {}, vault=vault, chunks=chunks, segmented=segmented)
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise
    check_meta(path, tables[META_TABLE])
    return tables
