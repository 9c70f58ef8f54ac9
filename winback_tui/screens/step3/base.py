"""Step 3's shared ground: what the screen knows (the repos) and the one rule it reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual.timer import Timer

from winback_tui import program
from winback_tui.domain.goals import CheckState
from winback_tui.domain.readiness import (
    Mode,
    Readiness,
    assess_readiness,
)
from winback_tui.domain.reconnect import (
    TIME_FORMAT,
    Draft,
)
from winback_tui.domain.situation import Situation
from winback_tui.domain.tone import Finding
from winback_tui.screens.step import StepScreen
from winback_tui.store import Journal, JournalError
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import CheckInsRepo
from winback_tui.store.reconnect import MindsetRepo
from winback_tui.store.situation import situation_for_journal

COOLING_OFF_SETTING = "cooling_off_minutes"
#: The tone check waits this long after the last keystroke (seconds).
TONE_DELAY = 0.4
#: Longer drafts are checked in a worker thread so typing never waits.
TONE_INLINE_LIMIT = 20_000

NEVER_SENDS = "Nothing here is ever sent. What you write stays on this computer."
DRAFT_KEYS = "n new · t rename · d write · r mark ready · p pause length"
CONTACT_KEYS = "c log a contact that happened"
MOVING_FORWARD_NOTE = (
    "Your reflections here (f shows them) are for you alone: what you keep, what you "
    "set down, and a letter that is never sent. Your Step 2 goals carry on."
)


def local_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime(TIME_FORMAT)


def local_clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


class Step3Base(StepScreen):
    """What every part of Step 3 shares: the journal's repos and the rule for the mode."""

    def __init__(self, journal: Journal, number: int) -> None:
        super().__init__(journal, number)
        self.drafts = DraftsRepo(journal)
        self.contacts = ContactsRepo(journal)
        self.mindsets = MindsetRepo(journal)
        self.draft_id: int | None = None
        self._meta_draft: Draft | None = None
        self.findings: list[Finding] = []
        self._tone_timer: Timer | None = None
        self._tone_generation = 0
        self._contact_values: dict[str, object] | None = None
        # What was typed into a dialog closed with escape, offered again next time.
        self._title_drafts: dict[int | None, str] = {}
        self._pause_draft: str | None = None
        self.mode = self._current_mode()
        self._reconnect_step = self.step
        self._apply_step_prompts()

    # ------------------------------------------------------------- the rule
    def situation(self) -> Situation:
        """Where the user stands today: the one view every screen reads."""
        # The journal's own log: kept per revision, not derived again for each
        # of the screen's parts (years of contacts make each one tens of ms).
        return situation_for_journal(self.journal, self.today().date())

    def _current_mode(self) -> Mode:
        return self.situation().step3_mode

    def _apply_step_prompts(self) -> None:
        """On the moving-forward path the reflections become the letting-go prompts."""
        if self.mode is Mode.MOVING_FORWARD:
            self.step = replace(self._reconnect_step, prompts=program.MOVING_FORWARD_PROMPTS)
        else:
            self.step = self._reconnect_step
        if self.prompt_id not in {p.id for p in self.step.prompts}:
            self.prompt_id = self.step.prompts[0].id

    def today(self) -> datetime:
        """Now, in local time."""
        return self.journal.now().astimezone()

    def readiness(self, now: Situation | None = None) -> Readiness:
        """The readiness check from what the journal knows today (and the one situation)."""
        now = now or self.situation()
        today = self.today().date()
        answered = {r.prompt_id for r in self.journal.reflections(1) if r.text.strip()}
        step1_done = all(p.id in answered for p in program.step(1).prompts)
        checkins = [c.day for c in CheckInsRepo(self.journal).all() if c.state is CheckState.DONE]
        return assess_readiness(
            step1_done=step1_done,
            openness=now.verdict,
            checkin_dates=checkins,
            mindset=self.mindsets.on(today),
            boundary_crossed=now.boundary_crossed,
            today=today,
            no_contact=now.no_contact,
        )

    def _refuse_read_only(self) -> bool:
        return self.explain_read_only()

    def _error(self, exc: JournalError) -> None:
        self.notify(f"{exc.message}. Nothing was lost.", title="Not saved", severity="error")
