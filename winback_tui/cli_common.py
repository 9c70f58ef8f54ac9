"""What every sub-command shares: printing safely, failing in one line, the journal's lock."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from winback_tui.store import JournalCorruptError, JournalError
from winback_tui.store.lock import JournalLock

EXIT_USER_ERROR = 2


# Control characters (C0, DEL, C1), bidirectional overrides and the lone
# surrogates a non-UTF-8 file name decodes to: none may reach the terminal raw.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to print: file names and table names come from files and users.

    An escape sequence in a name would act on the terminal; it is shown as
    ``\\x1b`` instead, as Python shows it.
    """
    return _UNPRINTABLE.sub(_escaped, text)


def say(message: str) -> None:
    print(printable(message))


def fail(message: str) -> int:
    print(f"winback: {printable(message)}", file=sys.stderr)
    return EXIT_USER_ERROR


def exclusive(path: Path) -> JournalLock | str:
    """The journal's lock, held; or why it cannot be had (nothing was changed)."""
    lock = JournalLock(path)
    try:
        if not lock.acquire():
            return f"{path} is open in another winback; close it first"
    except OSError as exc:
        return f"cannot lock {path}: {exc.strerror}; nothing was changed"
    return lock


def journal_failure(exc: JournalError) -> int:
    if isinstance(exc, JournalCorruptError) and exc.backup is None:
        return fail(f"{exc}; move it aside to start afresh, or pass --db to use another file")
    return fail(str(exc))
