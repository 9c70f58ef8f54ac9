"""Reading and changing the documents of the journal's tables, one atomic save per change.

A mixin of :class:`~winback_tui.store.journal.Journal`: the repos read and
write through these, never through TinyDB's whole-table rewrite, so a change
to one document of years of entries touches only its chunk. Each change says
which table it touched, so what was read from other tables stays valid
(:meth:`Documents.table_revision`), and the journal's field indexes
(:mod:`~winback_tui.store.field_index`) follow it.
"""

from __future__ import annotations

import threading
from collections.abc import Container, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from winback_tui.store import chunk_bounds
from winback_tui.store.errors import JournalReadOnlyError
from winback_tui.store.field_index import FieldIndexes
from winback_tui.store.saving import AtomicJSONStorage

if TYPE_CHECKING:
    from tinydb import TinyDB


def _chunks_holding(
    bounds: list[tuple[chunk_bounds.Bound | None, int]] | None, value: object
) -> set[int] | None:
    """The chunks that may hold ``value`` by their bounds; None when that is not known."""
    if bounds is None or not isinstance(value, str) or not chunk_bounds.starts_with_day(value):
        return None
    day = value[:10]
    found: set[int] = set()
    for number, (bound, _count) in enumerate(bounds):
        if bound is None:
            return None
        if chunk_bounds.holds_day(bound, day):
            found.add(number)
    return found


class _Both(Container[int]):
    """The chunk numbers two partial reads both name."""

    def __init__(self, one: Container[int], other: Container[int]) -> None:
        self.one, self.other = one, other

    def __contains__(self, number: object) -> bool:
        return number in self.one and number in self.other


