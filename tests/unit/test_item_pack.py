"""A packed timeline reads back exactly what was packed (issue 20: memory follows the screen).

:class:`~winback_tui.domain.item_pack.PackedItems` keeps ten years of items as
compressed rows; everything read from it (an item, a slice, a pass, a filter,
a search, the days a month and a year back) must be what the plain list of
items gives, field by field, with each time in its own zone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_timeline_fast import exactly
from winback_tui.domain import item_pack
from winback_tui.domain.item_pack import PackedItems
from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import (
    Kind,
    StoredText,
    TimelineItem,
    filtered,
    newest_first,
    on_this_day,
)
from winback_tui.store import Journal, timeline_sources
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.records import Repo
from winback_tui.store.timeline import all_items, gathered, packed_items

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import generate_journal

ZONES = [
    UTC,
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=13, minutes=45)),
    # Equal to the one before by offset, not by name.
    timezone(timedelta(hours=13, minutes=45), "CHADT"),
    None,
]
TEXTS = {("entries", 1): "held in the journal", ("entries", 2): "שלום, and 🌧 rain"}


def _read(key: object) -> str | None:
    return TEXTS.get(key)  # type: ignore[call-overload]


@st.composite
def timeline_items(draw: st.DrawFn) -> TimelineItem:
    zone = draw(st.sampled_from(ZONES))
    moment = datetime(2020, 1, 1) + timedelta(
        # Few distinct times, so equal times (ties) are common.
        minutes=draw(st.integers(0, 6)) * 600,
        microseconds=draw(st.sampled_from([0, 1, 999_999])),
    )
    at = moment if zone is None else moment.replace(tzinfo=zone)
    at = at.replace(fold=draw(st.sampled_from([0, 0, 1])))
    body: str | bytes | StoredText = draw(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(["", "ascii only", "emoji 🌱 and עברית", "a lone \ud800 surrogate"]),
            st.sampled_from(
                [StoredText(_read, ("entries", 1), 7), StoredText(_read, ("entries", 2), 9)]
            ),
        )
    )
    spans = draw(st.sampled_from([None, (), ((0, 1),), ((0, 2), (3, 4))]))
    return TimelineItem(
        draw(st.sampled_from(list(Kind))),
        draw(st.sampled_from([None, 1, 2, 3, 4])),
        at,
        draw(st.sampled_from(["Journal", "Check-in: good", "Goal 🌱", "", "Goal \udfff"])),
        body,
        f"ref:{draw(st.integers(0, 5))}",
        draw(st.booleans()),
        draw(st.sampled_from([(), ((0, 3),)])),
        spans,
    )


@pytest.fixture(autouse=True)
def small_blocks() -> Iterator[None]:
    """Blocks of three items, two kept: every path crosses blocks and evicts."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(item_pack, "BLOCK", 3)
        patch.setattr(item_pack, "KEPT_BLOCKS", 2)
        yield


@settings(max_examples=200, deadline=None)
@given(st.lists(timeline_items(), max_size=20), st.data())
def test_packed_items_read_back_exactly(items: list[TimelineItem], data: st.DataObject) -> None:
    packed = PackedItems(items)
    assert len(packed) == len(items)
    assert exactly(packed) == exactly(items)
    # By number in any order, from the end, and by slice.
    for number in data.draw(st.lists(st.integers(-len(items), len(items) - 1))) if items else []:
        assert exactly([packed[number]]) == exactly([items[number]])
        assert packed[number] == items[number]
    start, stop = data.draw(st.integers(0, 20)), data.draw(st.integers(0, 20))
    assert exactly(packed[start:stop]) == exactly(items[start:stop])
    with pytest.raises(IndexError):
        packed[len(items)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(timeline_items(), max_size=8), max_size=4))
