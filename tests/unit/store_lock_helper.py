"""Second-process helper for ``test_store_lock.py``; imports only ``winback_tui.store``.

Usage:
    store_lock_helper.py hold JOURNAL TEXT   open, save TEXT, print ``ready``, then
                                             block until stdin closes (or a kill)
    store_lock_helper.py probe JOURNAL TEXT  open, try to save TEXT, print one JSON
                                             line describing what happened
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from winback_tui.store import Journal, JournalError

STEP = 1


def hold(path: Path, text: str) -> None:
    """Be the writer: save, say so, then keep the journal open."""
    journal = Journal.open(path)
    journal.save_reflection(STEP, "holder", text)
    print(f"ready read_only={journal.read_only}", flush=True)
    sys.stdin.read()
    journal.close()


def probe(path: Path, text: str) -> None:
    """Open as a second copy and report what the user would see."""
    journal = Journal.open(path)
    errors: list[str] = []
    for write in (
        lambda: journal.save_reflection(STEP, "prober", text),
        lambda: journal.set_setting("prober", text),
    ):
        try:
            write()
        except JournalError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    holder = journal.reflection(STEP, "holder")
    report = {
        "read_only": journal.read_only,
        "errors": errors,
        "holder_text": holder.text if holder else None,
    }
    journal.close()
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    {"hold": hold, "probe": probe}[sys.argv[1]](Path(sys.argv[2]), sys.argv[3])
