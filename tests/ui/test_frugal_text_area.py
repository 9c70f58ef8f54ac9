"""FrugalTextArea shows exactly what the stock TextArea shows, at a fraction of the bytes.

The frugal widget repaints only the rows it thinks changed, so a wrong guess would
leave stale text on the user's terminal. A Pilot run does not write to a terminal,
so each app here replays every update it would have written (the same bytes the
real driver sends) into a pyte terminal emulator. The test then compares what the
two terminals show: every cell's character, colours and attributes, and the cursor,
after every single step of the same edit sequence.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyte
import pytest
from rich.console import Console
from rich.control import Control
from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.keys import _character_to_key
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Header, TextArea

from winback_tui.widgets.frugal_text_area import FrugalTextArea

PARAGRAPH = (
    "Some days the quiet is the hardest part, and I keep wanting to fill it with a "
    "message I know I should not send (not yet, maybe not ever). Writing it here "
    "instead helps: the words go somewhere and nobody is pushed."
)
START_TEXT = "\n".join(
    [
        "What ended it, in one line?",
        PARAGRAPH,
        "",
        "My part [honestly] {no blame}: 我也有责任 — שלום — مرحبا 😀",
        "short",
        PARAGRAPH[:70],
        *(f"line {n}" for n in range(14)),
    ]
)

CHARACTERS = [*"abcdefghijklmnop qrstuvwxyz .,!?()[]{}", "😀", "🎉", "你", "好", "語", "ש", "ם"]
CHARACTERS += ["ر", "ب", "é", "ß"]
KEYS = [
    "left",
    "right",
    "up",
    "down",
    "home",
    "end",
    "backspace",
    "delete",
    "enter",
    "pageup",
    "pagedown",
    "ctrl+left",
    "ctrl+right",
    "shift+left",
    "shift+right",
    "shift+up",
    "shift+down",
    "shift+home",
    "shift+end",
    "ctrl+w",
    "ctrl+u",
    "ctrl+k",
    "ctrl+z",
    "ctrl+y",
    "ctrl+x",
    "ctrl+v",
    "f6",
    "f7",
]

# Replays in truecolour (the headless console has 16 colours, where a cursor-line
# background or a selection can look the same as the rest).
TRUECOLOR = Console(color_system="truecolor", force_terminal=True, file=io.StringIO())

# A cursor position written by the compositor before each changed row: ESC [ row ; col H
_MOVE_TO = re.compile(r"\x1b\[(\d+);\d+H")


@dataclass(frozen=True)
class Step:
    """One thing the user (or the program) does."""

    kind: str  # "key", "paste", "insert", "load", "resize"
    value: Any = None

    def __str__(self) -> str:
        return f"{self.kind}({self.value!r})"


@dataclass(frozen=True)
class Config:
    """How the text area is set up, and the terminal it runs in."""

    size: tuple[int, int]
    soft_wrap: bool = True
    show_line_numbers: bool = False
    placeholder: str = ""
    text: str = START_TEXT


class Terminal:
    """A terminal emulator fed with what the app writes."""

    def __init__(self, cols: int, rows: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)

    def resize(self, cols: int, rows: int) -> None:
        if (self.screen.columns, self.screen.lines) != (cols, rows):
            self.screen.resize(rows, cols)

    def snapshot(self) -> tuple[object, ...]:
        """Every cell (character, colours, attributes) and the cursor."""
        screen = self.screen
        cells = tuple(
            tuple(screen.buffer[y][x] for x in range(screen.columns)) for y in range(screen.lines)
        )
        cursor = (screen.cursor.x, screen.cursor.y, screen.cursor.hidden)
        return cells, cursor

    def text(self) -> list[str]:
        return list(self.screen.display)


class EditorApp(App[None]):
    """A header, the text area under test and a footer, replayed onto a terminal."""

    def __init__(self, editor_class: type[TextArea], config: Config) -> None:
        super().__init__()
        self.editor_class = editor_class
        self.config = config
        self.terminal = Terminal(*config.size)
        #: (bytes, rows touched) of every update written since the last reset.
        self.updates: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        config = self.config
        editor = self.editor_class(
            config.text,
            soft_wrap=config.soft_wrap,
            tab_behavior="focus",
            show_line_numbers=config.show_line_numbers,
            placeholder=config.placeholder,
            id="editor",
        )
        # A blinking cursor would make the two runs differ by the clock alone.
        editor.cursor_blink = False
        yield Header()
        yield editor
        yield Footer()

    @property
    def editor(self) -> TextArea:
        return self.query_one("#editor", TextArea)

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        super()._display(screen, renderable)
        # What App._display writes to a real terminal (the headless driver skips it).
        if not isinstance(renderable, CompositorUpdate) or self._batch_count:
            return
        cursor = self.screen.outer_size.clamp_offset(self.cursor_position)
        body = renderable.render_segments(TRUECOLOR)
        rows = len({match.group(1) for match in _MOVE_TO.finditer(body)})
        sequence = body + Control.move_to(*cursor).segment.text
        self.updates.append((len(sequence.encode()), rows))
        self.terminal.resize(*self.size)
        self.terminal.stream.feed(sequence)


def key_event(key: str) -> events.Key:
    """The event a terminal's key press becomes (as ``Pilot.press`` builds it)."""
    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    return events.Key(key, None)


