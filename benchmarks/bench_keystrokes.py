"""Bytes written to the terminal and echo latency per typed character, in a real pty.

Four programs, each in a real pty (80×24 by default, ``TERM=xterm-256color``,
``COLORTERM=truecolor``, fresh temporary HOME):

- ``baseline``: a header, Textual's stock ``TextArea`` and a footer
  (``benchmarks/baseline_textarea_app.py``);
- ``frugal``: the same minimal app with winback's ``FrugalTextArea``;
- ``winback``: the installed ``winback`` on an empty journal: the welcome overlay
  is closed with enter, ``1`` opens step 1, ``e`` enters its reflection editor;
- ``winback 10k``: the same on a generated journal of 10,000 records
  (``benchmarks/generate_journal.py``, generated once per run, copied fresh into
  the run's folder). Step 1's first answer already holds text there; the paste
  goes in front of it.

In each, a long paragraph and a few lines are pasted (bracketed paste), then:

1. ``end of line``: characters are typed one at a time at the end of the empty
   line below the paragraph;
2. ``mid-paragraph``: the same in the middle of the paragraph;
3. ``during autosave``: repeated ``--bursts`` times, one character is typed, then
   a pause (winback autosaves 0.8 s after the last keystroke, on its save
   thread), then a burst of ``--burst`` characters, one every ``--interval`` ms
   (or as soon as the previous one is on screen, if that takes longer). The burst
   starts when winback's status shows "saving…", or ``--pause`` ms (805) after
   the priming key's echo at the latest: a 10k-record save takes only tens of
   ms, so a later burst would miss it; an earlier key would restart the timer.
   Only the burst's keys are counted. The minimal apps never save: their rows
   are the same keys with nothing running beside them.

For every character of 1 and 2 the script notes the bytes the program wrote from
the key until its output settles (no output for ``--quiet`` ms); for all three,
the echo latency: from writing the key to the pty until the output that shows it
on the (emulated) screen has been read (at least one byte after the key). The
typed text is pseudo-random words, so the last few characters typed are on
screen only once the new one is.

For winback the script checks that the autosaves really ran under the bursts:
the journal file is stat-ed before each priming key and shortly after its burst
(before the burst's own autosave is due), and at the end the whole typed text
must be in the file. It prints how many bursts saw the file rewritten, where the
rewritten file's mtime (last write) and ctime (rename into place) fall relative
to each burst's first key, and the echo latency of the keys sent before the
rename, i.e. while that save was still running.

Run from the repository root (about 4-5 minutes; ``--quick`` about 2)::

    /work/venv/bin/python benchmarks/bench_keystrokes.py [--quick] [--keys 120]
        [--bursts 12] [--only NAME ...] [--json PATH]

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
from generate_journal import generate  # noqa: E402
from journal_copy import copy_journal  # noqa: E402
from jsonout import stats, write  # noqa: E402
from ptyterm import PtyTerm, squash  # noqa: E402
from winback_ui import journal_holds, open_step_editor, wait_home  # noqa: E402

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
#: Scenario names, in table order.
END_OF_LINE, MIDDLE, AUTOSAVE = "end of line", "mid-paragraph", "during autosave"


@dataclass
class Scenario:
    """One run of typed characters and what each cost."""

    name: str
    sizes: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


@dataclass
class SaveCheck:
    """Evidence that winback's autosaves ran while the bursts were typed."""

    bursts: int = 0
    rewritten: int = 0  # bursts whose priming key's save rewrote the journal
    keys: int = 0
    keys_before_write: int = 0  # burst keys sent before the rewritten file's mtime
    saving_seen: int = 0  # bursts started on the status showing "saving…"
    write_offsets: list[float] = field(default_factory=list)  # mtime - first burst key (s)
    rename_offsets: list[float] = field(default_factory=list)  # ctime - first burst key (s)
    overlapped: list[float] = field(default_factory=list)  # echo (s) of keys sent before ctime
    size_before: int = 0
    size_after: int = 0
    text_on_disk: bool | None = None


