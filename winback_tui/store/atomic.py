"""Crash-safe file writes.

A save never overwrites the journal in place: it writes a temporary file in the
same folder, flushes and fsyncs it, renames it over the journal and fsyncs the
folder so the rename itself survives a power cut. A crash at any moment leaves
either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from winback_tui.store.paths import TEMP_SUFFIX, lock_temp_file, make_private_dirs

FILE_MODE = 0o600
DIR_MODE = 0o700


#: Reads of large files go a chunk at a time: quick, without holding a whole file.
CHUNK = 1 << 20

#: copy_file_range cannot copy between these two files: copy through user space.
_NO_KERNEL_COPY = frozenset({errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP})


class FileRange(NamedTuple):
    """A piece of :func:`atomic_write`'s data that is copied from an open file.

    The kernel copies it (``copy_file_range``) where it can: the bytes never
    pass through Python, and a thread saving a large journal hardly holds the
    interpreter lock while the user types.
    """

    fd: int
    offset: int
    length: int


def read_range(fd: int, offset: int, length: int) -> Iterator[bytes]:
    """Read ``length`` bytes from ``offset`` of an open file, a chunk at a time.

    Raises:
        OSError: the read failed, or the file ended early (EIO).
    """
    end = offset + length
    while offset < end:
        chunk = os.pread(fd, min(CHUNK, end - offset), offset)
        if not chunk:
            raise OSError(errno.EIO, "the journal file ended early")
        offset += len(chunk)
        yield chunk


def _copy_range(piece: FileRange, fd: int) -> None:
    offset, left = piece.offset, piece.length
    kernel_copy = getattr(os, "copy_file_range", None)
    while left and kernel_copy is not None:
        try:
            done = kernel_copy(piece.fd, fd, left, offset_src=offset)
        except OSError as exc:
            if exc.errno not in _NO_KERNEL_COPY:
                raise
            break
        if done == 0:
            raise OSError(errno.EIO, "the journal file ended early")
        offset += done
        left -= done
    for chunk in read_range(piece.fd, offset, left):
        _write_all(fd, chunk)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entry table so a rename in it is durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: Path, data: bytes | Iterable[bytes | FileRange], *, sync_folder: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically, as a 0600 file.

    ``data`` may be given in pieces, so a large file can be written without
    joining it in memory first (the pieces are read only while writing); a
    :class:`FileRange` piece is copied from another open file.

    ``mkstemp`` opens with ``O_CREAT | O_EXCL``, which refuses to follow or reuse a
    symlink planted at the temporary name; it simply tries another name.

    Args:
        path: the file to replace.
        data: its new bytes, whole or in pieces.
        sync_folder: flush the folder's entry table after the rename; False
            for a caller writing several files there that flushes it once.

    Raises:
        OSError: the write failed; ``path`` is unchanged and no temp file is left.
    """
    folder = path.parent
    # A name ending in TEMP_SUFFIX, locked while it is written: if this process is
    # killed, the next winback in this folder knows the file for ours and sees
    # that nobody writes it any more (paths.sweep_temp_files), and removes it.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        try:
            lock_temp_file(fd)
            # mkstemp gives 0600 minus the umask; set it explicitly so an odd umask
            # (say 0177) cannot leave the user unable to write their own file.
            os.fchmod(fd, FILE_MODE)
            for piece in (data,) if isinstance(data, bytes) else data:
                if isinstance(piece, FileRange):
                    _copy_range(piece, fd)
                else:
                    _write_all(fd, piece)
            os.fsync(fd)
            # Renamed while still open (and locked), so a sweep never sees the
            # temporary name unlocked before it is gone.
            os.replace(tmp_name, path)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    if sync_folder:
        fsync_dir(folder)


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and each missing parent) as 0700 whatever the umask.

    Folders that already exist are left as they are: the user may have put the
    journal in a shared place on purpose, and changing its mode could break other
    programs. The default data folder is made private by the caller.
    """
    make_private_dirs(folder)
