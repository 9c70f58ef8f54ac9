"""The journal's file format: validation, schema version and forward migrations.

On disk a journal is a TinyDB JSON document: an object of tables, each an
object of documents keyed by id. The ``_meta`` table holds one document naming
the application and the schema version that wrote the file.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from winback_tui.store import layout
from winback_tui.store.crypt import CRYPT_TABLE, JournalEncryptedError, header_of
from winback_tui.store.errors import (
    JournalCorruptError,
    JournalError,
    JournalForeignError,
    JournalMismatchError,
    JournalTooNewError,
)

APP_ID = "winback"
SCHEMA_VERSION = 3
META_TABLE = "_meta"
#: The table of summaries of large tables (:mod:`~winback_tui.store.summaries`): no records.
SUMMARY_TABLE = "_summary"

Data = dict[str, dict[str, Any]]


def _rating(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def one_rating_scale(data: Data) -> Data:
    """Schema 1 -> 2: every rating moves to one daily check-in table, ``daily``, on 1-5.

    * the journal's mood (``entries[].mood``, 1-5) becomes the day's ``mood``;
    * Step 3's mindset (table ``mindset``: positive, confident, calm, 1-5)
      gives ``mood`` (positive, when the journal had no mood that day),
      ``confidence`` and ``calm``;
    * Step 2's confidence (table ``confidence``, 1-10) becomes ``confidence``
      by ``ceil(value / 2)`` (see :func:`winback_tui.domain.daily.ten_to_five`),
      when Step 3 had no confidence that day.

    Nothing typed is lost: where two old ratings of one day meet in one
    quantity, the one not kept is stored under the day's ``was`` with every old
    value as it was. The old ``mindset`` and ``confidence`` tables and the
    entries' ``mood`` field are removed.
    """
    days: dict[str, dict[str, Any]] = {}

    def day_doc(day: object) -> dict[str, Any] | None:
        if not isinstance(day, str):
            return None
        return days.setdefault(day, {"day": day, "mood": None, "confidence": None, "calm": None})

    for doc in data.get("entries", {}).values():
        mood = _rating(doc.pop("mood", None), 1, 5)
        target = day_doc(doc.get("day"))
        if target is not None and mood is not None:
            target["mood"] = mood
            target.setdefault("was", {})["journal_mood"] = mood
    for doc in data.pop("mindset", {}).values():
        target = day_doc(doc.get("day"))
        if target is None:
            continue
        was = target.setdefault("was", {})
        positive, confident, calm = (
            _rating(doc.get(name), 1, 5) for name in ("positive", "confident", "calm")
        )
        was.update({"mindset_positive": positive, "mindset_confident": confident})
        was["mindset_calm"] = calm
        if target["mood"] is None:
            target["mood"] = positive
        target["confidence"] = confident
        target["calm"] = calm
    for doc in data.pop("confidence", {}).values():
        target = day_doc(doc.get("day"))
        value = _rating(doc.get("value"), 1, 10)
        if target is None or value is None:
            continue
        target.setdefault("was", {})["confidence_of_10"] = value
        if target["confidence"] is None:
            target["confidence"] = min(max((value + 1) // 2, 1), 5)
    if days:
        data["daily"] = {str(n): doc for n, doc in enumerate(sorted_days(days), start=1)}
    return data


def sorted_days(days: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The day documents, oldest day first (ISO dates sort as text)."""
    return [days[key] for key in sorted(days)]


def several_entries_a_day(data: Data) -> Data:
    """Schema 2 -> 3: the ``entries`` table may hold several documents of one day.

    Every stored document keeps its shape, and each becomes its day's first
    entry, so nothing is converted. The version moves on all the same: a
    winback that knows one entry a day would show only one of a day's entries
    (and a merge there would drop the others as conflicts), so it must refuse
    such a journal as newer rather than open it.
    """
    return data


