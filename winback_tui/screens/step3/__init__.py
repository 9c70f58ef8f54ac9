"""Step 3: reconnect or move forward (the screen in :mod:`.screen`, dialogs in :mod:`.forms`)."""

from winback_tui.screens.step3.base import (
    COOLING_OFF_SETTING,
    TONE_DELAY,
    TONE_INLINE_LIMIT,
)
from winback_tui.screens.step3.forms import (
    ContactForm,
    confirm_ready,
    draft_title_prompt,
    pause_prompt,
)
from winback_tui.screens.step3.screen import Step3Screen

__all__ = [
    "COOLING_OFF_SETTING",
    "TONE_DELAY",
    "TONE_INLINE_LIMIT",
    "ContactForm",
    "Step3Screen",
    "confirm_ready",
    "draft_title_prompt",
    "pause_prompt",
]
