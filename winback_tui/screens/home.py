"""The home dashboard: the four steps, their progress and one suggestion."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from winback_tui import program
from winback_tui.domain.progress import StepProgress, next_suggestion, step_progress
from winback_tui.screens.base import WinbackScreen
from winback_tui.store import Journal


def load_progress(journal: Journal) -> list[StepProgress]:
    """Progress of every step from the journal's reflections."""
    result = []
    for step in program.STEPS:
        answered = {r.prompt_id for r in journal.reflections(step.number) if r.text.strip()}
        ids = [p.id for p in step.prompts]
        result.append(step_progress(step.number, step.title, ids, answered))
    return result


def _option(item: StepProgress) -> Option:
    step = program.step(item.step)
    marks = {"not started": "[ ]", "in progress": "[~]", "done": "[x]"}
    label = (
        f"{marks[item.status]} {item.step}  {item.title}\n"
        f"       {step.short} · {item.status}, {item.done}/{item.total} reflections"
    )
    return Option(label, id=f"step{item.step}")


class HomeScreen(WinbackScreen):
    """The dashboard (key ``0``)."""

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal)

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_notice()
        with VerticalScroll(id="body"):
            yield Static("Your four steps", classes="heading")
            yield OptionList(id="steps")
            yield Static(id="next", classes="suggestion")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_progress()
        self.query_one("#steps", OptionList).focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual also calls SizeGuard.on_screen_resume: handlers run for each class.
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Re-read progress from the journal (on mount and when shown again)."""
        progress = load_progress(self.journal)
        steps = self.query_one("#steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        steps.add_options([_option(item) for item in progress])
        steps.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#next", Static).update("Next: " + next_suggestion(progress))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.app.switch_mode(event.option_id)
