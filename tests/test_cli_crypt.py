"""``winback encrypt``, ``passphrase`` (and ``--recover``), ``decrypt``, encrypted export/import.

Passphrases come from ``--passphrase-file`` (for scripts and tests only); the
no-plaintext test plants one word in every kind of record and looks for it in
every file of the journal's folder after everything that writes there.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.test_cli import Run, assert_user_error, home, run  # noqa: F401 (fixtures)
from winback_tui import cli
from winback_tui.crash import safe_report
from winback_tui.store import Journal, JournalCorruptError, schema
from winback_tui.store import backup as backups
from winback_tui.store.crypt import JournalEncryptedError, Vault

MARKER = "zqxvwmarker"


def _secret(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text + "\n")
    path.chmod(0o600)
    return path


def _code(stdout: str) -> str:
    found = re.search(r"\b([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})\b", stdout)
    assert found, stdout
    return found.group(1)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "j" / "journal.json"
    with Journal.open(path) as j:
        j.save_reflection(1, "why", "we stopped listening")
    return path


def _text_of(path: Path, passphrase: str) -> str:
    header = Journal.encryption(path)
    vault = header.unlock(path, passphrase) if header is not None else None
    with Journal.open(path, vault=vault) as j:
        found = j.reflection(1, "why")
        assert found is not None
        return found.text


def test_encrypt_change_recover_decrypt(run: Run, journal: Path, tmp_path: Path) -> None:  # noqa: F811
    first = _secret(tmp_path, "first", "first secret")
    done = run("encrypt", "--db", journal, "--passphrase-file", first)
    assert done.returncode == 0, done.stderr
    assert "without both, the text is gone" in done.stdout.lower()
    code = _code(done.stdout)
    assert b"stopped listening" not in journal.read_bytes()
    assert _text_of(journal, "first secret") == "we stopped listening"

    again = run("encrypt", "--db", journal, "--passphrase-file", first)
    assert "already encrypted" in assert_user_error(again, journal)

    second = _secret(tmp_path, "second", "second secret")
    wrong = _secret(tmp_path, "wrong", "not it")
    refused = run(
        "passphrase", "--db", journal, "--passphrase-file", wrong, "--new-passphrase-file", second
    )
    assert "does not open" in assert_user_error(refused, journal)
    changed = run(
        "passphrase", "--db", journal, "--passphrase-file", first, "--new-passphrase-file", second
    )
    assert changed.returncode == 0, changed.stderr
    assert _text_of(journal, "second secret") == "we stopped listening"

    codefile = _secret(tmp_path, "code", code.lower())
    third = _secret(tmp_path, "third", "third secret")
    recovered = run(
        "passphrase", "--recover", "--db", journal,
        "--recovery-code-file", codefile, "--new-passphrase-file", third,
    )  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    assert _text_of(journal, "third secret") == "we stopped listening"

    unconfirmed = run("decrypt", "--db", journal, "--passphrase-file", third)
    assert "--yes" in assert_user_error(unconfirmed)
    plain = run("decrypt", "--db", journal, "--passphrase-file", third, "--yes")
    assert plain.returncode == 0, plain.stderr
    assert b"stopped listening" in journal.read_bytes()
    assert Journal.encryption(journal) is None


def test_encrypted_export_imports_with_its_passphrase(
    run: Run,  # noqa: F811
    journal: Path,
    tmp_path: Path,
) -> None:
    secret = _secret(tmp_path, "pw", "export secret")
    assert run("encrypt", "--db", journal, "--passphrase-file", secret).returncode == 0
    sealed = tmp_path / "export.json"
    made = run(
        "export", "--format", "json", "--encrypt", "--db", journal,
        "--passphrase-file", secret, "-o", sealed,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert b"stopped listening" not in sealed.read_bytes()

    plain = run("export", "--format", "json", "--db", journal, "--passphrase-file", secret)
    assert "stopped listening" in plain.stdout

    target = tmp_path / "new" / "journal.json"
    without = run("import", "--db", target, sealed)
    assert "passphrase" in assert_user_error(without, sealed)
    imported = run("import", "--db", target, "--passphrase-file", secret, sealed)
    assert imported.returncode == 0, imported.stderr
    assert _text_of(target, "") == "we stopped listening"  # the new journal is plain


def test_the_app_refuses_an_encrypted_journal_without_a_terminal(
    run: Run,  # noqa: F811
    journal: Path,
    tmp_path: Path,
) -> None:
    secret = _secret(tmp_path, "pw", "s")
    assert run("encrypt", "--db", journal, "--passphrase-file", secret).returncode == 0
    wrong = _secret(tmp_path, "wrong", "t")
    refused = run("--db", journal, "--passphrase-file", wrong)
    assert "does not open" in assert_user_error(refused, journal)


def test_no_plain_word_anywhere_in_the_folder(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import generate_journal

    from winback_tui.store import storage
    from winback_tui.store.convert import encrypt_journal, seal_export
    from winback_tui.store.export import export_json, open_for_export

    # Small chunks, so that the journal's tables are kept in segment files.
    monkeypatch.setattr(storage, "CHUNK_DOCS", 8)
    monkeypatch.setattr(storage, "SEGMENT_AFTER", 256)
    folder = journal.parent
    journal.unlink()
    monkeypatch.setattr(generate_journal, "WORDS", (MARKER,))
    generate_journal.generate(journal, records=200)
    with Journal.open(journal) as j:
        j.set_setting("note", MARKER)
        j.save_reflection(1, "why", f"{MARKER} reflection")
    with Journal.open(journal, today=date(2030, 1, 1)):
        pass  # a plain backup beside it
    vault, _code, done = encrypt_journal(journal, "pw")
    assert not done.left
    # Saves and backups.
    for day in (2,):  # one more backup; the plain ones stay in the older slots
        with Journal.open(journal, vault=vault, today=date(2030, 1, day)) as j:
            j.save_reflection(2, f"p{day}", f"{MARKER} {day}")
    # A migration (kept copy .pre-migration, then the journal written anew).
    doc = next(iter(dict(_meta(journal, vault)).values()))
    assert doc["schema"] == schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {schema.SCHEMA_VERSION - 1: lambda data: data})
    Journal.open(journal, vault=vault).close()
    assert journal.with_name("journal.json.pre-migration").exists()
    # An encrypted export into the same folder.
    exported = open_for_export(journal, vault=vault)
    (folder / "export.json").write_bytes(seal_export(export_json(exported), vault))
    exported.close()
    # A damaged file, refused, and a restore that sets it aside.
    raw = bytearray(journal.read_bytes())
    raw[len(raw) // 2] ^= 1
    journal.write_bytes(bytes(raw))
    with pytest.raises(JournalCorruptError) as refused:
        Journal.encryption(journal)
    assert refused.value.backup is not None
    from winback_tui.store import backup

    backup.restore(journal, refused.value.backup, generate_journal.datetime.now())
    assert list(folder.glob("journal.json.damaged-*"))
    # A crash report never holds the text.
    try:
        raise RuntimeError(MARKER)
    except RuntimeError as exc:
        assert MARKER not in safe_report(exc)
    with pytest.raises(JournalEncryptedError):
        Journal.open(journal)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) >= 7, names  # journal, lock, backups, pre-migration, damaged, export
    assert list(folder.glob("journal.json.d/*.seg")), "the large tables are in segment files"
    for file in folder.rglob("*"):
        if file.is_file():
            assert MARKER.encode() not in file.read_bytes(), file.name


def _meta(path: Path, vault: object) -> dict[str, dict[str, object]]:
    from winback_tui.store.storage import read_tables

    tables = read_tables(path, vault)  # type: ignore[arg-type]
    try:
        return dict(tables["_meta"])
    finally:
        tables.close()


# ------------------------------------------- restore-backup and accept-edit
def _encrypted_with_backup(path: Path) -> Vault:
    """An encrypted journal whose newest backup holds :data:`MARKER` (and so does it)."""
    vault, _code = Vault.create("restore me")
    day = date(2031, 3, 14)
    with Journal.open(path, today=day, vault=vault) as j:
        j.save_reflection(1, "why", f"{MARKER} we stopped listening")
    with Journal.open(path, today=date(2031, 3, 15), vault=vault):
        pass  # the day's first open rotates: backup-1 now holds the journal as saved
    return vault


def _flip_a_table_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    at = raw.rindex(b'"]')  # inside the last table's sealed chunk
    raw[at - 5] = ord("A") if raw[at - 5] != ord("A") else ord("B")
    path.write_bytes(bytes(raw))


def test_restore_backup_of_a_damaged_encrypted_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "j" / "journal.json"
    vault = _encrypted_with_backup(path)
    slots = [p for p in backups.backup_paths(path) if p.exists()]
    assert slots and all(MARKER.encode() not in p.read_bytes() for p in slots)

    # An intact encrypted journal is not replaced without --force.
    assert cli.main(["restore-backup", "--db", str(path)]) == cli.EXIT_USER_ERROR
    assert "loads fine" in capsys.readouterr().err

    _flip_a_table_byte(path)
    with pytest.raises(JournalCorruptError):
        Journal.open(path, vault=vault)
    assert cli.main(["restore-backup", "--db", str(path)]) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert "restored" in said and "damaged-" in said
    with Journal.open(path, vault=vault) as j:
        found = j.reflection(1, "why")
        assert found is not None and MARKER in found.text
    for file in path.parent.iterdir():  # the kept damaged copy is encrypted too
        assert MARKER.encode() not in file.read_bytes(), file


def test_accept_edit_on_an_encrypted_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "j" / "journal.json"
    vault = _encrypted_with_backup(path)
    # Intact: nothing to accept, nothing changed.
    before = path.read_bytes()
    assert cli.main(["accept-edit", "--db", str(path), "--yes"]) == 0, capsys.readouterr().err
    assert "nothing to accept" in capsys.readouterr().out
    assert path.read_bytes() == before

    # Damaged: an encrypted table cannot be edited by hand, so there is no edit to
    # keep; it is refused untouched, pointing at restore-backup.
    _flip_a_table_byte(path)
    damaged = path.read_bytes()
    assert cli.main(["accept-edit", "--db", str(path), "--yes"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "restore-backup" in err and "Traceback" not in err
    assert path.read_bytes() == damaged
    with pytest.raises(JournalCorruptError):
        Journal.open(path, vault=vault)