#: Forward migrations: ``MIGRATIONS[n]`` turns a version ``n`` journal into ``n + 1``.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: one_rating_scale, 2: several_entries_a_day}


def new_journal(now: datetime | None = None) -> Data:
    """Return the data of an empty journal at the current schema version."""
    created = (now or datetime.now(UTC)).isoformat()
    return {META_TABLE: {"1": {"app": APP_ID, "schema": SCHEMA_VERSION, "created": created}}}


def encode(data: Data) -> bytes:
    """Serialise journal data in the file's indexed layout (see :mod:`.layout`).

    ``ensure_ascii`` keeps every Python string representable, lone surrogates from
    a binary-ish paste included, so nothing the API accepted can fail to save.
    """
    return layout.encode_file(data)


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value: Any) -> Any:
    """Return ``value`` exactly as it will load back from the file.

    JSON cannot tell a surrogate pair held as two separate code points
    (``"\\ud83d\\ude00"``) from the character the pair encodes (``"😀"``): both
    are written as the same two escapes and load back as the character. Such
    pairs are joined before saving, so what a save returns is what a later load
    gives. Lone surrogates are kept as they are. Lists and dict keys and values
    are handled recursively; other values are returned unchanged.
    """
    if isinstance(value, str):
        if value.isascii() or _SURROGATE.search(value) is None:
            return value
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    return value


def _tables_phrase(tables: list[str]) -> str:
    names = ", ".join(name if name.startswith("(") else repr(name) for name in tables)
    return f"table {names}" if len(tables) == 1 else f"tables {names}"


def _index_mismatch(path: Path, raw: bytes, *, editable: bool) -> JournalMismatchError | None:
    """The error for a file whose bytes disagree with its own index, if they do."""
    if not layout.has_index(raw):
        return None  # no index at all (winback 0.1): nothing to disagree with
    found = layout.read_layout(raw)
    tables = ["(the index)"] if found is None else layout.differing_tables(raw, *found)
    if not tables:
        return None
    return JournalMismatchError(
        path,
        f"{path} does not match its own index: {_tables_phrase(tables)} changed since "
        "winback saved it (damaged, or edited by hand); it was not loaded and not changed",
        tables,
        editable=editable,
    )


