"""One writer at a time: a second process opens read-only; a crashed holder frees the lock."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from winback_tui.store import Journal, JournalReadOnlyError

HELPER = Path(__file__).with_name("store_lock_helper.py")
TIMEOUT = 30


def _probe(path: Path, text: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HELPER), "probe", str(path), text],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir()}


def test_second_process_is_read_only_until_the_holder_dies(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with subprocess.Popen(
        [sys.executable, str(HELPER), "hold", str(path), "the holder's words"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "ready read_only=False"
            before = _folder(path)

            second = _probe(path, "the second copy's words")
            assert second["read_only"] is True
            assert [e.split(":")[0] for e in second["errors"]] == ["JournalReadOnlyError"] * 2
            assert all("read-only" in e and str(path) in e for e in second["errors"])
            assert second["holder_text"] == "the holder's words"  # it can still read
            # Neither the journal, nor its backups, nor anything else was touched.
            assert _folder(path) == before

            # The same from this (the test's) process, through the API directly.
            with Journal.open(path) as journal:
                assert journal.read_only
                with pytest.raises(JournalReadOnlyError):
                    journal.save_reflection(1, "holder", "overwritten?")
            assert _folder(path) == before

            holder.send_signal(signal.SIGKILL)
            assert holder.wait(timeout=TIMEOUT) == -signal.SIGKILL
        finally:
            holder.kill()

    # The kernel released the dead holder's flock: nobody removed a lock file by hand.
    assert path.with_name(path.name + ".lock").exists()
    third = _probe(path, "the next copy's words")
    assert third["read_only"] is False
    assert third["errors"] == []
    assert third["holder_text"] == "the holder's words"
    with Journal.open(path) as journal:
        prober = journal.reflection(1, "prober")
        holder_reflection = journal.reflection(1, "holder")
        assert prober is not None and prober.text == "the next copy's words"
        assert holder_reflection is not None and holder_reflection.text == "the holder's words"
        assert journal.get_setting("prober") == "the next copy's words"
