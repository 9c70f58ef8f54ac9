"""Saving the journal: each change written atomically, its chunk files first."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from winback_tui.store import layout, segments
from winback_tui.store.atomic import atomic_write
from winback_tui.store.errors import JournalReadOnlyError, JournalWriteError
from winback_tui.store.schema import decode
from winback_tui.store.storage import Table, Tables, _read_all, read_tables


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
                pieces = tables.pieces()
            except (TypeError, ValueError):
                self._drop()
                raise
            try:
                # The new segments first: the journal file that names them is
                # renamed into place only once they are all on disk.
                segments.write(self.path, tables.segment_folder, pieces.new)
                atomic_write(
                    self.path,
                    layout.file_chunks(pieces.entries, pieces.bodies, None, pieces.segmented),
                )
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
            tables.written(fd, pieces)
            if tables is not self._data:
                self._drop()
                self._data = tables
            if pieces.new:
                # Chunks this save replaced are named by no file now, unless a
                # backup still names them. Still inside the one-save-at-a-time
                # lock: a save on another thread must not write a chunk this
                # clean-up then sees named by no file yet. Never a reason to
                # fail a save that is on disk.
                with contextlib.suppress(OSError):
                    segments.collect(self.path)

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
