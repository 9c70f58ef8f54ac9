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
from winback_tui.domain.openness import verdict_headline
from winback_tui.domain.progress import StepProgress, dashboard_notice, dashboard_suggestion
from winback_tui.domain.urges import wins_line
from winback_tui.screens.base import WinbackScreen
from winback_tui.store import Journal, JournalError
from winback_tui.store.dashboard import Dashboard, dashboard_for_journal
from winback_tui.store.progress import progress_for_journal
from winback_tui.store.urges import UrgesRepo, settle_quiet_urges
from winback_tui.widgets.header import winback_header
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.key_list import KeyList

MARKS = {"not started": "[ ]", "in progress": "[~]", "done": "[x]"}


def load_progress(journal: Journal) -> list[StepProgress]:
    """Every step's mark, made of its real work (see :mod:`winback_tui.domain.progress`)."""
    return progress_for_journal(journal, journal.now().astimezone().date())


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

    def _details(self, board: Dashboard) -> dict[int, str]:
        # What the marks' own words do not say: the verdict, the mode, the count.
        latest, counts = board.latest_openness, board.counts
        openness = ""
        if latest is not None:
            day = latest.at.astimezone().strftime("%d %b")
            openness = f"{verdict_headline(latest.result.verdict, latest.signals)} ({day})"
        counted = counts.total > 0 or counts.days_since_last is not None
        return {
            1: openness,
            2: "",
            3: "",  # its mark says it: letters never sent, in no-contact mode
            4: f"longest {counts.longest} · {counts.total} in all" if counted else "",
        }

    def refresh_progress(self) -> None:
        """Re-read everything from the journal (on mount and when shown again)."""
        # One read of everything shown (the marks, the notice, the lines).
        board = dashboard_for_journal(self.journal, self.journal.now().astimezone().date())
        progress, facts, lines = board.steps, board.facts, self._details(board)
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