@dataclass
class Subject:
    """One program under measurement."""

    name: str
    command: Callable[[Path], list[str]]
    open_editor: Callable[[PtyTerm], None]
    journal: Callable[[Path], Path] | None = None  # where winback keeps it
    records: int | None = None  # records in winback's journal; None for the minimal apps
    scenarios: list[Scenario] = field(default_factory=list)
    saves: SaveCheck | None = None


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

    Only output written after the key counts (so a short text that happens to be
    on screen already is not taken for the echo). Then either the last
    :data:`TAIL` typed characters are on screen (squashed, so a soft wrap does not
    matter), or the terminal cursor has moved and sits just after the new
    character (for an editor beside other text, where a wrapped line does not
    read on as one string).
    """
    tail = squash(text[-TAIL:])
    character = text[-1]
    before = (term.screen.cursor.x, term.screen.cursor.y)
    mark = term.mark()

    def check(screen: str) -> bool:
        if term.bytes_since(mark) == 0:
            return False
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


def saving_shown(screen: str) -> bool:
    """winback's editor status says a save is in flight."""
    return "saving…" in screen


def saved_shown(screen: str) -> bool:
    """winback's editor status says everything typed is saved."""
    return "· saved" in screen


def _stat(path: Path | None) -> os.stat_result | None:
    if path is None:
        return None
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def bursts_during_autosave(
    term: PtyTerm,
    scenario: Scenario,
    typed: str,
    text: str,
    args: argparse.Namespace,
    journal: Path | None,
    saves: SaveCheck | None,
) -> str:
    """Type priming key, pause, burst, ``args.bursts`` times; return everything typed.

    ``typed`` is what was typed just before at the same place, so the echo check
    has a long tail from the first key on.
    """
    step = args.burst + 1
    for index in range(args.bursts):
        chunk = text[index * step : (index + 1) * step]
        # Let the previous burst's own autosave (due 0.8 s after its last key) finish.
        # Not wait_quiet: the text cursor blinks (a write every 0.5 s) while idle.
        term.pump(1.0)
        if journal is not None:
            term.wait_for(saved_shown, timeout=15)
        before = _stat(journal)
        # The priming key: its autosave is due AUTOSAVE_DELAY (0.8 s) after it.
        typed += chunk[0]
        check = echoed(term, typed)
        term.send(chunk[0])
        primed = term.wait_for(check, timeout=10)
        # Start the burst as soon as the status says the save is running (seen on the
        # 10k journal; an empty journal saves too fast to show it), else after --pause.
        with contextlib.suppress(TimeoutError):
            term.wait_for(
                saving_shown, timeout=max(0.0, primed + args.pause / 1000 - time.monotonic())
            )
            if saves is not None:
                saves.saving_seen += 1
        sent_wall: list[float] = []
        first = len(scenario.latencies)
        for character in chunk[1:]:
            typed += character
            check = echoed(term, typed)
            sent = time.monotonic()
            sent_wall.append(time.time())
            term.send(character)
            shown = term.wait_for(check, timeout=10)
            scenario.latencies.append(shown - sent)
            term.pump(max(0.0, sent + args.interval / 1000 - time.monotonic()))
        # Long enough for a slow save of the priming text to land, well before the
        # burst's own autosave (0.8 s after its last key) is due.
        term.pump(0.4)
        after = _stat(journal)
        if saves is not None and before is not None and after is not None:
            saves.bursts += 1
            saves.keys += len(sent_wall)
            if after.st_mtime_ns != before.st_mtime_ns or after.st_ino != before.st_ino:
                saves.rewritten += 1
                written = after.st_mtime_ns / 1e9
                saves.keys_before_write += sum(1 for at in sent_wall if at < written)
                saves.write_offsets.append(written - sent_wall[0])
                renamed = after.st_ctime_ns / 1e9
                saves.rename_offsets.append(renamed - sent_wall[0])
                saves.overlapped.extend(
                    latency
                    for at, latency in zip(sent_wall, scenario.latencies[first:], strict=True)
                    if at < renamed
                )
    return typed


