"""Frugal over the wire: what winback writes to the terminal, and when to write less.

Two pieces, used by the App:

- :func:`low_bandwidth_wanted`: over SSH (``SSH_CONNECTION`` set, as sshd sets
  it) or with ``--low-bandwidth``, winback plays no animation (a smooth scroll
  or a fade sends every in-between frame, and over a slow link nobody sees them
  go by), paints at most :data:`LOW_BANDWIDTH_FPS` frames a second and uses 256
  colours (shorter colour codes than truecolour).
- :class:`LineMirror`: Textual sends every row of the screen whenever the whole
  screen is marked dirty (a screen switch, focus moving, a modal opening or
  closing, a screen resuming), often several times for one key while a screen
  builds. The mirror remembers the row last sent for each line and leaves out
  the rows that have not changed; a row it cannot vouch for (touched by a
  partial update, or after a resize) is always sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Size
from textual.strip import Strip

#: Frames a second at most over SSH or with ``--low-bandwidth`` (Textual's default is 60).
LOW_BANDWIDTH_FPS = 15

#: A partial update of this many rows or more is compared row by row with what
#: the terminal shows instead (fewer rows go as Textual made them: one typed
#: character repaints one row, and its chops are the least there is to send).
MANY_ROWS = 4


def low_bandwidth_wanted(flag: bool, environ: Mapping[str, str]) -> bool:
    """Whether to spare the link: ``--low-bandwidth`` given, or running over SSH.

    Args:
        flag: the command line's ``--low-bandwidth``.
        environ: the environment (``SSH_CONNECTION`` is set by sshd for a session).
    """
    return flag or bool(environ.get("SSH_CONNECTION"))


#: One row as runs of (text, style codes); a linked run's codes are its whole text.
Runs = list[tuple[str, str]]
LINK = "\x00link"


def row_runs(strips: Iterable[Strip], color_system: ColorSystem) -> Runs:
    """One row as runs of text and the SGR codes of their look (adjacent equal looks joined)."""
    runs: Runs = []
    for strip in strips:
        for text, style, _ in strip:
            if not text:
                continue
            codes = ""
            if style is not None:
                if style._link:  # rare; written as Textual writes it
                    runs.append((Strip.render_style(style, text, color_system), LINK))
                    continue
                codes = style._ansi or Strip.render_ansi(style, color_system)
            if runs and runs[-1][1] == codes:
                runs[-1] = (runs[-1][0] + text, codes)
            else:
                runs.append((text, codes))
    return runs


def render_runs(runs: Runs) -> str:
    """Runs as terminal text: a style code only where the look changes.

    Textual (through Rich) wraps every segment in its own ``ESC[...m`` and
    ``ESC[0m``, even when the next one looks the same (a border, padding and
    text on one background are three segments). Each code here starts with a
    reset (``0;``), so nothing of the previous look carries over; the text ends
    reset, as Textual's does.
    """
    out: list[str] = []
    current = ""
    for text, codes in runs:
        if codes == LINK:
            if current:
                out.append("\x1b[0m")
                current = ""
            out.append(text)
            continue
        if codes != current:
            out.append(f"\x1b[0;{codes}m" if codes else "\x1b[0m")
            current = codes
        out.append(text)
    if current:
        out.append("\x1b[0m")
    return "".join(out)


def first_difference(old: Runs, new: Runs) -> tuple[int, int] | None:
    """Where ``new`` starts to differ from ``old``: (run index, column); None if equal."""
    x = 0
    for index, run in enumerate(new):
        if index >= len(old) or old[index] != run:
            return index, x
        x += cell_len(run[0]) if run[1] != LINK else 0
    if len(old) != len(new):
        return len(new), x
    return None


class RowsUpdate(CompositorUpdate):
    """Rows already rendered to terminal text: only those that changed."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment(self.text)

    def render_segments(self, console: Console) -> str:
        """The rows, with the cursor moves that put each in its place."""
        del console
        return self.text


class LineMirror:
    """What each row of the terminal shows, as last sent, to skip rows that did not change."""

    def __init__(self) -> None:
        self._size: Size | None = None
        self._rows: list[Runs | None] = []

    def forget(self) -> None:
        """Vouch for nothing: the next full update sends every row."""
        self._size = None
        self._rows = []

    def trim(
        self,
        update: CompositorUpdate,
        size: Size,
        console: Console,
        full: Callable[[], LayoutUpdate],
    ) -> CompositorUpdate:
        """The update to send for ``update``: only the rows that changed.

        Args:
            update: what Textual's compositor made.
            size: the screen's size.
            console: the app's console (renders strips to terminal text).
            full: renders the whole screen as it is now (for a partial update
                of :data:`MANY_ROWS` rows or more).

        Returns:
            ``update`` itself, or the rows of the screen that differ from what
            the terminal shows.
        """
        if isinstance(update, ChopsUpdate):
            rows = {y for y, _, _ in update.spans}
            if len(rows) >= MANY_ROWS and size == self._size:
                update = full()
            else:
                # Rows touched by a partial update are no longer known for certain.
                for y in rows:
                    if 0 <= y < len(self._rows):
                        self._rows[y] = None
                return update
        if (
            not isinstance(update, LayoutUpdate)
            or update.region.x != 0
            or update.region.width != size.width
        ):
            self.forget()
            return update
        if size != self._size:
            self._size = size
            self._rows = [None] * size.height
        move_to = "\x1b[{};{}H".format
        color_system = console._color_system or ColorSystem.TRUECOLOR
        out: list[str] = []
        for y, line in enumerate(update.strips, update.region.y):
            if y >= len(self._rows):
                continue
            runs = row_runs(line, color_system)
            old = self._rows[y]
            self._rows[y] = runs
            if old is None:
                start: tuple[int, int] | None = (0, 0)
            else:
                start = first_difference(old, runs)
                if start is not None and any(codes == LINK for _, codes in runs[: start[0]]):
                    start = (0, 0)  # a link's text is not its width: rewrite the row
            if start is None:
                continue
            index, x = start
            # The rest of the row, from the first cell that changed: a row that
            # grew shorter is overwritten too, since every row is full width.
            out.append(move_to(y + 1, x + 1))
            out.append(render_runs(runs[index:]))
        return RowsUpdate("".join(out))
