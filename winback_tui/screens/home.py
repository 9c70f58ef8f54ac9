"""The home dashboard: the four steps, their progress, and one suggestion."""

from __future__ import annotations

import contextlib
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from winback_tui import program
from winback_tui.domain.goals.summary import summarise
from winback_tui.domain.openness import OpennessCheck, verdict_headline
from winback_tui.domain.progress import (
    DashboardFacts,
    ProgressInputs,
    StepProgress,
    dashboard_notice,
    dashboard_suggestion,
    step_marks,
)
from winback_tui.domain.readiness import Mode
from winback_tui.domain.urges import wins_line
from winback_tui.screens.base import WinbackScreen
from winback_tui.store import JournalError
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.progress import progress_inputs
from winback_tui.store.urges import UrgesRepo, settle_quiet_urges
from winback_tui.widgets.header import winback_header
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.key_list import KeyList

MARKS = {"not started": "[ ]", "in progress": "[~]", "done": "[x]"}


class HomeScreen(WinbackScreen):
    """The dashboard (key ``0``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "app.go('journal')", "Journal", id="app.journal"),
        Binding("l", "app.go('timeline')", "Look back", id="app.timeline"),
    ]

    def compose(self) -> ComposeResult:
        yield winback_header()
        yield from self.compose_notice()
        with VerticalScroll(id="body"):
            yield Static(id="notice", classes="notice", markup=False)
            yield Static("Your four steps", classes="heading")
            yield KeyList(id="steps")
            yield Static(id="wins", classes="meta", markup=False)
            yield Static(id="next", classes="suggestion", markup=False)
        yield KeyFooter()

    def _moved_on(self) -> bool:
        # By the minute too: an urge's pause running out settles it as a win.
        return self.moved_on(self.journal.now().replace(second=0, microsecond=0))

    def on_mount(self) -> None:
        self.refresh_progress()
        self._moved_on()
        self.query_one("#steps", OptionList).focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual also calls SizeGuard.on_screen_resume: handlers run for each class.
        if self._moved_on():
            self.refresh_progress()
            self._moved_on()  # what the refresh itself wrote (a settled urge) is read

    def _details(
        self, inputs: ProgressInputs, progress: list[StepProgress], latest: OpennessCheck | None
    ) -> tuple[DashboardFacts, dict[int, str]]:
        # What the marks were made of is read once and reused here: on years of
        # writing each read of the contacts or the check-ins costs tens of ms.
        today = inputs.today
        # One view of the situation, the same one every step reads.
        now = inputs.situation
        goals = GoalsRepo(self.journal)
        summary = summarise(inputs.goals, inputs.checkins, goals.ratings.all(), today)
        counts = inputs.recent_contact
        facts = DashboardFacts(
            steps=progress,
            openness_checked=latest is not None,
            moving_forward=now.step3_mode is Mode.MOVING_FORWARD,
            pacing_crossed=now.boundary_crossed,
            pacing_message=now.pacing.message,
            open_checkins=len(summary.open_today),
            no_contact=now.no_contact,
            no_contact_reason=now.reason,
        )
        # What the marks' own words do not say: the verdict, the mode, the count.
        openness = ""
        if latest is not None:
            day = latest.at.astimezone().strftime("%d %b")
            openness = f"{verdict_headline(latest.result.verdict, latest.signals)} ({day})"
        counted = counts.total > 0 or counts.days_since_last is not None
        lines = {
            1: openness,
            2: "",
            3: "",  # its mark says it: letters never sent, in no-contact mode
            4: f"longest {counts.longest} · {counts.total} in all" if counted else "",
        }
        return facts, lines

    def refresh_progress(self) -> None:
        """Re-read everything from the journal (on mount and when shown again)."""
        today = self.journal.now().astimezone().date()
        checks = AssessmentRepo(self.journal).openness_checks()
        contacts = ContactsRepo(self.journal).all()
        inputs = progress_inputs(self.journal, today, checks=checks, contacts=contacts)
        progress = step_marks(inputs)
        facts, lines = self._details(inputs, progress, checks[-1] if checks else None)
        steps = self.query_one("#steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        for item in progress:
            # In no-contact mode Step 3 is the moving-forward path, as its screen says.
            title = (
                program.MOVING_FORWARD_TITLE if item.step == 3 and facts.no_contact else item.title
            )
            extra = f" · {lines[item.step]}" if lines[item.step] else ""
            label = f"{MARKS[item.status]} {item.step}  {title}\n       {item.line}{extra}"
            steps.add_option(Option(label, id=f"step{item.step}"))
        steps.highlighted = highlighted if highlighted is not None else 0
        notice = dashboard_notice(facts)
        notice_widget = self.query_one("#notice", Static)
        notice_widget.update(notice or "")
        notice_widget.display = notice is not None
        self.query_one("#next", Static).update("Next: " + dashboard_suggestion(facts))
        self._refresh_wins()

    def _refresh_wins(self) -> None:
        """The urges ridden out, once there are any (a pause that ended counts)."""
        with contextlib.suppress(JournalError):  # counted next time; no words at stake
            settle_quiet_urges(self.journal)
        urges = UrgesRepo(self.journal).all()
        wins = self.query_one("#wins", Static)
        wins.update(wins_line(urges) if urges else "")
        wins.display = bool(urges)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.switch_mode(event.option_id)
