"""The command palette's export commands write a private file beside the journal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from winback_tui.app import WinbackApp
from winback_tui.store import Journal


async def run_command(pilot: Pilot[int], title: str) -> None:
    """Run the palette command titled ``title``, as choosing it in the palette does."""
    app = pilot.app
    commands = {command.title: command for command in app.get_system_commands(app.screen)}
    assert title in commands, f"{title!r} is not in the command palette"
    commands[title].callback()
    await pilot.pause()


def exports(journal: Journal, suffix: str) -> list[Path]:
    return sorted(journal.path.parent.glob(f"journal-export-*.{suffix}"))


def notices(app: WinbackApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_export_markdown_from_the_palette(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    journal.save_reflection(1, "what-went-wrong", "# We stopped listening.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, "Export journal (Markdown)")
        files = exports(journal, "md")
        assert len(files) == 1
        assert files[0].stat().st_mode & 0o777 == 0o600
        text = files[0].read_text(encoding="utf-8")
        assert text.startswith("# winback journal")
        assert "\\# We stopped listening." in text
        assert any(str(files[0]) in message for message in notices(app))


async def test_export_json_from_the_palette(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    journal.save_reflection(2, "growth", "Running again 🏃")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, "Export journal (JSON)")
        files = exports(journal, "json")
        assert len(files) == 1
        assert files[0].stat().st_mode & 0o777 == 0o600
        document = json.loads(files[0].read_bytes())
        assert document["format"] == "winback-export"
        texts = [r["record"]["text"] for r in document["tables"]["reflections"]]
        assert texts == ["Running again 🏃"]
