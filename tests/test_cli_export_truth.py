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

from tests.test_cli_export import Run, full, home, one_error_line, run
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import Signal, take_check
from winback_tui.domain.readiness import Mindset
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.export import COOLING_OFF_SETTING
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.importer import report_name
from winback_tui.store.lock import lock_path_for
from winback_tui.store.reconnect import MindsetRepo

__all__ = ["full", "home", "run"]  # fixtures, imported for pytest


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
    assert "#### Check-in: mood 4/5 · confidence 3/5 · calm 2/5" in lines
    # An entry last edited on a later day stays on its own day and says when.
    # Step 3's "positive" is the day's mood since schema 2, so the entry shows it.
    entry = next(i for i, line in enumerate(lines) if line.startswith("#### Journal"))
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


# --------------------------------------------------------- import counts
def _summary_counts(line: str) -> tuple[dict[str, int], int, dict[str, int]]:
    """(added per kind, already there, conflicts per kind) from an import's summary line."""

    def counts(part: str) -> dict[str, int]:
        inside = part[part.rindex("(") + 1 : part.rindex(")")]
        return {
            name: int(number) for name, number in (i.rsplit(" ", 1) for i in inside.split(", "))
        }

    parts = line.split("; ")
    added = counts(parts[0]) if not parts[0].startswith("added nothing") else {}
    present = 0
    conflicts: dict[str, int] = {}
    for part in parts[1:]:
        if part.endswith(" already there"):
            present = int(part.split()[0])
        elif " differ from the journal" in part:
            conflicts = counts(part)
    return added, present, conflicts


def _held(run: Run, journal: Path) -> dict[str, int]:
    """What the journal holds, per kind, read back through an export (as the summary names them)."""
    tables = json.loads(_export(run, journal, "--format", "json"))["tables"]
    held: dict[str, int] = {}
    for table, records in tables.items():
        for item in records:
            name = report_name(table, item["record"])
            if name is not None:
                held[name] = held.get(name, 0) + 1
    return held


def _exported_file(run: Run, journal: Path, target: Path) -> Path:
    target.write_text(_export(run, journal, "--format", "json"))
    return target


def _import(run: Run, *args: str | Path) -> tuple[dict[str, int], int, dict[str, int]]:
    result = run("import", *args)
    assert result.returncode == 0, result.stderr.decode()
    return _summary_counts(result.stdout.decode().strip())


def test_import_counts_what_the_journal_then_holds(run: Run, full: Path, tmp_path: Path) -> None:
    source = _exported_file(run, full, tmp_path / "export.json")
    target = tmp_path / "restored.json"
    added, present, conflicts = _import(run, source, "--db", target)
    held = _held(run, target)
    assert added == held
    assert present == 0 and conflicts == {}
    # Through the repositories too: issues, openness checks and contacts as the app sees them.
    with Journal.open(target) as journal:
        stored_issues = [
            e for e in AssessmentRepo(journal).issues() if e.marked or e.my_part or e.title
        ]
        assert added["openness checks"] == len(AssessmentRepo(journal).openness_checks())
        assert added["contacts"] == len(ContactsRepo(journal).all())
        assert added["checkins"] == len(GoalsRepo(journal).checkins.all())
        assert added["issues"] == 3 and len(stored_issues) >= 3


