"""Helpers for reading what a user sees in Pilot tests."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static


def static_text(widget: Static, width: int = 78) -> str:
    """The plain text a Static shows (tables and markup rendered)."""
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(content)
    return console.export_text()


def screen_text(app: App[object]) -> str:
    """Every Static's text on the active screen, joined (a cheap view of the screen)."""
    return "\n".join(static_text(w) for w in app.screen.query(Static) if w.display)


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 5
) -> None:
    """Let the app run until ``condition`` holds (fails the test after ``timeout``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await pilot.pause(0.05)


def messages(app: App[object]) -> list[str]:
    """The notifications shown so far, oldest first."""
    return [n.message for n in app._notifications]


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type ``text`` key by key, as a user would."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def shown(app: App[object], widget_id: str) -> str:
    """The text of the Static with this id on the active screen."""
    return static_text(app.screen.query_one(f"#{widget_id}", Static))


def visible_lines(app: App[object]) -> list[str]:
    """The rows of the active screen as the terminal shows them (what is really in view)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


#: Box-drawing and scrollbar characters: stripped before looking for words on screen.
_FRAME_CHARS = str.maketrans("", "", "║│╔╗╚╝╭╮╰╯═─▁▂▃▄▅▆▇█▔▏▕┃━")


def visible_words(app: App[object]) -> str:
    """The visible text of the active screen, frames removed and spaces collapsed.

    A wrapped line reads as one: a hint split over two rows is still found.
    """
    return " ".join("\n".join(visible_lines(app)).translate(_FRAME_CHARS).split())


def words(text: str) -> str:
    """``text`` with its spaces collapsed, to look for it in :func:`visible_words`."""
    return " ".join(text.split())
