"""Bytes written to the terminal and echo latency per typed character, in a real pty.

Three programs, each in a real pty (80×24 by default, ``TERM=xterm-256color``,
``COLORTERM=truecolor``, fresh temporary HOME):

- ``baseline``: a header, Textual's stock ``TextArea`` and a footer
  (``benchmarks/baseline_textarea_app.py``);
- ``frugal``: the same app with winback's ``FrugalTextArea``;
- ``winback``: the installed ``winback`` on an empty journal: the welcome overlay
  is closed with enter, ``1`` opens step 1, ``e`` enters its reflection editor;
- ``winback+frugal`` (with ``--preview``): the same, with the reflection editor on
  ``FrugalTextArea`` (``benchmarks/winback_frugal_preview.py``), until the app
  makes that switch itself.

In each, a long paragraph and a few lines are pasted (bracketed paste), then
characters are typed one at a time: first at the end of the empty line below the
paragraph, then in the middle of the paragraph. For every character the script
notes the bytes the program wrote from the key until its output settles (no
output for ``--quiet`` ms), and the echo latency: from writing the key to the pty
until the output that shows it on the (emulated) screen has been read. The typed
text is pseudo-random words, so the last few characters typed are on screen only
once the new one is.

Run from the repository root::

    /work/venv/bin/python benchmarks/bench_keystrokes.py [--keys 120] [--preview] [--only NAME ...]

The pty harness is ``tests/e2e/ptyterm.py`` (shared with the e2e tests) and the
winback screen helpers are ``tests/e2e/winback_ui.py``; this script puts
``tests/e2e`` on ``sys.path`` to import them.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "e2e"))
sys.path.insert(0, str(HERE))

from baseline_textarea_app import MARKER  # noqa: E402
from ptyterm import PtyTerm, squash  # noqa: E402
from winback_ui import open_step_editor, wait_home  # noqa: E402

PARAGRAPH = (
    "Some evenings the quiet in the flat is the loudest thing I own, and I catch "
    "myself drafting a message in my head before I have even taken my coat off. "
    "Writing it here instead is slower and kinder: the words get somewhere, I can "
    "read them back tomorrow, and nobody has to answer them tonight. What I want "
    "to remember is that missing someone is not the same as the two of us being "
    "good for each other, and that I can be gentle with both of those truths."
)
#: Lines after the one typed at: typing then never pushes the cursor below the
#: last visible row (where a stock TextArea, growing by a wrapped row, does not
#: always scroll to follow it: a bug of its own, not measured here).
AFTER = ["", "It is late; I will stop here.", "Tomorrow is another page.", "", ""]
PASTE = PARAGRAPH + "\n" + "\n".join(AFTER)
UP = "\x1b[A"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# How many of the last typed characters must be on screen to count as echoed.
TAIL = 24


@dataclass
class Scenario:
    """One run of typed characters and what each cost."""

    name: str
    sizes: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


@dataclass
class Subject:
    """One program under measurement."""

    name: str
    command: Callable[[Path], list[str]]
    open_editor: Callable[[PtyTerm], None]
    scenarios: list[Scenario] = field(default_factory=list)


def typing_text(count: int, seed: int) -> str:
    """Pseudo-random lowercase words: no run of :data:`TAIL` characters repeats."""
    rng = random.Random(seed)
    letters = "etaoinshrdlucmfwypvbgk"
    out: list[str] = []
    while len(out) < count:
        out.extend(rng.choice(letters) for _ in range(rng.randint(2, 8)))
        out.append(" ")
    return "".join(out[:count])


def echoed(term: PtyTerm, text: str) -> Callable[[str], bool]:
    """A screen check: the last character of ``text`` has been drawn.

    Either the last :data:`TAIL` typed characters are on screen (squashed, so a
    soft wrap does not matter), or the terminal cursor has moved and sits just
    after the new character (for an editor beside other text, where a wrapped
    line does not read on as one string).
    """
    tail = squash(text[-TAIL:])
    character = text[-1]
    before = (term.screen.cursor.x, term.screen.cursor.y)

    def check(screen: str) -> bool:
        if tail in squash(screen):
            return True
        x, y = term.screen.cursor.x, term.screen.cursor.y
        if (x, y) == before or x == 0:
            return False
        return character == " " or term.screen.buffer[y][x - 1].data == character

    return check


def type_and_measure(term: PtyTerm, scenario: Scenario, text: str, quiet: float) -> None:
    """Type ``text`` one character at a time, noting bytes and echo latency of each."""
    for index, character in enumerate(text):
        term.wait_quiet(quiet)
        mark = term.mark()
        check = echoed(term, text[: index + 1])
        sent = time.monotonic()
        term.send(character)
        shown = term.wait_for(check, timeout=10)
        scenario.latencies.append(shown - sent)
        term.wait_quiet(quiet)
        scenario.sizes.append(term.bytes_since(mark))


def run_subject(subject: Subject, args: argparse.Namespace) -> None:
    """Start the program, paste a paragraph, then type at a line's end and mid-paragraph."""
    quiet = args.quiet / 1000
    with tempfile.TemporaryDirectory(prefix="winback-keys-") as tmp:
        folder = Path(tmp)
        command = subject.command(folder)
        with PtyTerm(command, workdir=folder, cols=args.cols, rows=args.rows) as term:
            subject.open_editor(term)
            term.send(PASTE_START + PASTE + PASTE_END)
            term.wait_for(AFTER[2], timeout=10)
            # Up to the empty line below the paragraph: type at the end of that line.
            term.send(UP * (len(AFTER) - 1))
            # Let every follow-up settle (winback autosaves 0.8 s after the last edit).
            term.wait_quiet(1.5, timeout=10)

            end_of_line = Scenario("end of line")
            type_and_measure(term, end_of_line, typing_text(args.keys, 1), quiet)

            # Up into the middle of the paragraph (the typed line wraps to 2-3 rows).
            term.send(UP * 6)
            term.wait_quiet(1.5, timeout=10)
            middle = Scenario("mid-paragraph")
            type_and_measure(term, middle, typing_text(args.keys, 2), quiet)
            subject.scenarios = [end_of_line, middle]
            if args.verbose:
                print(term.dump())


