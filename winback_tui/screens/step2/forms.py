"""Step 2's dialogs: a new goal, correcting a day, the month view, and the small prompts.

All of them are members of the shared family in :mod:`winback_tui.widgets.dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from winback_tui.domain.goals import (
    AREAS,
    CheckIn,
    CheckState,
    DayState,
    Goal,
    GoalError,
    MonthGrid,
    correctable_days,
    note_problem,
    parse_cadence,
    shift_month,
    short_day,
    title_problem,
)
from winback_tui.domain.issues import Area
from winback_tui.widgets.dialogs import Dialog, Field, FormDialog, Outcome, Problem, Values
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.month_grid import LEGEND, SYMBOLS, MonthGridView

DONE_MARK = "[x]"
SKIPPED_MARK = "[-]"
OPEN_MARK = "[ ]"

#: What the "How often" field means, said under it.
CADENCE_HINT = "'daily', or how many times a week: a number from 1 to 7"


@dataclass
class GoalDraft:
    """What the user typed into the goal form so far."""

    title: str = ""
    area: Area = Area.HEALTH
    cadence: str = ""
    note: str = ""

    @property
    def empty(self) -> bool:
        """Nothing typed yet."""
        return not (self.title.strip() or self.cadence.strip() or self.note.strip())


def draft_from_setting(saved: object) -> GoalDraft:
    """The goal draft kept in the journal's settings (an empty one if none is readable)."""
    if not isinstance(saved, dict):
        return GoalDraft()
    area = saved.get("area")
    return GoalDraft(
        title=str(saved.get("title", "")),
        area=Area(area) if area in {a.value for a in Area} else Area.HEALTH,
        cadence=str(saved.get("cadence", "")),
        note=str(saved.get("note", "")),
    )


def draft_to_setting(draft: GoalDraft) -> dict[str, str] | None:
    """What to keep in the settings for ``draft``; None when nothing was typed."""
    if draft.empty:
        return None
    return {
        "title": draft.title,
        "area": draft.area.value,
        "cadence": draft.cadence,
        "note": draft.note,
    }


def _cadence_problem(text: str) -> str | None:
    try:
        parse_cadence(text)
    except GoalError as exc:
        return str(exc)
    return None


class GoalForm(FormDialog):
    """Add a goal: title, area, how often (times a week), an optional note.

    Args:
        draft: what to start from (an earlier draft, or an area chosen in the list).
        save: stores the goal; returns an error message, or None when saved.
        keep: called with the draft when the form closes without saving.
    """

    def __init__(
        self,
        draft: GoalDraft,
        save: Callable[[str, Area, str, str], str | None],
        keep: Callable[[GoalDraft], None],
    ) -> None:
        self.draft = draft
        self._save_goal = save
        self._keep_draft = keep
        super().__init__(
            "New goal",
            [
                Field(
                    "goal-title",
                    "Title",
                    draft.title,
                    "A small, concrete thing you can do.",
                    placeholder="e.g. Walk for 20 minutes",
                ),
                Field(
                    "goal-area",
                    "Area",
                    draft.area.value,
                    kind="radio",
                    choices=tuple((info.title, info.area.value) for info in AREAS),
                ),
                Field(
                    "goal-cadence",
                    "How often",
                    draft.cadence,
                    CADENCE_HINT,
                    placeholder="daily, or 1-7",
                ),
                Field("goal-note", "Note", draft.note, "Optional: why it matters to you."),
            ],
            self._submit_goal,
            self._keep_values,
        )

    def _draft_of(self, values: Values) -> GoalDraft:
        self.draft.title = values["goal-title"]
        self.draft.area = Area(values["goal-area"])
        self.draft.cadence = values["goal-cadence"]
        self.draft.note = values["goal-note"]
        return self.draft

    def _submit_goal(self, values: Values) -> Outcome:
        draft = self._draft_of(values)
        checks: list[tuple[str, str | None]] = [
            ("goal-title", title_problem(draft.title)),
            ("goal-cadence", _cadence_problem(draft.cadence)),
            ("goal-note", note_problem(draft.note)),
        ]
        for field_id, problem in checks:
            if problem:
                return Problem(problem, field_id)
        return self._save_goal(draft.title, draft.area, draft.cadence, draft.note)

    def _keep_values(self, values: Values) -> None:
        self._keep_draft(self._draft_of(values))


