"""How long a 1 MB paste freezes the screen: winback's reflection editor against a baseline.

Two programs, each in a real pty (80×24 by default, ``TERM=xterm-256color``,
``COLORTERM=truecolor``, fresh temporary HOME every run):

- ``baseline``: a header, Textual's stock ``TextArea`` and a footer
  (``benchmarks/baseline_textarea_app.py``); the paste goes on its empty last line;
- ``winback``: the installed ``winback`` on a fresh journal (``--db``): the
  first-run welcome is closed with enter, ``1`` opens step 1, ``e`` enters its
  reflection editor ("What went wrong").

Once the program has switched bracketed paste on (``ESC[?2004h`` in its output),
about ``--bytes`` bytes (1,000,000 by default) of mixed lines (ASCII, accented
Latin, emoji, Hebrew; the same pseudo-random text every run) ending in a unique
marker word are written as one bracketed paste (``ESC[200~`` … ``ESC[201~``),
followed at once by a probe key ``Z``. The pty takes only a few KiB at a time, so
the script writes whenever the pty has room and reads the program's output
meanwhile (nothing deadlocks, and no sleeps pace the writing). Timed from the
first byte of the paste written:

- ``accepted``: the last byte (the ``Z``) taken by the pty, i.e. the program has
  read nearly all of the paste;
- ``marker``: the marker word is on the (emulated) screen;
- ``freeze``: ``Z`` is on screen right after the marker: how long the screen
  could not react to a key. The issue's target is no freeze above 2 s.

For winback, ``ctrl+s`` (save now), then escape and ``q`` (quit, saving first)
follow; the journal is then opened with ``winback_tui.store.Journal`` and step
1's "what-went-wrong" answer must equal the pasted text plus ``Z`` ("saved
whole"). The baseline is stopped with SIGTERM. Runs alternate baseline, winback,
baseline, winback …

Run from the repository root (about 20 s; ``--quick``, 1 run each, about 8 s)::

    /work/venv/bin/python benchmarks/bench_paste.py [--quick] [--runs 3] [--bytes 1000000]
        [--json PATH]

``--json PATH`` also writes the results as JSON (``benchmarks/jsonout.py``), for
``benchmarks/run_all.py``, which runs every benchmark with one command.

The pty harness is ``tests/e2e/ptyterm.py`` (shared with the e2e tests) and the
winback screen helpers are ``tests/e2e/winback_ui.py``; this script puts
``tests/e2e`` on ``sys.path`` to import them.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import platform
import random
import select
import signal
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
sys.path.insert(0, str(HERE.parent))

from baseline_textarea_app import MARKER as BASELINE_MARKER  # noqa: E402
from jsonout import stats, write  # noqa: E402
from ptyterm import ExitTimeout, PtyTerm, squash  # noqa: E402
from winback_ui import open_step_editor, wait_home  # noqa: E402

from winback_tui.store import Journal  # noqa: E402

PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
BRACKETED_PASTE_ON = b"\x1b[?2004h"
#: The key typed right after the paste; its echo ends the freeze.
PROBE = "Z"
#: The last word of the paste: appears nowhere else in it or in either app.
PASTE_MARKER = "QuokkaEndOfPaste"
#: The answer the reflection editor of step 1 writes to.
STEP, PROMPT_ID = 1, "what-went-wrong"
CTRL_S = "\x13"

# Word pools, one string each (split below) to keep them readable.
_ASCII_TEXT = (
    "the quiet evening kept asking questions I did not want to answer yet "
    "we talked past each other for months and neither of us said it plainly "
    "today I walked to the river and let the wind do the thinking for a while"
)
_ACCENT_TEXT = (
    "café naïve déjà vu façade über jalapeño crème brûlée São Paulo "
    "mañana Ærø smørrebrød Łódź Ångström fiancée rôle coöperate"
)
_HEBREW_TEXT = "שלום אהבה זמן שקט לב דרך בית מחר תודה סליחה"
_ASCII_WORDS = _ASCII_TEXT.split()
_ACCENT_WORDS = _ACCENT_TEXT.split()
_HEBREW_WORDS = _HEBREW_TEXT.split()
_EMOJI = ["😀", "💔", "🌱", "🙂", "🎧", "🚶", "📓", "🌙", "☕", "🔥", "🌊"]


def make_paste(size: int, seed: int = 0) -> str:
    """About ``size`` bytes (UTF-8) of mixed lines, the marker word ending the last one.

    Lines are 0-160 characters of one of four kinds (plain ASCII, accented Latin
    mixed with ASCII, ASCII with emoji, Hebrew), so soft wrapping, wide characters
    and right-to-left text all take part. No line has trailing spaces.
    """
    rng = random.Random(seed)
    kinds: list[Callable[[], str]] = [
        lambda: rng.choice(_ASCII_WORDS),
        lambda: rng.choice(_ACCENT_WORDS if rng.random() < 0.5 else _ASCII_WORDS),
        lambda: rng.choice(_EMOJI) if rng.random() < 0.3 else rng.choice(_ASCII_WORDS),
        lambda: rng.choice(_HEBREW_WORDS),
    ]
    lines: list[str] = []
    total = 0
    tail = f"the end {PASTE_MARKER}"
    budget = size - len(tail.encode())
    while total < budget:
        if rng.random() < 0.08:
            line = ""  # paragraph breaks
        else:
            word = rng.choice(kinds)
            length = rng.randint(5, 160)
            words: list[str] = []
            while sum(len(w) + 1 for w in words) < length:
                words.append(word())
            line = " ".join(words)
        encoded = len(line.encode()) + 1
        if total + encoded > budget:
            line = line.encode()[: max(0, budget - total - 1)].decode(errors="ignore").rstrip()
            encoded = len(line.encode()) + 1
        lines.append(line)
        total += encoded
    lines.append(tail)
    text = "\n".join(lines)
    assert text.count(PASTE_MARKER) == 1
    return text


@dataclass
class Run:
    """One paste into one program."""

    accepted: float  # seconds from the first byte written to the last byte taken
    marker: float  # … to the marker on screen
    freeze: float  # … to the probe key on screen after the marker
    output_bytes: int  # what the program wrote from the first byte of the paste to the probe
    rss_kib: int | None
    saved_whole: bool | None = None
    quit_seconds: float | None = None  # from q to the process's exit (winback)


@dataclass
class Subject:
    """One program under measurement."""

    name: str
    command: Callable[[Path], list[str]]
    open_editor: Callable[[PtyTerm], None]
    journal: Callable[[Path], Path] | None = None
    runs: list[Run] = field(default_factory=list)


def open_baseline(term: PtyTerm) -> None:
    """The baseline's text area has focus from the start; go below its one line."""
    term.wait_for(BASELINE_MARKER, timeout=30)
    term.wait_quiet(0.3)
    term.send("\x1b[B")  # down: to the empty last line
    term.wait_quiet(0.3)


