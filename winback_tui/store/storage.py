"""A TinyDB storage that writes atomically, never trusts a damaged file, and reads lazily."""

from __future__ import annotations

import contextlib
import json
import os
import threading
import weakref
import zlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from winback_tui.store import layout
from winback_tui.store.atomic import FileRange, atomic_write, read_range
from winback_tui.store.errors import JournalCorruptError, JournalReadOnlyError, JournalWriteError
from winback_tui.store.schema import META_TABLE, check_meta, check_table, decode

if TYPE_CHECKING:
    from winback_tui.store.crypt import Vault

Table = dict[str, Any]


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
    ) -> None:
        self.path = path
        self.vault = vault
        self._names: dict[str, None] = dict.fromkeys([*spans, *parsed])
        self._spans = dict(spans)
        self._parsed = dict(parsed)
        self._lock = threading.RLock()
        self._fd: int | None = None
        self._finalizer: weakref.finalize[[int], Tables] | None = None
        self._adopt_fd(fd)

    # ------------------------------------------------------------- the mapping
    def __getitem__(self, name: str) -> Table:
        with self._lock:
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

    def __delitem__(self, name: str) -> None:
        with self._lock:
            del self._names[name]
            self._parsed.pop(name, None)
            self._spans.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    # ---------------------------------------------------------------- the file
    def _parse(self, name: str, span: layout.Span) -> Table:
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
        """Whether a table has been read into memory (for tests and benchmarks)."""
        return name in self._parsed

    def pieces(self) -> tuple[list[tuple[str, int, int]], dict[str, Iterable[layout.Piece]]]:
        """Everything a save writes: (name, length, crc) per table and their bytes.

        Clean tables are copied from the current file (by the kernel where it
        can); only the dirty ones are encoded.

        Raises:
            TypeError, ValueError: a dirty table holds a value JSON cannot store.
        """
        entries: list[tuple[str, int, int]] = []
        bodies: dict[str, Iterable[layout.Piece]] = {}
        vault = self.vault
        if vault is not None:
            from winback_tui.store.crypt import CRYPT_TABLE

            head = vault.header_body()
            entries.append((CRYPT_TABLE, len(head), zlib.crc32(head)))
            bodies[CRYPT_TABLE] = (head,)
        with self._lock:
            for name in self._names:
                span = self._spans.get(name)
                if span is not None and self._fd is not None:
                    entries.append((name, span.length, span.crc))
                    bodies[name] = (FileRange(self._fd, span.offset, span.length),)
                else:
                    table = self._parsed[name]
                    body = layout.encode_body(table) if vault is None else vault.seal(name, table)
                    entries.append((name, len(body), zlib.crc32(body)))
                    bodies[name] = (body,)
        return entries, bodies

    def written(self, fd: int, entries: list[tuple[str, int, int]]) -> None:
        """Record that ``entries`` were just written to the file now open at ``fd``."""
        spans, _size = layout.spans_for(entries)
        if self.vault is not None:
            from winback_tui.store.crypt import CRYPT_TABLE

            spans.pop(CRYPT_TABLE, None)
        with self._lock:
            self._spans = spans
            self._adopt_fd(fd)


def _read_all(fd: int, size: int) -> bytes:
    return b"".join(read_range(fd, 0, size)) if size else b""


def read_tables(path: Path, vault: Vault | None = None) -> Tables:
    """Open and check the journal file at ``path``; parse only its ``_meta`` table.

    A file in the indexed layout (see :mod:`~winback_tui.store.layout`) that
    matches its index is checked by CRC and its tables are parsed on first
    use. Any other file, including a damaged one, is parsed and checked in
    full by :func:`~winback_tui.store.schema.decode`.

    Args:
        path: the journal.
        vault: the key of an encrypted journal (see :func:`unlock`). A plain
            file opens plain whatever is given here.

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
        spans = layout.scan(fd, size)
        if spans is None or META_TABLE not in spans:
            data = decode(path, _read_all(fd, size))
            os.close(fd)
            return Tables(path, None, {}, data)
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
        tables = Tables(path, fd, spans, {}, vault=vault)
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise
    check_meta(path, tables[META_TABLE])
    return tables


def _reopen(path: Path) -> int:
    return os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))


class AtomicJSONStorage:
    """Keeps the journal's tables (see :class:`Tables`) and writes each change atomically.

    The journal is checked before this storage is built, and this process
    holds the writer lock, so nobody else changes the file underneath. There
    is deliberately no caching middleware: when ``write`` returns, the data is
    on disk.
    """

    def __init__(self, path: Path, data: Tables, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        #: The key of an encrypted journal, kept for the next read after a drop.
        self.vault = data.vault
        self._data: Tables | None = data
        self._io = threading.Lock()

    def _drop(self) -> None:
        # TinyDB has already put its change into our copy: forget the copy, and
        # the next read loads the file as it really is.
        if self._data is not None:
            self._data.close()
        self._data = None

    def read(self) -> Tables:
        """Return the journal's tables (TinyDB edits this object, then writes it)."""
        if self._data is None:
            self._data = read_tables(self.path, self.vault)
        return self._data

    def write(self, data: Mapping[str, Table]) -> None:
        """Write every table to disk atomically.

        Raises:
            JournalReadOnlyError: this copy does not hold the writer lock.
            JournalWriteError: the disk refused the write; the old file is intact.
        """
        if self.read_only:
            self._drop()
            raise JournalReadOnlyError(
                self.path, f"{self.path} is open in another winback window; this one is read-only"
            )
        tables = (
            data
            if isinstance(data, Tables)
            else Tables(self.path, None, {}, data, vault=self.vault)
        )
        # One save at a time, from reading the pieces to adopting the new file:
        # a clean table's bytes are copied from the file the previous save left.
        with self._io:
            try:
                entries, bodies = tables.pieces()
            except (TypeError, ValueError):
                self._drop()
                raise
            try:
                atomic_write(self.path, layout.file_chunks(entries, bodies))
            except OSError as exc:
                self._drop()
                reason = exc.strerror or str(exc)
                raise JournalWriteError(
                    self.path,
                    f"could not save {self.path}: {reason}; your earlier save is intact",
                ) from exc
            try:
                fd = _reopen(self.path)
            except OSError as exc:
                self._drop()  # the next read opens the file again
                raise JournalWriteError(
                    self.path, f"saved {self.path} but could not open it again: {exc.strerror}"
                ) from exc
            tables.written(fd, entries)
            if tables is not self._data:
                self._drop()
                self._data = tables

    def close(self) -> None:
        """Nothing to flush (every write is already on disk); close the file."""
        if self._data is not None:
            self._data.close()


def read_head(path: Path) -> bytes:
    """The index and header lines of the journal at ``path``, once the whole file is checked.

    For :meth:`~winback_tui.store.journal.Journal.encryption`: a file that
    matches its index gives its first bytes up to the end of its first table;
    an encrypted file that does not match is refused here, as damaged. A plain
    file that does not match gives nothing: opening it reports the damage.

    Raises:
        OSError: the file cannot be read.
        JournalCorruptError: an encrypted file is damaged.
    """
    from winback_tui.store.crypt import is_encrypted

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        spans = layout.scan(fd, size)
        if spans:
            first = next(iter(spans.values()))
            return os.pread(fd, first.offset + first.length, 0)
        raw = _read_all(fd, size)
    finally:
        os.close(fd)
    if is_encrypted(raw):
        decode(path, raw)  # raises: damaged (or, if somehow intact, encrypted)
    return b""
