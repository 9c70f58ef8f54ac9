"""The journal's field index (store/field_index.py): exactly what a full scan finds."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal, JournalWriteError, storage
from winback_tui.store.records import Repo


class Notes(Repo):
    TABLE = "notes"


def _scan(journal: Journal, day: str) -> list[tuple[str, dict[str, Any]]]:
    return [(i, d) for i, d in journal._documents("notes") if d.get("day") == day]


DAYS = ["2026-01-01", "2026-01-02", "2026-01-03"]
_ops = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.sampled_from(DAYS), st.integers(1, 3)),
        st.tuples(st.just("move"), st.sampled_from(DAYS), st.integers(1, 30)),
        st.tuples(st.just("text"), st.sampled_from(DAYS), st.integers(1, 30)),
        st.tuples(st.just("remove"), st.sampled_from(DAYS), st.integers(1, 30)),
        st.tuples(st.just("fail"), st.sampled_from(DAYS), st.integers(1, 30)),
        st.tuples(st.just("reopen"), st.sampled_from(DAYS), st.just(0)),
        st.tuples(st.just("tinydb"), st.sampled_from(DAYS), st.integers(1, 30)),
    ),
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops)
def test_the_index_finds_exactly_what_a_full_scan_finds(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, ops: list[Any]
) -> None:
    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)  # several chunks, so chunked writes too
    path = tmp_path_factory.mktemp("index") / "journal.json"
    journal = Journal.open(path)
    try:
        for step, (op, day, arg) in enumerate(ops):
            repo = Notes(journal)
            if op == "insert":
                repo._insert_many([{"day": day, "n": step} for _ in range(arg)])
            elif op == "move":
                repo._update(arg, {"day": day})
            elif op == "text":
                repo._update(arg, {"text": f"t{step}"})
            elif op == "remove":
                repo._remove(arg)
            elif op == "fail":

                def refuse(*args: Any, **kwargs: Any) -> None:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

                monkeypatch.setattr("winback_tui.store.saving.atomic_write", refuse)
                with pytest.raises(JournalWriteError):
                    repo._update(arg, {"day": day}) if repo._get(arg) else repo._insert(
                        {"day": day}
                    )
                monkeypatch.undo()
                monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
            elif op == "tinydb":
                with journal._writing():
                    journal._table("notes").update({"day": day}, doc_ids=[arg])
            else:
                journal.close()
                journal = Journal.open(path)
            for look in DAYS:
                assert journal._matching("notes", "day", look) == _scan(journal, look)
    finally:
        journal.close()


def test_a_days_entry_is_found_without_reading_every_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        Notes(journal)._insert_many([{"day": f"2026-01-{n % 28 + 1:02d}"} for n in range(40)])
    with Journal.open(path) as journal:
        assert [i for i, _ in journal._matching("notes", "day", "2026-01-03")] == ["3", "31"]
        Notes(journal)._insert({"day": "2026-01-03"})
        tables = journal._storage.read()
        tables.release("notes")
        found = journal._matching("notes", "day", "2026-01-03")
        assert [i for i, _ in found] == ["3", "31", "41"]
        # Only the chunks holding those three were read after the release.
        assert sum(c.docs is not None for c in tables._chunked["notes"]) == 3