def open_winback(term: PtyTerm) -> None:
    """Close the first-run welcome, open step 1 and enter its reflection editor."""
    wait_home(term, timeout=30)
    open_step_editor(term, STEP, timeout=30)
    term.wait_quiet(0.3)


def write_flowing(term: PtyTerm, payload: bytes, timeout: float) -> tuple[float, float]:
    """Write ``payload`` into the pty as fast as it takes it, reading output meanwhile.

    :meth:`PtyTerm.send` also copes with a full pty, but it pauses 10 ms each time
    the pty is full, which for 1 MB through a 4 KiB buffer would add seconds of
    our own. Here one ``select`` waits for either room to write or output to read.
    The harness keeps its pty descriptor private; this benchmark reads it as is.

    Returns:
        The monotonic times of the first write and of the last byte taken.
    """
    master = term._master  # the harness has no public descriptor
    if master is None:
        raise OSError("the terminal has been hung up")
    view = memoryview(payload)
    first: float | None = None
    deadline = time.monotonic() + timeout
    while view:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(view):,} bytes still unwritten after {timeout:.0f} s")
        readable, writable, _ = select.select([master], [master], [], 1.0)
        if readable:
            term._read_once(0)  # feeds the screen, notes chunk times
        if writable:
            with contextlib.suppress(BlockingIOError):
                now = time.monotonic()
                written = os.write(master, view[: 1 << 16])
                if first is None:
                    first = now
                view = view[written:]
    assert first is not None
    return first, time.monotonic()


def on_screen(term: PtyTerm, text: str) -> bool:
    """Whether ``text`` is on screen (squashed, so a soft wrap does not matter)."""
    return squash(text) in squash(term.screen_text())


