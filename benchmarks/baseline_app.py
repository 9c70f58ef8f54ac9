"""The baseline for start-up benchmarks: a minimal Textual app with a stock TextArea.

A Header, a Footer and a ``TextArea`` and nothing else: what any Textual editor
app pays before it does anything of its own. Run it with the same Python as the
app being measured; it is visible when :data:`MARKER` is on screen.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, TextArea

#: Text in the body that says the first frame is up.
MARKER = "Baseline editor ready"


class BaselineApp(App[None]):
    """Header, TextArea, Footer."""

    TITLE = "baseline"

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(f"{MARKER}.\n")
        yield Footer()


if __name__ == "__main__":
    BaselineApp().run()