def decode(path: Path, raw: bytes, *, check_index: bool = True) -> Data:
    """Parse and validate the bytes of a journal file.

    A file in the indexed layout must match its index, table by table (a file
    with no index at all, as winback 0.1 wrote, is only parsed and checked).

    Args:
        path: the file (for messages).
        raw: its bytes.
        check_index: refuse a file whose tables differ from its index; False
            only to review and accept a deliberate hand edit.

    Raises:
        JournalMismatchError: the tables do not match the file's index.
        JournalCorruptError: empty, NUL-filled, truncated or unparseable.
        JournalForeignError: valid JSON that winback did not write.
        JournalTooNewError: written by a newer winback.
    """
    name = str(path)
    if not raw.strip():
        raise JournalCorruptError(path, f"{name} is empty, so it is not treated as a new journal")
    # A large table kept in segment files is read in here, as if it were inline.
    from winback_tui.store.segments import inline

    raw = inline(path, raw)
    if b"\x00" in raw:
        raise JournalCorruptError(
            path, f"{name} contains NUL bytes: it was damaged, maybe by a crash"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise JournalCorruptError(path, f"{name} is not UTF-8 text: it is damaged") from None
    except json.JSONDecodeError as exc:
        mismatch = _index_mismatch(path, raw, editable=False) if check_index else None
        where = f" ({_tables_phrase(mismatch.tables)}: not as its index says)" if mismatch else ""
        raise JournalCorruptError(
            path,
            f"{name} is not valid JSON (line {exc.lineno}){where}: it is truncated or damaged",
        ) from None
    if not isinstance(data, dict):
        raise JournalForeignError(path, f"{name} is JSON but not a winback journal")
    if CRYPT_TABLE in data:
        _check_encrypted(path, raw, data, check_index=check_index)
    mismatch = _index_mismatch(path, raw, editable=True) if check_index else None
    # The index of the indexed layout is not a table (and is rebuilt on every save).
    data.pop(layout.LAYOUT_KEY, None)
    try:
        check_meta(path, data.get(META_TABLE))
        for table_name, table in data.items():
            check_table(path, table_name, table)
    except JournalError:
        if mismatch is None:
            raise
        mismatch.editable = False
    if mismatch is not None:
        raise mismatch
    return data


def _check_encrypted(path: Path, raw: bytes, data: dict[str, Any], *, check_index: bool) -> None:
    """Check an encrypted journal as far as it can be without its key; always raises.

    Raises:
        JournalMismatchError: its bytes do not match its index (never editable:
            nobody edits ciphertext by hand).
        JournalCorruptError: its header or a table's line is damaged.
        JournalEncryptedError: it is intact; it opens only with its passphrase.
    """
    mismatch = _index_mismatch(path, raw, editable=False) if check_index else None
    if mismatch is not None:
        mismatch.message = mismatch.message.replace(" (damaged, or edited by hand)", "")
        mismatch.message = mismatch.message.replace("changed since", "is damaged: changed since")
        raise mismatch
    header = header_of(path, raw)
    damaged = JournalCorruptError(path, f"{path} is an encrypted journal with damaged tables")
    if header is None or META_TABLE not in data:
        raise damaged
    for name, table in data.items():
        if name in (CRYPT_TABLE, layout.LAYOUT_KEY):
            continue
        if not isinstance(table, list) or not all(isinstance(c, str) for c in table):
            raise damaged
    raise JournalEncryptedError(path, f"{path} is encrypted; it opens only with its passphrase")


def verify(path: Path, raw: bytes) -> None:
    """Check that ``raw`` is a journal that loads: plain and valid, or encrypted and intact.

    An encrypted file's tables cannot be authenticated without the key; every
    byte is still checked against the index's CRCs.

    Raises:
        JournalError: see :func:`decode`.
    """
    with contextlib.suppress(JournalEncryptedError):
        decode(path, raw)


def check_meta(path: Path, meta: object) -> None:
    """Check a journal's ``_meta`` table: winback's, and a schema this version reads.

    Raises:
        JournalForeignError: not winback's.
        JournalCorruptError: no valid schema version.
        JournalTooNewError: written by a newer winback.
    """
    name = str(path)
    doc = next(iter(meta.values()), None) if isinstance(meta, dict) and meta else None
    if not isinstance(doc, dict) or doc.get("app") != APP_ID:
        raise JournalForeignError(path, f"{name} is JSON but not a winback journal")
    version = doc.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise JournalCorruptError(path, f"{name} has no valid schema version: it is damaged")
    if version > SCHEMA_VERSION:
        raise JournalTooNewError(
            path,
            f"{name} was written by a newer winback (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade winback to open it. The file was not changed.",
        )


def check_table(path: Path, table_name: str, table: object) -> None:
    """Check that a table is an object of documents (objects).

    Raises:
        JournalCorruptError: it is not.
    """
    if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
        raise JournalCorruptError(path, f"{path} has a damaged table {table_name!r}")


def schema_version(data: Mapping[str, dict[str, Any]]) -> int:
    """Return the schema version recorded in validated journal data."""
    doc = next(iter(data[META_TABLE].values()))
    return int(doc["schema"])


def migrate(path: Path, data: Data) -> tuple[Data, bool]:
    """Run forward migrations up to :data:`SCHEMA_VERSION`.

    Returns:
        The migrated data and whether anything changed.
    """
    version = schema_version(data)
    changed = False
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise JournalCorruptError(
                path, f"{path} has schema {version}, which cannot be upgraded"
            )
        data = step(data)
        version += 1
        key = next(iter(data[META_TABLE]))
        data[META_TABLE][key]["schema"] = version
        changed = True
    return data, changed
