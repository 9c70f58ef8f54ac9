"""What the repos read, kept per journal revision: each table parsed once, not on every read.

The dashboard, the steps and the pacing guard all read the same contacts,
check-ins and openness checks, several times per refresh. On a journal of
years that is seconds of parsing the same documents into the same
dataclasses. :func:`per_revision` keeps one answer per journal and key, with
the stamp it was computed at: the revisions of the tables it was read from
(:meth:`~winback_tui.store.journal.Journal.table_revision`), or the journal's
:attr:`~winback_tui.store.journal.Journal.revision` when it does not say.
Every change made through the journal raises both (also a failed one, which
raises every table's), so the next read computes afresh and nothing stale is
ever returned; saving an answer does not make the dashboard parse years of
contacts again.

What is kept must be immutable (tuples of frozen dataclasses), so no caller can
change another's answer. A closed journal's answers go with it (weak keys).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from winback_tui.store.journal import Journal

T = TypeVar("T")
Doc = dict[str, Any]

#: Per journal: each key's answer and the stamp it was computed at (the
#: journal's revision, or the revisions of the tables it was read from).
_KEPT: weakref.WeakKeyDictionary[Journal, dict[Hashable, tuple[Hashable, Any]]] = (
    weakref.WeakKeyDictionary()
)


def per_revision(
    journal: Journal,
    key: Hashable,
    compute: Callable[[], T],
    *,
    tables: tuple[str, ...] | None = None,
) -> T:
    """``compute()``, or the answer kept for ``key`` while what it was read from is unchanged.

    ``key`` names what is computed and everything besides the journal it
    depends on (a day, a time zone). With ``tables`` (every table ``compute``
    reads), the answer is kept while none of them changes
    (:meth:`~winback_tui.store.journal.Journal.table_revision`); without, until
    any change to the journal. Runs under the journal's lock, so a write from
    another thread cannot slip between reading the stamp and the data.
    """
    with journal._mutex:
        stamp: Hashable = (
            journal.revision
            if tables is None
            else tuple(journal.table_revision(name) for name in tables)
        )
        answers = _KEPT.get(journal)
        if answers is None:
            answers = _KEPT[journal] = {}
        found = answers.get(key)
        if found is not None and found[0] == stamp:
            return found[1]  # type: ignore[no-any-return]
        value = compute()
        if not journal._reading_some(tables):  # part of a table only: not the answer to keep
            answers[key] = (stamp, value)
        return value


def forget(journal: Journal) -> None:
    """Drop every answer kept for ``journal`` (for tests and benchmarks)."""
    with journal._mutex:
        _KEPT.pop(journal, None)


def stored(journal: Journal, table: str) -> list[tuple[int, Doc]]:
    """A table's stored documents with their ids, in insertion order: NOT copies.

    For parsing into dataclasses only; changing one would change the journal
    in memory behind its back. :meth:`~winback_tui.store.records.Repo._all`
    gives copies, which on a large table costs more than the parsing itself.
    """
    with journal._mutex:
        return [(int(i), d) for i, d in journal._documents(table)]


def stored_docs(journal: Journal, table: str) -> list[Doc]:
    """A table's stored documents in insertion order, without their ids: NOT copies.

    As :func:`stored`, for readers that need no id (a check-in is known by
    its goal and day).
    """
    with journal._mutex:
        return [d for _, d in journal._documents(table)]
