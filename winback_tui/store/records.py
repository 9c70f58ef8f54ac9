"""A small base for feature repositories (goals, contacts, boundaries…).

Each feature keeps its records in its own TinyDB table and converts them to
and from its domain dataclasses in its own module under ``store/``; this base
gives it the few primitives it needs, all under the journal's lock and
read-only check, so no other layer ever sees a TinyDB document.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from winback_tui.store.journal import Journal
from winback_tui.store.schema import storable

Doc = dict[str, Any]
E = TypeVar("E", bound=Enum)


def member_of(kind: type[E]) -> Callable[[Any], E]:
    """A fast ``kind(value)`` for reading many records (a dict lookup, not Enum's call).

    An unknown value still raises ``ValueError``, exactly as ``kind(value)`` does.
    """
    members: dict[Any, E] = {member.value: member for member in kind}

    def lookup(value: Any) -> E:
        try:
            return members[value]
        except (KeyError, TypeError):
            return kind(value)

    return lookup


def iso(moment: datetime | date) -> str:
    """Serialise a datetime or date for the journal."""
    return moment.isoformat()


def parse_datetime(text: str) -> datetime:
    """Read a datetime written by :func:`iso`."""
    return datetime.fromisoformat(text)


def parse_date(text: str) -> date:
    """Read a date written by :func:`iso`."""
    return date.fromisoformat(text)


class Repo:
    """Typed access to one table of the journal.

    Subclasses set :attr:`TABLE` and expose dataclasses; the ``_`` methods
    here deal in plain dicts and document ids.
    """

    TABLE = ""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def _all(self) -> list[tuple[int, Doc]]:
        """Every document of the table with its id, in insertion order (copies)."""
        with self.journal._mutex:
            return [(int(i), dict(d)) for i, d in self.journal._documents(self.TABLE)]

    def _where(self, field: str, value: object) -> list[tuple[int, Doc]]:
        """The documents whose ``field`` is ``value``, with ids (copies), in insertion order."""
        with self.journal._mutex:
            return [(int(i), dict(d)) for i, d in self.journal._matching(self.TABLE, field, value)]

    def _values(self, field: str) -> list[object]:
        """Every value ``field`` has in some document of the table."""
        with self.journal._mutex:
            return self.journal._values(self.TABLE, field)

    def _get(self, doc_id: int) -> Doc | None:
        with self.journal._mutex:
            doc = self.journal._document(self.TABLE, doc_id)
            return dict(doc) if doc is not None else None

    def _insert(self, doc: Doc) -> int:
        """Add a document; return its id. Raises JournalReadOnlyError / JournalWriteError."""
        with self.journal._writing():
            return self.journal._change(self.TABLE, insert=[storable(doc)])[0]

    def _insert_many(self, docs: list[Doc]) -> list[int]:
        """Add several documents in one atomic save."""
        with self.journal._writing():
            return self.journal._change(self.TABLE, insert=storable(docs))

    def _update(self, doc_id: int, fields: Doc) -> None:
        """Change fields of one document."""
        with self.journal._writing():
            self.journal._change(self.TABLE, update={doc_id: storable(fields)})

    def _remove(self, doc_id: int) -> None:
        """Delete one document (callers confirm with the user first)."""
        with self.journal._writing():
            self.journal._change(self.TABLE, remove=(doc_id,))
