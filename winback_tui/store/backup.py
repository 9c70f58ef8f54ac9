"""Rolling backups kept beside the journal.

The last three good versions live next to the journal as ``NAME.backup-1``
(newest) to ``NAME.backup-3``. A backup is a copy of the journal file only: it
shares the segment files of the large tables (see :mod:`~winback_tui.store.segments`),
which stay until no backup names them. They rotate at most once per start and once per
day, and only from a journal that has just loaded cleanly, so a damaged file can
never push the good backups out. A rotation killed halfway never leaves fewer
good backups than there were before it.
"""

from __future__ import annotations

import contextlib
import glob
import os
from datetime import date, datetime, time
from pathlib import Path

from winback_tui.store import segments
from winback_tui.store.atomic import FileRange, atomic_write, fsync_dir
from winback_tui.store.errors import JournalError
from winback_tui.store.paths import TEMP_SUFFIX, read_regular
from winback_tui.store.schema import verify

KEEP = 3


def backup_paths(journal: Path) -> list[Path]:
    """Return the backup slots of ``journal``, newest first."""
    return [journal.with_name(f"{journal.name}.backup-{i}") for i in range(1, KEEP + 1)]


def _backup_day(slot: Path) -> date | None:
    try:
        return datetime.fromtimestamp(slot.stat().st_mtime).date()
    except OSError:
        return None


def _is_due(newest: Path, today: date) -> bool:
    """Whether a new backup is due: none yet, or the newest is not from today.

    A backup's day is its mtime, which winback itself set under whatever the
    clock said then. One start with the clock in the future dated a backup
    with that day, and trusting it ("not older than today") stopped rotation
    until the world caught up. A backup from any other day than today, later
    ones included, is not today's backup: a new one is due.
    """
    return _backup_day(newest) != today


def _stage(folder: Path, name: str) -> Path:
    # Hidden, and ending in .tmp as older winbacks named their temp files: the
    # sweep in store.paths knows it, and rotate() removes its own leftovers.
    return folder / f".{name}.rotating.tmp"


def _copy_over(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source`` in one atomic step (a hard link where possible)."""
    staged = _stage(target.parent, target.name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staged)
    try:
        os.link(source, staged)
    except OSError:
        # No hard links here (some network and FAT file systems): copy instead.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            atomic_write(target, [FileRange(fd, 0, os.fstat(fd).st_size)])
        finally:
            os.close(fd)
        return
    os.replace(staged, target)


def rotate(journal: Path, today: date) -> bool:
    """Copy the (just validated) journal into ``backup-1``, shifting the others.

    Crash-safe: a kill at any moment leaves at least as many good backups as
    there were before. The new copy is written and fsynced under a temporary
    name first; then, oldest first, each slot becomes a copy of the next newer
    one (``backup-3`` a hard link of ``backup-2``, then ``backup-2`` of
    ``backup-1``), each by an atomic rename, so every slot that held a good
    backup holds one at every moment; last, the new copy is renamed into
    ``backup-1``. (Renaming ``backup-1`` away first, as before, left a gap
    after a kill that the next rotations shifted down until one backup was
    left.)

    Returns:
        True if a backup was written, False if today's backup already exists.
    """
    slots = backup_paths(journal)
    newest = slots[0]
    if not _is_due(newest, today):
        return False
    # A copy being made names segment files that no finished file may name yet:
    # the clean-up after a save waits until it is in place (store.segments).
    with segments.LOCK:
        return _rotate(journal, today, slots)


def _rotate(journal: Path, today: date, slots: list[Path]) -> bool:
    newest = slots[0]
    staged = _stage(journal.parent, newest.name + ".new")
    # atomic_write's own temp file for the staged copy, if a kill left one.
    for leftover in journal.parent.glob(f".{glob.escape(staged.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
    # Copied by the kernel, never whole in memory. The open file stays the
    # version that was opened even if a save renames a newer one into place.
    fd = os.open(journal, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        atomic_write(staged, [FileRange(fd, 0, os.fstat(fd).st_size)])
    finally:
        os.close(fd)
    for older, newer in zip(reversed(slots[1:]), reversed(slots[:-1]), strict=True):
        if newer.exists():
            _copy_over(newer, older)
    os.replace(staged, newest)
    fsync_dir(journal.parent)
    if _backup_day(newest) != today:
        # The day of a backup is read from its mtime: when ``today`` is not the
        # wall clock's day (an injected clock), date the file on ``today`` so the
        # next start on the same day does not rotate again.
        noon = datetime.combine(today, time(12)).timestamp()
        os.utime(newest, (noon, noon))
    return True


def newest_good_backup(journal: Path) -> Path | None:
    """Return the newest backup that loads as a valid journal, if any.

    A slot that is a symbolic link, a FIFO or a device is skipped, never read.
    """
    for slot in backup_paths(journal):
        try:
            verify(slot, read_regular(slot, follow=False))
        except (OSError, JournalError):
            continue
        return slot
    return None


def restore(journal: Path, backup: Path, now: datetime) -> Path | None:
    """Put ``backup`` in place of ``journal``; the caller must hold the lock.

    The current journal file is never deleted: it is moved aside as
    ``NAME.damaged-YYYYMMDD-HHMMSS`` so nothing the user wrote can be lost by a
    restore.

    Returns:
        Where the previous journal was moved, or None if there was none.

    Raises:
        JournalError: the backup itself does not load.
    """
    raw = read_regular(backup)  # never blocks on a FIFO or a device
    verify(backup, raw)
    kept: Path | None = None
    if journal.exists():
        stem = f"{journal.name}.damaged-{now:%Y%m%d-%H%M%S}"
        kept = journal.with_name(stem)
        # Two restores within one second must not put the second file over the first.
        serial = 1
        while kept.exists() or kept.is_symlink():
            serial += 1
            kept = journal.with_name(f"{stem}-{serial}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(journal, kept)
    atomic_write(journal, raw)
    return kept
