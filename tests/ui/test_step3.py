"""Pilot tests for Step 3: readiness, drafts with the tone check, the pause, the contact log,
and the turn to the moving-forward path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from tests.ui.conftest import FakeClock
from tests.ui.helpers import screen_text, static_text, wait_until
from winback_tui import program
from winback_tui.app import WinbackApp
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.openness import OpennessCheck, Signal, take_check
from winback_tui.domain.readiness import Mode, reconnect_mode, standing_boundary
from winback_tui.screens.base import is_text_field
from winback_tui.screens.step3 import ContactForm, Step3Screen
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.daily import DailyRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.reconnect import MindsetRepo
from winback_tui.widgets.dialogs import ConfirmDialog, FormDialog, MessageDialog, PromptDialog
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import ReflectionEditor
from winback_tui.widgets.status_line import StatusLine

BLAMING = "Hi. You always left me waiting, and it's your fault."


def step3(app: WinbackApp) -> Step3Screen:
    assert isinstance(app.screen, Step3Screen)
    return app.screen


def text_of(app: WinbackApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    if isinstance(widget, StatusLine):
        return widget.text
    assert isinstance(widget, Static)
    return static_text(widget)


async def new_draft(pilot: Pilot[object], app: WinbackApp, title: str, text: str) -> None:
    await pilot.press("n")
    assert isinstance(app.screen, PromptDialog)
    app.screen.query_one("#title", Input).value = title
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.focused, ReflectionEditor))
    assert app.focused is not None and app.focused.id == "draft-editor"
    await pilot.press(*text)
    await pilot.press("escape")  # leaves the editor, saving, and checks the tone at once
    await pilot.pause()


async def test_readiness_comes_first_and_lists_what_is_missing(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        screen = step3(app)
        assert app.focused is screen.query_one("#readiness", KeyList)
        readiness = screen.query_one("#readiness", KeyList)
        assert readiness.region.y < 24  # on screen from the start, at 80x24
        rows = [str(readiness.get_option_at_index(i).prompt) for i in range(5)]
        assert rows[0].startswith("[ ] Step 1 reflections")
        assert "Why it matters" in rows[0]
        assert rows[4].startswith("[x] Your boundaries")
        assert "Nothing here is ever sent" in screen_text(app)


async def test_the_check_in_counts_toward_readiness_and_bad_input_is_explained(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "m")
        form = app.screen
        assert isinstance(form, FormDialog) and form.dialog_title == "Today's check-in"
        await pilot.press("9", "enter")
        await pilot.press("4", "enter", "4", "enter")
        assert app.screen is form  # refused: 9 is out of range
        assert "1 to 5" in text_of(app, "#mood-error")
        assert app.focused is form.query_one("#mood", Input)
        form.query_one("#mood", Input).value = "4"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Step3Screen)
        rows = str(app.screen.query_one("#readiness", KeyList).get_option_at_index(3).prompt)
        assert rows.startswith("[x] Your mindset today")
    today = journal.now().astimezone().date()
    rating = MindsetRepo(journal).on(today)
    assert rating is not None and (rating.positive, rating.confident, rating.calm) == (4, 4, 4)


async def test_a_blaming_draft_is_marked_with_pattern_and_kinder_direction(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "To Sam", BLAMING)
        tone = text_of(app, "#tone")
        assert "2 phrases may hurt" in tone
        assert "! “You always” blame or accusation" in tone
        assert "criticism (Gottman's four horsemen)" in tone
        assert "Try:" in tone
        assert "! “your fault”" in tone
    (draft,) = DraftsRepo(journal).all()
    assert draft.title == "To Sam" and draft.text == BLAMING


async def test_tone_check_runs_while_typing_after_a_short_pause(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "Kind", "I miss you. ")
        assert "nothing here reads as blame" in text_of(app, "#tone")
        await pilot.press("d", *"If you don't reply I'll keep texting")
        # No key pressed after typing: the debounced check updates the list by itself.
        await wait_until(pilot, lambda: "may hurt" in text_of(app, "#tone"))
        assert "“If you don't”" in text_of(app, "#tone")


async def test_a_long_draft_is_checked_without_blocking(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "Long", "x")
        editor = app.screen.query_one("#draft-editor", ReflectionEditor)
        editor.load_text("Calm words. " * 5_000 + "You never listen.")
        await wait_until(pilot, lambda: "1 phrase may hurt" in text_of(app, "#tone"))


def welcoming(journal: Journal) -> None:
    """Everything else in the readiness check allows "ready": they are open, the day is steady."""
    AssessmentRepo(journal).add_openness_check(
        take_check(frozenset({Signal.REPLIED_WARMLY, Signal.REACHED_OUT_FIRST}), journal.now())
    )
    DailyRepo(journal).rate(journal.now().astimezone().date(), mood=4, confidence=4, calm=4)


async def test_cooling_off_refuses_before_and_allows_after_with_confirm(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    welcoming(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "Letter", "I'm sorry I didn't listen. No pressure.")
        assert "10 minutes left" in text_of(app, "#draft-meta")
        clock.advance(minutes=9)
        await pilot.press("r")
        assert isinstance(app.screen, MessageDialog)  # refused: no confirm yet
        assert "still resting: 1 minute more" in text_of(app, "#message-text")
        await pilot.press("escape")
        assert DraftsRepo(journal).all()[0].ready_at is None
        clock.advance(minutes=1, seconds=1)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)
        assert "nothing that reads as blame" in text_of(app, "#confirm-text")
        await pilot.press("n")  # not yet: nothing is marked
        assert DraftsRepo(journal).all()[0].ready_at is None
        await pilot.press("r", "y")
        assert isinstance(app.screen, Step3Screen)
        assert "[ready" in str(
            app.screen.query_one("#drafts", KeyList).get_option_at_index(0).prompt
        )
    assert DraftsRepo(journal).all()[0].ready_at == clock.now


async def test_pause_length_setting_changes_the_wait(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    welcoming(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "p")
        form = app.screen
        assert isinstance(form, PromptDialog)
        form.query_one("#minutes", Input).value = "0"
        await pilot.press("enter")
        assert "between 1 and 1440" in text_of(app, "#minutes-error")
        form.query_one("#minutes", Input).value = "2"
        await pilot.press("enter")
        assert journal.get_setting("cooling_off_minutes") == 2
        await new_draft(pilot, app, "Short", "Thinking of you.")
        clock.advance(minutes=2)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)


async def test_editing_a_ready_draft_needs_a_new_pause(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    welcoming(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "A", "Hello.")
        clock.advance(minutes=11)
        await pilot.press("r", "y")
        assert DraftsRepo(journal).all()[0].ready_at is not None
        await pilot.press("d", "end", *" Take care.", "escape")
        await pilot.pause()
        assert DraftsRepo(journal).all()[0].ready_at is None
        assert "10 minutes left" in text_of(app, "#draft-meta")


async def test_several_drafts_switch_with_the_list_and_keep_their_text(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "One", "First text.")
        await new_draft(pilot, app, "Two", "Second text.")
        editor = app.screen.query_one("#draft-editor", ReflectionEditor)
        assert editor.text == "Second text."
        assert app.focused is app.screen.query_one("#drafts")
        await pilot.press("k")
        assert editor.text == "First text."
        await pilot.press("t")
        app.screen.query_one("#title", Input).value = "Renamed"
        await pilot.press("enter")
    titles = [d.title for d in DraftsRepo(journal).all()]
    assert titles == ["Renamed", "Two"]


async def test_drafts_survive_a_restart(
    open_journal: Callable[..., Journal], tmp_path: object
) -> None:
    journal = open_journal()
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "Kept", "Words I keep.")
    journal.close()
    again = open_journal()
    app = WinbackApp(again, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert app.screen.query_one("#draft-editor", ReflectionEditor).text == "Words I keep."
        assert "Kept" in str(app.screen.query_one("#drafts", KeyList).get_option_at_index(0).prompt)


async def test_logging_no_contact_turns_step3_to_moving_forward(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "Unsent", "Thinking of you.")
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#when", Input).value == "2026-03-12 09:30"
        response = form.query_one("#response", Select)
        response.focus()
        await pilot.press("enter")
        # One choice further down per round, by keys; bounded, so a list that
        # never reaches the choice fails the test instead of hanging it.
        for _ in range(len(Response) + 1):
            if response.value == Response.ASKED_NO_CONTACT.value:
                break
            await pilot.press("down", "enter")
            await pilot.pause()
            if response.value != Response.ASKED_NO_CONTACT.value:
                await pilot.press("enter")
        assert response.value == Response.ASKED_NO_CONTACT.value, "not reachable by keys"
        form.query_one("#learned", Input).value = "They need distance."
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Step3Screen)
        screen = app.screen
        assert screen.mode is Mode.MOVING_FORWARD
        assert text_of(app, ".step-title") == "Step 3 · Moving forward"
        assert not screen.query_one("#reconnect-tools").display
        assert screen.query_one("#mf-path").display
        assert "asked for no contact" in text_of(app, "#mf-text")
        prompts = screen.query_one("#prompts", OptionList)
        titles = [str(prompts.get_option_at_index(i).prompt) for i in range(prompts.option_count)]
        assert any("A letter never sent" in t for t in titles)
        # The reconnect keys step aside; the drafts are kept, not deleted.
        await pilot.press("n")
        assert isinstance(app.screen, Step3Screen)
        new_key = screen.active_bindings.get("n")
        assert new_key is None or not new_key.enabled
        assert "! 2026-03-12 09:30" in text_of(app, "#contact-list")
    contacts = ContactsRepo(journal).all()
    assert [c.response for c in contacts] == [Response.ASKED_NO_CONTACT]
    assert contacts[0].learned == "They need distance."
    assert len(DraftsRepo(journal).all()) == 1
    # The domain rule says the same.
    assert reconnect_mode(None, standing_boundary(contacts)) is Mode.MOVING_FORWARD


async def test_a_future_contact_time_is_refused_and_escape_keeps_the_form(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "c")
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#when", Input).value = "2026-03-13 10:00"
        form.query_one("#went", Input).value = "We talked for an hour."
        await pilot.press("ctrl+s")
        assert "in the future" in text_of(app, "#when-error")
        form.query_one("#when", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        assert "YYYY-MM-DD HH:MM" in text_of(app, "#when-error")
        await pilot.press("escape")
        assert isinstance(app.screen, Step3Screen)
        assert ContactsRepo(journal).all() == []
        await pilot.press("c")
        assert app.screen.query_one("#went", Input).value == "We talked for an hour."
        app.screen.query_one("#when", Input).value = "2026-03-11 18:00"
        await pilot.press("ctrl+s")
        assert "2026-03-11 18:00" in text_of(app, "#contact-list")
    (contact,) = ContactsRepo(journal).all()
    assert contact.how_it_went == "We talked for an hour."
    assert contact.response is Response.NEUTRAL


async def test_not_open_verdict_shows_moving_forward_on_opening(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    AssessmentRepo(journal).add_openness_check(
        take_check(frozenset({Signal.NEW_PARTNER}), journal.now())
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        screen = step3(app)
        assert screen.mode is Mode.MOVING_FORWARD
        assert "not open" in text_of(app, "#mf-text")
        assert program.MOVING_FORWARD_GUIDANCE in text_of(app, ".guidance")
        # It opens on why the step turned; no list to land on, so no text field either.
        assert not screen.showing_reflections
        assert not is_text_field(app.focused)
        await pilot.press("e", *"I keep the laughter.", "escape")
        await pilot.pause()
    saved = journal.reflection(3, program.MOVING_FORWARD_PROMPTS[0].id)
    assert saved is not None and saved.text == "I keep the laughter."


async def test_they_reaching_out_warmly_lifts_the_request(journal: Journal) -> None:
    # The rule behind the screen: a later contact they started lifts a request for space.
    at = journal.now()
    asked = Contact(
        at - timedelta(days=30), Channel.MESSAGE, Initiator.ME, Response.ASKED_FOR_SPACE
    )
    mine = Contact(at - timedelta(days=20), Channel.MESSAGE, Initiator.ME, Response.WARM)
    theirs = Contact(at - timedelta(days=2), Channel.CALL, Initiator.THEM, Response.WARM)
    assert standing_boundary([asked, mine]) is Response.ASKED_FOR_SPACE
    assert standing_boundary([asked, mine, theirs]) is None


async def test_read_only_refuses_every_edit_with_the_reason(
    open_journal: Callable[..., Journal],
) -> None:
    writer = open_journal()
    DraftsRepo(writer).create("Mine")
    reader = open_journal(welcome_seen=False)
    assert reader.read_only
    app = WinbackApp(reader, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        for key in ("n", "t", "r", "p", "m", "c", "d", "x"):
            await pilot.press(key)
            assert isinstance(app.screen, Step3Screen), key
            # The reason is told once, at the first refused key, not once per key.
            assert len(app._notifications) == 1, key
            assert "read-only" in next(iter(app._notifications)).message
        assert app.screen.query_one("#draft-editor", ReflectionEditor).text == ""
    assert [d.title for d in DraftsRepo(writer).all()] == ["Mine"]


async def test_everything_is_reachable_at_80x24(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await new_draft(pilot, app, "Seen", "You never call.")
        for widget_id in ("#readiness", "#drafts", "#draft-editor", "#prompts"):
            widget = app.screen.query_one(widget_id)
            if isinstance(widget, ReflectionEditor):
                widget.enter()  # an editor is entered on purpose (e), never tabbed into
            else:
                widget.focus()
            # Focus scrolls the widget into view over the next refreshes; wait for
            # that (a loaded machine needs more than one pause).
            for _ in range(40):
                await pilot.pause(0.05)
                region = widget.region
                if region.height > 0 and 0 <= region.y < 23:
                    break
            region = widget.region
            assert region.height > 0 and 0 <= region.y < 23, widget_id
        # The help overlay lists this screen's keys with descriptions.
        await pilot.press("escape") if isinstance(app.focused, ReflectionEditor) else None
        app.screen.query_one("#drafts").focus()
        await pilot.press("question_mark")
        keys = static_text(app.screen.query_one("#keys", Static))
        for described in ("New draft", "Write draft", "Mark ready", "Log contact", "Pause length"):
            assert described in keys


def test_openness_check_type_is_what_step3_reads() -> None:
    # Guard against the shared type changing under this screen.
    assert OpennessCheck.__dataclass_fields__.keys() >= {"at", "signals", "result"}
