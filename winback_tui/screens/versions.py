"""Earlier versions of one answer, read-only, so the user can see how their view changed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from winback_tui.domain.reflections import Reflection, word_count
from winback_tui.screens.base import WinbackModal
from winback_tui.widgets.key_list import KeyList


def _label(moment_text: str, words: int) -> str:
    return f"{moment_text}  ({words} words)"


class VersionsScreen(WinbackModal):
    """Lists the versions of a reflection, newest first; the text shows read-only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("v", "close", "Close", show=False),
    ]

    def __init__(self, title: str, reflection: Reflection) -> None:
        super().__init__()
        self.title_text = title
        # Newest first: the current text, then each kept version.
        self.entries: list[tuple[str, str]] = [
            (f"now, edited {reflection.edited_at.astimezone():%Y-%m-%d %H:%M}", reflection.text)
        ]
        for version in reversed(reflection.versions):
            stamp = version.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.entries.append((stamp, version.text))

    def compose(self) -> ComposeResult:
        yield from self.compose_notice()
        with Vertical(id="body", classes="dialog versions"):
            yield Static(f"Earlier versions · {self.title_text}", classes="heading", markup=False)
            with Horizontal():
                yield KeyList(
                    *[
                        Option(_label(stamp, word_count(text)), id=str(index))
                        for index, (stamp, text) in enumerate(self.entries)
                    ],
                    id="version-list",
                )
                yield TextArea(
                    self.entries[0][1],
                    read_only=True,
                    soft_wrap=True,
                    id="version-text",
                )
            yield Static("Read-only. ↑/↓ choose a version · escape closes.", classes="meta")

    def on_mount(self) -> None:
        versions = self.query_one("#version-list", OptionList)
        versions.highlighted = 0
        versions.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is not None:
            text = self.entries[int(event.option_id)][1]
            self.query_one("#version-text", TextArea).load_text(text)

    def action_close(self) -> None:
        """Close the viewer."""
        self.dismiss(None)
