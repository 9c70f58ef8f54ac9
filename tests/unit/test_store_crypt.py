"""Encryption at rest: round trip, per-table sealing, wrong passphrase versus damage."""

from __future__ import annotations

import base64
import json
import os
import zlib
from datetime import date
from pathlib import Path

import pytest

from winback_tui.store import Journal, JournalCorruptError, JournalWriteError, layout
from winback_tui.store.convert import change_passphrase, decrypt_journal, encrypt_journal
from winback_tui.store.crypt import (
    CRYPT_TABLE,
    NONCE_BYTES,
    JournalEncryptedError,
    Vault,
    WrongPassphraseError,
)

PASS = "correct horse battery"


def _lines(path: Path) -> dict[str, bytes]:
    """Each table's line (its bytes in the file), by name."""
    raw = path.read_bytes()
    entries = layout.read_index(raw)
    assert entries is not None
    spans, _ = layout.spans_for(entries)
    return {name: raw[s.offset : s.offset + s.length] for name, s in spans.items()}


def _open(path: Path, passphrase: str = PASS) -> Journal:
    """Open as the command line does: the header first, then the journal with its key."""
    header = Journal.encryption(path)
    vault = header.unlock(path, passphrase) if header is not None else None
    return Journal.open(path, vault=vault)


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "we stopped talking")
        journal.set_setting("theme", "nord")
    encrypt_journal(path, PASS)
    return path


def test_round_trip_with_the_passphrase(encrypted: Path) -> None:
    with _open(encrypted) as journal:
        assert journal.encrypted
        reflection = journal.reflection(1, "why")
        assert reflection is not None and reflection.text == "we stopped talking"
        journal.save_reflection(2, "goal", "run twice a week ✓ é")
    with _open(encrypted) as journal:
        again = journal.reflection(2, "goal")
        assert again is not None and again.text == "run twice a week ✓ é"
    assert b"stopped talking" not in encrypted.read_bytes()


def test_an_encrypted_journal_does_not_open_without_its_key(encrypted: Path) -> None:
    with pytest.raises(JournalEncryptedError):
        Journal.open(encrypted)


def test_only_the_changed_table_is_sealed_again(encrypted: Path) -> None:
    before = _lines(encrypted)
    with _open(encrypted) as journal:
        journal.set_setting("theme", "gruvbox")
    after = _lines(encrypted)
    assert after["settings"] != before["settings"]
    for name in (CRYPT_TABLE, "_meta", "reflections"):
        assert after[name] == before[name], name


def _nonces(path: Path) -> list[bytes]:
    found = []
    for name, line in _lines(path).items():
        if name == CRYPT_TABLE:
            continue
        for chunk in json.loads(line):
            found.append(base64.b64decode(chunk)[:NONCE_BYTES])
    return found


def test_no_nonce_is_used_twice_across_saves(encrypted: Path) -> None:
    seen = set(_nonces(encrypted))
    with _open(encrypted) as journal:
        for number in range(30):
            journal.set_setting("theme", f"t{number % 2}")  # same text, new nonce
            nonce = base64.b64decode(json.loads(_lines(encrypted)["settings"])[0])[:NONCE_BYTES]
            assert nonce not in seen
            seen.add(nonce)


