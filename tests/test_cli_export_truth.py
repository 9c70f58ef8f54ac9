"""Export and files tell the truth: real local times, the user's order, draft states,
import counts that match the journal, no lock file left by a refused journal, and a
Markdown export that import recognises.

Every run of ``winback`` gets its own HOME and XDG folders (see ``test_cli_export``).
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from tests.test_cli_export import Run, home, one_error_line, run
from winback_tui.store import Journal
from winback_tui.store.lock import lock_path_for

__all__ = ["home", "run"]  # fixtures, imported for pytest


def _export(run: Run, journal: Path, *args: str, tz: str | None = None) -> str:
    result = run("export", "--db", journal, *args, tz=tz)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


# ------------------------------------------------------- refused journals
def _refused_journals() -> dict[str, bytes]:
    return {
        "empty": b"",
        "foreign": json.dumps({"name": "someone else's notes"}).encode(),
        "damaged": b'{"_meta": {"1": {"app": "winback", "schema": 1}}, "reflections": {"1": {',
        "newer": json.dumps({"_meta": {"1": {"app": "winback", "schema": 99}}}).encode(),
    }


@pytest.fixture
def good_export(run: Run, tmp_path: Path) -> Path:
    source = tmp_path / "source" / "journal.json"
    with Journal.open(source) as journal:
        journal.save_reflection(1, "why", "Words to bring along.")
    target = tmp_path / "export.json"
    target.write_text(_export(run, source, "--format", "json"))
    return target


@pytest.mark.parametrize("kind", ["empty", "foreign", "damaged", "newer"])
def test_a_refused_journal_leaves_no_lock_file(
    run: Run, good_export: Path, tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    target = folder / "journal.json"
    target.write_bytes(_refused_journals()[kind])
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for args in (("import", good_export, "--db", target), ("--db", target)):
        one_error_line(run(*args), target)
        assert not lock_path_for(target).exists(), f"{kind}: {args[0]} left a lock file"
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_refused_journal_keeps_a_lock_file_it_did_not_make(
    run: Run, good_export: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    target.write_bytes(b"")
    lock = lock_path_for(target)
    lock.write_bytes(b"")  # left by an earlier, healthy run
    one_error_line(run("import", good_export, "--db", target), target)
    assert lock.exists()


def test_a_refused_journal_never_removes_a_live_copys_lock(
    run: Run, good_export: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    with Journal.open(target) as holder:
        assert not holder.read_only
        target.write_bytes(b"")  # damaged under the running copy
        one_error_line(run("import", good_export, "--db", target), target)
        lock = lock_path_for(target)
        assert lock.exists()
        # The holder still has it: nobody else can take the lock file at the path.
        fd = os.open(lock, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)


# ------------------------------------------------------- Markdown import
def test_importing_a_markdown_export_says_to_use_json(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "source.json"
    with Journal.open(source) as journal:
        journal.save_reflection(1, "why", "Some words.")
    markdown = tmp_path / "journal.md"
    markdown.write_text(_export(run, source, "--format", "markdown"))
    for merge in ((), ("--merge",)):
        target = tmp_path / f"new{len(merge)}" / "journal.json"
        line = one_error_line(run("import", markdown, "--db", target, *merge), markdown)
        assert "Markdown" in line and "--format json" in line
        assert "nothing was written" in line
        assert not target.parent.exists() or not any(target.parent.iterdir())
