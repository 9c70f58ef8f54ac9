"""Typed errors raised by the store.

Every error carries the journal path and a one-line message written for the
user: the command line prints it as is, the app shows it in a notice.
"""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base class for every problem with a journal file the user can act on."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


class JournalPathError(JournalError):
    """The journal path cannot be used (a folder, no permission, bad parent)."""


class JournalCorruptError(JournalError):
    """The file exists but is not a readable journal; it is left untouched.

    Attributes:
        backup: the newest backup that loads cleanly, if there is one.
    """

    def __init__(self, path: Path, message: str, backup: Path | None = None) -> None:
        super().__init__(path, message)
        self.backup = backup


class JournalMismatchError(JournalCorruptError):
    """The file's bytes disagree with its own index: damaged, or edited by hand.

    It is refused untouched: a single flipped bit can still be valid JSON
    (``"sad"`` read as ``"cad"``), and loading it would let the next save write
    a fresh index over the damage.

    Attributes:
        tables: the tables whose bytes differ from what the index records.
        editable: the file still parses as a journal, so a deliberate hand
            edit can be kept (``winback accept-edit``).
    """

    def __init__(self, path: Path, message: str, tables: list[str], *, editable: bool) -> None:
        super().__init__(path, message)
        self.tables = tables
        self.editable = editable


class JournalForeignError(JournalCorruptError):
    """The file is valid JSON but was not written by winback."""


class JournalTooNewError(JournalError):
    """The file was written by a newer winback; it is refused and left untouched."""


class JournalReadOnlyError(JournalError):
    """A write was attempted on a journal opened read-only (another copy holds it)."""


class JournalWriteError(JournalError):
    """A save failed (disk full, permission); the previous file is unchanged."""
