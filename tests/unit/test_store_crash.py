"""Crash safety: SIGKILL a real writer process hundreds of times, mid-save.

After every kill the journal must load, and the last save the writer reported as
done must be in it. Stock TinyDB ``JSONStorage`` fails this test: it rewrites the
file in place and truncates last, so a kill mid-write leaves a half-written file
and a kill while the file shrinks leaves the tail of the older, longer text after
the new JSON. (With this writer's pattern, driven through ``TinyDB(path)`` and
``table.upsert``, 27 of 300 kills left a file that no longer parses.)
"""

from __future__ import annotations

import importlib.util
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from winback_tui.store import Journal
from winback_tui.store.paths import TEMP_SUFFIX

WRITER = Path(__file__).with_name("store_crash_writer.py")
FRESH_WRITERS = 5  # writers started as new interpreters (about 0.1 s each)
FORKED_WRITERS = 200  # writers forked from an already-imported server
LINE_TIMEOUT = 20.0


def _load_writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("store_crash_writer", WRITER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writer = _load_writer()


class Lines:
    """Reads lines from a pipe, failing the test instead of hanging forever."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def next(self) -> str | None:
        """Return the next line, or None at end of file."""
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            if not ready:
                pytest.fail(f"the writer printed nothing for {LINE_TIMEOUT} s")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                if self.buffer:
                    rest, self.buffer = self.buffer, b""
                    return rest.decode()
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def __iter__(self) -> Iterator[str]:
        while (line := self.next()) is not None:
            yield line


def _saved_number(line: str) -> int | None:
    if line.startswith("saved "):
        return int(line.split()[1])
    assert line.startswith(("pid ", "dead ")), f"unexpected writer output: {line!r}"
    return None


def _kill_after_random_saves(pid: int, lines: Lines, rng: random.Random) -> int:
    """Let the writer finish 0-3 saves, kill it at a random moment of the next one.

    Returns the highest save number it reported before the kill.
    """
    last = -1
    for _ in range(rng.randrange(4)):
        line = lines.next()
        assert line is not None, "the writer died on its own"
        number = _saved_number(line)
        assert number is not None
        last = number
    # Not synchronisation: a random moment inside the next save (one save of a
    # few hundred kB takes a few milliseconds here).
    time.sleep(rng.uniform(0, 0.004))
    os.kill(pid, signal.SIGKILL)
    return last


def _check_journal(path: Path, reported: int) -> None:
    """The journal loads and holds save ``reported`` or a later one, undamaged."""
    with Journal.open(path) as journal:
        texts = [r.text for r in journal.reflections()]
        assert not journal.read_only
    numbers = [writer.number_of(text) for text in texts]
    assert max(numbers, default=-1) >= reported, (
        f"save {reported} was reported done but the journal only holds {numbers}"
    )
    for number, text in zip(numbers, texts, strict=True):
        assert text == writer.text_for(number), f"save {number} came back altered"


def _temp_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)}


def test_journal_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(20240611)
    path = tmp_path / "journal.json"
    reported = -1  # save numbers never go back: each writer continues from the file
    kills = 0
    cut_mid_write = 0  # kills that left a temp file: they landed inside atomic_write

    for _ in range(FRESH_WRITERS):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path)],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        try:
            assert proc.stdout is not None
            lines = Lines(proc.stdout.fileno())
            # The first save proves the interpreter started; then kill at random.
            first = _saved_number(lines.next() or "")
            assert first is not None and first > reported
            reported = max(reported, first, _kill_after_random_saves(proc.pid, lines, rng))
            assert proc.wait(timeout=LINE_TIMEOUT) == -signal.SIGKILL
            for line in lines:
                reported = max(reported, _saved_number(line) or -1)
        finally:
            proc.kill()
            proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()
        kills += 1
        _check_journal(path, reported)

    server = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), "--fork"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert server.stdin is not None and server.stdout is not None
        lines = Lines(server.stdout.fileno())
        for _ in range(FORKED_WRITERS):
            temps_before = _temp_files(tmp_path)
            server.stdin.write(b"go\n")
            server.stdin.flush()
            started = lines.next()
            assert started is not None and started.startswith("pid "), started
            pid = int(started.split()[1])
            reported = max(reported, _kill_after_random_saves(pid, lines, rng))
            for line in lines:
                if line.startswith("dead "):
                    status = int(line.split()[2])
                    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
                    break
                reported = max(reported, _saved_number(line) or -1)
            kills += 1
            cut_mid_write += bool(_temp_files(tmp_path) - temps_before)
            _check_journal(path, reported)
        server.stdin.close()
        assert server.wait(timeout=LINE_TIMEOUT) == 0
    finally:
        server.kill()
        server.wait()
        assert server.stdout is not None
        server.stdout.close()

    assert kills >= 200
    assert reported > kills  # the writers made real progress between kills
    # Otherwise every kill landed between saves and the test proved nothing.
    assert cut_mid_write >= 5, f"only {cut_mid_write} kills landed inside a save"
