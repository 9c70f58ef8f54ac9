"""Step 1's screen: the shared step layout plus this step's tools."""

from __future__ import annotations

from winback_tui.screens.step import StepScreen


class Step1Screen(StepScreen):
    """Step 1."""
