"""Run winback as it will be once ``ReflectionEditor`` inherits from ``FrugalTextArea``.

A preview for ``bench_keystrokes.py --preview``, until the one-line switch
(``class ReflectionEditor(FrugalTextArea)``) is made: the step screens are given
a subclass that puts ``FrugalTextArea`` between ``ReflectionEditor`` and
``TextArea`` in the method order, so everything else in the app is unchanged.
Takes the same arguments as ``winback``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from winback_tui.screens import step, step1
from winback_tui.widgets.frugal_text_area import FrugalTextArea
from winback_tui.widgets.reflection_editor import ReflectionEditor


class FrugalReflectionEditor(ReflectionEditor, FrugalTextArea):
    """ReflectionEditor, repainting only what changed."""


if __name__ == "__main__":
    # Both screens look the class up by name when they build the editor.
    setattr(step, "ReflectionEditor", FrugalReflectionEditor)  # noqa: B010
    setattr(step1, "ReflectionEditor", FrugalReflectionEditor)  # noqa: B010
    from winback_tui.cli import main

    sys.exit(main())
