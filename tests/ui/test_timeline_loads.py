"""The timeline reads the journal once per showing, and again only after a change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.helpers import wait_until
from winback_tui.app import WinbackApp
from winback_tui.domain.item_pack import PackedItems
from winback_tui.screens import timeline
from winback_tui.screens.timeline import TimelineScreen
from winback_tui.store import Journal, search_file


async def test_the_timeline_reads_once_and_again_only_when_the_journal_moved_on(
    make_app: Callable[[], WinbackApp], journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.save_reflection(1, "what-went-wrong", "We stopped listening to each other.")
    reads: list[int] = []
    real_packed_items = timeline.packed_items

    def counted(of: Journal) -> PackedItems:
        reads.append(of.revision)
        return real_packed_items(of)

    monkeypatch.setattr(timeline, "packed_items", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await wait_until(
            pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.complete
        )
        await pilot.pause()
        assert len(reads) == 1  # though Textual resumes a new mode's screen twice
        await pilot.press("enter")  # the reader of the first item
        await wait_until(pilot, lambda: not isinstance(app.screen, TimelineScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await pilot.press("question_mark", "escape")
        await pilot.pause()
        assert len(reads) == 1  # the reader and help changed nothing
        journal.save_reflection(1, "my-part", "I stopped asking how her day was.")
        await pilot.press("0", "l")
        await wait_until(pilot, lambda: len(reads) == 2)
        await pilot.pause()
        assert len(reads) == 2


async def test_search_is_kept_beside_the_journal_and_a_later_run_folds_only_what_changed(
    open_journal: Callable[..., Journal], journal_path: Path
) -> None:
    first = open_journal()
    for number in range(30):
        first.save_reflection(1, f"prompt-{number}", f"answer {number} about the garden")

    async def search_in_a_run(journal: Journal, query: str) -> tuple[int, int]:
        """Open the timeline, search; how many items were folded, and how many match."""
        app = WinbackApp(journal, install_signals=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            await wait_until(
                pilot,
                lambda: isinstance(app.screen, TimelineScreen) and app.screen.index is not None,
            )
            screen = app.screen
            assert isinstance(screen, TimelineScreen) and screen.index is not None
            await pilot.press("slash", *query)
            await wait_until(pilot, lambda: screen._matches > 0)
            return screen.index.folded, screen._matches

    assert await search_in_a_run(first, "garden") == (30, 30)  # folded once, then kept
    assert search_file.path_of(journal_path).is_file()
    first.save_reflection(1, "prompt-3", "an answer about the orchard")
    first.close()
    later = open_journal()
    # The next run reads the kept index: only the edited answer is folded again.
    assert await search_in_a_run(later, "orchard") == (1, 1)
