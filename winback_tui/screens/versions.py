"""Earlier versions of one answer: read them, and bring one back if a change was a slip."""

from __future__ import annotations

from collections.abc import Callable
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
    """Lists the versions of a reflection, newest first, and shows the chosen one.

    Args:
        title: the prompt's title.
        reflection: the answer, with its versions.
        restore: called with the text of the version to bring back (``r``);
            ``None`` when nothing can be saved (a read-only copy).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="versions.close"),
        Binding("v", "close", "Close", show=False, id="versions.toggle"),
        Binding("r", "restore", "Restore this version", id="versions.restore"),
    ]

    def __init__(
        self,
        title: str,
        reflection: Reflection,
        restore: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self._restore = restore
        # Newest first: the current text, then each kept version.
        self.entries: list[tuple[str, str]] = [
            (f"now, edited {reflection.edited_at.astimezone():%Y-%m-%d %H:%M}", reflection.text)
        ]
        for version in reversed(reflection.versions):
            stamp = version.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.entries.append((stamp, version.text))
        self._chosen = 0

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
            yield Static(self._hint(), classes="meta")

    def on_mount(self) -> None:
        versions = self.query_one("#version-list", OptionList)
        versions.highlighted = 0
        versions.focus()

    def _hint(self) -> str:
        if self._restore is None:
            return "Read-only copy. ↑/↓ choose a version · escape closes."
        return (
            "↑/↓ choose a version · r makes it the answer again (the current text is kept"
            " as a version) · escape closes."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer restore only where it can save, and only for an earlier version."""
        if action == "restore":
            if self._restore is None:
                return False
            return None if self._chosen == 0 else True
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is not None:
            self._chosen = int(event.option_id)
            text = self.entries[self._chosen][1]
            self.query_one("#version-text", TextArea).load_text(text)
            self.refresh_bindings()

    def action_restore(self) -> None:
        """Make the chosen earlier version the answer again (``r``)."""
        if self._restore is None or self._chosen == 0:
            return
        restore, text = self._restore, self.entries[self._chosen][1]
        self.dismiss(None)
        restore(text)

    def action_close(self) -> None:
        """Close the viewer."""
        self.dismiss(None)
