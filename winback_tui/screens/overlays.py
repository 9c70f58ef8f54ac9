"""Overlays: help (generated from the bindings), support, and the first welcome."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from winback_tui import program
from winback_tui.screens.base import WinbackModal

KeyRows = list[tuple[str, str]]

#: Keys that only exist on some keyboards (macOS command key): left out of help.
_UNPORTABLE = ("super+",)


#: How to move, in winback's words: Textual's own list and focus bindings
#: describe these in its words ("Focus Next", "Cursor up"), so help says it here.
MOVING: KeyRows = [
    ("↑ ↓  j k", "move in a list"),
    ("enter", "open or choose the selected item"),
    ("tab  shift+tab", "move to the next or previous part of the screen"),
    ("escape", "leave a text field or close this kind of window; nothing is lost"),
]


def winback_actions(node: object) -> set[tuple[str, str]]:
    """The (key, action) pairs that winback's own classes bind on ``node``.

    Textual adds bindings of its own (``ctrl+c`` copy, ``tab`` focus next, a
    list's cursor keys, the palette's "Keys" and "Screenshot"); help lists only
    winback's, in winback's words. A binding's id stands for it too (as
    ``("#id", "")``): the user's keymap may have moved it to another key.
    """
    pairs: set[tuple[str, str]] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("winback_tui"):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    pairs.add((key.strip(), binding.action))
                if binding.id:
                    pairs.add((f"#{binding.id}", ""))
    return pairs


def describe_bindings(app: App[object], screen: Screen[object]) -> dict[str, KeyRows]:
    """Group the live bindings of ``screen`` for the help overlay.

    Returns:
        Sections in display order: ``Everywhere`` (the app's keys), ``On this
        screen`` (the screen's own), ``In the focused field`` (the focused
        widget's) and ``Moving``. Only winback's own bindings are listed, and
        those without a description are internal and left out.
    """
    sections: dict[str, KeyRows] = {
        "Everywhere": [],
        "On this screen": [],
        "In the focused field": [],
    }
    seen: set[tuple[str, str]] = set()
    ours: dict[int, set[tuple[str, str]]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or key.startswith(_UNPORTABLE):
            continue
        node_pairs = ours.setdefault(id(active.node), winback_actions(active.node))
        if (binding.key, binding.action) not in node_pairs and (
            not binding.id or (f"#{binding.id}", "") not in node_pairs
        ):
            continue
        row = (binding.key_display or app.get_key_display(binding), binding.description)
        if row in seen:
            continue
        seen.add(row)
        if active.node is app:
            sections["Everywhere"].append(row)
        elif active.node is screen:
            sections["On this screen"].append(row)
        else:
            sections["In the focused field"].append(row)
    sections["Moving"] = list(MOVING)
    return sections


class HelpScreen(WinbackModal):
    """Every key of the screen underneath and the global keys (``?``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False, id="help.close"),
        Binding("question_mark", "close", "Close help", id="help.toggle"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        yield from self.compose_notice()
        with VerticalScroll(id="body", classes="dialog"):
            yield Static("Keys", classes="heading")
            yield Static(self._table(), id="keys")
            yield Static("escape or ? closes this help.", classes="meta")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in describe_bindings(self.app, self.under).items():
            if not rows:
                continue
            table.add_row(Text(title, style="underline"), "")
            for key, what in rows:
                table.add_row(key, what)
        return table

    def action_close(self) -> None:
        """Close the overlay."""
        self.dismiss(None)


class SupportScreen(WinbackModal):
    """Crisis and support contacts, offline (``s`` or the command palette)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="support.close"),
        Binding("s", "close", "Close", show=False, id="support.toggle"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_notice()
        with VerticalScroll(id="body", classes="dialog"):
            yield Static(program.SUPPORT_TITLE, classes="heading")
            yield Static(program.SUPPORT_TEXT, id="support-text")
            yield Static("escape closes this page.", classes="meta")

    def action_close(self) -> None:
        """Close the overlay."""
        self.dismiss(None)


class WelcomeScreen(WinbackModal):
    """Shown once, on the first start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Start", id="welcome.close"),
        Binding("enter", "close", "Start", id="welcome.start"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_notice()
        with VerticalScroll(id="body", classes="dialog"):
            yield Static("Welcome to winback", classes="heading")
            yield Static(program.WELCOME, id="welcome-text")
            yield Static("Press enter to begin.", classes="meta")

    def action_close(self) -> None:
        """Close the welcome."""
        self.dismiss(None)
