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
  the cells that have not changed (a changed row is sent as the stretches of
  it that differ); a row it cannot vouch for (touched by a partial update, or
  after a resize) is always sent whole.
- :class:`Painter`: what is sent is written with a style code only where the
  look changes, and only what changes (``ESC[1m`` to turn bold on, a colour
  alone when only the colour changes), where Textual writes every segment as
  a full code and a reset (``ESC[38;2;r;g;b;48;2;r;g;bm…ESC[0m``, 36 bytes in
  truecolour before a single character). A space changes at most the
  background of the look before it (its colour, bold or italics do not show;
  an underline or reverse does: a space has exactly its own), so the padding
  around a text costs no codes. Style codes were two thirds of the bytes of a
  full repaint at 80x24 in truecolour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size
from rich.color import Color, ColorSystem
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style as RichStyle
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


#: Bits of :attr:`Look.attributes`, in the order of Textual's ``SGR_STYLES``.
BOLD, DIM, ITALIC, UNDERLINE, BLINK, BLINK2, REVERSE, CONCEAL, STRIKE = (1 << n for n in range(9))
UNDERLINE2, FRAME, ENCIRCLE, OVERLINE = (1 << n for n in range(9, 13))
#: The code that sets each attribute bit (Textual's ``SGR_STYLES``).
_ON = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53")
#: Codes that turn attributes off, and the bits each clears (ECMA-48: 22 clears
#: both bold and dim, 24 both underlines, 25 both blinks, 54 frame and encircle).
_OFF = (
    (BOLD | DIM, "22"),
    (ITALIC, "23"),
    (UNDERLINE | UNDERLINE2, "24"),
    (BLINK | BLINK2, "25"),
    (REVERSE, "27"),
    (CONCEAL, "28"),
    (STRIKE, "29"),
    (FRAME | ENCIRCLE, "54"),
    (OVERLINE, "55"),
)
#: Attributes that show on a space: a space without them looks only like its background.
SHOWS_ON_BLANK = UNDERLINE | UNDERLINE2 | BLINK | BLINK2 | REVERSE | STRIKE | FRAME | ENCIRCLE
SHOWS_ON_BLANK |= OVERLINE


class Look(NamedTuple):
    """How a cell is drawn: its attribute bits and its colours' SGR codes ("" = default)."""

    attributes: int
    fg: str
    bg: str

    def codes(self) -> list[str]:
        """The SGR codes that draw this look from a reset terminal."""
        out = [code for bit, code in enumerate(_ON) if self.attributes & (1 << bit)]
        return out + [codes for codes in (self.fg, self.bg) if codes]


PLAIN = Look(0, "", "")
#: A cell whose text is a whole link, written as Textual writes it (ending reset).
LINK = Look(-1, "", "")

#: One cell of a row: its text (a character, with any zero-width marks after it),
#: its look and its width in cells (2 for a wide character).
Cell = tuple[str, Look, int]


def _colour(color: Color | None, foreground: bool, color_system: ColorSystem) -> str:
    if color is None:
        return ""
    codes = ";".join(color.downgrade(color_system).get_ansi_codes(foreground))
    return "" if codes in ("39", "49") else codes


def look_of(style: RichStyle | None, color_system: ColorSystem) -> Look:
    """The look of a segment's Rich style, in the terminal's colour system."""
    if style is None:
        return PLAIN
    return Look(
        style._attributes & style._set_attributes,
        _colour(style._color, True, color_system),
        _colour(style._bgcolor, False, color_system),
    )


def row_cells(strips: Iterable[Strip], color_system: ColorSystem) -> list[Cell]:
    """One row as cells (see :data:`Cell`)."""
    cells: list[Cell] = []
    looks: dict[RichStyle | None, Look] = {}
    for strip in strips:
        for text, style, _ in strip:
            if not text:
                continue
            if style is not None and style._link:  # rare; written as Textual writes it
                link = Strip.render_style(style, text, color_system)
                cells.append((link, LINK, cell_len(text)))
                continue
            look = looks.get(style)
            if look is None:
                look = looks[style] = look_of(style, color_system)
            if text.isascii():
                cells.extend((char, look, 1) for char in text)
                continue
            for char in text:
                width = get_character_cell_size(char)
                if width == 0 and cells:  # a combining mark stays with its character
                    before, its_look, its_width = cells[-1]
                    cells[-1] = (before + char, its_look, its_width)
                else:
                    cells.append((char, look, width))
    return cells


def transition(current: Look | None, new: Look) -> str:
    """The shortest SGR sequence that turns ``current`` into ``new`` ("" if equal).

    ``current`` None means the terminal's look is not known: the code starts
    with a reset. Otherwise the change is written either as what differs
    (attributes turned off and on, a colour that changed) or as a reset and
    the whole look, whichever is shorter.
    """
    if current == new:
        return ""
    whole = ";".join(["0", *new.codes()])
    if current is None:
        return f"\x1b[{whole}m"
    delta: list[str] = []
    kept = current.attributes
    for bits, code in _OFF:
        if kept & bits & ~new.attributes:
            delta.append(code)
            kept &= ~bits
    adding = new.attributes & ~kept
    delta.extend(code for bit, code in enumerate(_ON) if adding & (1 << bit))
    if new.fg != current.fg:
        delta.append(new.fg or "39")
    if new.bg != current.bg:
        delta.append(new.bg or "49")
    changed = ";".join(delta)
    return f"\x1b[{changed if len(changed) < len(whole) else whole}m"


def blank_look(current: Look | None, wanted: Look) -> Look:
    """The look to draw a space of look ``wanted`` in, starting from ``current``.

    A space shows only its background unless it is underlined, reversed, struck
    through and the like: its colour, boldness or italics do not show. Keeping
    those as they are saves the codes that would change them twice (Textual
    gives the padding around a text a look of its own).
    """
    if wanted.attributes & SHOWS_ON_BLANK or current is None or current == LINK:
        return wanted
    return Look(current.attributes & ~SHOWS_ON_BLANK, current.fg, wanted.bg)


class Painter:
    """Writes cells as terminal text, tracking the terminal's look to send only changes."""

    def __init__(self) -> None:
        self.out: list[str] = []
        #: The terminal's look now (None: not known, as at the start of an update).
        self.look: Look | None = None

    def move_to(self, x: int, y: int) -> None:
        """Put the cursor at column ``x``, row ``y`` (from 0); the look is kept."""
        self.out.append(f"\x1b[{y + 1};{x + 1}H")

    def cells(self, cells: Iterable[Cell]) -> None:
        """Write ``cells`` from the cursor."""
        out = self.out
        for text, look, _ in cells:
            if look == LINK:
                if self.look != PLAIN:
                    out.append("\x1b[0m")
                out.append(text)
                self.look = PLAIN
                continue
            wanted = blank_look(self.look, look) if text == " " else look
            if wanted != self.look:
                out.append(transition(self.look, wanted))
                self.look = wanted
            out.append(text)

    def text(self) -> str:
        """Everything written, ending with the terminal reset (as Textual's output does)."""
        if self.look not in (None, PLAIN):
            self.out.append("\x1b[0m")
            self.look = PLAIN
        return "".join(self.out)


#: Unchanged cells between two changed ones are rewritten rather than jumped over
#: when their text is at most this many bytes (a cursor move is 6 to 8).
JUMP = 8


def changed_spans(old: list[Cell] | None, new: list[Cell]) -> list[tuple[int, int, int]]:
    """The stretches of ``new`` that differ from ``old``: (first cell, end cell, column).

    Cells are compared column by column, so a wide character replaced by two
    narrow ones (or the reverse) is rewritten whole.
    """
    if old is None:
        return [(0, len(new), 0)] if new else []
    before: dict[int, Cell] = {}
    x = 0
    for cell in old:
        before[x] = cell
        x += cell[2]
    spans: list[tuple[int, int, int]] = []
    x = 0
    gap = 0  # bytes of unchanged text since the last changed cell
    for index, cell in enumerate(new):
        if before.get(x) != cell:
            if spans and gap <= JUMP:
                first, _, column = spans[-1]
                spans[-1] = (first, index + 1, column)
            else:
                spans.append((index, index + 1, x))
            gap = 0
        elif spans:
            gap += len(cell[0].encode())
        x += cell[2]
    return spans


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
        self._rows: list[list[Cell] | None] = []

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
            if len(rows) >= MANY_ROWS and (size == self._size or self._size is None):
                # Also when nothing is known yet (the first frame): the whole
                # screen now, so that the full update that follows sends only
                # what changed since, not every row again.
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
        color_system = console._color_system or ColorSystem.TRUECOLOR
        painter = Painter()
        for y, line in enumerate(update.strips, update.region.y):
            if y >= len(self._rows):
                continue
            cells = row_cells(line, color_system)
            old = self._rows[y]
            self._rows[y] = cells
            if old is not None and sum(c[2] for c in old) != sum(c[2] for c in cells):
                old = None  # not the same width: rewrite the whole row
            for first, end, x in changed_spans(old, cells):
                painter.move_to(x, y)
                painter.cells(cells[first:end])
        return RowsUpdate(painter.text())
