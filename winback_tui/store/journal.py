"""The typed repository over a journal file: dataclasses in, dataclasses out.

Nothing outside :mod:`winback_tui.store` sees a TinyDB document. Every public
method is safe to call from a worker thread.
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from winback_tui.domain.reflections import Reflection, ReflectionVersion, record_edit
from winback_tui.store import backup, schema
from winback_tui.store.atomic import atomic_write, ensure_private_dir
from winback_tui.store.errors import (
    JournalCorruptError,
    JournalMismatchError,
    JournalPathError,
    JournalReadOnlyError,
    JournalWriteError,
)
from winback_tui.store.lock import JournalLock
from winback_tui.store.schema import (
    Data,
    encode,
    migrate,
    new_journal,
    schema_version,
    storable,
)
from winback_tui.store.storage import AtomicJSONStorage, Tables, read_tables

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table

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


def resolve_journal_path(path: Path) -> Path:
    """The journal's real path (``~`` expanded, symlinks resolved).

    Raises:
        JournalPathError: it cannot be resolved, or it is a folder.
    """
    path = Path(path).expanduser()
    try:
        path = path.resolve()
    except OSError as exc:
        raise JournalPathError(path, f"cannot use {path}: {exc.strerror}") from exc
    if path.is_dir():
        raise JournalPathError(path, f"{path} is a folder; give a file path for the journal")
    return path


def _rotate_quietly(path: Path, day: date) -> None:
    # A failed backup must not stop the user from writing.
    with contextlib.suppress(OSError):
        backup.rotate(path, day)


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer left mid-save (we hold the lock now).

    They are never the journal itself (the rename did not happen), but they
    hold a copy of the user's text, so they should not linger.
    """
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


