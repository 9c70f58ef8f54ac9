"""Bytes written to the terminal per screen change, in a real pty, against a bare Textual app.

Every program runs in a real pty (80×24 by default, ``TERM=xterm-256color``,
``COLORTERM=truecolor``, a fresh temporary HOME and a new journal) and makes the
moves of ``benchmarks/screen_tour.py``: the first paint with the welcome, home,
steps 1-4 (and ``f``, the flip to each step's reflections pane), the journal
``w``, the timeline ``l``, home ``0``, help ``?``, support ``s`` and closing
each overlay. For each move the script counts the bytes written from the key
until the output settles (no byte for ``--quiet`` ms, 300: every frame of an
animation counts) and the time to the last of them.

Subjects:

- ``baseline``: ``benchmarks/baseline_screens_app.py --welcome``, the same
  moves with stock widgets only (Textual's own ModalScreen backdrop, tab
  underline animation, truecolour);
- ``winback``: the installed ``winback`` as a user starts it;
- ``winback --low-bandwidth``: the same with the flag (256 colours, no
  animation, fewer frames a second);
- ``winback over SSH``: plain ``winback`` with ``SSH_CONNECTION`` set, as sshd
  sets it.

Budget (issue 20): every screen change at most 12 KB, the median at most 8 KB
(closing an overlay is counted but left out of the median). Byte counts are
deterministic for a given program and terminal size, so a few runs suffice;
the table shows the median over ``--runs`` and the largest.

Run from the repository root (about a minute)::

    /work/venv/bin/python benchmarks/bench_bytes.py [--quick] [--runs 3] [--json PATH]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "e2e"))
sys.path.insert(0, str(HERE))

from jsonout import stats, write  # noqa: E402
from ptyterm import PtyTerm  # noqa: E402
from screen_tour import BASELINE, CLOSING, WINBACK, Change, Move, tour  # noqa: E402

WINBACK_EXE = Path(sys.executable).parent / "winback"
#: Issue 20's budget per screen change, and for the median over the screens.
BUDGET, MEDIAN_BUDGET = 12 * 1024, 8 * 1024


@dataclass
class Subject:
    """One program and the moves it makes."""

    name: str
    argv: list[str]
    moves: tuple[Move, ...]
    env: dict[str, str] = field(default_factory=dict)
    runs: list[list[Change]] = field(default_factory=list)


def low_bandwidth_supported() -> bool:
    """Whether the installed winback knows ``--low-bandwidth`` (older ones do not)."""
    done = subprocess.run([str(WINBACK_EXE), "--help"], capture_output=True, text=True, check=False)
    return "--low-bandwidth" in done.stdout


def subjects() -> list[Subject]:
    """The programs measured, baseline first."""
    found = [
        Subject(
            "baseline",
            [sys.executable, str(HERE / "baseline_screens_app.py"), "--welcome"],
            BASELINE,
        ),
        Subject("winback", [str(WINBACK_EXE)], WINBACK),
    ]
    if low_bandwidth_supported():
        found.append(
            Subject("winback --low-bandwidth", [str(WINBACK_EXE), "--low-bandwidth"], WINBACK)
        )
    found.append(
        Subject(
            "winback over SSH",
            [str(WINBACK_EXE)],
            WINBACK,
            env={"SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"},
        )
    )
    return found


def run_once(subject: Subject, args: argparse.Namespace) -> list[Change]:
    """One start of ``subject`` from a new journal, through its whole tour."""
    with tempfile.TemporaryDirectory(prefix="winback-bytes-") as scratch:
        folder = Path(scratch)
        argv = list(subject.argv)
        if subject.moves is WINBACK:
            argv += ["--db", str(folder / "journal.json")]
        with PtyTerm(argv, workdir=folder, cols=args.cols, rows=args.rows, env=subject.env) as term:
            try:
                changes = tour(term, subject.moves, quiet=args.quiet / 1000, timeout=args.timeout)
            except TimeoutError:
                print(f"{subject.name}: a screen did not show\n{term.dump()}", file=sys.stderr)
                raise
            if args.verbose:
                print(term.dump())
            term.send("q")
            term.wait_exit(10)
    return changes


def per_move(subject: Subject) -> dict[str, dict[str, Any]]:
    """Each move's bytes and seconds over the runs, by label."""
    out: dict[str, dict[str, Any]] = {}
    for index, move in enumerate(subject.moves):
        out[move.label] = {
            "bytes": stats(run[index].bytes for run in subject.runs),
            "ms": stats(run[index].seconds * 1000 for run in subject.runs),
        }
    return out


