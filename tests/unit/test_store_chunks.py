"""Large tables kept in chunks: plain and encrypted, only the changed chunk written again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal, layout, storage
from winback_tui.store.crypt import Vault
from winback_tui.store.errors import JournalCorruptError
from winback_tui.store.records import Repo
from winback_tui.store.schema import new_journal

#: One key for the whole module: Argon2id takes a noticeable moment.
VAULT, _CODE = Vault.create("chunk test passphrase", recovery=False)


class Notes(Repo):
    TABLE = "notes"


def _open(path: Path, encrypted: bool) -> Journal:
    return Journal.open(path, vault=VAULT if encrypted else None)


def _chunks(path: Path) -> list[layout.SegmentInfo]:
    """The segment files of the table ``notes`` (layout format 3)."""
    found = layout.read_segmented(path.read_bytes())
    return list(found.tables.get("notes", [])) if found is not None else []


def _segment(path: Path, info: layout.SegmentInfo) -> Path:
    return path.parent / "journal.json.d" / info[4]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
    return 4


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_large_table_round_trips_in_chunks(
    tmp_path: Path, small_chunks: int, encrypted: bool
) -> None:
    path = tmp_path / "journal.json"
    docs = [{"text": f"note {n} ☕"} for n in range(30)]
    with _open(path, encrypted) as journal:
        ids = Notes(journal)._insert_many(docs)
    assert ids == list(range(1, 31))
    assert len(_chunks(path)) == 8  # 30 documents, 4 a chunk
    assert [info[2:4] for info in _chunks(path)] == [(1 + 4 * n, 4) for n in range(7)] + [(29, 2)]
    fifth = _segment(path, _chunks(path)[4]).read_bytes()
    if not encrypted:
        # The members of one JSON object, as the chunk would be inline.
        assert json.loads(b"{" + fifth + b"}")["17"] == {"text": "note 16 ☕"}
    else:
        assert b"note 16" not in fifth
    assert b"note 16" not in path.read_bytes()  # the journal file names its segments only
    with _open(path, encrypted) as journal:
        tables = journal._storage.read()
        assert tables.doc("notes", "22") == {"text": "note 21 ☕"}
        # Reading one document reads only its chunk.
        assert sum(c.docs is not None for c in tables._chunked["notes"]) == 1
        assert [doc for _, doc in Notes(journal)._all()] == docs


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_save_writes_only_the_changed_chunk_again(
    tmp_path: Path, small_chunks: int, encrypted: bool
) -> None:
    path = tmp_path / "journal.json"
    with _open(path, encrypted) as journal:
        Notes(journal)._insert_many([{"text": f"note {n}"} for n in range(30)])
    before = _chunks(path)
    with _open(path, encrypted) as journal:
        Notes(journal)._update(10, {"text": "changed"})
        # The other chunks were copied as they lay in the file, never read.
        assert sum(c.docs is not None for c in journal._storage.read()._chunked["notes"]) == 1
    after = _chunks(path)
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [2]  # ids 9-12
    # One new segment file, and the one it replaced is gone.
    assert sorted(p.name for p in (tmp_path / "journal.json.d").iterdir()) == sorted(
        info[4] for info in after
    )
    with _open(path, encrypted) as journal:
        assert Notes(journal)._get(10) == {"text": "changed"}
        assert Notes(journal)._get(11) == {"text": "note 10"}


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_damaged_chunk_is_reported_as_damage(
    tmp_path: Path, small_chunks: int, encrypted: bool
) -> None:
    path = tmp_path / "journal.json"
    with _open(path, encrypted) as journal:
        Notes(journal)._insert_many([{"text": f"note {n}"} for n in range(30)])
    fourth = _segment(path, _chunks(path)[3])
    raw = bytearray(fourth.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    fourth.write_bytes(bytes(raw))
    with pytest.raises(JournalCorruptError, match="notes"):
        _open(path, encrypted)


def test_an_old_single_chunk_file_opens_and_is_chunked_on_its_next_change(
    tmp_path: Path, small_chunks: int
) -> None:
    path = tmp_path / "journal.json"
    data: dict[str, Any] = new_journal()
    data["notes"] = {str(n): {"text": f"note {n}"} for n in range(1, 21)}
    path.write_bytes(layout.encode_file(data))  # format 1, as winback wrote it before
    path.chmod(0o600)
    with Journal.open(path) as journal:
        assert len(Notes(journal)._all()) == 20
        Notes(journal)._insert({"text": "new"})
    assert len(_chunks(path)) == 6
    with Journal.open(path) as journal:
        assert Notes(journal)._get(21) == {"text": "new"}
        assert Notes(journal)._get(1) == {"text": "note 1"}


_ops = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 6)),
        st.tuples(st.just("update"), st.integers(1, 40)),
        st.tuples(st.just("remove"), st.integers(1, 40)),
        st.tuples(st.just("reopen"), st.just(0)),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_ops, encrypted=st.booleans())
def test_chunked_tables_behave_like_one_table(
    tmp_path_factory: pytest.TempPathFactory,
    small_chunks: int,
    ops: list[tuple[str, int]],
    encrypted: bool,
) -> None:
    """Any mix of inserts, updates, removes and reopenings reads back like a plain dict."""
    path = tmp_path_factory.mktemp("chunks") / "journal.json"
    model: dict[int, dict[str, Any]] = {}
    journal = _open(path, encrypted)
    try:
        for step, (op, arg) in enumerate(ops):
            repo = Notes(journal)
            if op == "insert":
                docs = [{"n": step, "i": i} for i in range(arg)]
                ids = repo._insert_many(docs) if docs else []
                expected = max(model, default=0) + 1
                assert ids == list(range(expected, expected + len(docs)))
                model.update(zip(ids, docs, strict=True))
            elif op == "update":
                repo._update(arg, {"u": step})
                if arg in model:
                    model[arg] = {**model[arg], "u": step}
            elif op == "remove":
                repo._remove(arg)
                model.pop(arg, None)
            else:
                journal.close()
                journal = _open(path, encrypted)
            assert dict(Notes(journal)._all()) == model
        journal.close()
        journal = _open(path, encrypted)
        assert list(Notes(journal)._all()) == sorted(model.items())
    finally:
        journal.close()


def test_an_encrypted_journal_of_uncompressed_chunks_still_opens(tmp_path: Path) -> None:
    """Chunks as the first encrypted format sealed them (JSON, not compressed) still read."""
    import base64
    import os

    from winback_tui.store.crypt import CRYPT_TABLE, NONCE_BYTES

    def old_seal(name: str, table: dict[str, Any]) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = VAULT._aead.encrypt(nonce, layout.encode_body(table), VAULT._aad(name, 0, True))
        return b'["' + base64.b64encode(nonce + sealed) + b'"]'

    data: dict[str, Any] = new_journal()
    data["notes"] = {"1": {"text": "written before compression"}}
    bodies = {CRYPT_TABLE: VAULT.header_body()}
    bodies.update({name: old_seal(name, table) for name, table in data.items()})
    path = tmp_path / "journal.json"
    path.write_bytes(layout.join_file(bodies))
    path.chmod(0o600)
    with Journal.open(path, vault=VAULT) as journal:
        assert Notes(journal)._get(1) == {"text": "written before compression"}
