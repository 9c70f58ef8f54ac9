"""An OptionList that also moves with ``j`` / ``k`` while it has focus."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets._option_list import Option, OptionListContent

#: What a row may start with before its words: a tick box, a bullet, a number.
_MARK = re.compile(r"\s*(?:\[.\] |[*•·-] |\d+\.? +)?")


def _breaks(line: str, width: int) -> tuple[int, list[tuple[int, int]]]:
    """Where a line of text wraps at ``width`` cells: its hanging indent and row slices.

    Rows break after spaces (the spaces at a break are dropped) or, for a word
    longer than a row, inside the word. Every row after the first is indented by
    the width of what the line starts with before its words: a tick box, a bullet,
    a number or spaces, so the words stay in one column.
    """
    if width <= 0 or cell_len(line) <= width:
        return 0, [(0, len(line))]
    mark = _MARK.match(line)
    head = len(mark.group()) if mark else 0
    indent = cell_len(line[:head]) if cell_len(line[:head]) <= width // 2 else 0
    rows: list[tuple[int, int]] = []
    start, used, last_space = 0, 0, -1
    position = 0
    while position < len(line):
        char = line[position]
        room = width - (indent if rows else 0)
        size = cell_len(char)
        if char == " " and position >= head:
            last_space = position
        if used + size > room and position > start:
            if last_space > start:  # break after the last space in the row
                end, resume = last_space, last_space + 1
            else:  # one word longer than the row: cut it
                end, resume = position, position
            rows.append((start, end))
            while resume < len(line) and line[resume] == " ":
                resume += 1
            start, position, used, last_space = resume, resume, 0, -1
            continue
        used += size
        position += 1
    if start < len(line):
        rows.append((start, len(line)))
    return indent, rows


def hang(line: str, width: int) -> list[str]:
    """Wrap one line to ``width`` cells, its later rows indented under its first word."""
    indent, rows = _breaks(line, width)
    return [
        (" " * indent if number else "") + line[start:end].rstrip(" ")
        for number, (start, end) in enumerate(rows)
    ]


def hang_text(text: Text, width: int) -> Text:
    """Like :func:`hang` for every line of a styled text; the styles are kept."""
    out = Text(end="")
    for number, line in enumerate(text.split("\n", allow_blank=True)):
        if number:
            out.append("\n")
        indent, rows = _breaks(line.plain, width)
        for row, (start, end) in enumerate(rows):
            if row:
                out.append("\n" + " " * indent)
            piece = line[start:end]
            piece.rstrip()
            out.append_text(piece)
    return out


class HangingText(Visual):
    """Text that wraps with a hanging indent (see :func:`hang`), never markup."""

    def __init__(self, text: str | Text) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def _render(self, width: int) -> Text:
        return hang_text(self.text, width)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((cell_len(line) for line in self.text.plain.split("\n")), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._render(width).plain.split("\n"))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        content = Content.from_rich_text(self._render(width))
        return content.render_strips(width, height, style, options)


class HangingRows(OptionList):
    """An OptionList whose text rows wrap under their first word, not under the mark."""

    def _get_visual(self, option: Option) -> Visual:
        prompt = option.prompt
        if option._visual is None and (
            isinstance(prompt, str) or (isinstance(prompt, Text) and not prompt.no_wrap)
        ):
            # A one-row text (no_wrap, e.g. the timeline's ellipsed rows) keeps its own way.
            option._visual = HangingText(prompt)
        return super()._get_visual(option)


class KeyList(HangingRows):
    """A list for keyboard users: arrows or ``j`` / ``k`` move, ``enter`` chooses.

    Its own ``j`` / ``k`` win over a screen's, so a step screen's prompt keys do
    not move the wrong list. Prompts are plain text, never markup: rows hold the
    user's own words and marks such as ``[x]``, which markup would swallow.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    def __init__(
        self,
        *content: OptionListContent,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            *content, name=name, id=id, classes=classes, disabled=disabled, markup=False
        )
