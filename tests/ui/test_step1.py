"""Pilot tests for Step 1's tools: the underlying issues and the openness check."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, static_text, wait_until
from winback_tui import program
from winback_tui.app import WinbackApp
from winback_tui.domain.openness import Signal, Verdict
from winback_tui.screens.step1 import (
    NoteScreen,
    OpennessScreen,
    Step1Screen,
)
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.widgets.checklist import Checklist
from winback_tui.widgets.dialogs import PromptDialog
from winback_tui.widgets.reflection_editor import ReflectionEditor


def rows(checklist: Checklist) -> list[str]:
    """The rows of a checklist as the user reads them."""
    return [
        str(getattr(checklist.get_option_at_index(i).prompt, "plain", ""))
        for i in range(checklist.option_count)
    ]


def issues(app: WinbackApp) -> Checklist:
    return app.screen.query_one("#issues", Checklist)


def openness_text(app: WinbackApp) -> str:
    return static_text(app.screen.query_one("#openness", Static))


def moving_forward_shown(app: WinbackApp) -> bool:
    return bool(app.screen.query_one("#moving-forward", Static).display)


async def open_issues(pilot: Pilot[object]) -> Checklist:
    """Go to Step 1: focus lands on the issues checklist, its first tool."""
    await pilot.press("1")
    assert isinstance(pilot.app.screen, Step1Screen)
    checklist = pilot.app.screen.query_one("#issues", Checklist)
    assert pilot.app.focused is checklist
    return checklist


async def take_check(pilot: Pilot[object], *signals: Signal) -> None:
    """Open the openness check with ``o``, tick ``signals`` by keyboard, and confirm with ``d``."""
    await pilot.press("o")
    modal = pilot.app.screen
    assert isinstance(modal, OpennessScreen)
    checklist = modal.query_one("#signals", Checklist)
    ids = [item.id for item in checklist.items]
    for signal in signals:
        checklist.highlighted = 0
        await pilot.press(*["down"] * ids.index(signal.value), "space")
    await pilot.press("d")
    assert isinstance(pilot.app.screen, Step1Screen)


# --------------------------------------------------------------------- issues
async def test_space_and_enter_tick_an_issue_and_it_survives_a_restart(
    open_journal: Callable[..., Journal],
) -> None:
    journal = open_journal()
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        assert rows(checklist)[0] == "[ ] Communication"
        await pilot.press("space")
        assert rows(checklist)[0] == "[x] Communication"
        await pilot.press("down", "down", "enter")
        assert rows(checklist)[2] == "[x] Trust"
        await pilot.press("enter")
        assert rows(checklist)[2] == "[ ] Trust"
        # The focused checklist is on screen at 80x24, not scrolled away.
        assert 0 <= checklist.region.y < 24
    journal.close()

    reopened = Journal.open(journal.path)
    again = WinbackApp(reopened, install_signals=False)
    async with again.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        assert rows(checklist)[:3] == [
            "[x] Communication",
            "[ ] Unmet emotional needs",
            "[ ] Trust",
        ]
    assert [i.issue_id for i in AssessmentRepo(reopened).marked_issues()] == ["communication"]
    reopened.close()


async def test_add_an_own_issue_refuses_an_empty_title_and_ticks_the_new_one(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("space", "enter")
        assert isinstance(app.screen, PromptDialog)  # refused, still open
        error = static_text(app.screen.query_one("#title-error", Static))
        assert "give it a name" in error
        await pilot.press(*"Jealousy", "enter")
        assert isinstance(app.screen, Step1Screen)
        assert rows(checklist)[-1] == "[x] Jealousy (your own)"
        assert checklist.highlighted == len(rows(checklist)) - 1
    marked = AssessmentRepo(journal).marked_issues()
    assert [(m.issue_id, m.title) for m in marked] == [("custom-1", "Jealousy")]


async def test_titles_that_look_like_markup_are_shown_as_typed(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        await pilot.press("a", *"[/] [bold", "enter")
        assert rows(checklist)[-1] == "[x] [/] [bold (your own)"
        await pilot.press("n", *"[/i]", "escape", "r", "x", "enter", "x", "y")
        assert len(rows(checklist)) == 6
    assert AssessmentRepo(journal).marked_issues() == []


async def test_a_very_long_title_is_capped_and_the_rest_kept_in_its_note(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    long_title = "I kept score of every favour " * 20  # 580 characters
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("a")
        app.screen.query_one("#title", Input).value = long_title
        await pilot.press("enter")
        assert isinstance(app.screen, Step1Screen)
        assert any("up to 200 characters" in m for m in messages(app))
    entry = AssessmentRepo(journal).issue("custom-1")
    assert len(entry.title) <= 200
    # Nothing typed is lost: title and note together hold every word.
    assert (entry.title + entry.my_part).replace("…", "").split() == long_title.split()


async def test_escape_in_the_add_dialog_keeps_the_draft(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("a", *"Mon", "escape")
        assert isinstance(app.screen, Step1Screen)
        await pilot.press("a")
        assert app.screen.query_one("#title", Input).value == "Mon"
        await pilot.press(*"ey", "enter")
    assert AssessmentRepo(journal).issue("custom-1").title == "Money"


async def test_rename_and_remove_only_own_issues_after_asking(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    AssessmentRepo(journal).add_custom("Jelousy")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        await pilot.press("r")  # on "Communication": not the user's own
        assert isinstance(app.screen, Step1Screen)
        assert any("Only the issues you added" in m for m in messages(app))
        await pilot.press("x")
        assert isinstance(app.screen, Step1Screen)
        assert rows(checklist)[0] == "[ ] Communication"

        checklist.highlighted = 6
        await pilot.press("r")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("ctrl+u", *"Jealousy", "enter")
        assert rows(checklist)[6] == "[x] Jealousy (your own)"

        await pilot.press("x", "escape")  # escape keeps it
        assert rows(checklist)[6] == "[x] Jealousy (your own)"
        await pilot.press("x", "y")
        assert len(rows(checklist)) == 6
    assert [e.title for e in AssessmentRepo(journal).issues() if e.custom] == []


async def test_note_my_part_shows_under_the_issue_and_escape_keeps_it(
    open_journal: Callable[..., Journal],
) -> None:
    journal = open_journal()
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        await pilot.press("down", "space", "n")
        assert isinstance(app.screen, NoteScreen)
        editor = app.screen.query_one("#note-editor", ReflectionEditor)
        assert app.focused is editor
        await pilot.press(*"I went quiet instead of asking")
        await pilot.press("escape")
        assert isinstance(app.screen, Step1Screen)
        assert app.focused is checklist
        assert rows(checklist)[1] == (
            "[x] Unmet emotional needs\n    my part: I went quiet instead of asking"
        )
        await pilot.press("n")  # the whole note comes back to edit
        editor = app.screen.query_one("#note-editor", ReflectionEditor)
        assert editor.text == "I went quiet instead of asking"
        await pilot.press("escape")
    journal.close()

    reopened = Journal.open(journal.path)
    assert AssessmentRepo(reopened).issue("emotional-needs").my_part == (
        "I went quiet instead of asking"
    )
    reopened.close()


async def test_a_note_autosaves_while_the_dialog_is_open(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    repo = AssessmentRepo(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("n", *"I was never home")
        await wait_until(pilot, lambda: repo.issue("communication").my_part == "I was never home")
        assert isinstance(app.screen, NoteScreen)


# ------------------------------------------------------------------- openness
async def test_openness_check_shows_verdict_reason_and_date(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        assert openness_text(app).startswith("Not checked yet")
        assert not moving_forward_shown(app)
        await take_check(pilot, Signal.REPLIED_WARMLY, Signal.SUGGESTED_MEETING)
        text = openness_text(app)
        assert text.startswith("Open to contact · checked 2026-03-12")
        assert "they suggested meeting and they were warm with you" in text
        assert "earlier" not in text
        assert not moving_forward_shown(app)
    latest = AssessmentRepo(journal).latest_openness()
    assert latest is not None and latest.result.verdict is Verdict.OPEN


async def test_not_open_turns_kindly_toward_letting_go(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)  # focus on the issues, above the result
        await take_check(pilot, Signal.SAID_ITS_OVER, Signal.REPLIED_WARMLY)
        text = openness_text(app)
        assert text.startswith("Not open to contact")
        assert "told you it is over" in text
        assert "their clear word comes first" in text
        assert moving_forward_shown(app)
        box = app.screen.query_one("#moving-forward", Static)
        assert box.border_title == program.MOVING_FORWARD_TITLE
        shown = static_text(box)
        assert "caring choice" in shown and "letter" in shown
        assert "fail" not in shown.lower()
        # The result and the whole letting-go note are scrolled into view (rows 1-22).
        title = app.screen.query_one("#openness", Static)
        note = app.screen.query_one("#moving-forward", Static)
        await wait_until(pilot, lambda: title.region.y >= 1 and note.region.bottom <= 23)


async def test_taking_the_check_again_keeps_earlier_results(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await take_check(pilot, Signal.ASKED_FOR_SPACE)
        assert openness_text(app).startswith("Not open for now · checked 2026-03-12")
        assert moving_forward_shown(app)
        clock.advance(days=30)
        # The check starts from the last answers: untick space, tick warmth.
        await pilot.press("o")
        signals = app.screen.query_one("#signals", Checklist)
        assert [i.id for i in signals.items if i.checked] == [Signal.ASKED_FOR_SPACE.value]
        await pilot.press("d")
        assert openness_text(app).startswith("Not open for now · checked 2026-04-11")
        assert "1 earlier check kept" in openness_text(app)
        await take_check(pilot, Signal.ASKED_FOR_SPACE, Signal.NO_REPLY_LATELY)
        assert openness_text(app).startswith("Unclear for now")
        assert "2 earlier checks kept" in openness_text(app)
        # Retaking the check does not lift their request: only their reaching out does.
        assert moving_forward_shown(app)
        assert "You took the check again since then" in openness_text(app)
        assert "Only their reaching out to you themselves changes this" in openness_text(app)
    checks = AssessmentRepo(journal).openness_checks()
    assert [c.result.verdict for c in checks] == [
        Verdict.NOT_OPEN,
        Verdict.NOT_OPEN,
        Verdict.UNCLEAR,
    ]


async def test_escape_from_the_check_keeps_the_ticks_and_stores_nothing(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "o", "space", "escape")
        assert isinstance(app.screen, Step1Screen)
        assert openness_text(app).startswith("Not checked yet")
        await pilot.press("o")
        signals = app.screen.query_one("#signals", Checklist)
        assert [i.id for i in signals.items if i.checked] == [Signal.ASKED_NO_CONTACT.value]
    assert AssessmentRepo(journal).openness_checks() == []


async def test_the_result_shows_again_after_a_restart(
    open_journal: Callable[..., Journal],
) -> None:
    journal = open_journal()
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await take_check(pilot, Signal.BLOCKED)
    journal.close()
    reopened = Journal.open(journal.path)
    again = WinbackApp(reopened, install_signals=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        assert openness_text(again).startswith("Not open to contact")
        assert "blocked you" in openness_text(again)
        assert moving_forward_shown(again)
    reopened.close()


# ------------------------------------------------------------------ read-only
async def test_read_only_journal_refuses_every_change_with_a_visible_reason(
    open_journal: Callable[..., Journal], journal: Journal
) -> None:
    AssessmentRepo(journal).set_note("trust", "kept safe")
    second = open_journal()
    assert second.read_only
    app = WinbackApp(second, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_issues(pilot)
        await pilot.press("space")
        assert rows(checklist)[0] == "[ ] Communication"  # not ticked: it could not be saved
        assert any("read-only" in m for m in messages(app))
        count = len(messages(app))
        await pilot.press("a")
        assert isinstance(app.screen, Step1Screen)
        await pilot.press("o")
        assert isinstance(app.screen, Step1Screen)
        # Told once: no pile of toasts for every refused key.
        assert len(messages(app)) == count == 1
        # The note can still be read, but not changed.
        await pilot.press("down", "down", "n")
        assert isinstance(app.screen, NoteScreen)
        editor = app.screen.query_one("#note-editor", ReflectionEditor)
        await pilot.press("z")
        assert editor.text == "kept safe"
        await pilot.press("escape")
        assert isinstance(app.screen, Step1Screen)
    assert AssessmentRepo(journal).issue("trust").my_part == "kept safe"
    assert AssessmentRepo(journal).marked_issues() == []


async def test_help_lists_step_one_keys(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issues(pilot)
        await pilot.press("question_mark")
        keys = static_text(app.screen.query_one("#keys", Static))
        for described in ("Add own issue", "Are they open?", "Note my part", "Rename own issue"):
            assert described in keys