class Journal:
    """An open journal. Use :meth:`open`; call :meth:`close` when done.

    Attributes:
        path: the journal file (symlinks resolved).
        read_only: True when another process holds the writer lock; every write
            then raises :class:`JournalReadOnlyError` and nothing is changed.
    """

    def __init__(self, path: Path, data: Tables | Data, lock: JournalLock, *, clock: Clock) -> None:
        self.path = path
        self._lock = lock
        self.read_only = not lock.held
        self._clock = clock
        tables = data if isinstance(data, Tables) else Tables(path, None, {}, data)
        self._storage = AtomicJSONStorage(path, tables, read_only=self.read_only)
        self._tinydb: TinyDB | None = None
        self._mutex = threading.RLock()

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = _local_now,
        today: date | None = None,
        background_backup: bool = False,
    ) -> Journal:
        """Open (or create) the journal at ``path``.

        A missing file is created as a new journal. An existing file must load
        cleanly: an empty, NUL-filled, truncated, foreign or newer file raises
        and is never written over. When another process holds the journal, the
        journal opens read-only.

        Raises:
            JournalPathError: the path is a folder or cannot be read or created.
            JournalCorruptError: the file is damaged (``backup`` names a good one).
            JournalTooNewError: a newer winback wrote the file.
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
        try:
            try:
                lock.acquire()
            except OSError as exc:
                raise JournalPathError(
                    path, f"cannot open the lock file {lock.path}: {exc.strerror}"
                ) from exc
            data = cls._load_or_create(path, lock, clock)
        except BaseException:
            lock.release()
            raise
        journal = cls(path, data, lock, clock=clock)
        if lock.held:
            _remove_stale_temp_files(path)
            day = today or clock().astimezone().date()
            if background_backup:
                # Copying a large journal (and fsyncing it) need not delay the
                # first screen. Safe while saves run: a save replaces the journal
                # by rename, so the copy reads one whole version or the other.
                threading.Thread(
                    target=_rotate_quietly, args=(path, day), name="winback-backup", daemon=True
                ).start()
            else:
                _rotate_quietly(path, day)
        return journal

    @staticmethod
    def _load_or_create(path: Path, lock: JournalLock, clock: Clock) -> Tables:
        try:
            tables = read_tables(path)
        except FileNotFoundError:
            data = new_journal(clock())
            if lock.held:
                try:
                    atomic_write(path, encode(data))
                except OSError as exc:
                    raise JournalPathError(path, f"cannot create {path}: {exc.strerror}") from exc
            return Tables(path, None, {}, data)
        except IsADirectoryError as exc:
            raise JournalPathError(path, f"{path} is a folder") from exc
        except JournalCorruptError as exc:
            exc.backup = backup.newest_good_backup(path)
            if isinstance(exc, JournalMismatchError) and exc.editable:
                exc.message += (
                    ". If you edited it on purpose, see what changed and keep it with:"
                    f" winback accept-edit --db {path}"
                )
            if exc.backup is not None:
                exc.message += (
                    f". The newest good backup is {exc.backup};"
                    f" restore it with: winback restore-backup --db {path}"
                )
            raise
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise JournalPathError(
                    path, f"cannot read {path}: permission denied; check its owner and mode"
                ) from exc
            raise JournalPathError(path, f"cannot read {path}: {exc.strerror}") from exc
        if schema_version(tables) == schema.SCHEMA_VERSION:
            return tables
        raw = path.read_bytes()
        data, _changed = migrate(path, dict(tables.items()))
        tables.close()
        if lock.held:
            # Keep the pre-migration file as a backup before writing the new form.
            try:
                atomic_write(path.with_name(f"{path.name}.pre-migration"), raw)
                atomic_write(path, encode(data))
            except OSError as exc:
                raise JournalWriteError(
                    path, f"could not upgrade {path}: {exc.strerror}; the file was not changed"
                ) from exc
        return Tables(path, None, {}, data)

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

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self.read_only:
            raise JournalReadOnlyError(
                self.path, f"{self.path} is open in another winback window; this one is read-only"
            )
        with self._mutex:
            yield

    def _documents(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """A table's stored documents by id, in insertion order (do not change them).

        Read straight from the storage: TinyDB's ``Table.all`` wraps every
        document in a copy first, which costs milliseconds on a large table
        that the dashboard reads at start-up.
        """
        tables = self._storage.read()
        return list(tables[table].items()) if table in tables else []

    def _document(self, table: str, doc_id: int) -> dict[str, Any] | None:
        """One stored document by id, or None (do not change it)."""
        tables = self._storage.read()
        return tables[table].get(str(doc_id)) if table in tables else None

    def _find(self, table: str, match: Callable[[dict[str, Any]], bool]) -> list[Found]:
        return [Found(doc, int(i)) for i, doc in self._documents(table) if match(doc)]

    def record_count(self) -> int:
        """How many records (of every kind) the journal holds."""
        with self._mutex:
            return sum(len(self._table(name)) for name in self._db.tables() if name != "_meta")

    # --------------------------------------------------------------- settings
    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return a stored setting, or ``default``."""
        key = storable(key)
        with self._mutex:
            docs = self._find("settings", lambda d: d.get("key") == key)
            return docs[0]["value"] if docs else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-compatible setting value."""
        key, value = storable(key), storable(value)
        with self._writing():
            table = self._table("settings")
            docs = self._find("settings", lambda d: d.get("key") == key)
            if docs:
                if docs[0]["value"] != value:
                    table.update({"value": value}, doc_ids=[docs[0].doc_id])
            else:
                table.insert({"key": key, "value": value})

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

    def save_reflection(self, step: int, prompt_id: str, text: str) -> Reflection:
        """Save the answer to one prompt now, keeping a version per day edited.

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
            table = self._table("reflections")
            docs = self._find(
                "reflections", lambda d: d.get("step") == step and d.get("prompt") == prompt_id
            )
            current = self._reflection_from(docs[0]) if docs else None
            updated = record_edit(current, step, prompt_id, text, self.now())
            if updated is current:
                return updated
            doc = self._reflection_doc(updated)
            if docs:
                table.update(doc, doc_ids=[docs[0].doc_id])
            else:
                table.insert(doc)
            return updated
