"""How far along each step is, and the one next thing to suggest.

A step's mark (:class:`StepProgress`) is made of parts, each a fraction of
its own work, and reads "not started", "in progress" or "done":

- Step 1: its reflections, at least one underlying issue marked, and the
  openness check taken.
- Step 2: its reflections, at least one active goal, and the goals' cadence
  kept over the last :data:`~winback_tui.domain.goals.RECENT_DAYS` days
  (:func:`~winback_tui.domain.goals.recent_keeping`: days or weeks kept of
  those owed).
- Step 3: its reflections, the readiness items met and a draft written. In
  no-contact mode (:class:`~winback_tui.domain.situation.Situation`) there is
  no readiness and no "ready": the parts are the moving-forward reflections
  and a letter written and never sent.
A step is "not started" while every part of the user's own work is empty
(readiness items and days without contact say where they stand, not what they
did, so alone they start nothing); "done" when every part is full.

- Step 4: its reflections, boundaries kept over the last
  :data:`RECENT_BOUNDARY_DAYS` days (ticks of the boundaries there were), and
  days without a contact the user started over the last 14 days
  (:func:`~winback_tui.domain.streaks.no_contact_counts`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from winback_tui.domain.boundaries import KeepingRate
from winback_tui.domain.goals import RECENT_DAYS as RECENT_KEEPING_DAYS
from winback_tui.domain.goals import CheckIn, Goal, GoalStatus, recent_keeping
from winback_tui.domain.readiness import RECENT_DAYS as READINESS_DAYS
from winback_tui.domain.readiness import Readiness
from winback_tui.domain.situation import Situation
from winback_tui.domain.streaks import NoContactCounts
from winback_tui.domain.words import plural

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
DONE = "done"


#: How far back Step 4's boundary keeping is read, in days (today included).
RECENT_BOUNDARY_DAYS = 7
#: How far back days without contact are read for Step 4's mark.
RECENT_CONTACT_DAYS = 14
#: How far back, in days before today, the marks read check-ins: Step 2's
#: recent keeping and Step 3's readiness look back two weeks (today and the 13
#: days before), and a week's tally may begin on the Monday up to six days
#: before that (a day to spare here). Older check-ins change no mark, so a
#: journal of years need not read them for the dashboard.
CHECKIN_LOOK_BACK_DAYS = max(RECENT_KEEPING_DAYS, READINESS_DAYS) + 6


@dataclass(frozen=True)
class Part:
    """One part of a step's work: ``done`` of ``total``, and a few plain words."""

    done: int
    total: int
    words: str
    #: False for a part that tells where the user stands rather than what they
    #: did (readiness, days without contact): alone it does not start a step.
    work: bool = True

    @property
    def fraction(self) -> float:
        """Between 0 and 1 (a part with nothing to do reads 0)."""
        return min(self.done, self.total) / self.total if self.total > 0 else 0.0


@dataclass(frozen=True)
class StepProgress:
    """Progress of one step as the dashboard shows it.

    Attributes:
        step, title: which step.
        done, total: its reflections answered, of its prompts.
        parts: every part of the step's work, reflections first; empty for a
            mark made of reflections only (:func:`step_progress`).
    """

    step: int
    title: str
    done: int
    total: int
    parts: tuple[Part, ...] = field(default=())

    def _parts(self) -> tuple[Part, ...]:
        return self.parts or (_reflections(self.done, self.total),)

    @property
    def fraction(self) -> float:
        """The step's level: the mean of its parts' fractions, 0 to 1."""
        parts = self._parts()
        return sum(p.fraction for p in parts) / len(parts)

    @property
    def status(self) -> str:
        """``not started``, ``in progress`` or ``done``."""
        parts = self._parts()
        if all(p.fraction == 0 for p in parts if p.work):
            return NOT_STARTED
        return DONE if all(p.fraction >= 1 for p in parts) else IN_PROGRESS

    @property
    def line(self) -> str:
        """One short plain line of what the mark is made of."""
        return " · ".join(p.words for p in self._parts())

    @property
    def next_part(self) -> Part | None:
        """The first part not yet full, or None."""
        return next((p for p in self._parts() if p.fraction < 1), None)


def _reflections(done: int, total: int, what: str = "reflections") -> Part:
    return Part(done, total, f"{done}/{total} {what}")


def step_progress(
    step: int, title: str, prompt_ids: Sequence[str], answered: Collection[str]
) -> StepProgress:
    """Count the step's prompts that have a non-empty answer (a mark of reflections only)."""
    done = sum(1 for prompt_id in prompt_ids if prompt_id in answered)
    return StepProgress(step, title, done, len(prompt_ids))


