"""A keyboard checklist whose ticked state is a character, not only a colour.

Textual's stock ``SelectionList`` shows the ticked state by colour alone, which
vanishes under ``NO_COLOR`` and on monochrome terminals; here every item reads
``[x]`` or ``[ ]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.option_list import Option

from winback_tui.widgets.key_list import HangingRows

TICKED = "[x]"
UNTICKED = "[ ]"


@dataclass(frozen=True)
class CheckItem:
    """One row: a stable id, the label, whether it is ticked, and an optional note."""

    id: str
    label: str
    checked: bool = False
    note: str = ""


class Checklist(HangingRows):
    """A list of items toggled with ``space`` or ``enter``; ``j``/``k`` move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_item", "Tick / untick", id="checklist.toggle"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    class Toggled(Message):
        """An item was ticked or unticked by the user."""

        def __init__(self, checklist: Checklist, item: CheckItem) -> None:
            super().__init__()
            self.checklist = checklist
            self.item = item

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(self, items: Iterable[CheckItem] = (), *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._items: list[CheckItem] = []
        self.set_items(items)

    @property
    def items(self) -> list[CheckItem]:
        """The items as shown, in order."""
        return list(self._items)

    @staticmethod
    def render_item(item: CheckItem) -> Text:
        """The row text: the tick as a character, the label, and the note if any."""
        text = Text(f"{TICKED if item.checked else UNTICKED} ")
        text.append(item.label, style="bold" if item.checked else "")
        if item.note:
            text.append(f"\n    {item.note}", style="italic")
        return text

    def set_items(self, items: Iterable[CheckItem]) -> None:
        """Replace every item, keeping the cursor where it was when possible."""
        highlighted = self.highlighted
        self._items = list(items)
        self.clear_options()
        self.add_options([Option(self.render_item(i), id=i.id) for i in self._items])
        if self._items:
            self.highlighted = min(highlighted or 0, len(self._items) - 1)

    def replace_item(self, item: CheckItem) -> None:
        """Redraw one item after a change."""
        for index, existing in enumerate(self._items):
            if existing.id == item.id:
                self._items[index] = item
                self.replace_option_prompt(item.id, self.render_item(item))
                return

    @property
    def current(self) -> CheckItem | None:
        """The highlighted item."""
        if self.highlighted is None or not self._items:
            return None
        return self._items[self.highlighted]

    def action_toggle_item(self) -> None:
        """Tick or untick the highlighted item."""
        item = self.current
        if item is None:
            return
        updated = CheckItem(item.id, item.label, not item.checked, item.note)
        self.replace_item(updated)
        self.post_message(self.Toggled(self, updated))

    def action_select(self) -> None:
        """``enter`` toggles too (screens see only :class:`Toggled`)."""
        self.action_toggle_item()
