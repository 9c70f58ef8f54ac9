"""One writer per journal, through an advisory ``flock`` on a lock file.

The operating system drops the lock when the holding process dies, however it
dies, so a crashed copy never leaves a stale lock to be removed by hand.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from winback_tui.store.atomic import FILE_MODE
from winback_tui.store.paths import open_regular


def lock_path_for(journal: Path) -> Path:
    """Return the lock file that guards ``journal``."""
    return journal.with_name(journal.name + ".lock")


class JournalLock:
    """An exclusive, non-blocking advisory lock beside a journal."""

    def __init__(self, journal: Path) -> None:
        self.path = lock_path_for(journal)
        self._fd: int | None = None

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
        self._fd = fd
        return True

    def release(self) -> None:
        """Give the lock up (closing the descriptor releases the flock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