class CorrectDays(Dialog):
    """Change one of the last seven days of one goal.

    Args:
        goal: the goal.
        records: returns the goal's current check-ins by day (re-read after each change).
        today: the local day.
        apply: ``apply(day, state, reason)`` stores a change (state None clears the
            day); returns an error message, or None.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "set('done')", "Mark done", id="correct.done"),
        Binding("x", "set('skipped')", "Mark skipped (with the reason)", id="correct.skipped"),
        Binding("c", "set('clear')", "Clear the day", id="correct.clear"),
        Binding("escape", "close", "Close", id="correct.close"),
    ]

    def __init__(
        self,
        goal: Goal,
        records: Callable[[], dict[date, CheckIn]],
        today: date,
        apply: Callable[[date, CheckState | None, str], str | None],
    ) -> None:
        super().__init__(
            f"Correct a day · {goal.title}",
            "↑/↓ choose a day · d done · x skipped (tab to type why) · c clear · escape closes",
            size="wide",
        )
        self.goal = goal
        self._records = records
        self.today = today
        self._apply = apply
        self.days = correctable_days(today)

    def compose_body(self) -> ComposeResult:
        yield Static("Last 7 days", classes="field-label", id="days-label")
        yield KeyList(id="days")
        yield Static("Reason for a skip", classes="field-label", id="reason-label")
        yield Input(placeholder="ill, travelling, a rest day…", id="reason")
        yield Static("", id="form-error", classes="form-status", markup=False)

    def on_mount(self) -> None:
        days = self.query_one("#days", OptionList)
        self._redraw()
        days.highlighted = 0
        days.focus()

    def _label(self, day: date, record: CheckIn | None) -> Text:
        name = short_day(day) + (" (today)" if day == self.today else "")
        if record is None:
            state = f"{SYMBOLS[DayState.MISSED]}   nothing recorded yet"
        elif record.state is CheckState.DONE:
            state = f"{DONE_MARK} done"
        else:
            state = f"{SKIPPED_MARK} skipped" + (f": {record.reason}" if record.reason else "")
        return Text(f"{name:<20}{state}")

    def _redraw(self) -> None:
        days = self.query_one("#days", OptionList)
        highlighted = days.highlighted
        records = self._records()
        days.set_options(
            [Option(self._label(day, records.get(day)), id=day.isoformat()) for day in self.days]
        )
        days.highlighted = highlighted if highlighted is not None else 0

    @property
    def chosen(self) -> date:
        """The highlighted day."""
        index = self.query_one("#days", OptionList).highlighted or 0
        return self.days[index]

    @on(OptionList.OptionHighlighted, "#days")
    def _day_moved(self) -> None:
        # Offer the day's own reason to edit, without overwriting anything typed.
        reason = self.query_one("#reason", Input)
        record = self._records().get(self.chosen)
        if not reason.value and record is not None and record.reason:
            reason.value = record.reason

    def action_set(self, what: str) -> None:
        """Mark the highlighted day done or skipped, or clear it."""
        self._set(what)

    def _set(self, what: str) -> bool:
        reason = self.query_one("#reason", Input).value
        state = {"done": CheckState.DONE, "skipped": CheckState.SKIPPED}.get(what)
        status = self.query_one("#form-error", Static)
        error = self._apply(self.chosen, state, reason if state is CheckState.SKIPPED else "")
        if error:
            status.update(f"! {error}")
            if state is CheckState.SKIPPED:
                self.query_one("#reason", Input).focus()
            return False
        status.update(f"Saved: {short_day(self.chosen)}.")
        self._redraw()
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._set("skipped"):
            self.query_one("#days", OptionList).focus()

    def action_close(self) -> None:
        """Leave the reason field first; from the day list, close."""
        if isinstance(self.focused, Input):
            self.query_one("#days", OptionList).focus()
            return
        self.dismiss(None)


class MonthView(Dialog):
    """One goal's month grid, full size; ``[`` and ``]`` change the month.

    Args:
        goal: the goal.
        grid_for: draws the grid of ``(year, month)``.
        month: the month to start on.
        summary: lines about the goal (cadence, streak) shown beside the grid.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left_square_bracket", "month(-1)", "Earlier month", key_display="[", id="month.earlier"
        ),
        Binding(
            "right_square_bracket", "month(1)", "Later month", key_display="]", id="month.later"
        ),
        Binding("escape", "close", "Close", id="month.close"),
        Binding("m", "close", "Close", show=False, id="month.toggle"),
    ]

    def __init__(
        self,
        goal: Goal,
        grid_for: Callable[[int, int], MonthGrid],
        month: tuple[int, int],
        summary: str,
    ) -> None:
        super().__init__(goal.title, "[ earlier month · ] later month · escape closes", size="wide")
        self.goal = goal
        self._grid_for = grid_for
        self.month = month
        self.summary = summary

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="month-view-row"):
            yield MonthGridView(id="month-view-grid")
            yield Static(f"{self.summary}\n\n{LEGEND}", id="month-view-info", markup=False)

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        self.query_one("#month-view-grid", MonthGridView).show(self._grid_for(*self.month))

    def action_month(self, delta: int) -> None:
        """Show an earlier or later month."""
        self.month = shift_month(*self.month, delta)
        self._draw()

    def action_close(self) -> None:
        """Close the month view."""
        self.dismiss(None)
