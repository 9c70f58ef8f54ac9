"""What winback promises to show, and small waits built on it, for the e2e tests.

The texts live here, once, so a change of wording in the app is a one-line change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ptyterm import PtyTerm, squash

#: The ``spawn`` fixture: ``spawn(*args, db=None, cols=80, rows=24, stderr_pipe=False)``.
Spawn = Callable[..., PtyTerm]

#: The four steps, as the home dashboard lists them.
STEP_TITLES = (
    "Assess the Situation",
    "Focus on Self-Improvement",
    "Reconnect",
    "Be Patient and Persistent",
)
#: How many rows from the top count as "the heading": the header bar, which names
#: the step on every screen of it, whichever pane shows and however it scrolls.
HEADING_ROWS = 1

#: The first-run welcome overlay's last line; enter closes it.
WELCOME_PROMPT = "Press enter to begin"

#: The exit status for a user's mistake (bad journal file, bad option).
EXIT_USER_ERROR = 2


def step_heading(number: int) -> str:
    """What the header says on a step's screen, e.g. ``Step 1: Assess the Situation``."""
    return f"Step {number}: {STEP_TITLES[number - 1]}"


def in_heading(screen: str, text: str) -> bool:
    """Whether ``text`` is in the top :data:`HEADING_ROWS` rows of ``screen``."""
    top = "\n".join(screen.splitlines()[:HEADING_ROWS])
    return squash(text) in squash(top)


def home_visible(screen: str) -> bool:
    """The home dashboard: all four steps listed, no step heading at the top."""
    flat = squash(screen)
    return all(squash(title) in flat for title in STEP_TITLES) and not any(
        in_heading(screen, step_heading(n)) for n in range(1, 5)
    )


def too_small_notice(cols: int, rows: int) -> str:
    """The notice shown when the window is below 60×20."""
    return f"terminal too small: need 60×20, have {cols}×{rows}"


def welcome_visible(screen: str) -> bool:
    """The first-run welcome overlay is open."""
    return squash(WELCOME_PROMPT) in squash(screen)


def wait_home(term: PtyTerm, timeout: float = 10.0) -> float:
    """Wait for the home dashboard, closing the first-run welcome if it shows.

    Returns:
        When the home dashboard arrived (monotonic time).
    """

    def home_or_welcome(screen: str) -> bool:
        return home_visible(screen) or welcome_visible(screen)

    term.wait_for(home_or_welcome, timeout)
    if not home_visible(term.screen_text()):
        term.send("\r")
    return term.wait_for(home_visible, timeout)


def wait_started(term: PtyTerm, timeout: float = 10.0) -> float:
    """Wait for the app's first frame (alternate screen entered, something drawn).

    For tests about the process rather than a screen, so they do not depend on
    what the home screen shows.
    """

    def first_frame(screen: str) -> bool:
        return b"\x1b[?1049h" in term.raw and bool(screen.strip())

    return term.wait_for(first_frame, timeout)


def journal_text(path: Path) -> str:
    """The journal file as text, for checking that something typed reached the disk."""
    return path.read_text(encoding="utf-8")


def journal_data(path: Path) -> Any:
    """The journal file parsed as JSON."""
    return json.loads(journal_text(path))


def journal_strings(path: Path) -> list[str]:
    """Every string stored in the journal, whatever its schema (JSON escapes undone)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(journal_data(path))
    return found


def journal_holds(path: Path, text: str) -> bool:
    """Whether some string in the journal contains ``text``."""
    return any(text in value for value in journal_strings(path))


def open_step_editor(term: PtyTerm, number: int, timeout: float = 10.0) -> None:
    """From home, open step ``number`` and move into its reflection editor (``e``)."""
    term.send(str(number))
    term.wait_for(lambda screen: in_heading(screen, step_heading(number)), timeout)
    term.send("e")
    term.wait_for(EDITOR_HINT, timeout)


#: The footer hint shown while a reflection editor has focus.
EDITOR_HINT = "Leave editor"
