"""Small summaries of large tables, kept in the journal: start-up need not read years.

Home shows figures made of whole tables (the days without contact count every
contact ever logged; the drafts line counts every draft). On ten years of
writing, reading those tables costs more than the rest of start-up. So what
home needs of them is kept, small, in a table of its own (:data:`TABLE`), one
document per summary::

    {"key": "drafts-written", "stamps": {"drafts": [...]}, "value": 12}

A summary can never be shown stale: it is stamped with what names the stored
bytes of every table it was made from (:meth:`~winback_tui.store.storage.Tables.stamp`:
each chunk's segment file, named by a hash of its bytes, or its length and
CRC), and :func:`kept` gives it only while all of them are still so. A summary
that is missing, stale or unreadable is no summary: its reader reads the
tables and makes it again (:func:`keep`). A new one is written with the next
save, in the same atomic save, if the tables it was made from are not changed
by it (:func:`attach`); a save that changes one of them drops the summaries
made of it. The table is sealed like any other in an encrypted journal, and is
left out of exports (it holds nothing the tables do not).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

from winback_tui.store.journal import Journal
from winback_tui.store.memo import per_revision, stored
from winback_tui.store.schema import SUMMARY_TABLE
from winback_tui.store.storage import Tables

#: The table the summaries are kept in.
TABLE = SUMMARY_TABLE

Stamps = dict[str, list[object]]

#: Per journal: summaries made since it was opened, by key, with their stamps.
_MADE: weakref.WeakKeyDictionary[object, dict[str, tuple[Stamps, object]]] = (
    weakref.WeakKeyDictionary()
)


def _stamps(tables: Tables, names: tuple[str, ...] | list[str]) -> Stamps | None:
    found: Stamps = {}
    for name in names:
        stamp = tables.stamp(name)
        if stamp is None:
            return None
        found[name] = stamp
    return found


def _holds(tables: Tables, doc: Mapping[str, Any]) -> bool:
    stamps = doc.get("stamps")
    if not isinstance(stamps, dict) or not isinstance(doc.get("key"), str):
        return False
    return stamps == _stamps(tables, list(stamps))


def kept(journal: Journal, key: str, names: tuple[str, ...]) -> object:
    """The summary ``key`` made of the tables ``names`` as they are stored now, or None."""
    with journal._mutex:
        tables = journal._storage.read()
        stamps = _stamps(tables, names)
        if stamps is None:
            return None
        made = _MADE.get(journal, {}).get(key)
        if made is not None and made[0] == stamps:
            return made[1]
        if TABLE in tables:
            for doc in tables[TABLE].values():
                if doc.get("key") == key and doc.get("stamps") == stamps:
                    return doc.get("value")
    return None


def keep(journal: Journal, key: str, names: tuple[str, ...], value: object) -> None:
    """Keep ``value`` as summary ``key`` of the tables ``names``; it is saved with the next save.

    Call it under the journal's lock, with a value made of what the tables hold
    now (JSON-compatible). Nothing is kept while one of them has changes not
    saved yet.
    """
    with journal._mutex:
        stamps = _stamps(journal._storage.read(), names)
        if stamps is not None:
            _MADE.setdefault(journal, {})[key] = (stamps, value)


def count(
    journal: Journal, key: str, table: str, counted: Callable[[list[tuple[int, Any]]], int]
) -> int:
    """``counted`` of the stored documents of ``table``; for a large table, kept as ``key``.

    A table kept in chunks (years of it) is read only when no summary of it
    holds; a small one is counted as read. Derived once per revision.
    """

    def made() -> int:
        with journal._mutex:
            large = journal._storage.read().bounds(table) is not None
            found = kept(journal, key, (table,)) if large else None
            if type(found) is int:
                return found
            value = counted(stored(journal, table))
            if large:
                keep(journal, key, (table,), value)
            return value

    return per_revision(journal, (table, key), made, tables=(table,))


def attach(journal: object, tables: Tables) -> bool:
    """Put into the save about to be made every summary still true of ``tables``.

    Called by the journal's change, after the change and before the write, so
    the summaries go to disk in the same atomic save as what they summarise.
    A summary of a table this save changes is dropped (its stamp is None now).
    Returns whether the summaries' table changed.
    """
    old = tables.get(TABLE, {})
    wanted: dict[str, dict[str, Any]] = {}
    for doc in old.values():
        if _holds(tables, doc):
            wanted[doc["key"]] = doc
    for key, (stamps, value) in _MADE.get(journal, {}).items():
        if stamps == _stamps(tables, list(stamps)):
            wanted[key] = {"key": key, "stamps": stamps, "value": value}
    table = {str(number): wanted[key] for number, key in enumerate(sorted(wanted), start=1)}
    if table == old:
        return False
    tables[TABLE] = table
    return True
