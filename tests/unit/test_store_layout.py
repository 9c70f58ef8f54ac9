"""The journal file's indexed layout: tables read only when needed, damage never trusted."""

from __future__ import annotations

import errno
import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal, JournalError, layout
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.schema import decode
from winback_tui.store.storage import Tables, read_tables

DAY = date(2031, 3, 14)


def _journal(path: Path, entries: int = 3) -> None:
    with Journal.open(path) as journal:
        repo = EntriesRepo(journal)
        for number in range(entries):
            repo.save_text(
                date(2031, 1, 1) + timedelta(days=number), f"Entry {number}: שלום, café 😀"
            )
        journal.save_reflection(1, "why", "We stopped listening to each other.")
        journal.set_setting("theme", "nord")


def _tables(journal: Journal) -> Tables:
    return journal._storage.read()


def test_saved_journal_is_plain_json_with_one_table_per_line(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path)
    raw = path.read_bytes()
    whole = json.loads(raw)  # any JSON tool can still read the file
    index = whole.pop(layout.LAYOUT_KEY)
    names = [name for name, _length, _crc in index["tables"]]
    assert names == list(whole)
    assert {"_meta", "entries", "reflections", "settings"} <= set(names)
    lines = raw.split(b"\n")
    assert len(lines) == len(names) + 3  # index, one per table, "}", and the final ""
    with open(path, "rb") as handle:
        spans = layout.scan(handle.fileno(), len(raw))
    assert spans is not None and list(spans) == names


def test_opening_reads_only_the_tables_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path, entries=50)
    with Journal.open(path, today=DAY) as journal:
        before = EntriesRepo(journal).all()
    with Journal.open(path, today=DAY) as journal:
        tables = _tables(journal)
        assert not tables.is_parsed("entries")
        assert journal.get_setting("theme") == "nord"
        journal.save_reflection(1, "why", "Changed after a walk.")
        # The save copied the unread entries from the file without parsing them.
        assert not tables.is_parsed("entries")
        assert tables.is_parsed("reflections")
    with Journal.open(path, today=DAY) as journal:
        assert EntriesRepo(journal).all() == before
        found = journal.reflection(1, "why")
        assert found is not None and found.text == "Changed after a walk."


def test_an_older_single_line_file_opens_and_the_next_save_indexes_it(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path)
    whole = json.loads(path.read_bytes())
    del whole[layout.LAYOUT_KEY]
    path.write_bytes(json.dumps(whole).encode())  # as winback 0.1 wrote it
    with Journal.open(path) as journal:
        assert journal.get_setting("theme") == "nord"
        journal.set_setting("theme", "dark")
    assert path.read_bytes().startswith(b'{"_layout":')
    with Journal.open(path) as journal:
        assert journal.get_setting("theme") == "dark"
        assert len(EntriesRepo(journal).all()) == 3


def test_a_read_only_copy_keeps_reading_the_version_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path, entries=2)
    with Journal.open(path, today=DAY) as writer, Journal.open(path, today=DAY) as reader:
        assert reader.read_only and not writer.read_only
        EntriesRepo(writer).save_text(date(2031, 2, 1), "written after the reader opened")
        # The reader has not parsed its entries yet; the file was replaced since.
        texts = [entry.text for entry in EntriesRepo(reader).all()]
        assert len(texts) == 2
        assert "written after the reader opened" not in texts


def test_a_closed_journal_refuses_to_read_rather_than_showing_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path)
    journal = Journal.open(path, today=DAY)
    tables = _tables(journal)
    journal.close()
    with pytest.raises(RuntimeError, match="closed"):
        tables["entries"]


def test_an_index_with_impossible_numbers_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path)
    raw = path.read_bytes()
    first, rest = raw.split(b"\n", 1)
    length = first.split(b'["_meta",')[1].split(b",")[0]
    for bad in (b"1e999", b"-1", b"1.5", b'"72"', b"null"):
        path.write_bytes(first.replace(b'["_meta",' + length, b'["_meta",' + bad) + b"\n" + rest)
        with open(path, "rb") as handle:
            assert layout.scan(handle.fileno(), path.stat().st_size) is None


def _outcome(path: Path, read: object) -> object:
    """Every table as loaded by ``read``, or the kind of error it raised."""
    try:
        tables = read(path)  # type: ignore[operator]
        return {name: tables[name] for name in tables}
    except JournalError as exc:
        return type(exc)


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("model") / "journal.json"
    _journal(path)
    return path.read_bytes()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damage_anywhere_loads_exactly_what_a_full_parse_gives(
    tmp_path: Path, model_file: bytes, data: st.DataObject
) -> None:
    """A changed byte, a truncation or a NUL block never passes the index unnoticed.

    The indexed fast path must load exactly what parsing the whole file gives,
    or fail the same way: never older, partial or different data.
    """
    raw = bytearray(model_file)
    kind = data.draw(st.sampled_from(["byte", "truncate", "nul-block"]))
    position = data.draw(st.integers(0, len(raw) - 1))
    if kind == "byte":
        raw[position] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[position]))
    elif kind == "truncate":
        del raw[position:]
    else:
        end = min(len(raw), position + data.draw(st.integers(1, 64)))
        raw[position:end] = bytes(end - position)
    path = tmp_path / "damaged.json"
    path.write_bytes(bytes(raw))
    fast = _outcome(path, read_tables)
    full = _outcome(path, lambda p: decode(p, p.read_bytes()))
    assert fast == full
    if kind == "nul-block" or (kind == "truncate" and position < len(model_file) - 1):
        assert not isinstance(fast, dict)  # refused, not loaded


@pytest.mark.parametrize("kernel", ["refuses", "missing"])
def test_unchanged_tables_are_copied_by_hand_when_the_kernel_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel: str
) -> None:
    """A filesystem without copy_file_range between the files still gets every byte."""
    path = tmp_path / "journal.json"
    _journal(path, entries=40)
    with Journal.open(path, today=DAY) as journal:
        before = EntriesRepo(journal).all()
    if kernel == "missing":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    else:

        def refuse(*_args: object, **_kwargs: object) -> int:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

        monkeypatch.setattr(os, "copy_file_range", refuse)
    with Journal.open(path, today=DAY) as journal:
        journal.set_setting("theme", "light")  # entries are copied, not parsed
        assert not _tables(journal).is_parsed("entries")
    with Journal.open(path, today=DAY) as journal:
        assert EntriesRepo(journal).all() == before
        assert journal.get_setting("theme") == "light"
    with open(path, "rb") as handle:
        assert layout.scan(handle.fileno(), path.stat().st_size) is not None
