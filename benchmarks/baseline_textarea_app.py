"""The keystroke benchmark's baseline: a header, a text area and a footer, nothing else.

With no option the text area is Textual's stock ``TextArea`` (what any Textual
editor app pays per keystroke); with ``--frugal`` it is winback's
:class:`~winback_tui.widgets.frugal_text_area.FrugalTextArea`, everything else the
same. Both soft-wrap, like winback's reflection editor. Run it with the Python of
the environment winback is installed in.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, TextArea

#: Text in the body that says the first frame is up.
MARKER = "Keystroke baseline ready"


class KeystrokeBaselineApp(App[None]):
    """Header, a focused soft-wrapping text area, Footer."""

    TITLE = "baseline"

    def __init__(self, editor_class: type[TextArea]) -> None:
        super().__init__()
        self.editor_class = editor_class

    def compose(self) -> ComposeResult:
        yield Header()
        yield self.editor_class(f"{MARKER}.\n", soft_wrap=True, tab_behavior="focus")
        yield Footer()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frugal", action="store_true", help="use FrugalTextArea")
    args = parser.parse_args()
    editor_class: type[TextArea] = TextArea
    if args.frugal:
        # Run as a script from anywhere: the repository root holds winback_tui.
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from winback_tui.widgets.frugal_text_area import FrugalTextArea

        editor_class = FrugalTextArea
    KeystrokeBaselineApp(editor_class).run()


if __name__ == "__main__":
    main()
