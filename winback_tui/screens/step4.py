"""Step 4's screen: the shared step layout plus this step's tools."""

from __future__ import annotations

from winback_tui.screens.step import StepScreen


class Step4Screen(StepScreen):
    """Step 4."""
