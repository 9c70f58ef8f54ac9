"""What the year view and the CSV export read: check-ins and journal entries by day.

Reads through the feature repositories only; writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from winback_tui.domain.daily import DailyCheckIn
from winback_tui.domain.journal_entries import Entry
from winback_tui.domain.reflections import word_count
from winback_tui.domain.year import first_record
from winback_tui.store.daily import DailyRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.journal import Journal
from winback_tui.store.situation import journal_start


@dataclass(frozen=True)
class DayRecord:
    """One day's check-in and written entries (the entries in the journal's order).

    Attributes:
        day: the local day.
        checkin: its check-in, or None (an empty one counts as none).
        entries: its journal entries that have text.
    """

    day: date
    checkin: DailyCheckIn | None
    entries: tuple[Entry, ...] = ()

    @property
    def words(self) -> int:
        """Words written that day, in all its entries."""
        return sum(word_count(entry.text) for entry in self.entries)

    @property
    def steps(self) -> tuple[int, ...]:
        """The steps the day's entries are tagged with, each once, in order."""
        return tuple(sorted({e.step for e in self.entries if e.step is not None}))


@dataclass(frozen=True)
class YearData:
    """Everything the year view needs, read once.

    Attributes:
        checkins: every check-in, oldest first.
        days: the days shown with a check-in or a written entry, by date.
        since: the journal's first record (its start, first check-in or first
            entry, whichever is earliest).
    """

    checkins: tuple[DailyCheckIn, ...]
    days: dict[date, DayRecord]
    since: date | None


def day_records(
    journal: Journal, first: date | None = None, last: date | None = None
) -> dict[date, DayRecord]:
    """Every day that has a (non-empty) check-in or a written entry, oldest first.

    With ``first`` and ``last``, only the days from one to the other: only the
    chunks of entries that can hold them are read (ten years of entries are
    seconds to read whole).
    """
    checkins = {c.day: c for c in DailyRepo(journal).all() if not c.empty}
    repo = EntriesRepo(journal)
    if first is not None and last is not None:
        entries = repo.between(first, last)
        checkins = {day: c for day, c in checkins.items() if first <= day <= last}
    else:
        entries = repo.all()
    written: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.text.strip():
            written[entry.day].append(entry)
    days = sorted(set(checkins) | set(written))
    return {day: DayRecord(day, checkins.get(day), tuple(written.get(day, ()))) for day in days}


def year_data(journal: Journal, today: date, first: date, last: date) -> YearData:
    """What the year view shows of the days ``first`` to ``last``, read once.

    :attr:`YearData.days` holds only those days; :attr:`YearData.since` is of
    the whole journal.
    """
    checkins = tuple(DailyRepo(journal).all())
    days = day_records(journal, first, last)
    first_checkin = next((c.day for c in checkins if not c.empty), None)
    since = first_record(
        [journal_start(journal, today), first_checkin, EntriesRepo(journal).first_written_day()]
    )
    return YearData(checkins, days, since)
