"""Step 2's confidence ratings: one a day, on the daily check-in's 1-5 scale."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from winback_tui.domain.goals.model import GoalError

__all__ = [
    "RATING_MAX",
    "RATING_MIN",
    "Rating",
    "latest_rating",
    "rate",
    "rating_on",
    "rating_problem",
    "trend",
]

RATING_MIN = 1
#: The one scale of the daily check-in (see domain.daily); it was 1-10 before schema 2.
RATING_MAX = 5


@dataclass(frozen=True)
class Rating:
    """The user's confidence on one day, 1-5 (at most one a day)."""

    day: date
    value: int


def rating_problem(value: int) -> str | None:
    """Why ``value`` is not a confidence rating, or None for 1-5."""
    if RATING_MIN <= value <= RATING_MAX:
        return None
    return f"Choose a number from {RATING_MIN} to {RATING_MAX}."


# ------------------------------------------------------------- confidence
def rate(ratings: Sequence[Rating], day: date, value: int) -> list[Rating]:
    """Record today's confidence; a second rating the same day replaces the first.

    Raises:
        GoalError: the value is outside 1-5.
    """
    problem = rating_problem(value)
    if problem:
        raise GoalError(problem)
    kept = [r for r in ratings if r.day != day]
    return sorted([*kept, Rating(day, value)], key=lambda r: r.day)


def rating_on(ratings: Iterable[Rating], day: date) -> Rating | None:
    """The rating given on ``day``, if any."""
    return next((r for r in ratings if r.day == day), None)


def latest_rating(ratings: Iterable[Rating], today: date) -> Rating | None:
    """The newest rating up to ``today`` (a future-dated one, from a moved clock, waits)."""
    past = [r for r in ratings if r.day <= today]
    return max(past, key=lambda r: r.day) if past else None


def trend(ratings: Iterable[Rating], limit: int = 30) -> list[int]:
    """The values of the last ``limit`` ratings, oldest first (all days kept)."""
    ordered = sorted(ratings, key=lambda r: r.day)
    return [r.value for r in ordered[-limit:]] if limit > 0 else []
