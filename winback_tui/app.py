"""The Textual application."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from winback_tui.store import Journal


class WinbackApp(App[int]):
    """winback's full-screen app."""

    TITLE = "winback"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Welcome to winback.", id="welcome")
        yield Footer()


def run_app(journal: Journal) -> int:
    """Run the app on an open journal; return the exit status."""
    result = WinbackApp(journal).run()
    return result or 0
