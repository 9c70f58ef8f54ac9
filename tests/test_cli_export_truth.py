"""Export and files tell the truth: real local times, the user's order, draft states,
import counts that match the journal, no lock file left by a refused journal, and a
Markdown export that import recognises.

Every run of ``winback`` gets its own HOME and XDG folders (see ``test_cli_export``).
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_cli_export import Run, home, one_error_line, run
from winback_tui.domain.goals import Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.readiness import Mindset
from winback_tui.store import Journal
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.export import COOLING_OFF_SETTING
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.lock import lock_path_for
from winback_tui.store.reconnect import MindsetRepo

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


# ------------------------------------------------------------ real times
class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _timed_journal(path: Path) -> None:
    """Records at known instants (UTC), and records kept by day only."""
    clock = _Clock(datetime(2026, 3, 3, 2, 5, tzinfo=UTC))
    with Journal.open(path, clock=clock) as journal:
        journal.save_reflection(1, "what-went-wrong", "Written at 02:05 UTC.")
        clock.now = datetime(2026, 3, 3, 14, 40, tzinfo=UTC)
        draft = DraftsRepo(journal).create("Later that day")
        DraftsRepo(journal).save_text(draft.id, "Written at 14:40 UTC.")
        goals = GoalsRepo(journal)
        goal = goals.add("Walk", Area.HEALTH, Cadence(3), date(2026, 3, 3))
        goals.check_in(CheckIn(goal.id, date(2026, 3, 3), CheckState.DONE), date(2026, 3, 3))
        MindsetRepo(journal).rate(Mindset(date(2026, 3, 3), 4, 3, 2))
        entries = EntriesRepo(journal)
        entries.save_text(date(2026, 3, 3), "The day's entry.")
        clock.now = datetime(2026, 3, 5, 18, 20, tzinfo=UTC)
        entries.save_text(date(2026, 3, 3), "The day's entry, reread two days later.")


@pytest.mark.parametrize(
    ("tz", "reflection", "draft", "edited"),
    [
        # 02:05 UTC is still 2 March in New York; 14:40 UTC is 09:40 there.
        (
            "America/New_York",
            ("Monday 2 March 2026", "21:05"),
            "09:40",
            "Thursday 5 March 2026 at 13:20",
        ),
        (
            "Asia/Kolkata",
            ("Tuesday 3 March 2026", "07:35"),
            "20:10",
            "Thursday 5 March 2026 at 23:50",
        ),
    ],
)
def test_markdown_shows_each_records_real_local_time(
    run: Run,
    tmp_path: Path,
    tz: str,
    reflection: tuple[str, str],
    draft: str,
    edited: str,
) -> None:
    path = tmp_path / "journal.json"
    _timed_journal(path)
    lines = _export(run, path, tz=tz).splitlines()
    day, time = reflection
    step1 = lines.index("## Step 1: Assess the Situation")
    assert lines[step1 + 2] == f"### {day}"
    assert lines[step1 + 4] == f"#### {time} · Reflection: What went wrong"
    assert f"#### {draft} · Draft: Later that day" in lines
    # Kept by day only: the day's heading, and no time of day at all.
    assert "#### Done: Walk" in lines
    assert "#### New goal: Walk" in lines
    assert "#### Mindset: positive 4/5, confident 3/5, calm 2/5" in lines
    # An entry last edited on a later day stays on its own day and says when.
    entry = lines.index("#### Journal")
    assert lines[entry + 2] == f"Last edited on {edited}."
    assert not any("12:00" in line for line in lines), "no made-up noon"


# ----------------------------------------------------------- user's order
def test_markdown_lists_boundaries_in_the_order_the_user_gave_them(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        repo = BoundariesRepo(journal)
        first_day = date(2026, 3, 1)
        made = [
            repo.add(f"Boundary number {n}", first_day + timedelta(days=n % 3))
            for n in range(1, 13)
        ]
        for _ in range(11):  # the last one, moved to the top
            repo.move(made[-1].id, -1)
        repo.move(made[0].id, 1)  # and the first one down a place
        order = [b.text for b in repo.all()]
    assert order[:3] == ["Boundary number 12", "Boundary number 2", "Boundary number 1"]
    found = [line for line in _export(run, path).splitlines() if line.startswith("Boundary n")]
    assert found == order


# ---------------------------------------------------------- draft states
def test_markdown_says_each_drafts_state_and_never_suggests_sending(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "journal.json"
    hour_ago = _Clock(datetime.now(UTC) - timedelta(hours=1))
    with Journal.open(path, clock=hour_ago) as journal:
        journal.set_setting(COOLING_OFF_SETTING, 30)
        drafts = DraftsRepo(journal)
        ready = drafts.create("Marked ready")
        drafts.save_text(ready.id, "I waited and reread it.")
        drafts.mark_ready(ready.id, hour_ago.now + timedelta(minutes=40))
        rested = drafts.create("Rested")
        drafts.save_text(rested.id, "Waited long enough, not marked.")
        resting = drafts.create("Still resting")
        hour_ago.now = datetime.now(UTC)
        drafts.save_text(resting.id, "Written just now.")
        marked_at = (hour_ago.now - timedelta(minutes=20)).astimezone()
    lines = _export(run, path).splitlines()

    def state_of(title: str) -> str:
        heading = next(i for i, line in enumerate(lines) if line.endswith(f"· Draft: {title}"))
        return lines[heading + 2]

    assert state_of("Marked ready").startswith("State: marked ready on ")
    assert state_of("Marked ready").endswith(
        f" at {marked_at:%H:%M}. It stays here: winback never sends anything."
    )
    assert state_of("Rested") == "State: rested, not marked ready."
    resting_state = state_of("Still resting")
    assert resting_state.startswith("State: resting, ") and "of its pause left" in resting_state
    assert "30 minutes" in resting_state or "29 minutes" in resting_state
    words = " ".join(lines).lower()
    assert words.count("send") == words.count("never sends")


def test_the_export_reads_the_pause_length_step3_writes() -> None:
    from winback_tui.screens import step3

    assert step3.COOLING_OFF_SETTING == COOLING_OFF_SETTING
