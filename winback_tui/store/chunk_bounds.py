"""The days a chunk of a large table spans, kept in the journal's index.

The timeline shows the newest things first, and the journal screen the newest
days. With ten years of entries, reading every chunk to find the newest few
costs seconds; knowing, for each chunk, the earliest and the latest day
written anywhere in its documents lets them read only the chunks that can hold
what they show (:mod:`~winback_tui.store.timeline_page`,
:mod:`~winback_tui.store.recent_days`), and a day's entry be found in the
chunks that can hold that day.

A chunk's *bound* is the smallest and the largest ``YYYY-MM-DD`` that starts
any string in its documents, at any depth (a day, a time of writing, a saved
version's time; also a text that happens to start with a date, which only
widens it), or that a whole string is in another form Python reads as a date
or a time. Every moment a record is placed at is written in its document this
way, so nothing of the chunk lies outside its bound (widened by a day and the
widest time-zone offsets, see :func:`latest` and :func:`earliest`).

Bounds are kept per segment file (a file never changes, so neither does its
bound) in the index of the journal file, under ``"bounds"``. An encrypted
journal's bounds are sealed like a table: the days someone wrote on are theirs
too. Bounds only make reading faster: a missing, unreadable or foreign value
is read as "not known", and the chunk is then read to find out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from winback_tui.store.errors import JournalCorruptError

if TYPE_CHECKING:
    from winback_tui.store.crypt import Vault

#: (earliest day, latest day), each ``YYYY-MM-DD``.
Bound = tuple[str, str]

#: A chunk in which no string starts with a day: it is read whatever is looked for.
EVERYTHING: Bound = ("0000-00-00", "9999-99-99")

#: The name the bounds of an encrypted journal are sealed under.
SEALED_AS = "_bounds"

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_DAY_FIELD = re.compile(r"^\d{4}-\d\d-\d\d$")

#: The widest offsets of a local time from UTC (UTC-12 to UTC+14).
_WEST = timedelta(hours=12)
_EAST = timedelta(hours=14)


def _day_of(value: str) -> str | None:
    """The day ``value`` starts with or is, as ``YYYY-MM-DD``; None for none.

    Besides the form winback writes, any form Python reads as a date or a
    time (``20240501``, ``2024-W18-3``: an import may hold one) counts.
    """
    if _DAY.match(value):
        return value[:10]
    if not value[:1].isdigit() or len(value) > 40:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _days(value: Any, found: list[str]) -> None:
    if isinstance(value, str):
        day = _day_of(value)
        if day is not None:
            found.append(day)
    elif isinstance(value, dict):
        for item in value.values():
            _days(item, found)
    elif isinstance(value, list):
        for item in value:
            _days(item, found)


def of_docs(docs: Mapping[str, Any]) -> Bound:
    """The bound of a chunk's documents (see the module doc)."""
    found: list[str] = []
    for doc in docs.values():
        _days(doc, found)
    return (min(found), max(found)) if found else EVERYTHING


def _day_start(day: str) -> datetime | None:
    try:
        return datetime.fromisoformat(day).replace(tzinfo=UTC)
    except ValueError:
        return None


def latest(bound: Bound) -> datetime:
    """A moment no record of a chunk with ``bound`` is placed after (in any time zone)."""
    start = _day_start(bound[1])
    if start is None or start.year >= 9999:
        return datetime.max.replace(tzinfo=UTC)
    return start + timedelta(days=1) + _WEST


def earliest(bound: Bound) -> datetime:
    """A moment no record of a chunk with ``bound`` is placed before (in any time zone)."""
    start = _day_start(bound[0])
    if start is None or start.year <= 1:
        return datetime.min.replace(tzinfo=UTC)
    return start - _EAST


def starts_with_day(value: str) -> bool:
    """Whether ``value`` starts with a ``YYYY-MM-DD`` (so it widens the bound of its chunk)."""
    return _DAY.match(value) is not None


def holds_day(bound: Bound, day: str) -> bool:
    """Whether a chunk with ``bound`` may hold a document of ``day`` (``YYYY-MM-DD``)."""
    return bound[0] <= day <= bound[1]


def encode(bounds: Mapping[str, Bound], vault: Vault | None) -> object:
    """The index's ``"bounds"`` value: by segment file; sealed for an encrypted journal."""
    plain = {file: list(bound) for file, bound in sorted(bounds.items())}
    if vault is None:
        return plain
    sealed: object = json.loads(vault.seal_chunk(SEALED_AS, 0, True, {"bounds": plain}))
    return sealed


def decode(raw: object, vault: Vault | None, path: Path) -> dict[str, Bound]:
    """The bounds an index holds, by segment file; {} when none can be read (see the module doc)."""
    if vault is not None:
        if not isinstance(raw, str):
            return {}
        try:
            opened = vault.open_chunk(path, SEALED_AS, 0, True, json.dumps(raw).encode("ascii"))
        except (JournalCorruptError, ValueError, UnicodeError):
            return {}
        raw = opened.get("bounds")
    if not isinstance(raw, dict):
        return {}
    bounds: dict[str, Bound] = {}
    for file, bound in raw.items():
        if (
            isinstance(file, str)
            and isinstance(bound, list)
            and len(bound) == 2
            and all(isinstance(day, str) and _DAY_FIELD.match(day) for day in bound)
        ):
            bounds[file] = (bound[0], bound[1])
    return bounds
