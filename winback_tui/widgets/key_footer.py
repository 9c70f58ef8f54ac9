"""The footer: the keys that work here, drawn as one row by one widget."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

#: One key as shown: (key, what is shown for it, its label, enabled).
Shown = tuple[str, str, str, bool]

#: Actions shown first on every screen, whatever else the screen offers: the
#: urge log is what a person needs in the moment, wherever they are.
PINNED = frozenset({"urge", "app.urge"})


def shown_keys(screen: Screen[object]) -> tuple[list[Shown], Shown | None]:
    """The keys a footer on ``screen`` shows, and the command palette's key.

    Like Textual's footer: the bindings active on the screen and its focus
    chain that ask to be shown, one per action, in binding order; the
    :data:`PINNED` ones come first.
    """
    app = screen.app
    keys: list[Shown] = []
    actions: set[str] = set()
    palette: Shown | None = None
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        item = (binding.key, app.get_key_display(binding), binding.description, enabled)
        if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = item
        elif binding.show and binding.action not in actions:
            actions.add(binding.action)
            if binding.action in PINNED:
                keys.insert(0, item)
            else:
                keys.append(item)
    return keys, palette


class KeyFooter(Widget):
    """The keys that work on this screen, like Textual's ``Footer``, in one widget.

    Textual's footer builds a child widget per key and rebuilds them all
    whenever the screen's bindings are updated: three times before the first
    screen appears, and again on every focus move. Each rebuild costs about
    10 ms and repaints the row. This footer draws the same row itself and
    repaints it only when the keys shown really change. Clicking a key presses it.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[Shown] = []
        self._palette: Shown | None = None
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for clicks

    def on_mount(self) -> None:
        # Only listen here, as Textual's own footer does: the screen publishes
        # its bindings when it resumes (is shown), before its first frame. Reading
        # them now could fail, because they include actions such as
        # ``screen.copy_text`` whose namespace Textual resolves through
        # ``App.screen``, and a mode's first screen is composed before it is on
        # the stack: with the eager tasks that ``App.run`` turns on from Python
        # 3.12, this very method runs before the push.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        keys, palette = shown_keys(screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    @property
    def text(self) -> str:
        """The row as plain text (what a test or a screen reader would read)."""
        return self.render().plain

    def render(self) -> Text:
        """Draw each key as `` key label``, with the palette's key at the right end.

        Keys that do not fit whole are left out (``?`` lists them all); the
        palette's key always shows, as in Textual's footer.
        """
        key_style = self.get_component_rich_style("footer-key--key")
        label_style = self.get_component_rich_style("footer-key--description")
        tail = Text(end="")
        if self._palette is not None:
            _key, display, label, _enabled = self._palette
            tail = Text.assemble(
                ("▏", self.get_component_rich_style("footer-key--separator")),
                (f" {display} ", key_style),
                (f"{label} ", label_style),
            )
        room = self.size.width - len(tail)
        row = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        for key, display, label, enabled in self._keys:
            extra = Style() if enabled else Style(dim=True)
            item = Text.assemble(
                (f" {display} ", key_style + extra), (f"{label} ", label_style + extra)
            )
            if len(row) + len(item) > room:
                break
            spans.append((len(row), len(row) + len(item), key))
            row.append_text(item)
        if self._palette is not None and room >= 0:
            row.append(" " * (room - len(row)))
            spans.append((len(row), len(row) + len(tail), self._palette[0]))
            row.append_text(tail)
        self._spans = spans
        return row

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
