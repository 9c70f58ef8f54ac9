"""Saving every open editor: on quit, save now, a lock, a hang-up (from any thread).

Editors live in a module that loads with the first screen that has one: if it
was never loaded there is no editor, and nothing to save. Nothing here imports
Textual.
"""

from __future__ import annotations

import sys


def flush_editors() -> list[str]:
    """Save every open editor's pending text and wait; return the errors.

    Editors live in a module that loads with the first screen that has one:
    if it was never loaded there is no editor, and nothing to save.
    """
    module = sys.modules.get("winback_tui.widgets.reflection_editor")
    if module is None:
        return []
    errors: list[str] = module.flush_all_editors()
    return errors


def save_editors_from_any_thread(timeout: float) -> list[str]:
    """Like :func:`flush_editors`, from a thread other than the UI's (the exit guard)."""
    module = sys.modules.get("winback_tui.widgets.reflection_editor")
    if module is None:
        return []
    errors: list[str] = module.save_from_any_thread(timeout)
    return errors
