"""Bytes on the wire per screen change, in a real terminal (issue 20's budget).

A byte count for one key is deterministic enough for a given program, size and
terminal (the same figure run after run in ``benchmarks/bench_bytes.py``); the
budget is 12 KB per screen change at 80x24, and 8 KB for the median, for plain
``winback`` in truecolour as much as over SSH or with ``--low-bandwidth``.
"""

from __future__ import annotations

import statistics

import pytest
from ptyterm import PtyTerm, squash
from winback_ui import Spawn, home_visible, welcome_visible

pytestmark = pytest.mark.e2e

BUDGET, MEDIAN_BUDGET = 12 * 1024, 8 * 1024


def cost(term: PtyTerm, key: str, shown: str, *, gone: bool = False) -> int:
    """Bytes written from ``key`` until the screen shows (or, ``gone``, lost) ``shown`` and
    settles."""
    mark = term.mark()
    term.send(key)

    def changed(screen: str) -> bool:
        return term.bytes_since(mark) > 0 and (squash(shown) in squash(screen)) != gone

    term.wait_for(changed)
    # A lone escape is read as the key only after Textual's ESCDELAY.
    term.wait_quiet(0.3)
    return term.bytes_since(mark)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ([], None),
        (["--low-bandwidth"], None),
        ([], {"SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22"}),
    ],
    ids=["truecolour", "low-bandwidth", "ssh"],
)
def test_screen_changes_stay_within_the_byte_budget(
    spawn: Spawn, args: list[str], env: dict[str, str] | None
) -> None:
    term = spawn(*args, env=env)
    term.wait_for(welcome_visible)  # a new journal: the first paint is the welcome
    term.wait_quiet(0.3)
    spent = {"first paint (welcome)": term.bytes_since(0)}
    spent["enter: home"] = cost(term, "\r", "Your four steps")
    spent["4 step 4"] = cost(term, "4", "Boundaries I keep")
    spent["w journal"] = cost(term, "w", "winback · Journal")
    spent["0 home"] = cost(term, "0", "Your four steps")
    assert home_visible(term.screen_text())
    spent["? help"] = cost(term, "?", "Everywhere")
    closed = cost(term, "\x1b", "Everywhere", gone=True)
    spent["s support"] = cost(term, "s", "escape closes this page")
    over = {move: size for move, size in {**spent, "escape": closed}.items() if size > BUDGET}
    assert not over, f"over {BUDGET} B: {over} (all: {spent})"
    assert statistics.median(spent.values()) <= MEDIAN_BUDGET, spent
