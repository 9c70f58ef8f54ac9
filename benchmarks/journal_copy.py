"""Copying a benchmark's journal: the file and the chunk files of its large tables.

Kept apart from ``generate_journal.py`` (which imports winback): a benchmark's
parent process imports only this, so the programs it forks and measures do not
inherit winback's memory.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def copy_journal(source: Path, target: Path) -> Path:
    """Copy the journal at ``source`` to ``target`` with the chunk files of its large tables.

    A journal of years keeps its large tables in ``NAME.d/`` beside it (see
    ``winback_tui.store.segments``): copying the file alone would make a
    damaged journal. The chunk files are never changed once written, so they
    are hard-linked where the file system allows (copied where it does not).
    """
    shutil.copyfile(source, target)
    target.chmod(0o600)
    chunks = source.with_name(f"{source.name}.d")
    if chunks.is_dir():
        into = target.with_name(f"{target.name}.d")
        into.mkdir(mode=0o700, exist_ok=True)
        for file in chunks.iterdir():
            try:
                os.link(file, into / file.name)
            except OSError:
                shutil.copyfile(file, into / file.name)
    return target


def journal_bytes(journal: Path) -> int:
    """The size of a journal on disk: its file and its chunk files."""
    size = journal.stat().st_size
    chunks = journal.with_name(f"{journal.name}.d")
    if chunks.is_dir():
        size += sum(file.stat().st_size for file in chunks.iterdir() if file.is_file())
    return size
