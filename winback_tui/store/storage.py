"""A TinyDB storage that writes atomically and never trusts a damaged file."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from winback_tui.store.atomic import atomic_write
from winback_tui.store.errors import JournalReadOnlyError, JournalWriteError
from winback_tui.store.schema import Data, decode, encode_table


class AtomicJSONStorage(Storage):
    """Keeps the journal in memory and writes each change with :func:`atomic_write`.

    The journal is validated before this storage is built (see
    :mod:`winback_tui.store.schema`), so ``read`` never parses the file again: this
    process holds the writer lock, so nobody else changes it underneath.
    There is deliberately no caching middleware: when ``write`` returns, the data
    is on disk.
    """

    def __init__(self, path: Path, data: Data, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._data: Data | None = data
        self._io = threading.Lock()
        # table name -> (the table object last encoded, its JSON text). TinyDB
        # replaces a table's dict whenever it changes it, so an identical object
        # means identical content and its JSON can be reused: a save then only
        # encodes the table that changed, which keeps saves in a large journal
        # short (encoding holds the GIL, so it would stall the UI thread).
        self._fragments: dict[str, tuple[object, str]] = {}
        self._pending_fragments: dict[str, tuple[object, str]] = {}

    def _encode(self, data: Data) -> bytes:
        fragments: dict[str, tuple[object, str]] = {}
        parts = []
        for name, table in data.items():
            cached = self._fragments.get(name)
            reusable = cached is not None and cached[0] is table
            text = cached[1] if cached is not None and reusable else encode_table(table)
            fragments[name] = (table, text)
            parts.append(f"{json.dumps(name)}:{text}")
        self._pending_fragments = fragments
        return ("{" + ",".join(parts) + "}").encode("ascii")

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the journal's tables (TinyDB edits this object, then writes it)."""
        if self._data is None:
            # A failed write may have left TinyDB's edits in our copy: reload.
            self._data = decode(self.path, self.path.read_bytes())
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Write every table to disk atomically.

        Raises:
            JournalReadOnlyError: this copy does not hold the writer lock.
            JournalWriteError: the disk refused the write; the old file is intact.
        """
        if self.read_only:
            self._data = None
            raise JournalReadOnlyError(
                self.path, f"{self.path} is open in another winback window; this one is read-only"
            )
        try:
            payload = self._encode(data)
        except (TypeError, ValueError):
            # TinyDB has already put the unencodable value into our copy: drop the
            # copy, or every later save would fail on the same value.
            self._data = None
            raise
        try:
            with self._io:
                atomic_write(self.path, payload)
        except OSError as exc:
            self._data = None
            self._fragments = {}
            reason = exc.strerror or str(exc)
            raise JournalWriteError(
                self.path, f"could not save {self.path}: {reason}; your earlier save is intact"
            ) from exc
        self._data = data
        self._fragments = self._pending_fragments

    def close(self) -> None:
        """Nothing to flush: every write is already on disk."""
