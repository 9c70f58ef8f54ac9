"""Step 4: be patient (the screen in :mod:`.screen`, its dialogs in :mod:`.dialogs`)."""

from winback_tui.screens.step4.dialogs import PacingForm, boundary_prompt, count_characters
from winback_tui.screens.step4.screen import HINT, BoundaryChecklist, Step4Screen

__all__ = [
    "HINT",
    "BoundaryChecklist",
    "PacingForm",
    "Step4Screen",
    "boundary_prompt",
    "count_characters",
]
