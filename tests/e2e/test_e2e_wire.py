"""Bytes on the wire per screen change, in a real terminal (issue 20's budget).

A byte count for one key is deterministic enough for a given program, size and
terminal (the same figure run after run in ``benchmarks/bench_bytes.py``); the
budget is 12 KB per screen change at 80x24, with a margin under it here.
"""

from __future__ import annotations

import pytest
from ptyterm import PtyTerm, squash
from winback_ui import Spawn, home_visible, wait_home

pytestmark = pytest.mark.e2e

BUDGET = 12 * 1024


def cost(term: PtyTerm, key: str, shown: str) -> int:
    """Bytes written from ``key`` until the screen shows ``shown`` and settles."""
    mark = term.mark()
    term.send(key)
    term.wait_for(lambda screen: term.bytes_since(mark) > 0 and squash(shown) in squash(screen))
    term.wait_quiet(0.3)
    return term.bytes_since(mark)


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--low-bandwidth"], None), ([], {"SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22"})],
    ids=["low-bandwidth", "ssh"],
)
def test_screen_changes_stay_within_the_byte_budget(
    spawn: Spawn, args: list[str], env: dict[str, str] | None
) -> None:
    term = spawn(*args, env=env)
    wait_home(term)
    term.wait_quiet(0.3)
    spent = {
        "4 step 4": cost(term, "4", "Boundaries I keep"),
        "? help": cost(term, "?", "Everywhere"),
    }
    term.send_escape()
    term.wait_quiet(0.3)
    spent["0 home"] = cost(term, "0", "Your four steps")
    assert home_visible(term.screen_text())
    over = {move: size for move, size in spent.items() if size > BUDGET}
    assert not over, f"over {BUDGET} B: {over} (all: {spent})"
