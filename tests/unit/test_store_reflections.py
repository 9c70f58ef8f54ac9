"""Reflection history: a version per editing session, and word counts a reader agrees with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.domain.reflections import (
    SESSION_GAP,
    ReflectionVersion,
    keeps_version,
    record_edit,
    word_count,
)
from winback_tui.store import Journal

MORNING = datetime(2031, 3, 14, 9, 0, tzinfo=UTC)


def test_first_save_creates_the_answer() -> None:
    first = record_edit(None, 1, "why", "We stopped listening.", MORNING)
    assert first.text == "We stopped listening."
    assert first.created_at == first.edited_at == MORNING
    assert first.versions == ()


def test_edits_within_one_session_keep_no_version() -> None:
    first = record_edit(None, 1, "why", "draft", MORNING)
    second = record_edit(first, 1, "why", "better draft", MORNING + timedelta(seconds=40))
    third = record_edit(second, 1, "why", "better draft, final", MORNING + timedelta(minutes=3))
    assert third.text == "better draft, final"
    assert third.versions == ()
    assert third.created_at == MORNING
    assert third.edited_at == MORNING + timedelta(minutes=3)


def test_a_pause_ends_the_session_and_keeps_the_text_as_a_version() -> None:
    first = record_edit(None, 1, "why", "before lunch", MORNING)
    short = record_edit(first, 1, "why", "before lunch.", MORNING + SESSION_GAP / 2)
    after = record_edit(short, 1, "why", "after lunch", short.edited_at + SESSION_GAP)
    assert after.versions == (ReflectionVersion(short.edited_at, "before lunch."),)


def test_a_new_editing_session_keeps_a_version_even_a_moment_later() -> None:
    first = record_edit(None, 1, "why", "typed, then the editor was left", MORNING)
    moment = MORNING + timedelta(seconds=5)
    again = record_edit(first, 1, "why", "a slip", moment, new_session=True)
    assert again.versions == (ReflectionVersion(MORNING, "typed, then the editor was left"),)


def test_the_same_text_is_not_kept_twice_in_a_row() -> None:
    first = record_edit(None, 1, "why", "same", MORNING)
    other = record_edit(first, 1, "why", "other", MORNING + timedelta(hours=1))
    back = record_edit(other, 1, "why", "same", MORNING + timedelta(hours=2))
    again = record_edit(back, 1, "why", "other", MORNING + timedelta(hours=3))
    assert [v.text for v in again.versions] == ["same", "other", "same"]
    assert keeps_version("a", MORNING, "a", MORNING + timedelta(days=2)) is False


def test_a_new_day_keeps_yesterdays_text_as_a_version() -> None:
    late = MORNING + timedelta(hours=14, minutes=58)  # 23:58
    first = record_edit(None, 1, "why", "late draft", late)
    evening = record_edit(first, 1, "why", "late text", late + timedelta(minutes=1))
    next_day = late + timedelta(minutes=2)  # 00:00 the next day, in the same session
    today = record_edit(evening, 1, "why", "a day later", next_day)
    later_today = record_edit(
        today, 1, "why", "a day later, edited", next_day + timedelta(minutes=1)
    )

    # Yesterday is kept as it stood at the end of the day, once.
    assert later_today.versions == (ReflectionVersion(late + timedelta(minutes=1), "late text"),)
    assert later_today.text == "a day later, edited"
    assert later_today.created_at == late


def test_identical_text_changes_nothing() -> None:
    first = record_edit(None, 1, "why", "same", MORNING)
    again = record_edit(first, 1, "why", "same", MORNING + timedelta(days=3))
    assert again is first
    assert again.edited_at == MORNING and again.versions == ()


def test_an_empty_answer_is_not_kept_as_a_version() -> None:
    empty = record_edit(None, 1, "why", "", MORNING)
    filled = record_edit(empty, 1, "why", "now I know", MORNING + timedelta(days=1))
    assert filled.versions == ()


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_journal_keeps_versions_across_days_and_restarts(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    clock = _Clock(MORNING)
    with Journal.open(path, clock=clock) as journal:
        journal.save_reflection(1, "why", "day one, first")
        clock.now += timedelta(hours=2)
        journal.save_reflection(1, "why", "day one, last")
        clock.now += timedelta(days=1)
        journal.save_reflection(1, "why", "day two")
        clock.now += timedelta(hours=1)
        unchanged = journal.save_reflection(1, "why", "day two")

    with Journal.open(path, clock=clock) as journal:
        loaded = journal.reflection(1, "why")
    assert loaded is not None and loaded == unchanged
    assert loaded.text == "day two"
    assert [v.text for v in loaded.versions] == ["day one, first", "day one, last"]
    assert loaded.created_at == MORNING
    assert loaded.edited_at == MORNING + timedelta(days=1, hours=2)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("I'm not sure it's over", 5),
        ("I’m fine, don’t worry", 4),  # typographic apostrophes
        ("rock 'n' roll", 3),
        ("I ❤️ you 🙂 still", 3),  # emoji are not words
        ("👩‍👩‍👧", 0),
        ("שלום עולם, מה שלומך", 4),  # Hebrew, right to left
        ("مرحبا بالعالم", 2),  # Arabic
        ("café crème brûlée", 3),  # precomposed accents
        ("東京 2024", 2),
        ("line one\nline two", 4),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


@pytest.mark.parametrize("text", ["e\u0301tude", "नमस्ते"])
def test_word_count_with_combining_marks(text: str) -> None:
    assert word_count(text) == 1


def test_two_sessions_on_one_day_both_leave_a_version_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    clock = _Clock(MORNING)
    for text in ("first session", "second session"):
        with Journal.open(path, clock=clock) as journal:
            journal.begin_editing_session()  # the person entered the editor
            journal.save_reflection(1, "why", text)
            clock.now += timedelta(seconds=30)
    with Journal.open(path, clock=clock) as journal:
        journal.begin_editing_session()
        journal.save_reflection(1, "why", "a slip")
        journal.save_reflection(1, "why", "a slip, typed on")
    with Journal.open(path, clock=clock) as journal:
        loaded = journal.reflection(1, "why")
        assert loaded is not None
        assert loaded.text == "a slip, typed on"
        assert [v.text for v in loaded.versions] == ["first session", "second session"]
        restored = journal.save_reflection(1, "why", "second session", keep_version=True)
    assert restored.text == "second session"
    assert [v.text for v in restored.versions] == [
        "first session",
        "second session",
        "a slip, typed on",
    ]


def test_saves_that_no_editor_began_keep_versions_by_day_and_pause_only(tmp_path: Path) -> None:
    # A script or an import writes without entering an editor: no version per save.
    with Journal.open(tmp_path / "journal.json", clock=_Clock(MORNING)) as journal:
        for number in range(5):
            saved = journal.save_reflection(1, "why", f"save {number}")
    assert saved.versions == ()
