"""Step 2's screen: goals in five areas, check-ins, streaks and the confidence trend.

Focus lands on the goal list, so the global keys (``0``-``4``, ``?``, ``s``,
``q``) keep working. Every state reads as a character: ``[x]`` done today,
``[-]`` skipped, ``[ ]`` still open, and the month grid's legend.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from winback_tui.domain.goals import (
    CheckIn,
    CheckState,
    Goal,
    GoalError,
    GoalStatus,
    MonthGrid,
    area_info,
    current_streak,
    is_open_today,
    latest_rating,
    month_grid,
    parse_cadence,
    shift_month,
    short_day,
    streak,
    suggestion_goal,
    trend,
    week_start,
    week_tally,
    weekly_summary,
)
from winback_tui.domain.issues import Area, MarkedIssue
from winback_tui.domain.words import plural
from winback_tui.screens.step import StepScreen
from winback_tui.screens.step2.forms import (
    CorrectDays,
    GoalDraft,
    GoalForm,
    MonthView,
    draft_from_setting,
    draft_to_setting,
)
from winback_tui.screens.step2.goals import GoalList, goal_rows
from winback_tui.store import Journal, JournalError
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.widgets.dialogs import ConfirmDialog, PromptDialog
from winback_tui.widgets.month_grid import LEGEND, MonthGridView
from winback_tui.widgets.sparkline import TextSparkline

#: Where the goal draft waits when the form is closed with escape (kept across restarts).
DRAFT_SETTING = "step2.goal_draft"

#: How many ratings the sparkline shows: about a month of daily ratings.
TREND_LENGTH = 30

KEYS_HINT = (
    "n new · d done today · x skip · c correct a day · p pause · a archive · "
    "g adopt a suggestion · m month view · r check-in · h archived · ? all keys"
)


# -------------------------------------------------------------------- screen
class Step2Screen(StepScreen):
    """Step 2: goals, check-ins, streaks, the month grid and the confidence trend."""

    TOOLS_TAB = "Goals"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_goal", "New goal", id="step2.new_goal"),
        Binding("d", "toggle_done", "Done today", id="step2.done_today"),
        Binding("x", "skip", "Skip today", show=False, id="step2.skip_today"),
        Binding("c", "correct", "Correct a day", show=False, id="step2.correct_day"),
        Binding("p", "pause", "Pause / resume", show=False, id="step2.pause_goal"),
        Binding("a", "archive", "Archive / restore", show=False, id="step2.archive_goal"),
        Binding(
            "h", "toggle_archived", "Show / hide archived", show=False, id="step2.show_archived"
        ),
        Binding("g", "adopt", "Adopt suggestion", show=False, id="step2.adopt"),
        Binding("r", "rate", "Check-in today", show=False, id="step2.checkin"),
        Binding("m", "month_view", "Month view", show=False, id="step2.month_view"),
        Binding(
            "left_square_bracket",
            "month(-1)",
            "Earlier month",
            show=False,
            key_display="[",
            id="step2.earlier_month",
        ),
        Binding(
            "right_square_bracket",
            "month(1)",
            "Later month",
            show=False,
            key_display="]",
            id="step2.later_month",
        ),
    ]

    def __init__(self, journal: Journal, number: int = 2) -> None:
        super().__init__(journal, number)
        self.repo = GoalsRepo(journal)
        self.show_archived = False
        today = self.today()
        self.month = (today.year, today.month)
        self.goal_draft = self._load_draft()
        self.skip_drafts: dict[int, str] = {}

    # ---------------------------------------------------------------- layout
    def compose_tools(self) -> ComposeResult:
        yield Static("Your goals", classes="subheading", markup=False)
        yield GoalList(id="goals")
        yield Static(KEYS_HINT, id="keys-hint", classes="meta", markup=False)
        with Horizontal(id="goal-detail"):
            yield MonthGridView(id="month-grid")
            yield Static(id="goal-info", markup=False)
        yield Static(id="week", markup=False)
        yield TextSparkline(id="confidence")

    def on_mount(self) -> None:
        self.refresh_goals()
        self.moved_on()

    def initial_focus(self) -> Widget:
        return self.query_one("#goals", GoalList)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The day may have changed, or new issues been marked in Step 1.
        if self.is_mounted and self.moved_on():
            self.refresh_goals()
            self.moved_on()

    # ----------------------------------------------------------------- data
    def today(self) -> date:
        """The user's local calendar day by the journal's clock."""
        return self.journal.now().astimezone().date()

    def _marked_issues(self) -> list[MarkedIssue]:
        return AssessmentRepo(self.journal).marked_issues()

    def _load_draft(self) -> GoalDraft:
        return draft_from_setting(self.journal.get_setting(DRAFT_SETTING))

    def _store_draft(self, draft: GoalDraft | None) -> None:
        if self.journal.read_only:
            return  # it stays in memory for this session
        value = None if draft is None else draft_to_setting(draft)
        if value is None and self.journal.get_setting(DRAFT_SETTING) is None:
            return
        try:
            self.journal.set_setting(DRAFT_SETTING, value)
        except JournalError as exc:
            self.notify(f"Your draft is kept for now, not on disk: {exc.message}")

    def _write(self, change: Callable[[], object]) -> bool:
        """Run one change to the journal; say why and return False when it cannot be saved."""
        if self.explain_read_only():
            return False
        try:
            change()
        except GoalError as exc:
            self.notify(str(exc), title="Not changed", severity="error")
        except JournalError as exc:
            self.notify(exc.message, title="Not saved", severity="error")
        else:
            return True
        return False

    def _write_error(self, change: Callable[[], object]) -> str | None:
        """Like :meth:`_write`, for dialogs: returns the message instead of a notice."""
        if self.read_only_reason:
            return self.read_only_reason
        try:
            change()
        except GoalError as exc:
            return str(exc)
        except JournalError as exc:
            return exc.message
        return None

    # ----------------------------------------------------------------- rows
    def _rows(self) -> list[Option]:
        return goal_rows(
            self.repo.all(include_archived=True),
            self.repo.checkins.all(),
            self._marked_issues(),
            self.today(),
            show_archived=self.show_archived,
        )

    def refresh_goals(self, select: str | None = None) -> None:
        """Re-read everything and redraw, keeping (or moving to) a row."""
        goals = self.query_one("#goals", GoalList)
        current = select or self._highlighted_id()
        old_index = goals.highlighted or 0
        goals.set_options(self._rows())
        try:
            index = goals.get_option_index(current) if current else 0
        except OptionDoesNotExist:
            # The row left the list (archived, adopted): stay at the same place.
            index = min(old_index, goals.option_count - 1)
        goals.highlighted = index
        self._show_detail()
        self._show_week()
        self._show_confidence()

    def _highlighted_id(self) -> str | None:
        option = self.query_one("#goals", GoalList).highlighted_option
        return option.id if option is not None else None

    def _current_goal(self) -> Goal | None:
        row = self._highlighted_id()
        if row is None or not row.startswith("goal:"):
            return None
        try:
            return self.repo.get(int(row.split(":", 1)[1]))
        except KeyError:
            return None

    def _need_goal(self) -> Goal | None:
        """The highlighted goal, or None after telling the user how to pick one."""
        goal = self._current_goal()
        if goal is None:
            self.notify("Move to one of your goals first (↑/↓); n adds a new one.")
        return goal

    # --------------------------------------------------------------- detail
    def _show_detail(self) -> None:
        grid_view = self.query_one("#month-grid", MonthGridView)
        info = self.query_one("#goal-info", Static)
        goal = self._current_goal()
        if goal is None:
            row = self._highlighted_id() or ""
            grid_view.show(None, "Move to a goal to see its month here.")
            if row.startswith("area:"):
                area = area_info(Area(row.split(":", 1)[1]))
                info.update(f"{area.title}\n{area.guidance}\n\nn adds a goal in this area.")
            elif row.startswith("suggest:"):
                info.update(
                    "A goal suggested by an issue you marked in Step 1.\n"
                    "g adopts it; you can pause or archive it any time."
                )
            else:
                info.update("")
            return
        today = self.today()
        checkins = self.repo.checkins.all(goal.id)
        grid_view.show(month_grid(goal, checkins, *self.month, today))
        run = streak(goal, checkins, today)
        record = next((c for c in checkins if c.day == today), None)
        if record is None:
            state = "open" if is_open_today(goal, checkins, today) else "nothing owed today"
        elif record.state is CheckState.DONE:
            state = "done"
        else:
            state = f"skipped ({record.reason})" if record.reason else "skipped"
        lines = [
            goal.title,
            f"{area_info(goal.area).title} · {goal.cadence.label}"
            f" · since {short_day(goal.created)}",
            f"Streak {run.describe(run.current)} · best {run.describe(run.best)}",
            f"Today: {state}",
        ]
        if goal.status is not GoalStatus.ACTIVE:
            lines[-1] += f" · {goal.status.value}"
        if goal.note:
            lines.append(f"Note: {goal.note}")
        lines.append(LEGEND)
        lines.append("[ and ] change the month · m shows it larger")
        info.update("\n".join(lines))

    def _show_week(self) -> None:
        summary = weekly_summary(self.repo.all(), self.repo.checkins.all(), self.today())
        self.query_one("#week", Static).update(summary.line())

    def _show_confidence(self) -> None:
        ratings = self.repo.ratings.all()
        today = self.today()
        latest = latest_rating(ratings, today)
        spark = self.query_one("#confidence", TextSparkline)
        if latest is None:
            spark.show("Confidence: not rated yet.", [], "r opens today's check-in (1-5).")
            return
        when = "today" if latest.day == today else f"on {short_day(latest.day)}"
        values = trend(ratings, TREND_LENGTH)
        spark.show(
            f"Confidence {latest.value}/5 {when} · trend",
            values,
            f"({plural(len(values), 'rating', 'ratings')}, 1-5)",
        )

    @on(OptionList.OptionHighlighted, "#goals")
    def _goal_moved(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#goals")
    def _goal_chosen(self, event: OptionList.OptionSelected) -> None:
        row = event.option_id or ""
        if row.startswith("area:"):
            self.action_new_goal()
        elif row.startswith("suggest:"):
            self.action_adopt()
        else:
            self.action_toggle_done()

    # -------------------------------------------------------------- actions
    def action_new_goal(self) -> None:
        """Add a goal (``n``); the highlighted area is chosen for you."""
        if self.explain_read_only():
            return
        row = self._highlighted_id() or ""
        draft = self.goal_draft
        if draft.empty:
            goal = self._current_goal()
            if row.startswith("area:"):
                draft.area = Area(row.split(":", 1)[1])
            elif goal is not None:
                draft.area = goal.area

        def save(title: str, area: Area, cadence: str, note: str) -> str | None:
            added: list[Goal] = []
            error = self._write_error(
                lambda: added.append(
                    self.repo.add(title, area, parse_cadence(cadence), self.today(), note)
                )
            )
            if error is None:
                self.goal_draft = GoalDraft()
                self._store_draft(None)
                self.refresh_goals(select=f"goal:{added[0].id}")
                self.notify(f"Added: {added[0].title}. d marks it done today.")
            return error

        def keep(kept: GoalDraft) -> None:
            self.goal_draft = kept
            self._store_draft(kept)

        self.app.push_screen(GoalForm(replace(draft), save, keep))

    def action_toggle_done(self) -> None:
        """Mark the highlighted goal done today, or undo that (``d`` / ``space``)."""
        goal = self._need_goal()
        if goal is None:
            return
        if goal.status is not GoalStatus.ACTIVE:
            self.notify(f"{goal.title} is {goal.status.value}; p or a brings it back first.")
            return
        today = self.today()
        record = next((c for c in self.repo.checkins.all(goal.id) if c.day == today), None)
        if record is not None and record.state is CheckState.DONE:
            if not self._write(lambda: self.repo.clear_check_in(goal.id, today, today)):
                return
            self.notify(f"Today's check-in for {goal.title} is cleared.")
        else:
            if not self._write(
                lambda: self.repo.check_in(CheckIn(goal.id, today, CheckState.DONE), today)
            ):
                return
            self.notify(f"Done: {goal.title}. {self._progress_words(goal, today)}")
        self.refresh_goals()

    def _progress_words(self, goal: Goal, today: date) -> str:
        """A short, encouraging progress note after a check-in."""
        checkins = self.repo.checkins.all(goal.id)
        if goal.cadence.per_week is not None:
            by_day = {c.day: c for c in checkins}
            tally = week_tally(goal, by_day, week_start(today), today)
            return f"{tally.done} of {tally.target} this week."
        run = current_streak(goal, checkins, today)
        return f"Streak {plural(run, 'day', 'days')}."

    def action_skip(self) -> None:
        """Skip today for the highlighted goal, with a reason (``x``)."""
        goal = self._need_goal()
        if goal is None:
            return
        if self.explain_read_only():
            return
        today = self.today()

        def save(reason: str) -> str | None:
            error = self._write_error(
                lambda: self.repo.check_in(
                    CheckIn(goal.id, today, CheckState.SKIPPED, reason), today
                )
            )
            if error is None:
                self.skip_drafts.pop(goal.id, None)
                self.refresh_goals()
                self.notify(f"Skipped today: {goal.title}. Your streak is kept.")
            return error

        def keep(text: str) -> None:
            self.skip_drafts[goal.id] = text

        self.app.push_screen(
            PromptDialog(
                f"Skip today · {goal.title}",
                intro="Rest, illness and travel happen. A skip with a reason keeps your streak.",
                label="Why",
                hint="A word or two is enough.",
                value=self.skip_drafts.get(goal.id, ""),
                submit=save,
                keep=keep,
                field_id="skip-reason",
            )
        )

    def action_correct(self) -> None:
        """Correct one of the last seven days of the highlighted goal (``c``)."""
        goal = self._need_goal()
        if goal is None:
            return
        if self.explain_read_only():
            return
        today = self.today()

        def records() -> dict[date, CheckIn]:
            return {c.day: c for c in self.repo.checkins.all(goal.id)}

        def apply(day: date, state: CheckState | None, reason: str) -> str | None:
            if state is None:
                error = self._write_error(lambda: self.repo.clear_check_in(goal.id, day, today))
            else:
                error = self._write_error(
                    lambda: self.repo.check_in(CheckIn(goal.id, day, state, reason), today)
                )
            if error is None:
                self.refresh_goals()
            return error

        self.app.push_screen(CorrectDays(goal, records, today, apply))

    def action_pause(self) -> None:
        """Pause the highlighted goal, or resume it (``p``)."""
        goal = self._need_goal()
        if goal is None:
            return
        today = self.today()
        if goal.status is GoalStatus.ARCHIVED:
            self.notify(f"{goal.title} is archived; a restores it.")
            return
        if goal.status is GoalStatus.PAUSED:
            if self._write(lambda: self.repo.resume(goal.id, today)):
                self.notify(f"Welcome back to {goal.title}.")
        elif self._write(lambda: self.repo.pause(goal.id, today)):
            self.notify(f"{goal.title} is resting. Paused days never count against you.")
        self.refresh_goals()

    def action_archive(self) -> None:
        """Archive the highlighted goal after a yes, or restore an archived one (``a``)."""
        goal = self._need_goal()
        if goal is None:
            return
        if self.explain_read_only():
            return
        if goal.status is GoalStatus.ARCHIVED:
            if self._write(lambda: self.repo.restore(goal.id)):
                self.notify(f"{goal.title} is back.")
            self.refresh_goals()
            return

        def yes() -> None:
            if self._write(lambda: self.repo.archive(goal.id, self.today())):
                self.notify(f"Archived: {goal.title}. h shows archived goals.")
            self.refresh_goals()

        self.app.push_screen(
            ConfirmDialog(
                "Archive this goal?",
                f"“{goal.title}” leaves the list, and its history stays in your journal. "
                "h shows archived goals, and a brings one back.",
                yes,
                yes="archive it",
                no="keep it",
            )
        )

    def action_toggle_archived(self) -> None:
        """Show or hide archived goals (``h``)."""
        self.show_archived = not self.show_archived
        self.refresh_goals()
        self.notify("Showing archived goals." if self.show_archived else "Archived goals hidden.")

    def action_adopt(self) -> None:
        """Adopt the highlighted suggestion from Step 1 as a goal (``g``)."""
        row = self._highlighted_id() or ""
        issues = {i.issue_id: i for i in self._marked_issues()}
        if not row.startswith("suggest:") or row.split(":", 1)[1] not in issues:
            self.notify(
                "Move to a suggested goal first (a row starting with +). Suggestions come "
                "from the issues you marked in Step 1."
            )
            return
        goal = suggestion_goal(issues[row.split(":", 1)[1]], self.today())
        added: list[Goal] = []
        if self._write(lambda: added.append(self.repo.add_goal(goal))):
            self.refresh_goals(select=f"goal:{added[0].id}")
            self.notify(f"Added: {added[0].title} ({added[0].cadence.label}).")

    def action_month(self, delta: int) -> None:
        """Show an earlier or later month in the grid (``[`` / ``]``)."""
        self.month = shift_month(*self.month, delta)
        self._show_detail()

    def action_month_view(self) -> None:
        """Open the highlighted goal's month grid full size (``m``)."""
        goal = self._need_goal()
        if goal is None:
            return
        today = self.today()
        checkins = self.repo.checkins.all(goal.id)
        run = streak(goal, checkins, today)
        summary = (
            f"{area_info(goal.area).title}\n{goal.cadence.label}, since {short_day(goal.created)}\n"
            f"Streak {run.describe(run.current)}\nBest {run.describe(run.best)}"
        )

        def grid_for(year: int, month: int) -> MonthGrid:
            return month_grid(goal, checkins, year, month, today)

        self.app.push_screen(MonthView(goal, grid_for, self.month, summary))

    def action_rate(self) -> None:
        """Today's check-in, where confidence is rated 1-5 (``r``)."""
        self.open_checkin(self.today(), self._show_confidence)
