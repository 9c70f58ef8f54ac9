"""The search index kept beside the journal (issue 20: built once, updated on save,
rebuilt if missing), plain or sealed with the journal (the encryption issue).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from winback_tui.store import Journal, search_file
from winback_tui.store.convert import decrypt_journal, encrypt_journal
from winback_tui.store.crypt import Vault
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.search_file import index_for, path_of
from winback_tui.store.timeline import packed_items

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
import generate_journal

PASS = "a passphrase for the index"
#: A word the generated journal never holds, written by the test.
WORD = "quokkaesque"


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return generate_journal.generate(tmp_path / "journal.json", records=1200, seed=5)


def _scan(journal: Journal, word: str) -> list[str]:
    return [item.ref for item in packed_items(journal) if word in item.text.lower()]


def _index(journal: Journal) -> tuple[int, list[str]]:
    """How many items the index folded, and what it finds of :data:`WORD`."""
    index = index_for(journal, packed_items(journal))
    return index.folded, [item.ref for item in index.search(WORD)]


def test_the_index_is_built_once_saved_and_read_back_in_a_later_run(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        EntriesRepo(journal).save_text(date(2031, 5, 1), f"a {WORD} day")
        count = len(packed_items(journal))
        folded, found = _index(journal)
        assert folded == count  # nothing saved yet: all of it folded
        assert found == _scan(journal, WORD) != []
    assert path_of(journal_path).is_file()
    assert os.stat(path_of(journal_path)).st_mode & 0o777 == 0o600
    with Journal.open(journal_path) as journal:  # a later run
        assert _index(journal) == (0, _scan(journal, WORD))


def test_a_save_refolds_only_what_it_changed(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        _index(journal)
        EntriesRepo(journal).save_text(date(2031, 5, 1), f"now {WORD}")
        EntriesRepo(journal).save_text(date(2031, 5, 2), "another day")
    with Journal.open(journal_path) as journal:
        folded, found = _index(journal)
        assert folded == 2
        assert found == _scan(journal, WORD) == ["journal-entry:2031-05-01"]
        # The edit is kept: the next run folds nothing.
        assert _index(journal)[0] == 0


DAMAGE: list[tuple[str, Callable[[Path], None]]] = [
    ("missing", lambda path: path.unlink()),
    ("empty", lambda path: path.write_bytes(b"")),
    ("cut", lambda path: path.write_bytes(path.read_bytes()[:100])),
    (
        "flipped",
        lambda path: path.write_bytes(
            (raw := path.read_bytes())[:-50] + bytes([raw[-50] ^ 1]) + raw[-49:]
        ),
    ),
    ("foreign", lambda path: path.write_bytes("{'a journal?': '😀 שלום'}".encode())),
    ("binary", lambda path: path.write_bytes(bytes(range(256)) * 40)),
    ("folder", lambda path: (path.unlink(), path.mkdir())),
    ("link", lambda path: (path.unlink(), path.symlink_to(path.parent / "elsewhere"))),
]


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
@pytest.mark.parametrize(("name", "damage"), DAMAGE, ids=[name for name, _ in DAMAGE])
def test_a_missing_damaged_or_foreign_index_is_built_anew(
    journal_path: Path, name: str, damage: Callable[[Path], None], encrypted: bool
) -> None:
    vault = encrypt_journal(journal_path, PASS)[0] if encrypted else None
    with Journal.open(journal_path, vault=vault) as journal:
        EntriesRepo(journal).save_text(date(2031, 5, 1), f"a {WORD} day")
        _index(journal)
    damage(path_of(journal_path))
    with Journal.open(journal_path, vault=vault) as journal:
        folded, found = _index(journal)
        assert folded == len(packed_items(journal))  # built anew, not refused
        assert found == _scan(journal, WORD) != []
    if name not in ("folder", "link"):
        # Written again, and read back in the next run.
        with Journal.open(journal_path, vault=vault) as journal:
            assert _index(journal)[0] == 0


def test_an_encrypted_journals_index_holds_no_word_in_the_clear(journal_path: Path) -> None:
    vault, _code, _done = encrypt_journal(journal_path, PASS)
    with Journal.open(journal_path, vault=vault) as journal:
        EntriesRepo(journal).save_text(date(2031, 5, 1), f"a {WORD} day")
        _index(journal)
    raw = path_of(journal_path).read_bytes()
    assert WORD.encode() not in raw and b"sealed" in raw.splitlines()[1]
    # Another journal's key does not open it: built anew.
    other, _ = Vault.create("another journal", recovery=False)
    with Journal.open(journal_path, vault=vault) as journal:
        assert search_file.read(journal) is not None
        journal._storage.vault = other.for_header(other.header)
        assert search_file.read(journal) is None
        journal._storage.vault = vault


def test_encrypting_removes_the_plain_index_and_decrypting_the_sealed_one(
    journal_path: Path,
) -> None:
    with Journal.open(journal_path) as journal:
        _index(journal)
    assert path_of(journal_path).exists()
    vault, _code, _done = encrypt_journal(journal_path, PASS)
    assert not path_of(journal_path).exists()
    with Journal.open(journal_path, vault=vault) as journal:
        _index(journal)
    assert path_of(journal_path).exists()
    decrypt_journal(journal_path, vault)
    assert not path_of(journal_path).exists()


def test_a_plain_index_beside_an_encrypted_journal_is_removed_when_seen(
    journal_path: Path,
) -> None:
    with Journal.open(journal_path) as journal:
        EntriesRepo(journal).save_text(date(2031, 5, 1), f"a {WORD} day")
        _index(journal)
    plain = path_of(journal_path).read_bytes()
    vault, _code, _done = encrypt_journal(journal_path, PASS)
    path_of(journal_path).write_bytes(plain)  # a copy put back by hand, say
    with Journal.open(journal_path, vault=vault) as journal:
        assert search_file.read(journal) is None
        assert not path_of(journal_path).exists()


def test_a_read_only_copy_reads_the_index_but_never_writes_it(journal_path: Path) -> None:
    with Journal.open(journal_path) as writer, Journal.open(journal_path) as reader:
        assert reader.read_only
        assert _index(reader)[0] == len(packed_items(reader))
        assert not path_of(journal_path).exists()
        _index(writer)
        assert path_of(journal_path).exists()
        assert _index(reader)[0] == 0  # what the writer saved serves it too
