"""The only code that touches the disk: journal storage, lock, schema, backups."""

from winback_tui.store.errors import (
    JournalCorruptError,
    JournalError,
    JournalForeignError,
    JournalMismatchError,
    JournalPathError,
    JournalReadOnlyError,
    JournalTooNewError,
    JournalWriteError,
)
from winback_tui.store.journal import Journal

__all__ = [
    "Journal",
    "JournalCorruptError",
    "JournalError",
    "JournalForeignError",
    "JournalMismatchError",
    "JournalPathError",
    "JournalReadOnlyError",
    "JournalTooNewError",
    "JournalWriteError",
]