def busy(app: App[None]) -> bool:
    """Whether the app, a widget on its screen or a scrollbar still has messages queued."""
    nodes: list[MessagePump] = [app]
    for widget in app.screen.walk_children(with_self=True):
        # Scrollbars are not children in the DOM, yet they repaint through their queue.
        bars = (widget._horizontal_scrollbar, widget._vertical_scrollbar, widget._scrollbar_corner)
        nodes += [widget, *(bar for bar in bars if bar is not None)]
    return any(not node._message_queue.empty() for node in nodes)


async def settle(pilot: Pilot[None]) -> None:
    """Run every queued message, then paint, as the screen's update timer would.

    ``Pilot.pause`` does the same plus a CPU-idle wait of at least 20 ms per call;
    with a few thousand steps here that wait would be most of the run time.
    """
    for _ in range(100):
        await pilot._wait_for_screen()
        pilot.app.screen._on_timer_update()
        if not busy(pilot.app):
            return
    raise AssertionError("the app kept itself busy")


async def apply(pilot: Pilot[None], app: EditorApp, step: Step) -> None:
    """Do one step and let the screen catch up."""
    editor = app.editor
    if step.kind == "key":
        app.post_message(key_event(step.value))
    elif step.kind == "paste":
        editor.post_message(events.Paste(step.value))
    elif step.kind == "insert":
        text, location = step.value
        editor.insert(text, location, maintain_selection_offset=True)
    elif step.kind == "load":
        editor.load_text(step.value)
    elif step.kind == "resize":
        await pilot.resize_terminal(*step.value)
    else:  # pragma: no cover - a typo in a test
        raise ValueError(step.kind)
    await settle(pilot)


async def record(
    editor_class: type[TextArea], config: Config, steps: Sequence[Step]
) -> list[tuple[object, ...]]:
    """What the terminal shows at the start and after each step."""
    app = EditorApp(editor_class, config)
    async with app.run_test(size=config.size) as pilot:
        await settle(pilot)
        shots = [app.terminal.snapshot()]
        for step in steps:
            await apply(pilot, app, step)
            shots.append(app.terminal.snapshot())
    return shots


def describe(shot: tuple[object, ...]) -> list[str]:
    cells, cursor = shot
    assert isinstance(cells, tuple)
    rows = ["".join(char.data for char in row) for row in cells]
    return [*rows, f"cursor={cursor}"]


async def assert_same_screens(config: Config, steps: Sequence[Step]) -> None:
    """The frugal and the stock widget show the same screen after every step."""
    stock = await record(TextArea, config, steps)
    frugal = await record(FrugalTextArea, config, steps)
    for index, (expected, actual) in enumerate(zip(stock, frugal, strict=True)):
        if expected == actual:
            continue
        history = ", ".join(str(step) for step in steps[:index])
        want, got = describe(expected), describe(actual)
        differing = [
            f"row {y}: stock {w!r}\n       frugal {g!r}"
            for y, (w, g) in enumerate(zip(want, got, strict=True))
            if w != g
        ] or ["(same characters; colours or attributes differ)"]
        pytest.fail(
            f"screens differ after step {index} of {config}:\n"
            f"steps: {history}\n" + "\n".join(differing) + "\nstock screen:\n" + "\n".join(want)
        )


