"""Step 3's dialogs: a draft's title, the pause, today's mindset, logging a contact, marking ready.

All of them are members of the shared family in :mod:`winback_tui.widgets.dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from winback_tui.domain.contacts import Channel, Initiator, Response
from winback_tui.domain.reconnect import TIME_FORMAT
from winback_tui.domain.tone import Finding, harmful
from winback_tui.domain.words import plural
from winback_tui.widgets.dialogs import (
    ConfirmDialog,
    Field,
    FormDialog,
    Outcome,
    PromptDialog,
    Values,
)
from winback_tui.widgets.tone_findings import quote

CHANNELS = {Channel.MESSAGE: "a message", Channel.CALL: "a call", Channel.IN_PERSON: "in person"}
INITIATORS = {Initiator.ME: "I did", Initiator.THEM: "they did"}

#: The three mindset ratings, in the order the form asks them.


def draft_title_prompt(
    title: str, submit: Callable[[str], str | None], keep: Callable[[str], None]
) -> PromptDialog:
    """Name a draft (a new one, or rename one)."""
    return PromptDialog(
        "Draft title",
        label="Title",
        value=title,
        hint="A name only you will see.",
        placeholder="Draft title",
        max_length=200,
        submit=submit,
        keep=keep,
        field_id="title",
    )


def pause_prompt(
    minutes: str, submit: Callable[[str], str | None], keep: Callable[[str], None]
) -> PromptDialog:
    """Set the cooling-off pause, in minutes."""
    return PromptDialog(
        "Pause before ready",
        intro="How long a draft rests after its last edit before it can be marked ready.",
        label="Minutes",
        value=minutes,
        hint="From 1 to 1440 (a whole day).",
        placeholder="minutes",
        max_length=6,
        submit=submit,
        keep=keep,
        field_id="minutes",
    )


class ContactForm(FormDialog):
    """Log a contact that happened."""

    def __init__(
        self,
        values: dict[str, object],
        submit: Callable[[Values], Outcome],
        keep: Callable[[Values], None],
    ) -> None:
        v = values
        super().__init__(
            "Log a contact",
            [
                Field(
                    "when",
                    "When",
                    str(v.get("when", "")),
                    "Date and time as YYYY-MM-DD HH:MM, e.g. 2026-03-12 09:30",
                    max_length=40,
                ),
                Field(
                    "how",
                    "How",
                    str(v.get("how", Channel.MESSAGE.value)),
                    kind="select",
                    choices=tuple((label, c.value) for c, label in CHANNELS.items()),
                ),
                Field(
                    "who",
                    "Who started it",
                    str(v.get("who", Initiator.ME.value)),
                    kind="select",
                    choices=tuple((label, i.value) for i, label in INITIATORS.items()),
                ),
                Field(
                    "response",
                    "Their response",
                    str(v.get("response", Response.NEUTRAL.value)),
                    kind="select",
                    choices=tuple((r.value, r.value) for r in Response),
                ),
                Field("went", "How it went", str(v.get("went", "")), max_length=2000),
                Field("learned", "What I learned", str(v.get("learned", "")), max_length=2000),
            ],
            submit,
            keep,
            intro="For contact that already happened. Nothing is sent.",
            enter="next",
        )

    def snapshot(self) -> dict[str, object]:
        """Every field's current value (to keep on escape)."""
        return dict(self.values())


def confirm_ready(
    title: str, text: str, findings: list[Finding], on_yes: Callable[[], None]
) -> ConfirmDialog:
    """Ask the user to confirm they read the tone findings before marking a draft ready."""
    hurts = harmful(findings)
    body = Text()
    if hurts:
        body.append(
            f"The tone check found {plural(len(hurts), 'phrase', 'phrases')} that may hurt:\n"
        )
        for finding in hurts[:5]:
            body.append(f"! {quote(text, finding)} {finding.kind.value}\n")
        if len(hurts) > 5:
            body.append(f"  …and {len(hurts) - 5} more\n")
    else:
        body.append("The tone check found nothing that reads as blame or pressure.\n")
    body.append(
        "\nMarking it ready only notes that you paused and reread it. winback never "
        "sends it, and their answer, or silence, is theirs to give."
    )
    return ConfirmDialog(
        f"Mark “{title}” ready?",
        body,
        on_yes,
        yes="I have read the tone findings",
        no="not yet",
    )


__all__ = [
    "CHANNELS",
    "INITIATORS",
    "TIME_FORMAT",
    "ContactForm",
    "confirm_ready",
    "draft_title_prompt",
    "pause_prompt",
]
