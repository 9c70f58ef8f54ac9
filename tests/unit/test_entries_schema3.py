"""Schema 3: several journal entries a day; older journals and exports still open and import."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from winback_tui.store import Journal, schema
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.export import export_json, export_markdown
from winback_tui.store.importer import import_export, read_export
from winback_tui.store.timeline import all_items

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
DAY = date(2026, 3, 1)

V2_ENTRY = {
    "day": "2026-03-01",
    "text": "Written by schema 2",
    "step": 1,
    "created": "2026-03-01T20:00:00+00:00",
    "edited": "2026-03-01T20:00:00+00:00",
    "versions": [],
}


def _v2_file(path: Path) -> bytes:
    data: dict[str, Any] = {
        "_meta": {"1": {"app": "winback", "schema": 2, "created": "2026-03-01T00:00:00+00:00"}},
        "entries": {"1": dict(V2_ENTRY)},
        "daily": {"1": {"day": "2026-03-01", "mood": 3, "confidence": None, "calm": None}},
    }
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    path.chmod(0o600)
    return raw


def test_a_schema_2_journal_opens_with_its_entry_as_the_days_first(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    raw = _v2_file(path)
    with Journal.open(path, clock=lambda: NOW) as journal:
        repo = EntriesRepo(journal)
        first = repo.on(DAY)
        assert first is not None and (first.text, first.mood, first.step) == (
            "Written by schema 2",
            3,
            1,
        )
        repo.add(DAY, "A second entry of that day")
        assert [e.text for e in repo.on_day(DAY)] == [
            "Written by schema 2",
            "A second entry of that day",
        ]
    assert (tmp_path / "journal.json.pre-migration").read_bytes() == raw
    on_disk = json.loads(path.read_bytes())
    assert on_disk["_meta"]["1"]["schema"] == schema.SCHEMA_VERSION == 3


def _export_of(tables: dict[str, list[dict[str, Any]]], version: int, path: Path) -> Path:
    document = {"app": "winback", "format": "winback-export", "schema": version}
    path.write_text(json.dumps({**document, "tables": tables}))
    return path


def test_a_schema_2_export_imports(tmp_path: Path) -> None:
    source = _export_of({"entries": [{"id": 1, "record": V2_ENTRY}]}, 2, tmp_path / "old.json")
    incoming = read_export(source, clock=lambda: NOW)
    with Journal.open(tmp_path / "new.json", clock=lambda: NOW) as journal:
        import_export(journal, incoming, merge=False)
        assert [e.text for e in EntriesRepo(journal).all()] == ["Written by schema 2"]
        assert json.loads(export_json(journal))["schema"] == 3


def test_a_merge_keeps_a_second_entry_of_a_day(tmp_path: Path) -> None:
    clock = [NOW]
    with Journal.open(tmp_path / "a.json", clock=lambda: clock[0]) as journal:
        repo = EntriesRepo(journal)
        repo.save_text(DAY, "morning, on the laptop")
        clock[0] += timedelta(hours=6)
        repo.add(DAY, "evening, on the laptop")
        (tmp_path / "a-export.json").write_bytes(export_json(journal))
    clock[0] = NOW + timedelta(hours=1)
    with Journal.open(tmp_path / "b.json", clock=lambda: clock[0]) as journal:
        EntriesRepo(journal).save_text(DAY, "noon, on the other machine")
        incoming = read_export(tmp_path / "a-export.json", clock=lambda: NOW)
        report = import_export(journal, incoming, merge=True)
        assert report.added.get("entries") == 2 and not report.conflicts
        texts = [e.text for e in EntriesRepo(journal).on_day(DAY)]
        assert texts == [
            "morning, on the laptop",
            "noon, on the other machine",
            "evening, on the laptop",
        ]
        # The same file again adds nothing: both are already there.
        again = import_export(journal, incoming, merge=True)
        assert again.added_total == 0 and again.present == 2


def test_each_entry_of_a_day_is_its_own_timeline_item_and_export_section(
    tmp_path: Path,
) -> None:
    clock = [NOW]
    with Journal.open(tmp_path / "j.json", clock=lambda: clock[0]) as journal:
        repo = EntriesRepo(journal)
        today = NOW.date()
        repo.add(today, "zqx first words")
        clock[0] += timedelta(hours=2)
        repo.add(today, "zqx second words")
        items = [i for i in all_items(journal) if "zqx" in i.text]
        assert sorted(i.text for i in items) == ["zqx first words", "zqx second words"]
        assert len({i.ref for i in items}) == 2
        markdown = export_markdown(journal, exported=clock[0])
        assert "zqx first words" in markdown and "zqx second words" in markdown
