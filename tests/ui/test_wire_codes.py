"""What the row mirror writes: only the cells that changed, a style code only where the look does.

The check that matters is the last one: whatever two frames come one after the
other, a terminal shown the mirror's output looks the same as one shown
Textual's own rendering of the second frame (pyte plays the terminal).
"""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import LayoutUpdate
from textual.geometry import Size
from textual.strip import Strip

from winback_tui.wire import BOLD, PLAIN, UNDERLINE, LineMirror, Look, RowsUpdate, transition

WIDTH, HEIGHT = 12, 3
SIZE = Size(WIDTH, HEIGHT)
TRUECOLOUR = Console(color_system="truecolor", force_terminal=True, width=WIDTH)
RED = Style(color="#ff0000", bgcolor="#101010")
WHITE = Style(color="#ffffff", bgcolor="#101010")
PANEL = Style(color="#ffffff", bgcolor="#202020")
Row = list[tuple[str, Style]]


def frame(*rows: Row) -> LayoutUpdate:
    """A full update of ``SIZE``; every row is padded to the full width with ``WHITE``."""
    lines = []
    for row in rows:
        width = sum(cell_len(text) for text, _ in row)
        segments = [Segment(text, style) for text, style in row]
        segments.append(Segment(" " * (WIDTH - width), WHITE))
        lines.append([Strip(segments)])
    return LayoutUpdate(lines, SIZE.region)


def sent(mirror: LineMirror, update: LayoutUpdate, console: Console = TRUECOLOUR) -> str:
    out = mirror.trim(update, SIZE, console, lambda: update)
    assert isinstance(out, RowsUpdate)
    return out.render_segments(console)


def test_a_change_of_colour_alone_sends_the_colour_alone() -> None:
    mirror = LineMirror()
    out = sent(mirror, frame([("ab", RED), ("cd", WHITE)]))
    # The first code starts from a reset (the terminal's look is not known);
    # the second changes the foreground only; the row ends reset, as Textual's does.
    assert out.startswith("\x1b[1;1H\x1b[0;38;2;255;0;0;48;2;16;16;16mab\x1b[38;2;255;255;255mcd")
    assert out.endswith("\x1b[0m")


def test_spaces_keep_the_look_before_them_unless_it_shows_on_a_space() -> None:
    mirror = LineMirror()
    # Red text, white-on-the-same-background padding, red text: one code, since
    # a space shows only its background.
    out = sent(mirror, frame([("ab", RED), ("  ", WHITE), ("cd", RED)]))
    assert out.count("\x1b[") == 3  # the move, the one look, the reset at the end
    underlined = Style(underline=True, color="#ff0000", bgcolor="#101010")
    out = LineMirror().trim(frame([("ab", RED), ("  ", underlined)]), SIZE, TRUECOLOUR, frame)
    assert isinstance(out, RowsUpdate)
    assert "\x1b[4m  " in out.text  # an underline shows on spaces: it is written


def test_transition_writes_what_changed_or_a_reset_whichever_is_shorter() -> None:
    bold_red = Look(BOLD, "38;2;255;0;0", "")
    assert transition(bold_red, bold_red) == ""
    assert transition(bold_red, Look(0, "38;2;255;0;0", "")) == "\x1b[22m"
    assert transition(None, Look(0, "31", "")) == "\x1b[0;31m"  # look unknown: from a reset
    assert transition(Look(BOLD | UNDERLINE, "31", "42"), PLAIN) == "\x1b[0m"


def test_only_the_stretches_of_a_row_that_changed_are_sent() -> None:
    mirror = LineMirror()
    sent(mirror, frame([("|", WHITE), (" middle  ", PANEL), ("|", WHITE)]))
    out = sent(mirror, frame([("#", RED), (" middle  ", PANEL), ("#", RED)]))
    # Two stretches, each after its own cursor move; the middle is not sent again.
    assert "middle" not in out
    assert "\x1b[1;1H" in out and "\x1b[1;11H" in out


def test_a_wide_character_replaced_by_narrow_ones_is_rewritten_whole() -> None:
    mirror = LineMirror()
    sent(mirror, frame([("ab", WHITE), ("中", WHITE), ("cd", WHITE)]))
    out = sent(mirror, frame([("ab", WHITE), ("xy", WHITE), ("cd", WHITE)]))
    assert out.startswith("\x1b[1;3H") and "xy" in out and "cd" not in out


# -------------------------------------------- the terminal shows the same picture

COLOURS = st.sampled_from([None, "#e0e0e0", "#ff0000", "#1e1e1e", "#0178d4", "default"])
STYLES = st.builds(
    Style,
    color=COLOURS,
    bgcolor=COLOURS,
    bold=st.booleans(),
    italic=st.booleans(),
    underline=st.booleans(),
    reverse=st.booleans(),
    strike=st.booleans(),
)
TEXTS = st.text(alphabet="  ab║═中", min_size=1, max_size=5)


@st.composite
def rows(draw: st.DrawFn) -> Row:
    row: Row = []
    width = 0
    while width < WIDTH:
        text = draw(TEXTS)
        fitted = ""
        for char in text:
            size = 2 if char == "中" else 1
            if width + size > WIDTH:
                break
            fitted += char
            width += size
        if not fitted:
            fitted, width = " " * (WIDTH - width), WIDTH
        row.append((fitted, draw(STYLES)))
    return row


FRAMES = st.lists(rows(), min_size=HEIGHT, max_size=HEIGHT)


def cells(screen: pyte.Screen) -> list[tuple[object, ...]]:
    """What a person sees in each cell: a plain space is only its background."""
    out: list[tuple[object, ...]] = []
    for y in range(screen.lines):
        for x in range(screen.columns):
            c = screen.buffer[y][x]
            shows = (c.underscore, c.reverse, c.strikethrough)
            if c.data == " " and not any(shows):
                out.append((" ", c.bg))
            else:
                out.append((c.data, c.fg, c.bg, c.bold, c.italics, *shows))
    return out


@settings(max_examples=150, deadline=None)
@given(
    first=FRAMES,
    second=FRAMES,
    system=st.sampled_from([ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT]),
)
def test_the_terminal_shows_what_textual_would_have_drawn(
    first: list[Row], second: list[Row], system: ColorSystem
) -> None:
    console = Console(
        color_system="truecolor" if system == ColorSystem.TRUECOLOR else "256",
        force_terminal=True,
        width=WIDTH,
    )
    ours, textuals = pyte.Screen(WIDTH, HEIGHT), pyte.Screen(WIDTH, HEIGHT)
    ours_stream, textuals_stream = pyte.Stream(ours), pyte.Stream(textuals)
    mirror = LineMirror()
    for rows_of in (first, second):
        update = frame(*rows_of)
        ours_stream.feed(sent(mirror, update, console))
        textuals_stream.feed(update.render_segments(console))
        assert cells(ours) == cells(textuals)
