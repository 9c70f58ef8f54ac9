"""Pilot tests for the daily journal, the timeline, search and on this day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, type_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.timeline import Kind, TimelineItem
from winback_tui.screens.journal import JournalScreen
from winback_tui.screens.timeline import (
    MATCH_STYLE,
    ReaderScreen,
    SearchBox,
    TimelineScreen,
    when_written,
)
from winback_tui.store import Journal
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.widgets.dialogs import FormDialog
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import ReflectionEditor
from winback_tui.widgets.status_line import StatusLine


def list_rows(app: WinbackApp) -> list[str]:
    """The rows of the timeline as a user reads them (headings and notes included)."""
    listing = app.screen.query_one("#timeline-list", KeyList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def status(app: WinbackApp) -> str:
    return app.screen.query_one("#timeline-status", StatusLine).text


async def open_timeline(pilot: Pilot[object]) -> TimelineScreen:
    await pilot.press("0", "l")
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    await wait_until(pilot, lambda: screen.complete)
    return screen


# ------------------------------------------------------------------ journal
async def test_an_entry_with_a_mood_is_there_after_a_restart(
    open_journal: Callable[..., Journal], journal: Journal
) -> None:
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, JournalScreen)
        assert isinstance(app.focused, KeyList)  # global keys keep working
        await pilot.press("e")
        editor = app.screen.query_one("#journal-editor", ReflectionEditor)
        assert app.focused is editor
        await type_text(pilot, "Café with Sam")
        await pilot.press("escape")
        assert isinstance(app.focused, KeyList)
        await pilot.press("m")  # the day's check-in: mood first, enter moves on
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog))
        await pilot.press("4", "enter", "enter", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        tags = app.screen.query_one("#journal-tags", StatusLine).text
        assert "4/5 (good)" in tags
        await pilot.press("t", "down", "down", "enter")  # none -> step 1 -> step 2
        assert "Step 2" in app.screen.query_one("#journal-tags", StatusLine).text
        await wait_until(pilot, lambda: not editor.dirty)
        await pilot.press("q")
    journal.close()

    again = open_journal()
    assert not again.read_only
    app = WinbackApp(again, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        editor = app.screen.query_one("#journal-editor", ReflectionEditor)
        assert editor.text == "Café with Sam"
        tags = app.screen.query_one("#journal-tags", StatusLine).text
        assert "4/5 (good)" in tags and "Step 2" in tags
        days = app.screen.query_one("#journal-days", KeyList)
        assert "Today · 4/5" in str(days.get_option_at_index(0).prompt)


async def test_escape_in_the_mood_picker_changes_nothing(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    EntriesRepo(journal).save_mood(clock.now.date(), 2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "m", "up", "escape")
        assert isinstance(app.screen, JournalScreen)
        entry = EntriesRepo(journal).on(clock.now.date())
        assert entry is not None and entry.mood == 2


async def test_an_earlier_day_opens_from_the_list(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    yesterday = clock.now.date() - timedelta(days=1)
    EntriesRepo(journal).save_text(yesterday, "Yesterday was long.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        editor = app.screen.query_one("#journal-editor", ReflectionEditor)
        assert editor.text == ""
        await pilot.press("down")
        assert editor.text == "Yesterday was long."
        await pilot.press("n")
        assert editor.text == ""


async def test_a_read_only_journal_says_why_mood_cannot_be_set(
    open_journal: Callable[..., Journal], journal: Journal
) -> None:
    second = open_journal()
    assert second.read_only
    app = WinbackApp(second, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "m")
        assert isinstance(app.screen, JournalScreen)
        assert any("read-only" in m for m in messages(app))


async def test_journal_and_timeline_are_in_the_command_palette(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Journal" in titles
        assert "Timeline and search" in titles


# ----------------------------------------------------------------- timeline
def seed(journal: Journal, clock: FakeClock) -> None:
    entries = EntriesRepo(journal)
    today = clock.now.date()
    entries.save_text(today, "We met at the Café on Main Street.")
    entries.save_step(today, 2)
    clock.now -= timedelta(days=2)
    journal.save_reflection(1, "what-went-wrong", "We stopped listening.")
    ContactsRepo(journal).add(
        Contact(clock.now, Channel.CALL, Initiator.ME, Response.WARM, "A short, kind call.")
    )
    clock.now += timedelta(days=2)


async def test_the_timeline_filters_by_step_and_kind(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    seed(journal, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        rows = list_rows(app)
        assert len(rows) == 3
        assert "Café on Main Street" in rows[0]  # newest first
        await pilot.press("f")  # step 1
        assert "step 1" in status(app)
        rows = list_rows(app)
        assert len(rows) == 1 and "What went wrong" in rows[0]
        await pilot.press("f")  # step 2
        rows = list_rows(app)
        assert len(rows) == 1 and "Café" in rows[0]
        await pilot.press("f", "f", "f")  # 3, 4, back to all
        assert "all steps" in status(app)
        await pilot.press("t")  # the first kind present: journal
        assert "journal" in status(app)
        rows = list_rows(app)
        assert len(rows) == 1 and "Café" in rows[0]
        await pilot.press("t")  # reflections
        rows = list_rows(app)
        assert len(rows) == 1 and "What went wrong" in rows[0]


async def test_enter_opens_an_item_to_read(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    seed(journal, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.item.text == "We met at the Café on Main Street."
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)


async def test_search_folds_accents_and_case_and_highlights_the_match(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    seed(journal, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timeline(pilot)
        box = screen.query_one("#timeline-search", SearchBox)
        for query in ("cafe", "CAFÉ"):
            await pilot.press("slash")
            assert app.focused is box
            box.value = ""
            await type_text(pilot, query)
            await wait_until(pilot, lambda: "1 match" in status(app))
            rows = list_rows(app)
            assert len(rows) == 1
            assert "«Café»" in rows[0]
            listing = screen.query_one("#timeline-list", KeyList)
            prompt = listing.get_option_at_index(0).prompt
            assert isinstance(prompt, Text)
            marked = [
                str(prompt)[span.start : span.end]
                for span in prompt.spans
                if str(span.style) == MATCH_STYLE
            ]
            assert marked == ["Café"]
            # escape leaves the field and keeps the search
            await pilot.press("escape")
            assert app.focused is listing
            assert box.value == query
            assert "1 match" in status(app)
        # opening a result selects the match in the reader
        await pilot.press("enter")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.query_one("#reader-text", TextArea).selected_text == "Café"


async def test_a_search_with_no_match_says_so_kindly(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    seed(journal, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press("slash")
        await type_text(pilot, "xyzzy")
        await wait_until(pilot, lambda: "0 matches" in status(app))
        assert "Nothing matches" in list_rows(app)[0]


async def test_on_this_day_shows_a_month_and_a_year_ago(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    today = clock.now.date()  # 12 March 2026
    entries = EntriesRepo(journal)
    clock.now -= timedelta(days=28)  # 12 February 2026
    entries.save_text(clock.now.date(), "A month ago I could not sleep.")
    clock.now -= timedelta(days=337)  # 12 March 2025
    entries.save_text(clock.now.date(), "A year ago it all began.")
    clock.now += timedelta(days=100)
    entries.save_text(clock.now.date(), "Some other day.")
    clock.now = clock.now.replace(year=today.year, month=today.month, day=today.day)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        help_line = app.screen.query_one("#timeline-help", StatusLine).text
        assert "1 from a month ago, 1 from a year ago" in help_line
        await pilot.press("o")
        text = "\n".join(list_rows(app))
        assert "A month ago, Thursday 12 February 2026" in text
        assert "A month ago I could not sleep." in text
        assert "A year ago, Wednesday 12 March 2025" in text
        assert "A year ago it all began." in text
        assert "Some other day" not in text
        await pilot.press("o")
        assert "Some other day." in "\n".join(list_rows(app))


async def test_an_empty_timeline_invites_writing(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        assert "Nothing here yet" in list_rows(app)[0]
        await pilot.press("enter")  # nothing to open, nothing breaks
        assert isinstance(app.screen, TimelineScreen)


# ------------------------------------------------------ several a day
def day_rows(app: WinbackApp) -> list[str]:
    listing = app.screen.query_one("#journal-days", KeyList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def footer_labels(app: WinbackApp) -> list[tuple[str, str]]:
    """(key, description) of the keys the footer shows as usable."""
    return [
        (binding.key, binding.description)
        for _node, binding, enabled, _tip in app.screen.active_bindings.values()
        if enabled and binding.show
    ]


def journal_editor(app: WinbackApp) -> ReflectionEditor:
    return app.screen.query_one("#journal-editor", ReflectionEditor)


async def test_two_entries_today_are_listed_and_e_writes_in_the_latest(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    repo = EntriesRepo(journal)
    today = clock.now.date()
    morning = repo.add(today, "Morning: slept badly.")
    clock.advance(hours=9)
    evening = repo.add(today, "Evening: a good walk.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        editor = journal_editor(app)
        assert editor.text == "Evening: a good walk."  # the latest, where e goes on
        assert editor.border_title == "Entry 2 of 2 for today"
        rows = day_rows(app)
        assert rows[0] == "* Today" and rows[1] == "    entry 2 · 18:30"
        await pilot.press("e")
        await type_text(pilot, " Then tea.")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not editor.dirty)
        await pilot.press("up")  # the day's first entry
        assert editor.text == "Morning: slept badly."
        assert editor.border_title == "Entry 1 of 2 for today"
        await pilot.press("t", "down", "enter")  # step 1, on this entry only
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
    assert repo.get(evening.id).text == "Evening: a good walk. Then tea."
    assert repo.get(morning.id).text == "Morning: slept badly."
    assert (repo.get(morning.id).step, repo.get(evening.id).step) == (1, None)


async def test_n_starts_another_entry_for_today_kept_after_a_restart(
    open_journal: Callable[..., Journal], journal: Journal, clock: FakeClock
) -> None:
    today = clock.now.date()
    EntriesRepo(journal).save_text(today, "The first one.")
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "n")
        editor = journal_editor(app)
        assert editor.text == "" and editor.border_title == "New entry for today"
        assert day_rows(app)[:2] == ["* Today", "    entry 2 · new"]
        assert app.focused is editor  # n goes straight into the new entry
        await type_text(pilot, "A second one, later.")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not editor.dirty)
        await wait_until(pilot, lambda: day_rows(app)[1] == "    entry 2 · 09:30")
        await pilot.press("q")
    journal.close()
    again = open_journal()
    texts = [e.text for e in EntriesRepo(again).on_day(today)]
    assert texts == ["The first one.", "A second one, later."]


async def test_a_new_entry_left_empty_is_not_kept(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    today = clock.now.date()
    EntriesRepo(journal).save_text(today, "Only this.")
    EntriesRepo(journal).save_text(today - timedelta(days=1), "Yesterday.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "n")
        assert len(day_rows(app)) == 3
        await pilot.press("escape", "down")  # leave it, nothing typed
        await wait_until(pilot, lambda: len(day_rows(app)) == 2)
        assert journal_editor(app).text == "Yesterday."
    assert [e.text for e in EntriesRepo(journal).on_day(today)] == ["Only this."]


async def test_n_on_an_empty_day_writes_the_days_first_entry(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "n")
        assert journal_editor(app).border_title == "Entry for today"
        await type_text(pilot, "Hello.")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not journal_editor(app).dirty)
        assert day_rows(app)[0] == "* Today"
    assert [e.text for e in EntriesRepo(journal).on_day(clock.now.date())] == ["Hello."]


async def test_keys_typed_right_after_n_are_the_new_entry_not_commands(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    # "quiet" starts with q (quit) and holds t (tag) and e (write): none of them
    # may act as a key of the screen once n has started the entry.
    today = clock.now.date()
    EntriesRepo(journal).save_text(today, "The first one.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        driver = app._driver
        assert driver is not None
        for char in "nquiet":  # one burst, as a fast typist or a slow link delivers it
            key = events.Key(char, char)
            key.set_sender(app)
            driver.send_message(key)
        await wait_until(pilot, lambda: journal_editor(app).text == "quiet")
        assert isinstance(app.screen, JournalScreen) and app.is_running
        await pilot.press("escape")
        await wait_until(pilot, lambda: not journal_editor(app).dirty)
    assert [e.text for e in EntriesRepo(journal).on_day(today)] == ["The first one.", "quiet"]


def test_the_reader_shows_a_time_only_for_what_has_one() -> None:
    at = datetime(2025, 3, 9, 12, 0, tzinfo=UTC).astimezone()
    by_day = TimelineItem(Kind.CHECK_IN, 2, at, "Done: Walk", "Done: Walk", "c", timed=False)
    timed = TimelineItem(Kind.JOURNAL_ENTRY, None, at, "Journal", "words", "e")
    assert when_written(by_day) == f"{at:%A %d %B %Y}"
    assert ":" not in when_written(by_day)
    assert when_written(timed) == f"{at:%A %d %B %Y, %H:%M}"
