"""Crash reports that never contain what the user wrote.

Python's and Textual's default reports print the exception message and, in
Textual's case, the local variables of every frame: both can hold a user's
private text. This report keeps only the exception type and where it happened.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType


def safe_report(exc: BaseException) -> str:
    """Describe a crash by exception type and code location only."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [
        f"winback stopped because of an internal error ({type(exc).__name__}).",
        "Everything saved before this moment is safe in your journal.",
        "Where it happened (no journal text is shown here):",
    ]
    for frame in frames[-12:]:
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


def install_excepthook() -> None:
    """Replace ``sys.excepthook`` so a crash outside the app is reported safely too."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            print("winback: interrupted", file=sys.stderr)
            return
        print(safe_report(exc.with_traceback(tb)), file=sys.stderr)

    sys.excepthook = hook
