"""The notice shown instead of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 20


def too_small(width: int, height: int) -> bool:
    """Whether a terminal of this size is below what every screen needs."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


def notice_text(width: int, height: int) -> str:
    """The words of the notice for a terminal of this size."""
    return (
        f"terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {width}×{height}\n"
        "Make the window larger; nothing is lost meanwhile. q saves and quits."
    )


class TooSmallNotice(Static):
    """Fills the screen while the terminal is below the minimum size."""

    DEFAULT_CSS = """
    TooSmallNotice {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    def show_for(self, width: int, height: int) -> None:
        """Update the notice to name the current size."""
        self.update(notice_text(width, height))
