"""Start-up time and peak memory of winback against a minimal Textual baseline.

Each run starts the program in a real pty (80×24 by default, fresh temporary HOME
and an empty journal every time) and measures the time from the fork until the
marker text is on screen, then stops it (SIGTERM, else SIGKILL) and reads its peak
RSS from ``wait4``. Runs alternate winback, baseline, winback, baseline … after
warm-up runs of each, so drift in the machine's load hits both alike.

Run from the repository root (about 30 s; ``--quick``, 3 runs each, about 10 s)::

    /work/venv/bin/python benchmarks/bench_startup.py [--quick] [--runs 10] [--marker TEXT]
        [--json PATH]

``--json PATH`` also writes the results as JSON (``benchmarks/jsonout.py``), for
``benchmarks/run_all.py``, which runs every benchmark with one command.

The pty harness is ``tests/e2e/ptyterm.py`` (shared with the e2e tests); this
script puts ``tests/e2e`` on ``sys.path`` to import it.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import shutil
import signal
import statistics
import subprocess
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

from baseline_app import MARKER as BASELINE_MARKER  # noqa: E402
from jsonout import stats, write  # noqa: E402
from ptyterm import ExitTimeout, PtyTerm  # noqa: E402


@dataclass
class Subject:
    """One program under measurement and its results."""

    name: str
    command: Callable[[Path], list[str]]  # the command line, given a fresh folder
    marker: str
    records: int | None = None  # records in winback's journal; None for the baseline
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)


def run_once(subject: Subject, cols: int, rows: int, timeout: float) -> tuple[float, int]:
    """Start ``subject`` once; return (seconds until the marker showed, peak RSS KiB)."""
    with tempfile.TemporaryDirectory(prefix="winback-bench-") as tmp:
        folder = Path(tmp)
        with PtyTerm(subject.command(folder), workdir=folder, cols=cols, rows=rows) as term:
            visible_at = term.wait_for(subject.marker, timeout)
            elapsed = visible_at - term.started_at
            # Let the first frames settle so the RSS covers a finished start-up.
            term.wait_quiet(0.2, timeout)
            term.signal(signal.SIGTERM)
            with contextlib.suppress(ExitTimeout):
                term.wait_exit(5)
            term.close()  # SIGKILL if SIGTERM was not enough; reaps either way
            rss = term.peak_rss_kib or 0
    return elapsed, rss


def results(subjects: tuple[Subject, ...], args: argparse.Namespace) -> dict[str, object]:
    """What ``--json`` writes: every subject's samples and their summaries.

    Args:
        subjects: the measured programs (the baseline has ``records`` ``None``).
        args: the parsed command line.

    Returns:
        ``{"runs", "warmup", "cols", "rows", "marker", "subjects": [{"name",
        "records", "ms": [...], "rss_kib": [...], "time_ms": stats, "rss_mib": stats}]}``.
    """
    return {
        "runs": args.runs,
        "warmup": args.warmup,
        "cols": args.cols,
        "rows": args.rows,
        "marker": args.marker,
        "baseline_marker": BASELINE_MARKER,
        "subjects": [
            {
                "name": subject.name,
                "records": subject.records,
                "ms": [s * 1000 for s in subject.seconds],
                "rss_kib": subject.rss_kib,
                "time_ms": stats(s * 1000 for s in subject.seconds),
                "rss_mib": stats(k / 1024 for k in subject.rss_kib),
            }
            for subject in subjects
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="measured runs of each (10)")
    parser.add_argument("--quick", action="store_true", help="3 measured runs of each")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs of each (1)")
    parser.add_argument(
        "--marker",
        default="Assess the Situation",
        help="text that means winback's home screen is visible (%(default)s)",
    )
    parser.add_argument(
        "--winback",
        type=Path,
        default=Path(sys.executable).parent / "winback",
        help="the installed winback script (default: beside this Python)",
    )
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--timeout", type=float, default=30.0, help="per run, seconds")
    parser.add_argument(
        "--records", type=int, default=10_000, help="records in the large journal (10000)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every run")
    args = parser.parse_args()
    if args.quick:
        args.runs = 3
    if not args.winback.exists():
        parser.error(f"{args.winback} not found; install winback into this environment")

    winback = Subject(
        "winback",
        lambda folder: [str(args.winback), "--db", str(folder / "data" / "journal.json")],
        args.marker,
        records=0,
    )
    baseline = Subject(
        "baseline",
        lambda folder: [sys.executable, str(HERE / "baseline_app.py")],
        BASELINE_MARKER,
    )
    # The same program on years of data: a 10,000-record journal generated once
    # through the store's API, copied fresh into each run's folder.
    big_dir = Path(tempfile.mkdtemp(prefix="winback-bench-10k-"))
    big = big_dir / "journal.json"
    # In a child process: a fork inherits this process's peak memory, so generating
    # here would inflate every measured program's peak RSS.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from generate_journal import generate; from pathlib import Path;"
            "generate(Path(sys.argv[2]), records=int(sys.argv[3]), seed=0)",
            str(HERE),
            str(big),
            str(args.records),
        ],
        check=True,
    )

    def with_big_journal(folder: Path) -> list[str]:
        target = folder / "data" / "journal.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(big, target)
        return [str(args.winback), "--db", str(target)]

    winback_big = Subject(
        f"winback {args.records // 1000}k", with_big_journal, args.marker, records=args.records
    )
    subjects = (winback, winback_big, baseline)

    for _ in range(args.warmup):
        for subject in subjects:
            run_once(subject, args.cols, args.rows, args.timeout)
    for index in range(args.runs):
        for subject in subjects:
            seconds, rss = run_once(subject, args.cols, args.rows, args.timeout)
            subject.seconds.append(seconds)
            subject.rss_kib.append(rss)
            if args.verbose:
                print(f"run {index + 1:2d} {subject.name:8s} {seconds * 1000:7.1f} ms {rss} KiB")

    print(
        f"start-up until visible, real pty {args.cols}×{args.rows}, {args.runs} runs each"
        f" after {args.warmup} warm-up, alternating; Python {platform.python_version()},"
        f" Textual {version('textual')}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print(f"winback marker {args.marker!r}; baseline marker {BASELINE_MARKER!r}")
    print()
    header = (
        f"{'program':12s} {'median ms':>10s} {'min ms':>8s} {'max ms':>8s}"
        f" {'peak RSS MiB (median)':>22s} {'(min-max)':>13s}"
    )
    print(header)
    print("-" * len(header))
    for subject in subjects:
        ms = [s * 1000 for s in subject.seconds]
        mib = [k / 1024 for k in subject.rss_kib]
        print(
            f"{subject.name:12s} {statistics.median(ms):10.1f} {min(ms):8.1f} {max(ms):8.1f}"
            f" {statistics.median(mib):22.1f} {f'{min(mib):.1f}-{max(mib):.1f}':>13s}"
        )
    print()
    for subject in (winback, winback_big):
        time_ratio = statistics.median(subject.seconds) / statistics.median(baseline.seconds)
        rss_ratio = statistics.median(subject.rss_kib) / statistics.median(baseline.rss_kib)
        print(
            f"{subject.name}/baseline (medians): time {time_ratio:.2f}×, peak RSS {rss_ratio:.2f}×"
        )
    shutil.rmtree(big_dir, ignore_errors=True)
    write(args.json, "startup", args.quick, results(subjects, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