@dataclass(frozen=True)
class ProgressInputs:
    """What the four marks are made of, gathered from a journal.

    Attributes:
        titles: the four steps' titles.
        prompts: each step's prompt ids (Step 3's reconnect prompts).
        answered: prompt ids with a non-empty answer, per step.
        moving_forward_prompts: the letting-go prompts of Step 3.
        issues_marked: Step 1 issues marked as part of the breakup.
        openness_checked: the openness check was taken at least once.
        goals, checkins: Step 2's goals (any status) and check-ins (at
            least those of the last :data:`CHECKIN_LOOK_BACK_DAYS` days).
        situation: where the user stands (no-contact mode decides Step 3).
        readiness: Step 3's readiness check (ignored in no-contact mode, where
            it may be None).
        drafts_written: Step 3 drafts (letters) with some text.
        boundary_rates: each boundary's keeping over the recent days.
        recent_contact: days without contact over the recent days.
        today: the local day.
    """

    titles: tuple[str, str, str, str]
    prompts: tuple[tuple[str, ...], ...]
    answered: tuple[frozenset[str], ...]
    moving_forward_prompts: tuple[str, ...]
    issues_marked: int
    openness_checked: bool
    goals: tuple[Goal, ...]
    checkins: tuple[CheckIn, ...]
    situation: Situation
    readiness: Readiness | None
    drafts_written: int
    boundary_rates: tuple[KeepingRate, ...]
    recent_contact: NoContactCounts
    today: date


def _answered(prompts: Sequence[str], answered: Collection[str], what: str = "reflections") -> Part:
    return _reflections(sum(1 for p in prompts if p in answered), len(prompts), what)


def step_marks(facts: ProgressInputs) -> list[StepProgress]:
    """The four steps' marks, each made of its real work (see the module's rules)."""
    marks: list[StepProgress] = []
    # Step 1.
    own = _answered(facts.prompts[0], facts.answered[0])
    issues = Part(
        min(facts.issues_marked, 1), 1, plural(facts.issues_marked, "issue marked", "issues marked")
    )
    check = Part(
        int(facts.openness_checked),
        1,
        "openness checked" if facts.openness_checked else "openness not checked",
    )
    marks.append(StepProgress(1, facts.titles[0], own.done, own.total, (own, issues, check)))
    # Step 2.
    own = _answered(facts.prompts[1], facts.answered[1])
    active = [g for g in facts.goals if g.status is GoalStatus.ACTIVE]
    kept = owed = 0
    for goal in active:
        goal_kept, goal_owed = recent_keeping(goal, facts.checkins, facts.today)
        kept, owed = kept + goal_kept, owed + goal_owed
    goals = Part(min(len(active), 1), 1, plural(len(active), "active goal", "active goals"))
    # Nothing owed yet (a goal begun today) still asks for a first check-in.
    cadence = Part(kept, max(owed, 1), f"kept {kept}/{owed} lately" if owed else "no check-ins yet")
    marks.append(StepProgress(2, facts.titles[1], own.done, own.total, (own, goals, cadence)))
    # Step 3.
    letters = plural(facts.drafts_written, "letter never sent", "letters never sent")
    if facts.situation.no_contact:
        own = _answered(
            facts.moving_forward_prompts, facts.answered[2], "moving-forward reflections"
        )
        written = Part(min(facts.drafts_written, 1), 1, letters)
        parts: tuple[Part, ...] = (own, written)
    else:
        own = _answered(facts.prompts[2], facts.answered[2])
        items = facts.readiness.items if facts.readiness is not None else ()
        met = sum(1 for item in items if item.met)
        ready = Part(met, len(items), f"readiness {met}/{len(items)}", work=False)
        drafts = plural(facts.drafts_written, "draft", "drafts")
        parts = (own, ready, Part(min(facts.drafts_written, 1), 1, drafts))
    marks.append(StepProgress(3, facts.titles[2], own.done, own.total, parts))
    # Step 4.
    own = _answered(facts.prompts[3], facts.answered[3])
    ticks = sum(r.kept for r in facts.boundary_rates)
    possible = sum(r.days for r in facts.boundary_rates)
    kept_part = Part(ticks, possible, f"boundaries kept {ticks}/{possible}")
    # Days without contact: full after RECENT_CONTACT_DAYS whole days in a row.
    current = facts.recent_contact.current
    quiet = Part(
        min(current, RECENT_CONTACT_DAYS),
        RECENT_CONTACT_DAYS,
        f"{plural(current, 'day', 'days')} without contact",
        work=False,
    )
    marks.append(StepProgress(4, facts.titles[3], own.done, own.total, (own, kept_part, quiet)))
    return marks


def next_suggestion(steps: Sequence[StepProgress]) -> str:
    """Suggest one next thing: the first step that is not done yet, in order.

    The program is meant to be taken in order, so an unfinished earlier step
    comes before anything later, whatever the user did there.
    """
    for item in steps:
        if item.status == NOT_STARTED:
            return f"Start step {item.step}, {item.title}: press {item.step}."
        if item.status == IN_PROGRESS:
            if not item.parts:
                left = item.total - item.done
                left_words = plural(left, "reflection", "reflections")
                return f"Continue step {item.step}, {item.title}: {left_words} left."
            part = item.next_part
            detail = f" ({part.words})" if part is not None else ""
            return f"Continue step {item.step}, {item.title}{detail}."
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
