"""The baseline for screen-change benchmarks: a bare Textual app with stock widgets only.

The same moves as winback's tour (``benchmarks/screen_tour.py``) with nothing of
winback's: keys ``0``-``4``, ``w``, ``l`` and ``y`` switch between screens of a Header,
a stock ``TabbedContent`` of two panes of text (``f`` flips them) and a Footer;
``?`` and ``s`` push a stock ``ModalScreen`` (Textual's default, dimmed backdrop)
with a bordered box of text; ``escape`` closes it. ``--welcome`` opens such a
modal at start-up, as winback's first-run welcome does. What any Textual app
pays for the same screen changes, in the same terminal, on the same Python.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

#: Text on every screen; each screen's own title says which one it is.
TEXT = (
    "A few sentences of guidance stand here, about as long as a step's, so the "
    "screen holds about as much text as winback's do. They wrap over several rows "
    "at 80 columns and say nothing at all. "
) * 3

#: The screens, by key: the title shown at the top of each is ``Baseline NAME``.
SCREENS = {"0": "home", "1": "one", "2": "two", "3": "three", "4": "four"}
SCREENS.update({"w": "w", "l": "l", "y": "y"})


def title(name: str) -> str:
    """The marker on screen ``name``: a benchmark waits for it."""
    return f"Baseline {name}"


class Page(Screen[None]):
    """Header, two tabbed panes of text, Footer."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f", "flip", "Flip")]

    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.page = name

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            with TabPane("Tools", id="tools"), VerticalScroll():
                yield Static(title(self.page))
                yield Static(TEXT)
                yield Static("\n".join(f"item {n} of a list" for n in range(1, 8)))
            with TabPane("Reflections", id="reflections"), VerticalScroll():
                yield Static(f"{title(self.page)} reflections")
                yield Static(TEXT)
        yield Footer()

    def action_flip(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "reflections" if tabs.active == "tools" else "tools"


class Box(ModalScreen[None]):
    """A stock modal: Textual's dimmed backdrop, a bordered box of text."""

    DEFAULT_CSS = """
    Box { align: center middle; }
    Box > Vertical { width: 70; height: auto; border: double $accent; background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("enter", "dismiss", "Close", show=False),
    ]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading)
            yield Static(TEXT)
            yield Static("\n".join(f"key {n}   what it does" for n in range(1, 10)))


class BaselineScreensApp(App[None]):
    """Screens switched by key, two modals; nothing else."""

    TITLE = "baseline"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"page('{name}')", name) for key, name in SCREENS.items()),
        Binding("question_mark", "box('Baseline help')", "Help", key_display="?"),
        Binding("s", "box('Baseline support')", "Support"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, *, welcome: bool = False) -> None:
        super().__init__()
        self.welcome = welcome

    def on_mount(self) -> None:
        for name in SCREENS.values():
            self.install_screen(Page(name), name)
        self.push_screen("home")
        if self.welcome:
            self.push_screen(Box("Baseline welcome"))

    def action_page(self, name: str) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(name)

    def action_box(self, heading: str) -> None:
        self.push_screen(Box(heading))


if __name__ == "__main__":
    BaselineScreensApp(welcome="--welcome" in sys.argv).run()
