"""A full disk during a save: the caller is told, the previous file is intact, nothing is left."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from winback_tui.store import Journal, JournalWriteError, atomic
from winback_tui.store.paths import TEMP_SUFFIX


class _FullDisk:
    """Stands in for ``os`` inside ``winback_tui.store.atomic`` only.

    ``write`` lets half of the first chunk through (so a partial temp file exists
    when the error comes), then reports ENOSPC; ``fsync`` reports ENOSPC, as a filesystem
    that delays allocation does. Everything else is the real ``os``.
    """

    def __init__(self, real: ModuleType, fail: str) -> None:
        self._real = real
        self._fail = fail
        self.failures = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def _enospc(self) -> OSError:
        self.failures += 1
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def write(self, fd: int, data: Any) -> int:
        if self._fail != "write":
            return int(self._real.write(fd, data))
        if not getattr(self, "_let_one_through", False):
            self._let_one_through = True
            return int(self._real.write(fd, bytes(data[: len(data) // 2])))
        self._let_one_through = False
        raise self._enospc()

    def copy_file_range(self, src: int, dst: int, count: int, offset_src: int) -> int:
        # The kernel's copy of the unchanged tables meets the same full disk.
        if self._fail == "write":
            raise self._enospc()
        return int(self._real.copy_file_range(src, dst, count, offset_src=offset_src))

    def fsync(self, fd: int) -> None:
        if self._fail == "fsync":
            raise self._enospc()
        self._real.fsync(fd)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("fail", ["write", "fsync"])
def test_disk_full_keeps_the_previous_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    path = tmp_path / "journal.json"
    journal = Journal.open(path)
    journal.save_reflection(1, "why", "what I saved first")
    journal.save_reflection(2, "goal", "walk every morning")
    journal.set_setting("theme", "dark")
    before = _listing(tmp_path)

    full = _FullDisk(os, fail)
    monkeypatch.setattr(atomic, "os", full)
    attempts: list[Callable[[], object]] = [
        lambda: journal.save_reflection(1, "why", "an edit the disk refused " * 500),
        lambda: journal.save_reflection(3, "draft", "a new answer the disk refused"),
        lambda: journal.set_setting("theme", "light"),
    ]
    for attempt in attempts:
        with pytest.raises(JournalWriteError) as caught:
            attempt()
        message = str(caught.value)
        assert str(path) in message and "No space left on device" in message
        assert "intact" in message
        # The journal is byte-identical and no temp file was left behind.
        assert _listing(tmp_path) == before
        # What the journal shows is what is on disk, not the refused edit.
        why = journal.reflection(1, "why")
        assert why is not None and why.text == "what I saved first"
        assert journal.reflection(3, "draft") is None
        assert journal.get_setting("theme") == "dark"
    assert full.failures == len(attempts)

    monkeypatch.undo()
    journal.save_reflection(3, "draft", "saved once there was room again")
    journal.close()

    with Journal.open(path) as reopened:
        why = reopened.reflection(1, "why")
        goal = reopened.reflection(2, "goal")
        draft = reopened.reflection(3, "draft")
        assert why is not None and why.text == "what I saved first"
        assert goal is not None and goal.text == "walk every morning"
        assert draft is not None and draft.text == "saved once there was room again"
        assert reopened.get_setting("theme") == "dark"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
