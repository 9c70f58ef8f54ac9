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

    def save_summaries(self) -> bool:
        """Save the summaries made since the journal opened that are not on disk yet.

        A summary goes to disk with the next save (:mod:`~winback_tui.store.summaries`);
        a session that only looks saves nothing, so every later start would
        read years again to make it. Called as the app closes. Nothing else
        changes; nothing is written when no new summary holds, or the journal
        is read-only.

        Returns:
            Whether a save was made.

        Raises:
            JournalWriteError: see the storage's ``write`` (the journal is unchanged).
        """
        from winback_tui.store import summaries  # it reads the journal: imported late

        if self.read_only:
            return False
        with self._writing():
            tables = self._storage.read()
            if not summaries.attach(self, tables):
                return False
            assert self._touched is not None
            self._touched.add(summaries.TABLE)
            self._storage.write(tables)
            return True

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
        keep = not getattr(self._only, "passing", False)
        return list(self._storage.read().docs(table, keep=keep, only=self._chunks_read(table)))

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
            day = value[:10] if isinstance(value, str) else ""
            numbers = (
                self._chunks_meeting(table, day, day) if chunk_bounds.starts_with_day(day) else None
            )
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

    @contextmanager
    def _passing_through(self) -> Iterator[None]:
        """On this thread, what is read of the journal is not kept in memory.

        For a reader that goes through years of writing once and keeps only
        what it makes of it (the timeline): each chunk of a large table not
        held before is let go of once read, and no answer computed meanwhile
        is kept (:func:`~winback_tui.store.memo.per_revision`). Answers kept
        from before are still used.
        """
        was = getattr(self._only, "passing", False)
        self._only.passing = True
        try:
            yield
        finally:
            self._only.passing = was

    def _peek(
        self, table: str, doc_id: int, skip: Container[object] = ()
    ) -> tuple[object | None, dict[str, Any] | None]:
        """The documents of the chunk holding ``doc_id``, not kept (see ``Tables.peek``)."""
        return self._storage.read().peek(table, str(doc_id), skip)

    def _reading_some(self, tables: tuple[str, ...] | None = None) -> bool:
        """Whether this thread reads part of ``tables`` (None: of any table) now.

        Or keeps nothing of what it reads (:meth:`_passing_through`). See
        :meth:`_reading_chunks`.
        """
        if getattr(self._only, "passing", False):
            return True
        only: Mapping[str, Container[int]] | None = getattr(self._only, "tables", None)
        if only is None:
            return False
        return tables is None or any(name in only for name in tables)

    def _chunks_read(self, table: str) -> Container[int] | None:
        only: Mapping[str, Container[int]] | None = getattr(self._only, "tables", None)
        return None if only is None else only.get(table)

    def _chunk_bounds(self, table: str) -> list[chunk_bounds.Bound] | None:
        """Each chunk's bound by number; None for a table kept whole.

        A chunk whose bound is not known yet (written by an older winback, and
        not read since) spans :data:`~winback_tui.store.chunk_bounds.EVERYTHING`:
        it is read whatever is looked for.
        """
        found = self._storage.read().bounds(table)
        if found is None:
            return None
        return [chunk_bounds.EVERYTHING if bound is None else bound for bound, _n in found]

    def _chunks_meeting(self, table: str, first: str, last: str) -> set[int] | None:
        """The chunks of a large table whose bounds meet the days ``first``..``last``.

        None for a table kept whole: read all of it then. Days are ``YYYY-MM-DD``.
        """
        bounds = self._chunk_bounds(table)
        if bounds is None:
            return None
        return {n for n, (lo, hi) in enumerate(bounds) if lo <= last and first <= hi}

    def _chunks_by_first_day(self, table: str) -> list[tuple[str, int]] | None:
        """(first day, number) of each chunk of a large table, earliest first; None: kept whole."""
        bounds = self._chunk_bounds(table)
        if bounds is None:
            return None
        return sorted((lo, number) for number, (lo, _hi) in enumerate(bounds))

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
