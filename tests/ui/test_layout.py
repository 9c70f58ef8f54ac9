"""Layouts that hold at 60×20, 80×24 and 120×40: wrapped rows, the dashboard, status lines."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len

from tests.ui.helpers import visible_lines
from winback_tui.app import WinbackApp
from winback_tui.store import Journal
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.widgets.key_list import hang


def test_a_wrapped_row_continues_under_its_first_word() -> None:
    rows = hang("[ ] Unmet emotional needs and a very long tail of words", 20)
    assert rows == ["[ ] Unmet emotional", "    needs and a very", "    long tail of", "    words"]
    assert hang("        No goals yet: press 2 to choose one.", 30) == [
        "        No goals yet: press 2",
        "        to choose one.",
    ]
    assert hang("short", 20) == ["short"]
    for text in ("💔💔💔 שלום עולם ✓ done", "averyveryverylongwordwithoutspaces here"):
        for width in (6, 9, 14):
            assert all(cell_len(row) <= width for row in hang(text, width)), (text, width)


async def test_the_dashboard_at_60x20_shows_all_four_steps_with_rows_indented(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = visible_lines(app)
        text = "\n".join(lines)
        for title in ("Assess the Situation", "Self-Improvement", "Reconnect", "Patient"):
            assert title in text, text
        # Step 1's mark wraps at this width: its second row sits under its first word.
        first = next(i for i, line in enumerate(lines) if "0/5 reflections" in line)
        start = lines[first].index("0/5 reflections")
        follow = lines[first + 1]
        assert follow[:start].strip(" ║") == "", (lines[first], follow)
        assert follow[start:].strip(" ║"), (lines[first], follow)


async def test_lists_and_the_editor_grow_with_the_window(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    repo = BoundariesRepo(journal)
    today = journal.now().date()
    for number in range(14):
        repo.add(f"A boundary of my own, number {number}", today)
    heights: dict[tuple[int, int], tuple[int, int]] = {}
    for size in ((80, 24), (120, 40)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.press("4")
            await pilot.pause()
            boundaries = app.screen.query_one("#boundaries").outer_size.height
            await pilot.press("f")  # the reflections pane
            await pilot.pause()
            editor = app.screen.query_one("#editor").outer_size.height
            heights[size] = (boundaries, editor)
    # What fits 80×24: the boundaries as before; the editor has its pane to itself.
    assert heights[(80, 24)] == (14, 18)
    small, large = heights[(80, 24)], heights[(120, 40)]
    assert large[0] > small[0] and large[1] > small[1], heights
