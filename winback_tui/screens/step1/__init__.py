"""Step 1: assess the situation (the screen in :mod:`.screen`, its dialogs in :mod:`.dialogs`)."""

from winback_tui.screens.step1.dialogs import (
    NoteScreen,
    OpennessScreen,
    confirm_remove,
    title_prompt,
)
from winback_tui.screens.step1.screen import (
    NOT_CHECKED,
    IssuesChecklist,
    Step1Screen,
    issue_item,
    note_preview,
    openness_summary,
)

__all__ = [
    "NOT_CHECKED",
    "IssuesChecklist",
    "NoteScreen",
    "OpennessScreen",
    "Step1Screen",
    "confirm_remove",
    "issue_item",
    "note_preview",
    "openness_summary",
    "title_prompt",
]
