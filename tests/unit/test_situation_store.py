"""The situation read from a journal: the story of issue 18, store side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.openness import Signal, take_check
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import COOLING_OFF_SETTING, DraftsRepo
from winback_tui.store.situation import (
    BoundaryCrossedError,
    boundary_states_for_journal,
    situation_for_journal,
    tick_kept,
)

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def test_three_unanswered_then_no_contact_then_they_reach_out(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.json", clock=lambda: NOW) as journal:
        today = NOW.date()
        contacts = ContactsRepo(journal)
        for hours in (30, 20, 2):
            contacts.add(
                Contact(
                    NOW - timedelta(hours=hours), Channel.MESSAGE, Initiator.ME, Response.NO_REPLY
                )
            )
        before = situation_for_journal(journal, today)
        assert not before.no_contact and before.next_message_day is not None

        AssessmentRepo(journal).add_openness_check(
            take_check(frozenset({Signal.ASKED_NO_CONTACT}), NOW - timedelta(hours=1))
        )
        held = situation_for_journal(journal, today)
        assert held.no_contact and held.next_message_day is None
        assert held.pacing.next_respectful is None and not held.drafts_may_be_ready

        boundaries = BoundariesRepo(journal)
        boundaries.ensure_defaults(today - timedelta(days=10))
        states = boundary_states_for_journal(journal, today)
        crossed = [b for b in boundaries.all() if states[b.id].crossed]
        assert crossed, "the pacing boundary shows as crossed"
        with pytest.raises(BoundaryCrossedError) as refused:
            tick_kept(journal, crossed[0].id, today, True)
        assert refused.value.message == states[crossed[0].id].reason
        assert crossed[0].id not in boundaries.kept_on(today)
        free = next(b for b in boundaries.all() if not states[b.id].crossed)
        tick_kept(journal, free.id, today, True)
        assert free.id in boundaries.kept_on(today)

        contacts.add(
            Contact(NOW - timedelta(minutes=5), Channel.CALL, Initiator.THEM, Response.WARM)
        )
        lifted = situation_for_journal(journal, today)
        assert not lifted.no_contact and lifted.lifted_by_them


def test_a_draft_keeps_the_pause_length_it_started_resting_with(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    with Journal.open(path, clock=lambda: NOW) as journal:
        journal.set_setting(COOLING_OFF_SETTING, 30)
        repo = DraftsRepo(journal)
        draft = repo.save_text(repo.create("To them").id, "A letter")
        journal.set_setting(COOLING_OFF_SETTING, 5)
        newer = repo.save_text(repo.create("Another").id, "Later")
    with Journal.open(path, clock=lambda: NOW) as journal:
        stored = {d.id: d for d in DraftsRepo(journal).all()}
        assert stored[draft.id].rest_minutes == 30
        assert stored[newer.id].rest_minutes == 5
