"""Step 1's underlying issues: ids, titles, and the Step 2 goal each one suggests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winback_tui.domain.issues import (
    COMMON_ISSUES,
    MAX_TITLE,
    Area,
    IssueEntry,
    IssueKind,
    MarkedIssue,
    clean_title,
    custom_id,
    custom_number,
    is_custom,
    suggested_goal,
)


def test_the_common_issues_cover_the_programs_causes_with_stable_ids() -> None:
    assert [k.id for k in COMMON_ISSUES] == [
        "communication",
        "emotional-needs",
        "trust",
        "time",
        "conflict",
        "stress",
    ]


@pytest.mark.parametrize("kind", COMMON_ISSUES, ids=lambda k: k.id)
def test_every_common_issue_suggests_its_own_goal(kind: IssueKind) -> None:
    issue = MarkedIssue(kind.id, kind.title, "my note")
    assert suggested_goal(issue) == (kind.goal_title, kind.goal_area)


def test_an_own_issue_suggests_a_goal_named_after_it() -> None:
    assert suggested_goal(MarkedIssue("custom-3", "Jealousy")) == (
        "Work on: Jealousy",
        Area.COMMUNICATION,
    )


def test_custom_ids() -> None:
    assert custom_id(7) == "custom-7"
    assert custom_number("custom-7") == 7
    assert is_custom("custom-7") and not is_custom("trust")
    assert custom_number("trust") is None
    assert custom_number("custom-x") is None
    assert custom_number("custom-٣") is None  # a non-ASCII digit is not a number we gave


def test_issue_entry_knows_if_it_is_the_users_own_and_hands_step_two_its_form() -> None:
    own = IssueEntry("custom-1", "Jealousy", True, "I sulked")
    assert own.custom
    assert own.as_marked() == MarkedIssue("custom-1", "Jealousy", "I sulked")
    assert not IssueEntry("trust", "Trust").custom


def test_clean_title_tidies_spaces_and_lines() -> None:
    assert clean_title("  Too   much\n\twork  ") == ("Too much work", "")
    assert clean_title(" \n\t ") == ("", "")


def test_clean_title_caps_long_titles_and_hands_back_the_rest() -> None:
    words = "word " * 100  # 500 characters
    title, rest = clean_title(words)
    assert len(title) <= MAX_TITLE
    assert title.startswith("word word")
    assert rest and rest.startswith("word")


@given(st.text(max_size=600))
def test_clean_title_never_exceeds_the_cap_and_loses_no_words(text: str) -> None:
    title, rest = clean_title(text)
    assert len(title) <= MAX_TITLE
    assert "\n" not in title
    # Together the two parts hold every non-space character typed.
    kept = "".join((title + rest).split())
    assert kept == "".join(text.split())
