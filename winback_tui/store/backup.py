"""Rolling backups kept beside the journal.

The last three good versions live next to the journal as ``NAME.backup-1``
(newest) to ``NAME.backup-3``. They rotate at most once per start and once per
day, and only from a journal that has just loaded cleanly, so a damaged file can
never push the good backups out.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime, time
from pathlib import Path

from winback_tui.store.atomic import FileRange, atomic_write
from winback_tui.store.errors import JournalError
from winback_tui.store.paths import read_regular
from winback_tui.store.schema import decode

KEEP = 3


def backup_paths(journal: Path) -> list[Path]:
    """Return the backup slots of ``journal``, newest first."""
    return [journal.with_name(f"{journal.name}.backup-{i}") for i in range(1, KEEP + 1)]


def rotate(journal: Path, today: date) -> bool:
    """Copy the (just validated) journal into ``backup-1``, shifting the others.

    Returns:
        True if a backup was written, False if today's backup already exists.
    """
    slots = backup_paths(journal)
    newest = slots[0]
    if newest.exists() and datetime.fromtimestamp(newest.stat().st_mtime).date() >= today:
        return False
    # Copied by the kernel, never whole in memory. The open file stays the
    # version that was opened even if a save renames a newer one into place.
    fd = os.open(journal, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        for older, newer in zip(reversed(slots[1:]), reversed(slots[:-1]), strict=True):
            if newer.exists():
                os.replace(newer, older)
        atomic_write(newest, [FileRange(fd, 0, size)])
    finally:
        os.close(fd)
    if datetime.fromtimestamp(newest.stat().st_mtime).date() != today:
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
            decode(slot, read_regular(slot, follow=False))
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
    decode(backup, raw)
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
