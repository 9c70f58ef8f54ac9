"""Encryption at rest: one data key, wrapped twice, sealing each table on its own.

An encrypted journal keeps the indexed layout of :mod:`~winback_tui.store.layout`
(one table per line, an index line with each table's length and CRC-32), so a
save still copies the bytes of clean tables and a reader still opens only the
tables it shows. What changes is what a table's line holds:

- ``_crypt``, always the first table, is plain JSON: the *header*. It names the
  format and the cipher, a random journal id, and two *wraps* of the data key:
  one opened by the passphrase (through Argon2id, whose parameters and salt are
  stored in the wrap so they can be raised later), one by the recovery code.
- Every other table (``_meta`` included) is a JSON list of *chunks*, each the
  base64 of ``nonce (12 bytes) || AES-256-GCM ciphertext and tag``. The
  plaintext is ``0x01`` and the zlib-compressed JSON (older chunks: the bare
  JSON, which starts with ``{``), so a save writes fewer bytes. Today a
  table is one chunk holding its whole JSON object; a later format may split a
  large table into several (each a JSON object of some of its documents), so
  the list and the chunk number in the associated data are there already.

Associated data binds each chunk to its place: the header's fixed fields
(format, cipher, journal id), the table's name, the chunk's number and whether
it is the last one. A chunk moved to another table or journal, or a table cut
short, does not authenticate. A wrap's associated data binds the fixed fields
and the wrap's own KDF parameters, so a changed parameter fails the wrap.

Telling a wrong passphrase from a damaged file: every byte of the file is
covered by the index's CRCs, checked before any passphrase is asked for, so a
flipped bit anywhere (header, wraps, tables) is reported as damage
(:class:`~winback_tui.store.errors.JournalCorruptError`). Once the file is
intact, a wrap that does not open means the passphrase (or code) is wrong
(:class:`WrongPassphraseError`); a table that does not authenticate under an
opened key is damage again.

The key-encryption key is derived once, at unlock, and dropped: only the data
key stays in memory (in this :class:`Vault`), and it never reaches the disk.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from winback_tui.store import layout
from winback_tui.store.errors import JournalCorruptError, JournalError

CRYPT_TABLE = "_crypt"
CRYPT_FORMAT = 1
#: The first byte of a chunk's plaintext when its JSON is zlib-compressed (a
#: table's JSON itself always starts with ``{``, so older chunks still open).
COMPRESSED = b"\x01"
#: Fast compression: a save re-seals only the tables that changed.
COMPRESS_LEVEL = 1
CIPHER = "AES-256-GCM"
KEY_BYTES = 32
NONCE_BYTES = 12
ID_BYTES = 16
SALT_BYTES = 16

#: OWASP's first Argon2id setting (46 MiB, one pass, one lane): about 0.16 s
#: on a 2-core machine here, against 0.43 s for RFC 9106's low-memory profile
#: (64 MiB, 3 passes, 4 lanes), too near the 0.5 s the unlock may take on a
#: machine three people share. Stored per wrap, so a later version can raise it.
ARGON2_MEMORY_KIB = 47104
ARGON2_ITERATIONS = 1
ARGON2_LANES = 1

#: A recovery code: 160 random bits as 32 base32 letters, in 8 groups of 4.
RECOVERY_BYTES = 20

_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#: Characters people type for base32 letters they misread.
_LOOKALIKE = str.maketrans({"0": "O", "1": "I", "8": "B"})


class WrongPassphraseError(JournalError):
    """The passphrase (or recovery code) does not open the journal's key; nothing changed."""


class JournalEncryptedError(JournalError):
    """The journal is encrypted and no key was given to open it."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not a string")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode()


def passphrase_bytes(passphrase: str) -> bytes:
    """A passphrase as the KDF reads it: NFC, so every terminal's é is the same bytes."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def new_recovery_code() -> str:
    """A fresh recovery code, ``ABCD-EFGH-...`` (8 groups of 4 base32 letters)."""
    letters = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _recovery_secret(code: str) -> bytes | None:
    letters = "".join(ch for ch in code.upper().translate(_LOOKALIKE) if ch.isalnum())
    if len(letters) != 32 or any(ch not in _B32 for ch in letters):
        return None
    return base64.b32decode(letters)


def _argon2(secret: bytes, salt: bytes, memory_kib: int, iterations: int, lanes: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=salt, length=KEY_BYTES, iterations=iterations, lanes=lanes, memory_cost=memory_kib
    )
    return kdf.derive(secret)


def _hkdf(secret: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    # The code already holds 160 random bits: no need to make guessing slow.
    return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"winback recovery").derive(secret)


