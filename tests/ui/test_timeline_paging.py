"""The paged timeline: a window of rows, yet the keys reach every item in order (issue 20)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets.option_list import Option

from tests.ui.conftest import FakeClock
from tests.ui.helpers import visible_lines, wait_until
from winback_tui.app import WinbackApp
from winback_tui.domain.journal_entries import Entry
from winback_tui.domain.search import terms
from winback_tui.screens.timeline import ReaderScreen, TimelineScreen, plain_row, search_row
from winback_tui.store import Journal
from winback_tui.store.entries import entry_to_doc
from winback_tui.store.records import Repo
from winback_tui.store.timeline import all_items
from winback_tui.widgets.paged_list import EDGE_ROWS, WINDOW_ROWS, PagedList
from winback_tui.widgets.status_line import StatusLine

#: More than a window holds at 80x24 (160 rows), so the window must move.
ENTRIES = 250


def fill(journal: Journal, clock: FakeClock, count: int = ENTRIES, every: int = 5) -> None:
    """``count`` entries, one a day back from today, one in ``every`` about a garden."""
    docs = []
    for back in range(count):
        moment = clock.now - timedelta(days=back)
        about = "the garden" if back % every == 0 else "the day"
        text = f"Entry {back:04d} about {about}."
        docs.append(entry_to_doc(Entry(moment.date(), text, moment, moment)))
    table = Repo(journal)
    table.TABLE = "entries"
    table._insert_many(docs)


async def open_timeline(pilot: Pilot[object]) -> tuple[TimelineScreen, PagedList]:
    await pilot.press("l")
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    await wait_until(pilot, lambda: screen.complete)
    return screen, screen.query_one("#timeline-list", PagedList)


def under_cursor(screen: TimelineScreen, listing: PagedList) -> str:
    """The ref of the item under the cursor, checked against the row the list shows for it."""
    item = screen.current_item()
    assert item is not None
    option = listing.highlighted_option
    assert option is not None
    expected = search_row(item, terms(screen.query_text)) if screen.query_text else plain_row(item)
    assert str(option.prompt) == expected.plain
    return item.ref


def on_screen(app: WinbackApp, listing: PagedList) -> bool:
    """Whether the row under the cursor is really in view."""
    option = listing.highlighted_option
    assert option is not None
    head = str(option.prompt).split("\n")[0][:40]
    return any(head in line for line in visible_lines(app))


async def test_walking_down_the_paged_list_meets_every_item_in_order(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    fill(journal, clock)
    full = [item.ref for item in all_items(journal)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, listing = await open_timeline(pilot)
        assert listing.row_count == len(full) == ENTRIES
        assert listing.option_count < len(full)  # only a window is built
        walked = [under_cursor(screen, listing)]
        for _ in range(len(full) - 1):
            await pilot.press("j")
            walked.append(under_cursor(screen, listing))
            assert listing.option_count < len(full)
        assert walked == full
        assert on_screen(app, listing)
        await pilot.press("j")  # from the oldest, round to the newest, as a full list wraps
        assert under_cursor(screen, listing) == full[0]
        await pilot.press("k")
        assert under_cursor(screen, listing) == full[-1]


async def test_walking_up_and_by_pages_keeps_the_same_order(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    fill(journal, clock)
    full = [item.ref for item in all_items(journal)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, listing = await open_timeline(pilot)
        await pilot.press("end")
        assert under_cursor(screen, listing) == full[-1]  # the oldest
        assert on_screen(app, listing)
        # Far enough up for the window to move back at least once.
        walked = [under_cursor(screen, listing)]
        start = listing.window_start
        for _ in range(130):
            await pilot.press("up")
            walked.append(under_cursor(screen, listing))
        assert listing.window_start < start
        assert walked == full[::-1][: len(walked)]
        assert on_screen(app, listing)
        await pilot.press("end", "home")
        assert under_cursor(screen, listing) == full[0]  # the newest
        positions = [0]
        while positions[-1] < len(full) - 1:
            await pilot.press("pagedown")
            position = listing.position
            assert position is not None and position > positions[-1]
            assert full[position] == under_cursor(screen, listing)
            assert on_screen(app, listing)
            positions.append(position)
        assert len(positions) > 10  # a page at a time, not a jump to the end
        while positions[-1] > 0:
            await pilot.press("pageup")
            position = listing.position
            assert position is not None and position < positions[-1]
            assert full[position] == under_cursor(screen, listing)
            positions.append(position)


async def test_enter_deep_in_the_list_opens_that_item(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    fill(journal, clock)
    items = all_items(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, listing = await open_timeline(pilot)
        await pilot.press("end", *["k"] * 3)
        assert listing.window_start > 0  # the window moved
        await pilot.press("enter")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.item.ref == items[-4].ref


def garden_results(journal: Journal, clock: FakeClock) -> list[str]:
    """400 entries, every other one about the garden: 200 results, more than a window."""
    fill(journal, clock, count=400, every=2)
    return [item.ref for item in all_items(journal) if "garden" in item.text]


async def search_garden(pilot: Pilot[object], screen: TimelineScreen, found: list[str]) -> None:
    """Search "garden" (enter) and wait until all ``found`` are counted."""
    await pilot.press("slash", *"garden", "enter")
    status = screen.query_one("#timeline-status", StatusLine)
    await wait_until(pilot, lambda: status.text.startswith(f"{len(found)} matches"))


async def test_search_results_are_paged_too_and_a_new_search_starts_at_the_top(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    found = garden_results(journal, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, listing = await open_timeline(pilot)
        await pilot.press("end")
        await search_garden(pilot, screen, found)
        assert listing.position == 0
        assert under_cursor(screen, listing) == found[0]
        while (position := listing.position) is not None and position < len(found) - 1:
            await pilot.press("pagedown")
            moved = listing.position
            assert moved is not None and moved > position
            assert under_cursor(screen, listing) == found[moved]
        await pilot.press("home")
        assert under_cursor(screen, listing) == found[0]
        await pilot.press("end")
        assert under_cursor(screen, listing) == found[-1]


async def test_a_search_shows_every_match_counted_in_its_first_answer(
    make_app: Callable[[], WinbackApp],
    journal: Journal,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(journal, clock, count=400, every=2)  # 200 results: more than a window of rows
    found = [item.ref for item in all_items(journal) if "garden" in item.text]
    shown: list[str] = []
    real_set_text = StatusLine.set_text

    def noted(self: StatusLine, text: str) -> None:
        if self.id == "timeline-status":
            shown.append(text)
        real_set_text(self, text)

    monkeypatch.setattr(StatusLine, "set_text", noted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, listing = await open_timeline(pilot)
        await wait_until(pilot, lambda: screen.index is not None)
        shown.clear()
        await pilot.press("slash", *"garden", "escape")
        await wait_until(pilot, lambda: bool(shown))
        # The first status the search gives is the true count: no partial one first.
        assert shown[0].startswith(f"{len(found)} matches ·")
        assert listing.row_count == len(found)
        await pilot.press("j", "j", "j")
        assert under_cursor(screen, listing) == found[3]
        await pilot.pause()
        assert on_screen(app, listing)
        await pilot.press("end")
        assert under_cursor(screen, listing) == found[-1]


def held_rows_are_the_sequence(screen: TimelineScreen, listing: PagedList) -> bool:
    """Whether every option held is the row of the sequence it stands for, in order."""
    words = terms(screen.query_text)
    first = listing.window_start
    expected = [
        search_row(item, words).plain
        for item in screen._rows[first : first + listing.option_count]
        if item is not None
    ]
    return [str(option.prompt) for option in listing.options] == expected


async def test_a_new_search_makes_its_first_rows_only_and_fills_the_window_as_the_cursor_goes(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    found = garden_results(journal, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, listing = await open_timeline(pilot)
        await wait_until(pilot, lambda: screen.index is not None)
        await search_garden(pilot, screen, found)
        # The rows on screen and a margin past them, not a whole window.
        assert listing.row_count == len(found)
        assert 0 < listing.option_count < WINDOW_ROWS
        assert held_rows_are_the_sequence(screen, listing)
        first_made = listing.option_count
        made: list[int] = []
        make = listing._make

        def counted(row: int) -> Option:
            made.append(row)
            return make(row)

        listing._make = counted
        walked = [under_cursor(screen, listing)]
        for _ in range(60):
            await pilot.press("j")
            walked.append(under_cursor(screen, listing))
        assert walked == found[: len(walked)]
        await pilot.pause()
        assert on_screen(app, listing)
        # Filled where it was: the window still starts at the first match.
        assert listing.window_start == 0 and listing.option_count == WINDOW_ROWS
        assert held_rows_are_the_sequence(screen, listing)
        # Only the rows after those held were made: none of them twice.
        assert made == list(range(first_made, WINDOW_ROWS))


async def test_first_rows_fill_a_terminal_made_taller(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    fill(journal, clock, count=400, every=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, listing = await open_timeline(pilot)
        await wait_until(pilot, lambda: screen.index is not None)
        await pilot.press("slash", *"garden", "enter")
        await wait_until(pilot, lambda: listing.row_count == 400)
        held = listing.option_count
        assert held < WINDOW_ROWS
        await pilot.resize_terminal(80, 2 * held)  # taller than the rows held
        await pilot.pause()
        assert listing.option_count > held
        assert held_rows_are_the_sequence(screen, listing)
        last = listing.scrollable_content_region.height // 2 - 1
        assert screen._rows[last] is not None
        assert search_row(screen._rows[last], ("garden",)).plain.split("\n")[0][:30] in (
            "\n".join(visible_lines(app))
        )


async def test_a_new_sequence_draws_its_screen_of_rows_first_and_its_margin_after(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    # A search answers each key: the rows on screen are made before the frame,
    # the margin kept past them once it is drawn (and only for the last search).
    fill(journal, clock, count=20)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, listing = await open_timeline(pilot)
        height = listing.scrollable_content_region.height
        margin = max(EDGE_ROWS, 2 * height)
        made: list[str] = []

        def rows(name: str) -> Callable[[int], Option]:
            def make(row: int) -> Option:
                made.append(f"{name}{row}")
                return Option(f"{name} {row}")

            return make

        listing.show_rows(1000, rows("a"))
        assert listing.option_count == height + 1  # before the frame: the screen's rows
        await pilot.pause()
        assert listing.option_count == height + margin + 1
        assert [str(o.prompt) for o in listing.options] == [
            f"a {row}" for row in range(height + margin + 1)
        ]
        made.clear()
        listing.show_rows(1000, rows("b"))
        listing.show_rows(900, rows("c"))  # the next key, before b's margin came
        await pilot.pause()
        assert [str(o.prompt) for o in listing.options] == [
            f"c {row}" for row in range(height + margin + 1)
        ]
        assert not [name for name in made if name.startswith("b") and int(name[1:]) > height]
        assert listing.position == 0
