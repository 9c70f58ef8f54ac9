"""Step 2's goals: the five areas, a goal, its cadence, pauses and check-ins.

Also the status changes (pause, resume, archive, restore): goals are archived,
never deleted with their history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from winback_tui.domain.goals.dates import week_start
from winback_tui.domain.issues import Area

__all__ = [
    "AREAS",
    "DAILY",
    "AreaInfo",
    "Cadence",
    "CheckIn",
    "CheckState",
    "DayState",
    "Goal",
    "GoalError",
    "GoalStatus",
    "Pause",
    "archive",
    "area_info",
    "pause",
    "restore",
    "resume",
]


# -------------------------------------------------------------------- areas
@dataclass(frozen=True)
class AreaInfo:
    """How an area is named and introduced on the Step 2 screen."""

    area: Area
    title: str
    guidance: str


#: The five areas in the order the screen shows them.
AREAS: tuple[AreaInfo, ...] = (
    AreaInfo(
        Area.HEALTH,
        "Physical health",
        "Sleep, food and movement: the ground everything else stands on.",
    ),
    AreaInfo(
        Area.HOBBY,
        "A hobby",
        "Something you do just because you like it, for no one else.",
    ),
    AreaInfo(
        Area.SKILL,
        "A new skill",
        "Learn one thing of your own: a language, a craft, a tune.",
    ),
    AreaInfo(
        Area.COMMUNICATION,
        "Communication and feelings",
        "Practise naming what you feel, and saying it calmly.",
    ),
    AreaInfo(
        Area.SUPPORT,
        "Support",
        "A therapist, a counsellor, a group: asking for help is strength.",
    ),
)


def area_info(area: Area) -> AreaInfo:
    """The name and guidance of ``area``."""
    return next(info for info in AREAS if info.area is area)


# ------------------------------------------------------------------- models
class GoalStatus(StrEnum):
    """Where a goal stands. Goals are archived, never deleted with their history."""

    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"


class CheckState(StrEnum):
    """What the user recorded for one goal on one day."""

    DONE = "done"
    SKIPPED = "skipped"


class DayState(StrEnum):
    """How one day of a goal reads in the month grid."""

    DONE = "done"
    SKIPPED = "skipped"
    PAUSED = "paused"
    MISSED = "missed"
    OPEN = "open"  # today, nothing recorded yet
    FUTURE = "future"
    BEFORE = "before"  # before the goal began


@dataclass(frozen=True)
class Cadence:
    """How often a goal is meant to happen.

    Attributes:
        per_week: ``None`` for a daily goal, else the times a week (1-7).
    """

    per_week: int | None = None

    @property
    def daily(self) -> bool:
        """Whether the goal is meant for every day."""
        return self.per_week is None

    @property
    def label(self) -> str:
        """``daily`` or ``3× a week``."""
        if self.per_week is None:
            return "daily"
        return "once a week" if self.per_week == 1 else f"{self.per_week}× a week"


DAILY = Cadence()


@dataclass(frozen=True)
class Pause:
    """A stretch of days the user rested a goal; ``end`` is None while it lasts."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the pause (both ends included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Goal:
    """One self-improvement goal.

    Attributes:
        title: the user's words (1 to :data:`.validation.MAX_TITLE` characters).
        area: one of the five areas.
        cadence: daily or N times a week.
        created: the local day it was added.
        note: optional longer words.
        status: active, paused or archived.
        pauses: every pause, oldest first (days inside are neutral for streaks).
        source: the Step 1 issue id a suggestion came from, or ``""``.
        id: the journal's id (0 before it is stored).
    """

    title: str
    area: Area
    cadence: Cadence
    created: date
    note: str = ""
    status: GoalStatus = GoalStatus.ACTIVE
    pauses: tuple[Pause, ...] = ()
    source: str = ""
    id: int = 0

    def paused_on(self, day: date) -> bool:
        """Whether the goal was resting on ``day``."""
        return any(p.covers(day) for p in self.pauses)


@dataclass(frozen=True)
class CheckIn:
    """What happened with one goal on one day (at most one per goal and day).

    Attributes:
        goal_id: the goal's id.
        day: the local calendar day.
        state: done or skipped.
        reason: why a day was skipped (a skip with a reason keeps the streak).
        recorded: the local day it was recorded; None for a record kept
            before winback noted it, which counts as recorded on ``day``.
    """

    goal_id: int
    day: date
    state: CheckState
    reason: str = ""
    recorded: date | None = None

    @property
    def on_time(self) -> bool:
        """Recorded no later than the Sunday of its week: it counts for that week.

        See the module's rules: a later record is kept and shown, not counted.
        """
        recorded = self.recorded if self.recorded is not None else self.day
        return recorded <= week_start(self.day) + timedelta(days=6)

    @property
    def excused(self) -> bool:
        """A skip with a reason: neutral for streaks and targets."""
        return self.state is CheckState.SKIPPED and bool(self.reason.strip())


class GoalError(ValueError):
    """Input a goal cannot be made from; ``str(error)`` is the message to show."""


# ------------------------------------------------------------ status changes
def pause(goal: Goal, today: date) -> Goal:
    """Rest an active goal from today; its days stop counting against it."""
    if goal.status is not GoalStatus.ACTIVE:
        return goal
    return replace(goal, status=GoalStatus.PAUSED, pauses=(*goal.pauses, Pause(today)))


def resume(goal: Goal, today: date) -> Goal:
    """Take a paused goal up again; the pause ends yesterday, so today counts.

    A pause started today (or, after a clock moved backwards, later) is
    dropped instead of ending before it began.
    """
    if goal.status is not GoalStatus.PAUSED:
        return goal
    pauses = list(goal.pauses)
    if pauses and pauses[-1].end is None:
        last = pauses.pop()
        end = today - timedelta(days=1)
        if last.start <= end:
            pauses.append(Pause(last.start, end))
    return replace(goal, status=GoalStatus.ACTIVE, pauses=tuple(pauses))


def archive(goal: Goal) -> Goal:
    """Put a goal away; it and its history stay in the journal."""
    return replace(goal, status=GoalStatus.ARCHIVED)


def restore(goal: Goal) -> Goal:
    """Bring an archived goal back as active."""
    if goal.status is not GoalStatus.ARCHIVED:
        return goal
    return replace(goal, status=GoalStatus.ACTIVE)