def run_once(subject: Subject, text: str, args: argparse.Namespace) -> Run:
    """Start the program, paste ``text`` and the probe key, time both; check the save."""
    payload = PASTE_START + text.encode() + PASTE_END + PROBE.encode()
    with tempfile.TemporaryDirectory(prefix="winback-paste-") as tmp:
        folder = Path(tmp)
        journal = subject.journal(folder) if subject.journal else None
        command = subject.command(folder)
        with PtyTerm(command, workdir=folder, cols=args.cols, rows=args.rows) as term:
            subject.open_editor(term)
            if BRACKETED_PASTE_ON not in term.raw:
                raise RuntimeError(f"{subject.name} did not switch on bracketed paste")
            if on_screen(term, PASTE_MARKER):
                raise RuntimeError(f"{PASTE_MARKER!r} on screen before the paste")
            mark = term.mark()
            first, accepted = write_flowing(term, payload, args.timeout)
            marker_at = term.wait_for(lambda _: on_screen(term, PASTE_MARKER), args.timeout)
            probe_at = term.wait_for(lambda _: on_screen(term, PASTE_MARKER + PROBE), args.timeout)
            output = term.bytes_since(mark)
            # Shorter than the cursor's 0.5 s blink, which would keep a longer wait going.
            term.wait_quiet(0.3, timeout=args.timeout)
            if args.verbose:
                print(term.dump())
            saved_whole: bool | None = None
            quit_seconds: float | None = None
            if journal is not None:
                term.send(CTRL_S)
                term.wait_quiet(0.3, timeout=args.timeout)
                term.send_escape()
                term.wait_quiet(0.3, timeout=args.timeout)
                asked = time.monotonic()
                term.send("q")
                term.wait_exit(args.timeout)
                quit_seconds = time.monotonic() - asked
                saved_whole = saved_text(journal) == text + PROBE
            else:
                term.signal(signal.SIGTERM)
                with contextlib.suppress(ExitTimeout):
                    term.wait_exit(10)
            term.close()
            rss = term.peak_rss_kib
    return Run(
        accepted=accepted - first,
        marker=marker_at - first,
        freeze=probe_at - first,
        output_bytes=output,
        rss_kib=rss,
        saved_whole=saved_whole,
        quit_seconds=quit_seconds,
    )


