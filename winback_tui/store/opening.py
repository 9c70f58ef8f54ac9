"""Opening a journal file: its real path, and the checks and housekeeping around it.

Before :meth:`~winback_tui.store.journal.Journal.open` reads a file: the path
resolved and refused when it is no regular file (or a link dangles); why a
journal cannot be written here, when it cannot; which good backup to name when it
is damaged. After it opens: the temp files killed writers left removed, and the
day's backup rotated.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path

from winback_tui.store import backup
from winback_tui.store.errors import JournalCorruptError, JournalMismatchError, JournalPathError
from winback_tui.store.paths import dangling_link, kind_of, sweep_temp_files


def resolve_journal_path(path: Path) -> Path:
    """The journal's real path (``~`` expanded, symlinks resolved).

    A symbolic link on the way whose target is missing (a drive or vault that
    is not mounted) is refused rather than followed: a new journal would
    quietly start where the link points, folders and all.

    Raises:
        JournalPathError: it cannot be resolved, a link on the way dangles, or
            it is a folder, a FIFO, a device or anything but a regular file.
    """
    path = Path(path).expanduser()
    dangling = dangling_link(path)
    if dangling is not None:
        link, target = dangling
        where = (
            f"{path} is a symbolic link"
            if link == Path(os.path.abspath(path))
            else f"cannot use {path}: the folder {link} is a symbolic link"
        )
        raise JournalPathError(
            path,
            f"{where} to {target}, which does not exist (a drive or vault not mounted?); "
            "mount it or fix the link. Nothing was created",
        )
    try:
        path = path.resolve()
    except (OSError, RuntimeError) as exc:
        reason = getattr(exc, "strerror", None) or "a loop of symbolic links"
        raise JournalPathError(path, f"cannot use {path}: {reason}") from exc
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path  # missing (a new journal) or unreadable: opening says which
    if stat.S_ISDIR(mode):
        raise JournalPathError(path, f"{path} is a folder; give a file path for the journal")
    if not stat.S_ISREG(mode):
        raise JournalPathError(
            path,
            f"{path} is {kind_of(mode)}, not a journal file; give the path of a regular "
            "file with --db",
        )
    return path


def rotate_quietly(path: Path, day: date) -> None:
    # A failed backup must not stop the user from writing.
    with contextlib.suppress(OSError):
        backup.rotate(path, day)


def _legacy_temp_name(journal: Path) -> re.Pattern[str]:
    # How earlier versions named a save's temporary file (mkstemp's 8 characters).
    own = re.escape(journal.name)
    return re.compile(rf"\.{own}(\.backup-\d+|\.pre-migration)?\.[a-z0-9_]{{8}}\.tmp")


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files killed writers left mid-save.

    They are never the journal itself (the rename did not happen), but they
    hold a copy of the user's text, so they should not linger. Today's are
    recognised by their suffix and removed only when no process writes them
    (see :func:`~winback_tui.store.paths.sweep_temp_files`); the older naming
    only while this process holds the journal's lock.
    """
    sweep_temp_files(path.parent)
    legacy = _legacy_temp_name(path)
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            leftover = path.parent / name
            if legacy.fullmatch(name) and leftover.is_file() and not leftover.is_symlink():
                with contextlib.suppress(OSError):
                    leftover.unlink()


def unwritable_reason(path: Path) -> str | None:
    """Why a journal that exists cannot be changed here, or None when it can."""
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return f"{path} is on a read-only file system"
    except OSError:
        pass
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"the folder {path.parent} cannot be written"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only (its permissions)"
    return None


def read_only_notice(why: str) -> str:
    return f"{why}, so winback opened it read-only: you can read everything but not change it"


def saved_at(file: Path) -> str:
    """When ``file`` was last written, in local time to the minute (``2026-12-02 18:22``)."""
    return datetime.fromtimestamp(file.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def offer_backup(path: Path, exc: JournalCorruptError) -> None:
    """Name the newest good backup (and accept-edit, for a hand edit) in ``exc``."""
    exc.backup = backup.newest_good_backup(path)
    if isinstance(exc, JournalMismatchError) and exc.editable:
        exc.message += (
            ". If you edited it on purpose, see what changed and keep it with:"
            f" winback accept-edit --db {path}"
        )
    if exc.backup is not None:
        # When it was saved: backups share the chunk files, so with one of
        # them damaged the newest good backup can be an old one.
        try:
            saved = f" (saved {saved_at(exc.backup)})"
        except OSError:
            saved = ""
        exc.message += (
            f". The newest good backup is {exc.backup}{saved};"
            f" restore it with: winback restore-backup --db {path}"
        )