class Documents:
    """The journal's documents (see the module doc); the journal sets these attributes."""

    path: Path
    read_only: bool
    read_only_reason: str | None
    revision: int
    _mutex: threading.RLock
    _storage: AtomicJSONStorage
    _tinydb: TinyDB | None
    _table_revisions: dict[str, int]
    _epoch: int
    _touched: set[str] | None
    _indexes: FieldIndexes
    _only: threading.local

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self.read_only:
            raise JournalReadOnlyError(self.path, self.read_only_reason or "read-only")
        with self._mutex:
            outer = self._touched is None
            if outer:
                self._touched = set()
            failed = True
            try:
                yield
                failed = False
            finally:
                # Counted even when the write failed: a reader only re-reads more.
                self.revision += 1
                if outer:
                    touched, self._touched = self._touched, None
                    if failed or not touched:
                        # A failed save re-reads the file; a write that named no
                        # table (TinyDB's own) may have changed any of them.
                        self._epoch += 1
                        self._indexes.forget()
                    for name in touched or ():
                        self._table_revisions[name] = self.revision
                        self._indexes.saved(name, self.table_revision(name))

    def table_revision(self, table: str) -> tuple[int, int]:
        """A stamp that changes whenever ``table`` may have changed through this journal.

        Finer than :attr:`revision` (which every change raises): what is read
        from one table stays valid while other tables are written.
        """
        return self._epoch, self._table_revisions.get(table, 0)

    def _documents(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """A table's stored documents by id, in insertion order (do not change them).

        Read straight from the storage: TinyDB's ``Table.all`` wraps every
        document in a copy first, which costs milliseconds on a large table
        that the dashboard reads at start-up.
        """
        return list(self._storage.read().docs(table, only=self._chunks_read(table)))

    def _matching(self, table: str, field: str, value: object) -> list[tuple[str, dict[str, Any]]]:
        """The documents whose ``field`` equals ``value``, by id (do not change them).

        The table is gone through once, for an index of ``field`` that the
        journal's own changes keep up to date: finding a day's entry in years
        of entries then reads only the chunks that hold it. Until then, a
        value that starts with a day is looked for only in the chunks whose
        bounds hold that day (:mod:`~winback_tui.store.chunk_bounds`).
        """
        tables = self._storage.read()
        stamp = self.table_revision(table)
        if not self._indexes.ready(stamp, table, field):
            # A day (or a time) is found in the chunks whose bounds hold it,
            # without a first pass over years of entries to build the index.
            numbers = _chunks_holding(tables.bounds(table), value)
            if numbers is not None:
                return [
                    (i, d) for i, d in tables.docs(table, only=numbers) if d.get(field) == value
                ]
        ids = self._indexes.ids(stamp, tables, table, field, value)
        found = [(i, tables.doc(table, i)) for i in ids]
        return [(i, d) for i, d in found if d is not None and d.get(field) == value]

    def _each_document(self, table: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """A table's stored documents by id, read a chunk at a time (do not change them).

        For a pass that keeps only what it makes of each document (the
        timeline): each chunk of a large table not held in memory before is
        let go of once gone through, so years of entries never sit in memory
        whole as parsed JSON.
        """
        return self._storage.read().docs(table, keep=False, only=self._chunks_read(table))

    @contextmanager
    def _reading_chunks(self, only: Mapping[str, Container[int] | None]) -> Iterator[None]:
        """On this thread, :meth:`_documents` and :meth:`_each_document` see only some chunks.

        For a reader that knows where what it looks for lies (the timeline's
        first page, :mod:`~winback_tui.store.timeline_page`): each large table
        named in ``only`` gives only the documents of the chunks numbered there
        (see ``Tables.bounds``; None: all of them). Inside another such read,
        a table sees only the chunks both name. Other threads, and the field
        indexes, still see everything; what is read meanwhile must not be kept as the whole
        (:func:`~winback_tui.store.memo.per_revision` keeps nothing then).
        """
        outer: Mapping[str, Container[int] | None] | None = getattr(self._only, "tables", None)
        if outer is not None:
            # Inside another partial read: each table sees what both let it see.
            merged = dict(outer)
            for name, numbers in only.items():
                seen = merged.get(name)
                merged[name] = (
                    numbers if seen is None else seen if numbers is None else _Both(seen, numbers)
                )
            only = merged
        self._only.tables = only
        try:
            yield
        finally:
            self._only.tables = outer

    def _reading_some(self, tables: tuple[str, ...] | None = None) -> bool:
        """Whether this thread reads part of ``tables`` (None: of any table) now.

        See :meth:`_reading_chunks`.
        """
        only: Mapping[str, Container[int]] | None = getattr(self._only, "tables", None)
        if only is None:
            return False
        return tables is None or any(name in only for name in tables)

    def _chunks_read(self, table: str) -> Container[int] | None:
        only: Mapping[str, Container[int]] | None = getattr(self._only, "tables", None)
        return None if only is None else only.get(table)

    def _chunks_meeting(self, table: str, first: str, last: str) -> set[int] | None:
        """The chunks of a large table whose bounds meet the days ``first``..``last``.

        None when that is not known (a table kept whole, a chunk without a
        bound): read the whole table then. Days are ``YYYY-MM-DD``.
        """
        found = self._storage.read().bounds(table)
        if found is None:
            return None
        numbers: set[int] = set()
        for number, (bound, _count) in enumerate(found):
            if bound is None:
                return None
            if bound[0] <= last and first <= bound[1]:
                numbers.add(number)
        return numbers

    def _chunks_by_first_day(self, table: str) -> list[tuple[str, int]] | None:
        """(first day, number) of each chunk of a large table, earliest first; None: not known."""
        found = self._storage.read().bounds(table)
        if found is None or any(bound is None for bound, _count in found):
            return None
        return sorted((bound[0], number) for number, (bound, _c) in enumerate(found) if bound)

    def _values(self, table: str, field: str) -> list[object]:
        """Every value ``field`` has in ``table`` (from the same index as :meth:`_matching`)."""
        tables = self._storage.read()
        return list(self._indexes.values(self.table_revision(table), tables, table, field))

    def _document(self, table: str, doc_id: int) -> dict[str, Any] | None:
        """One stored document by id, or None (do not change it).

        Only the chunk that holds it is read from a large table.
        """
        return self._storage.read().doc(table, str(doc_id))

    def _change(
        self,
        table: str,
        *,
        insert: Sequence[dict[str, Any]] = (),
        update: dict[int, dict[str, Any]] | None = None,
        remove: tuple[int, ...] = (),
    ) -> list[int]:
        """Insert, update and remove documents of one table in one atomic save.

        Works on the storage's tables directly, as TinyDB would (the next id is
        the highest plus one; ids that are not there are skipped), but touches
        only the chunks that hold the documents, so saving one answer in a
        journal of ten years re-encodes (and re-seals) one chunk, not a table.
        Call it inside :meth:`_writing`.

        Returns:
            The ids given to the inserted documents.

        Raises:
            JournalReadOnlyError, JournalWriteError: see the storage's ``write``.
        """
        if self._touched is not None:
            self._touched.add(table)
        stamp = self.table_revision(table)
        tables = self._storage.read()
        ids: list[int] = []
        changed = False
        before = {str(i): tables.doc(table, str(i)) for i in [*(update or {}), *remove]}
        for doc_id, fields in (update or {}).items():
            old = tables.doc(table, str(doc_id))
            if old is not None:
                tables.put(table, str(doc_id), {**old, **fields})
                changed = True
        for doc_id in remove:
            changed = tables.delete(table, str(doc_id)) or changed
        for doc in insert:
            new_id = tables.next_id(table)
            tables.put(table, str(new_id), dict(doc))
            ids.append(new_id)
            changed = True
        if table not in tables:
            tables[table] = {}
            changed = True
        if changed:
            from winback_tui.store import summaries  # it reads the journal: imported late

            summaries.attach(self, tables)  # in the same atomic save
            self._storage.write(tables)
            after = {i: tables.doc(table, i) for i in [*before, *map(str, ids)]}
            self._indexes.changed(table, stamp, before, after)
            if self._tinydb is not None:
                # TinyDB remembers each table's next id; the table changed under it.
                self._tinydb._tables.clear()
        return ids
