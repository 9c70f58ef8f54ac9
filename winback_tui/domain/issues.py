"""The common underlying issues of Step 1 and the Step 2 goals they suggest."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Area(StrEnum):
    """The five areas of self-improvement in Step 2."""

    HEALTH = "health"
    HOBBY = "hobby"
    SKILL = "skill"
    COMMUNICATION = "communication"
    SUPPORT = "support"


@dataclass(frozen=True)
class IssueKind:
    """A common cause of a breakup, with the goal Step 2 offers for it."""

    id: str
    title: str
    goal_title: str
    goal_area: Area


#: Stable ids: the journal stores marks under them.
COMMON_ISSUES: tuple[IssueKind, ...] = (
    IssueKind(
        "communication",
        "Communication",
        "Practise saying what I feel, calmly, once a day",
        Area.COMMUNICATION,
    ),
    IssueKind(
        "emotional-needs",
        "Unmet emotional needs",
        "Notice and name one feeling (mine or a friend's) each day",
        Area.COMMUNICATION,
    ),
    IssueKind("trust", "Trust", "Keep one small promise to myself every day", Area.SUPPORT),
    IssueKind(
        "time",
        "Time and priorities",
        "Protect an hour a week for the people who matter",
        Area.HOBBY,
    ),
    IssueKind(
        "conflict",
        "Conflict",
        "Pause and breathe before answering when I feel heated",
        Area.COMMUNICATION,
    ),
    IssueKind(
        "stress", "Outside stress", "Move my body for 20 minutes to settle stress", Area.HEALTH
    ),
)


@dataclass(frozen=True)
class MarkedIssue:
    """An issue the user marked as part of the breakup, with their own part in it.

    Attributes:
        issue_id: an id from :data:`COMMON_ISSUES`, or ``custom-N`` for their own.
        title: the issue's title (the user's words for a custom one).
        my_part: the user's note on their own part in it.
    """

    issue_id: str
    title: str
    my_part: str = ""


def suggested_goal(issue: MarkedIssue) -> tuple[str, Area]:
    """The Step 2 goal offered for a marked issue: (title, area).

    Custom issues get a communication goal named after them, since the user
    described them in their own words.
    """
    for kind in COMMON_ISSUES:
        if kind.id == issue.issue_id:
            return kind.goal_title, kind.goal_area
    return f"Work on: {issue.title}", Area.COMMUNICATION