def test_merge_counts_agree_with_the_journal_before_and_after(run: Run, tmp_path: Path) -> None:
    """Overlaps, conflicts, renumbered issues, check-ins following goals, twin contacts."""
    day = date(2026, 3, 3)
    when = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    twin = Contact(when, Channel.MESSAGE, Initiator.ME, Response.NO_REPLY, "", "")
    source_journal = tmp_path / "source.json"
    with Journal.open(source_journal) as journal:
        journal.save_reflection(1, "what-went-wrong", "The file's answer")
        journal.save_reflection(1, "my-part", "Only in the file")
        assessment = AssessmentRepo(journal)
        assessment.add_custom("Jealousy")  # custom-1, clashes with the journal's own
        assessment.set_marked("communication", True)
        assessment.add_openness_check(take_check(frozenset({Signal.ASKED_FOR_SPACE}), when))
        goals = GoalsRepo(journal)
        walk = goals.add("Walk", Area.HEALTH, Cadence(3), day)
        read = goals.add("Read", Area.HOBBY, Cadence(), day)
        goals.check_in(CheckIn(walk.id, day, CheckState.DONE), day)
        goals.check_in(CheckIn(read.id, day, CheckState.DONE), day)
        contacts = ContactsRepo(journal)
        contacts.add(twin)  # logged twice alike: two records of the user's
        contacts.add(twin)
    source = _exported_file(run, source_journal, tmp_path / "export.json")

    target = tmp_path / "mine.json"
    with Journal.open(target) as journal:
        journal.save_reflection(1, "what-went-wrong", "My own answer")  # a conflict
        AssessmentRepo(journal).add_custom("Distance")  # takes custom-1
        goals = GoalsRepo(journal)
        mine = goals.add("Walk", Area.HEALTH, Cadence(3), day)  # the same goal
        goals.check_in(CheckIn(mine.id, day, CheckState.DONE), day)  # the same check-in
        ContactsRepo(journal).add(
            Contact(when, Channel.CALL, Initiator.THEM, Response.WARM, "", "")
        )
    before = _held(run, target)
    file_total = sum(_held(run, source_journal).values())

    added, present, conflicts = _import(run, source, "--merge", "--db", target)
    after = _held(run, target)
    for name in set(before) | set(after):
        assert after.get(name, 0) - before.get(name, 0) == added.get(name, 0), name
    assert added["contacts"] == 2, "both twin contacts are the user's and both arrive"
    assert conflicts == {"reflections": 1}
    assert sum(added.values()) + present + sum(conflicts.values()) == file_total
    with Journal.open(target) as journal:
        checkins = GoalsRepo(journal).checkins.all()
        assert len(checkins) == 2  # Walk's is already there; Read's follows its new goal
        titles = [e.title for e in AssessmentRepo(journal).issues()]
        assert "Jealousy" in titles and "Distance" in titles

    again_added, _, again_conflicts = _import(run, source, "--merge", "--db", target)
    assert again_added == {} and again_conflicts == {"reflections": 1}
    assert _held(run, target) == after


# ------------------------------------------------ exports of older winbacks
#: A JSON export as winback wrote it before these changes (schema 1), kept
#: byte for byte: every export ever made stays importable.
EARLIER_EXPORT = """{
  "app": "winback",
  "format": "winback-export",
  "schema": 1,
  "tables": {
    "assessment": [
      {"id": 1, "record": {"issue_id": "custom-1", "kind": "issue", "marked": true,
        "my_part": "", "title": "Distance"}},
      {"id": 2, "record": {"kind": "counter", "last": 1}},
      {"id": 3, "record": {"at": "2026-03-03T08:15:00+00:00", "kind": "openness",
        "reasons": ["They asked for space."], "signals": ["asked-for-space"],
        "verdict": "not open"}}
    ],
    "boundaries": [
      {"id": 1, "record": {"created": "2026-03-02", "kept": ["2026-03-03"],
        "position": 1, "text": "Second in my list"}},
      {"id": 2, "record": {"created": "2026-03-03", "kept": [], "position": 0,
        "text": "First in my list"}}
    ],
    "drafts": [
      {"id": 1, "record": {"created": "2026-03-03T08:15:00+00:00",
        "edited": "2026-03-03T08:20:00+00:00", "ready": null,
        "text": "Hello.", "title": "A draft", "versions": []}}
    ],
    "settings": [{"id": 1, "record": {"key": "welcome_seen", "value": true}}]
  }
}
"""


def test_an_export_from_an_earlier_winback_still_imports(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "earlier.json"
    source.write_text(EARLIER_EXPORT)
    target = tmp_path / "journal.json"
    added, _, _ = _import(run, source, "--db", target)
    assert added == {
        "boundaries": 2,
        "drafts": 1,
        "issues": 1,
        "openness checks": 1,
        "settings": 1,
    }
    markdown = _export(run, target).splitlines()
    boundaries = [line for line in markdown if line.endswith("in my list")]
    assert boundaries == ["First in my list", "Second in my list"]
    assert "State: rested, not marked ready." in markdown


def test_an_import_that_a_markdown_export_could_not_show_is_refused(
    run: Run, tmp_path: Path
) -> None:
    """A draft timed without a zone would be imported, then break every Markdown export."""
    source = tmp_path / "naive.json"
    draft = {
        "created": "2026-03-03T08:15:00",
        "edited": "2026-03-03T08:20:00",
        "ready": None,
        "text": "Hello.",
        "title": "A draft",
        "versions": [],
    }
    document = {
        "app": "winback",
        "format": "winback-export",
        "schema": 1,
        "tables": {"drafts": [{"id": 1, "record": draft}]},
    }
    source.write_text(json.dumps(document))
    target = tmp_path / "journal.json"
    line = one_error_line(run("import", source, "--db", target), source)
    assert "Markdown export" in line and "nothing was written" in line
    assert not target.exists()