def open_baseline(term: PtyTerm) -> None:
    """The baseline's text area has focus from the start; go below its one line."""
    term.wait_for(MARKER, timeout=20)
    term.wait_quiet(0.3)
    term.send("\x1b[B")  # down: to the empty last line
    term.wait_quiet(0.3)


def open_winback(term: PtyTerm) -> None:
    """Close the first-run welcome, open step 1 and enter its reflection editor."""
    wait_home(term, timeout=20)
    open_step_editor(term, 1, timeout=20)
    term.wait_quiet(0.3)


def describe(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), max(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=120, help="characters per scenario (120)")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument(
        "--quiet", type=float, default=60, help="ms without output that ends a keystroke (60)"
    )
    parser.add_argument(
        "--winback",
        type=Path,
        default=Path(sys.executable).parent / "winback",
        help="the installed winback script (default: beside this Python)",
    )
    parser.add_argument(
        "--preview",
        action="store_true",
        help="also run winback with its reflection editor on FrugalTextArea"
        " (benchmarks/winback_frugal_preview.py), until the switch is made in the app",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["baseline", "frugal", "winback", "winback+frugal"],
        help="measure only these",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print final screens")
    args = parser.parse_args()
    if args.keys < 2 * TAIL:
        parser.error(f"--keys must be at least {2 * TAIL}")
    if not args.winback.exists():
        parser.error(f"{args.winback} not found; install winback into this environment")

    app = HERE / "baseline_textarea_app.py"
    subjects = [
        Subject("baseline", lambda _: [sys.executable, str(app)], open_baseline),
        Subject("frugal", lambda _: [sys.executable, str(app), "--frugal"], open_baseline),
        Subject(
            "winback",
            lambda folder: [str(args.winback), "--db", str(folder / "data" / "j.json")],
            open_winback,
        ),
    ]
    if args.preview or (args.only and "winback+frugal" in args.only):
        preview = HERE / "winback_frugal_preview.py"
        subjects.append(
            Subject(
                "winback+frugal",
                lambda folder: [sys.executable, str(preview), "--db", str(folder / "d" / "j.json")],
                open_winback,
            )
        )
    subjects = [s for s in subjects if not args.only or s.name in args.only]
    for subject in subjects:
        run_subject(subject, args)

    print(
        f"bytes written and echo latency per typed character, real pty {args.cols}×{args.rows},"
        f" TERM=xterm-256color COLORTERM=truecolor, {args.keys} keys per scenario;"
        f" Python {platform.python_version()}, Textual {version('textual')},"
        f" {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print()
    header = (
        f"{'program':14s} {'where':14s} {'bytes med':>9s} {'max':>6s} {'× base':>7s}"
        f" {'echo ms med':>11s} {'max':>6s} {'× base':>7s}"
    )
    print(header)
    print("-" * len(header))
    baseline = {
        s.name: s for s in next((x.scenarios for x in subjects if x.name == "baseline"), [])
    }
    for subject in subjects:
        for scenario in subject.scenarios:
            size_med, size_max = describe([float(s) for s in scenario.sizes])
            lat_med, lat_max = describe([t * 1000 for t in scenario.latencies])
            base = baseline.get(scenario.name)
            size_ratio = lat_ratio = "-"
            if base is not None:
                size_ratio = f"{size_med / statistics.median(base.sizes):.3f}"
                lat_ratio = f"{lat_med / (statistics.median(base.latencies) * 1000):.2f}"
            print(
                f"{subject.name:14s} {scenario.name:14s} {size_med:9.0f} {size_max:6.0f}"
                f" {size_ratio:>7s} {lat_med:11.1f} {lat_max:6.1f} {lat_ratio:>7s}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
