"""A one-row status text that repaints only itself, and only when it changes.

``Static.update`` asks for a layout pass, which also repaints neighbours (an
editor's scrollbar, for one); on a slow SSH link every keystroke would then
cost far more than the character typed. This widget has a fixed height of one
row, so a new text never changes the layout.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """A single line of plain text (no markup: user text is shown as typed)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._text = text

    @property
    def text(self) -> str:
        """What the line shows."""
        return self._text

    def set_text(self, text: str) -> None:
        """Show ``text``; repaints this one row only if it differs."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return Text(fitted(self._text, self.size.width), no_wrap=True, overflow="ellipsis")


#: How the parts of a status line are joined.
SEPARATOR = " · "


def fitted(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells at a part boundary, ending in "…" when cut.

    A status such as "3 words · saved · started … · edited …" loses whole parts
    from its end, so a narrow editor never shows half a date or a dangling "·".
    """
    if width <= 0 or cell_len(text) <= width:
        return text
    parts = text.split(SEPARATOR)
    while len(parts) > 1:
        parts.pop()
        shorter = SEPARATOR.join(parts) + " …"
        if cell_len(shorter) <= width:
            return shorter
    return text  # one part that does not fit: Rich ends it with "…"
