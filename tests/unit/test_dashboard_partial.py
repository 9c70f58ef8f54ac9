"""The dashboard read from the chunks that can hold what it shows equals a full read.

Issue 20: home must show within 1.3× the bare Textual app on a decade of
writing. The dashboard reads only the chunks of the large tables that can hold
what it shows (the chunk bounds of :mod:`~winback_tui.store.chunk_bounds`);
these tests check, on journals of many small chunks written out of order, that
it shows exactly what reading every chunk shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dashboard_store import NOW, TODAY, fill

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import DAILY, CheckIn, CheckState
from winback_tui.domain.issues import COMMON_ISSUES, Area
from winback_tui.domain.openness import Signal, take_check
from winback_tui.domain.reconnect import Draft
from winback_tui.store import Journal, assessment, memo, storage, summaries
from winback_tui.store import contacts as contacts_store
from winback_tui.store import drafts as drafts_store
from winback_tui.store import goals as goals_store
from winback_tui.store import home_log as home_log_store
from winback_tui.store.assessment import AssessmentRepo, check_to_doc
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.convert import encrypt_journal
from winback_tui.store.dashboard import Dashboard, dashboard_for_journal
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.export import export_document, journal_data
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.home_log import home_log


@pytest.fixture(autouse=True)
def small_chunks() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "CHUNK_DOCS", 4)
        yield


def read_in_full(journal: Journal, today: object = TODAY) -> Dashboard:
    """The dashboard as a full read gives it: no chunk's bound known, so every chunk is read."""
    memo.forget(journal)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage.Tables, "bounds", lambda self, name: None)
        board = dashboard_for_journal(journal, today)  # type: ignore[arg-type]
    memo.forget(journal)
    return board


def chunks_read(journal: Journal, table: str) -> int:
    """How many chunks of ``table`` are held in memory (read since the journal opened)."""
    tables = journal._storage.read()
    return sum(1 for chunk in tables._chunked[table] if chunk.docs is not None)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10**6),
    no_contact=st.booleans(),
    late=st.lists(st.tuples(st.integers(-3, 400), st.integers(0, 2)), max_size=12),
    days_on=st.integers(-5, 40),
    letters=st.lists(st.sampled_from(["", "  ", "Words.", "More words."]), max_size=12),
    taken=st.lists(
        st.tuples(st.integers(0, 400), st.frozensets(st.sampled_from(list(Signal)), max_size=2)),
        max_size=10,
    ),
)
def test_the_dashboard_from_some_chunks_equals_a_full_read(
    tmp_path_factory: pytest.TempPathFactory,
    seed: int,
    no_contact: bool,
    late: list[tuple[int, int]],
    days_on: int,
    letters: list[str],
    taken: list[tuple[int, frozenset[Signal]]],
) -> None:
    path = tmp_path_factory.mktemp("partial") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        fill(journal, seed, no_contact)
        # Years of checks, some of them holds, taken in any order.
        AssessmentRepo(journal)._insert_many(
            [check_to_doc(take_check(signals, NOW - timedelta(days=ago))) for ago, signals in taken]
        )
        # Old days imported last, recent ones among them: chunks out of order.
        goals = GoalsRepo(journal)
        goal = goals.add("Read", Area.HOBBY, DAILY, TODAY - timedelta(days=500)).id
        docs = [
            goals_store._checkin_doc(
                CheckIn(goal, TODAY - timedelta(days=ago), CheckState(state_of(kind)), "why"),
                NOW - timedelta(days=max(ago, 0)),
            )
            for ago, kind in late
        ]
        goals.checkins._insert_many(docs)
        DraftsRepo(journal)._insert_many(
            [
                drafts_store._to_doc(Draft(f"Letter {n}", text, NOW, NOW))
                for n, text in enumerate(letters)
            ]
        )
    with Journal.open(path, clock=lambda: NOW) as journal:
        dashboard_for_journal(journal, TODAY)  # home, as the app shows it: summaries made
        journal.set_setting("theme", "nord")  # any save keeps them
    # A fresh open: nothing read yet, as at start-up; on that day, or later, or (a clock
    # set back) earlier, when the summary no longer holds.
    today = TODAY + timedelta(days=days_on)
    with Journal.open(path, clock=lambda: NOW + timedelta(days=days_on)) as journal:
        board = dashboard_for_journal(journal, today)
        summarised = not home_log(journal, today).whole
        large = journal._storage.read().bounds("contacts") is not None
        assert summarised == (large and days_on >= -1)  # a short log is read whole
        written = DraftsRepo(journal).written_count()
        assert board == read_in_full(journal, today)
        docs = memo.stored_docs(journal, "drafts")
        assert written == sum(1 for d in docs if str(d.get("text", "")).strip())


