"""Snapshots at 80×24 in no-contact mode: the dashboard and Step 4 name no day for a message.

Three messages went unanswered, then they asked for no contact (logged in Step 3).
The dashboard says plainly that the answer is no contact and counts the days
without it; Step 4 shows the no-contact boundaries, the crossed one with why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.snapshots.conftest import steady
from winback_tui.app import WinbackApp
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.store import Journal
from winback_tui.store.contacts import ContactsRepo


@pytest.fixture
def journal(seeded_journal: Journal) -> Journal:
    now = seeded_journal.now()
    contacts = ContactsRepo(seeded_journal)
    for days in (12, 11, 10):
        contacts.add(
            Contact(now - timedelta(days=days), Channel.MESSAGE, Initiator.ME, Response.NO_REPLY)
        )
    contacts.add(
        Contact(now - timedelta(days=9), Channel.MESSAGE, Initiator.THEM, Response.ASKED_NO_CONTACT)
    )
    return seeded_journal


def test_dashboard_in_no_contact_mode(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


def test_step4_in_no_contact_mode(snap_compare: Callable[..., bool], journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["4"], run_before=steady)
