"""Paths the store reads or writes, checked before they are used.

Which files belong to a journal (so an export can never land on one of them),
refusing symbolic links and non-regular files where winback must not follow or
block on them, making private folders whatever the umask, and sweeping the
temporary files a killed winback left behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import time
from pathlib import Path

#: Every temporary file winback makes ends with this, so a sweep can never
#: mistake somebody else's file for one of ours.
TEMP_SUFFIX = ".winback-tmp"

#: A temporary file this recent is never swept, even when it is unlocked: its
#: writer may have created it a moment ago and not yet locked it.
STALE_AFTER = 60.0

_DIR_MODE = 0o700


# ------------------------------------------------------------ the journal's files
def is_journal_file_name(journal: Path, name: str) -> bool:
    """Whether ``name`` (beside ``journal``) is one of the files winback keeps for it.

    The journal itself, its lock, its folder of segment files, its backups,
    the files a restore or a migration set aside, and the temporary files of a
    save (of this version's naming and of older ones).
    """
    own = journal.name
    if name in (own, f"{own}.lock", f"{own}.d"):
        return True
    if re.fullmatch(re.escape(own) + r"\.backup-\d+", name):
        return True
    if name.startswith((f"{own}.damaged-", f"{own}.pre-migration")):
        return True
    return name.startswith(f".{own}.") and name.endswith((".tmp", TEMP_SUFFIX))


def describe_journal_file(journal: Path, name: str) -> str:
    """What one of the journal's files is, in the user's words."""
    own = journal.name
    if name == own:
        return "the journal itself"
    if name == f"{own}.lock":
        return "the journal's lock file"
    if name == f"{own}.d":
        return "the folder that holds the journal's large tables"
    if name.endswith(".seg"):
        return "one of the files that hold the journal's large tables"
    if name.startswith(f"{own}.backup-"):
        return "one of the journal's backups"
    if name.startswith(f"{own}.damaged-"):
        return "a copy of the journal that a restore set aside"
    if name.startswith(f"{own}.pre-migration"):
        return "the copy of the journal kept from before an upgrade"
    return "a temporary file of a save of the journal"


def _identity(path: Path, *, follow: bool) -> tuple[int, int] | None:
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def journal_files(journal: Path) -> list[Path]:
    """The files of ``journal`` (see :func:`is_journal_file_name`) that exist now."""
    try:
        names = os.listdir(journal.parent)
    except OSError:
        return []
    return [journal.parent / name for name in names if is_journal_file_name(journal, name)]


def journal_file_clash(journal: Path, target: Path) -> Path | None:
    """The file of ``journal`` that writing to ``target`` would hit, or None.

    ``target`` is compared by name (its folder and every symbolic link resolved)
    and by identity (device and inode, so a hard link under another name is
    caught too) with the journal, its lock, backups, set-aside copies and
    temporary files.

    Args:
        journal: the journal's real path (symlinks resolved).
        target: the path about to be written.
    """
    target = Path(os.path.abspath(Path(target).expanduser()))
    names = [target]
    with contextlib.suppress(OSError, RuntimeError):
        names.append(target.parent.resolve() / target.name)
    with contextlib.suppress(OSError, RuntimeError):
        names.append(target.resolve())
    segments = journal.parent / f"{journal.name}.d"
    for name in names:
        if name.parent == journal.parent and is_journal_file_name(journal, name.name):
            return journal.parent / name.name
        if name.parent == segments:
            return name  # one of the files that hold the journal's large tables
    ids = {i for i in (_identity(target, follow=True), _identity(target, follow=False)) if i}
    if ids:
        for own in journal_files(journal):
            if _identity(own, follow=False) in ids or _identity(own, follow=True) in ids:
                return own
    return None


# --------------------------------------------------------------- file kinds
def kind_of(mode: int) -> str:
    """A user's name for a non-regular file type."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


class NotRegularFileError(OSError):
    """A path that must be a regular file is something else; ``strerror`` says what."""


class SymlinkRefusedError(OSError):
    """A path winback must not follow is a symbolic link."""


def not_regular(path: Path) -> NotRegularFileError:
    """The error for ``path``, which exists but is not a regular file."""
    try:
        kind = kind_of(os.stat(path).st_mode)
    except OSError:
        kind = "not a regular file"
    return NotRegularFileError(errno.EINVAL, f"it is {kind}, not a regular file", str(path))


def refuse_symlink(path: Path) -> SymlinkRefusedError:
    """The error for ``path``, a symbolic link winback will not follow."""
    return SymlinkRefusedError(
        errno.ELOOP,
        "it is a symbolic link, which winback does not follow; remove the link",
        str(path),
    )


def open_regular(path: Path, flags: int, mode: int = 0o600, *, follow: bool) -> int:
    """Open a regular file without ever blocking on a pipe or a device.

    Args:
        path: the file.
        flags: ``os.O_*`` flags (``O_NONBLOCK`` and ``O_CLOEXEC`` are added).
        mode: for a file created by ``O_CREAT``.
        follow: follow a symbolic link at ``path``; if False, a link is refused.

    Raises:
        SymlinkRefusedError: ``follow`` is False and ``path`` is a link.
        NotRegularFileError: ``path`` is a FIFO, a device, a socket or a folder.
        OSError: it cannot be opened.
    """
    flags |= os.O_NONBLOCK | os.O_CLOEXEC
    if not follow:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow and os.path.islink(path):
            raise refuse_symlink(path) from None
        if exc.errno in (errno.EISDIR, errno.ENXIO, errno.ENODEV):
            raise not_regular(path) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise not_regular(path)
        # Reads and writes of a regular file never block anyway; clear the flag
        # so nothing downstream sees EAGAIN.
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, *, follow: bool = True) -> bytes:
    """Read a whole regular file; a FIFO, device or socket is refused at once.

    Raises:
        SymlinkRefusedError, NotRegularFileError, OSError: see :func:`open_regular`.
    """
    fd = open_regular(path, os.O_RDONLY, follow=follow)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


