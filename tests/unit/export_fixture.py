"""A journal holding every kind of record, built through the repositories, for export tests.

Run as a script (``export_fixture.py JOURNAL``) it fills the journal at that path.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import Cadence, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import Signal, take_check
from winback_tui.domain.pacing import PacingSettings
from winback_tui.domain.readiness import Mindset
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.reconnect import MindsetRepo

START = datetime(2026, 3, 2, 8, 15, tzinfo=UTC)

EMOJI = "Walked by the sea 🌊💔➡️❤️‍🩹 and felt lighter"
RTL = "אני מתגעגע, אבל אני בסדר — أنا بخير الآن"
STRANGE = "NUL \x00, bell \x07, escape \x1b[31m, lone \ud800 surrogate, CRLF\r\nend"
HEADING_TEXT = "# Not a heading\n## Nor this\nA line\n===\n```\nunclosed fence\n- list\n1. one"
#: A little over 1 MB of text, with non-ASCII in it.
BIG = ("Ein langer Tag, écrit à la main. 🌱 " * 30_000)[:1_050_000]


class Clock:
    """A clock the fixture moves by hand."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def fill(journal: Journal, clock: Clock) -> None:
    """Write one or more records of every kind into ``journal``."""
    today = clock().date()
    # Settings
    journal.set_setting("welcome_seen", True)
    journal.set_setting("theme", "textual-dark")
    # Reflections with an earlier version (edited on two days)
    journal.save_reflection(1, "what-went-wrong", "First try: " + EMOJI)
    clock.advance(days=1)
    journal.save_reflection(1, "what-went-wrong", "Second day: " + RTL)
    journal.save_reflection(1, "my-part", HEADING_TEXT)
    journal.save_reflection(2, "big", BIG)
    journal.save_reflection(3, "odd", STRANGE)
    # Step 1: marked issues (common and the user's own), openness checks
    assessment = AssessmentRepo(journal)
    assessment.set_marked("communication", True)
    assessment.set_note("communication", "I went quiet instead of saying it. " + RTL)
    assessment.add_custom("Jealousy 😬", "I checked their phone once.")
    assessment.add_custom("Money", "")
    assessment.add_openness_check(take_check(frozenset({Signal.REPLIED_WARMLY}), clock()))
    clock.advance(hours=2)
    assessment.add_openness_check(take_check(frozenset({Signal.ASKED_FOR_SPACE}), clock()))
    # Step 2: goals, check-ins, confidence
    goals = GoalsRepo(journal)
    run = goals.add("Run three times a week 🏃", Area.HEALTH, Cadence(3), today, note=EMOJI)
    talk = goals.add(
        "Say how I feel", Area.COMMUNICATION, Cadence(), today, source="custom-1", note=RTL
    )
    day = clock().date()
    goals.check_in(CheckIn(run.id, day, CheckState.DONE), day)
    goals.check_in(CheckIn(talk.id, day, CheckState.SKIPPED, "Too tired — " + RTL), day)
    goals.ratings.rate(day, 3)
    goals.pause(talk.id, day)
    # Step 3: mindset, drafts (with versions, one ready), contacts
    MindsetRepo(journal).rate(Mindset(day, 4, 3, 2))
    drafts = DraftsRepo(journal)
    draft = drafts.create("Hello again ✉️")
    drafts.save_text(draft.id, "I hope you are well. " + EMOJI)
    clock.advance(days=1)
    drafts.save_text(draft.id, "I hope you are well.\n\n# Heading-like line\n" + RTL)
    drafts.mark_ready(draft.id, clock())
    drafts.create("Empty one")
    contacts = ContactsRepo(journal)
    contacts.add(
        Contact(clock(), Channel.MESSAGE, Initiator.ME, Response.WARM, "Kind. " + EMOJI, "Go slow.")
    )
    contacts.add(Contact(clock(), Channel.CALL, Initiator.THEM, Response.NO_REPLY, RTL, ""))
    # Step 4: boundaries with ticks, pacing settings
    boundaries = BoundariesRepo(journal)
    boundaries.ensure_defaults(clock().date())
    mine = boundaries.add("No messages after 22:00 🌙", clock().date())
    boundaries.set_kept(mine.id, clock().date(), True)
    boundaries.set_kept(mine.id, clock().date() - timedelta(days=1), True)
    boundaries.save_settings(PacingSettings(10, 1))
    # Journal entries (a 1 MB one too), with a version
    entries = EntriesRepo(journal)
    entries.save_text(clock().date(), "Morning pages. " + EMOJI)
    entries.save_mood(clock().date(), 4)
    entries.save_step(clock().date(), 2)
    clock.advance(days=1)
    entries.save_text(clock().date() - timedelta(days=1), "Rewritten the next day. " + RTL)
    entries.save_text(clock().date(), BIG)
    entries.save_text(date(2026, 1, 1), HEADING_TEXT)


def make(path: Path) -> bytes:
    """Create and fill a journal at ``path``; return its bytes."""
    clock = Clock()
    with Journal.open(path, clock=clock) as journal:
        fill(journal, clock)
    return path.read_bytes()


if __name__ == "__main__":
    make(Path(sys.argv[1]))
