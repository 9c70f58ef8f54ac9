"""Step 2's goal list: one row per area, its goals with their marks, and Step 1's suggestions.

Every state reads as a character: ``[x]`` done today, ``[-]`` skipped, ``[ ]``
still open; a ``+`` starts a suggestion.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from winback_tui.domain.goals import (
    AREAS,
    CheckIn,
    CheckState,
    Goal,
    GoalStatus,
    open_suggestions,
    streak,
    suggestion_goal,
    week_start,
    week_tally,
)
from winback_tui.domain.issues import MarkedIssue
from winback_tui.screens.step2.forms import DONE_MARK, OPEN_MARK, SKIPPED_MARK


class GoalList(OptionList):
    """The areas and their goals; ``space`` marks the highlighted goal done today."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.toggle_done", "Done today", show=False, id="goals.done_today"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]


def goal_label(goal: Goal, checkins: list[CheckIn], today: date) -> Text:
    """One goal's row: its mark for today, its title, cadence, week tally and streaks."""
    record = next((c for c in checkins if c.goal_id == goal.id and c.day == today), None)
    if record is None:
        mark = OPEN_MARK
    elif record.state is CheckState.DONE:
        mark = DONE_MARK
    else:
        mark = SKIPPED_MARK
    run = streak(goal, checkins, today)
    parts = [goal.cadence.label]
    if goal.cadence.per_week is not None:
        by_day = {c.day: c for c in checkins if c.goal_id == goal.id}
        tally = week_tally(goal, by_day, week_start(today), today)
        parts.append(f"{tally.done}/{tally.target} this week")
    parts.append(f"streak {run.describe(run.current)}, best {run.best}")
    if goal.status is GoalStatus.PAUSED:
        parts.append("paused")
    elif goal.status is GoalStatus.ARCHIVED:
        parts.append("archived")
    text = Text(f"  {mark} ")
    text.append(goal.title, style="bold" if goal.status is GoalStatus.ACTIVE else "italic")
    text.append("\n      " + " · ".join(parts))
    return text


def goal_rows(
    every_goal: list[Goal],
    checkins: list[CheckIn],
    marked: list[MarkedIssue],
    today: date,
    *,
    show_archived: bool,
) -> list[Option]:
    """The list's rows: each area's heading, its goals, and Step 1's suggestions for it."""
    goals = [g for g in every_goal if show_archived or g.status is not GoalStatus.ARCHIVED]
    suggestions = open_suggestions(marked, every_goal)
    rows: list[Option] = []
    for info in AREAS:
        heading = Text.assemble((info.title, "bold underline"), (f"\n  {info.guidance}", "italic"))
        rows.append(Option(heading, id=f"area:{info.area.value}"))
        for goal in goals:
            if goal.area is info.area:
                rows.append(Option(goal_label(goal, checkins, today), id=f"goal:{goal.id}"))
        for issue in suggestions:
            suggestion = suggestion_goal(issue, today)
            if suggestion.area is info.area:
                rows.append(
                    Option(
                        Text(f"  + Suggested by Step 1 (g adopts it):\n      {suggestion.title}"),
                        id=f"suggest:{issue.issue_id}",
                    )
                )
    return rows
