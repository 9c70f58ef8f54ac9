"""The timeline's first page, read from a few chunks, is exactly the full timeline's first items.

Issue 20: the timeline must show within 300 ms on ten years of writing, and
the paged timeline must show the same items in the same order as the full
list. Journals here are made of many small chunks (4 documents each), with
records written out of order: imported old entries added last, entries edited
on later days, versions saved long after their day, several entries a day
spread over chunks, check-ins whose mood names an entry's title.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal, assessment, chunk_bounds, segments, storage
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.memo import per_revision
from winback_tui.store.records import Repo
from winback_tui.store.timeline import all_items
from winback_tui.store.timeline_page import newest_page

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import generate_journal

END = generate_journal.END


@pytest.fixture(autouse=True)
def small_chunks() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "CHUNK_DOCS", 4)
        yield


def _moment(days: int, hours: int) -> str:
    return (END - timedelta(days=days, hours=hours)).isoformat()


def _day(days: int) -> str:
    return (END - timedelta(days=days)).date().isoformat()


#: A raw journal entry: its day, then when it was made, last edited and its
#: versions saved, each as days back from the journal's end (any order).
entry_docs = st.lists(
    st.tuples(
        st.integers(0, 200),
        st.integers(-3, 3),
        st.integers(-200, 3),
        st.lists(st.integers(-200, 60), max_size=2),
        st.booleans(),
    ),
    max_size=30,
)
#: A raw daily check-in: its day back from the end, and a mood or none.
daily_docs = st.lists(st.tuples(st.integers(0, 200), st.none() | st.integers(1, 5)), max_size=15)


def _insert(journal: Journal, table: str, docs: list[dict[str, Any]]) -> None:
    raw = Repo(journal)
    raw.TABLE = table
    raw._insert_many(docs)


def _raw_entries(rows: list[tuple[int, int, int, list[int], bool]]) -> list[dict[str, Any]]:
    docs = []
    for day, made, edited, versions, blank in rows:
        docs.append(
            {
                "day": _day(day),
                "text": "" if blank else f"Imported words of day {day}, {made}.",
                "created": _moment(day + made, 2),
                "edited": _moment(min(day, day + edited), 1),
                "versions": [
                    {"saved": _moment(day + v, 3), "text": f"Earlier, {v}."} for v in versions
                ],
            }
        )
    return docs


def _journal(folder: Path, seed: int, entries: list[Any], daily: list[Any]) -> Path:
    path = generate_journal.generate(folder / "journal.json", records=400, seed=seed)
    with Journal.open(path, clock=lambda: END) as journal:
        _insert(journal, "entries", _raw_entries(entries))
        _insert(journal, "daily", [{"day": _day(d), "mood": m} for d, m in daily])
        EntriesRepo(journal).save_text(END.date(), "Written today, after the import.")
    return path


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    entries=entry_docs,
    daily=daily_docs,
    counts=st.lists(st.integers(1, 40), min_size=1, max_size=3),
)
def test_the_first_page_is_the_full_timelines_first_items(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    entries: list[Any],
    daily: list[Any],
    counts: list[int],
) -> None:
    path = _journal(tmp_path_factory.mktemp("page"), seed, entries, daily)
    with Journal.open(path, clock=lambda: END) as journal:
        assert journal._storage.read().chunk_count("entries") > 4
        # Holding their texts: a long one is otherwise read from its journal.
        full = [item.inline() for item in all_items(journal)]
    with Journal.open(path, clock=lambda: END) as journal:
        for count in counts:
            page = newest_page(journal, count)
            assert page is not None, "the bounds were saved with the journal"
            assert page == full[:count]


def test_the_page_reads_only_the_newest_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _journal(tmp_path, 3, [], [])
    read: list[str] = []
    real_read = segments.read

    def counted(path: Path, folder: str, table: str, info: Any) -> bytes:
        read.append(table)
        return real_read(path, folder, table, info)

    with Journal.open(path, clock=lambda: END) as journal:
        chunks = journal._storage.read().chunk_count("entries")
        assert chunks > 10
        monkeypatch.setattr(segments, "read", counted)
        page = newest_page(journal, 5)
        assert page is not None and len(page) == 5
        assert 0 < read.count("entries") <= 3, f"{read.count('entries')} of {chunks} chunks read"
        read.clear()
        all_items(journal)
        assert read.count("entries") == chunks


def test_the_page_reads_each_whole_table_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The openness checks are read whole (they share their table with step 1's
    # issues): however many gatherings the page takes, once, and kept for the full read.
    path = _journal(tmp_path, 3, [], [])
    read: list[str] = []
    parsed: list[int] = []
    real_read, real_check = segments.read, assessment.CheckReader.check

    def counted(path: Path, folder: str, table: str, info: Any) -> bytes:
        read.append(table)
        return real_read(path, folder, table, info)

    def checked(self: assessment.CheckReader, doc_id: int, doc: dict[str, Any]) -> Any:
        parsed.append(doc_id)
        return real_check(self, doc_id, doc)

    with Journal.open(path, clock=lambda: END) as journal:
        chunks = journal._storage.read().chunk_count(AssessmentRepo.TABLE)
        checks = len(AssessmentRepo(journal).openness_checks())
    assert chunks >= 2 and checks > 4
    with Journal.open(path, clock=lambda: END) as journal:
        monkeypatch.setattr(segments, "read", counted)
        monkeypatch.setattr(assessment.CheckReader, "check", checked)
        for count in (1, 60, 400):  # one gathering, or several
            assert newest_page(journal, count) is not None
        assert read.count(AssessmentRepo.TABLE) == chunks
        assert len(parsed) == checks
        all_items(journal)
        assert read.count(AssessmentRepo.TABLE) == chunks and len(parsed) == checks


def test_a_journal_saved_without_bounds_has_no_fast_page_until_read(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chunk_bounds, "encode", lambda bounds, vault: None)  # an older winback
        path = _journal(tmp_path, 5, [], [])
    assert b'"bounds"' not in path.read_bytes().split(b"\n", 1)[0]
    with Journal.open(path, clock=lambda: END) as journal:
        assert newest_page(journal, 5) is None
        full = all_items(journal)  # reads every chunk, and so learns their bounds
        assert newest_page(journal, 5) == full[:5]
        EntriesRepo(journal).save_text(END.date(), "Saved again: the bounds go with it.")
    with Journal.open(path, clock=lambda: END) as journal:
        assert newest_page(journal, 5) == all_items(journal)[:5]


def test_what_is_read_in_part_is_not_kept_as_the_whole(tmp_path: Path) -> None:
    path = _journal(tmp_path, 9, [], [])
    with Journal.open(path, clock=lambda: END) as journal:

        def count() -> int:
            return len(journal._documents("contacts"))

        whole = count()
        with journal._reading_chunks({"contacts": {0}}):
            assert per_revision(journal, "contacts counted", count) < whole
        assert per_revision(journal, "contacts counted", count) == whole
        # What is read whole meanwhile (another table) is kept as usual.
        with journal._reading_chunks({"contacts": {0}}):
            drafts = per_revision(
                journal, "drafts", lambda: len(journal._documents("drafts")), tables=("drafts",)
            )
        assert per_revision(journal, "drafts", lambda: -1, tables=("drafts",)) == drafts


def test_bounds_of_an_encrypted_journal_are_sealed(tmp_path: Path) -> None:
    from winback_tui.store.convert import encrypt_journal

    path = _journal(tmp_path, 11, [], [])
    vault, _code, _converted = encrypt_journal(path, "a passphrase for the test")
    with Journal.open(path, clock=lambda: END, vault=vault) as journal:
        EntriesRepo(journal).save_text(END.date(), "Saved once encrypted: its chunks move out.")
    head = path.read_bytes().split(b"\n", 1)[0]
    assert b'"bounds":"' in head  # one sealed string
    assert b"2025-" not in head and b"2026-" not in head
    with Journal.open(path, clock=lambda: END, vault=vault) as journal:
        page = newest_page(journal, 7)
        assert page is not None
        assert page == all_items(journal)[:7]


def test_a_chunk_without_any_day_is_always_read() -> None:
    assert chunk_bounds.of_docs({"1": {"text": "no day here"}}) == chunk_bounds.EVERYTHING
    assert chunk_bounds.latest(chunk_bounds.EVERYTHING) == datetime.max.replace(tzinfo=UTC)
    assert chunk_bounds.of_docs(
        {"1": {"day": "2024-05-01", "versions": [{"saved": "2024-06-02T01:00:00+14:00"}]}}
    ) == ("2024-05-01", "2024-06-02")
    # Forms Python also reads as days (an import may hold them) count too.
    assert chunk_bounds.of_docs({"1": {"day": "20240501"}, "2": {"at": "2024-W18-3T09:00"}}) == (
        "2024-05-01",
        "2024-05-01",
    )
    assert chunk_bounds.of_docs({"1": {"text": "3 things went well"}}) == chunk_bounds.EVERYTHING


def test_a_bound_covers_its_days_in_every_time_zone() -> None:
    bound = ("2024-05-01", "2024-05-03")
    west, east = timezone(timedelta(hours=-12)), timezone(timedelta(hours=14))
    for moment in (
        datetime(2024, 5, 3, 23, 59, 59, tzinfo=west),  # the last day's end, far west
        datetime(2024, 5, 3, 12, tzinfo=west),  # a day-only record's noon there
        datetime(2024, 5, 1, 0, 0, tzinfo=east),  # the first day's start, far east
    ):
        assert chunk_bounds.earliest(bound) <= moment <= chunk_bounds.latest(bound)
    assert chunk_bounds.holds_day(bound, "2024-05-02")
    assert not chunk_bounds.holds_day(bound, "2024-05-04")
