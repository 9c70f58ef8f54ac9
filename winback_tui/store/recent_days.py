"""The newest days with an entry or a mood, read from the chunks that hold them.

The journal screen lists the newest days written or rated. ``EntriesRepo.days()``
gives every such day, which on ten years of entries means reading them all
(a second or more the first time). The chunk bounds
(:mod:`~winback_tui.store.chunk_bounds`) say which chunks can hold the newest
days: chunks are read newest first until the next one ends before the days
already found, so the answer is exactly the newest of ``days()``
(``tests/unit/test_entry_days.py`` checks it against it).
"""

from __future__ import annotations

import contextlib
from datetime import date

from winback_tui.store import chunk_bounds
from winback_tui.store.daily import TABLE as DAILY_TABLE
from winback_tui.store.daily import _rating
from winback_tui.store.journal import Journal
from winback_tui.store.records import iso, parse_date

ENTRIES_TABLE = "entries"


def _all_known(journal: Journal) -> dict[str, list[chunk_bounds.Bound]] | None:
    known: dict[str, list[chunk_bounds.Bound]] = {}
    for name in (ENTRIES_TABLE, DAILY_TABLE):
        bounds = journal._chunk_bounds(name)
        if bounds is None:
            return None  # kept whole (small): read as a whole
        known[name] = bounds
    return known


def _days_of(journal: Journal, name: str, number: int, upto: str, into: set[date]) -> None:
    with journal._reading_chunks({name: {number}}):
        docs = journal._documents(name)
    for _id, doc in docs:
        if name == DAILY_TABLE and _rating(doc.get("mood")) is None:
            continue
        day = doc.get("day")
        if isinstance(day, str):
            with contextlib.suppress(ValueError):
                parsed = parse_date(day)
                if iso(parsed) <= upto:
                    into.add(parsed)


def recent_days(journal: Journal, today: date, count: int) -> list[date]:
    """The newest ``count`` days up to ``today`` with an entry or a mood, newest first.

    A future-dated record waits: no day after ``today`` is given.
    """
    with journal._mutex:
        known = _all_known(journal)
        if known is None:
            from winback_tui.store.entries import EntriesRepo  # it offers this function

            days = EntriesRepo(journal).days()
            return sorted((d for d in days if d <= today), reverse=True)[:count]
        order = sorted(
            (
                (bound[1], name, number)
                for name, bounds in known.items()
                for number, bound in enumerate(bounds)
            ),
            reverse=True,
        )
        upto = iso(today)
        found: set[date] = set()
        for latest, name, number in order:
            if len(found) >= count and latest < iso(sorted(found, reverse=True)[count - 1]):
                break  # every day of this chunk, and of the rest, is older than those found
            _days_of(journal, name, number, upto, found)
        return sorted(found, reverse=True)[:count]