def state_of(kind: int) -> str:
    return [CheckState.DONE, CheckState.SKIPPED, CheckState.DONE][kind].value


def test_the_dashboard_reads_only_the_recent_chunks_of_check_ins(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        goals = GoalsRepo(journal)
        goal = goals.add("Walk", Area.HEALTH, DAILY, TODAY - timedelta(days=400)).id
        days = [*range(400, 30, -1), 3, 2, 1]  # a year of days, then the last few
        goals.checkins._insert_many(
            [
                goals_store._checkin_doc(
                    CheckIn(goal, TODAY - timedelta(days=ago), CheckState.DONE, ""),
                    datetime.combine(TODAY - timedelta(days=ago), datetime.min.time(), UTC),
                )
                for ago in days
            ]
        )
    with Journal.open(path, clock=lambda: NOW) as journal:
        board = dashboard_for_journal(journal, TODAY)
        # 4 to a chunk: the last two hold days 32, 31, 30, 3 and 2, 1; not the year.
        assert chunks_read(journal, "checkins") == 2
        assert board == read_in_full(journal)
        assert len(GoalsRepo(journal).checkins.since(TODAY - timedelta(days=5))) == 3


def test_a_partial_read_inside_another_sees_what_both_let_it_see(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        GoalsRepo(journal).checkins._insert_many(
            [{"goal": 1, "day": f"2026-01-{day:02}", "state": "done"} for day in range(1, 17)]
        )

        def days() -> list[str]:
            return [d["day"][-2:] for d in memo.stored_docs(journal, "checkins")]

        with journal._reading_chunks({"checkins": {0, 1}}):
            assert days() == ["01", "02", "03", "04", "05", "06", "07", "08"]
            with journal._reading_chunks({"checkins": {1, 2}, "goals": None}):
                assert days() == ["05", "06", "07", "08"]
            with journal._reading_chunks({"checkins": None}):
                assert len(days()) == 8
            assert len(days()) == 8
        assert len(days()) == 16


def _quiet_log(journal: Journal) -> None:
    """Months of warm contacts: no hold, nothing pushy."""
    ContactsRepo(journal)._insert_many(
        [
            contacts_store._to_doc(
                Contact(NOW - timedelta(days=d), Channel.CALL, Initiator.THEM, Response.WARM)
            )
            for d in range(200, 10, -10)
        ]
    )


def _summary_keys(path: Path) -> set[str]:
    with Journal.open(path, clock=lambda: NOW) as journal:
        return {doc["key"] for _, doc in journal._documents(summaries.TABLE)}


def _asked_for_no_contact(journal: Journal) -> None:
    ContactsRepo(journal).add(
        Contact(
            NOW - timedelta(hours=2), Channel.MESSAGE, Initiator.THEM, Response.ASKED_NO_CONTACT
        )
    )


def test_a_summary_of_a_changed_log_is_never_shown(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
        assert not dashboard_for_journal(journal, TODAY).facts.no_contact
        records = journal.record_count()
        journal.set_setting("theme", "nord")  # the summary goes with this save
        assert journal.record_count() == records + 1  # the setting: a summary is no record
    assert _summary_keys(path) == {home_log_store.KEY}
    with Journal.open(path, clock=lambda: NOW) as journal:
        _asked_for_no_contact(journal)  # the log changes: the summary no longer holds
    assert _summary_keys(path) == set()  # dropped by that same save
    with Journal.open(path, clock=lambda: NOW) as journal:
        board = dashboard_for_journal(journal, TODAY)
        assert board.facts.no_contact
        assert board == read_in_full(journal)
        journal.set_setting("theme", "dark")
    assert _summary_keys(path) == {home_log_store.KEY}  # made again, of the new log
    with Journal.open(path, clock=lambda: NOW) as journal:
        assert not home_log(journal, TODAY).whole
        assert dashboard_for_journal(journal, TODAY).facts.no_contact


def test_a_summary_made_before_a_change_is_not_saved_with_it(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
    with Journal.open(path, clock=lambda: NOW) as journal:
        dashboard_for_journal(journal, TODAY)  # a summary made, waiting for a save
        _asked_for_no_contact(journal)  # that save changes the log it was made of
    assert _summary_keys(path) == set()
    with Journal.open(path, clock=lambda: NOW) as journal:
        assert dashboard_for_journal(journal, TODAY).facts.no_contact


def test_a_damaged_summary_is_no_summary(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
        dashboard_for_journal(journal, TODAY)
        journal.set_setting("theme", "nord")
    with Journal.open(path, clock=lambda: NOW) as journal:
        tables = journal._storage.read()
        for doc in tables[summaries.TABLE].values():
            doc["value"] = {"made": "yesterday", "contacts": [[1, 2]]}  # not ours
        assert home_log(journal, TODAY).whole
        assert dashboard_for_journal(journal, TODAY) == read_in_full(journal)


def test_the_summaries_are_sealed_and_left_out_of_exports(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
        dashboard_for_journal(journal, TODAY)
        journal.set_setting("theme", "nord")
        assert summaries.TABLE not in export_document(journal_data(journal))["tables"]
    assert _summary_keys(path) == {home_log_store.KEY}
    encrypt_journal(path, "correct horse battery")
    header = Journal.encryption(path)
    assert header is not None
    vault = header.unlock(path, "correct horse battery")
    with Journal.open(path, clock=lambda: NOW, vault=vault) as journal:
        # One more contact: the log, converted whole, is kept in chunks again.
        ContactsRepo(journal).add(Contact(NOW, Channel.CALL, Initiator.THEM, Response.WARM))
        dashboard_for_journal(journal, TODAY)
        journal.set_setting("theme", "dark")
    with Journal.open(path, clock=lambda: NOW, vault=vault) as journal:
        assert summaries.kept(journal, home_log_store.KEY, home_log_store.TABLES) is not None
    found = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"home-contacts" not in found and b"stamps" not in found


def test_a_summary_left_behind_by_an_older_winback_is_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
        dashboard_for_journal(journal, TODAY)
        journal.set_setting("theme", "nord")
    with pytest.MonkeyPatch.context() as patch, Journal.open(path, clock=lambda: NOW) as journal:
        # An older winback keeps the table as it found it, and changes the log.
        patch.setattr(summaries, "attach", lambda journal, tables: None)
        _asked_for_no_contact(journal)
    assert _summary_keys(path) == {home_log_store.KEY}
    with Journal.open(path, clock=lambda: NOW) as journal:
        assert dashboard_for_journal(journal, TODAY).facts.no_contact


def _many_checks(journal: Journal) -> None:
    """Years of openness checks, most of them holds, the newest a kinder-looking retake."""
    signals = [frozenset({Signal.ASKED_FOR_SPACE}), frozenset({Signal.REPLIED_WARMLY})]
    AssessmentRepo(journal)._insert_many(
        [
            check_to_doc(take_check(signals[d % 2], NOW - timedelta(days=d)))
            for d in range(900, 0, -3)
        ]
    )


def _summarised_with_checks(folder: Path) -> Path:
    """A journal of a quiet log and years of checks, its summaries saved as home made them."""
    path = folder / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
        _many_checks(journal)
        dashboard_for_journal(journal, TODAY)
        journal.set_setting("theme", "nord")
    return path


def test_home_parses_no_openness_check_the_summary_leaves_out(tmp_path: Path) -> None:
    path = _summarised_with_checks(tmp_path)
    parsed: list[int] = []
    real = assessment.CheckReader.check

    def counted(self: assessment.CheckReader, doc_id: int, doc: dict[str, object]) -> object:
        parsed.append(doc_id)
        return real(self, doc_id, doc)

    with Journal.open(path, clock=lambda: NOW) as journal:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(assessment.CheckReader, "check", counted)
            board = dashboard_for_journal(journal, TODAY)
        log = home_log(journal, TODAY)
        assert not log.whole
        assert 1 <= len(parsed) == len(log.checks) <= 2  # the last hold and the retake after it
        assert board.facts.no_contact and board.latest_openness is not None
        assert board == read_in_full(journal)
        assert board.latest_openness == AssessmentRepo(journal).latest_openness()


def test_a_summary_from_before_checks_were_kept_is_made_again(tmp_path: Path) -> None:
    path = _summarised_with_checks(tmp_path)
    with Journal.open(path, clock=lambda: NOW) as journal:
        tables = journal._storage.read()
        for doc in tables[summaries.TABLE].values():
            if doc["key"] == home_log_store.KEY:
                del doc["value"]["checks"]  # as the last version wrote it
        assert home_log(journal, TODAY).whole
        assert dashboard_for_journal(journal, TODAY) == read_in_full(journal)
        journal.set_setting("theme", "dark")
    with Journal.open(path, clock=lambda: NOW) as journal:
        assert not home_log(journal, TODAY).whole


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    marks=st.lists(
        st.tuples(
            st.sampled_from([k.id for k in COMMON_ISSUES] + ["custom-1", "custom-2", "custom-x"]),
            st.booleans(),
        ),
        max_size=12,
    ),
    then=st.sampled_from([k.id for k in COMMON_ISSUES]),
)
def test_the_marked_count_home_keeps_is_the_number_of_marked_issues(
    tmp_path_factory: pytest.TempPathFactory, marks: list[tuple[str, bool]], then: str
) -> None:
    path = tmp_path_factory.mktemp("marked") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _many_checks(journal)  # years of checks: the table is kept in chunks
        # Issues as any journal may hold them: doubled ids, own ones, an id no rule makes.
        AssessmentRepo(journal)._insert_many(
            [
                {"kind": "issue", "issue_id": issue_id, "marked": marked, "title": "Mine"}
                for issue_id, marked in marks
            ]
        )
        assert journal._storage.read().bounds(AssessmentRepo.TABLE) is not None
        dashboard_for_journal(journal, TODAY)
        journal.set_setting("theme", "nord")
    with Journal.open(path, clock=lambda: NOW) as journal:
        repo = AssessmentRepo(journal)
        assert summaries.kept(journal, assessment.MARKED, (repo.TABLE,)) is not None
        assert repo.marked_count() == len(repo.marked_issues())
        was = repo.issue(then).marked
        repo.set_marked(then, not was)  # the table changes: the summary no longer holds
        assert summaries.kept(journal, assessment.MARKED, (repo.TABLE,)) is None
        assert repo.marked_count() == len(repo.marked_issues())
        assert dashboard_for_journal(journal, TODAY) == read_in_full(journal)


def test_summaries_made_in_a_session_that_saves_nothing_are_kept_at_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from winback_tui import app_run as app_module

    path = tmp_path / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        _quiet_log(journal)
        _many_checks(journal)
    assert _summary_keys(path) == set()
    with Journal.open(path, clock=lambda: NOW) as journal:
        reader = Journal.open(path, clock=lambda: NOW)  # another winback: read-only
        try:
            assert reader.read_only
            dashboard_for_journal(reader, TODAY)
            assert not reader.save_summaries()
        finally:
            reader.close()
        board = dashboard_for_journal(journal, TODAY)  # home, then the user only looks
        revision, contacts = journal.revision, journal.table_revision(ContactsRepo.TABLE)
        monkeypatch.setattr(app_module.WinbackApp, "run", lambda self: None)
        assert app_module.run_app(journal) == 0
        assert journal.revision == revision + 1  # one save, of the summaries
        assert journal.table_revision(ContactsRepo.TABLE) == contacts  # what is read stays good
        assert not journal.save_summaries()  # nothing new since
    assert _summary_keys(path) == {home_log_store.KEY, assessment.MARKED}
    with Journal.open(path, clock=lambda: NOW) as journal:
        assert not home_log(journal, TODAY).whole
        assert dashboard_for_journal(journal, TODAY) == board == read_in_full(journal)
