"""Pilot tests for Step 2: goals, check-ins, corrections, archive, ratings, by keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, shown, static_text, type_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.domain.goals import (
    AREAS,
    DAILY,
    MAX_TITLE,
    Cadence,
    CheckIn,
    CheckState,
    Goal,
    month_grid,
)
from winback_tui.domain.issues import Area
from winback_tui.screens.overlays import HelpScreen
from winback_tui.screens.step2 import (
    CorrectDays,
    GoalForm,
    GoalList,
    MonthView,
    Step2Screen,
)
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.widgets.dialogs import ConfirmDialog, FormDialog, PromptDialog
from winback_tui.widgets.month_grid import render_grid
from winback_tui.widgets.sparkline import block_sparkline

TODAY = date(2026, 3, 12)  # the FakeClock's day (a Thursday)


# ----------------------------------------------------------------------- helpers


def rows(app: WinbackApp) -> list[str]:
    """The goal list as the user reads it."""
    goals = app.screen.query_one("#goals", GoalList)
    return [
        str(
            getattr(
                goals.get_option_at_index(i).prompt, "plain", goals.get_option_at_index(i).prompt
            )
        )
        for i in range(goals.option_count)
    ]


def row_of(app: WinbackApp, title: str) -> str:
    return next(r for r in rows(app) if title in r)


async def open_step2(pilot: Pilot[object]) -> GoalList:
    await pilot.press("2")
    assert isinstance(pilot.app.screen, Step2Screen)
    goals = pilot.app.screen.query_one("#goals", GoalList)
    await wait_until(pilot, lambda: pilot.app.focused is goals)
    return goals


async def highlight(pilot: Pilot[object], title: str) -> None:
    """Move the cursor down to the row naming ``title`` (keyboard only)."""
    goals = pilot.app.screen.query_one("#goals", GoalList)
    for _ in range(goals.option_count):
        option = goals.highlighted_option
        if option is not None and title in str(getattr(option.prompt, "plain", option.prompt)):
            return
        await pilot.press("down")
    raise AssertionError(f"no row for {title!r}")


async def add_goal(
    pilot: Pilot[object], title: str, *, area_steps: int = 0, cadence: str = ""
) -> None:
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, GoalForm))
    await type_text(pilot, title)
    await pilot.press("tab")
    for _ in range(area_steps):
        await pilot.press("down")
    await pilot.press("tab")
    await type_text(pilot, cadence)
    await pilot.press("enter")


def seed(journal: Journal) -> GoalsRepo:
    repo = GoalsRepo(journal)
    walk = repo.add("Walk after dinner", Area.HEALTH, DAILY, TODAY - timedelta(days=20))
    repo.add("Guitar practice", Area.HOBBY, Cadence(3), TODAY - timedelta(days=20))
    for days_ago in (1, 2, 3):
        repo.check_in(CheckIn(walk.id, TODAY - timedelta(days=days_ago), CheckState.DONE), TODAY)
    return repo


# ------------------------------------------------------------------------ tests
async def test_a_new_user_sees_the_five_areas_with_guidance(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        listed = rows(app)
        for info in AREAS:
            assert any(info.title in r and info.guidance in r for r in listed)
        assert "no active goals yet" in shown(app, "week")
        assert "not rated yet" in shown(app, "confidence")


async def test_add_check_correct_archive_and_restart_by_keyboard(
    journal: Journal, open_journal: Callable[..., Journal], clock: FakeClock
) -> None:
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        # Add, on Monday: title, the second area (a hobby), three times a week. The
        # days corrected below then fall after the goal began (earlier ones never count).
        clock.advance(days=-3)
        await add_goal(pilot, "Sketch for ten minutes", area_steps=1, cadence="3")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        clock.advance(days=3)
        await pilot.press("0", "2")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        assert "[ ] Sketch for ten minutes" in row_of(app, "Sketch")
        assert "3× a week" in row_of(app, "Sketch")
        hobby = rows(app).index(next(r for r in rows(app) if r.startswith("A hobby")))
        assert rows(app).index(row_of(app, "Sketch")) == hobby + 1  # under its area

        # Check it: one key.
        await pilot.press("d")
        assert "[x] Sketch for ten minutes" in row_of(app, "Sketch")
        assert "1/3 this week" in row_of(app, "Sketch")
        assert "26■" not in shown(app, "month-grid") and "12■" in shown(app, "month-grid")

        # Correct yesterday to done, and the day before to skipped with a reason.
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrectDays))
        await pilot.press("down", "d")
        days = app.screen.query_one("#days", OptionList)
        day_rows = [str(days.get_option_at_index(i).prompt) for i in range(days.option_count)]
        assert len(day_rows) == 7
        assert day_rows[0].startswith("Thu 12 Mar (today)") and "[x] done" in day_rows[0]
        assert day_rows[1].startswith("Wed 11 Mar") and "[x] done" in day_rows[1]
        assert "nothing recorded" in day_rows[2] and day_rows[6].startswith("Fri 6 Mar")
        await pilot.press("down", "x")  # no reason yet: a message, and the reason field
        assert "why" in static_text(app.screen.query_one("#form-error", Static))
        assert isinstance(app.focused, Input)
        await type_text(pilot, "travelling")
        await pilot.press("enter")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        grid = shown(app, "month-grid")
        assert "10~" in grid and "11■" in grid and "12■" in grid
        assert "3/3 this week" not in row_of(app, "Sketch")  # a skip is not a done
        assert "2/3 this week" in row_of(app, "Sketch")

        # Archive, with a confirmation.
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        assert not any("Sketch" in r for r in rows(app))
        await pilot.press("h")
        assert "archived" in row_of(app, "Sketch")
    app_journal = journal
    app_journal.close()

    # Restart on the same file: everything is still there.
    again = open_journal()
    app = WinbackApp(again, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        assert not any("Sketch" in r for r in rows(app))
        await pilot.press("h")
        await highlight(pilot, "Sketch")
        grid = shown(app, "month-grid")
        assert "10~" in grid and "11■" in grid and "12■" in grid
        await pilot.press("a")  # restore
        await pilot.press("h")
        assert "[x] Sketch for ten minutes" in row_of(app, "Sketch")
    checkins = GoalsRepo(again).checkins.all()
    assert [(c.day, c.state, c.reason) for c in checkins] == [
        (date(2026, 3, 10), CheckState.SKIPPED, "travelling"),
        (date(2026, 3, 11), CheckState.DONE, ""),
        (date(2026, 3, 12), CheckState.DONE, ""),
    ]


async def test_bad_titles_and_cadences_get_a_message_and_nothing_is_lost(
    journal: Journal,
) -> None:
    repo = seed(journal)
    before = repo.all()
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        form = app.screen
        error = form.query_one("#goal-title-error", Static)

        await pilot.press("enter")  # empty title
        assert "! " in static_text(error) and "needs a title" in static_text(error)
        assert app.focused is form.query_one("#goal-title", Input)

        title = form.query_one("#goal-title", Input)
        title.value = "a" * 500
        await pilot.press("enter")
        assert "500" in static_text(error) and str(MAX_TITLE) in static_text(error)
        assert title.value == "a" * 500  # the text stays for the user to shorten

        title.value = "Stretch in the morning"
        cadence = form.query_one("#goal-cadence", Input)
        cadence_error = form.query_one("#goal-cadence-error", Static)
        for bad in ("0", "8"):
            cadence.value = bad
            await pilot.press("enter")
            assert "between 1 and 7" in static_text(cadence_error)
            assert not error.display  # the title's problem is solved: its line is gone
            assert app.focused is cadence
            assert isinstance(app.screen, GoalForm)
        cadence.value = "daily"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        assert "Stretch in the morning" in row_of(app, "Stretch")
    assert [g.title for g in GoalsRepo(journal).all()] == [
        *[g.title for g in before],
        "Stretch in the morning",
    ]


async def test_escape_keeps_the_goal_draft_even_across_a_restart(
    journal: Journal, open_journal: Callable[..., Journal]
) -> None:
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        await type_text(pilot, "Cook a new recipe")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        assert app.screen.query_one("#goal-title", Input).value == "Cook a new recipe"
        await pilot.press("escape")
    journal.close()
    app = WinbackApp(open_journal(), install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        assert app.screen.query_one("#goal-title", Input).value == "Cook a new recipe"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalForm))
        assert app.screen.query_one("#goal-title", Input).value == ""  # saved, so cleared


async def test_done_toggles_skip_needs_a_reason_and_keeps_the_streak(journal: Journal) -> None:
    seed(journal)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await highlight(pilot, "Walk after dinner")
        assert "streak 3 days" in row_of(app, "Walk")
        await pilot.press("space")
        assert "[x] Walk" in row_of(app, "Walk") and "streak 4 days" in row_of(app, "Walk")
        await pilot.press("d")  # undo
        assert "[ ] Walk" in row_of(app, "Walk") and "streak 3 days" in row_of(app, "Walk")

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog))
        await type_text(pilot, "a co")
        await pilot.press("escape")  # closes, keeping the words
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptDialog))
        assert app.screen.query_one(Input).value == "a co"
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")  # no reason
        assert isinstance(app.screen, PromptDialog)
        assert "why" in static_text(app.screen.query_one("#skip-reason-error", Static))
        await type_text(pilot, "a cold")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        assert "[-] Walk" in row_of(app, "Walk") and "streak 3 days" in row_of(app, "Walk")
        assert "skipped (a cold)" in shown(app, "goal-info")


async def test_pause_and_resume(journal: Journal, clock: FakeClock) -> None:
    seed(journal)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await highlight(pilot, "Walk after dinner")
        await pilot.press("p")
        assert "paused" in row_of(app, "Walk")
        await pilot.press("d")
        assert any("paused" in m for m in messages(app))
        assert "[ ] Walk" in row_of(app, "Walk")
        await pilot.press("p")
        assert "paused" not in row_of(app, "Walk")


async def test_month_grid_scrolls_by_month_across_the_year(journal: Journal) -> None:
    seed(journal)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await highlight(pilot, "Walk after dinner")
        assert shown(app, "month-grid").startswith("March 2026")
        assert "■ done" in shown(app, "goal-info") and "· no check-in" in shown(app, "goal-info")
        await pilot.press("left_square_bracket")
        assert shown(app, "month-grid").startswith("February 2026")
        await pilot.press(*["left_square_bracket"] * 2)
        assert shown(app, "month-grid").startswith("December 2025")
        await pilot.press(*["right_square_bracket"] * 4)
        assert shown(app, "month-grid").startswith("April 2026")

        # The larger view (m) starts on the same month and scrolls on its own.
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MonthView))
        grid = lambda: static_text(app.screen.query_one("#month-view-grid", Static))  # noqa: E731
        assert grid().startswith("April 2026")
        await pilot.press(*["left_square_bracket"] * 2)
        assert grid().startswith("February 2026")
        assert "■ done" in static_text(app.screen.query_one("#month-view-info", Static))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))


async def test_confidence_rating_once_a_day_with_a_sparkline(
    journal: Journal, clock: FakeClock
) -> None:
    repo = GoalsRepo(journal)
    repo.ratings.rate(TODAY - timedelta(days=2), 2)
    repo.ratings.rate(TODAY - timedelta(days=1), 3)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        assert "Confidence 3/5 on Wed 11 Mar" in shown(app, "confidence")
        await pilot.press("r")  # today's check-in, the one place ratings are asked
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        field = app.screen.query_one("#confidence", Input)
        field.value = "9"
        await pilot.press("ctrl+s")
        error = static_text(app.screen.query_one("#confidence-error", Static))
        assert "a whole number from 1 to 5" in error
        field.value = "4"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        assert "Confidence 4/5 today" in shown(app, "confidence")
        blocks = [ch for ch in shown(app, "confidence") if ch in "▁▂▃▄▅▆▇█"]
        assert len(blocks) == 3 and blocks == sorted(blocks)  # 2, 3, 4: rising
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        field = app.screen.query_one("#confidence", Input)
        assert field.value == "4"  # today's answer, to change
        field.value = "5"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Step2Screen))
        assert "Confidence 5/5 today" in shown(app, "confidence")
        assert "(3 ratings" in shown(app, "confidence")
    assert [r.value for r in GoalsRepo(journal).ratings.all()] == [2, 3, 5]


async def test_marked_issues_become_suggestions_adopted_with_one_key(journal: Journal) -> None:
    AssessmentRepo(journal).set_marked("stress", True)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        suggestion = row_of(app, "Suggested")
        assert "Move my body for 20 minutes" in suggestion
        await pilot.press("g")  # not on a suggestion: a hint, nothing added
        assert GoalsRepo(journal).all() == []
        await highlight(pilot, "Suggested")
        await pilot.press("g")
        assert not any("Suggested" in r for r in rows(app))
        assert "[ ] Move my body for 20 minutes" in row_of(app, "Move my body")
    assert [g.source for g in GoalsRepo(journal).all()] == ["stress"]


async def test_every_key_has_a_description_in_help_and_global_keys_still_work(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = static_text(app.screen.query_one("#keys", Static))
        for described in (
            "New goal",
            "Done today",
            "Skip today",
            "Correct a day",
            "Pause / resume",
            "Archive / restore",
            "Show / hide archived",
            "Adopt suggestion",
            "Check-in today",
            "Earlier month",
            "Later month",
            "Month view",
        ):
            assert described in keys
        await pilot.press("escape")
        await pilot.press("1")
        assert not isinstance(app.screen, Step2Screen)
        await pilot.press("2")
        assert isinstance(app.screen, Step2Screen)


async def test_every_part_is_reachable_at_80x24(journal: Journal) -> None:
    seed(journal)
    GoalsRepo(journal).ratings.rate(TODAY, 3)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        body = app.screen.query_one("#body")
        assert body.scroll_y == 0  # starts at the top, on the goals
        for widget_id in ("goals", "month-grid", "goal-info", "week", "confidence"):
            widget = app.screen.query_one(f"#{widget_id}")
            widget.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            region = widget.region
            assert region.height > 0 and 0 <= region.y < 24, widget_id
        # The reflections have a pane of their own, and e moves straight into the editor.
        await pilot.press("e")
        assert app.focused is app.screen.query_one("#editor")
        assert app.screen.query_one("#editor").region.height > 0


async def test_a_read_only_copy_says_why_for_every_change(
    journal: Journal, open_journal: Callable[..., Journal]
) -> None:
    seed(journal)
    second = open_journal()
    assert second.read_only
    app = WinbackApp(second, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await highlight(pilot, "Walk after dinner")
        for key in ("n", "d", "x", "c", "p", "a", "r"):
            await pilot.press(key)
            assert isinstance(app.screen, Step2Screen), key
            # The reason is told once, at the first refused key, not once per key.
            assert len(messages(app)) == 1 and "read-only" in messages(app)[0], key
        assert "[ ] Walk" in row_of(app, "Walk")
    assert len(GoalsRepo(journal).checkins.all()) == 3


# ----------------------------------------------------------- drawing, without colour
def test_sparkline_heights_carry_the_values() -> None:
    assert block_sparkline([1, 10]) == "▁█"
    assert block_sparkline(list(range(1, 11))) == "▁▂▃▃▄▅▆▆▇█"  # 8 heights for 10 values
    assert block_sparkline([0, 12]) == "▁█"  # outside the range: drawn at its ends
    assert block_sparkline([]) == ""
    assert block_sparkline([3, 3], low=5, high=5) == "▁▁"


def test_month_grid_text_marks_every_state_with_a_character() -> None:
    goal = Goal("Walk", Area.HEALTH, DAILY, date(2026, 3, 2), id=1)
    checks = [
        CheckIn(1, date(2026, 3, 3), CheckState.DONE),
        CheckIn(1, date(2026, 3, 4), CheckState.SKIPPED, "ill"),
    ]
    text = render_grid(month_grid(goal, checks, 2026, 3, TODAY))
    lines = text.splitlines()
    assert lines[0] == "March 2026"
    assert lines[1] == "Mo  Tu  We  Th  Fr  Sa  Su"
    assert lines[2] == " ".ljust(24) + " 1"  # before the goal began: no mark
    assert lines[3].startswith(" 2·  3■  4~  5·")
    assert "12□ 13  14" in lines[4]


async def test_a_clock_moved_backwards_keeps_and_shows_later_check_ins(
    journal: Journal, clock: FakeClock
) -> None:
    repo = GoalsRepo(journal)
    walk = repo.add("Walk [every] day", Area.HEALTH, DAILY, TODAY - timedelta(days=5))
    repo.check_in(CheckIn(walk.id, TODAY, CheckState.DONE), TODAY)
    clock.advance(days=-2)  # the clock now says Tuesday 10 March
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step2(pilot)
        await highlight(pilot, "Walk")
        assert "[ ] Walk [every] day" in row_of(app, "Walk")  # brackets in a title show as typed
        grid = shown(app, "month-grid")
        assert "10□" in grid and "12■" in grid  # Thursday's check-in is kept and shown
        await pilot.press("d")
        assert "[x] Walk" in row_of(app, "Walk")
    assert [c.day for c in GoalsRepo(journal).checkins.all()] == [
        TODAY - timedelta(days=2),
        TODAY,
    ]