def verdict(moves: dict[str, dict[str, Any]]) -> dict[str, object]:
    """The budget check: the largest screen change and the median over the screens."""
    sizes = {label: float(m["bytes"]["median"]) for label, m in moves.items()}
    screens = [size for label, size in sizes.items() if label not in CLOSING]
    largest = max(sizes.values())
    median = statistics.median(screens)
    return {
        "largest": largest,
        "largest_move": max(sizes, key=lambda label: sizes[label]),
        "median": median,
        "within_budget": largest <= BUDGET and median <= MEDIAN_BUDGET,
    }


def print_table(
    found: list[Subject], results: dict[str, dict[str, Any]], args: argparse.Namespace
) -> None:
    """One column of bytes per subject, one row per move."""
    names = [s.name for s in found]
    print(
        f"bytes per screen change, real pty {args.cols}×{args.rows}, TERM=xterm-256color"
        f" COLORTERM=truecolor, median of {args.runs} run(s), settled after {args.quiet:.0f} ms"
        f" quiet; Python {platform.python_version()}, Textual {version('textual')},"
        f" {time.strftime('%Y-%m-%d %H:%M')}"
    )
    widths = [max(len(n), 9) for n in names]
    print(f"{'move':24s} " + " ".join(n.rjust(w) for n, w in zip(names, widths, strict=True)))
    for move in found[0].moves:
        cells = []
        for name, width in zip(names, widths, strict=True):
            figure = results[name]["moves"][move.label]["bytes"]["median"]
            cells.append(f"{figure:,.0f}".rjust(width))
        print(f"{move.label:24s} " + " ".join(cells))
    for key, label in (("median", "median of the screens"), ("largest", "largest")):
        cells = [
            f"{results[n]['verdict'][key]:,.0f}".rjust(w)
            for n, w in zip(names, widths, strict=True)
        ]
        print(f"{label:24s} " + " ".join(cells))
    print(
        f"budget: every screen change ≤ {BUDGET:,} B, median ≤ {MEDIAN_BUDGET:,} B: "
        + ", ".join(
            f"{n} {'yes' if results[n]['verdict']['within_budget'] else 'NO'}" for n in names
        )
    )


def main() -> int:
    """Measure every subject ``--runs`` times; print the table; write ``--json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="starts of each program (3)")
    parser.add_argument("--quick", action="store_true", help="one run of each")
    parser.add_argument(
        "--quiet", type=float, default=300, help="ms without output that end a move"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per screen")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--only", nargs="+", help="subjects to run (names as in the table)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each final screen")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    if not WINBACK_EXE.exists():
        parser.error(f"no winback beside {sys.executable}; install winback into this environment")
    found = [s for s in subjects() if not args.only or s.name in args.only]
    for subject in found:
        for _ in range(args.runs):
            subject.runs.append(run_once(subject, args))
    results: dict[str, dict[str, Any]] = {}
    for subject in found:
        moves = per_move(subject)
        results[subject.name] = {"moves": moves, "verdict": verdict(moves)}
    print_table(found, results, args)
    write(
        args.json,
        "bytes",
        args.quick,
        {
            "cols": args.cols,
            "rows": args.rows,
            "runs": args.runs,
            "budget": BUDGET,
            "median_budget": MEDIAN_BUDGET,
            "moves": [m.label for m in WINBACK],
            "closing": sorted(CLOSING),
            "subjects": [{"name": s.name, **results[s.name]} for s in found],
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
