"""Backups survive a kill during rotation: never fewer good ones than before.

A real process rotates the backups over and over (one day later each time) and
is SIGKILLed at random moments. Before the fix, rotation renamed ``backup-1``
away before writing the new one: a kill in between left a gap that later
rotations shifted down, and after 60 kills only ``backup-3`` was left.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from winback_tui.store import Journal, JournalError
from winback_tui.store import backup as backups
from winback_tui.store.schema import decode

ROTATOR = Path(__file__).with_name("store_backup_rotator.py")
KILLS = 60
DAY = date(2031, 3, 14)


def _good_backups(path: Path) -> int:
    good = 0
    for slot in backups.backup_paths(path):
        try:
            decode(slot, slot.read_bytes())
        except (OSError, JournalError):
            continue
        good += 1
    return good


def _wait_line(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> bytes:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        pytest.fail(f"the rotator printed nothing for {timeout} s")
    return proc.stdout.readline()


def test_killing_a_rotation_never_leaves_fewer_good_backups(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, today=DAY - timedelta(days=1)) as journal:
        # Big enough (about 2 MB) that a copy takes a while, so kills land inside it.
        for prompt in range(4):
            journal.save_reflection(1, f"prompt-{prompt}", f"{prompt} sad " * 100_000)
    rng = random.Random(15)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    fewer: list[tuple[int, int, int]] = []
    for kill in range(KILLS):
        before = _good_backups(path)
        first_day = (DAY + timedelta(days=kill * 1000)).toordinal()
        proc = subprocess.Popen(
            [sys.executable, str(ROTATOR), str(path), str(first_day)],
            stdout=subprocess.PIPE,
            env=env,
        )
        try:
            assert _wait_line(proc) == b"ready\n"
            time.sleep(rng.uniform(0.0, 0.03))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()
        after = _good_backups(path)
        if after < before:
            fewer.append((kill, before, after))
    assert not fewer, f"(kill, good before, good after) with fewer backups: {fewer}"
    assert _good_backups(path) == backups.KEEP


def test_a_backup_dated_in_the_future_does_not_stop_rotation(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, today=DAY) as journal:
        journal.save_reflection(1, "why", "written on the real day")
    # One start with the clock a year ahead: that start's backup is dated then.
    with Journal.open(path, today=DAY + timedelta(days=365)) as journal:
        journal.save_reflection(1, "why", "written under a wrong clock")
    future_backup = backups.backup_paths(path)[0].read_bytes()
    # The clock is right again: the next days still get their backups.
    for offset in (1, 2, 3):
        with Journal.open(path, today=DAY + timedelta(days=offset)) as journal:
            journal.save_reflection(1, "why", f"day {offset}")
        newest = backups.backup_paths(path)[0]
        assert newest.read_bytes() != future_backup, f"no backup on day {offset}"
        stamp = newest.stat().st_mtime
        assert date.fromtimestamp(stamp) == DAY + timedelta(days=offset)
    # And a second start on the same day still does not rotate again.
    before = [p.read_bytes() for p in backups.backup_paths(path)]
    with Journal.open(path, today=DAY + timedelta(days=3)):
        pass
    assert [p.read_bytes() for p in backups.backup_paths(path)] == before
