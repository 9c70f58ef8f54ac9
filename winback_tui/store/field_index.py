"""Which documents of a table hold a value in one field, without reading the table each time.

Finding a day's journal entries in years of them read every entry on each
save. A :class:`FieldIndexes` is built by one pass over a table the first time
a field is looked up, and then kept up to date by the changes the journal
itself makes (:meth:`FieldIndexes.changed`). It is trusted only while its stamp
is the table's :meth:`~winback_tui.store.journal.Journal.table_revision`: any
other change (a failed save, a write that names no table) makes it read again.
It lives in memory only, so it holds nothing on disk of an encrypted journal.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from winback_tui.store.storage import Tables

Doc = dict[str, Any]
_Index = dict[Hashable, list[int]]
_MISSING = object()


def _value(doc: Doc | None, field: str) -> Hashable:
    value = _MISSING if doc is None else doc.get(field, _MISSING)
    return value if isinstance(value, Hashable) else _MISSING


class FieldIndexes:
    """Document ids by the value of one field, per (table, field) looked up so far."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Hashable, _Index]] = {}
        self._moved: set[tuple[str, str]] = set()

    def ids(
        self, stamp: Hashable, tables: Tables, table: str, field: str, value: object
    ) -> list[str]:
        """The ids (oldest first) of the documents of ``table`` whose ``field`` may be ``value``.

        Callers check each document: an id here is a candidate, never a promise.
        """
        key = (table, field)
        found = self._kept.get(key)
        if found is None or found[0] != stamp:
            index: _Index = {}
            for doc_id, doc in tables.docs(table, keep=False):
                if doc_id.isdigit():
                    index.setdefault(_value(doc, field), []).append(int(doc_id))
            for ids in index.values():
                ids.sort()
            found = self._kept[key] = (stamp, index)
        if not isinstance(value, Hashable):
            return []
        return [str(i) for i in found[1].get(value, ())]

    def ready(self, stamp: Hashable, table: str, field: str) -> bool:
        """Whether the index of ``field`` in ``table`` is built and current at ``stamp``."""
        found = self._kept.get((table, field))
        return found is not None and found[0] == stamp

    def values(self, stamp: Hashable, tables: Tables, table: str, field: str) -> list[Hashable]:
        """Every value ``field`` has in some document of ``table`` (none for a missing one)."""
        self.ids(stamp, tables, table, field, None)  # builds the index when it is not current
        return [v for v, ids in self._kept[(table, field)][1].items() if ids and v is not _MISSING]

    def changed(
        self,
        table: str,
        stamp: Hashable,
        before: Mapping[str, Doc | None],
        after: Mapping[str, Doc | None],
    ) -> None:
        """Documents of ``table`` changed from ``before`` to ``after`` (None: none) in one save.

        ``stamp`` is the table's revision before the save: an index that was
        not current then is left to be read again.
        """
        for (name, field), (kept_at, index) in self._kept.items():
            if name != table or kept_at != stamp:
                continue
            for doc_id in {*before, *after}:
                if not doc_id.isdigit():
                    continue
                old, new = _value(before.get(doc_id), field), _value(after.get(doc_id), field)
                if old == new and (doc_id in before) == (doc_id in after):
                    continue
                number = int(doc_id)
                if doc_id in before and number in index.get(old, []):
                    index[old].remove(number)
                if after.get(doc_id) is not None:
                    insort(index.setdefault(new, []), number)
            self._moved.add((name, field))

    def saved(self, table: str, stamp: Hashable) -> None:
        """The save that :meth:`changed` described is done: ``table`` is now at ``stamp``."""
        for key in [key for key in self._moved if key[0] == table]:
            self._moved.discard(key)
            self._kept[key] = (stamp, self._kept[key][1])

    def forget(self) -> None:
        """Drop every index (they are read again when next needed)."""
        self._kept.clear()
        self._moved.clear()