def test_wrong_passphrase_is_not_damage(encrypted: Path) -> None:
    header = Journal.encryption(encrypted)
    assert header is not None
    with pytest.raises(WrongPassphraseError):
        header.unlock(encrypted, "not it")
    with pytest.raises(WrongPassphraseError):
        header.recover(encrypted, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")


def _flip(path: Path, offset: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("part", ["index", "header", "wrap", "_meta", "reflections", "settings"])
def test_a_flipped_byte_anywhere_is_damage_not_a_wrong_passphrase(
    encrypted: Path, part: str
) -> None:
    raw = encrypted.read_bytes()
    entries = layout.read_index(raw)
    assert entries is not None
    spans, _ = layout.spans_for(entries)
    if part == "index":
        offset = 20
    elif part == "header":
        offset = spans[CRYPT_TABLE].offset + 10
    elif part == "wrap":
        offset = raw.index(b'"key":"', spans[CRYPT_TABLE].offset) + 10
    else:
        offset = spans[part].offset + spans[part].length // 2
    _flip(encrypted, offset)
    before = encrypted.read_bytes()
    with pytest.raises(JournalCorruptError) as caught:
        _open(encrypted)
    assert "accept-edit" not in caught.value.message  # nobody edits ciphertext by hand
    assert not isinstance(caught.value, WrongPassphraseError)
    assert encrypted.read_bytes() == before  # refused untouched


def test_a_table_that_does_not_authenticate_is_damage(encrypted: Path) -> None:
    # A table sealed under another key, with the index made to match: the CRCs
    # pass, the passphrase is right, the table must still be refused as damaged.
    lines = _lines(encrypted)
    other, _code = Vault.create("x")
    lines["reflections"] = other.seal("reflections", {"1": {"text": "forged"}})
    encrypted.write_bytes(layout.join_file(lines))
    with pytest.raises(JournalCorruptError, match="does not authenticate"), _open(encrypted) as j:
        j.reflections()


def test_a_damaged_encrypted_journal_names_the_newest_good_backup(encrypted: Path) -> None:
    with _open(encrypted):
        pass  # rotates today's backup
    _flip(encrypted, _lines_offset(encrypted, "reflections"))
    with pytest.raises(JournalCorruptError) as caught:
        Journal.encryption(encrypted)
    assert caught.value.backup == encrypted.with_name("journal.json.backup-1")


def _lines_offset(path: Path, name: str) -> int:
    raw = path.read_bytes()
    entries = layout.read_index(raw)
    assert entries is not None
    spans, _ = layout.spans_for(entries)
    return spans[name].offset + 5


def test_passphrase_change_keeps_the_data_key_and_only_rewraps(encrypted: Path) -> None:
    before = _lines(encrypted)
    header = Journal.encryption(encrypted)
    assert header is not None
    vault = header.unlock(encrypted, PASS)
    change_passphrase(encrypted, vault, "new one")
    after = _lines(encrypted)
    assert after[CRYPT_TABLE] != before[CRYPT_TABLE]
    assert {n: b for n, b in after.items() if n != CRYPT_TABLE} == {
        n: b for n, b in before.items() if n != CRYPT_TABLE
    }
    new_header = Journal.encryption(encrypted)
    assert new_header is not None
    with pytest.raises(WrongPassphraseError):
        new_header.unlock(encrypted, PASS)
    assert new_header.unlock(encrypted, "new one").same_key(vault)


def test_the_recovery_code_sets_a_new_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "kept")
    _vault, code, _ = encrypt_journal(path, "forgotten")
    header = Journal.encryption(path)
    assert header is not None
    # Typed in lower case, with spaces and a zero for an O: still the code.
    typed = code.lower().replace("-", " ").replace("o", "0")
    change_passphrase(path, header.recover(path, typed), "remembered")
    with _open(path, "remembered") as journal:
        kept = journal.reflection(1, "why")
        assert kept is not None and kept.text == "kept"


def test_a_crash_in_the_middle_of_a_save_leaves_a_journal_that_opens(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _open(encrypted)
    real_fsync = os.fsync

    def dies(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", dies)
    with pytest.raises(JournalWriteError):
        journal.save_reflection(1, "why", "half written")
    monkeypatch.setattr(os, "fsync", real_fsync)
    journal.close()
    with _open(encrypted) as again:
        kept = again.reflection(1, "why")
        assert kept is not None and kept.text == "we stopped talking"


def test_decrypt_gives_back_the_plain_journal_and_its_backups(encrypted: Path) -> None:
    with _open(encrypted):
        pass
    backup = encrypted.with_name("journal.json.backup-1")
    assert backup.exists()
    header = Journal.encryption(encrypted)
    assert header is not None
    done = decrypt_journal(encrypted, header.unlock(encrypted, PASS))
    assert done.copies == [backup]
    assert Journal.encryption(encrypted) is None
    assert b"we stopped talking" in encrypted.read_bytes()
    with Journal.open(encrypted, today=date(2030, 1, 1)) as journal:
        assert not journal.encrypted


def test_encrypt_seals_the_plain_backups_and_keeps_their_day(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "old plain words")
    with Journal.open(path, today=date(2030, 1, 2)):
        pass
    backups = sorted(tmp_path.glob("journal.json.backup-*"))
    days = [b.stat().st_mtime for b in backups]
    _vault, _code, done = encrypt_journal(path, PASS)
    assert sorted(done.copies) == backups
    assert [b.stat().st_mtime for b in backups] == days
    for copy in backups:
        assert b"old plain words" not in copy.read_bytes()
        assert zlib.crc32(copy.read_bytes()) != 0


def _plaintext_of(vault: Vault, name: str, line: bytes) -> bytes:
    """Open one table's sealed chunk by hand: what the cipher protects."""
    raw = base64.b64decode(json.loads(line)[0])
    aad = vault._aad(name, 0, True)
    plain: bytes = vault._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad)
    return plain


def test_a_table_is_compressed_before_it_is_sealed(tmp_path: Path) -> None:
    vault, _code = Vault.create(PASS, recovery=False)
    table = {str(n): {"text": "the same evening walk again " * 20} for n in range(50)}
    line = vault.seal("entries", table)
    plain = _plaintext_of(vault, "entries", line)
    assert plain[:1] == b"\x01"
    assert json.loads(zlib.decompress(plain[1:])) == table
    # Far smaller than its JSON: a save writes (and copies) fewer bytes.
    assert len(line) < len(layout.encode_body(table)) / 4
    assert vault.open(tmp_path / "j.json", "entries", line) == table


def test_a_table_sealed_without_compression_still_opens(tmp_path: Path) -> None:
    vault, _code = Vault.create(PASS, recovery=False)
    table = {"1": {"text": "written before tables were compressed"}}
    nonce = os.urandom(NONCE_BYTES)
    sealed = vault._aead.encrypt(nonce, layout.encode_body(table), vault._aad("entries", 0, True))
    line = b'["' + base64.b64encode(nonce + sealed) + b'"]'
    assert vault.open(tmp_path / "j.json", "entries", line) == table


def test_a_compressed_chunk_that_does_not_inflate_is_damage(tmp_path: Path) -> None:
    vault, _code = Vault.create(PASS, recovery=False)
    nonce = os.urandom(NONCE_BYTES)
    bad = b"\x01" + b"not zlib at all"
    sealed = vault._aead.encrypt(nonce, bad, vault._aad("entries", 0, True))
    line = b'["' + base64.b64encode(nonce + sealed) + b'"]'
    with pytest.raises(JournalCorruptError):
        vault.open(tmp_path / "j.json", "entries", line)
