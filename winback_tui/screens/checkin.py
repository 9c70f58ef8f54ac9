"""The daily check-in: one dialog, one 1-5 scale per quantity, asked from every screen that rates.

The journal's ``m``, Step 2's ``r`` and Step 3's ``m`` all open this dialog, so
a person rates their mood, confidence and calm one way, in one place, and
readiness, the charts and the dashboard read the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from winback_tui.domain.daily import (
    QUANTITIES,
    SCALE_MAX,
    SCALE_MIN,
    WORDS,
    CheckInError,
    parse_rating,
)
from winback_tui.store import Journal, JournalError
from winback_tui.store.daily import DailyRepo
from winback_tui.widgets.dialogs import Field, FormDialog, Problem, Values

INTRO = "Honest numbers help more than hopeful ones. Leave one empty to skip it."
SCALE_HINT = " · ".join(f"{n} {WORDS[n]}" for n in range(SCALE_MIN, SCALE_MAX + 1))


def checkin_form(
    journal: Journal,
    day: date,
    on_saved: Callable[[], None],
    *,
    drafts: dict[date, Values] | None = None,
) -> FormDialog:
    """The check-in of ``day``; ``drafts`` keeps what was typed when closed with escape."""
    current = DailyRepo(journal).on(day)
    kept = (drafts or {}).get(day)

    def value(name: str) -> str:
        if kept is not None:
            return kept.get(name, "")
        rating = getattr(current, name) if current is not None else None
        return "" if rating is None else str(rating)

    def submit(typed: Values) -> str | Problem | None:
        ratings: dict[str, int | None] = {}
        for name, question in QUANTITIES:
            try:
                ratings[name] = parse_rating(typed.get(name, ""), question.rstrip("?"))
            except CheckInError as exc:
                return Problem(str(exc), name)
        try:
            DailyRepo(journal).rate(day, **ratings)
        except CheckInError as exc:
            return str(exc)
        except JournalError as exc:
            return f"{exc.message}. Nothing was lost."
        if drafts is not None:
            drafts.pop(day, None)
        on_saved()
        return None

    def keep(typed: Values) -> None:
        if drafts is not None:
            drafts[day] = dict(typed)

    fields = [
        Field(name, question, value(name), SCALE_HINT, placeholder="1-5", max_length=1)
        for name, question in QUANTITIES
    ]
    title = (
        "Today's check-in"
        if day == journal.now().astimezone().date()
        else (f"Check-in for {day:%a %d %b}")
    )
    return FormDialog(title, fields, submit, keep, intro=INTRO, enter="next")
