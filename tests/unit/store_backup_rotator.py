"""Rotator for the backup crash test: rotates the backups in a loop until killed.

Run by ``test_store_backup_crash.py`` with ``sys.executable``; it imports only
``winback_tui.store`` (never Textual).

Usage:
    store_backup_rotator.py JOURNAL FIRST_DAY   rotate for day FIRST_DAY (an ordinal),
                                                then the next day, and so on, printing
                                                ``ready`` first and ``rotated N`` after
                                                each rotation has returned
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from pathlib import Path

from winback_tui.store import backup


def main() -> None:
    """Rotate until killed."""
    path = Path(sys.argv[1])
    day = date.fromordinal(int(sys.argv[2]))
    os.write(1, b"ready\n")
    n = 0
    while True:
        backup.rotate(path, day + timedelta(days=n))
        os.write(1, f"rotated {n}\n".encode())
        n += 1


if __name__ == "__main__":
    main()