def run_subject(subject: Subject, args: argparse.Namespace) -> None:
    """Start the program, paste a paragraph, then type at a line's end and mid-paragraph."""
    quiet = args.quiet / 1000
    with tempfile.TemporaryDirectory(prefix="winback-keys-") as tmp:
        folder = Path(tmp)
        command = subject.command(folder)
        journal = subject.journal(folder) if subject.journal else None
        with PtyTerm(command, workdir=folder, cols=args.cols, rows=args.rows) as term:
            subject.open_editor(term)
            term.send(PASTE_START + PASTE + PASTE_END)
            term.wait_for(AFTER[2], timeout=10)
            # Up to the empty line below the paragraph: type at the end of that line.
            term.send(UP * (len(AFTER) - 1))
            # Let every follow-up settle (winback autosaves 0.8 s after the last edit).
            # Not wait_quiet: the text cursor blinks (a write every 0.5 s) while idle.
            term.pump(1.5)

            end_of_line = Scenario(END_OF_LINE)
            type_and_measure(term, end_of_line, typing_text(args.keys, 1), quiet)

            # Up into the middle of the paragraph (the typed line wraps to 2-3 rows).
            term.send(UP * 6)
            term.pump(1.5)
            middle = Scenario(MIDDLE)
            middle_text = typing_text(args.keys, 2)
            type_and_measure(term, middle, middle_text, quiet)

            # Go on typing in the same place, in bursts that overlap an autosave.
            during = Scenario(AUTOSAVE)
            saves = SaveCheck() if journal is not None else None
            if saves is not None and journal is not None:
                saves.size_before = journal.stat().st_size
            burst_text = typing_text(args.bursts * (args.burst + 1), 3)
            bursts_during_autosave(term, during, middle_text, burst_text, args, journal, saves)
            subject.scenarios = [end_of_line, middle, during]
            if saves is not None and journal is not None:
                term.pump(1.0)  # the last burst's autosave is due 0.8 s after it
                term.wait_for(saved_shown, timeout=15)
                saves.size_after = journal.stat().st_size
                saves.text_on_disk = journal_holds(journal, middle_text + burst_text)
                subject.saves = saves
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
    wait_home(term, timeout=30)
    open_step_editor(term, 1, timeout=30)
    term.wait_quiet(0.3)


def describe(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), max(values)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def print_table(subjects: list[Subject], args: argparse.Namespace, started: float) -> None:
    print(
        f"bytes written and echo latency per typed character, real pty {args.cols}×{args.rows},"
        f" TERM=xterm-256color COLORTERM=truecolor, {args.keys} keys per typing scenario,"
        f" {args.bursts} bursts of {args.burst} keys every {args.interval:.0f} ms after a"
        f" {args.pause:.0f} ms pause; Python {platform.python_version()},"
        f" Textual {version('textual')}, {time.strftime('%Y-%m-%d %H:%M')},"
        f" {time.monotonic() - started:.0f} s"
    )
    print()
    header = (
        f"{'program':12s} {'where':16s} {'bytes med':>9s} {'max':>6s} {'× base':>7s}"
        f" {'echo ms med':>11s} {'max':>6s} {'× base':>7s}"
    )
    print(header)
    print("-" * len(header))
    baseline = {
        s.name: s for s in next((x.scenarios for x in subjects if x.name == "baseline"), [])
    }
    for subject in subjects:
        for scenario in subject.scenarios:
            base = baseline.get(scenario.name)
            lat_med, lat_max = describe([t * 1000 for t in scenario.latencies])
            lat_ratio = "-"
            if base is not None:
                lat_ratio = f"{lat_med / (statistics.median(base.latencies) * 1000):.2f}"
            if scenario.sizes:
                size_med, size_max = describe([float(s) for s in scenario.sizes])
                size_ratio = "-"
                if base is not None and base.sizes:
                    size_ratio = f"{size_med / statistics.median(base.sizes):.3f}"
                sizes = f"{size_med:9.0f} {size_max:6.0f} {size_ratio:>7s}"
            else:
                sizes = f"{'-':>9s} {'-':>6s} {'-':>7s}"
            print(
                f"{subject.name:12s} {scenario.name:16s} {sizes}"
                f" {lat_med:11.1f} {lat_max:6.1f} {lat_ratio:>7s}"
            )
    print()
    print(
        f"'{AUTOSAVE}': echo of each burst key; a burst starts when winback's status shows"
        f" 'saving…' or {args.pause:.0f} ms after the priming key; the minimal apps never save."
    )
    for subject in subjects:
        saves = subject.saves
        if saves is None:
            continue
        offsets = ", ".join(
            f"{w * 1000:+.0f}/{r * 1000:+.0f}"
            for w, r in zip(saves.write_offsets, saves.rename_offsets, strict=True)
        )
        overlap = "no burst key sent before the renamed file's ctime"
        if saves.overlapped:
            med, top = describe([t * 1000 for t in saves.overlapped])
            overlap = (
                f"echo of the {len(saves.overlapped)} keys sent before the rename (ctime):"
                f" median {med:.1f} ms, max {top:.1f} ms"
            )
        print(
            f"{subject.name}: journal rewritten during {saves.rewritten}/{saves.bursts} bursts"
            f" ({saves.saving_seen} started on 'saving…');"
            f" {saves.keys_before_write}/{saves.keys} burst keys sent before the rewritten"
            f" file's mtime (mtime/ctime - first burst key, ms: {offsets});"
            f" {overlap};"
            f" {saves.size_before:,} -> {saves.size_after:,} bytes;"
            f" all typed text on disk at the end: {'yes' if saves.text_on_disk else 'NO'}"
        )