def saved_text(path: Path) -> str | None:
    """Step 1's "what went wrong" answer as stored in the journal at ``path``."""
    journal = Journal.open(path)
    try:
        reflection = journal.reflection(STEP, PROMPT_ID)
        return None if reflection is None else reflection.text
    finally:
        journal.close()


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def print_table(subjects: list[Subject], text: str, args: argparse.Namespace) -> None:
    size = len(text.encode())
    print(
        f"bracketed paste then '{PROBE}', real pty {args.cols}×{args.rows},"
        f" TERM=xterm-256color COLORTERM=truecolor; paste {size:,} bytes,"
        f" {len(text):,} characters, {text.count(chr(10)) + 1:,} lines;"
        f" {args.runs} runs each, alternating; Python {platform.python_version()},"
        f" Textual {version('textual')}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print("seconds from the first byte of the paste written; × base = median ÷ baseline median")
    print()
    header = (
        f"{'program':9s} {'accepted med':>12s} {'max':>6s}"
        f" {'marker med':>10s} {'max':>6s} {'× base':>6s}"
        f" {'freeze med':>10s} {'max':>6s} {'× base':>6s}"
        f" {'out KB':>6s} {'RSS MiB':>7s} {'saved whole':>11s}"
    )
    print(header)
    print("-" * len(header))
    base = next((s for s in subjects if s.name == "baseline"), None)

    def ratio(subject: Subject, pick: Callable[[Run], float]) -> str:
        if base is None or not base.runs or not subject.runs:
            return "-"
        below = statistics.median(pick(r) for r in base.runs)
        return f"{statistics.median(pick(r) for r in subject.runs) / below:.2f}"

    for subject in subjects:
        runs = subject.runs
        if not runs:
            continue
        acc = [r.accepted for r in runs]
        mark = [r.marker for r in runs]
        frz = [r.freeze for r in runs]
        out = statistics.median(r.output_bytes for r in runs) / 1e3
        rss = max((r.rss_kib or 0) for r in runs) / 1024
        saved = "-"
        if all(r.saved_whole is not None for r in runs):
            saved = f"{sum(1 for r in runs if r.saved_whole)}/{len(runs)}"
        print(
            f"{subject.name:9s} {statistics.median(acc):12.2f} {max(acc):6.2f}"
            f" {statistics.median(mark):10.2f} {max(mark):6.2f}"
            f" {ratio(subject, lambda r: r.marker):>6s}"
            f" {statistics.median(frz):10.2f} {max(frz):6.2f}"
            f" {ratio(subject, lambda r: r.freeze):>6s}"
            f" {out:6.1f} {rss:7.0f} {saved:>11s}"
        )
    print()
    for subject in subjects:
        worst = max((r.freeze for r in subject.runs), default=0.0)
        verdict = "within" if worst <= 2.0 else "ABOVE"
        print(f"{subject.name}: longest freeze {worst:.2f} s, {verdict} the 2 s target")
        quits = [r.quit_seconds for r in subject.runs if r.quit_seconds is not None]
        if quits:
            print(
                f"{subject.name}: q to exit (saving first) {statistics.median(quits):.2f} s"
                f" median, {max(quits):.2f} s max"
            )
    print(
        "accepted: the pty took the last byte; marker: the paste's last word on screen;"
        f" freeze: '{PROBE}' on screen after it. out KB: written by the program up to then"
        " (median); RSS: peak of the program, max over runs."
    )


def results(subjects: list[Subject], text: str, args: argparse.Namespace) -> dict[str, object]:
    """What ``--json`` writes: every run of every subject, and summaries in seconds.

    Args:
        subjects: the measured programs.
        text: the pasted text.
        args: the parsed command line.

    Returns:
        ``{"runs", "paste_bytes", "paste_lines", "cols", "rows", "subjects": [{"name",
        "runs": [Run fields], "accepted_s": stats, "marker_s": stats, "freeze_s":
        stats}]}``.
    """
    return {
        "runs": args.runs,
        "paste_bytes": len(text.encode()),
        "paste_lines": text.count("\n") + 1,
        "cols": args.cols,
        "rows": args.rows,
        "subjects": [
            {
                "name": subject.name,
                "runs": [dataclasses.asdict(run) for run in subject.runs],
                "accepted_s": stats(run.accepted for run in subject.runs),
                "marker_s": stats(run.marker for run in subject.runs),
                "freeze_s": stats(run.freeze for run in subject.runs),
            }
            for subject in subjects
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (3)")
    parser.add_argument("--quick", action="store_true", help="1 run of each")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--bytes", type=int, default=1_000_000, help="paste size (1000000)")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a wait gives up (300)"
    )
    parser.add_argument(
        "--winback",
        type=Path,
        default=Path(sys.executable).parent / "winback",
        help="the installed winback script (default: beside this Python)",
    )
    parser.add_argument(
        "--only", nargs="+", choices=["baseline", "winback"], help="measure only these"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print screens")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    if not args.winback.exists():
        parser.error(f"{args.winback} not found; install winback into this environment")

    def journal_path(folder: Path) -> Path:
        return folder / "data" / "journal.json"

    app = HERE / "baseline_textarea_app.py"
    subjects = [
        Subject("baseline", lambda _: [sys.executable, str(app)], open_baseline),
        Subject(
            "winback",
            lambda folder: [str(args.winback), "--db", str(journal_path(folder))],
            open_winback,
            journal=journal_path,
        ),
    ]
    subjects = [s for s in subjects if not args.only or s.name in args.only]
    text = make_paste(args.bytes)
    started = time.monotonic()
    print(f"start: {load()}", flush=True)
    for index in range(args.runs):
        for subject in subjects:
            run = run_once(subject, text, args)
            subject.runs.append(run)
            print(
                f"run {index + 1} {subject.name}: accepted {run.accepted:.2f} s,"
                f" marker {run.marker:.2f} s, freeze {run.freeze:.2f} s"
                + ("" if run.saved_whole is None else f", saved whole: {run.saved_whole}")
                + f" ({time.monotonic() - started:.0f} s)",
                flush=True,
            )
    print(f"end: {load()}")
    print()
    print_table(subjects, text, args)
    write(args.json, "paste", args.quick, results(subjects, text, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
