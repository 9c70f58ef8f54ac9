"""Schema 2: one daily check-in on one 1-5 scale; older journals and exports convert."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from winback_tui.domain.daily import ten_to_five
from winback_tui.store import Journal
from winback_tui.store.daily import DailyRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.export import export_json
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.importer import import_export, read_export
from winback_tui.store.reconnect import MindsetRepo

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)

V1_TABLES = {
    "entries": {
        "1": {
            "day": "2026-03-01",
            "text": "A long walk",
            "mood": 2,
            "step": None,
            "created": "2026-03-01T20:00:00+00:00",
            "edited": "2026-03-01T20:00:00+00:00",
            "versions": [],
        }
    },
    "mindset": {
        "1": {"day": "2026-03-01", "positive": 4, "confident": 3, "calm": 2},
        "2": {"day": "2026-03-02", "positive": 5, "confident": 4, "calm": 4},
    },
    "confidence": {"1": {"day": "2026-03-01", "value": 9}, "2": {"day": "2026-03-03", "value": 7}},
}


@pytest.mark.parametrize(
    ("old", "new"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (9, 5), (10, 5)]
)
def test_ten_to_five_takes_each_pair_to_one_step(old: int, new: int) -> None:
    assert ten_to_five(old) == new


def _check(journal: Journal) -> None:
    daily = {c.day: c for c in DailyRepo(journal).all()}
    first, second, third = date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)
    # The journal's own mood wins the day's mood; Step 3's confidence wins over 1-10.
    assert (daily[first].mood, daily[first].confidence, daily[first].calm) == (2, 3, 2)
    assert (daily[second].mood, daily[second].confidence, daily[second].calm) == (5, 4, 4)
    assert (daily[third].mood, daily[third].confidence, daily[third].calm) == (None, 4, None)
    # Every screen's repository reads the one place.
    entry = EntriesRepo(journal).on(first)
    assert entry is not None and entry.mood == 2 and entry.text == "A long walk"
    assert [r.value for r in GoalsRepo(journal).ratings.all()] == [3, 4, 4]
    assert [m.day for m in MindsetRepo(journal).all()] == [first, second]


def test_an_old_journal_converts_on_open_and_keeps_the_old_values(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    data = {"_meta": {"1": {"app": "winback", "schema": 1, "created": NOW.isoformat()}}}
    data.update(json.loads(json.dumps(V1_TABLES)))
    path.write_text(json.dumps(data))
    with Journal.open(path, clock=lambda: NOW) as journal:
        _check(journal)
    on_disk = json.loads(path.read_text())
    assert "mindset" not in on_disk and "confidence" not in on_disk
    assert all("mood" not in doc for doc in on_disk["entries"].values())
    was = next(d for d in on_disk["daily"].values() if d["day"] == "2026-03-01")["was"]
    assert was == {
        "journal_mood": 2,
        "mindset_positive": 4,
        "mindset_confident": 3,
        "mindset_calm": 2,
        "confidence_of_10": 9,
    }
    assert path.with_name("journal.json.pre-migration").exists()
    with Journal.open(path, clock=lambda: NOW) as journal:  # and it reads back the same
        _check(journal)


def test_an_old_json_export_imports_converted(tmp_path: Path) -> None:
    source = tmp_path / "old-export.json"
    tables = {
        name: [{"id": int(i), "record": doc} for i, doc in docs.items()]
        for name, docs in V1_TABLES.items()
    }
    source.write_text(
        json.dumps({"app": "winback", "format": "winback-export", "schema": 1, "tables": tables})
    )
    incoming = read_export(source, clock=lambda: NOW)
    assert "daily" in incoming.tables and "mindset" not in incoming.tables
    with Journal.open(tmp_path / "new.json", clock=lambda: NOW) as journal:
        import_export(journal, incoming, merge=False)
        _check(journal)
        exported = json.loads(export_json(journal))
    assert exported["schema"] == 3 and "daily" in exported["tables"]


def test_the_new_scale_is_one_scale_everywhere(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.json", clock=lambda: NOW) as journal:
        day = NOW.date()
        EntriesRepo(journal).save_mood(day, 4)
        GoalsRepo(journal).ratings.rate(day, 5)
        checkin = DailyRepo(journal).on(day)
        assert checkin is not None and (checkin.mood, checkin.confidence) == (4, 5)
        with pytest.raises(ValueError):
            GoalsRepo(journal).ratings.rate(day, 7)
