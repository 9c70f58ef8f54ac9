"""Privacy on disk: files 0600 and new folders 0700 whatever the umask; no symlink games."""

from __future__ import annotations

import itertools
import os
import stat
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from winback_tui.store import Journal
from winback_tui.store.backup import backup_paths
from winback_tui.store.lock import lock_path_for
from winback_tui.store.paths import TEMP_SUFFIX

DAY = date(2031, 3, 14)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    value: int = request.param
    previous = os.umask(value)
    try:
        yield value
    finally:
        os.umask(previous)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077, 0o277], indirect=True)
def test_files_are_private_and_new_folders_too(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "new" / "deeper" / "journal.json"
    with Journal.open(path, today=DAY) as journal:
        journal.save_reflection(1, "why", "what I will not tell anyone")
    # A second day rotates the backups: a moved backup keeps its mode too.
    with Journal.open(path, today=DAY + timedelta(days=1)) as journal:
        journal.save_reflection(1, "why", "day two")

    assert _mode(tmp_path / "new") == 0o700
    assert _mode(tmp_path / "new" / "deeper") == 0o700
    assert _mode(path) == 0o600
    assert _mode(lock_path_for(path)) == 0o600
    backups = [p for p in backup_paths(path) if p.exists()]
    assert len(backups) == 2
    for backup in backups:
        assert _mode(backup) == 0o600, backup.name
    # And nothing else (no temp file) was left in the folder.
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        [path.name, lock_path_for(path).name, *(b.name for b in backups)]
    )


def _planted_names(planted: str, handed_out: list[str]) -> Iterator[str]:
    for name in itertools.chain([planted], (f"fresh{i:03d}" for i in itertools.count())):
        handed_out.append(name)
        yield name


@pytest.mark.parametrize("victim_exists", [True, False], ids=["victim", "dangling"])
def test_symlink_at_the_temp_name_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, victim_exists: bool
) -> None:
    folder = tmp_path / "data"
    path = folder / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "why", "before")

    victim = tmp_path / "victim.txt"
    if victim_exists:
        victim.write_bytes(b"someone else's file\n")
        victim.chmod(0o644)
    handed_out: list[str] = []
    with Journal.open(path) as journal:
        # Planted while the journal is open (opening clears stale temp files).
        # mkstemp names its file PREFIX + candidate + SUFFIX; the save's first
        # candidate is made to be the name where an attacker planted a symlink.
        planted = folder / f".{path.name}.planted{TEMP_SUFFIX}"
        planted.symlink_to(victim)
        monkeypatch.setattr(
            tempfile, "_get_candidate_names", lambda: _planted_names("planted", handed_out)
        )
        journal.save_reflection(1, "why", "after")

    assert "planted" in handed_out  # the trap was really offered to the save
    assert planted.is_symlink() and planted.readlink() == victim
    if victim_exists:
        assert victim.read_bytes() == b"someone else's file\n"
        assert _mode(victim) == 0o644
    else:
        assert not victim.exists()
    monkeypatch.undo()
    with Journal.open(path) as journal:
        reflection = journal.reflection(1, "why")
    assert reflection is not None and reflection.text == "after"
    assert _mode(path) == 0o600
