"""Step 2: self-improvement (the screen in :mod:`.screen`, its dialogs in :mod:`.forms`)."""

from winback_tui.screens.step2.forms import (
    DONE_MARK,
    OPEN_MARK,
    SKIPPED_MARK,
    CorrectDays,
    GoalDraft,
    GoalForm,
    MonthView,
)
from winback_tui.screens.step2.goals import GoalList, goal_label, goal_rows
from winback_tui.screens.step2.screen import DRAFT_SETTING, KEYS_HINT, Step2Screen

__all__ = [
    "DONE_MARK",
    "DRAFT_SETTING",
    "KEYS_HINT",
    "OPEN_MARK",
    "SKIPPED_MARK",
    "CorrectDays",
    "GoalDraft",
    "GoalForm",
    "GoalList",
    "MonthView",
    "Step2Screen",
    "goal_label",
    "goal_rows",
]
