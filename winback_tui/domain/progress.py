"""How far along each step is, and the one next thing to suggest."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
DONE = "done"


@dataclass(frozen=True)
class StepProgress:
    """Progress of one step as the dashboard shows it."""

    step: int
    title: str
    done: int
    total: int

    @property
    def status(self) -> str:
        """``not started``, ``in progress`` or ``done``."""
        if self.done == 0:
            return NOT_STARTED
        return DONE if self.done >= self.total else IN_PROGRESS


def step_progress(
    step: int, title: str, prompt_ids: Sequence[str], answered: Collection[str]
) -> StepProgress:
    """Count the step's prompts that have a non-empty answer."""
    done = sum(1 for prompt_id in prompt_ids if prompt_id in answered)
    return StepProgress(step, title, done, len(prompt_ids))


def next_suggestion(steps: Sequence[StepProgress]) -> str:
    """Suggest one next thing: the first step that is not done yet, in order.

    The program is meant to be taken in order, so an unfinished earlier step
    comes before anything later, whatever the user did there.
    """
    for item in steps:
        if item.status == NOT_STARTED:
            return f"Start step {item.step}, {item.title}: press {item.step}."
        if item.status == IN_PROGRESS:
            left = item.total - item.done
            noun = "reflection" if left == 1 else "reflections"
            return f"Continue step {item.step}, {item.title}: {left} {noun} left."
    return "Every step has its reflections. Keep writing and keep looking after yourself."