def _aead(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


@dataclass(frozen=True)
class Wrap:
    """One sealed copy of the data key, and how to derive the key that opens it.

    Attributes:
        kdf: the derivation and its parameters (salt included), as stored.
        nonce: the wrap's nonce.
        sealed: the data key, encrypted and tagged.
    """

    kdf: dict[str, Any]
    nonce: bytes
    sealed: bytes

    def as_json(self) -> dict[str, Any]:
        return {**self.kdf, "nonce": _b64(self.nonce), "key": _b64(self.sealed)}


@dataclass(frozen=True)
class Header:
    """The plain ``_crypt`` table: format, cipher, journal id and the key's wraps."""

    journal_id: bytes
    wraps: dict[str, Wrap]

    # ------------------------------------------------------------- bytes
    def fixed(self) -> bytes:
        """The fields bound into every chunk: they never change for a journal."""
        return _canonical({"format": CRYPT_FORMAT, "cipher": CIPHER, "id": _b64(self.journal_id)})

    def body(self) -> bytes:
        """The header as the ``_crypt`` line of the file holds it."""
        return layout.encode_body(
            {
                "app": "winback",
                "format": CRYPT_FORMAT,
                "cipher": CIPHER,
                "id": _b64(self.journal_id),
                "wraps": {name: wrap.as_json() for name, wrap in self.wraps.items()},
            }
        )

    @classmethod
    def parse(cls, path: Path, body: bytes) -> Header:
        """Read a ``_crypt`` line.

        Raises:
            JournalCorruptError: it is not a header this version reads.
        """
        try:
            doc = json.loads(body)
            if not isinstance(doc, dict) or doc.get("app") != "winback":
                raise ValueError("not winback's")
            if doc.get("format") != CRYPT_FORMAT or doc.get("cipher") != CIPHER:
                raise JournalCorruptError(
                    path,
                    f"{path} is encrypted in a format this winback does not know "
                    f"({doc.get('format')!r}, {doc.get('cipher')!r}); upgrade winback. "
                    "The file was not changed",
                )
            wraps: dict[str, Wrap] = {}
            for name, raw in doc["wraps"].items():
                kdf = {k: v for k, v in raw.items() if k not in ("nonce", "key")}
                wraps[str(name)] = Wrap(kdf, _unb64(raw["nonce"]), _unb64(raw["key"]))
            journal_id = _unb64(doc["id"])
        except JournalCorruptError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, binascii.Error):
            raise JournalCorruptError(
                path, f"{path} has a damaged encryption header; it was not changed"
            ) from None
        if "passphrase" not in wraps or len(journal_id) != ID_BYTES:
            raise JournalCorruptError(
                path, f"{path} has a damaged encryption header; it was not changed"
            )
        return cls(journal_id, wraps)

    # ------------------------------------------------------------- wraps
    def _wrap_aad(self, name: str, kdf: Mapping[str, Any]) -> bytes:
        return b"winback wrap\x00" + self.fixed() + b"\x00" + name.encode() + _canonical(kdf)

    def _kek(self, path: Path, name: str, secret: bytes) -> bytes:
        kdf = self.wraps[name].kdf
        try:
            salt = _unb64(kdf["salt"])
            if kdf.get("name") == "argon2id":
                return _argon2(
                    secret,
                    salt,
                    int(kdf["memory_kib"]),
                    int(kdf["iterations"]),
                    int(kdf["lanes"]),
                )
            if kdf.get("name") == "hkdf-sha256":
                return _hkdf(secret, salt)
        except (ValueError, TypeError, KeyError, binascii.Error):
            pass
        raise JournalCorruptError(path, f"{path} has a damaged encryption header ({name})")

    def _open_wrap(self, path: Path, name: str, secret: bytes) -> bytes | None:
        from cryptography.exceptions import InvalidTag

        wrap = self.wraps[name]
        kek = self._kek(path, name, secret)
        try:
            key: bytes = _aead(kek).decrypt(wrap.nonce, wrap.sealed, self._wrap_aad(name, wrap.kdf))
        except InvalidTag:
            return None
        return key if len(key) == KEY_BYTES else None

    def unlock(self, path: Path, passphrase: str) -> Vault:
        """Open the data key with the passphrase.

        Raises:
            WrongPassphraseError: it does not open the key.
        """
        key = self._open_wrap(path, "passphrase", passphrase_bytes(passphrase))
        if key is None:
            raise WrongPassphraseError(
                path, f"that passphrase does not open {path}; nothing was changed"
            )
        return Vault(self, key)

    def recover(self, path: Path, code: str) -> Vault:
        """Open the data key with the recovery code.

        Raises:
            WrongPassphraseError: no recovery code here, or it does not open the key.
        """
        secret = _recovery_secret(code)
        if "recovery" not in self.wraps or secret is None:
            raise WrongPassphraseError(
                path, f"that is not the recovery code of {path}; nothing was changed"
            )
        key = self._open_wrap(path, "recovery", secret)
        if key is None:
            raise WrongPassphraseError(
                path, f"that recovery code does not open {path}; nothing was changed"
            )
        return Vault(self, key)

    def with_wrap(self, name: str, key: bytes, secret: bytes, kdf: dict[str, Any]) -> Header:
        """This header with the wrap ``name`` made afresh for ``key`` (a new nonce)."""
        draft = Header(self.journal_id, dict(self.wraps))
        draft.wraps[name] = Wrap(kdf, b"", b"")
        kek = draft._kek(Path("-"), name, secret)
        nonce = os.urandom(NONCE_BYTES)
        sealed = _aead(kek).encrypt(nonce, key, draft._wrap_aad(name, kdf))
        draft.wraps[name] = Wrap(kdf, nonce, sealed)
        return draft


