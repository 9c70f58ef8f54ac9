"""The segment files' CRCs, read by a forked child while the app's modules import.

Opening a journal checks every segment file against the journal's index
(:func:`~winback_tui.store.segments.check`), so that a damaged journal is
refused, and its newest good backup named, before anything is shown. For ten
years of writing that is about 400 files and 85 MB: some 30 ms of reading and
CRC-32, on the critical path of start-up, while the second core sits idle.

That reading needs neither the lock nor the index. So the app forks a child
at its very start, before Textual is imported and before any thread exists
(:meth:`Precheck.start`). The child reads each segment file of the folder,
reports its identity (device, inode, size, modification and change times), its
length and its CRC-32 through a pipe, and exits. When the journal opens, under
its lock, :func:`~winback_tui.store.segments.check` skips a segment only when
the child read a file of the same identity whose length and CRC are the ones
the index records; every other segment is read and checked as before. So the
child can only spare reads that would have passed: what is refused, and the
message that says why, do not change.

Segment files are never changed once written (a new version of a chunk is a
new file, renamed into place), so a file of the same identity holds the bytes
the child read. The child writes nothing, takes no lock and runs no Python
clean-up (``os._exit``); when it fails, is slow or is killed, the parent reads
every segment itself.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import stat
import sys
import threading
import time
import zlib
from collections.abc import Mapping
from pathlib import Path

from winback_tui.store import layout

#: A file as ``stat`` tells it apart: device, inode, size, mtime and ctime (ns).
Identity = tuple[int, int, int, int, int]
#: What the child read of one segment file: its identity, its length and CRC-32.
Checked = tuple[Identity, int, int]

#: How long the parent waits for a child that has not finished, in seconds,
#: before it stops it and reads every segment itself.
WAIT_SECONDS = 5.0


def identity(st: os.stat_result) -> Identity:
    """What tells one version of a file from another."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_folder(folder: Path) -> dict[str, Checked]:
    """Each regular segment file in ``folder``: its identity, length and CRC-32.

    Files that cannot be read, links and folders are left out: the check at
    open reads those itself, and reports them.
    """
    found: dict[str, Checked] = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW
    for name in names:
        if not layout.is_segment_name(name):
            continue
        try:
            fd = os.open(folder / name, flags)
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                continue
            body = os.pread(fd, st.st_size + 1, 0)
        except OSError:
            continue
        finally:
            os.close(fd)
        found[name] = (identity(st), len(body), zlib.crc32(body))
    return found


def _can_fork() -> bool:
    # Only before any thread exists (a fork copies no other thread, and any
    # lock one held stays held). macOS frameworks are not safe across fork.
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


class Precheck:
    """A child reading a journal's segment files; :meth:`results` waits for what it read."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid: int | None = pid
        self._fd: int | None = fd
        self._results: dict[str, Checked] | None = None

    @classmethod
    def start(cls, journal: Path) -> Precheck | None:
        """Fork a child that reads the segments of ``journal``; None when there is nothing to read.

        Call it before any thread starts. Nothing is started for a journal
        without segment files, or where a fork is not safe.
        """
        from winback_tui.store.segments import folder_name  # (segments imports this module)

        folder = journal.parent / folder_name(journal)
        try:
            # The folder may hold only the search index (a small journal's timeline).
            if not _can_fork() or not any(name.endswith(".seg") for name in os.listdir(folder)):
                return None
        except OSError:
            return None  # no folder; or the check at open reads and reports it
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # pragma: no cover - the child, measured by its results
            _child(read_end, write_end, folder)
        os.close(write_end)
        return cls(pid, read_end)

    def results(self, wait: float = WAIT_SECONDS) -> Mapping[str, Checked]:
        """What the child read, by segment file name; empty when it failed or took too long."""
        if self._results is None:
            self._results = self._collect(wait)
        return self._results

    def _collect(self, wait: float) -> dict[str, Checked]:
        fd = self._fd
        if fd is None:
            return {}
        parts: list[bytes] = []
        deadline = time.monotonic() + wait
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([fd], [], [], left)[0]:
                    return {}  # too slow: close() stops it
                part = os.read(fd, 1 << 16)
                if not part:
                    break
                parts.append(part)
        except OSError:
            return {}
        finally:
            self.close()
        try:
            loaded = marshal.loads(b"".join(parts))
        except (EOFError, ValueError, TypeError):
            return {}  # the child died before it wrote everything
        return loaded if isinstance(loaded, dict) else {}

    def close(self) -> None:
        """Stop the child if it still runs and reap it (the results stay)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._pid is not None:
            pid, self._pid = self._pid, None
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    _reap(pid)

    def __enter__(self) -> Precheck:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reap(pid: int, within: float = 1.0) -> None:
    """Reap a killed child, waiting at most ``within`` seconds.

    A child stuck in the kernel (a hung network file system) dies only when
    its read returns: the app does not wait for that. The system reaps it
    once winback exits.
    """
    deadline = time.monotonic() + within
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            return
        time.sleep(0.001)


def _child(read_end: int, write_end: int, folder: Path) -> None:  # pragma: no cover
    """The forked child: read, report, exit without any of the parent's clean-up."""
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        data = marshal.dumps(read_folder(folder))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
    finally:
        os._exit(0)
