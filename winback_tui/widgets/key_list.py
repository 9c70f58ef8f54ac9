"""An OptionList that also moves with ``j`` / ``k`` while it has focus."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets._option_list import OptionListContent


class KeyList(OptionList):
    """A list for keyboard users: arrows or ``j`` / ``k`` move, ``enter`` chooses.

    Its own ``j`` / ``k`` win over a screen's, so a step screen's prompt keys do
    not move the wrong list. Prompts are plain text, never markup: rows hold the
    user's own words and marks such as ``[x]``, which markup would swallow.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
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
