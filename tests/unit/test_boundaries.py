"""Boundaries: validation, order, keeping rate, and the store round trip."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winback_tui.domain.boundaries import (
    DEFAULT_BOUNDARIES,
    MAX_BOUNDARY_LENGTH,
    Boundary,
    InvalidBoundary,
    KeepingRate,
    clean_text,
    default_boundary_texts,
    keeping_rate,
    moved,
    ordered,
    validate_text,
)
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.pacing import PacingKind, PacingSettings
from winback_tui.store import Journal, JournalReadOnlyError
from winback_tui.store.boundaries import BoundariesRepo, pacing_for_journal
from winback_tui.store.contacts import ContactsRepo

TODAY = date(2026, 3, 12)


# --------------------------------------------------------------- the defaults
def test_defaults_cover_every_boundary_of_the_program() -> None:
    text = " ".join(DEFAULT_BOUNDARIES).lower()
    for idea in ("pace", "without being invited", "friends or family", "no,", "ultimatum"):
        assert idea in text
    assert "at most one message without a reply in any 7 days; then i wait" in text
    assert "working on myself" in text
    assert len(DEFAULT_BOUNDARIES) == 7
    for boundary in DEFAULT_BOUNDARIES:
        assert validate_text(boundary) == boundary


def test_default_texts_follow_the_pacing_setting() -> None:
    assert "in any day" in default_boundary_texts(1, 1)[4]
    assert "2 messages without a reply in any 14 days" in default_boundary_texts(14, 2)[4]


# ------------------------------------------------------------------ the text
def test_empty_text_is_refused_with_a_message() -> None:
    for empty in ("", "   ", "\n\t "):
        with pytest.raises(InvalidBoundary, match="needs a few words"):
            validate_text(empty)


def test_a_1000_character_boundary_is_refused_naming_the_limit() -> None:
    with pytest.raises(InvalidBoundary) as caught:
        validate_text("x" * 1000)
    assert f"up to {MAX_BOUNDARY_LENGTH} characters" in caught.value.message
    assert "1,000" in caught.value.message


def test_the_longest_accepted_boundary_is_exactly_the_limit() -> None:
    assert validate_text("y" * MAX_BOUNDARY_LENGTH) == "y" * MAX_BOUNDARY_LENGTH
    with pytest.raises(InvalidBoundary):
        validate_text("y" * (MAX_BOUNDARY_LENGTH + 1))


def test_text_is_one_line_without_outer_blanks() -> None:
    assert clean_text("  I wait\nfor them\r\n\tto write  ") == "I wait for them to write"


@given(st.text(max_size=400))
def test_validation_never_crashes_and_either_accepts_or_explains(text: str) -> None:
    try:
        cleaned = validate_text(text)
    except InvalidBoundary as exc:
        assert exc.message
    else:
        assert 0 < len(cleaned) <= MAX_BOUNDARY_LENGTH
        assert cleaned == cleaned.strip()


# ----------------------------------------------------------------- the order
def b(id: int, position: int) -> Boundary:
    return Boundary(id, f"b{id}", position, TODAY)


def test_ordered_by_position_then_id() -> None:
    assert [x.id for x in ordered([b(3, 1), b(1, 2), b(2, 1)])] == [2, 3, 1]


def test_moved_up_down_and_past_the_ends() -> None:
    items = [b(1, 0), b(2, 1), b(3, 2)]
    assert [x.id for x in moved(items, 2, -1)] == [2, 1, 3]
    assert [x.id for x in moved(items, 2, 1)] == [1, 3, 2]
    assert [x.id for x in moved(items, 1, -1)] == [1, 2, 3]
    assert [x.id for x in moved(items, 3, 1)] == [1, 2, 3]
    assert [x.id for x in moved(items, 99, 1)] == [1, 2, 3]
    assert [x.position for x in moved(items, 3, -1)] == [0, 1, 2]


# ---------------------------------------------------------- the keeping rate
def days(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=o) for o in offsets]


def test_a_boundary_added_today_reads_out_of_one_day() -> None:
    assert keeping_rate(TODAY, [], TODAY) == KeepingRate(0, 1)
    assert keeping_rate(TODAY, [TODAY], TODAY) == KeepingRate(1, 1)
    assert KeepingRate(0, 1).describe() == "kept 0/1 day"


def test_the_rate_counts_days_since_created_within_30_days() -> None:
    created = TODAY - timedelta(days=9)  # 10 days including today
    assert keeping_rate(created, days(0, 2, 4, 9), TODAY) == KeepingRate(4, 10)


def test_an_old_boundary_reads_out_of_30_days_and_ignores_older_ticks() -> None:
    created = TODAY - timedelta(days=200)
    rate = keeping_rate(created, days(*range(0, 60)), TODAY)
    assert rate == KeepingRate(30, 30)
    assert rate.describe() == "kept 30/30 days"
    assert rate.ratio == 1.0
    assert keeping_rate(created, days(29, 30), TODAY) == KeepingRate(1, 30)


def test_future_ticks_and_duplicate_days_do_not_count() -> None:
    rate = keeping_rate(TODAY - timedelta(days=3), [*days(1, 1), TODAY + timedelta(days=1)], TODAY)
    assert rate == KeepingRate(1, 4)


def test_a_boundary_created_after_today_gives_a_one_day_window() -> None:
    assert keeping_rate(TODAY + timedelta(days=5), [TODAY], TODAY) == KeepingRate(1, 1)


@given(
    age=st.integers(min_value=-10, max_value=400),
    ticks=st.lists(st.integers(min_value=-10, max_value=400), max_size=60),
)
def test_rate_is_always_between_0_and_1_of_at_most_30_days(age: int, ticks: list[int]) -> None:
    rate = keeping_rate(TODAY - timedelta(days=age), days(*ticks), TODAY)
    assert 1 <= rate.days <= 30
    assert 0 <= rate.kept <= rate.days
    assert 0.0 <= rate.ratio <= 1.0


# ------------------------------------------------------------------ the store
def clock() -> datetime:
    return datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def test_defaults_are_seeded_once_and_deleted_defaults_never_return(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        assert repo.ensure_defaults(TODAY)
        assert [x.text for x in repo.all()] == list(DEFAULT_BOUNDARIES)
        assert not repo.ensure_defaults(TODAY)
        for item in repo.all():
            repo.delete(item.id)
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        assert not repo.ensure_defaults(TODAY)
        assert repo.all() == []
        assert repo.started(TODAY + timedelta(days=3)) == TODAY


def test_existing_boundaries_without_the_flag_are_not_doubled(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        repo.add("Mine", TODAY - timedelta(days=2))
        assert not repo.ensure_defaults(TODAY)
        assert [x.text for x in repo.all()] == ["Mine"]
        assert repo.started(TODAY) == TODAY - timedelta(days=2)


def test_started_falls_back_when_nothing_is_recorded(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        assert repo.started(TODAY) == TODAY
        journal.set_setting("boundaries_seeded", "not a date")
        repo.add("Mine", TODAY - timedelta(days=4))
        assert repo.started(TODAY) == TODAY - timedelta(days=4)


def test_round_trip_of_add_edit_move_tick_and_settings(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        first = repo.add("  I wait\nfor them  ", TODAY - timedelta(days=4))
        second = repo.add("I look after myself 🌱", TODAY)
        third = repo.add("No ultimatums", TODAY)
        assert first.text == "I wait for them"
        repo.edit(second.id, "I look after myself first 🌱")
        repo.move(third.id, -1)
        repo.set_kept(first.id, TODAY, True)
        repo.set_kept(first.id, TODAY - timedelta(days=1), True)
        repo.set_kept(first.id, TODAY, True)  # twice is once
        repo.set_kept(third.id, TODAY, True)
        repo.set_kept(third.id, TODAY, False)
        repo.save_settings(PacingSettings(10, 2))
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        assert [x.text for x in repo.all()] == [
            "I wait for them",
            "No ultimatums",
            "I look after myself first 🌱",
        ]
        assert repo.kept_on(TODAY) == {first.id}
        assert repo.rates(TODAY)[first.id] == KeepingRate(2, 5)
        assert repo.rates(TODAY)[third.id] == KeepingRate(0, 1)
        assert len(repo.ticks()) == 2
        assert repo.settings() == PacingSettings(10, 2)


def test_bad_input_leaves_what_is_stored(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        kept = repo.add("Keep me", TODAY)
        with pytest.raises(InvalidBoundary):
            repo.add("", TODAY)
        with pytest.raises(InvalidBoundary):
            repo.edit(kept.id, "z" * 1000)
        with pytest.raises(KeyError):
            repo.edit(999, "Someone else")
        with pytest.raises(KeyError):
            repo.set_kept(999, TODAY, True)
        assert [x.text for x in repo.all()] == ["Keep me"]


def test_two_hundred_boundaries_keep_their_order(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        for n in range(200):
            repo.add(f"Boundary {n}", TODAY)
        repo.move(repo.all()[-1].id, -1)
    with Journal.open(path, clock=clock) as journal:
        texts = [x.text for x in BoundariesRepo(journal).all()]
        assert len(texts) == 200
        assert texts[-2:] == ["Boundary 199", "Boundary 198"]


def test_a_read_only_copy_refuses_every_change_and_changes_nothing(path: Path) -> None:
    with Journal.open(path, clock=clock) as writer:
        repo = BoundariesRepo(writer)
        item = repo.add("Only mine", TODAY)
        with Journal.open(path, clock=clock) as second:
            assert second.read_only
            other = BoundariesRepo(second)
            assert not other.ensure_defaults(TODAY)
            with pytest.raises(JournalReadOnlyError):
                other.add("Sneaky", TODAY)
            with pytest.raises(JournalReadOnlyError):
                other.edit(item.id, "Changed")
            with pytest.raises(JournalReadOnlyError):
                other.set_kept(item.id, TODAY, True)
            with pytest.raises(JournalReadOnlyError):
                other.delete(item.id)
            with pytest.raises(JournalReadOnlyError):
                other.save_settings(PacingSettings(3, 1))
        assert [x.text for x in repo.all()] == ["Only mine"]
        assert repo.kept_on(TODAY) == set()


def test_unreadable_ticks_are_skipped(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        repo = BoundariesRepo(journal)
        item = repo.add("Mine", TODAY)
        repo._update(item.id, {"kept": ["2026-03-12", "garbage"]})
        assert repo.kept_on(TODAY) == {item.id}


def test_pacing_for_journal_reads_the_log_and_the_settings(path: Path) -> None:
    with Journal.open(path, clock=clock) as journal:
        contacts = ContactsRepo(journal)
        for day in (9, 11):
            contacts.add(
                Contact(
                    datetime(2026, 3, day, 12, tzinfo=UTC),
                    Channel.MESSAGE,
                    Initiator.ME,
                    Response.NO_REPLY,
                )
            )
        assert pacing_for_journal(journal, TODAY).kind is PacingKind.PUSHY
        BoundariesRepo(journal).save_settings(PacingSettings(7, 2))
        assert pacing_for_journal(journal, TODAY).kind is PacingKind.OK
