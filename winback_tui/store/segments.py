"""Segment files: the chunks of a journal's large tables, kept beside the journal file.

Years of writing make a few tables large (journal entries, daily check-ins,
contacts). Rewriting all of them for every save of one answer made a save cost
the whole file. So a large table's chunks (see :data:`~layout.ChunkInfo`) live
in their own files, in a folder beside the journal (``journal.json.d/``), and
the journal file's index names them (layout format 3). A save writes only the
chunks that changed, as new files, then the journal file, which is small.

A segment file:

- holds exactly the bytes its chunk would have inline (the members of a JSON
  object, or one sealed chunk of an encrypted journal), and its length and
  CRC-32 are in the index;
- is named by a hash of those bytes and never changed once written (a new
  version of a chunk is a new file), written under a temporary name, flushed
  and renamed, so a crash leaves the previous journal file with all of its
  segments;
- is removed only when no file of the journal's family (the journal, its
  backups, its kept copies) names it any more (:func:`collect`).

Backups are copies of the journal file only: they share its segments.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import zlib
from collections.abc import Mapping
from pathlib import Path

from winback_tui.store import layout
from winback_tui.store.atomic import atomic_write, fsync_dir
from winback_tui.store.errors import JournalCorruptError
from winback_tui.store.paths import (
    make_private_dirs,
    sweep_temp_files,
)
from winback_tui.store.precheck import Checked, identity

#: Held while segments are removed, and while a backup is made: a backup being
#: copied names segments that no finished file may name yet.
LOCK = threading.RLock()


def folder_name(journal: Path) -> str:
    """The name of the folder of ``journal``'s segments (beside it)."""
    return f"{journal.name}.d"


def file_name(body: bytes) -> str:
    """The name of the segment file holding ``body``."""
    import hashlib  # here: only a save names segments, and start-up need not pay

    return hashlib.sha256(body).hexdigest()[:32] + ".seg"


def _damaged(path: Path, table: str, file: str, why: str) -> JournalCorruptError:
    return JournalCorruptError(
        path, f"{path} has a damaged table {table!r}: its part {file} {why}; it was not changed"
    )


