"""The repos' per-revision memo (store/memo.py): the same answers as reading afresh, never stale."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import DAILY, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import Signal, take_check
from winback_tui.domain.situation import Situation
from winback_tui.store import Journal, JournalWriteError
from winback_tui.store.assessment import AssessmentRepo, read_openness_checks
from winback_tui.store.boundaries import MAX_UNANSWERED_SETTING, WINDOW_SETTING
from winback_tui.store.contacts import ContactsRepo, read_contacts
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import CheckInsRepo, GoalsRepo, read_checkins
from winback_tui.store.memo import forget, per_revision
from winback_tui.store.situation import situation_for_journal

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.json", clock=lambda: NOW) as opened:
        yield opened


def contact(hours_ago: int, initiator: Initiator, response: Response) -> Contact:
    return Contact(NOW - timedelta(hours=hours_ago), Channel.MESSAGE, initiator, response)


# ------------------------------------------------------------------- the memo
def test_an_answer_is_kept_until_the_journal_changes(journal: Journal) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(journal.revision)
        return len(calls)

    assert per_revision(journal, "k", compute) == 1
    assert per_revision(journal, "k", compute) == 1  # kept: not computed again
    journal.set_setting("anything", 1)
    assert per_revision(journal, "k", compute) == 2
    assert len(calls) == 2


def test_an_answer_read_from_one_table_outlives_changes_to_others(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    def kept() -> int:
        return per_revision(journal, "contacts-only", compute, tables=("contacts",))

    assert kept() == 1
    journal.set_setting("anything", 1)  # another table
    journal.save_reflection(1, "why", "words")
    assert kept() == 1  # still kept: its table did not change
    ContactsRepo(journal).add(contact(5, Initiator.ME, Response.NO_REPLY))
    assert kept() == 2  # its table changed

    # A failed save re-reads the file: nothing read before is trusted.
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("winback_tui.store.saving.atomic_write", refuse)
    with pytest.raises(JournalWriteError):
        journal.set_setting("another", 2)
    monkeypatch.undo()
    assert kept() == 3
    # A write that names no table (TinyDB's own) may have changed any of them.
    with journal._writing():
        journal._table("contacts").truncate()
    assert kept() == 4
    assert ContactsRepo(journal).all() == []


def test_a_contact_that_failed_to_save_never_shows(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = ContactsRepo(journal)
    repo.add(contact(5, Initiator.ME, Response.NO_REPLY))
    assert len(repo.all()) == 1

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("winback_tui.store.saving.atomic_write", refuse)
    revision = journal.revision
    with pytest.raises(JournalWriteError):
        repo.add(contact(3, Initiator.ME, Response.NO_REPLY))
    monkeypatch.undo()
    assert journal.revision > revision  # what the memo relies on: a failure counts too
    # Nothing was saved, and the memo does not pretend otherwise.
    assert repo.all() == list(read_contacts(journal))
    assert len(repo.all()) == 1


# ----------------------------------------------------------------- contacts
CONTACT_OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "update", "remove", "slip"]),
        st.integers(0, 400),
        st.sampled_from(list(Initiator)),
        st.sampled_from(list(Response)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(ops=CONTACT_OPS)
def test_contacts_match_a_fresh_read_after_every_change(
    tmp_path_factory: pytest.TempPathFactory, ops: list[Any]
) -> None:
    path = tmp_path_factory.mktemp("contacts") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as j:
        repo = ContactsRepo(j)
        for op, hours, initiator, response in ops:
            before = repo.all()  # read (and kept) before each change
            if op == "add" or not before:
                repo.add(contact(hours, initiator, response))
            elif op == "update":
                old = before[hours % len(before)]
                repo.update(Contact(old.at, old.channel, initiator, response, id=old.id))
            elif op == "remove":
                repo.remove(before[hours % len(before)].id)
            else:
                repo.answer_slip(before[hours % len(before)].id, f"t{hours}", "next")
            assert repo.all() == list(read_contacts(j))
        # What a second copy reading the saved file sees.
        with Journal.open(j.path, clock=lambda: NOW) as other:
            assert ContactsRepo(other).all() == repo.all()


def test_a_caller_changing_its_list_changes_no_one_elses(journal: Journal) -> None:
    repo = ContactsRepo(journal)
    repo.add(contact(5, Initiator.ME, Response.NO_REPLY))
    mine = repo.all()
    mine.clear()
    assert len(repo.all()) == 1


# ----------------------------------------------------------------- check-ins
CHECKIN_OPS = st.lists(
    st.tuples(
        st.sampled_from(["put", "clear"]),
        st.integers(0, 2),  # which goal
        st.integers(-3, 60),  # days ago (negative: a day after today)
        st.sampled_from([CheckState.DONE, CheckState.SKIPPED]),
    ),
    min_size=1,
    max_size=15,
)


@settings(max_examples=25, deadline=None)
@given(ops=CHECKIN_OPS, since_ago=st.integers(-2, 70))
def test_check_ins_and_recent_ones_match_a_fresh_read(
    tmp_path_factory: pytest.TempPathFactory, ops: list[Any], since_ago: int
) -> None:
    path = tmp_path_factory.mktemp("checkins") / "journal.json"
    with Journal.open(path, clock=lambda: NOW) as j:
        goals = GoalsRepo(j)
        ids = [
            goals.add(f"Goal {n}", Area.HEALTH, DAILY, TODAY - timedelta(days=90)).id
            for n in range(3)
        ]
        repo = CheckInsRepo(j)
        tz = NOW.astimezone().tzinfo
        first = TODAY - timedelta(days=since_ago)
        for op, goal, ago, state in ops:
            repo.all()
            repo.since(first)
            day = TODAY - timedelta(days=ago)
            if op == "put":
                repo.put(CheckIn(ids[goal], day, state, "" if state is CheckState.DONE else "ill"))
            else:
                repo.clear(ids[goal], day)
            fresh = list(read_checkins(j, tz))
            assert repo.all() == fresh
            assert repo.since(first) == [c for c in fresh if c.day >= first]
            assert repo.all(ids[goal]) == [c for c in fresh if c.goal_id == ids[goal]]


def test_a_check_in_day_not_written_as_iso_is_still_read(journal: Journal) -> None:
    repo = CheckInsRepo(journal)
    repo._insert({"goal": 1, "day": "20261130", "state": "done", "reason": ""})
    repo._insert({"goal": 1, "day": "2026-11-01", "state": "done", "reason": ""})
    assert [c.day for c in repo.since(date(2026, 11, 15))] == [date(2026, 11, 30)]


# ------------------------------------------------------- openness and drafts
def test_openness_checks_and_letters_follow_each_change(journal: Journal) -> None:
    assessment, drafts = AssessmentRepo(journal), DraftsRepo(journal)
    assert assessment.openness_checks() == [] and drafts.written_count() == 0
    for hours, signal in ((30, Signal.ASKED_FOR_SPACE), (3, Signal.ASKED_NO_CONTACT)):
        assessment.add_openness_check(take_check(frozenset({signal}), NOW - timedelta(hours=hours)))
        assert assessment.openness_checks() == list(read_openness_checks(journal))
    assert [c.signals for c in assessment.openness_checks()][-1] == {Signal.ASKED_NO_CONTACT}
    draft = drafts.create("A letter")
    assert drafts.written_count() == 0  # no words yet
    drafts.save_text(draft.id, "Words I will not send.")
    assert drafts.written_count() == 1
    drafts.save_text(draft.id, "   ")
    assert drafts.written_count() == sum(1 for d in drafts.all() if d.text.strip()) == 0


def test_forget_reads_afresh(journal: Journal) -> None:
    repo = ContactsRepo(journal)
    repo.add(contact(5, Initiator.ME, Response.NO_REPLY))
    first = repo.all()
    forget(journal)
    assert repo.all() == first


# ---------------------------------------------------------------- situation
def test_the_situation_follows_the_log_and_a_pinned_boundary(journal: Journal) -> None:
    contacts, assessment = ContactsRepo(journal), AssessmentRepo(journal)

    def fresh() -> Situation:
        return situation_for_journal(
            journal, TODAY, contacts=read_contacts(journal), checks=read_openness_checks(journal)
        )

    for hours in (50, 30, 2):
        contacts.add(contact(hours, Initiator.ME, Response.NO_REPLY))
        assert situation_for_journal(journal, TODAY) == fresh()
    assert situation_for_journal(journal, TODAY).boundary_crossed  # past 1 unanswered a week
    # A boundary from the config file changes no revision, and is seen all the same.
    journal.pin_settings({WINDOW_SETTING: 1, MAX_UNANSWERED_SETTING: 3})
    assert not situation_for_journal(journal, TODAY).boundary_crossed
    assert situation_for_journal(journal, TODAY) == fresh()
    journal.pin_settings({})
    signals = frozenset({Signal.ASKED_NO_CONTACT})
    assessment.add_openness_check(take_check(signals, NOW - timedelta(hours=1, minutes=30)))
    now = situation_for_journal(journal, TODAY)
    assert now.no_contact and now == fresh()
    contacts.add(contact(1, Initiator.THEM, Response.WARM))  # their reaching out lifts it
    assert not situation_for_journal(journal, TODAY).no_contact
    assert situation_for_journal(journal, TODAY) == fresh()
