"""One writer per journal, through an advisory ``flock`` on a lock file.

The operating system drops the lock when the holding process dies, however it
dies, so a crashed copy never leaves a stale lock to be removed by hand.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from winback_tui.store.atomic import FILE_MODE
from winback_tui.store.paths import open_regular

#: How often :meth:`JournalLock.acquire` tries again when the lock file it
#: opened was removed before it could lock it.
_ATTEMPTS = 5


def lock_path_for(journal: Path) -> Path:
    """Return the lock file that guards ``journal``."""
    return journal.with_name(journal.name + ".lock")


class JournalLock:
    """An exclusive, non-blocking advisory lock beside a journal."""

    def __init__(self, journal: Path) -> None:
        self.path = lock_path_for(journal)
        self._fd: int | None = None
        # Whether this process made the lock file (it was not there before).
        self._created = False

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Try to take the lock without waiting.

        Returns:
            True if this process is now the writer, False if another holds it.

        The lock file is never opened through a symbolic link (a link planted
        at ``NAME.lock`` would have winback create or chmod whatever it points
        at), and a lock file that is not a regular file is refused.

        Raises:
            SymlinkRefusedError: the lock file is a symbolic link.
            NotRegularFileError: the lock file is a FIFO, a device or a folder.
            OSError: the lock file cannot be created or opened.
        """
        if self._fd is not None:
            return True
        for _attempt in range(_ATTEMPTS):
            created = True
            try:
                fd = open_regular(
                    self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE, follow=False
                )
            except FileExistsError:
                created = False
                fd = open_regular(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE, follow=False)
            try:
                os.fchmod(fd, FILE_MODE)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            except BaseException:
                os.close(fd)
                raise
            if _same_file(fd, self.path):
                self._fd, self._created = fd, created
                return True
            # The file locked was removed (by a copy that refused the journal)
            # between our open and our flock: lock the one now at the path.
            os.close(fd)
        raise OSError(errno.EAGAIN, "the lock file keeps changing", str(self.path))

    def release(self, *, remove_if_created: bool = False) -> None:
        """Give the lock up (closing the descriptor releases the flock).

        Args:
            remove_if_created: also delete the lock file, but only when this
                process created it and holds it (a journal that was refused
                leaves nothing behind). A lock file another copy made, or holds,
                is never touched: it is removed while the flock is still held,
                and :meth:`acquire` re-checks that the file it locked is still
                the one at the path.
        """
        if self._fd is None:
            return
        if remove_if_created and self._created and _same_file(self._fd, self.path):
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None
        self._created = False


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open ``fd`` is the file at ``path`` now (not a removed one)."""
    try:
        there = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    here = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
