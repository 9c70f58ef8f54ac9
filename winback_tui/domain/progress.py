"""How far along each step is, and the one next thing to suggest."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from winback_tui.domain.words import plural

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
            left_words = plural(left, "reflection", "reflections")
            return f"Continue step {item.step}, {item.title}: {left_words} left."
    return "Every step has its reflections. Keep writing and keep looking after yourself."


@dataclass(frozen=True)
class DashboardFacts:
    """What the dashboard knows beyond reflections, gathered from every step.

    Attributes:
        steps: progress of the four steps' reflections.
        openness_checked: whether the Step 1 openness check was ever taken.
        moving_forward: the other person is not open (Step 1) or asked for space
            or no contact (Step 3): the app turns toward letting go.
        pacing_crossed: outreach crossed the user's boundary, or they asked for
            space or no contact (Step 4's pacing guard).
        pacing_message: the guard's own words, shown with the warning.
        open_checkins: Step 2 goals still to check in today.
        no_contact: no-contact mode holds (``Situation.no_contact``): the
            notice says so plainly and names no date.
        no_contact_reason: ``Situation.reason``, shown in that notice.
    """

    steps: Sequence[StepProgress]
    openness_checked: bool = False
    moving_forward: bool = False
    pacing_crossed: bool = False
    pacing_message: str = ""
    open_checkins: int = 0
    no_contact: bool = False
    no_contact_reason: str = ""


MOVING_FORWARD_NOTE = (
    "They are not open to contact right now. The caring choice is to let them be "
    "and turn toward your own life: step 3 holds reflections for letting go, and "
    "step 2 keeps your growth going."
)


NO_CONTACT_NOTE = (
    "For now the answer is no contact, and there is no date to try again. "
    "Step 2 is where your own life grows meanwhile."
)


def dashboard_notice(facts: DashboardFacts) -> str | None:
    """The one notice the dashboard puts above everything, if any.

    No-contact mode comes first, in words with no date or countdown (the
    situation's reason, then the plain answer). Then a crossed boundary, in the
    guard's own words: it is about what the user might do next. Otherwise the
    turn toward letting go, said kindly.
    """
    if facts.no_contact:
        reason = facts.no_contact_reason or MOVING_FORWARD_NOTE
        return f"{reason} {NO_CONTACT_NOTE}"
    if facts.pacing_crossed and facts.pacing_message:
        return facts.pacing_message
    if facts.moving_forward:
        return MOVING_FORWARD_NOTE
    return None


def dashboard_suggestion(facts: DashboardFacts) -> str:
    """The one next thing the dashboard suggests.

    Order of care: respect a boundary first; then finish understanding what
    happened (Step 1, including the openness check); then today's self-work; then
    the steps in order.
    """
    step1 = facts.steps[0] if facts.steps else None
    if facts.no_contact or facts.pacing_crossed or facts.moving_forward:
        if facts.open_checkins:
            waiting = plural(facts.open_checkins, "check-in", "check-ins")
            return f"Look after yourself: {waiting} waiting in step 2."
        return "Look after yourself today: step 2 is where your own growth lives."
    if step1 is not None and step1.status != DONE:
        return next_suggestion([step1])
    if not facts.openness_checked:
        return "Take the honest check in step 1 (press 1, then o): are they open to contact?"
    if facts.open_checkins:
        goals = plural(facts.open_checkins, "goal", "goals")
        return f"Check in on {goals} in step 2 today."
    return next_suggestion(facts.steps)
