"""Layouts that hold at 60×20, 80×24 and 120×40: wrapped rows, the dashboard, status lines."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len

from tests.ui.helpers import visible_lines
from winback_tui.app import WinbackApp
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
        # The Step 2 hint wraps at this width: its second row sits under its first word.
        first = next(i for i, line in enumerate(lines) if "No goals yet" in line)
        start = lines[first].index("No goals yet")
        follow = lines[first + 1]
        assert follow[:start].strip(" ║") == "", (lines[first], follow)
        assert follow[start:].strip(" ║"), (lines[first], follow)
