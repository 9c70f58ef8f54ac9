"""The year at a glance (key ``y``): a cursor day, its check-in and entry, other years."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.ui.conftest import FakeClock
from tests.ui.helpers import messages, shown, visible_lines, wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.home import HomeScreen
from winback_tui.screens.journal import JournalScreen
from winback_tui.screens.overlays import HelpScreen, describe_bindings
from winback_tui.screens.year import YearScreen, entry_preview
from winback_tui.store import Journal
from winback_tui.store.daily import DailyRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.year_grid import YearGridView

TODAY = date(2026, 3, 12)  # the frozen clock's day, a Thursday


@pytest.fixture(autouse=True)
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


def seed(journal: Journal) -> None:
    daily = DailyRepo(journal)
    daily.rate(TODAY, mood=4, confidence=3, calm=2)
    daily.rate(TODAY - timedelta(days=1), mood=2)
    daily.rate(TODAY - timedelta(days=7), mood=5, calm=1)
    entries = EntriesRepo(journal)
    slow = "A slow day.\nWalked by the old cafe and kept going."
    entries.save_text(TODAY - timedelta(days=1), slow)
    entries.save_text(TODAY - timedelta(days=40), "The first page of this journal.")


async def open_year(pilot: object, app: WinbackApp) -> YearScreen:
    await pilot.press("y")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: isinstance(app.screen, YearScreen))  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, YearScreen)
    return screen


async def test_arrows_move_the_cursor_and_show_the_days_check_in_and_entry(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_year(pilot, app)
        assert screen.cursor == TODAY
        assert shown(app, "year-day") == (
            "Thursday 12 March 2026 · mood 4/5 · confidence 3/5 · calm 2/5"
        )
        assert shown(app, "year-entry") == "No journal entry that day."
        await pilot.press("up")
        assert screen.cursor == TODAY - timedelta(days=1)
        assert shown(app, "year-day") == "Wednesday 11 March 2026 · mood 2/5"
        assert shown(app, "year-entry") == "“A slow day. Walked by the old cafe and kept going.”"
        await pilot.press("left")
        assert shown(app, "year-day") == "Wednesday 04 March 2026 · no check-in"
        await pilot.press("down", "j")  # back to Friday 6 March; j moves like down
        assert shown(app, "year-day").startswith("Friday 06 March 2026")
        await pilot.press("right")  # Friday 13 March is still to come: the cursor stays
        assert screen.cursor == date(2026, 3, 6)
        await pilot.press("k")
        assert shown(app, "year-day") == "Thursday 05 March 2026 · mood 5/5 · calm 1/5"
        await pilot.press("right")
        assert screen.cursor == TODAY
        await pilot.press("left")
        # The cursor is drawn on the grid (reversed), on the row of its weekday.
        view = app.screen.query_one(YearGridView)
        assert view.cursor == TODAY - timedelta(days=7)
        line = view.render_line(1 + view.cursor.weekday())
        assert any(seg.style is not None and seg.style.reverse for seg in line)
        assert app.screen.query_one(KeyFooter).text.rstrip().endswith("^p palette")
        assert " q Quit " in app.screen.query_one(KeyFooter).text


async def test_days_before_the_journal_began_are_blank_not_missed(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_year(pilot, app)
        grid = screen.query_one(YearGridView)
        assert grid.grid is not None
        first = TODAY - timedelta(days=40)  # the oldest record
        assert grid.grid.cell(first - timedelta(days=1)).blank  # type: ignore[union-attr]
        assert not grid.grid.cell(first).blank  # type: ignore[union-attr]
        for _ in range(6):
            await pilot.press("left")
        assert shown(app, "year-day").endswith("· before your journal began")


async def test_brackets_change_the_year_and_m_the_measure(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    seed(journal)
    DailyRepo(journal).rate(date(2025, 3, 12), mood=3)  # a year ago: 2025 can be shown
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_year(pilot, app)
        rolling = "Mood by day · last 12 months · 13 Mar 2025 – 12 Mar 2026"
        assert shown(app, "year-title") == rolling
        await pilot.press("left_square_bracket")
        assert shown(app, "year-title") == "Mood by day · 2026"
        await pilot.press("pageup")
        assert shown(app, "year-title") == "Mood by day · 2025"
        assert screen.cursor == date(2025, 3, 12)
        assert shown(app, "year-day") == "Wednesday 12 March 2025 · mood 3/5"
        await pilot.press("left_square_bracket")
        assert shown(app, "year-title") == "Mood by day · 2025"
        assert "Your journal holds nothing earlier." in messages(app)
        await pilot.press("right_square_bracket", "pagedown")
        assert shown(app, "year-title").startswith("Mood by day · last 12 months")
        assert screen.cursor == TODAY
        await pilot.press("pageup", "pageup", "up", "n")  # n: back to today
        assert shown(app, "year-title") == rolling
        assert screen.cursor == TODAY
        await pilot.press("m")
        assert shown(app, "year-title").startswith("Confidence by day")
        await pilot.press("m", "m")
        assert shown(app, "year-title").startswith("Mood by day")


async def test_e_opens_the_cursor_day_in_the_journal(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_year(pilot, app)
        await pilot.press("enter")  # enter opens the day as e does
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, YearScreen))
        await pilot.press("up", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        journal_screen = app.screen
        assert isinstance(journal_screen, JournalScreen)
        await wait_until(pilot, lambda: journal_screen.day == TODAY - timedelta(days=1))
        assert "Journal · Wednesday 11 March 2026" in shown(app, "journal-title")
        # Back in the year view (the cursor where it was), a check-in given meanwhile shows.
        DailyRepo(journal).rate(TODAY - timedelta(days=2), mood=1)
        await pilot.press("y", "up")
        assert shown(app, "year-day") == "Tuesday 10 March 2026 · mood 1/5"


async def test_help_lists_the_year_keys_and_y_is_global(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        rows = dict(describe_bindings(app, app.screen)["Everywhere"])
        assert rows["y"] == "Year"
        await open_year(pilot, app)
        own = describe_bindings(app, app.screen)["On this screen"]
        keys = {key for key, _ in own}
        assert {"↑", "↓", "←", "→", "j", "k", "[ ]", "]", "pgup", "pgdn", "m", "e", "n"} <= keys
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert any("Measure" in line for line in visible_lines(app))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Year at a glance" in titles


async def test_no_color_draws_a_digit_per_level(
    make_app: Callable[[], WinbackApp], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(journal)
    monkeypatch.setenv("NO_COLOR", "")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_year(pilot, app)
        rows = app.screen.query_one(YearGridView).text
        thursday = rows[1 + 3]
        assert thursday.endswith("54"), thursday  # 5 March: 5, today: 4
        wednesday = rows[1 + 2]
        assert wednesday.endswith("·2"), wednesday  # 4 March: none, 11 March: 2
        assert "1 very low" in shown(app, "year-legend")
        assert "■" not in "".join(rows)


async def test_colour_draws_squares_and_the_weekly_sparkline(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_year(pilot, app)
        rows = app.screen.query_one(YearGridView).text
        assert rows[1 + 3].endswith("■■")
        assert rows[-1].endswith("█▅")  # 5 a week ago; (4 + 2) / 2 this week
        assert "■ very low" in shown(app, "year-legend")
        assert any("weekly average" in line for line in visible_lines(app))


async def test_the_year_view_fits_60x20(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await open_year(pilot, app)
        lines = visible_lines(app)
        assert any(line.startswith(" Th ") for line in lines)
        assert any("Thursday 12 March 2026" in line for line in lines)
        assert not any("weekly average" in line for line in lines)  # no room: left out


def test_an_entry_preview_is_one_line_cut_at_a_word() -> None:
    assert entry_preview("one\n\ntwo   three") == "one two three"
    assert entry_preview("\x1b[31mred\x07 ok") == "[31mred ok"  # no control characters
    assert entry_preview("👨\u200d👩\u200d👧 \u200fשלום") == "👨\u200d👩\u200d👧 \u200fשלום"
    assert entry_preview("شكرا لك 💛 " * 200_000).startswith("شكرا لك 💛")  # 2 MB: only the start
    long = "word " * 60
    cut = entry_preview(long)
    assert cut.endswith("word…") and len(cut) <= 151


async def test_a_journal_changed_on_disk_gives_way_to_home_with_a_notice(
    journal_path: Path, clock: FakeClock
) -> None:
    draft = "Thinking of you, and wishing you well"
    with Journal.open(journal_path, clock=clock) as first:
        first.set_setting("welcome_seen", True)
        EntriesRepo(first).save_text(TODAY, draft)
    journal = Journal.open(journal_path, clock=clock)  # reads tables only when needed
    app = WinbackApp(journal, install_signals=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            raw = journal_path.read_bytes()
            with open(journal_path, "r+b") as handle:  # same inode, same size
                handle.seek(raw.index(draft.encode()))
                handle.write(draft.upper().encode())
            await pilot.press("y")
            await wait_until(pilot, lambda: any("changed on disk" in m for m in messages(app)))
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert app.is_running and not app._exit_renderables
    finally:
        journal.close()