def random_steps(seed: int, count: int, sizes: Sequence[tuple[int, int]]) -> list[Step]:
    """A reproducible mix of typing, moving, deleting, selecting, pasting and resizing."""
    rng = random.Random(seed)
    steps: list[Step] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.50:
            steps.append(Step("key", rng.choice(CHARACTERS)))
        elif roll < 0.88:
            steps.append(Step("key", rng.choice(KEYS)))
        elif roll < 0.92:
            long_line = " ".join(
                rng.choice(["word", "我们", "😀", "שלום", "(x)"]) for _ in range(40)
            )
            steps.append(Step("paste", long_line))
        elif roll < 0.94:
            steps.append(Step("paste", "first pasted line\nsecond\n\n" + PARAGRAPH))
        elif roll < 0.97:
            location = (rng.randrange(0, 8), rng.randrange(0, 30))
            steps.append(Step("insert", (rng.choice(["x", "two\nlines", PARAGRAPH]), location)))
        elif roll < 0.985:
            steps.append(Step("resize", rng.choice(sizes)))
        else:
            steps.append(Step("load", rng.choice(["", "fresh", PARAGRAPH + "\n" + START_TEXT])))
    return steps


def typed(text: str) -> list[Step]:
    return [Step("key", character) for character in text]


def keys(*names: str) -> list[Step]:
    return [Step("key", name) for name in names]


# ------------------------------------------------------------------- random runs
RANDOM_CONFIGS = {
    "80x24": Config((80, 24)),
    "narrow-wrap": Config((32, 14)),
    "narrow-no-wrap": Config((32, 14), soft_wrap=False),
    "line-numbers": Config((44, 16), show_line_numbers=True),
    "placeholder": Config((40, 12), placeholder="Write what you feel…", text=""),
}


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("name", list(RANDOM_CONFIGS))
async def test_random_edit_sequences_show_the_same_screen(name: str, seed: int) -> None:
    config = RANDOM_CONFIGS[name]
    width, height = config.size
    sizes = [config.size, (width + 9, height - 3), (max(20, width - 10), height + 2)]
    await assert_same_screens(config, random_steps(seed * 1000 + len(name), 90, sizes))


# ---------------------------------------------------------------- chosen cases
async def test_typing_past_the_wrap_point_and_deleting_back() -> None:
    config = Config((32, 12), text="The words reach the edge soon\nbelow")
    steps = [
        *keys("end"),
        *typed(" and then they wrap onto a new row"),
        *keys(*["backspace"] * 40),
        *keys("down", "end"),
        *typed(" 你好你好你好你好你好你好你好你好"),
        *keys(*["backspace"] * 12),
    ]
    await assert_same_screens(config, steps)


async def test_typing_in_the_middle_of_a_wrapped_paragraph_reflows_its_rows() -> None:
    config = Config((36, 16), text=f"{PARAGRAPH}\n{PARAGRAPH}")
    steps = [
        *keys("down", "right", "right", "right"),
        *typed("inserted words push the rest along "),
        *keys(*["delete"] * 20),
        *keys("up", "ctrl+right", "ctrl+right"),
        *typed("!!"),
        *keys(*["backspace"] * 30),
    ]
    await assert_same_screens(config, steps)


async def test_scrolling_past_the_bottom_and_back() -> None:
    config = Config((40, 12), text="top\n" + "\n".join(f"row {n}" for n in range(30)))
    steps = [
        *keys(*["down"] * 25),
        *typed("edit near the end"),
        *keys(*["enter"] * 12),
        *typed("after the end 😀"),
        *keys("pageup", "pageup"),
        *typed("up here"),
        *keys("pagedown", "pagedown", "pagedown"),
        *keys(*["backspace"] * 20),
        *keys(*["up"] * 15),
    ]
    await assert_same_screens(config, steps)