def test_sources_merged_are_newest_first_of_them_all(sources: list[list[TimelineItem]]) -> None:
    # Naive and aware times do not compare: one kind of time per timeline.
    aware = [[i for i in source if i.at.tzinfo is not None] for source in sources]
    merged = PackedItems.merged(newest_first(source) for source in aware)
    assert exactly(merged) == exactly(newest_first(i for source in aware for i in source))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(timeline_items(), max_size=20),
    st.sampled_from([None, 1, 2, 4]),
    st.sampled_from([None, *Kind]),
)
def test_filters_read_the_columns_and_give_what_the_list_gives(
    items: list[TimelineItem], step: int | None, kind: Kind | None
) -> None:
    packed = PackedItems(items)
    assert exactly(filtered(packed, step=step, kind=kind)) == exactly(
        filtered(items, step=step, kind=kind)
    )
    # A filter of a filter (a search's matches, then a kind).
    some = packed.select([n for n in range(len(items)) if n % 2 == 0])
    assert exactly(filtered(some, step=step, kind=kind)) == exactly(
        filtered(items[::2], step=step, kind=kind)
    )
    assert packed.kinds() == {item.kind for item in items}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(timeline_items(), max_size=20),
    st.sampled_from([UTC, timezone(timedelta(hours=-11)), ZoneInfo("Pacific/Kiritimati")]),
    st.integers(0, 400),
)
def test_the_days_a_month_and_a_year_back_are_found_in_packed_items(
    items: list[TimelineItem], zone: Any, later: int
) -> None:
    aware = newest_first(i for i in items if i.at.tzinfo is not None)
    today = date(2020, 2, 1) + timedelta(days=later % 3) if later < 200 else date(2021, 1, 1)
    expected = on_this_day(aware, today, zone)
    packed = PackedItems(aware)
    for source in (packed, packed.select(range(len(aware)))):
        found = on_this_day(source, today, zone)
        assert exactly(found.month_items) == exactly(expected.month_items)
        assert exactly(found.year_items) == exactly(expected.year_items)


@settings(max_examples=100, deadline=None)
@given(st.lists(timeline_items(), max_size=20), st.sampled_from(["a", "rain", "ascii", "🌱 e"]))
def test_search_of_packed_items_finds_what_search_of_the_list_finds(
    items: list[TimelineItem], query: str
) -> None:
    assert exactly(SearchIndex(PackedItems(items)).search(query)) == exactly(
        SearchIndex(items).search(query)
    )


@pytest.mark.parametrize("at_a_time", [timeline_sources.ENTRIES_AT_A_TIME, 7])
def test_a_journals_packed_timeline_is_its_timeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_a_time: int
) -> None:
    path = generate_journal.generate(tmp_path / "journal.json", records=2500, seed=11)
    with Journal.open(path) as journal:
        EntriesRepo(journal).save_text(date(2031, 5, 5), "after the rest " * 60)
        # Imported days of several entries each (refs #2, #3: numbered across a cut).
        imported = Repo(journal)
        imported.TABLE = "entries"
        imported._insert_many(
            [
                {
                    "day": f"2031-06-{day:02d}",
                    "text": f"imported {n} of day {day} " * (1 + 40 * (n % 2)),
                    "created": f"2031-06-{day:02d}T0{n}:00:00+00:00",
                    "edited": f"2031-06-{day:02d}T0{n}:30:00+00:00",
                    "versions": [],
                }
                for day in range(1, 8)
                for n in range(1, 5)
            ]
        )
        full = all_items(journal)
        # Entries packed a few at a time: a day's entries fall on both sides of a cut.
        monkeypatch.setattr(timeline_sources, "ENTRIES_AT_A_TIME", at_a_time)
        packed = packed_items(journal)
        assert len(packed) == len(full) > 1000
        assert exactly(packed) == exactly(full)
        assert exactly(newest_first(gathered(journal))) == exactly(full)
        # Read back by number from the middle, from blocks not kept.
        for number in (len(full) - 1, 0, len(full) // 2, 7):
            assert exactly([packed[number]]) == exactly([full[number]])
