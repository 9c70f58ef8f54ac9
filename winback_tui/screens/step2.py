"""Step 2's screen: the shared step layout plus this step's tools."""

from __future__ import annotations

from winback_tui.screens.step import StepScreen


class Step2Screen(StepScreen):
    """Step 2."""
