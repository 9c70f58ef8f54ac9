"""Step 1's marked issues as goals to adopt in Step 2."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from winback_tui.domain.goals.model import DAILY, Cadence, Goal
from winback_tui.domain.goals.validation import MAX_TITLE, clean_text
from winback_tui.domain.issues import MarkedIssue, suggested_goal

__all__ = [
    "open_suggestions",
    "suggestion_goal",
]


def open_suggestions(issues: Iterable[MarkedIssue], goals: Iterable[Goal]) -> list[MarkedIssue]:
    """Marked Step 1 issues whose suggested goal the user does not have yet.

    A goal counts whatever its status (an archived one was a choice), matched
    by the issue it came from or by the same title.
    """
    goals = list(goals)
    sources = {g.source for g in goals if g.source}
    titles = {clean_text(g.title).casefold() for g in goals}
    result = []
    for issue in issues:
        title, _ = suggested_goal(issue)
        if issue.issue_id in sources or clean_text(title).casefold() in titles:
            continue
        result.append(issue)
    return result


def suggestion_goal(issue: MarkedIssue, created: date) -> Goal:
    """The goal adopting ``issue``'s suggestion makes.

    The cadence follows the suggestion's wording: "a week" means once a week,
    anything else daily. A custom issue title longer than a goal title is
    shortened at a word boundary (the full words stay in Step 1).
    """
    title, area = suggested_goal(issue)
    title = clean_text(title)
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rsplit(" ", 1)[0].rstrip() + "…"
    if not title:
        title = "My own goal"
    cadence = Cadence(1) if "a week" in title.casefold() else DAILY
    return Goal(title, area, cadence, created, source=issue.issue_id)
