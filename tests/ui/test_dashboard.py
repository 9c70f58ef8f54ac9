"""Pilot tests for the home dashboard: what each step feeds into it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.widgets import OptionList, Static

from tests.ui.conftest import FakeClock
from tests.ui.helpers import static_text
from winback_tui.app import WinbackApp
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.openness import OpennessCheck, Signal, assess_openness
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo


def notice(app: WinbackApp) -> str | None:
    widget = app.screen.query_one("#notice", Static)
    return static_text(widget) if widget.display else None


def step_rows(app: WinbackApp) -> list[str]:
    steps = app.screen.query_one("#steps", OptionList)
    return [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]


def next_line(app: WinbackApp) -> str:
    return static_text(app.screen.query_one("#next", Static))


def message(at_clock: FakeClock, days_ago: int, response: Response) -> Contact:
    return Contact(
        at=at_clock.now - timedelta(days=days_ago),
        channel=Channel.MESSAGE,
        initiator=Initiator.ME,
        response=response,
    )


async def test_a_new_journal_has_no_notice_and_suggests_step_one(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert notice(app) is None
        assert "step 1" in next_line(app)
        rows = step_rows(app)
        assert rows[0].startswith("[ ] 1  Assess the Situation\n       0/5 reflections")
        assert "openness not checked" in rows[0]


async def test_not_open_turns_the_dashboard_toward_letting_go(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    signals = frozenset({Signal.ASKED_NO_CONTACT})
    AssessmentRepo(journal).add_openness_check(
        OpennessCheck(clock.now, signals, assess_openness(signals))
    )
    app = make_app()
    async with app.run_test(size=(80, 24)):
        text = notice(app)
        assert text is not None and "the answer is no contact" in text
        assert step_rows(app)[2].startswith("[ ] 3  Moving forward")
        assert "letters never sent" in step_rows(app)[2]
        assert "Look after yourself" in next_line(app)


async def test_unanswered_messages_past_the_boundary_warn_on_the_dashboard(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    contacts = ContactsRepo(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert notice(app) is None
        for days_ago in (3, 2, 1):
            contacts.add(message(clock, days_ago, Response.NO_REPLY))
        await pilot.press("1", "0")  # coming back to home re-reads the journal
        text = notice(app)
        assert text is not None and "pause" in text.lower()
        # Step 4's row counts the days without contact: none, with a message yesterday.
        assert "0 days without contact" in step_rows(app)[3]


async def test_asked_for_space_in_the_contact_log_shows_no_countdown(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    ContactsRepo(journal).add(message(clock, 1, Response.ASKED_FOR_SPACE))
    app = make_app()
    async with app.run_test(size=(80, 24)):
        text = notice(app)
        assert text is not None
        assert "Moving forward" in step_rows(app)[2] and "letters never sent" in step_rows(app)[2]
        # A request for space is respected, not counted down: no date, no number of days.
        assert "They asked for space" in text and "no date to try again" in text
        assert not any(ch.isdigit() for ch in text.replace("Step 2", ""))


async def test_a_screen_reads_again_on_coming_back_only_when_the_journal_moved_on(
    make_app: Callable[[], WinbackApp], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from winback_tui.screens.home import HomeScreen
    from winback_tui.screens.step4 import Step4Screen

    reads: list[str] = []
    home_refresh, step4_reload = HomeScreen.refresh_progress, Step4Screen.reload

    def counted_home(self: HomeScreen) -> None:
        reads.append("home")
        home_refresh(self)

    def counted_step4(self: Step4Screen, select: int | None = None) -> None:
        reads.append("step4")
        step4_reload(self, select)

    monkeypatch.setattr(HomeScreen, "refresh_progress", counted_home)
    monkeypatch.setattr(Step4Screen, "reload", counted_step4)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert reads == ["home", "step4"]  # once each, though Textual resumes a new mode twice
        await pilot.press("0")  # Step 4 wrote its starting boundaries: home reads them
        await pilot.pause()
        assert reads == ["home", "step4", "home"]
        await pilot.press("4", "0", "4")
        await pilot.pause()
        assert reads == ["home", "step4", "home"]  # nothing changed: nothing read again
        journal.set_setting("a setting", 1)
        await pilot.press("0")
        await pilot.pause()
        assert reads[3:] == ["home"]
        await pilot.press("4")
        await pilot.pause()
        assert reads[3:] == ["home", "step4"]
