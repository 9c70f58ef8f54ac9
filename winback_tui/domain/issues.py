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


#: Custom issues are stored as ``custom-1``, ``custom-2``…; numbers are never reused.
CUSTOM_PREFIX = "custom-"

#: The longest title a custom issue keeps; the rest goes to its note.
MAX_TITLE = 200


@dataclass(frozen=True)
class IssueEntry:
    """One row of the Step 1 issues checklist, ticked or not.

    Attributes:
        issue_id: an id from :data:`COMMON_ISSUES`, or ``custom-N``.
        title: the title shown (the user's words for a custom one).
        marked: whether the user said it played a part.
        my_part: the user's note on their own part in it (kept when unticked).
    """

    issue_id: str
    title: str
    marked: bool = False
    my_part: str = ""

    @property
    def custom(self) -> bool:
        """Whether the user added this issue themselves."""
        return is_custom(self.issue_id)

    def as_marked(self) -> MarkedIssue:
        """The form Step 2 reads."""
        return MarkedIssue(self.issue_id, self.title, self.my_part)


def is_custom(issue_id: str) -> bool:
    """Whether ``issue_id`` names one of the user's own issues."""
    return issue_id.startswith(CUSTOM_PREFIX)


def custom_id(number: int) -> str:
    """The id of the user's ``number``-th own issue."""
    return f"{CUSTOM_PREFIX}{number}"


def custom_number(issue_id: str) -> int | None:
    """The number in ``custom-N``, or None when ``issue_id`` is not one."""
    if not is_custom(issue_id):
        return None
    digits = issue_id[len(CUSTOM_PREFIX) :]
    return int(digits) if digits.isascii() and digits.isdigit() else None


def clean_title(text: str, limit: int = MAX_TITLE) -> tuple[str, str]:
    """Tidy a typed title: one line, spaces collapsed, at most ``limit`` characters.

    Returns:
        ``(title, overflow)``: the title to keep (empty when nothing but
        spaces was typed) and whatever went past the limit, so the caller can
        keep it elsewhere instead of throwing it away.
    """
    tidy = " ".join(text.split())
    if len(tidy) <= limit:
        return tidy, ""
    return tidy[:limit].rstrip(), tidy[limit:].strip()


def suggested_goal(issue: MarkedIssue) -> tuple[str, Area]:
    """The Step 2 goal offered for a marked issue: (title, area).

    Custom issues get a communication goal named after them, since the user
    described them in their own words.
    """
    for kind in COMMON_ISSUES:
        if kind.id == issue.issue_id:
            return kind.goal_title, kind.goal_area
    return f"Work on: {issue.title}", Area.COMMUNICATION
