"""Reflection history: one kept version per day edited, and word counts a reader agrees with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.domain.reflections import ReflectionVersion, record_edit, word_count
from winback_tui.store import Journal

MORNING = datetime(2031, 3, 14, 9, 0, tzinfo=UTC)


def test_first_save_creates_the_answer() -> None:
    first = record_edit(None, 1, "why", "We stopped listening.", MORNING)
    assert first.text == "We stopped listening."
    assert first.created_at == first.edited_at == MORNING
    assert first.versions == ()


def test_same_day_edits_keep_no_version() -> None:
    first = record_edit(None, 1, "why", "draft", MORNING)
    second = record_edit(first, 1, "why", "better draft", MORNING + timedelta(hours=3))
    third = record_edit(second, 1, "why", "final", MORNING + timedelta(hours=9))
    assert third.text == "final"
    assert third.versions == ()
    assert third.created_at == MORNING
    assert third.edited_at == MORNING + timedelta(hours=9)


def test_a_new_day_keeps_yesterdays_text_as_a_version() -> None:
    first = record_edit(None, 1, "why", "morning draft", MORNING)
    evening = record_edit(first, 1, "why", "evening text", MORNING + timedelta(hours=10))
    next_day = MORNING + timedelta(days=1)
    today = record_edit(evening, 1, "why", "a day later", next_day)
    later_today = record_edit(today, 1, "why", "a day later, edited", next_day + timedelta(hours=1))

    # Yesterday is kept as it stood at the end of the day, once.
    assert later_today.versions == (
        ReflectionVersion(MORNING + timedelta(hours=10), "evening text"),
    )
    assert later_today.text == "a day later, edited"
    assert later_today.created_at == MORNING


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
    assert [v.text for v in loaded.versions] == ["day one, last"]
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
