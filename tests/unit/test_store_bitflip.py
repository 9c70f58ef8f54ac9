"""A journal whose bytes disagree with its own index is refused, untouched.

Before, a file that failed its CRC index was parsed in full and, if still valid
JSON, loaded as if nothing had happened: 31 of 50 random single-bit flips loaded
with changed text ("sad" read as "cad"), and the next save wrote a fresh index
over the damage.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal, JournalError, JournalMismatchError
from winback_tui.store.schema import decode

DAY = date(2031, 3, 14)
SAD = "I feel sad today, and that is all right."


def _model(folder: Path) -> tuple[Path, bytes]:
    path = folder / "model" / "journal.json"
    with Journal.open(path, today=DAY) as journal:
        journal.save_reflection(1, "why", SAD)
        journal.save_reflection(2, "plan", "walk every morning – café after")
        journal.set_setting("theme", "nord")
    return path, path.read_bytes()


_MODEL_DIR = Path(tempfile.mkdtemp(prefix="winback-bitflip-"))
MODEL_PATH, MODEL = _model(_MODEL_DIR)
MODEL_DATA = decode(MODEL_PATH, MODEL)


def _tables_of(journal: Journal) -> dict[str, object]:
    tables = journal._storage.read()
    return {name: tables[name] for name in tables}


@settings(max_examples=300, deadline=None)
@given(bit=st.integers(min_value=0, max_value=len(MODEL) * 8 - 1))
def test_a_flipped_bit_is_refused_or_changes_nothing(bit: int) -> None:
    flipped = bytearray(MODEL)
    flipped[bit // 8] ^= 1 << (bit % 8)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        path.write_bytes(bytes(flipped))
        try:
            journal = Journal.open(path, today=DAY)
        except JournalError:
            assert path.read_bytes() == flipped, "a refused journal was changed"
            return
        with journal:
            assert _tables_of(journal) == MODEL_DATA, "a damaged journal loaded changed text"


def _hand_edit(path: Path) -> bytes:
    raw = path.read_bytes()
    edited = raw.replace(b"I feel sad today", b"I feel cad today")
    assert edited != raw
    path.write_bytes(edited)
    return edited


def test_the_refusal_names_the_tables_that_differ(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(MODEL)
    edited = _hand_edit(path)
    with pytest.raises(JournalMismatchError) as caught:
        Journal.open(path, today=DAY)
    error = caught.value
    assert error.tables == ["reflections"]
    assert "'reflections'" in error.message and "'settings'" not in error.message
    assert f"winback accept-edit --db {path}" in error.message
    assert path.read_bytes() == edited
    assert not list(tmp_path.glob("journal.json.backup-*")), "a damaged file was backed up"


def test_damage_that_breaks_the_json_names_its_table_too(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    damaged = MODEL.replace(b'"text":"I feel', b'"text":#I feel')
    path.write_bytes(damaged)
    with pytest.raises(JournalError, match="'reflections'"):
        Journal.open(path, today=DAY)
    assert path.read_bytes() == damaged


def test_a_journal_without_an_index_still_loads(tmp_path: Path) -> None:
    # winback 0.1 wrote plain TinyDB JSON, with no index line.
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(MODEL_DATA), encoding="utf-8")
    with Journal.open(path, today=DAY) as journal:
        found = journal.reflection(1, "why")
        assert found is not None and found.text == SAD
