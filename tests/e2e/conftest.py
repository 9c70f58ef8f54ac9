"""Fixtures for the end-to-end tests: the installed ``winback`` in a real pty.

The harness is ``tests/e2e/ptyterm.py`` (one copy, shared with ``benchmarks/``); this
folder is put on ``sys.path`` here so ``import ptyterm`` and ``import winback_ui`` work
whatever pytest's import mode is.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ptyterm import PtyTerm
from winback_ui import Spawn

#: The console script installed beside the interpreter running the tests.
WINBACK = Path(sys.executable).parent / "winback"


@pytest.fixture
def winback_exe() -> Path:
    """The installed ``winback`` script (the tests drive it, not the source tree)."""
    if not WINBACK.exists():
        pytest.fail(f"{WINBACK} not found: install the package first (pip install -e '.[test]')")
    return WINBACK


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A journal path of this test's own (the file does not exist yet)."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "journal.json"


@pytest.fixture
def spawn(tmp_path: Path, winback_exe: Path, journal: Path) -> Iterator[Spawn]:
    """Start ``winback --db JOURNAL [args]`` in a pty; every copy is killed at the end.

    Call it as ``spawn(*args, db=journal, cols=80, rows=24, stderr_pipe=False, env=None)``;
    each copy gets its own ``HOME`` under ``tmp_path``; ``env`` adds variables.
    """
    terms: list[PtyTerm] = []

    def start(
        *args: str,
        db: Path | None = None,
        cols: int = 80,
        rows: int = 24,
        stderr_pipe: bool = False,
        env: dict[str, str] | None = None,
    ) -> PtyTerm:
        term = PtyTerm(
            [winback_exe, "--db", str(db or journal), *args],
            workdir=tmp_path / f"copy{len(terms)}",
            cols=cols,
            rows=rows,
            stderr_pipe=stderr_pipe,
            env=env,
        )
        terms.append(term)
        return term

    yield start
    for term in terms:
        term.close()
