"""The typed repository over a journal file: dataclasses in, dataclasses out.

Nothing outside :mod:`winback_tui.store` sees a TinyDB document. Every public
method is safe to call from a worker thread.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from winback_tui.domain.reflections import Reflection, ReflectionVersion, record_edit
from winback_tui.store import schema
from winback_tui.store.atomic import atomic_write, ensure_private_dir
from winback_tui.store.crypt import Header, Vault, header_of
from winback_tui.store.documents import Documents
from winback_tui.store.errors import (
    JournalCorruptError,
    JournalPathError,
    JournalWriteError,
)
from winback_tui.store.field_index import FieldIndexes
from winback_tui.store.lock import JournalLock
from winback_tui.store.opening import (
    offer_backup,
    read_only_notice,
    remove_stale_temp_files,
    resolve_journal_path,
    rotate_quietly,
    unwritable_reason,
)
from winback_tui.store.paths import NotRegularFileError, SymlinkRefusedError, sweep_temp_files
from winback_tui.store.saving import AtomicJSONStorage, read_head
from winback_tui.store.schema import (
    META_TABLE,
    SUMMARY_TABLE,
    Data,
    encode,
    migrate,
    new_journal,
    schema_version,
    storable,
)
from winback_tui.store.storage import Tables, read_tables

__all__ = ["Clock", "Found", "Journal", "resolve_journal_path"]

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table

    from winback_tui.store.precheck import Precheck

Clock = Callable[[], datetime]


class Found(dict[str, Any]):
    """A copy of a stored document, with its id (what TinyDB's ``Document`` gives)."""

    def __init__(self, doc: dict[str, Any], doc_id: int) -> None:
        super().__init__(doc)
        self.doc_id = doc_id


def _local_now() -> datetime:
    # Aware and in the user's time zone, so "today" is their calendar day.
    return datetime.now(UTC).astimezone()


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Journal(Documents):
    """An open journal. Use :meth:`open`; call :meth:`close` when done.

    Attributes:
        path: the journal file (symlinks resolved).
        read_only: True when another process holds the writer lock, or the file
            or its folder cannot be written; every write then raises
            :class:`JournalReadOnlyError` and nothing is changed.
        read_only_reason: one line saying why, when ``read_only``.
        unwritable: read-only because the file, its folder or its file system
            cannot be written (not because another copy holds it).
    """

    def __init__(
        self,
        path: Path,
        data: Tables | Data,
        lock: JournalLock,
        *,
        clock: Clock,
        read_only_reason: str | None = None,
    ) -> None:
        self.path = path
        self._lock = lock
        self.read_only = not lock.held
        self.read_only_reason: str | None = None
        self.unwritable = read_only_reason is not None and self.read_only
        if self.read_only:
            self.read_only_reason = read_only_reason or (
                f"{path} is open in another winback window; this one is read-only"
            )
        self._clock = clock
        tables = data if isinstance(data, Tables) else Tables(path, None, {}, data)
        self._storage = AtomicJSONStorage(path, tables, read_only=self.read_only)
        self._tinydb: TinyDB | None = None
        self._mutex = threading.RLock()
        #: Goes up with every change made through this journal: a screen coming
        #: back to the front re-reads only when it moved since its last read.
        self.revision = 0
        # Per table, the revision of its last change (see table_revision); the
        # epoch goes up when a change could have touched any table.
        self._table_revisions: dict[str, int] = {}
        self._epoch = 0
        self._touched: set[str] | None = None
        self._indexes = FieldIndexes()
        self._only = threading.local()
        # The texts changed since the person last entered an editor: the first
        # change of each starts a new editing session, which keeps a version
        # (domain.reflections). None: no editor entered yet in this run.
        self._edited_this_session: set[tuple[str, object]] | None = None
        #: Settings fixed from outside the journal (the user's config file).
        self._pinned: dict[str, Any] = {}

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = _local_now,
        today: date | None = None,
        background_backup: bool = False,
        vault: Vault | None = None,
        precheck: Precheck | None = None,
    ) -> Journal:
        """Open (or create) the journal at ``path``.

        A missing file is created as a new journal. An existing file must load
        cleanly: an empty, NUL-filled, truncated, foreign or newer file raises
        and is never written over. When another process holds the journal, the
        journal opens read-only.

        An encrypted journal opens only with its ``vault``: ask
        :meth:`encryption` for its header, then ``header.unlock(path,
        passphrase)`` for the vault. A missing file is created encrypted with
        a given vault.

        ``precheck``: a child started at launch that has read the segment
        files (:mod:`~winback_tui.store.precheck`); what it read as the index
        records is not read again. Its results are taken under the lock.

        Raises:
            JournalPathError: the path is a folder or cannot be read or created.
            JournalCorruptError: the file is damaged (``backup`` names a good one).
            JournalTooNewError: a newer winback wrote the file.
            JournalEncryptedError: the file is encrypted and no ``vault`` (or
                another journal's) was given.
        """
        path = resolve_journal_path(path)
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            raise JournalPathError(
                path, f"cannot create the folder {path.parent}: {exc.strerror}"
            ) from exc
        if not path.parent.is_dir():
            raise JournalPathError(path, f"{path.parent} is not a folder")
        lock = JournalLock(path)
        why: str | None = None
        try:
            try:
                lock.acquire()
            except (SymlinkRefusedError, NotRegularFileError) as exc:
                raise JournalPathError(
                    path, f"cannot use the lock file {lock.path}: {exc.strerror}"
                ) from exc
            except OSError as exc:
                why = unwritable_reason(path)
                if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS) or why is None:
                    raise JournalPathError(
                        path, f"cannot open the lock file {lock.path}: {exc.strerror}"
                    ) from exc
            else:
                why = unwritable_reason(path) if lock.held else None
                if why is not None:
                    lock.release()  # a copy that cannot save must not keep others out
            if why is not None and not path.exists():
                raise JournalPathError(path, f"cannot create {path}: {why}")
            data = cls._load_or_create(path, lock, clock, vault, precheck)
        except BaseException:
            lock.release(remove_if_created=True)  # a refused journal leaves no lock file
            raise
        notice = read_only_notice(why) if why is not None else None
        journal = cls(path, data, lock, clock=clock, read_only_reason=notice)
        if lock.held:
            remove_stale_temp_files(path)
        elif why is None:
            sweep_temp_files(path.parent)  # only files no living process writes
        if lock.held:
            day = today or clock().astimezone().date()
            if background_backup:
                # Copying a large journal (and fsyncing it) need not delay the
                # first screen. Safe while saves run: a save replaces the journal
                # by rename, so the copy reads one whole version or the other.
                threading.Thread(
                    target=rotate_quietly, args=(path, day), name="winback-backup", daemon=True
                ).start()
            else:
                rotate_quietly(path, day)
        return journal

    @staticmethod
    def encryption(path: Path) -> Header | None:
        """The encryption header of the journal at ``path``; None when it is plain or missing.

        The whole file is checked against its index first, so a damaged
        encrypted journal is refused as damaged (with the newest good backup
        named) before any passphrase is asked for.

        Raises:
            JournalPathError: the file cannot be read.
            JournalCorruptError: it is damaged (``backup`` names a good one).
        """
        path = resolve_journal_path(path)
        try:
            return header_of(path, read_head(path))
        except FileNotFoundError:
            return None
        except IsADirectoryError as exc:
            raise JournalPathError(path, f"{path} is a folder") from exc
        except JournalCorruptError as exc:
            offer_backup(path, exc)
            raise
        except OSError as exc:
            raise JournalPathError(path, f"cannot read {path}: {exc.strerror}") from exc

    @staticmethod
    def _load_or_create(
        path: Path,
        lock: JournalLock,
        clock: Clock,
        vault: Vault | None = None,
        precheck: Precheck | None = None,
    ) -> Tables:
        def encoded(data: Data) -> bytes:
            return encode(data) if vault is None else vault.encode_file(data)

        try:
            tables = read_tables(path, vault, precheck.results() if precheck else None)
        except FileNotFoundError:
            data = new_journal(clock())
            if lock.held:
                try:
                    atomic_write(path, encoded(data))
                except OSError as exc:
                    raise JournalPathError(path, f"cannot create {path}: {exc.strerror}") from exc
            return Tables(path, None, {}, data, vault=vault)
        except IsADirectoryError as exc:
            raise JournalPathError(path, f"{path} is a folder") from exc
        except JournalCorruptError as exc:
            offer_backup(path, exc)
            raise
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise JournalPathError(
                    path, f"cannot read {path}: permission denied; check its owner and mode"
                ) from exc
            raise JournalPathError(path, f"cannot read {path}: {exc.strerror}") from exc
        if schema_version(tables) == schema.SCHEMA_VERSION:
            return tables
        raw = path.read_bytes()  # the file as it is: encrypted if it is
        vault = tables.vault
        data, _changed = migrate(path, dict(tables.items()))
        tables.close()
        if lock.held:
            # Keep the pre-migration file as a backup before writing the new form.
            try:
                atomic_write(path.with_name(f"{path.name}.pre-migration"), raw)
                atomic_write(path, encoded(data))
            except OSError as exc:
                raise JournalWriteError(
                    path, f"could not upgrade {path}: {exc.strerror}; the file was not changed"
                ) from exc
        return Tables(path, None, {}, data, vault=vault)

    @property
    def encrypted(self) -> bool:
        """Whether this journal is encrypted at rest."""
        return self._storage.vault is not None

    def seal_export(self, payload: bytes) -> bytes:
        """A JSON export sealed with this (encrypted) journal's key: its passphrase opens it.

        Raises:
            JournalEncryptedError: this journal is not encrypted (there is no key).
        """
        from winback_tui.store.convert import seal_export
        from winback_tui.store.crypt import JournalEncryptedError

        vault = self._storage.vault
        if vault is None:
            raise JournalEncryptedError(self.path, f"{self.path} is not encrypted")
        return seal_export(payload, vault)

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens this (encrypted) journal's key (the idle lock).

        Raises:
            JournalCorruptError: the header in memory is damaged (it never is).
        """
        from winback_tui.store.crypt import WrongPassphraseError

        vault = self._storage.vault
        if vault is None:
            return True
        try:
            return vault.same_key(vault.header.unlock(self.path, passphrase))
        except WrongPassphraseError:
            return False

    def close(self) -> None:
        """Release the writer lock. Every save is already on disk."""
        with self._mutex:
            if self._tinydb is not None:
                self._tinydb.close()
            self._storage.close()
            self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- helpers
    def now(self) -> datetime:
        """The journal's clock (injectable in tests)."""
        return self._clock()

    @property
    def _db(self) -> TinyDB:
        # TinyDB is needed only to change the journal: reads go to the storage
        # directly, so the first screen never waits for its import.
        if self._tinydb is None:
            from tinydb import TinyDB

            self._tinydb = TinyDB(storage=lambda: self._storage)
        return self._tinydb

    def _table(self, name: str) -> Table:
        # No query cache: a failed write must never leave stale results behind.
        return self._db.table(name, cache_size=0)

    def _find(self, table: str, match: Callable[[dict[str, Any]], bool]) -> list[Found]:
        return [Found(doc, int(i)) for i, doc in self._documents(table) if match(doc)]

    def record_count(self) -> int:
        """How many records (of every kind) the journal holds."""
        with self._mutex:
            names = [n for n in self._db.tables() if n not in (META_TABLE, SUMMARY_TABLE)]
            return sum(len(self._table(name)) for name in names)

    # --------------------------------------------------------------- settings
    def pin_settings(self, values: Mapping[str, Any]) -> None:
        """Fix some settings from outside the journal (the config file wins).

        :meth:`get_setting` returns a pinned value instead of the stored one;
        what is stored stays as it is and applies again once nothing pins it.
        """
        self._pinned = dict(values)

    def pinned(self, key: str) -> bool:
        """Whether ``key`` is fixed by :meth:`pin_settings` (a screen then says so)."""
        return key in self._pinned

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return a pinned or stored setting, or ``default``."""
        if key in self._pinned:
            return self._pinned[key]
        key = storable(key)
        with self._mutex:
            docs = self._find("settings", lambda d: d.get("key") == key)
            return docs[0]["value"] if docs else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-compatible setting value."""
        key, value = storable(key), storable(value)
        with self._writing():
            docs = self._find("settings", lambda d: d.get("key") == key)
            if docs:
                if docs[0]["value"] != value:
                    self._change("settings", update={docs[0].doc_id: {"value": value}})
            else:
                self._change("settings", insert=[{"key": key, "value": value}])

    def begin_editing_session(self) -> None:
        """The person entered an editor: the next change of each text keeps a version.

        So every editing session leaves a version to go back to, also when the
        app was restarted a moment after the last save. Writers that are no
        editor (an import, a script) never call this: only a new day or a pause
        of ``SESSION_GAP`` keeps versions of their saves.
        """
        with self._mutex:
            self._edited_this_session = set()

    def first_edit_this_session(self, table: str, key: object) -> bool:
        """Whether this is the first change of one text (``table``, ``key``) in this session.

        Every later call for the same text answers False, so callers ask only
        when the text really changes. They hold the journal's write lock, so two
        saves cannot both be first.
        """
        with self._mutex:
            edited = self._edited_this_session
            if edited is None or (table, key) in edited:
                return False
            edited.add((table, key))
            return True

    # ------------------------------------------------------------ reflections
    @staticmethod
    def _reflection_doc(item: Reflection) -> dict[str, Any]:
        return {
            "step": item.step,
            "prompt": item.prompt_id,
            "text": item.text,
            "created": _iso(item.created_at),
            "edited": _iso(item.edited_at),
            "versions": [{"saved": _iso(v.saved_at), "text": v.text} for v in item.versions],
        }

    @staticmethod
    def _reflection_from(doc: dict[str, Any]) -> Reflection:
        return Reflection(
            step=int(doc["step"]),
            prompt_id=str(doc["prompt"]),
            text=str(doc["text"]),
            created_at=_parse(doc["created"]),
            edited_at=_parse(doc["edited"]),
            versions=tuple(
                ReflectionVersion(_parse(v["saved"]), str(v["text"]))
                for v in doc.get("versions", [])
            ),
        )

    def reflection(self, step: int, prompt_id: str) -> Reflection | None:
        """Return the answer to one prompt, or None if it was never written."""
        prompt_id = storable(prompt_id)
        with self._mutex:
            docs = self._find(
                "reflections", lambda d: d.get("step") == step and d.get("prompt") == prompt_id
            )
            return self._reflection_from(docs[0]) if docs else None

    def reflections(self, step: int | None = None) -> list[Reflection]:
        """Return every answer (of one step, if given), oldest first."""
        with self._mutex:
            docs = self._find("reflections", lambda d: step is None or d.get("step") == step)
            return sorted((self._reflection_from(d) for d in docs), key=lambda r: r.created_at)

    def save_reflection(
        self, step: int, prompt_id: str, text: str, *, keep_version: bool = False
    ) -> Reflection:
        """Save the answer to one prompt now, keeping a version per editing session.

        Args:
            step: the step (0-4).
            prompt_id: the prompt's id.
            text: the whole answer.
            keep_version: keep the text as it stood as a version whatever the
                session rule says (restoring an earlier version).

        Raises:
            JournalReadOnlyError: another copy holds the journal.
            JournalWriteError: the disk refused; the previous save is intact.
        """
        if not isinstance(text, str):
            raise TypeError("a reflection's text must be a string")
        # The text as it will load back (see schema.storable), so the in-memory
        # copy never differs from the file.
        prompt_id, text = storable(prompt_id), storable(text)
        with self._writing():
            docs = self._find(
                "reflections", lambda d: d.get("step") == step and d.get("prompt") == prompt_id
            )
            current = self._reflection_from(docs[0]) if docs else None
            changed = current is not None and text != current.text
            first = changed and self.first_edit_this_session("reflections", (step, prompt_id))
            updated = record_edit(
                current, step, prompt_id, text, self.now(), new_session=first or keep_version
            )
            if updated is current:
                return updated
            doc = self._reflection_doc(updated)
            if docs:
                self._change("reflections", update={docs[0].doc_id: doc})
            else:
                self._change("reflections", insert=[doc])
            return updated
