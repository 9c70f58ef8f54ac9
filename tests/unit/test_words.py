"""Plurals done properly: "1 day", "3 days", never "day(s)" anywhere the user reads."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import winback_tui
from winback_tui.domain.words import plural

PACKAGE = Path(winback_tui.__file__).parent


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 days"), (1, "1 day"), (2, "2 days"), (21, "21 days"), (-1, "-1 days")],
)
def test_plural_picks_the_form_by_count(count: int, expected: str) -> None:
    assert plural(count, "day", "days") == expected


def test_plural_takes_both_forms_so_irregular_nouns_read_right() -> None:
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"
    assert plural(1, "earlier version", "earlier versions") == "1 earlier version"


def _user_facing_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module, f-string parts included, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_text_in_the_app_says_s_in_brackets() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _user_facing_strings(path)
        if "(s)" in text or "(es)" in text
    ]
    assert found == [], "use domain.words.plural instead of '(s)'"


def test_the_check_finds_s_in_brackets(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""A docstring may say day(s)."""\nx = f"{n} contact(s) logged"\n')
    assert [text for _, text in _user_facing_strings(sample)] == [" contact(s) logged"]
