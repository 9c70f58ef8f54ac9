"""Pilot tests for Step 4: the boundaries checklist, the pacing guard, keep growing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, shown, static_text, type_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.domain.boundaries import DEFAULT_BOUNDARIES
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import DAILY, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.screens.overlays import HelpScreen
from winback_tui.screens.step4 import BoundaryChecklist, PacingForm, Step4Screen
from winback_tui.store import Journal
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.widgets.dialogs import ConfirmDialog, PromptDialog


def rows(app: WinbackApp) -> list[str]:
    """The checklist rows as the user reads them (mark, text and note)."""
    checklist = app.screen.query_one("#boundaries", BoundaryChecklist)
    return [
        str(getattr(checklist.get_option_at_index(i).prompt, "plain", ""))
        for i in range(checklist.option_count)
    ]


def texts(app: WinbackApp) -> list[str]:
    return [item.label for item in app.screen.query_one("#boundaries", BoundaryChecklist).items]


async def open_step4(pilot: Pilot[object]) -> BoundaryChecklist:
    await pilot.press("4")
    assert isinstance(pilot.app.screen, Step4Screen)
    checklist = pilot.app.screen.query_one("#boundaries", BoundaryChecklist)
    await wait_until(pilot, lambda: pilot.app.focused is checklist)
    return checklist


def log(journal: Journal, when: datetime, who: Initiator, response: Response) -> None:
    ContactsRepo(journal).add(Contact(when, Channel.MESSAGE, who, response))


# ------------------------------------------------------------------- opening
async def test_focus_lands_on_the_boundaries_with_the_defaults_and_global_keys_work(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_step4(pilot)
        assert texts(app) == list(DEFAULT_BOUNDARIES)
        assert rows(app)[0].startswith("[ ] ")
        assert "kept 0/1 day" in rows(app)[0]
        # The checklist is on screen at 80x24, not scrolled away.
        assert checklist.region.height > 2
        assert app.screen.region.contains_region(checklist.region)
        await pilot.press("2")
        assert not isinstance(app.screen, Step4Screen)


async def test_space_and_enter_tick_kept_today_and_it_survives_a_restart(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        await pilot.press("space")
        assert rows(app)[0].startswith("[x] ")
        assert "kept 1/1 day" in rows(app)[0]
        await pilot.press("j", "enter")
        assert rows(app)[1].startswith("[x] ")
        await pilot.press("enter")
        assert rows(app)[1].startswith("[ ] ")
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        assert rows(second)[0].startswith("[x] ")
        assert rows(second)[1].startswith("[ ] ")


async def test_a_tick_is_per_day_and_the_rate_grows(
    make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        await pilot.press("space")
    clock.advance(days=1)
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        assert rows(second)[0].startswith("[ ] ")
        assert "kept 1/2 days" in rows(second)[0]
        await pilot.press("space")
        assert "kept 2/2 days" in rows(second)[0]


# ------------------------------------------------------------------- editing
async def test_add_edit_reorder_and_delete_by_keyboard_alone_then_restart(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        # Add.
        await pilot.press("a")
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "I go for a walk when I miss them")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step4Screen))
        assert texts(app)[-1] == "I go for a walk when I miss them"
        checklist = app.screen.query_one("#boundaries", BoundaryChecklist)
        assert app.focused is checklist
        assert checklist.highlighted == 7
        # Edit (r): clear the line and write new words.
        await pilot.press("r")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("ctrl+u")
        await type_text(pilot, "I call a friend when I miss them")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step4Screen))
        assert texts(app)[-1] == "I call a friend when I miss them"
        # Reorder: K up twice, J down once.
        await pilot.press("K", "K")
        assert texts(app)[5] == "I call a friend when I miss them"
        await pilot.press("J")
        assert texts(app)[6] == "I call a friend when I miss them"
        assert checklist.highlighted == 6
        # Delete, asked first: n keeps it, escape keeps it, y deletes.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        assert "I call a friend" in static_text(app.screen.query_one("#confirm-text", Static))
        await pilot.press("n")
        assert len(texts(app)) == 8
        await pilot.press("d")
        await pilot.press("escape")
        assert len(texts(app)) == 8
        await pilot.press("d", "y")
        await wait_until(pilot, lambda: len(texts(app)) == 7)
        assert "I call a friend when I miss them" not in texts(app)
        # enter gives the safe answer: it keeps the boundary; only y deletes.
        await pilot.press("home", "d", "enter")
        assert isinstance(app.screen, Step4Screen)
        assert len(texts(app)) == 7
        await pilot.press("d", "y")
        await wait_until(pilot, lambda: len(texts(app)) == 6)
        assert texts(app)[0] == DEFAULT_BOUNDARIES[1]
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        # Deleted defaults do not come back after a restart.
        assert texts(second) == list(DEFAULT_BOUNDARIES[1:])


async def test_c_also_edits_and_escape_keeps_the_draft(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        await pilot.press("c", "end")
        await type_text(pilot, " even on bad days")
        await pilot.press("escape")
        assert isinstance(app.screen, Step4Screen)
        assert texts(app)[0] == DEFAULT_BOUNDARIES[0]  # not saved, not lost:
        assert "Your draft is kept for next time." in messages(app)
        await pilot.press("r")
        dialog_input = app.screen.query_one("#boundary-text", Input)
        assert dialog_input.value == DEFAULT_BOUNDARIES[0] + " even on bad days"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step4Screen))
        assert texts(app)[0] == DEFAULT_BOUNDARIES[0] + " even on bad days"


# ------------------------------------------------------------------ bad input
async def test_empty_and_1000_character_boundaries_are_refused_and_nothing_is_lost(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        await pilot.press("a")
        await pilot.press("space", "space", "enter")
        assert isinstance(app.screen, PromptDialog)
        assert "needs a few words" in shown(app, "boundary-text-error")
        field = app.screen.query_one("#boundary-text", Input)
        field.post_message(events.Paste("x" * 1000))
        await wait_until(pilot, lambda: len(field.value) >= 1000)
        assert "too long" in shown(app, "counter")
        await pilot.press("enter")
        assert isinstance(app.screen, PromptDialog)
        assert "up to 300 characters" in shown(app, "boundary-text-error")
        assert "1,000" in shown(app, "boundary-text-error")
        assert field.value.strip() == "x" * 1000  # the text is still there
        await pilot.press("escape")
        assert len(texts(app)) == len(DEFAULT_BOUNDARIES)
        # The long draft comes back when the dialog opens again.
        await pilot.press("a")
        assert app.screen.query_one("#boundary-text", Input).value.strip() == "x" * 1000
        assert "draft is back" in shown(app, "dialog-intro")
    assert len(BoundariesRepo(journal).all()) == len(DEFAULT_BOUNDARIES)


async def test_two_hundred_boundaries_scroll_and_stay_usable(
    journal: Journal, make_app: Callable[[], WinbackApp]
) -> None:
    repo = BoundariesRepo(journal)
    today = journal.now().date()
    repo.ensure_defaults(today)
    for n in range(193):
        repo.add(f"Extra boundary number {n}", today)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_step4(pilot)
        assert checklist.option_count == 200
        await pilot.press("end")
        assert checklist.highlighted == 199
        assert checklist.scroll_y > 0  # the list scrolled to the last one
        await pilot.press("space")
        assert rows(app)[199].startswith("[x] Extra boundary number 192")
        await pilot.press("K")
        assert texts(app)[198] == "Extra boundary number 192"
        assert checklist.highlighted == 198


# -------------------------------------------------------------------- pacing
async def test_pacing_warning_appears_when_the_log_crosses_the_boundary(
    journal: Journal, make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        assert shown(app, "pacing").startswith("[ok] No contact logged")
        await pilot.press("0")
        now = clock.now
        log(journal, now - timedelta(days=3), Initiator.ME, Response.NO_REPLY)
        log(journal, now - timedelta(days=1), Initiator.ME, Response.NO_REPLY)
        await open_step4(pilot)
        text = shown(app, "pacing")
        assert text.startswith("[!] Time to pause")
        # Last message on Wed 11 Mar, 7-day window: Wed 18 Mar is the earliest.
        assert "Wed 18 Mar 2026" in text
        assert app.screen.query_one("#pacing", Static).has_class("-warning")
        assert "1 day since you last reached out" in shown(app, "growth")


async def test_no_contact_request_shows_no_countdown(
    journal: Journal, make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    log(journal, clock.now - timedelta(days=2), Initiator.THEM, Response.ASKED_NO_CONTACT)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        text = shown(app, "pacing")
        assert text.startswith("[!] ")
        assert "no date to try again" in text
        assert "earliest" not in text
        assert not any(ch.isdigit() for ch in text)  # no date at all, not even theirs


async def test_future_dated_contacts_are_mentioned_not_counted(
    journal: Journal, make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    log(journal, clock.now + timedelta(days=3), Initiator.ME, Response.NO_REPLY)
    log(journal, clock.now + timedelta(days=4), Initiator.ME, Response.NO_REPLY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        text = shown(app, "pacing")
        assert text.startswith("[ok]")
        assert "dated after today" in text


async def test_pacing_window_setting_refuses_zero_and_saves_a_new_window(
    journal: Journal, make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    log(journal, clock.now - timedelta(days=3), Initiator.ME, Response.NO_REPLY)
    log(journal, clock.now - timedelta(days=1), Initiator.ME, Response.NO_REPLY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        assert "in 7 days" in shown(app, "pacing-settings")
        await pilot.press("p")
        assert isinstance(app.screen, PacingForm)
        await pilot.press("ctrl+u", "0", "enter")
        assert isinstance(app.screen, PacingForm)
        assert "0 days would put no limit" in shown(app, "window-days-error")
        await pilot.press("ctrl+u", "2", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Step4Screen))
        assert "at most 1 unanswered message in 2 days" in shown(app, "pacing-settings")
        # With a 2-day window only yesterday's message counts: no longer pushy.
        assert shown(app, "pacing").startswith("[ok]")
        # escape keeps what was typed for next time, without saving it.
        await pilot.press("p", "ctrl+u")
        await type_text(pilot, "30")
        await pilot.press("escape")
        assert "in 2 days" in shown(app, "pacing-settings")
        await pilot.press("p")
        assert app.screen.query_one("#window-days", Input).value == "30"
    assert BoundariesRepo(journal).settings().window_days == 2


# ----------------------------------------------------------------- growth
async def test_keep_growing_shows_patience_milestones(
    journal: Journal, make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    BoundariesRepo(journal).ensure_defaults(clock.now.date() - timedelta(days=8))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        growth = shown(app, "growth")
        assert "No contact you started is logged." in growth
        assert "8 days at your own pace." in growth
        assert "[x] A week" in growth
        assert "[ ] A month" in growth


async def test_keep_growing_shows_step2_streaks_and_confidence(
    journal: Journal, make_app: Callable[[], WinbackApp], clock: FakeClock
) -> None:
    today = clock.now.date()
    goals = GoalsRepo(journal)
    goal = goals.add("Walk every morning", Area.HEALTH, DAILY, today - timedelta(days=3))
    for n in (2, 1, 0):
        goals.check_in(CheckIn(goal.id, today - timedelta(days=n), CheckState.DONE), today)
    goals.ratings.rate(today - timedelta(days=2), 2)
    goals.ratings.rate(today, 5)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        growth = shown(app, "growth")
        assert "Step 2: 1 active goal" in growth
        assert "best streak 3 days" in growth
        assert "Confidence lately: 2 → 5 (of 5)" in growth


async def test_keep_growing_without_goals_points_to_step2(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        assert "Step 2: no goals yet. Press 2" in shown(app, "growth")


# --------------------------------------------------------------- read-only
async def test_read_only_copy_says_why_and_changes_nothing(
    journal: Journal, open_journal: Callable[..., Journal]
) -> None:
    BoundariesRepo(journal).ensure_defaults(journal.now().date())
    second = open_journal()
    assert second.read_only
    app = WinbackApp(second, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        await pilot.press("space")
        assert rows(app)[0].startswith("[ ] ")
        for key in ("a", "r", "d", "K", "p"):
            await pilot.press(key)
            assert isinstance(app.screen, Step4Screen), key
        # Told once, at the first refused key, not once per key.
        assert sum("read-only" in m for m in messages(app)) == 1
    assert BoundariesRepo(journal).kept_on(journal.now().date()) == set()


async def test_help_lists_the_boundary_keys(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step4(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = static_text(app.screen.query_one("#keys", Static))
        for described in (
            "Add boundary",
            "Edit boundary",
            "Delete boundary",
            "Move boundary up",
            "Move boundary down",
            "Pacing window",
            "Tick / untick",
        ):
            assert described in keys