async def test_resizing_rewraps_the_same_way() -> None:
    config = Config((60, 16), text=f"{PARAGRAPH}\nshort line\n{PARAGRAPH}")
    steps = [
        *keys("down", "down", "end"),
        *typed(" more"),
        Step("resize", (34, 12)),
        *typed(" and more"),
        *keys("up", "up"),
        Step("resize", (80, 24)),
        *typed("wide again"),
        Step("resize", (24, 10)),
        *keys("down", "down", "down"),
        *typed("tiny"),
    ]
    await assert_same_screens(config, steps)


async def test_selections_across_lines_and_matching_brackets() -> None:
    config = Config((40, 14), text="(open\nmiddle [x]\nclose)\n{a}\nplain")
    steps = [
        *keys("shift+down", "shift+down", "shift+right"),
        *keys("shift+up"),
        *typed("r"),
        *keys("ctrl+z", "ctrl+y", "ctrl+z"),
        *keys("home", "down", "end", "left"),
        *keys("right", "up", "down", "down", "down"),
        *keys("f6", "f7", "right"),
        *typed("("),
        *keys("left", "left"),
    ]
    await assert_same_screens(config, steps)


async def test_moving_off_a_wrapped_line_clears_its_highlight_on_every_row() -> None:
    config = Config((36, 14), text=f"short\n{PARAGRAPH}\nend")
    steps = keys("down", "right", *["down"] * 7, *["up"] * 3, "home", *["up"] * 5)
    await assert_same_screens(config, steps)


async def test_programmatic_edits_above_the_cursor() -> None:
    config = Config((40, 14), text="one\ntwo\nthree\nfour")
    steps = [
        *keys("down", "down", "end"),
        Step("insert", ("new first line\n", (0, 0))),
        *typed("!"),
        Step("insert", (PARAGRAPH, (1, 0))),
        *typed("?"),
        Step("insert", ("x", (0, 2))),
        Step("load", "replaced\nall of it"),
        *typed("typed"),
        Step("load", ""),
    ]
    await assert_same_screens(config, steps)


async def test_line_numbers_growing_a_digit() -> None:
    config = Config((40, 16), show_line_numbers=True, text="\n".join("abcdefgh"))
    steps = [*keys("ctrl+end", "end"), *keys(*["enter"] * 3), *typed("ten"), *keys(*["up"] * 4)]
    steps += keys(*["backspace"] * 6)
    await assert_same_screens(config, steps)


# -------------------------------------------------------------------- the point
async def measure_typing(editor_class: type[TextArea]) -> list[tuple[int, int]]:
    """Bytes and rows written for each of 20 characters typed mid-paragraph at 80×24."""
    app = EditorApp(editor_class, Config((80, 24), text=f"{PARAGRAPH}\n{PARAGRAPH}\nend"))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("down", "right", "right"):
            await apply(pilot, app, Step("key", key))
        app.updates.clear()
        for character in "keep going, slowly":
            await apply(pilot, app, Step("key", character))
        return list(app.updates)


async def test_typing_a_character_repaints_one_row_not_the_whole_editor() -> None:
    stock = await measure_typing(TextArea)
    frugal = await measure_typing(FrugalTextArea)
    # Typing mid-paragraph re-wraps the rest of that paragraph only when a word
    # crosses the edge; every other keystroke changes one row.
    one_row = [rows for _, rows in frugal if rows == 1]
    assert len(one_row) >= len(frugal) // 2
    assert sum(size for size, _ in frugal) * 5 < sum(size for size, _ in stock)
    assert min(rows for _, rows in stock) > 10


def test_the_switch_is_a_base_class() -> None:
    """The app's editor becomes frugal by inheriting; nothing else changes."""
    assert issubclass(FrugalTextArea, TextArea)
    assert FrugalTextArea.__init__ is TextArea.__init__
    make: Callable[..., TextArea] = FrugalTextArea
    assert make("x", soft_wrap=True, tab_behavior="focus").text == "x"
