"""Typing in a real terminal: escape (with its ESCDELAY) leaves the editor, q saves."""

from __future__ import annotations

from pathlib import Path

import pytest
from winback_ui import EDITOR_HINT, Spawn, journal_holds, open_step_editor, wait_home

pytestmark = pytest.mark.e2e


def test_escape_leaves_the_editor_and_q_keeps_the_text(spawn: Spawn, journal: Path) -> None:
    term = spawn()
    wait_home(term)
    open_step_editor(term, 1)
    words = "what I would do differently"
    term.send(words)
    term.wait_for(words)

    term.send_escape()
    term.wait_for(lambda screen: EDITOR_HINT not in screen)
    assert term.contains(words), f"escape discarded the text\n{term.dump()}"

    term.send("q")  # a command again, not a letter typed into the answer
    assert term.wait_exit(5) == 0
    assert journal_holds(journal, words)
    assert not journal_holds(journal, words + "q")


def test_text_typed_in_the_same_burst_as_e_lands_in_the_editor(spawn: Spawn, journal: Path) -> None:
    """Over a slow link "e" and the first words arrive in one read; none may be lost."""
    term = spawn()
    wait_home(term)
    term.send("1")
    term.wait_for("Step 1 · Assess the Situation")
    words = "quiet sundays were hard"
    term.send("e" + words)  # one write: the app reads it as one burst
    term.wait_for(words)
    term.send_escape()
    term.wait_for(lambda screen: EDITOR_HINT not in screen)
    term.send("q")
    assert term.wait_exit(5) == 0
    assert journal_holds(journal, words)
