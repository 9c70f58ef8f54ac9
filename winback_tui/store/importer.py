"""Importing a JSON export (see :mod:`winback_tui.store.export`) into a journal.

Two steps, so nothing is written unless the whole file is good:

1. :func:`read_export` reads and checks the whole file: JSON, the
   ``winback-export`` format, a schema this winback knows, well-formed tables,
   and every record readable by the feature repositories. Any problem raises
   :class:`ExportFileError` with one line for the user.
2. :func:`import_export` adds the records to an open, writable journal in one
   atomic save.

The merge rule (the same for a plain import into an empty journal and for
``--merge``): a record the journal already has is not added again. What
"already has" means depends on the table: the same key for records the app
keeps one of (a setting's key; a reflection's step and prompt; a goal's
title, area and start day; a check-in's goal and day; one rating or mindset a
day; a journal entry's day and the moment it was started, so a second entry of
a day is never taken for the first; a common issue's id; a boundary's words and
start day; one of the user's own issues by its title), the same content otherwise.
When the journal holds a different version of a keyed record, the journal's
is kept and the record counts as a conflict. Records added to a table that
already has records get new ids; references (a check-in's goal, a goal's
source issue) follow them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.crypt import is_encrypted
from winback_tui.store.daily import DailyRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.errors import JournalError
from winback_tui.store.export import EXPORT_FORMAT, MARKDOWN_TITLE, export_markdown
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.import_merge import ORDER, Doc, ImportReport, _int, _Merge, report_name
from winback_tui.store.journal import Journal
from winback_tui.store.lock import JournalLock
from winback_tui.store.paths import NotRegularFileError, read_regular
from winback_tui.store.schema import APP_ID, META_TABLE, SCHEMA_VERSION, Data, migrate
from winback_tui.store.timeline import all_items
from winback_tui.store.urges import UrgesRepo

#: Tables that do not make a journal "non-empty": settings (the welcome was
#: seen, the theme) are preferences, not something the user wrote.
PREFERENCE_TABLES = frozenset({META_TABLE, "settings"})

NOTHING_WRITTEN = "nothing was written"


class ExportFileError(JournalError):
    """The file to import cannot be used; ``path`` is that file. Nothing was written."""


class JournalNotEmptyError(JournalError):
    """A plain import was refused because the journal already holds records."""


@dataclass(frozen=True)
class ExportFile:
    """A validated export, migrated to the current schema.

    Attributes:
        path: the file it was read from.
        schema: the schema version the file was written with.
        tables: table name -> {id: record}, ids ascending.
    """

    path: Path
    schema: int
    tables: dict[str, dict[int, Doc]]

    @property
    def record_count(self) -> int:
        """How many records the file holds."""
        return sum(len(records) for records in self.tables.values())


# ------------------------------------------------------------------ reading
def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


#: Python refuses to read longer integers (a guard against slow conversions).
MAX_INT_DIGITS = 4300


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"it holds a number of {len(text)} digits, longer than any winback writes")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else text[:20] + "..."
        raise ValueError(f"it holds the number {shown}, too large for winback to keep")
    return value


#: Every table a journal of this schema can hold (besides ``_meta``); an export
#: holding any other is refused, so nothing unknown (``_layout``, the file's
#: own index, or thousands of made-up tables) gets into the journal.
KNOWN_TABLES = frozenset(
    {
        "settings",
        "reflections",
        "assessment",
        "goals",
        "checkins",
        "contacts",
        "drafts",
        "boundaries",
        "entries",
        "urges",
        "daily",
    }
)

#: Tables an export of an older schema may hold; its migration turns them into
#: current ones (schema 2 moved ``confidence`` and ``mindset`` into ``daily``).
OLDER_TABLES: dict[int, frozenset[str]] = {1: frozenset({"confidence", "mindset"})}


def is_markdown_export(text: str) -> bool:
    """Whether ``text`` is a Markdown export (it starts with its ``#`` title)."""
    first = text.lstrip("\ufeff \t\r\n").partition("\n")[0]
    return first.rstrip() == MARKDOWN_TITLE


def read_export(
    path: Path,
    *,
    clock: Callable[[], datetime] | None = None,
    unseal: Callable[[bytes], bytes] | None = None,
) -> ExportFile:
    """Read and check a JSON export completely, writing nothing.

    Raises:
        ExportFileError: unreadable, empty, not UTF-8, not JSON, truncated, not
            a winback export, from a newer winback, or holding a record winback
            cannot read; the message is one line naming the file.
    """
    path = Path(path).expanduser()
    name = str(path)

    def refuse(reason: str) -> ExportFileError:
        return ExportFileError(path, f"{name} {reason}; {NOTHING_WRITTEN}")

    try:
        raw = read_regular(path)  # a FIFO or a device would block forever
    except IsADirectoryError:
        raise refuse("is a folder; give the export file") from None
    except FileNotFoundError:
        raise refuse("does not exist; check the name") from None
    except NotRegularFileError as exc:
        raise refuse(f"cannot be imported: {exc.strerror}") from None
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise refuse("is empty, so there is nothing to import")
    if unseal is not None:
        raw = unseal(raw)  # an encrypted export, opened (JournalError if it cannot be)
    elif is_encrypted(raw):
        raise refuse("is an encrypted export; import it with its passphrase")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise refuse("is not UTF-8 text, so it is not a winback export") from None
    if is_markdown_export(text):
        raise refuse(
            "is a Markdown export, made for reading, which import cannot read back; "
            "import a JSON export instead (winback export --format json)"
        )
    try:
        document = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constants,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except json.JSONDecodeError as exc:
        raise refuse(
            f"is not valid JSON (line {exc.lineno}): it may be truncated or damaged; "
            "export it again"
        ) from None
    except RecursionError:
        raise refuse("is nested far deeper than any winback export, so it is not one") from None
    except ValueError as exc:
        raise refuse(f"is not a valid export ({exc})") from None
    if not isinstance(document, dict):
        raise refuse("is JSON but not a winback export")
    if document.get("format") != EXPORT_FORMAT:
        if META_TABLE in document:
            raise refuse(
                "is a winback journal, not an export: open it with --db, "
                "or export it first with winback export --format json"
            )
        raise refuse(
            f'is JSON but not a winback export (no "format": "{EXPORT_FORMAT}"); '
            "import a file made by winback export --format json"
        )
    if document.get("app") != APP_ID:
        raise refuse(f'is not a winback export ("app" is not "{APP_ID}")')
    schema = document.get("schema")
    if not _int(schema) or schema < 1:
        raise refuse("has no valid schema version: it is damaged")
    if schema > SCHEMA_VERSION:
        raise refuse(
            f"was exported by a newer winback (schema {schema}, this one knows "
            f"{SCHEMA_VERSION}); upgrade winback to import it"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise refuse('has no "tables" object: it is damaged')
    parsed: dict[str, dict[int, Doc]] = {}
    for table_name, records in tables.items():
        if table_name not in KNOWN_TABLES and table_name not in OLDER_TABLES.get(schema, ()):
            shown = table_name if len(table_name) <= 40 else table_name[:40] + "..."
            raise refuse(f"has a table named {shown!r}, which an export never holds")
        if not isinstance(records, list):
            raise refuse(f"has a damaged table {table_name!r} (not a list)")
        by_id: dict[int, Doc] = {}
        for position, item in enumerate(records, start=1):
            where = f"table {table_name!r}, item {position}"
            if not isinstance(item, dict) or set(item) != {"id", "record"}:
                raise refuse(f'has a damaged record ({where}: expected "id" and "record")')
            doc_id, record = item["id"], item["record"]
            if not _int(doc_id) or doc_id < 1:
                raise refuse(f"has a damaged record ({where}: the id is not a positive number)")
            if doc_id in by_id:
                raise refuse(f"has two records with id {doc_id} in table {table_name!r}")
            if not isinstance(record, dict):
                raise refuse(f"has a damaged record ({where}: not an object)")
            by_id[doc_id] = record
        if by_id:
            parsed[table_name] = dict(sorted(by_id.items()))
    if schema < SCHEMA_VERSION:
        parsed = _migrated(path, schema, parsed)
    problem = _unreadable(path, parsed, clock or (lambda: datetime.now(UTC).astimezone()))
    if problem:
        raise refuse(problem)
    return ExportFile(path, schema, parsed)


def _to_data(schema: int, tables: dict[str, dict[int, Doc]]) -> Data:
    data: Data = {META_TABLE: {"1": {"app": APP_ID, "schema": schema}}}
    for name, records in tables.items():
        data[name] = {str(doc_id): doc for doc_id, doc in records.items()}
    return data


def _from_data(data: Data) -> dict[str, dict[int, Doc]]:
    return {
        name: dict(sorted((int(i), doc) for i, doc in table.items()))
        for name, table in data.items()
        if name != META_TABLE and table
    }


def _migrated(
    path: Path, schema: int, tables: dict[str, dict[int, Doc]]
) -> dict[str, dict[int, Doc]]:
    try:
        data, _ = migrate(path, _to_data(schema, tables))
    except JournalError as exc:
        raise ExportFileError(path, f"{exc}; {NOTHING_WRITTEN}") from None
    return _from_data(data)


def _readers(journal: Journal) -> dict[str, Callable[[], object]]:
    """Every way the app reads each table, to find a record it would choke on."""
    goals = GoalsRepo(journal)
    assessment = AssessmentRepo(journal)
    boundaries = BoundariesRepo(journal)
    return {
        "settings": lambda: _check_settings(journal),
        "reflections": journal.reflections,
        "assessment": lambda: (assessment.issues(), assessment.openness_checks()),
        "goals": lambda: goals.all(include_archived=True),
        "checkins": goals.checkins.all,
        "contacts": ContactsRepo(journal).all,
        "drafts": DraftsRepo(journal).all,
        "boundaries": lambda: (boundaries.all(), boundaries.ticks()),
        "daily": DailyRepo(journal).all,
        "entries": EntriesRepo(journal).all,
        "urges": UrgesRepo(journal).all,
    }


def _check_settings(journal: Journal) -> None:
    for doc in journal._table("settings").all():
        if not isinstance(doc.get("key"), str) or "value" not in doc:
            raise ValueError("a setting needs a key and a value")


def _unreadable(
    path: Path, tables: dict[str, dict[int, Doc]], clock: Callable[[], datetime]
) -> str:
    """Why a record of ``tables`` could not be read by the app, or "" when all can.

    The records are read through the same repositories the app uses, on an
    in-memory, read-only journal: nothing touches the disk.
    """
    # Never acquired, so the journal is read-only and its storage stays in memory.
    journal = Journal(path, _to_data(SCHEMA_VERSION, tables), JournalLock(path), clock=clock)
    try:
        for table, read in _readers(journal).items():
            if table not in tables:
                continue
            try:
                read()
            except Exception as exc:  # any failure means the app could not show the record
                kind = type(exc).__name__
                return f"has a record in table {table!r} that winback cannot read ({kind})"
        try:
            all_items(journal)
        except Exception as exc:  # the timeline reads every kind together
            return f"has a record winback cannot show in its timeline ({type(exc).__name__})"
        try:
            export_markdown(journal)
        except Exception as exc:  # a draft's state, a boundary's days, an entry's last edit
            kind = type(exc).__name__
            return f"has a record winback could not write in a Markdown export ({kind})"
        return ""
    finally:
        journal.close()


def is_empty(data: Mapping[str, dict[str, Any]]) -> bool:
    """Whether journal data holds nothing the user wrote (settings aside)."""
    return not any(table for name, table in data.items() if name not in PREFERENCE_TABLES)


def record_total(data: Mapping[str, dict[str, Any]]) -> int:
    """How many records (settings aside) the journal holds."""
    return sum(len(table) for name, table in data.items() if name not in PREFERENCE_TABLES)


def plan_import(
    current: Mapping[str, dict[str, Any]], incoming: ExportFile
) -> tuple[Data, ImportReport]:
    """Merge ``incoming`` into ``current`` without changing either.

    Returns:
        The new journal data and what the merge did.
    """
    result: Data = dict(current)
    merge = _Merge(dict(result), ImportReport())
    names = [n for n in ORDER if n in incoming.tables]
    names += sorted(n for n in incoming.tables if n not in ORDER)
    for name in names:
        result[name] = merge.table(name, incoming.tables[name])
    return result, merge.report


def import_export(journal: Journal, incoming: ExportFile, *, merge: bool) -> ImportReport:
    """Add the records of a validated export to ``journal`` in one atomic save.

    Args:
        journal: open and writable (it holds the writer lock).
        incoming: from :func:`read_export`.
        merge: add to a journal that already has records; without it, such a
            journal is refused.

    Raises:
        JournalReadOnlyError: another copy holds the journal; nothing written.
        JournalNotEmptyError: the journal has records and ``merge`` is False.
        JournalWriteError: the disk refused; the journal is unchanged.
    """
    with journal._writing():
        current = journal._storage.read()
        assert current is not None
        if not merge and not is_empty(current):
            count = record_total(current)
            noun = "record" if count == 1 else "records"
            raise JournalNotEmptyError(
                journal.path,
                f"{journal.path} already holds {count} {noun} and import only fills an "
                f"empty journal; add --merge to add just the records it lacks. "
                f"{NOTHING_WRITTEN.capitalize()}",
            )
        data, report = plan_import(current, incoming)
        if data != current:
            journal._storage.write(data)
            # TinyDB remembers each table's next id; the tables changed under it.
            journal._db._tables.clear()
        return report


__all__ = [
    "ExportFile",
    "ExportFileError",
    "ImportReport",
    "JournalNotEmptyError",
    "import_export",
    "is_empty",
    "plan_import",
    "read_export",
    "report_name",
]
