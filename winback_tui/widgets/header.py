"""The header every winback screen shows: where you are, in a font every terminal has."""

from __future__ import annotations

from textual.widgets import Header

#: Textual's default icon (U+2B58) is missing from common terminal fonts (DejaVu
#: Sans Mono shows a box); U+2261 is in every terminal font's basic set (WGL4).
HEADER_ICON = "≡"


def winback_header() -> Header:
    """The app's header: its icon, the screen's title (the step's name) and notices."""
    return Header(icon=HEADER_ICON)
