"""A real read-only file system for tests (a tmpfs, remounted read-only).

Only root can mount: elsewhere the tests that need it are skipped, and the
permission-based tests (which root would bypass) run instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", *args], capture_output=True, timeout=30, check=False)
    return done.returncode == 0


@contextlib.contextmanager
def read_only_folder(folder: Path, fill: Callable[[Path], None]) -> Iterator[Path]:
    """Mount a small tmpfs at ``folder``, let ``fill`` write into it, then make it read-only."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(folder)):
        pytest.skip("mounting a tmpfs needs root")
    try:
        fill(folder)
        if not _mount("-o", "remount,ro", str(folder)):
            pytest.skip("cannot remount the tmpfs read-only here")
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30, check=False)
