"""The timeline's two largest sources, read fast: journal entries and daily check-ins.

Ten years of daily use hold tens of thousands of each. :mod:`~winback_tui.store.timeline`
used to build them through ``EntriesRepo.all()`` and ``DailyRepo.all()``, which
copy every document, read the daily table twice (once for the moods), make an
``Entry`` per document, copy it again with its mood (``dataclasses.replace``)
and sort twice. Here each table is read once, without copies, into plain tuples,
sorted once, and turned straight into timeline items. The items are exactly
those the repositories' path gave (``tests/unit/test_timeline_fast.py`` checks
it against a copy of that path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, tzinfo
from functools import partial
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from winback_tui.domain.daily import DailyCheckIn
from winback_tui.domain.daily import label as daily_label
from winback_tui.domain.journal_entries import mood_label, validate_step
from winback_tui.domain.timeline import Kind, StoredText, TimelineItem, compact
from winback_tui.store import daily as daily_store
from winback_tui.store import entry_texts
from winback_tui.store.entries import EntriesRepo, _optional
from winback_tui.store.journal import Journal
from winback_tui.store.records import Doc, parse_date, parse_datetime

T = TypeVar("T")

_DAY_TIME = time(12, 0)


def read_rows(journal: Journal, table: str, convert: Callable[[int, Doc], T]) -> list[T]:
    """``convert(id, document)`` of every document of ``table``, in insertion order.

    The documents are read in place under the journal's lock, so a save on
    another thread waits until they are all converted (and cannot change one
    half-read); ``convert`` must only read its document and keep no reference
    to a mutable part of it. A large table is read a chunk at a time and each
    chunk let go of after (``Journal._each_document``): only what ``convert``
    makes stays in memory.
    """
    with journal._mutex:
        return [convert(int(i), doc) for i, doc in journal._each_document(table)]


def daily_checkins(journal: Journal) -> list[DailyCheckIn]:
    """Every day's check-in, oldest first (what ``DailyRepo.all()`` gives)."""
    rows = read_rows(journal, daily_store.TABLE, lambda _i, doc: daily_store._from_doc(doc))
    return sorted(rows, key=attrgetter("day"))


# An entry as read: (day, created timestamp, id, text, step, edited, versions);
# texts compacted (see ``domain.timeline.compact``) as each chunk is read.
_Text = str | bytes
_Body = _Text | StoredText
_Row = tuple[date, float, int, _Body, int | None, datetime, tuple[tuple[datetime, _Body], ...]]


def _entry_row(journal: Journal | None, doc_id: int, doc: Doc) -> _Row:
    created = parse_datetime(doc["created"])
    versions: Any = doc.get("versions", [])
    return (
        parse_date(doc["day"]),
        # By timestamp, as ``in_order`` sorts: an imported naive time still compares.
        created.timestamp(),
        doc_id,
        # A long text stays in the journal until read (entry_texts).
        entry_texts.stored(journal, doc_id, -1, compact(str(doc.get("text", "")))),
        _optional(doc.get("step"), validate_step),
        parse_datetime(doc["edited"]),
        tuple(
            (
                parse_datetime(v["saved"]),
                entry_texts.stored(journal, doc_id, n, compact(str(v["text"]))),
            )
            for n, v in enumerate(versions)
        ),
    )


#: Entries made into items at a time (see :func:`entry_items`).
ENTRIES_AT_A_TIME = 4096


def entry_items(
    journal: Journal, tz: tzinfo | None, checkins: list[DailyCheckIn], *, inline: bool = False
) -> Iterator[list[TimelineItem]]:
    """The journal entries' timeline items, oldest entry first (each with its versions).

    In lists of the items of :data:`ENTRIES_AT_A_TIME` entries, so that a
    reader packing them (:func:`~winback_tui.store.timeline.packed_items`)
    never holds ten years of entries as items at once; joined, they are
    the entries' items in order.

    Args:
        journal: the open journal.
        tz: the zone the timeline reads days in.
        checkins: :func:`daily_checkins` (the moods live there).
        inline: True to hold every text in its item (a reader of them all, in
            any order: an export), not to leave long ones in the journal.
    """
    moods = {c.day: c.mood for c in checkins if c.mood is not None}
    rows = read_rows(journal, EntriesRepo.TABLE, partial(_entry_row, None if inline else journal))
    written = {row[0] for row in rows}
    # A day with only a mood shows as an entry with no text, made at noon of
    # the journal clock's zone (as ``EntriesRepo`` makes it).
    clock_tz = journal.now().tzinfo
    for day, _mood in moods.items():
        if day not in written:
            moment = datetime.combine(day, _DAY_TIME, tzinfo=clock_tz)
            rows.append((day, moment.timestamp(), 0, "", None, moment, ()))
    rows.sort(key=itemgetter(0, 1, 2))

    items: list[TimelineItem] = []
    seen: dict[date, int] = {}
    # One title string per mood, not one per entry.
    titles = {mood: f"Journal, {mood_label(mood)}" for mood in set(moods.values()) if mood}
    # Each row let go of as its items are made: ten years of entries are
    # never held as rows and items at once.
    rows.reverse()
    while rows:
        if len(items) >= ENTRIES_AT_A_TIME:
            yield items
            items = []
        day, _ts, _id, text, step, edited, versions = rows.pop()
        number = seen[day] = seen.get(day, 0) + 1
        key = day.isoformat() + (f"#{number}" if number > 1 else "")
        ref = f"journal-entry:{key}"
        mood = moods.get(day)
        title = titles[mood] if mood else "Journal"
        # An entry belongs to its day, even when it was last edited later.
        at = edited
        timed = at.astimezone(tz).date() == day
        if not timed:
            at = datetime.combine(day, _DAY_TIME, tzinfo=tz)
        # A mood with no words yet shows once a day, on the day's first entry.
        if text or (mood is not None and number == 1):
            items.append(TimelineItem(Kind.JOURNAL_ENTRY, step, at, title, text, ref, timed=timed))
        for count, (saved, words) in enumerate(versions):
            items.append(
                TimelineItem(
                    Kind.JOURNAL_ENTRY_VERSION,
                    step,
                    saved,
                    "Journal (earlier)",
                    words,
                    f"journal-entry-version:{key}:{count}",
                )
            )
    yield items


def daily_items(tz: tzinfo | None, checkins: list[DailyCheckIn]) -> list[TimelineItem]:
    """The daily check-ins' timeline items (those with a rating), oldest day first."""
    return [
        TimelineItem(
            Kind.DAILY,
            None,
            datetime.combine(checkin.day, _DAY_TIME, tzinfo=tz),
            f"Check-in: {daily_label(checkin)}",
            "",
            f"daily:{checkin.day.isoformat()}",
            timed=False,
        )
        for checkin in checkins
        if not checkin.empty
    ]
