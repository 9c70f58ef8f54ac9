"""The timeline shows its newest page at once, then grows to everything (issue 20).

The rest of ten years of writing is read on a worker; here that read is held
back until the test lets it go, so what shows before it is what a person sees
in the first moments on a large journal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from tests.ui.conftest import FakeClock
from tests.ui.helpers import wait_until
from tests.ui.test_timeline_paging import ENTRIES, fill, under_cursor
from winback_tui.app import WinbackApp
from winback_tui.domain.item_pack import PackedItems
from winback_tui.screens import timeline as timeline_screen
from winback_tui.screens.timeline import TimelineScreen
from winback_tui.store import Journal, storage
from winback_tui.store.timeline import all_items, packed_items
from winback_tui.widgets.paged_list import WINDOW_ROWS, PagedList
from winback_tui.widgets.status_line import StatusLine


@pytest.fixture(autouse=True)
def small_chunks() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "CHUNK_DOCS", 16)  # a large table, in chunks with bounds
        yield


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The full read waits for this event (the newest page does not)."""
    release = threading.Event()

    def slow_packed_items(journal: Journal) -> PackedItems:
        release.wait(30)
        return packed_items(journal)

    monkeypatch.setattr(timeline_screen, "packed_items", slow_packed_items)
    return release


def status(screen: TimelineScreen) -> str:
    return screen.query_one("#timeline-status", StatusLine).text


async def test_the_newest_page_shows_before_the_rest_and_the_cursor_stays(
    make_app: Callable[[], WinbackApp],
    journal: Journal,
    clock: FakeClock,
    held: threading.Event,
) -> None:
    fill(journal, clock)
    journal.set_setting("welcome_seen", True)  # a save: the bounds go into the index
    full = [item.ref for item in all_items(journal)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await wait_until(pilot, lambda: screen.loaded)
        listing = screen.query_one("#timeline-list", PagedList)
        assert not screen.complete
        assert listing.row_count == WINDOW_ROWS < ENTRIES
        assert status(screen).startswith(f"Timeline · newest {WINDOW_ROWS} · reading the rest")
        assert [item.ref for item in screen.items] == full[:WINDOW_ROWS]
        await pilot.press("j", "j", "j")
        assert under_cursor(screen, listing) == full[3]
        await pilot.press("o")  # on this day needs everything
        assert not screen.showing_on_this_day
        held.set()
        await wait_until(pilot, lambda: screen.complete)
        assert listing.row_count == len(full) == ENTRIES
        assert under_cursor(screen, listing) == full[3]
        assert status(screen).startswith(f"Timeline · {ENTRIES} items")
        await pilot.press("end")
        assert under_cursor(screen, listing) == full[-1]


async def test_the_rest_is_read_only_once_the_newest_page_is_drawn(
    make_app: Callable[[], WinbackApp],
    journal: Journal,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Read at once, the rest would share the interpreter with the screen's
    # thread while it draws the page, and the page would show later.
    fill(journal, clock)
    journal.set_setting("welcome_seen", True)
    app = make_app()
    seen: list[object] = []

    class Watched(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            screen = app.screen_stack[-1] if app.screen_stack else None
            if self is getattr(screen, "_page_drawn", None):
                seen.append("waits for the page")
            return super().wait(timeout)

    def watched(of: Journal) -> PackedItems:
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        drawn = screen._page_drawn
        seen.append(("reads the rest", drawn is not None and drawn.is_set(), len(screen.items)))
        return packed_items(of)

    monkeypatch.setattr(threading, "Event", Watched)  # the screen's is this module's
    monkeypatch.setattr(timeline_screen, "packed_items", watched)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await wait_until(pilot, lambda: screen.complete)
    assert seen == ["waits for the page", ("reads the rest", True, WINDOW_ROWS)]
