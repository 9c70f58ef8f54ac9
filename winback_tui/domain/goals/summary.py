"""What the dashboard shows of Step 2, in one line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from winback_tui.domain.goals.confidence import RATING_MAX, Rating, latest_rating
from winback_tui.domain.goals.model import CheckIn, Goal, GoalStatus
from winback_tui.domain.goals.streaks import current_streak
from winback_tui.domain.goals.week import is_open_today
from winback_tui.domain.words import plural

__all__ = [
    "Step2Summary",
    "summarise",
]


@dataclass(frozen=True)
class Step2Summary:
    """What the dashboard shows of Step 2.

    Attributes:
        active_goals: how many goals are active.
        open_today: titles of the goals still open today.
        best_current_streak: the longest current streak among active goals.
        best_streak_goal: the title of that goal (``""`` when none).
        best_streak_unit: ``day`` or ``week``.
        latest_confidence: the newest confidence rating, or None.
    """

    active_goals: int
    open_today: tuple[str, ...]
    best_current_streak: int
    best_streak_goal: str
    best_streak_unit: str
    latest_confidence: int | None

    def line(self) -> str:
        """One line for the dashboard."""
        if self.active_goals == 0:
            return "No goals yet: press 2 to choose a first small one."
        parts = [plural(self.active_goals, "active goal", "active goals")]
        if self.open_today:
            parts.append(f"{len(self.open_today)} to check in today")
        else:
            parts.append("all checked in today")
        if self.best_current_streak:
            unit = self.best_streak_unit
            parts.append(f"best streak {plural(self.best_current_streak, unit, unit + 's')}")
        if self.latest_confidence is not None:
            parts.append(f"confidence {self.latest_confidence}/{RATING_MAX}")
        return " · ".join(parts)


def summarise(
    goals: Sequence[Goal], checkins: Sequence[CheckIn], ratings: Sequence[Rating], today: date
) -> Step2Summary:
    """Build the dashboard's summary of Step 2 from the stored data."""
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    # Grouped once: each goal's rules below then scan only its own check-ins,
    # not the whole journal's, twice per goal.
    own: dict[int, list[CheckIn]] = {g.id: [] for g in active}
    for checkin in checkins:
        if checkin.goal_id in own:
            own[checkin.goal_id].append(checkin)
    best, best_title, best_unit = 0, "", "day"
    for goal in active:
        current = current_streak(goal, own[goal.id], today)
        if current > best:
            best, best_title = current, goal.title
            best_unit = "day" if goal.cadence.daily else "week"
    latest = latest_rating(ratings, today)
    return Step2Summary(
        active_goals=len(active),
        open_today=tuple(g.title for g in active if is_open_today(g, own[g.id], today)),
        best_current_streak=best,
        best_streak_goal=best_title,
        best_streak_unit=best_unit,
        latest_confidence=latest.value if latest else None,
    )
