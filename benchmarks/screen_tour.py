"""One tour of every screen change, for ``bench_bytes.py`` and ``bench_ssh.py``.

A tour is a list of :class:`Move`: a key, and what the screen shows once it has
changed. :func:`take` presses each key in a :class:`ptyterm.PtyTerm`, waits for
that screen, then for the output to settle (no byte for ``quiet`` seconds: an
animation's frames all count), and notes the bytes written after the key and
the time from the key to the last of them (the finished screen).

The same tour runs on winback (:data:`WINBACK`, from a new journal: the first
paint with the welcome, then every screen) and on the bare Textual app of
``baseline_screens_app.py`` (:data:`BASELINE`), which makes the same moves with
stock widgets only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from baseline_screens_app import title
from ptyterm import PtyTerm, squash
from winback_ui import home_visible, in_heading, step_heading, welcome_visible

Check = Callable[[str], bool]

#: Textual wraps every frame in a synchronized update: its start counts the frames.
SYNC_START = b"\x1b[?2026h"


@dataclass(frozen=True)
class Move:
    """One screen change.

    Attributes:
        label: its row in the tables (``1 step 1``, ``? help``…).
        key: what is typed (``None``: nothing, the program's first paint).
        shown: true once the changed screen is on the pty.
        escape: the key is a lone escape (wait out the ESCDELAY before timing ends).
    """

    label: str
    key: str | None
    shown: Check
    escape: bool = False


@dataclass
class Change:
    """What one move cost."""

    label: str
    bytes: int
    seconds: float
    frames: int = 0


def has(text: str) -> Check:
    """The screen contains ``text`` (squashed: wrapping and frames do not matter)."""
    flat = squash(text)

    def check(screen: str) -> bool:
        return flat in squash(screen)

    check.__name__ = f"has({text!r})"
    return check


def lacks(text: str) -> Check:
    """The screen no longer contains ``text``."""
    flat = squash(text)

    def check(screen: str) -> bool:
        return flat not in squash(screen)

    check.__name__ = f"lacks({text!r})"
    return check


def step(number: int) -> Check:
    """Step ``number``'s screen: its title in the header."""
    return has(f"Step {number}: ")


def tools_pane(number: int) -> Check:
    """Step ``number``'s tools pane: its heading at the top of the body."""
    heading = step_heading(number)

    def check(screen: str) -> bool:
        return in_heading(screen, heading) or heading in screen

    return check


def reflections_pane(screen: str) -> bool:
    """A step's reflections pane: its list of prompts (ticked or not)."""
    return "[ ]" in screen or "[x]" in screen


#: winback from a new journal, 80x24: the welcome, then every screen and overlay.
WINBACK: tuple[Move, ...] = (
    Move("first paint (welcome)", None, welcome_visible),
    Move("enter: home", "\r", home_visible),
    Move("1 step 1", "1", step(1)),
    Move("f step 1 reflections", "f", reflections_pane),
    Move("2 step 2", "2", step(2)),
    Move("f step 2 reflections", "f", reflections_pane),
    Move("3 step 3", "3", step(3)),
    Move("4 step 4", "4", step(4)),
    Move("f step 4 reflections", "f", reflections_pane),
    Move("w journal", "w", has("winback · Journal")),
    Move("l timeline", "l", has("Timeline")),
    Move("y year", "y", has("weekly average")),
    Move("0 home", "0", home_visible),
    Move("? help", "?", has("Everywhere")),
    Move("escape: close help", "\x1b", lacks("Everywhere"), escape=True),
    Move("s support", "s", has("escape closes this page")),
    Move("escape: close support", "\x1b", lacks("escape closes this page"), escape=True),
)

#: The bare Textual app's same moves (``baseline_screens_app.py --welcome``).
BASELINE: tuple[Move, ...] = (
    Move("first paint (welcome)", None, has(title("welcome"))),
    Move("enter: home", "\r", lacks(title("welcome"))),
    Move("1 step 1", "1", has(title("one"))),
    Move("f step 1 reflections", "f", has(f"{title('one')} reflections")),
    Move("2 step 2", "2", has(title("two"))),
    Move("f step 2 reflections", "f", has(f"{title('two')} reflections")),
    Move("3 step 3", "3", has(title("three"))),
    Move("4 step 4", "4", has(title("four"))),
    Move("f step 4 reflections", "f", has(f"{title('four')} reflections")),
    Move("w journal", "w", has(title("w"))),
    Move("l timeline", "l", has(title("l"))),
    Move("y year", "y", has(title("y"))),
    Move("0 home", "0", has(title("home"))),
    Move("? help", "?", has(title("help"))),
    Move("escape: close help", "\x1b", lacks(title("help")), escape=True),
    Move("s support", "s", has(title("support"))),
    Move("escape: close support", "\x1b", lacks(title("support")), escape=True),
)

#: Moves that are not screen changes a person asks for (the budget's median leaves
#: them out): closing an overlay with escape shows the screen underneath again.
CLOSING = frozenset({"escape: close help", "escape: close support"})


def take(term: PtyTerm, move: Move, *, quiet: float, timeout: float) -> Change:
    """Make one move and note what it cost.

    Args:
        term: the program, settled after the previous move.
        move: the key to press and the screen to wait for.
        quiet: seconds without output that end the move.
        timeout: seconds to wait for the screen.

    Returns:
        The bytes written from the key until the output settled, and the time
        from the key to the last of those bytes.

    Raises:
        TimeoutError: the screen did not show in time.
    """
    mark = term.mark()
    sent = term.started_at if move.key is None else time.monotonic()
    if move.key is not None:
        term.send(move.key)

    def changed(screen: str) -> bool:
        # Only output after the key counts: the screen before may pass the check.
        return term.bytes_since(mark) > 0 and move.shown(screen)

    term.wait_for(changed, timeout=timeout)
    term.wait_quiet(quiet, timeout=timeout)
    written = term.bytes_since(mark)
    last = term.chunks[-1][0] if written else sent
    frames = term.output_since(mark).count(SYNC_START)
    return Change(move.label, written, max(0.0, last - sent), frames)


def tour(term: PtyTerm, moves: tuple[Move, ...], *, quiet: float, timeout: float) -> list[Change]:
    """Every move of ``moves`` in turn (see :func:`take`)."""
    return [take(term, move, quiet=quiet, timeout=timeout) for move in moves]


def editor_shows(text: str) -> Check:
    """A row of a bordered text box starts with ``text`` (just inside its left border)."""

    def check(screen: str) -> bool:
        return any(
            line.split(text, 1)[0].endswith(("║ ", "│ "))
            for line in screen.splitlines()
            if text in line
        )

    check.__name__ = f"editor_shows({text!r})"
    return check


#: What is typed into winback's journal editor (one character; the editor is empty).
TYPED = "Q"

#: Typing in winback's journal (after ``w journal``): into the editor, one
#: character, and out again. ``bench_ssh.py`` puts them in the tour; the bare
#: app's typed character is ``baseline_textarea_app.py``'s stock ``TextArea``.
JOURNAL_TYPING: tuple[Move, ...] = (
    Move("e: into the journal editor", "e", has("Leave editor")),
    Move("typed character (journal editor)", TYPED, editor_shows(TYPED)),
    Move("escape: leave the editor", "\x1b", lacks("Leave editor"), escape=True),
)
