"""Export (JSON and Markdown) and import, through the store's API."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.unit.export_fixture import BIG, EMOJI, HEADING_TEXT, RTL, STRANGE, Clock, make
from winback_tui.domain.goals import Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.timeline import Kind, TimelineItem
from winback_tui.store import Journal, JournalReadOnlyError
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.export import (
    export_json,
    export_markdown,
    markdown_body,
    open_for_export,
    render_markdown,
    write_export,
)
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.importer import (
    ExportFileError,
    JournalNotEmptyError,
    import_export,
    read_export,
)


@pytest.fixture(scope="module")
def full_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with every kind of record (built once: it holds 2 MB of text)."""
    path = tmp_path_factory.mktemp("full") / "journal.json"
    make(path)
    return path


@pytest.fixture(scope="module")
def exported(full_journal: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full journal's JSON export, as a file."""
    with open_for_export(full_journal) as journal:
        payload = export_json(journal)
    target = tmp_path_factory.mktemp("export") / "export.json"
    target.write_bytes(payload)
    return target


def _import(path: Path, export: Path, *, merge: bool = False) -> str:
    incoming = read_export(export)
    with Journal.open(path) as journal:
        return import_export(journal, incoming, merge=merge).summary()


def _export(path: Path) -> bytes:
    with open_for_export(path) as journal:
        return export_json(journal)


# ---------------------------------------------------------------- round trip
def test_json_export_holds_every_table_and_the_schema(exported: Path) -> None:
    document = json.loads(exported.read_bytes())
    assert document["format"] == "winback-export"
    assert document["app"] == "winback"
    assert document["schema"] == 3
    expected = {
        "assessment",
        "boundaries",
        "checkins",
        "contacts",
        "daily",
        "drafts",
        "entries",
        "goals",
        "reflections",
        "settings",
    }
    assert set(document["tables"]) == expected


def test_export_import_export_gives_identical_json(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    summary = _import(target, exported)
    assert summary.startswith("added ")
    assert _export(target) == exported.read_bytes()


def test_text_comes_back_exactly(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    _import(target, exported)
    with Journal.open(target) as journal:
        what = journal.reflection(1, "what-went-wrong")
        assert what is not None
        assert what.text == "Second day: " + RTL
        assert [v.text for v in what.versions] == ["First try: " + EMOJI]
        assert journal.reflection(2, "big") is not None
        assert journal.reflection(2, "big").text == BIG  # type: ignore[union-attr]
        assert journal.reflection(3, "odd").text == STRANGE  # type: ignore[union-attr]
        assert journal.reflection(1, "my-part").text == HEADING_TEXT  # type: ignore[union-attr]
        texts = [entry.text for entry in EntriesRepo(journal).all()]
        assert BIG in texts
        assert journal.get_setting("theme") == "textual-dark"


def test_exporting_twice_gives_the_same_bytes(full_journal: Path) -> None:
    assert _export(full_journal) == _export(full_journal)


def test_merge_twice_adds_nothing_the_second_time(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    clock = Clock(datetime(2026, 5, 1, 9, tzinfo=UTC))
    with Journal.open(target, clock=clock) as journal:
        journal.save_reflection(4, "mine", "My own words, written here.")
    first = _import(target, exported, merge=True)
    assert first.startswith("added ")
    after_first = target.read_bytes()
    second = _import(target, exported, merge=True)
    assert second.startswith("added nothing")
    assert target.read_bytes() == after_first, "a merge that adds nothing must not write"
    with Journal.open(target) as journal:
        assert journal.reflection(4, "mine") is not None
        assert len(journal.reflections()) == 5


def test_merge_keeps_the_journals_version_and_counts_the_conflict(
    exported: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.json"
    with Journal.open(target) as journal:
        journal.save_reflection(1, "what-went-wrong", "My newer answer")
    summary = _import(target, exported, merge=True)
    assert "1 differ" in summary and "reflections 1" in summary
    with Journal.open(target) as journal:
        kept = journal.reflection(1, "what-went-wrong")
        assert kept is not None and kept.text == "My newer answer"


def test_merged_check_ins_follow_their_goal_and_issues_get_free_ids(
    exported: Path, tmp_path: Path
) -> None:
    """Ids already taken in the journal: the imported goal and issue are renumbered."""
    target = tmp_path / "mine.json"
    today = date(2026, 3, 3)
    with Journal.open(target) as journal:
        goals = GoalsRepo(journal)
        own = goals.add("Sleep by eleven", Area.HEALTH, Cadence(), today)
        goals.check_in(CheckIn(own.id, today, CheckState.DONE), today)
        AssessmentRepo(journal).add_custom("Distance")  # takes custom-1
    _import(target, exported, merge=True)
    with Journal.open(target) as journal:
        goals = GoalsRepo(journal)
        by_title = {goal.title: goal for goal in goals.all(include_archived=True)}
        run = by_title["Run three times a week 🏃"]
        talk = by_title["Say how I feel"]
        assert len({own.id, run.id, talk.id}) == 3
        days = {(c.goal_id, c.state) for c in goals.checkins.all()}
        assert (run.id, CheckState.DONE) in days
        assert (talk.id, CheckState.SKIPPED) in days
        assert (own.id, CheckState.DONE) in days
        issues = {entry.title: entry.issue_id for entry in AssessmentRepo(journal).issues()}
        assert issues["Distance"] == "custom-1"
        assert issues["Jealousy 😬"] not in ("custom-1", "")
        assert talk.source == issues["Jealousy 😬"], "the goal must keep pointing at its issue"
        # a new custom issue still gets an unused id
        added = AssessmentRepo(journal).add_custom("Trust")
        assert added.issue_id not in set(issues.values())


def test_a_journal_with_records_is_refused_without_merge(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    with Journal.open(target) as journal:
        journal.save_reflection(1, "why", "mine")
    before = target.read_bytes()
    with pytest.raises(JournalNotEmptyError, match="--merge"):
        _import(target, exported)
    assert target.read_bytes() == before


def test_settings_alone_do_not_make_a_journal_non_empty(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    with Journal.open(target) as journal:
        journal.set_setting("welcome_seen", True)
        journal.set_setting("theme", "nord")
    _import(target, exported)
    with Journal.open(target) as journal:
        assert journal.get_setting("theme") == "nord", "the journal's own setting is kept"
        assert len(journal.reflections()) == 4


def test_import_needs_the_writer_lock(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    incoming = read_export(exported)
    with Journal.open(target) as holder:
        before = target.read_bytes()
        with Journal.open(target) as second:
            assert second.read_only
            with pytest.raises(JournalReadOnlyError):
                import_export(second, incoming, merge=False)
        assert holder.record_count() == 0
    assert target.read_bytes() == before


def test_export_reads_while_another_copy_holds_the_journal(full_journal: Path) -> None:
    with Journal.open(full_journal) as holder:
        assert not holder.read_only
        before = sorted(p.name for p in full_journal.parent.iterdir())
        content = full_journal.read_bytes()
        with open_for_export(full_journal) as journal:
            assert journal.read_only
            assert b'"winback-export"' in export_json(journal)
        assert sorted(p.name for p in full_journal.parent.iterdir()) == before
        assert full_journal.read_bytes() == content


# ------------------------------------------------------------- refused files
def _valid(exported: Path) -> dict[str, object]:
    document: dict[str, object] = json.loads(exported.read_bytes())
    return document


BAD_FILES: dict[str, bytes | None] = {
    "empty": b"",
    "blank": b"  \n",
    "not JSON": b"Dear diary,\n",
    "binary": bytes(range(256)),
    "NUL-filled": b"\x00" * 64,
    "a JSON list": b"[1, 2]",
    "foreign JSON": b'{"tables": {}, "schema": 1}',
    "a journal, not an export": b'{"_meta": {"1": {"app": "winback", "schema": 1}}}',
    "NaN": b'{"format": "winback-export", "app": "winback", "schema": 1, "tables": {"x": NaN}}',
    "duplicate keys": b'{"format": "winback-export", "format": "winback-export"}',
    "truncated": None,
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_malformed_files_are_refused(name: str, exported: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    content = BAD_FILES[name]
    bad.write_bytes(exported.read_bytes()[:4000] if content is None else content)
    with pytest.raises(ExportFileError) as caught:
        read_export(bad)
    message = str(caught.value)
    assert str(bad) in message and "nothing was written" in message
    assert "\n" not in message


def _variant(exported: Path, tmp_path: Path, change: str) -> Path:
    document = _valid(exported)
    tables = document["tables"]
    assert isinstance(tables, dict)
    if change == "newer schema":
        document["schema"] = 99
    elif change == "schema missing":
        del document["schema"]
    elif change == "format missing":
        del document["format"]
    elif change == "other app":
        document["app"] = "other"
    elif change == "goal without a title":
        del tables["goals"][0]["record"]["title"]
    elif change == "check-in with a bad day":
        tables["checkins"][0]["record"]["day"] = "yesterday"
    elif change == "id twice":
        tables["contacts"][1]["id"] = tables["contacts"][0]["id"]
    elif change == "id not a number":
        tables["contacts"][0]["id"] = "1"
    elif change == "a record not an object":
        tables["contacts"][0]["record"] = "hello"
    elif change == "tables not an object":
        document["tables"] = []
    elif change == "a _meta table":
        tables["_meta"] = [{"id": 1, "record": {"app": "winback", "schema": 1}}]
    elif change == "a setting without a value":
        tables["settings"].append({"id": 99, "record": {"key": "theme-2"}})
    elif change == "a _layout table":
        tables["_layout"] = [{"id": 1, "record": {"format": 1}}]
    elif change == "an unknown table":
        tables["\x1b[2Jmine"] = [{"id": 1, "record": {}}]
    path = tmp_path / f"{change.replace(' ', '-')}.json"
    path.write_text(json.dumps(document))
    return path


@pytest.mark.parametrize(
    "change",
    [
        "newer schema",
        "schema missing",
        "format missing",
        "other app",
        "goal without a title",
        "check-in with a bad day",
        "id twice",
        "id not a number",
        "a record not an object",
        "tables not an object",
        "a _meta table",
        "a setting without a value",
        "a _layout table",
        "an unknown table",
    ],
)
def test_damaged_or_foreign_exports_are_refused(
    change: str, exported: Path, tmp_path: Path
) -> None:
    bad = _variant(exported, tmp_path, change)
    with pytest.raises(ExportFileError) as caught:
        read_export(bad)
    assert str(bad) in str(caught.value)
    if change == "newer schema":
        assert "newer winback" in str(caught.value)
    if change == "a setting without a value":
        assert "'settings'" in str(caught.value)


def test_a_setting_without_a_value_never_reaches_the_journal(
    exported: Path, tmp_path: Path
) -> None:
    """Imported, it would make ``get_setting`` raise KeyError on every start."""
    bad = _variant(exported, tmp_path, "a setting without a value")
    with pytest.raises(ExportFileError):
        read_export(bad)
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        assert journal.get_setting("theme-2", "default") == "default"


# ------------------------------------------------------------------ Markdown
def _headings(markdown: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    found: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1].children or []
            found.append((token.tag, "".join(child.content for child in inline)))
    return found


@pytest.fixture(scope="module")
def markdown(full_journal: Path) -> Iterator[str]:
    with open_for_export(full_journal) as journal:
        yield export_markdown(journal)


def test_markdown_groups_by_step_then_day(markdown: str) -> None:
    headings = _headings(markdown)
    h2 = [text for tag, text in headings if tag == "h2"]
    assert h2 == [
        "Step 1: Assess the Situation",
        "Step 2: Focus on Self-Improvement",
        "Step 3: Reconnect",
        "Step 4: Be Patient and Persistent",
        "Not tied to a step",
    ]
    assert headings[0] == ("h1", "winback journal")
    h3 = [text for tag, text in headings if tag == "h3"]
    assert "Tuesday 3 March 2026" in h3 and "Thursday 1 January 2026" in h3
    assert "Underlying issues" in h3


def test_user_text_never_makes_headings(markdown: str) -> None:
    headings = [text for _, text in _headings(markdown)]
    for line in ("Not a heading", "Nor this", "A line", "Heading-like line"):
        assert not any(text.strip() == line for text in headings), line
    # The text still reads as written once rendered.
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "# Not a heading" in rendered and "## Nor this" in rendered


def test_an_unclosed_fence_in_user_text_does_not_swallow_the_rest() -> None:
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    items = [
        TimelineItem(Kind.JOURNAL_ENTRY, 1, at, "Journal", "```\n<!--\n---\n=", "e:1"),
        TimelineItem(Kind.JOURNAL_ENTRY, None, at, "Journal #1 ##", "after", "e:2"),
    ]
    headings = _headings(render_markdown(items))
    texts = [text for _, text in headings]
    assert "Step 1: Assess the Situation" in texts and "Not tied to a step" in texts
    assert "09:00 · Journal #1 ##" in texts
    assert sum(1 for tag, _ in headings if tag == "h4") == 2


@pytest.mark.parametrize("indent", [1, 2, 3])
@pytest.mark.parametrize(
    "line",
    ["# not a heading", "> not a quote", "- not a list", "1. not a list", "```", "---", "<div>"],
)
def test_a_line_indented_by_one_to_three_spaces_stays_a_paragraph(indent: int, line: str) -> None:
    """CommonMark reads block markers after up to three spaces: they need the escape too."""
    text = " " * indent + line
    body = markdown_body(text)
    tokens = MarkdownIt("commonmark").parse(body)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], body
    rendered = MarkdownIt("commonmark").render(body)
    assert html.unescape(rendered) == f"<p>{line}</p>\n"


def test_markdown_body_shows_control_characters_and_keeps_line_breaks() -> None:
    body = markdown_body("one\ntwo\x1b[31m\x00\n\n\n> quoted\n1) first")
    assert "\x1b" not in body and "\x00" not in body and "␛" in body and "␀" in body
    assert body.splitlines() == ["one  ", "two␛[31m␀", "", "\\> quoted  ", "1\\) first"]


def test_markdown_export_of_an_empty_journal(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    Journal.open(path).close()
    with open_for_export(path) as journal:
        assert "Nothing written yet." in export_markdown(journal)


def test_markdown_has_draft_and_entry_text(markdown: str) -> None:
    assert "Morning pages. " + EMOJI in markdown
    assert "\\# Heading-like line" in markdown
    assert "lone \ufffd surrogate" in markdown


# ------------------------------------------------------------------- files
def test_export_files_are_private_even_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = write_export(tmp_path / "out.md", b"hello\n")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me")
    with pytest.raises(FileExistsError):
        write_export(target, b"new")
    assert target.read_text() == "keep me"
    write_export(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_drafts_survive_the_round_trip_with_their_history(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    _import(target, exported)
    with Journal.open(target) as journal:
        drafts = DraftsRepo(journal).all()
    assert [d.title for d in drafts] == ["Hello again ✉️", "Empty one"]
    assert drafts[0].ready_at is not None and len(drafts[0].versions) == 1


def test_records_kept_by_day_show_no_time_and_come_first_in_their_day() -> None:
    noon = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    items = [
        TimelineItem(
            Kind.JOURNAL_ENTRY, 2, datetime(2026, 3, 3, 7, 30, tzinfo=UTC), "Morning", "x", "e:1"
        ),
        TimelineItem(Kind.CHECK_IN, 2, noon, "Done: Walk", "Done: Walk", "c:10", timed=False),
        TimelineItem(Kind.CHECK_IN, 2, noon, "Done: Read", "Done: Read", "c:9", timed=False),
    ]
    h4 = [text for tag, text in _headings(render_markdown(items)) if tag == "h4"]
    assert h4 == ["Done: Walk", "Done: Read", f"{items[0].at.astimezone():%H:%M} · Morning"]