def results(subjects: list[Subject], args: argparse.Namespace) -> dict[str, object]:
    """What ``--json`` writes: every subject's samples per scenario, and its save check.

    Args:
        subjects: the measured programs (the minimal apps have ``records`` ``None``).
        args: the parsed command line.

    Returns:
        ``{"keys", "bursts", "burst", "interval_ms", "pause_ms", "cols", "rows",
        "subjects": [{"name", "records", "scenarios": {name: {"bytes": [...],
        "echo_ms": [...], "bytes_stats": stats, "echo_ms_stats": stats}},
        "saves": {...} or None, "echo_ms_while_saving": stats or None}]}``.
    """
    out: list[dict[str, object]] = []
    for subject in subjects:
        saves = subject.saves
        out.append(
            {
                "name": subject.name,
                "records": subject.records,
                "scenarios": {
                    scenario.name: {
                        "bytes": scenario.sizes,
                        "echo_ms": [t * 1000 for t in scenario.latencies],
                        "bytes_stats": stats(float(b) for b in scenario.sizes),
                        "echo_ms_stats": stats(t * 1000 for t in scenario.latencies),
                    }
                    for scenario in subject.scenarios
                },
                "saves": None if saves is None else dataclasses.asdict(saves),
                "echo_ms_while_saving": (
                    None if saves is None else stats(t * 1000 for t in saves.overlapped)
                ),
            }
        )
    return {
        "keys": args.keys,
        "bursts": args.bursts,
        "burst": args.burst,
        "interval_ms": args.interval,
        "pause_ms": args.pause,
        "cols": args.cols,
        "rows": args.rows,
        "subjects": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=120, help="characters per scenario (120)")
    parser.add_argument("--bursts", type=int, default=12, help="bursts during autosave (12)")
    parser.add_argument("--burst", type=int, default=10, help="keys per burst (10)")
    parser.add_argument(
        "--interval", type=float, default=12, help="ms between burst keys, at least (12)"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=805,
        help="ms from priming key to burst, at most: earlier if 'saving…' shows (805)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"fewer keys: --keys {2 * TAIL} --bursts 10 (about half the time)",
    )
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
    big_name = "winback 10k"
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["baseline", "frugal", "winback", big_name],
        help="measure only these",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print final screens")
    args = parser.parse_args()
    if args.quick:
        args.keys, args.bursts = 2 * TAIL, 10
    if args.keys < 2 * TAIL:
        parser.error(f"--keys must be at least {2 * TAIL}")
    if not args.winback.exists():
        parser.error(f"{args.winback} not found; install winback into this environment")

    started = time.monotonic()
    print(f"start: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="winback-keys-big-") as big_dir:
        # Years of data: generated once through the store's API, copied fresh per run.
        big = Path(big_dir) / "journal.json"
        if not args.only or big_name in args.only:
            generate(big, records=10_000, seed=0)

        def empty_journal(folder: Path) -> Path:
            return folder / "data" / "journal.json"

        def with_big_journal(folder: Path) -> list[str]:
            target = empty_journal(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            copy_journal(big, target)
            return [str(args.winback), "--db", str(target)]

        app = HERE / "baseline_textarea_app.py"
        subjects = [
            Subject("baseline", lambda _: [sys.executable, str(app)], open_baseline),
            Subject("frugal", lambda _: [sys.executable, str(app), "--frugal"], open_baseline),
            Subject(
                "winback",
                lambda folder: [str(args.winback), "--db", str(empty_journal(folder))],
                open_winback,
                journal=empty_journal,
                records=0,
            ),
            Subject(
                big_name, with_big_journal, open_winback, journal=empty_journal, records=10_000
            ),
        ]
        subjects = [s for s in subjects if not args.only or s.name in args.only]
        for subject in subjects:
            run_subject(subject, args)
            print(f"{subject.name} done after {time.monotonic() - started:.0f} s", flush=True)

    print(f"end: {load()}")
    print()
    print_table(subjects, args, started)
    write(args.json, "keystrokes", args.quick, results(subjects, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
