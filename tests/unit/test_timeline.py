"""The timeline: every kind of record, newest first, filters, and on this day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import OpennessCheck, Signal, assess_openness
from winback_tui.domain.timeline import (
    Kind,
    TimelineItem,
    filtered,
    newest_first,
    on_this_day,
    same_day_back,
)
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.timeline import all_items, find

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path: Path, clock: Clock) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=clock)
    yield journal
    journal.close()


def at(days_ago: int, hour: int = 9) -> datetime:
    return (NOW - timedelta(days=days_ago)).replace(hour=hour)


def item(when: datetime, kind: Kind = Kind.JOURNAL_ENTRY, step: int | None = None) -> TimelineItem:
    return TimelineItem(kind, step, when, "t", "x", f"{kind}:{when.isoformat()}")


# -------------------------------------------------------------------- domain
@pytest.mark.parametrize(
    ("today", "months", "years", "expected"),
    [
        (date(2026, 3, 12), 1, 0, date(2026, 2, 12)),
        (date(2026, 3, 31), 1, 0, date(2026, 2, 28)),  # no 31 February: its last day
        (date(2024, 3, 30), 1, 0, date(2024, 2, 29)),
        (date(2026, 1, 15), 1, 0, date(2025, 12, 15)),
        (date(2024, 2, 29), 0, 1, date(2023, 2, 28)),  # leap day a year later
        (date(2026, 5, 31), 1, 0, date(2026, 4, 30)),
    ],
)
def test_same_day_back(today: date, months: int, years: int, expected: date) -> None:
    assert same_day_back(today, months=months, years=years) == expected


def test_on_this_day_finds_a_month_and_a_year_ago() -> None:
    today = date(2026, 3, 12)
    month = item(datetime(2026, 2, 12, 20, 0, tzinfo=UTC))
    year = item(datetime(2025, 3, 12, 8, 0, tzinfo=UTC))
    other = item(datetime(2026, 2, 13, 8, 0, tzinfo=UTC))
    found = on_this_day([month, year, other], today, UTC)
    assert found.month_items == (month,)
    assert found.year_items == (year,)
    assert (found.month_ago, found.year_ago) == (date(2026, 2, 12), date(2025, 3, 12))


def test_filters_by_step_and_kind() -> None:
    items = [item(at(1), Kind.CHECK_IN, 2), item(at(2), Kind.JOURNAL_ENTRY, 2), item(at(3))]
    assert filtered(items, step=2) == items[:2]
    assert filtered(items, kind=Kind.JOURNAL_ENTRY) == items[1:]
    assert filtered(items, step=2, kind=Kind.JOURNAL_ENTRY) == [items[1]]
    assert filtered(items) == items


def test_newest_first() -> None:
    older, newer = item(at(5)), item(at(1))
    assert newest_first([older, newer]) == [newer, older]


def test_first_line_skips_blank_lines() -> None:
    entry = TimelineItem(Kind.JOURNAL_ENTRY, None, NOW, "Journal", "\n\n  Hello\nthere", "r")
    assert entry.first_line == "Hello"


# --------------------------------------------------------------------- store
def test_all_items_gathers_every_kind_newest_first(journal: Journal, clock: Clock) -> None:
    clock.now = at(10)
    journal.save_reflection(1, "what-went-wrong", "We stopped listening.")
    clock.now = at(9)
    journal.save_reflection(1, "what-went-wrong", "We stopped listening to each other.")
    clock.now = at(8)
    EntriesRepo(journal).save_text(clock.now.date(), "A café morning.")
    EntriesRepo(journal).save_mood(clock.now.date(), 4)
    EntriesRepo(journal).save_step(clock.now.date(), 2)
    goals = GoalsRepo(journal)
    goal = goals.add("Walk daily", Area.HEALTH, Cadence(None), at(7).date())
    clock.now = at(6)
    goals.check_in(CheckIn(goal.id, at(6).date(), CheckState.SKIPPED, "rain"), at(6).date())
    goals.ratings.rate(at(6).date(), 4)
    ContactsRepo(journal).add(
        Contact(at(5), Channel.CALL, Initiator.ME, Response.WARM, "It went well", "Listen more")
    )
    signals = frozenset({Signal.REPLIED_WARMLY})
    AssessmentRepo(journal).add_openness_check(
        OpennessCheck(at(4), signals, assess_openness(signals))
    )
    clock.now = at(3)
    draft = DraftsRepo(journal).create("Hello")
    DraftsRepo(journal).save_text(draft.id, "Hope you are well.")
    clock.now = NOW

    items = all_items(journal)
    kinds = {i.kind for i in items}
    assert {
        Kind.REFLECTION,
        Kind.REFLECTION_VERSION,
        Kind.JOURNAL_ENTRY,
        Kind.GOAL,
        Kind.CHECK_IN,
        Kind.DAILY,
        Kind.CONTACT,
        Kind.OPENNESS_CHECK,
        Kind.DRAFT,
    } <= kinds
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    assert all(i.at.tzinfo is not None for i in items)

    reflection = find(items, "reflection:1:what-went-wrong")
    assert reflection is not None and reflection.text == "We stopped listening to each other."
    assert reflection.step == 1 and reflection.title == "What went wrong"
    version = find(items, "reflection-version:1:what-went-wrong:0")
    assert version is not None and version.text == "We stopped listening."
    entry = find(items, f"journal-entry:{at(8).date().isoformat()}")
    assert entry is not None and entry.step == 2 and "4/5" in entry.title
    checkin = next(i for i in items if i.kind is Kind.CHECK_IN)
    assert "rain" in checkin.text and checkin.step == 2
    contact = next(i for i in items if i.kind is Kind.CONTACT)
    assert "It went well" in contact.text and "Listen more" in contact.text
    openness = next(i for i in items if i.kind is Kind.OPENNESS_CHECK)
    assert openness.step == 1 and "warm" in openness.text


def test_an_entry_edited_later_stays_on_its_own_day(journal: Journal, clock: Clock) -> None:
    day = at(30).date()
    clock.now = at(30)
    EntriesRepo(journal).save_text(day, "a month ago")
    clock.now = NOW
    EntriesRepo(journal).save_text(day, "a month ago, reread today")
    entry = find(all_items(journal), f"journal-entry:{day.isoformat()}")
    assert entry is not None and entry.at.date() == day


def test_an_empty_journal_has_an_empty_timeline(journal: Journal) -> None:
    assert all_items(journal) == []


@given(text=st.text(alphabet=st.characters(exclude_categories=()), max_size=300))
def test_an_items_text_reads_back_as_given_however_it_is_held(text: str) -> None:
    """A non-ASCII text is held as UTF-8 (a fourth of the memory for an emoji's text)."""
    at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    item = TimelineItem(Kind.JOURNAL_ENTRY, None, at, "Journal", text, "journal-entry:2026-03-01")
    assert item.text == text
    assert item == TimelineItem(
        Kind.JOURNAL_ENTRY, None, at, "Journal", text, "journal-entry:2026-03-01"
    )
    lines = [line.strip() for line in text[:2000].splitlines() if line.strip()]
    assert item.first_line == (lines[0] if lines else "")
    if not text.isascii():
        assert isinstance(item._body, bytes)
        assert len(item._body) <= 4 * len(text)


def test_the_first_line_of_a_long_text_is_cut_between_characters() -> None:
    at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    text = "€" * 2700 + "\ud800"  # three bytes a character: 8,000 falls inside one
    item = TimelineItem(Kind.JOURNAL_ENTRY, None, at, "Journal", text, "journal-entry:2026-03-01")
    assert item.first_line == "€" * 2000
    short = TimelineItem(Kind.JOURNAL_ENTRY, None, at, "Journal", "\ud800 x", "journal-entry:x")
    assert short.first_line == "\ud800 x"
