"""An OptionList that also moves with ``j`` / ``k`` while it has focus."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class KeyList(OptionList):
    """A list for keyboard users: arrows or ``j`` / ``k`` move, ``enter`` chooses.

    Its own ``j`` / ``k`` win over a screen's, so a step screen's prompt keys do
    not move the wrong list.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
