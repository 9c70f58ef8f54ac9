"""One coach: the story of issue 18 walked through the screens a person sees.

Three messages go unanswered, the openness check says they asked for no
contact, and from then on no screen hands out a date or countdown for another
message, no draft can be marked ready, and the crossed boundary cannot be
ticked. When they reach out themselves, the mode lifts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, OptionList, Select

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, screen_text, visible_words, wait_until
from winback_tui.app import WinbackApp
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.gate import Guard, guarded_texts
from winback_tui.domain.readiness import Mode
from winback_tui.domain.streaks import SLIP_QUESTIONS
from winback_tui.domain.urges import ALTERNATIVES, Outcome
from winback_tui.screens.step import StepScreen
from winback_tui.screens.step1.dialogs import OpennessScreen
from winback_tui.screens.step3 import ContactForm, Step3Screen
from winback_tui.screens.step4.screen import Step4Screen
from winback_tui.screens.urge import UrgePause
from winback_tui.store import Journal
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.situation import no_contact_counts_for_journal
from winback_tui.store.urges import UrgesRepo
from winback_tui.widgets.dialogs import FormDialog, MessageDialog, labels_of

#: A day named for a message: "Tue 8 Dec", "Thursday 12", "8 Dec" after "on".
DAY_NAMED = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* \d{1,2}\b")
#: Words about reaching them; a date in the same sentence would time a message.
CONTACT = re.compile(r"message|contact|reach|send|get in touch|write to them", re.I)
#: Words that time another message.
TIMING = re.compile(
    r"earliest|another message|next message|respectful day|countdown|\bwait until\b", re.I
)


def no_date_for_a_message(app: WinbackApp) -> None:
    """Nothing on the screen, in view or scrolled away, times another message."""
    for words in (visible_words(app), " ".join(screen_text(app).split())):
        assert not TIMING.search(words), words
        for sentence in re.split(r"(?<=[.!?])\s", words):
            dated = DAY_NAMED.search(sentence) or re.search(r"\bin \d+ (day|hour|minute)", sentence)
            assert not (dated and CONTACT.search(sentence)), sentence


def unanswered(journal: Journal, clock: FakeClock) -> None:
    contacts = ContactsRepo(journal)
    for hours in (50, 30, 3):
        contacts.add(
            Contact(
                clock.now - timedelta(hours=hours), Channel.MESSAGE, Initiator.ME, Response.NO_REPLY
            )
        )


async def visit_every_screen(pilot: object, app: WinbackApp) -> None:
    """Dashboard, each step on both panes, and help: none names a day for a message."""
    await pilot.press("0")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    no_date_for_a_message(app)
    assert "no contact" in visible_words(app).lower()
    for step in "1234":
        await pilot.press(step)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        assert isinstance(app.screen, StepScreen)
        no_date_for_a_message(app)
        await pilot.press("f")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        no_date_for_a_message(app)
        await pilot.press("question_mark")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        no_date_for_a_message(app)
        await pilot.press("escape", "f")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def test_no_contact_holds_on_every_screen_until_they_reach_out(
    journal: Journal, clock: FakeClock, make_app: Callable[[], WinbackApp]
) -> None:
    unanswered(journal, clock)
    drafts = DraftsRepo(journal)
    draft = drafts.create("To them")
    drafts.save_text(draft.id, "I hope you are well.")
    clock.advance(days=1)  # the draft has rested long enough
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # Take the check in Step 1: they asked for no contact.
        await pilot.press("1", "o")
        await wait_until(pilot, lambda: isinstance(app.screen, OpennessScreen))
        await pilot.press("space", "d")  # the first statement: they asked for no contact
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))

        await visit_every_screen(pilot, app)

        # Step 3: only the moving-forward path, and no "ready" by any road.
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Step3Screen) and screen.mode is Mode.MOVING_FORWARD
        assert "r" not in {b.key for _n, b, on, _t in screen.active_bindings.values() if on}
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen
        screen.draft_id = draft.id
        screen.action_mark_ready()  # even called directly, the gate says no
        await wait_until(pilot, lambda: isinstance(app.screen, MessageDialog))
        await pilot.pause()
        assert "no contact" in visible_words(app).lower()
        no_date_for_a_message(app)
        await pilot.press("escape")
        assert drafts.get(draft.id).ready_at is None

        # Step 4: the crossed boundary shows why and cannot be ticked.
        await pilot.press("4")
        await pilot.pause()
        step4 = app.screen
        assert isinstance(step4, Step4Screen)
        assert step4.crossed, "the guard sees a crossed boundary"
        crossed_id = next(iter(step4.crossed))
        rows = [item.id for item in step4.checklist.items]
        step4.checklist.focus()
        step4.checklist.highlighted = rows.index(str(crossed_id))
        await pilot.press("space")
        await pilot.pause()
        assert crossed_id not in BoundariesRepo(journal).kept_on(clock.now.date())
        assert "crossed today" in visible_words(app)
        # The message limit is set aside while no contact holds.
        limits = {t for t, g in guarded_texts().items() if g is Guard.PACING}
        assert not limits & {item.label for item in step4.checklist.items}
        assert "p" not in {b.key for _n, b, on, _t in step4.active_bindings.values() if on}

        # They reach out: logged in Step 3, and the mode lifts.
        clock.advance(hours=1)
        await pilot.press("3", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm))
        form = app.screen
        form.query_one("#when", Input).value = clock.now.astimezone().strftime("%Y-%m-%d %H:%M")
        form.query_one("#who", Select).value = Initiator.THEM.value
        form.query_one("#response", Select).value = Response.WARM.value
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Step3Screen))
        assert app.screen.mode is Mode.RECONNECT
        assert any("reached out to you themselves" in m for m in messages(app))


# ------------------------------------------------------------------ the urge log
async def test_an_urge_is_noted_paused_and_counted_as_a_win(
    journal: Journal, clock: FakeClock, make_app: Callable[[], WinbackApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # any screen: the key is the same everywhere
        await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        form = app.screen
        assert labels_of(form)[:2] == ["How strong is it? (1 to 5)", "What set it off?"]
        form.query_one("#trigger", Select).value = "night"
        form.query_one("#note", Input).value = "Couldn't sleep 🌙"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, UrgePause))
        await pilot.pause()
        words = visible_words(app)
        assert "Give it 10 min" in words
        for _key, better in ALTERNATIVES:
            assert better in words
        (urge,) = UrgesRepo(journal).all()
        assert (urge.strength, urge.trigger, urge.trigger_note) == (3, "night", "Couldn't sleep 🌙")
        # The better moves go where they say: the user's own reasons in Step 1.
        moves = app.screen.query_one("#pause-moves", OptionList)
        moves.highlighted = [k for k, _ in ALTERNATIVES].index("reasons")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))
        await pilot.pause()
        assert app.screen.step.number == 1 and app.screen.showing_reflections
        assert UrgesRepo(journal).all()[0].outcome is Outcome.PENDING
        # Ten quiet minutes later the pause is over, and no contact means a win.
        clock.advance(minutes=11)
        await pilot.press("0")
        await pilot.pause()
        assert UrgesRepo(journal).all()[0].is_win
        assert "1 urge passed without contact" in visible_words(app)


async def test_saying_it_passed_counts_a_win_at_once_and_a_contact_never_does(
    journal: Journal, clock: FakeClock, make_app: Callable[[], WinbackApp]
) -> None:
    repo = UrgesRepo(journal)
    first, second = repo.note(4, "lonely"), repo.note(2, "memory")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for urge, choice in ((first, "passed"), (second, "contacted")):
            app.push_screen(UrgePause(journal, urge, app.better_move))
            await wait_until(pilot, lambda: isinstance(app.screen, UrgePause))
            await pilot.pause()
            moves = app.screen.query_one("#pause-moves", OptionList)
            moves.highlighted = next(
                i for i in range(moves.option_count) if moves.get_option_at_index(i).id == choice
            )
            await pilot.press("enter")
            await wait_until(pilot, lambda: not isinstance(app.screen, UrgePause))
        clock.advance(minutes=30)
        await pilot.press("0")
        await pilot.pause()
    outcomes = [u.outcome for u in repo.all()]
    assert outcomes == [Outcome.PASSED, Outcome.CONTACTED]
    assert not any("blame" in m.lower() or "should" in m.lower() for m in messages(app))


# ------------------------------------------------------------------------ slips
async def test_a_slip_is_asked_about_gently_and_restarts_only_the_current_count(
    journal: Journal, clock: FakeClock, make_app: Callable[[], WinbackApp]
) -> None:
    contacts = ContactsRepo(journal)
    # A month ago a talk; three weeks ago they asked for no contact; nothing since.
    contacts.add(Contact(clock.now - timedelta(days=30), Channel.CALL, Initiator.ME, Response.WARM))
    contacts.add(
        Contact(
            clock.now - timedelta(days=21), Channel.CALL, Initiator.THEM, Response.ASKED_NO_CONTACT
        )
    )
    before = no_contact_counts_for_journal(journal, clock.now.date())
    assert before.current >= 20
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm))
        form = app.screen
        form.query_one("#response", Select).value = Response.NO_REPLY.value
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, FormDialog) and not isinstance(app.screen, ContactForm),
        )
        await pilot.pause()
        words = visible_words(app)
        assert "A slip, and that is all right" in words
        assert "Nothing you built is lost" in words
        assert labels_of(app.screen) == [q for _k, q in SLIP_QUESTIONS]
        app.screen.query_one("#trigger", Input).value = "Saw their post"
        app.screen.query_one("#next_time", Input).value = "Call my sister first"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Step3Screen))
        await pilot.press("4")
        await pilot.pause()
        growth = " ".join(screen_text(app).split())
    after = no_contact_counts_for_journal(journal, clock.now.date())
    assert after.current == 0
    assert after.longest == before.longest and after.total == before.total
    assert "1 slip along the way" in growth
    slip = max(
        (c for c in ContactsRepo(journal).all() if c.initiator is Initiator.ME), key=lambda c: c.at
    )
    assert (slip.slip_trigger, slip.slip_next_time) == ("Saw their post", "Call my sister first")
    for scold in ("failed", "shouldn't", "should not", "disappoint", "again?"):
        assert scold not in growth.lower()


# ------------------------------------------------------------ one rating scale
async def test_old_ratings_show_on_the_one_scale_and_the_check_in_edits_them(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "old.json"
    day = clock.now.date().isoformat()
    old = {
        "_meta": {"1": {"app": "winback", "schema": 1, "created": clock.now.isoformat()}},
        "confidence": {"1": {"day": day, "value": 8}},
        "mindset": {"1": {"day": day, "positive": 4, "confident": 3, "calm": 2}},
    }
    path.write_text(json.dumps(old))
    journal = Journal.open(path, clock=clock)
    journal.set_setting("welcome_seen", True)
    try:
        app = WinbackApp(journal, install_signals=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await pilot.pause()
            # 8 of 10 and Step 3's 3 of 5 meet in one quantity: Step 3's wins.
            assert "Confidence 3/5 today" in " ".join(screen_text(app).split())
            for key, screen in (("r", "2"), ("m", "3"), ("m", "w")):
                await pilot.press(screen)
                await pilot.pause()
                await pilot.press(key)
                await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
                form = app.screen
                assert form.dialog_title == "Today's check-in"
                values = {
                    n: form.query_one(f"#{n}", Input).value for n in ("mood", "confidence", "calm")
                }
                assert values == {"mood": "4", "confidence": "3", "calm": "2"}
                await pilot.press("escape")
                await wait_until(pilot, lambda: not isinstance(app.screen, FormDialog))
            await pilot.press("2", "r")
            await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
            app.screen.query_one("#confidence", Input).value = "9"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)  # refused: the scale is 1 to 5
            assert "a whole number from 1 to 5" in visible_words(app)
            app.screen.query_one("#confidence", Input).value = "5"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, FormDialog))
            await pilot.pause()
            assert "Confidence 5/5 today" in " ".join(screen_text(app).split())
    finally:
        journal.close()
