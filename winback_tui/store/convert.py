"""Turning encryption on and off, changing the passphrase, sealing exports.

Each function rewrites the journal in one atomic step, and then its kept
copies (backups, and the copies a restore or an upgrade set aside), so no
plain copy of the text stays beside an encrypted journal. The caller holds the
journal's lock. A backup keeps its modification time: it is the backup's day.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from winback_tui.store import layout, search_file, segments
from winback_tui.store.atomic import atomic_write
from winback_tui.store.crypt import CRYPT_TABLE, Header, Vault, WrongPassphraseError, header_of
from winback_tui.store.errors import JournalCorruptError, JournalError
from winback_tui.store.paths import TEMP_SUFFIX, journal_files, read_regular
from winback_tui.store.schema import decode, encode
from winback_tui.store.storage import read_tables

EXPORT_TABLE = "_export"


@dataclass
class Converted:
    """What a conversion did to the journal's kept copies.

    Attributes:
        copies: the copies rewritten with the journal.
        left: copies that could not be (damaged, or another journal's key), each
            with the reason.
    """

    copies: list[Path] = field(default_factory=list)
    left: list[tuple[Path, str]] = field(default_factory=list)


def _kept_copies(journal: Path) -> list[Path]:
    own = {journal.name, f"{journal.name}.lock", f"{journal.name}.d"}
    return sorted(
        p
        for p in journal_files(journal)
        if p.name not in own and not p.name.endswith((".tmp", TEMP_SUFFIX)) and not p.is_symlink()
    )


def _rewrite(path: Path, payload: bytes) -> None:
    stat = os.stat(path)
    atomic_write(path, payload)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _each_copy(journal: Path, convert: Callable[[Path, bytes], bytes | None]) -> Converted:
    done = Converted()
    for copy in _kept_copies(journal):
        try:
            raw = read_regular(copy, follow=False)
            payload = convert(copy, raw)
            if payload is not None:
                _rewrite(copy, payload)
                done.copies.append(copy)
        except JournalError as exc:
            done.left.append((copy, exc.message))
        except OSError as exc:
            done.left.append((copy, exc.strerror or str(exc)))
    return done


def _all_tables(path: Path, vault: Vault | None) -> dict[str, dict[str, object]]:
    tables = read_tables(path, vault)
    try:
        return {name: dict(table) for name, table in tables.items()}
    finally:
        tables.close()


def encrypt_journal(path: Path, passphrase: str) -> tuple[Vault, str, Converted]:
    """Encrypt a plain journal (and its kept copies) under a new data key.

    Returns:
        The vault, the recovery code (to show once) and what became of the copies.

    Raises:
        JournalError: the journal is damaged, or already encrypted.
        OSError: the write failed; the journal is unchanged.
    """
    data = _all_tables(path, None)  # raises JournalEncryptedError when it already is
    vault, code = Vault.create(passphrase)
    atomic_write(path, vault.encode_file(data))

    def seal(copy: Path, raw: bytes) -> bytes | None:
        if header_of(copy, raw) is not None:
            raise JournalError(copy, "already encrypted (with its own key); left as it is")
        return vault.encode_file(decode(copy, raw))

    done = _each_copy(path, seal)
    # The plain segment files no copy names any more go (a copy left plain keeps its own),
    # and so does the search index, which holds the words in the clear.
    segments.collect(path)
    search_file.forget(path)
    return vault, code, done


def decrypt_journal(path: Path, vault: Vault) -> Converted:
    """Write an encrypted journal (and the copies with its key) back as plain JSON.

    Raises:
        JournalError: the journal does not open with ``vault``.
        OSError: the write failed; the journal is unchanged.
    """
    data = _all_tables(path, vault)
    atomic_write(path, encode(data))

    def unseal(copy: Path, raw: bytes) -> bytes | None:
        header = header_of(copy, raw)
        if header is None:
            return None
        own = vault.for_header(header)
        if own is None:
            raise JournalError(copy, "encrypted with another key; left encrypted")
        return encode(_all_tables(copy, own))

    done = _each_copy(path, unseal)
    segments.collect(path)
    search_file.forget(path)  # sealed with the key the journal no longer has
    return done


def change_passphrase(path: Path, vault: Vault, passphrase: str) -> Vault:
    """Wrap the data key with a new passphrase; no table is sealed again.

    The journal's copies with the same key get the new wrap too, so the old
    passphrase opens none of them any more.

    Returns:
        The journal's new vault (same key, new header).

    Raises:
        JournalError: the journal does not open with ``vault``.
        OSError: the write failed; the journal and its passphrase are unchanged.
    """
    new = vault.with_passphrase(passphrase)
    _rewrap(path, vault, new)

    def rewrap(copy: Path, raw: bytes) -> bytes | None:
        header = header_of(copy, raw)
        if header is None or vault.for_header(header) is None:
            return None
        _rewrap(copy, vault, new, keep_time=True)
        return None

    _each_copy(path, rewrap)
    return new


def _rewrap(path: Path, old: Vault, new: Vault, *, keep_time: bool = False) -> None:
    own = old.for_header(old.header)
    assert own is not None
    tables = read_tables(path, own)  # checks every CRC and opens _meta with the key
    try:
        tables.vault = new
        pieces = tables.pieces(split=False)  # every table and segment kept as it is
        stat = os.stat(path)
        segments.write(path, tables.segment_folder, pieces.new)
        atomic_write(
            path, layout.file_chunks(pieces.entries, pieces.bodies, None, pieces.segmented)
        )
        if keep_time:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    finally:
        tables.close()


# ------------------------------------------------------------------ exports
def seal_export(payload: bytes, vault: Vault) -> bytes:
    """An encrypted export: the export's JSON sealed as one table under ``vault``."""
    sealed = vault.seal(EXPORT_TABLE, {"1": {"json": payload.decode("ascii")}})
    return layout.join_file({CRYPT_TABLE: vault.header_body(), EXPORT_TABLE: sealed})


def export_header(path: Path, raw: bytes) -> Header | None:
    """The header of an encrypted export, or None for a plain file.

    Raises:
        JournalCorruptError: it is encrypted but damaged.
    """
    header = header_of(path, raw)
    if header is None:
        return None
    entries = layout.read_index(raw)
    names = [name for name, _, _ in entries or []]
    if names != [CRYPT_TABLE, EXPORT_TABLE]:
        raise JournalCorruptError(path, f"{path} is encrypted but is not a winback export")
    return header


def open_export(path: Path, raw: bytes, vault: Vault) -> bytes:
    """The JSON of an encrypted export.

    Raises:
        JournalCorruptError: damaged.
    """
    entries = layout.read_index(raw) or []
    spans, size = layout.spans_for(entries)
    span = spans.get(EXPORT_TABLE)
    if span is None or size != len(raw):
        raise JournalCorruptError(path, f"{path} is a damaged encrypted export")
    table = vault.open(path, EXPORT_TABLE, raw[span.offset : span.offset + span.length])
    with contextlib.suppress(KeyError, AttributeError):
        text = table["1"]["json"]
        if isinstance(text, str):
            return text.encode("ascii", "surrogatepass")
    raise JournalCorruptError(path, f"{path} is a damaged encrypted export")


__all__ = [
    "Converted",
    "WrongPassphraseError",
    "change_passphrase",
    "decrypt_journal",
    "encrypt_journal",
    "export_header",
    "open_export",
    "seal_export",
]