def read(path: Path, folder: str, table: str, info: layout.SegmentInfo) -> bytes:
    """The bytes of one segment of ``table`` of the journal at ``path``, checked.

    Raises:
        JournalCorruptError: the segment is missing, not a regular file, or does
            not match its length and CRC.
    """
    length, crc, _first, _count, file = info
    where = path.parent / folder / file
    try:
        fd = os.open(where, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise _damaged(path, table, file, "is missing") from None
    except OSError as exc:
        raise _damaged(path, table, file, f"cannot be read ({exc.strerror})") from None
    try:
        body = os.pread(fd, length + 1, 0)
    except OSError as exc:
        raise _damaged(path, table, file, f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(body) != length or zlib.crc32(body) != crc:
        raise _damaged(path, table, file, "does not match the journal's index")
    return body


def read_held(
    path: Path, fd: int | None, folder: str, table: str, info: layout.SegmentInfo
) -> bytes:
    """:func:`read`, for a copy of the journal open at ``fd`` since before the newest save.

    A read-only window keeps reading the journal file it opened; another
    winback's save since then may have removed a segment that file names.
    That is no damage, and the error says so.
    """
    try:
        return read(path, folder, table, info)
    except JournalCorruptError:
        if not _replaced(path, fd):
            raise
        raise JournalCorruptError(
            path,
            f"{path} was saved by another winback after this one opened it, and a part of"
            f" {table!r} that this one still had to read has been replaced since. Nothing is"
            " damaged: quit and open winback again to read it as it is now",
        ) from None


def _replaced(path: Path, fd: int | None) -> bool:
    """Whether the journal file at ``path`` is no longer the one open at ``fd``."""
    if fd is None:
        return False
    try:
        held, now = os.fstat(fd), os.stat(path)
    except OSError:
        return True
    return (held.st_dev, held.st_ino) != (now.st_dev, now.st_ino)


def check(
    path: Path, segmented: layout.Segmented, known: Mapping[str, Checked] | None = None
) -> str | None:
    """The first table of ``segmented`` with a missing or damaged segment, or None.

    ``known``: what a :class:`~winback_tui.store.precheck.Precheck` child read.
    A segment it read as the index records it, in a file that is still the
    same, is not read again; every other one is.
    """
    folder = path.parent / segmented.folder
    for table, infos in segmented.tables.items():
        for info in infos:
            if known and _known_good(folder, info, known):
                continue
            try:
                read(path, segmented.folder, table, info)
            except JournalCorruptError:
                return table
    return None


def _known_good(folder: Path, info: layout.SegmentInfo, known: Mapping[str, Checked]) -> bool:
    length, crc, _first, _count, file = info
    seen = known.get(file)
    if seen is None or seen[1:] != (length, crc):
        return False
    try:
        now = os.stat(folder / file, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(now.st_mode) and identity(now) == seen[0]


def write(journal: Path, folder: str, bodies: Mapping[str, bytes]) -> None:
    """Write new segment files (named by :func:`file_name`), durably, before the index names them.

    A file that already exists under its name holds the same bytes (the name
    is their hash) and is left as it is.

    Raises:
        OSError: a write failed; nothing the journal file names was touched.
    """
    if not bodies:
        return
    where = journal.parent / folder
    make_private_dirs(where)
    for name, body in bodies.items():
        target = where / name
        if target.exists():
            continue
        atomic_write(target, body, sync_folder=False)  # the folder is flushed once, below
    fsync_dir(where)


def _family(journal: Path) -> list[Path]:
    """Every file beside ``journal`` that is a copy of it (backups, kept and staged copies)."""
    own = journal.name
    try:
        names = os.listdir(journal.parent)
    except OSError:
        return []
    return [
        journal.parent / name
        for name in names
        if (name == own or name.startswith((f"{own}.", f".{own}.")))
        and not name.endswith((".d", ".lock"))
    ]


def _named_by(copy: Path) -> set[str] | None:
    """The segments a copy of the journal names; None when it cannot be read."""
    try:
        fd = os.open(copy, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW)
    except OSError:
        return set()  # gone, a link or a folder: it names nothing
    try:
        head = os.pread(fd, layout.MAX_HEAD, 0)
    except OSError:
        return None
    finally:
        os.close(fd)
    found = layout.read_segmented(head)
    if found is None:
        return set()
    return {info[4] for infos in found.tables.values() for info in infos}


def collect(journal: Path) -> list[Path]:
    """Remove the segment files no file of ``journal``'s family names any more.

    Nothing is removed when a copy cannot be read (it might name them). Temp
    files a killed save left in the folder are swept as in the journal's own.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    where = journal.parent / folder_name(journal)
    with LOCK:
        try:
            present = [name for name in os.listdir(where) if layout.is_segment_name(name)]
        except OSError:
            return removed
        named: set[str] = set()
        for copy in _family(journal):
            found = _named_by(copy)
            if found is None:
                return removed
            named |= found
        for name in present:
            if name not in named:
                with contextlib.suppress(OSError):
                    os.unlink(where / name)
                    removed.append(where / name)
        sweep_temp_files(where)
    return removed


def inline(path: Path, raw: bytes) -> bytes:
    """A segmented journal file's bytes as one file (layout format 2), its segments read in.

    For code that checks or parses a whole file at once (a damaged file, an
    edit to accept, a backup, a conversion). The index keeps every CRC it
    recorded, so a segment that was changed shows as its table differing; one
    that is missing raises. Any other file is given back as it is.

    Raises:
        JournalCorruptError: a segment is missing or unreadable.
    """
    segmented = layout.read_segmented(raw)
    found = layout.read_layout(raw)
    if segmented is None or found is None:
        return raw
    entries, chunks = found
    lines = raw.split(b"\n")
    own = lines[1:-2] if len(lines) >= 3 else []
    if own and not own[-1].endswith(b","):
        own[-1] += b","
    sealed = bool(entries) and entries[0][0] == "_crypt"
    opening, closing = (b"[", b"]") if sealed else (b"{", b"}")
    all_entries = list(entries)
    all_chunks = dict(chunks)
    tables: list[bytes] = []
    for table, infos in segmented.tables.items():
        bodies = []
        for info in infos:
            try:
                bodies.append(read(path, segmented.folder, table, info))
            except JournalCorruptError as exc:
                if "does not match" not in exc.message:
                    raise
                where = path.parent / segmented.folder / info[4]
                bodies.append(where.read_bytes())  # as it is: its table shows as differing
        info4 = [(length, crc, first, count) for length, crc, first, count, _file in infos]
        body = opening + b",".join(bodies) + closing
        all_entries.append((table, len(body), layout.chunk_list_crc(info4)))
        all_chunks[table] = info4
        tables.append(layout.table_line(table, body))
    body_lines = own + [line + b"," for line in tables]
    if body_lines:
        body_lines[-1] = body_lines[-1][:-1]
    head = layout.index_line(all_entries, all_chunks)
    return head + b"\n".join(body_lines) + b"\n}\n"
