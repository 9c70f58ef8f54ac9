"""The daily check-in as CSV (``winback export --format csv``): one row per day.

The same data as the year view, for a spreadsheet: a header row, then one row
for every day that has a check-in or a written journal entry, oldest first::

    date,mood,confidence,calm,entry_words,step
    2026-03-11,,,,9,
    2026-03-12,4,3,,12,2

``date`` is ISO 8601; ``mood``, ``confidence`` and ``calm`` are 1-5, empty when
not rated; ``entry_words`` counts the words of the day's entries (0 when there
is none); ``step`` is the step the entry is tagged with, empty when none (two
steps, space-separated, when a day's entries are tagged differently).

Never the text itself: the file holds numbers and dates only, so it can go into
a spreadsheet without carrying anyone's words along (and no cell can be read as
a formula).
"""

from __future__ import annotations

import csv
import io

from winback_tui.store.journal import Journal
from winback_tui.store.year import DayRecord, day_records

#: The header row, in column order.
COLUMNS: tuple[str, ...] = ("date", "mood", "confidence", "calm", "entry_words", "step")


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def csv_row(record: DayRecord) -> list[str]:
    """The cells of one day, in :data:`COLUMNS` order."""
    checkin = record.checkin
    return [
        record.day.isoformat(),
        _cell(checkin.mood if checkin else None),
        _cell(checkin.confidence if checkin else None),
        _cell(checkin.calm if checkin else None),
        str(record.words),
        " ".join(str(step) for step in record.steps),
    ]


def export_csv(journal: Journal) -> bytes:
    """The CSV export of ``journal`` (UTF-8, ``\\n`` line ends, a header row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in day_records(journal).values():
        writer.writerow(csv_row(record))
    return out.getvalue().encode("utf-8")
