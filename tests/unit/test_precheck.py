"""The segment files read by a forked child at launch: it spares reads, never a verdict."""

from __future__ import annotations

import os
import subprocess
import threading
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_store_segments import (  # small_chunks: their autouse fixture
    HURTS,
    VAULT,
    Notes,
    _damage,
    _made,
    _segments,
    small_chunks,  # noqa: F401
)
from winback_tui import cli
from winback_tui.store import Journal, layout, precheck, segments
from winback_tui.store.errors import JournalCorruptError, JournalPathError
from winback_tui.store.precheck import Precheck, read_folder

# Forking a process that has threads (pytest's, Textual's) is what the app
# never does (Precheck.start refuses); the child here only reads and exits.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def may_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precheck, "_can_fork", lambda: True)


def _aged(path: Path) -> Path:
    """Make the segment files look written long ago, as they are when winback starts.

    A file's times tick with the kernel's clock (a few ms): a change within the
    tick of the file's creation can keep its times, which never happens to a
    segment (written once, at a save, then only read).
    """
    for file in _segments(path):
        os.utime(file, ns=(1_000_000_000, 1_000_000_000))
    return path


def _refusal(path: Path, encrypted: bool, start: Precheck | None) -> str | None:
    try:
        Journal.open(path, vault=VAULT if encrypted else None, precheck=start).close()
    except JournalCorruptError as exc:
        return str(exc)
    return None


def test_the_child_reads_each_segment_file_as_the_parent_would(tmp_path: Path) -> None:
    path = _aged(_made(tmp_path, False))
    folder = path.parent / segments.folder_name(path)
    (folder / "notes.txt").write_text("not a segment")
    files = _segments(path)
    started = Precheck.start(path)
    assert started is not None
    child = started._pid
    assert child is not None
    got = started.results()
    assert set(got) == {file.name for file in files}
    for file in files:
        body = file.read_bytes()
        assert got[file.name] == (precheck.identity(os.stat(file)), len(body), zlib.crc32(body))
    assert got == read_folder(folder)
    with pytest.raises(ChildProcessError):  # reaped: no zombie is left behind
        os.waitpid(child, os.WNOHANG)


def test_links_and_folders_are_left_for_the_check_to_report(tmp_path: Path) -> None:
    path = _made(tmp_path, False)
    first, second = _segments(path)[:2]
    _damage(first, "link", 0)
    _damage(second, "folder", 0)
    got = read_folder(first.parent)
    assert first.name not in got and second.name not in got
    assert len(got) == len(_segments(path)) - 2


def test_a_prechecked_open_reads_no_segment_and_opens_the_same_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _aged(_made(tmp_path, False))
    with Journal.open(path) as journal:
        before = Notes(journal)._all()
    reads: list[str] = []
    real = segments.read
    monkeypatch.setattr(
        segments,
        "read",
        lambda *a: reads.append(a[3][4]) or real(*a),  # type: ignore[func-returns-value]
    )
    found = layout.read_segmented(path.read_bytes())
    assert found is not None
    started = Precheck.start(path)
    assert started is not None
    assert segments.check(path, found, started.results()) is None
    assert reads == []
    with Journal.open(path, precheck=started) as journal:
        assert reads == []  # opening read none of them
        assert Notes(journal)._all() == before
    reads.clear()
    assert segments.check(path, found) is None
    assert len(reads) == len(_segments(path))  # without the child, every one is read


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    encrypted=st.booleans(),
    hurt=st.lists(
        st.tuples(
            st.integers(0, 40),
            st.sampled_from(HURTS),
            st.integers(0, 10_000),
            st.booleans(),  # after the child read the folder, or before
        ),
        max_size=2,
        unique_by=lambda h: h[0],
    ),
)
def test_a_prechecked_open_refuses_what_an_open_without_it_refuses(
    tmp_path_factory: pytest.TempPathFactory,
    encrypted: bool,
    hurt: list[tuple[int, str, int, bool]],
) -> None:
    path = _aged(_made(tmp_path_factory.mktemp("precheck"), encrypted))
    files = _segments(path)
    planned = {files[n % len(files)]: (how, at, after) for n, how, at, after in hurt}
    for file, (how, at, after) in planned.items():
        if not after:
            _damage(file, how, at)
    started = Precheck.start(path)
    assert started is not None
    started.results()
    for file, (how, at, after) in planned.items():
        if after:
            _damage(file, how, at)
    assert _refusal(path, encrypted, started) == _refusal(path, encrypted, None)


def test_a_child_too_slow_is_stopped_and_every_segment_is_read(tmp_path: Path) -> None:
    path = _aged(_made(tmp_path, False))
    started = Precheck.start(path)
    assert started is not None
    child = started._pid
    assert child is not None
    assert started.results(wait=0.0) == {}
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    _damage(_segments(path)[3], "flipped", 5)
    assert _refusal(path, False, started) is not None


def test_a_child_that_dies_before_it_reports_spares_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _aged(_made(tmp_path, False))

    def dies(folder: Path) -> dict[str, precheck.Checked]:
        raise MemoryError

    monkeypatch.setattr(precheck, "read_folder", dies)
    started = Precheck.start(path)
    assert started is not None
    assert started.results() == {}
    assert _refusal(path, False, started) is None


def test_no_child_is_forked_once_a_thread_runs_or_without_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()  # the real rule
    path = _made(tmp_path, False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Precheck.start(path) is None
    finally:
        stop.set()
        thread.join()
    small = tmp_path / "small" / "journal.json"
    small.parent.mkdir()
    Journal.open(small).close()
    assert Precheck.start(small) is None
    # A small journal's folder holding only its search index: nothing to read either.
    (small.parent / "journal.json.d").mkdir()
    (small.parent / "journal.json.d" / "search-index").write_bytes(b"x")
    assert Precheck.start(small) is None


def test_the_app_hands_the_child_to_the_journal_it_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _aged(_made(tmp_path, False))
    given: list[object] = []

    def opened(path: Path, **kwargs: object) -> Journal:
        handed = kwargs.get("precheck")
        given.append(handed.results() if isinstance(handed, Precheck) else handed)
        raise JournalPathError(path, "stopped here by the test")

    monkeypatch.setattr(cli.Journal, "open", opened)
    assert cli.main(["--db", str(path)]) != 0
    folder = path.parent / segments.folder_name(path)
    assert given == [read_folder(folder)]
    assert len(given[0]) == len(_segments(path))


def test_a_killed_child_is_waited_for_only_briefly() -> None:
    # A child stuck in a read of a hung file system dies only when the read
    # returns; closing must not wait for that. Here: a child that lives on.
    lasting = subprocess.Popen(["sleep", "30"])
    try:
        precheck._reap(lasting.pid, within=0.05)
        assert lasting.poll() is None  # given up on, not waited for
    finally:
        lasting.kill()
        lasting.wait()