def _passphrase_kdf() -> dict[str, Any]:
    return {
        "name": "argon2id",
        "memory_kib": ARGON2_MEMORY_KIB,
        "iterations": ARGON2_ITERATIONS,
        "lanes": ARGON2_LANES,
        "salt": _b64(os.urandom(SALT_BYTES)),
    }


def _recovery_kdf() -> dict[str, Any]:
    return {"name": "hkdf-sha256", "salt": _b64(os.urandom(SALT_BYTES))}


class Vault:
    """The data key of one open journal, and the header it belongs to.

    It seals and opens table chunks; the key never leaves memory.
    """

    def __init__(self, header: Header, key: bytes) -> None:
        self.header = header
        self._aead = _aead(key)
        self._key = key
        self._fixed = header.fixed()
        self._header_body = header.body()

    @classmethod
    def create(cls, passphrase: str, *, recovery: bool = True) -> tuple[Vault, str]:
        """A new data key, wrapped by ``passphrase`` and by a new recovery code.

        Args:
            passphrase: the new passphrase.
            recovery: make the recovery wrap (an encrypted export has none).

        Returns:
            The vault and the recovery code (show it once; it is stored
            nowhere), or "" without ``recovery``.
        """
        key = os.urandom(KEY_BYTES)
        header = Header(os.urandom(ID_BYTES), {})
        secret = passphrase_bytes(passphrase)
        header = header.with_wrap("passphrase", key, secret, _passphrase_kdf())
        if not recovery:
            return cls(header, key), ""
        code = new_recovery_code()
        recovered = _recovery_secret(code)
        assert recovered is not None
        header = header.with_wrap("recovery", key, recovered, _recovery_kdf())
        return cls(header, key), code

    def with_passphrase(self, passphrase: str) -> Vault:
        """The same data key (the tables stay as they are), wrapped by a new passphrase."""
        kdf = _passphrase_kdf()
        header = self.header.with_wrap("passphrase", self._key, passphrase_bytes(passphrase), kdf)
        return Vault(header, self._key)

    def same_key(self, other: Vault) -> bool:
        """Whether ``other`` holds this data key (a backup of the same journal)."""
        import hmac  # here: only the idle lock's passphrase check compares keys

        return hmac.compare_digest(self._key, other._key)

    def for_header(self, header: Header) -> Vault | None:
        """This key under another file's header, if that file is of the same journal."""
        if header.journal_id != self.header.journal_id:
            return None
        return Vault(header, self._key)

    def header_body(self) -> bytes:
        """The ``_crypt`` line this vault writes."""
        return self._header_body

    # ------------------------------------------------------------- chunks
    def _aad(self, name: str, number: int, last: bool) -> bytes:
        return (
            b"winback table\x00"
            + self._fixed
            + b"\x00"
            + name.encode("utf-8", "surrogatepass")
            + b"\x00"
            + number.to_bytes(4, "big")
            + (b"\x01" if last else b"\x00")
        )

    def seal(self, name: str, table: Mapping[str, object]) -> bytes:
        """A table's line: its JSON as one sealed chunk, under a fresh random nonce."""
        return b"[" + self.seal_chunk(name, 0, True, table) + b"]"

    def seal_chunk(self, name: str, number: int, last: bool, docs: Mapping[str, object]) -> bytes:
        """One chunk of a table's line (quoted base64), sealed under a fresh random nonce.

        Args:
            name: the table.
            number: the chunk's place in the table's line (from 0).
            last: whether it is the line's last chunk.
            docs: the documents it holds.
        """
        nonce = os.urandom(NONCE_BYTES)
        plain = COMPRESSED + zlib.compress(layout.encode_body(docs), COMPRESS_LEVEL)
        sealed = self._aead.encrypt(nonce, plain, self._aad(name, number, last))
        return b'"' + base64.b64encode(nonce + sealed) + b'"'

    def _blob_aad(self, purpose: str) -> bytes:
        return b"winback " + purpose.encode("ascii") + b"\x00" + self._fixed

    def seal_blob(self, purpose: str, data: bytes) -> bytes:
        """``data`` sealed for this journal, bound to ``purpose`` (a file beside it)."""
        nonce = os.urandom(NONCE_BYTES)
        sealed: bytes = self._aead.encrypt(nonce, data, self._blob_aad(purpose))
        return nonce + sealed

    def open_blob(self, purpose: str, sealed: bytes) -> bytes | None:
        """What :meth:`seal_blob` sealed; None when it does not authenticate here."""
        from cryptography.exceptions import InvalidTag

        try:
            return bytes(
                self._aead.decrypt(
                    sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], self._blob_aad(purpose)
                )
            )
        except (InvalidTag, ValueError):
            return None

    def _damaged(self, path: Path, name: str) -> JournalCorruptError:
        return JournalCorruptError(
            path,
            f"{path} has a damaged table {name!r}: it does not authenticate with the "
            "journal's key (the passphrase was right); it was not changed",
        )

    def _open_one(self, name: str, number: int, last: bool, chunk: object) -> dict[str, Any]:
        raw = _unb64(chunk)
        nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        plain = self._aead.decrypt(nonce, sealed, self._aad(name, number, last))
        if plain[:1] == COMPRESSED:
            plain = zlib.decompress(plain[1:])
        part = json.loads(plain)
        if not isinstance(part, dict):
            raise ValueError("not a table")
        return part

    def open_chunk(
        self, path: Path, name: str, number: int, last: bool, body: bytes
    ) -> dict[str, Any]:
        """The documents of one chunk (its quoted base64, as :meth:`seal_chunk` wrote it).

        Raises:
            JournalCorruptError: it does not authenticate in this place.
        """
        from cryptography.exceptions import InvalidTag

        try:
            return self._open_one(name, number, last, json.loads(body))
        except (ValueError, TypeError, binascii.Error, InvalidTag, zlib.error):
            raise self._damaged(path, name) from None

    def open(self, path: Path, name: str, body: bytes) -> dict[str, Any]:
        """A table from its line.

        Raises:
            JournalCorruptError: a chunk does not authenticate or is not a table.
        """
        from cryptography.exceptions import InvalidTag

        try:
            chunks = json.loads(body)
            if not isinstance(chunks, list) or not chunks:
                raise ValueError("no chunks")
            table: dict[str, Any] = {}
            for number, chunk in enumerate(chunks):
                table.update(self._open_one(name, number, number == len(chunks) - 1, chunk))
        except (ValueError, TypeError, binascii.Error, InvalidTag, zlib.error):
            raise self._damaged(path, name) from None
        return table

    def encode_file(self, tables: Mapping[str, Mapping[str, object]]) -> bytes:
        """A whole encrypted journal file (new journals, migrations, conversions)."""
        bodies = {CRYPT_TABLE: self._header_body}
        bodies.update({name: self.seal(name, table) for name, table in tables.items()})
        return layout.join_file(bodies)


def header_of(path: Path, raw: bytes) -> Header | None:
    """The encryption header of a whole file's bytes, or None when it has none.

    Only the header line is read here (its own CRC checked); callers check
    the rest of the file as they do for a plain one.

    Raises:
        JournalCorruptError: the header line is there but damaged.
    """
    found = layout.read_layout(raw)
    if not found or not found[0] or found[0][0][0] != CRYPT_TABLE:
        return None
    spans, _size = layout.spans_for(*found, layout.read_segmented(raw))
    span = spans[CRYPT_TABLE]
    body = raw[span.offset : span.offset + span.length]
    if len(body) != span.length or zlib.crc32(body) != span.crc:
        raise JournalCorruptError(
            path, f"{path} has a damaged encryption header; it was not changed"
        )
    return Header.parse(path, body)


def is_encrypted(raw: bytes) -> bool:
    """Whether a file's bytes claim to be an encrypted journal (by its index alone)."""
    entries = layout.read_index(raw)
    return entries is not None and bool(entries) and entries[0][0] == CRYPT_TABLE