# ------------------------------------------------------------------ folders
def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and every missing parent as 0700, whatever the umask.

    Each missing level is made with ``mkdir(0o700)`` and then chmod-ed, so a
    umask of 000 cannot leave a world-writable ``~/.local``. Folders that already
    exist are left as they are.
    """
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe):
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(item, _DIR_MODE)
        if not os.path.islink(item):  # a link planted meanwhile: never chmod its target
            os.chmod(item, _DIR_MODE)


def dangling_link(path: Path) -> tuple[Path, Path] | None:
    """The first symbolic link on the way to ``path`` whose target is missing.

    Returns:
        (the link, where it points), or None when every link on the way leads
        somewhere (or there is none).
    """
    path = Path(os.path.abspath(Path(path).expanduser()))
    parts = path.parts
    for count in range(2, len(parts) + 1):
        probe = Path(*parts[:count])
        if os.path.islink(probe) and not os.path.exists(probe):
            return probe, Path(os.path.realpath(probe))
        if not os.path.lexists(probe):
            return None  # nothing further exists, so no link is further on
    return None


# ----------------------------------------------------------- temporary files
def lock_temp_file(fd: int) -> None:
    """Mark a temporary file as in use by this process until ``fd`` is closed.

    The sweep (see :func:`sweep_temp_files`) removes only temporary files
    nobody holds this lock on, so a file being written is never removed.
    """
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def sweep_temp_files(folder: Path, *, now: float | None = None) -> list[Path]:
    """Delete the temporary files killed winbacks left in ``folder``.

    Only files winback makes (a name starting with ``.`` and ending with
    :data:`TEMP_SUFFIX`), that are regular files of this user, older than
    :data:`STALE_AFTER` seconds, and that no living process holds locked (a
    winback locks each temporary file while it writes it): they hold a partial
    copy of someone's journal and should not linger.

    Returns:
        The files removed.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            continue
        if now - info.st_mtime < STALE_AFTER:
            continue
        path = Path(entry.path)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # its writer is alive
            if _identity(path, follow=False) == (info.st_dev, info.st_ino):
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed
