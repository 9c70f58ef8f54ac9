"""What the user typed for a goal or a check-in, tidied or refused with a message.

A check-in can be recorded or changed only inside the correction window.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from winback_tui.domain.goals.model import DAILY, Cadence, CheckIn, CheckState, Goal, GoalError
from winback_tui.domain.issues import Area

__all__ = [
    "CORRECTION_DAYS",
    "MAX_NOTE",
    "MAX_REASON",
    "MAX_TITLE",
    "can_correct",
    "clean_text",
    "correctable_days",
    "correction_problem",
    "new_goal",
    "note_problem",
    "parse_cadence",
    "per_week_problem",
    "reason_problem",
    "title_problem",
    "validate_checkin",
]

#: The longest goal title. A goal row must stay readable in the list at 80
#: columns (about 60 characters of title fit) and on the dashboard; 120 leaves
#: room for a specific goal ("Walk for twenty minutes after dinner, phone left
#: at home") while anything longer is a description, which belongs in the note.
MAX_TITLE = 120

#: The longest note: a few sentences, enough for a why or a plan.
MAX_NOTE = 1000

#: The longest reason for a skipped day ("ill", "travelling to see my sister").
MAX_REASON = 200

#: How many days, today included, a check-in can still be corrected.
CORRECTION_DAYS = 7


# --------------------------------------------------------------- validation
def clean_text(text: str) -> str:
    """One line, spaces collapsed: how titles and reasons are kept."""
    return " ".join(text.split())


def title_problem(title: str) -> str | None:
    """Why ``title`` cannot be a goal title, or None when it is fine."""
    tidy = clean_text(title)
    if not tidy:
        return "A goal needs a title: a few words are enough."
    if len(tidy) > MAX_TITLE:
        return (
            f"Titles keep to {MAX_TITLE} characters so they stay readable in the list; "
            f"this one has {len(tidy)}. Shorten it and put the rest in the note."
        )
    return None


def note_problem(note: str) -> str | None:
    """Why ``note`` is too long, or None."""
    if len(note.strip()) > MAX_NOTE:
        return f"Notes keep to {MAX_NOTE} characters; this one has {len(note.strip())}."
    return None


def per_week_problem(times: int) -> str | None:
    """Why ``times`` a week is not a cadence, or None for 1-7."""
    if 1 <= times <= 7:
        return None
    return f"Choose between 1 and 7 times a week ({times} is outside that), or 'daily'."


def parse_cadence(text: str) -> Cadence:
    """Read what the user typed: ``daily`` (or empty, or ``d``), or a number 1-7.

    ``3``, ``3x`` and ``3 a week`` all mean three times a week.

    Raises:
        GoalError: with the message to show.
    """
    tidy = clean_text(text).casefold()
    if tidy in ("", "d", "daily", "every day", "everyday"):
        return DAILY
    digits = ""
    for char in tidy:
        if char.isascii() and char.isdigit():
            digits += char
        else:
            break
    rest = tidy[len(digits) :].strip()
    if not digits or rest not in ("", "x", "×", "times", "a week", "x a week", "times a week"):
        raise GoalError("Type 'daily', or how many times a week: a number from 1 to 7.")
    times = int(digits)
    problem = per_week_problem(times)
    if problem:
        raise GoalError(problem)
    return Cadence(times)


def reason_problem(reason: str) -> str | None:
    """Why a skip reason cannot be kept, or None."""
    tidy = clean_text(reason)
    if not tidy:
        return "Add a word or two about why (ill, travelling, a rest day)."
    if len(tidy) > MAX_REASON:
        return f"Keep the reason to {MAX_REASON} characters; this one has {len(tidy)}."
    return None


def new_goal(
    title: str, area: Area, cadence: Cadence, created: date, note: str = "", source: str = ""
) -> Goal:
    """Make a goal from the user's input, tidied.

    Raises:
        GoalError: with the first problem found.
    """
    problem = title_problem(title) or note_problem(note)
    if cadence.per_week is not None:
        problem = problem or per_week_problem(cadence.per_week)
    if problem:
        raise GoalError(problem)
    return Goal(clean_text(title), area, cadence, created, note.strip(), source=source)


def correctable_days(today: date) -> list[date]:
    """The days a check-in can still be changed: the last week, newest first."""
    return [today - timedelta(days=n) for n in range(CORRECTION_DAYS)]


def can_correct(day: date, today: date) -> bool:
    """Whether ``day`` is inside the correction window."""
    return today - timedelta(days=CORRECTION_DAYS - 1) <= day <= today


# ------------------------------------------------------------- check-ins
def correction_problem(day: date, today: date) -> str | None:
    """Why ``day`` can no longer be changed, or None inside the window."""
    if can_correct(day, today):
        return None
    if day > today:
        return "That day has not come yet, so it cannot be recorded."
    return f"Only the last {CORRECTION_DAYS} days can be changed, so that day stays as it is."


def validate_checkin(item: CheckIn, today: date) -> CheckIn:
    """Check a new check-in and return it tidied.

    Raises:
        GoalError: the day is outside the correction window, or a skip has no
            usable reason.
    """
    problem = correction_problem(item.day, today)
    if item.state is CheckState.SKIPPED:
        problem = problem or reason_problem(item.reason)
    if problem:
        raise GoalError(problem)
    return replace(item, reason=clean_text(item.reason))
