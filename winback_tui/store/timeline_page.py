"""The timeline's first page, read from the chunks that can hold it.

:func:`~winback_tui.store.timeline.all_items` reads everything: seconds for ten
years of writing. The newest items the timeline shows first lie in a few
chunks of each large table, and the index knows the days each chunk spans
(:mod:`~winback_tui.store.chunk_bounds`). :func:`newest_page` gathers the
timeline from those chunks only (and every small table), and gives exactly
the first items :func:`all_items` would give (``tests/unit/test_timeline_page.py``
checks it against it):

- Every item not gathered lies in a chunk whose bound ends before the last
  item of the page, so it would come after the page.
- What an item shows may depend on other documents: a journal entry's mood
  lives in that day's check-in, and its key counts the day's earlier entries.
  So every chunk of entries and check-ins that may hold that day is read too.
- Until both hold, more chunks are read; in the worst case all of them.
- Only the tables whose items depend on nothing else than these are read in
  part (:data:`PAGED`); any other large table (the openness checks, which also
  hold step 1's issues, placed by the journal's first day) is read whole.

When a chunk's bound is not known yet (written by an older winback and not
read since), there is no fast page: the caller reads everything, which also
learns the bounds for the next save.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import UTC

from winback_tui.domain.timeline import Kind, TimelineItem, newest_first
from winback_tui.store import chunk_bounds
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.daily import TABLE as DAILY_TABLE
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.goals import CheckInsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.timeline import gathered

#: The tables whose documents shape an entry's item beyond its own document.
_DAY_TABLES = (EntriesRepo.TABLE, DAILY_TABLE)
_ENTRY_KINDS = (Kind.JOURNAL_ENTRY, Kind.JOURNAL_ENTRY_VERSION)
#: The large tables read in part: each document's items depend only on itself,
#: on small tables, and (entries) on the same day's entries and check-in.
PAGED = (*_DAY_TABLES, CheckInsRepo.TABLE, ContactsRepo.TABLE, DraftsRepo.TABLE)

Selection = dict[str, set[int]]


def _entry_day(item: TimelineItem) -> str | None:
    """The day of a journal entry's item (from its key, ``journal-entry:2024-05-01#2``)."""
    if item.kind not in _ENTRY_KINDS:
        return None
    key = item.ref.split(":", 2)[1]
    return key.split("#", 1)[0]


def _needed(bounds: dict[str, list[chunk_bounds.Bound]], page: list[TimelineItem]) -> Selection:
    """The chunks a full page needs, given its items (see the module doc)."""
    after = page[-1].at.astimezone(UTC)
    days = sorted({day for item in page if (day := _entry_day(item)) is not None})

    def holds_a_day(bound: chunk_bounds.Bound) -> bool:
        at = bisect_left(days, bound[0])  # the first day on or after the chunk's first
        return at < len(days) and chunk_bounds.holds_day(bound, days[at])

    need: Selection = {}
    for name, table in bounds.items():
        need[name] = {
            number
            for number, bound in enumerate(table)
            if chunk_bounds.latest(bound) >= after or (name in _DAY_TABLES and holds_a_day(bound))
        }
    return need


def _gather(journal: Journal, selection: Selection) -> list[TimelineItem]:
    # Nothing read for the page is kept: the full read follows at once.
    with journal._reading_chunks(selection), journal._passing_through():
        return newest_first(gathered(journal))


def _first_guess(tables: dict[str, list[tuple[chunk_bounds.Bound, int]]], count: int) -> Selection:
    """Each table's newest chunks, until they hold ``count`` documents (or all of them).

    Enough for the page as a rule, so that one gathering suffices: a table
    kept in time order holds its newest ``count`` records there.
    """
    selection: Selection = {}
    for name, chunks in tables.items():
        newest = sorted(range(len(chunks)), key=lambda n: chunk_bounds.latest(chunks[n][0]))
        chosen: set[int] = set()
        held = 0
        while newest and held < count:
            number = newest.pop()
            chosen.add(number)
            held += chunks[number][1]
        selection[name] = chosen
    return selection


def _grow(selection: Selection, bounds: dict[str, list[chunk_bounds.Bound]]) -> bool:
    """Add the newest chunks not read yet, as many as are read; False when none is left."""
    left = sorted(
        (
            (chunk_bounds.latest(bound), name, number)
            for name, table in bounds.items()
            for number, bound in enumerate(table)
            if number not in selection[name]
        ),
        reverse=True,
    )
    for _latest, name, number in left[: max(len(bounds), sum(map(len, selection.values())))]:
        selection[name].add(number)
    return bool(left)


def _hold_whole_tables(journal: Journal, names: list[str]) -> None:
    """Read, and keep, what the page reads of the tables it reads whole.

    Inside a gathering nothing read is kept, so each gathering would read and
    parse these again: years of openness checks are thousands of documents.
    What is kept here the full read after the page needs too (and home, when
    no summary holds, has read it already).
    """
    for name in names:
        journal._documents(name)
    AssessmentRepo(journal).openness_checks()


def newest_page(journal: Journal, count: int) -> list[TimelineItem] | None:
    """The first ``count`` items of ``all_items(journal)``, or None when that needs a full read.

    None when a large table's chunk has no known bound, or when no table is
    large (reading everything is then as quick).
    """
    with journal._mutex:
        tables = journal._storage.read()
        sized: dict[str, list[tuple[chunk_bounds.Bound, int]]] = {}
        for name in PAGED:
            found = tables.bounds(name) if name in tables else None
            if found is None:
                continue
            known = [(bound, size) for bound, size in found if bound is not None]
            if len(known) < len(found):
                return None
            sized[name] = known
        if not sized:
            return None  # no large table: reading everything is quick
        bounds = {name: [bound for bound, _size in chunks] for name, chunks in sized.items()}
        _hold_whole_tables(journal, [n for n in tables if n not in PAGED])
        selection = _first_guess(sized, count)
        while True:
            page = _gather(journal, selection)[:count]
            if len(page) < count:
                if not _grow(selection, bounds):
                    return page  # everything is read: the whole timeline is this short
                continue
            need = _needed(bounds, page)
            missing = {name: need[name] - selection[name] for name in bounds}
            if not any(missing.values()):
                return page
            for name, numbers in missing.items():
                selection[name] |= numbers
