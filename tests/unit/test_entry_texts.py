"""Long entry texts stay in the journal until read (issue 20: memory follows the screen).

The timeline's items name a long journal entry (or an earlier version of one)
instead of holding its words; reading the item reads the words back from the
chunk that holds them. These tests check that what is read back is always
what the journal holds, that nothing read on the way stays in memory, and
that search still finds exactly what a full scan finds after an edit.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import Kind, StoredText, TimelineItem
from winback_tui.store import Journal, entry_texts, memo
from winback_tui.store.convert import encrypt_journal
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.timeline import all_items, gathered

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import generate_journal

LONG = "a long entry about the week, " * 40  # over entry_texts.STORED_AFTER


def _stored(items: list[TimelineItem]) -> list[TimelineItem]:
    return [item for item in items if isinstance(item._body, StoredText)]


def _entries_by_ref(journal: Journal) -> dict[str, str]:
    """What each journal-entry item's text must be, read through the repository."""
    found: dict[str, str] = {}
    for item in all_items(journal):
        if item.kind is Kind.JOURNAL_ENTRY:
            found[item.ref] = item.text
    return found


def test_long_texts_are_left_in_the_journal_and_read_back_exactly(tmp_path: Path) -> None:
    path = generate_journal.generate(tmp_path / "journal.json", records=3000, seed=3)
    with Journal.open(path) as journal:
        items = all_items(journal)
        stored = _stored(items)
        assert len(stored) > 100, "a generated journal has long entries"
        assert all(item.kind.name.startswith("JOURNAL_ENTRY") for item in stored)
        assert all(len(item.text.encode()) >= entry_texts.STORED_AFTER for item in stored)
        # Every entry's text and each earlier version, as the repository reads them.
        repo = EntriesRepo(journal)
        by_day: dict[date, list[str]] = {}
        for entry in repo.all():
            by_day.setdefault(entry.day, []).append(entry.text)
            by_day[entry.day] += [v.text for v in entry.versions]
        for item in stored:
            day = date.fromisoformat(item.ref.split(":")[1][:10])
            assert item.text in by_day[day]
        # Read in any order (not the order they were made in), still exact.
        for item in reversed(stored[::7]):
            assert item.inline().text == item.text
            assert item.first_line == item.inline().first_line


def test_nothing_read_for_the_timeline_stays_in_memory(tmp_path: Path) -> None:
    path = generate_journal.generate(tmp_path / "journal.json", records=3000, seed=5)
    with Journal.open(path) as journal:
        memo.forget(journal)
        tables = journal._storage.read()
        all_items(journal)
        held = {
            name: sum(chunk.docs is not None for chunk in chunks)
            for name, chunks in tables._chunked.items()
        }
        assert sum(held.values()) == 0, held
        assert not memo._KEPT.get(journal), "no answer computed while passing through is kept"
        # Chunks held before (the user read them) are not let go of.
        EntriesRepo(journal).all()
        before = sum(c.docs is not None for c in tables._chunked["entries"])
        assert before > 0
        all_items(journal)
        assert sum(c.docs is not None for c in tables._chunked["entries"]) == before


def _journal_with(path: Path, texts: dict[date, str]) -> None:
    with Journal.open(path) as journal:
        repo = EntriesRepo(journal)
        for day, text in texts.items():
            repo.save_text(day, text)


@pytest.mark.parametrize("encrypted", [False, True])
def test_an_edit_is_read_back_and_found_by_search(tmp_path: Path, encrypted: bool) -> None:
    path = tmp_path / "journal.json"
    first = date(2024, 1, 1).toordinal()
    texts = {date.fromordinal(first + n): f"{LONG} day {n} walrus{n % 3}" for n in range(600)}
    _journal_with(path, texts)
    vault = None
    if encrypted:
        vault, _code, _converted = encrypt_journal(path, "correct horse battery")
    with Journal.open(path, vault=vault) as journal:
        # A table converted whole is kept in chunks again from its next save.
        EntriesRepo(journal).save_text(date(2030, 1, 1), "a short one")
        assert journal._storage.read().chunk_count("entries") > 1
        before = all_items(journal)
        index = SearchIndex(before)
        target = date(2024, 3, 1)
        (item,) = [i for i in before if i.ref == f"journal-entry:{target.isoformat()}"]
        assert isinstance(item._body, StoredText)
        old_text = item.text
        assert "walrus" in old_text
        EntriesRepo(journal).save_text(target, f"{LONG} now about a narwhal instead")
        after = all_items(journal)
        (new,) = [i for i in after if i.ref == item.ref]
        assert "narwhal" in new.text and "walrus" not in new.text
        assert new != item, "the edited entry is not the same item any more"
        # The index folds the edited entry again (reused for the rest).
        again = SearchIndex(after, reuse=index)
        found = [i.ref for i in again.search("narwhal")]
        assert found == [item.ref]
        gone = {i.ref for i in again.search(old_text.split()[-1])}
        assert item.ref not in gone
        scan = {i.ref for i in after if old_text.split()[-1] in i.text.lower()}
        assert gone == scan


def test_an_export_reads_every_text_with_its_item(tmp_path: Path) -> None:
    path = generate_journal.generate(tmp_path / "journal.json", records=1500, seed=8)
    with Journal.open(path) as journal:
        inline = gathered(journal, inline=True)
        left = gathered(journal)
        assert _stored(left) and not _stored(inline)
        assert [i.inline() for i in left] == inline


def test_a_text_that_cannot_be_read_back_says_so_and_changes_nothing(tmp_path: Path) -> None:
    path = generate_journal.generate(tmp_path / "journal.json", records=1500, seed=9)
    with Journal.open(path) as journal:
        stored = _stored(all_items(journal))
        first = stored[0].text
        before = {p.name: p.read_bytes() for p in (tmp_path / "journal.json.d").iterdir()}
        # Another winback's save removed the chunk files this copy would read.
        for chunk in (tmp_path / "journal.json.d").iterdir():
            chunk.rename(tmp_path / chunk.name)
        far = stored[-1]  # an old entry, in a chunk not read yet
        assert far.text == entry_texts.UNREADABLE
        assert far.first_line.startswith("(winback could not read these words")
        assert stored[0].text == first  # what was read before is still there
        for name, data in before.items():
            assert (tmp_path / name).read_bytes() == data
