"""What the repos read, kept per journal revision: each table parsed once, not on every read.

The dashboard, the steps and the pacing guard all read the same contacts,
check-ins and openness checks, several times per refresh. On a journal of
years that is seconds of parsing the same documents into the same
dataclasses. :func:`per_revision` keeps one answer per journal, key and
:attr:`~winback_tui.store.journal.Journal.revision`: every change made
through the journal raises the revision (also a failed one), so the next read
computes afresh and nothing stale is ever returned.

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

#: Per journal: the revision the answers belong to, and the answers by key.
#: Only the current revision's are kept, so stale ones never hold memory.
_KEPT: weakref.WeakKeyDictionary[Journal, tuple[int, dict[Hashable, Any]]] = (
    weakref.WeakKeyDictionary()
)


def per_revision(journal: Journal, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or the answer kept for ``key`` at the journal's current revision.

    ``key`` names what is computed and everything besides the journal it
    depends on (a day, a time zone). Runs under the journal's lock, so a write
    from another thread cannot slip between reading the revision and the data.
    """
    with journal._mutex:
        revision = journal.revision
        found = _KEPT.get(journal)
        if found is None or found[0] != revision:
            found = _KEPT[journal] = (revision, {})
        answers = found[1]
        if key in answers:
            return answers[key]  # type: ignore[no-any-return]
        value = compute()
        answers[key] = value
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
