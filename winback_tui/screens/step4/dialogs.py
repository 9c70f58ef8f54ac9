"""Step 4's dialogs: writing a boundary and the pacing window.

Both are members of the shared family in :mod:`winback_tui.widgets.dialogs`;
deleting a boundary asks with the shared :class:`ConfirmDialog`.
"""

from __future__ import annotations

from collections.abc import Callable

from winback_tui.domain.boundaries import MAX_BOUNDARY_LENGTH, clean_text
from winback_tui.domain.pacing import MAX_MAX_UNANSWERED, MAX_WINDOW_DAYS, MIN_WINDOW_DAYS
from winback_tui.widgets.dialogs import Field, FormDialog, Outcome, PromptDialog, Values

SaveText = Callable[[str], str | None]


def count_characters(text: str) -> str:
    """The live line under a boundary: how much of the allowed length is used."""
    length = len(clean_text(text))
    over = " (too long to save)" if length > MAX_BOUNDARY_LENGTH else ""
    return f"{length:,}/{MAX_BOUNDARY_LENGTH} characters{over}"


def boundary_prompt(
    heading: str, text: str, save: SaveText, keep: SaveText, note: str = ""
) -> PromptDialog:
    """Write or edit one boundary. ``enter`` saves; ``escape`` closes and keeps the draft.

    Args:
        heading: the dialog's title.
        text: the text to start from (the stored text or a kept draft).
        save: called with the typed text; returns a message when it could not
            be saved (the dialog then stays open with the text), None when saved.
        keep: called with the typed text when the dialog closes unsaved.
        note: a line under the heading (e.g. that a draft was restored).
    """

    def keep_text(typed: str) -> None:
        keep(typed)

    return PromptDialog(
        heading,
        intro=note,
        label="Boundary",
        value=text,
        hint="Something you will do, or not do, in your own words.",
        placeholder="e.g. I wait for them to reach out first",
        submit=save,
        keep=keep_text,
        field_id="boundary-text",
        counter=count_characters,
        keys="enter saves · escape closes and keeps your draft",
    )


class PacingForm(FormDialog):
    """Set the pacing window and how many unanswered messages it allows."""

    def __init__(
        self,
        values: tuple[str, str],
        save: Callable[[str, str], Outcome],
        keep: Callable[[str, str], None],
    ) -> None:
        def submit(typed: Values) -> Outcome:
            return save(typed["window-days"], typed["max-unanswered"])

        def keep_values(typed: Values) -> None:
            keep(typed["window-days"], typed["max-unanswered"])

        super().__init__(
            "Pacing window",
            [
                Field(
                    "window-days",
                    "Days in the window",
                    values[0],
                    f"A whole number from {MIN_WINDOW_DAYS} to {MAX_WINDOW_DAYS}.",
                    kind="integer",
                ),
                Field(
                    "max-unanswered",
                    "Unanswered messages allowed",
                    values[1],
                    f"From 1 to {MAX_MAX_UNANSWERED}. One is the kindest.",
                    kind="integer",
                ),
            ],
            submit,
            keep_values,
            intro=(
                "How many days, and how many messages without a reply in that time, "
                "before you wait."
            ),
        )
