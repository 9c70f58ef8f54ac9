"""Start-up time and peak memory of winback against a minimal Textual baseline.

Each run starts the program in a real pty (80×24 by default, fresh temporary HOME
and an empty journal every time) and measures the time from the fork until the
marker text is on screen, then stops it (SIGTERM, else SIGKILL) and reads its peak
RSS from ``wait4``. Runs alternate winback, baseline, winback, baseline … after
warm-up runs of each, so drift in the machine's load hits both alike.

A second winback subject is the first start after an install: the empty journal,
with winback's code cache (``winback_tui/codecache.py``: the compiled code of
its and Textual's dataclasses and named tuples) removed before each run, so
that code is compiled again, as it is once after each install.

A third winback subject opens the 10,000-record journal; a fourth opens it encrypted (made
with ``winback encrypt --passphrase-file``): the run counts from the fork
through the unlock screen (the passphrase is typed the moment it shows) to the
home screen. Argon2id's share is measured apart (``Header.unlock`` in a child
process, in the same run), so the summary gives that start-up with and without
the KDF.

The unlock screen is drawn before the dashboard's modules are imported; they are
imported on a thread once it shows, while a person types (``app_lock.prewarm``).
The benchmark types the passphrase at once, so that thread overlaps only with
the typed keys and Argon2id, never with a person's seconds of typing: for a
person the start-up after enter is shorter than measured here.

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
import json
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
from journal_copy import copy_journal  # noqa: E402
from jsonout import stats, write  # noqa: E402
from ptyterm import ExitTimeout, PtyTerm  # noqa: E402

#: The encrypted journal's passphrase (the benchmark types it).
PASSPHRASE = "benchmark passphrase"


@dataclass
class Subject:
    """One program under measurement and its results."""

    name: str
    command: Callable[[Path], list[str]]  # the command line, given a fresh folder
    marker: str
    records: int | None = None  # records in winback's journal; None for the baseline
    passphrase: str | None = None  # an encrypted journal: typed when the unlock screen shows
    first_start: bool = False  # winback's code cache is removed before each run
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    #: Encrypted only: seconds from the fork until the unlock screen showed.
    prompt_seconds: list[float] = field(default_factory=list)


#: What the unlock screen of an encrypted journal shows (``winback_tui/app.py``).
UNLOCK_PROMPT = "is encrypted. Passphrase:"


def run_once(
    subject: Subject, cols: int, rows: int, timeout: float
) -> tuple[float, int, float | None]:
    """Start ``subject`` once.

    Returns:
        (seconds until the marker showed, peak RSS KiB, seconds until the unlock
        screen showed or ``None`` for a plain journal). For an encrypted journal
        the passphrase is typed, in one write, as soon as its unlock screen shows.
    """
    with tempfile.TemporaryDirectory(prefix="winback-bench-") as tmp:
        folder = Path(tmp)
        with PtyTerm(subject.command(folder), workdir=folder, cols=cols, rows=rows) as term:
            prompt: float | None = None
            if subject.passphrase is not None:
                prompt = term.wait_for(UNLOCK_PROMPT, timeout) - term.started_at
                term.send(subject.passphrase + "\r")
            visible_at = term.wait_for(subject.marker, timeout)
            elapsed = visible_at - term.started_at
            # Let the first frames settle so the RSS covers a finished start-up.
            term.wait_quiet(0.2, timeout)
            term.signal(signal.SIGTERM)
            with contextlib.suppress(ExitTimeout):
                term.wait_exit(5)
            term.close()  # SIGKILL if SIGTERM was not enough; reaps either way
            rss = term.peak_rss_kib or 0
    return elapsed, rss, prompt


def unlock_kdf_ms(journal: Path, passphrase: str, repeats: int) -> list[float]:
    """Milliseconds of ``Header.unlock`` (Argon2id, then unwrapping the key), each run.

    In a child process, like the journal's generation: Argon2id's memory would
    otherwise raise the peak RSS every measured program inherits.
    """
    code = (
        "import json, sys, time; from pathlib import Path;"
        "from winback_tui.store import Journal;"
        "path = Path(sys.argv[1]); header = Journal.encryption(path); out = []\n"
        "for _ in range(int(sys.argv[3])):\n"
        "    start = time.perf_counter(); header.unlock(path, sys.argv[2])\n"
        "    out.append((time.perf_counter() - start) * 1000)\n"
        "print(json.dumps(out))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(journal), passphrase, str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    found: list[float] = json.loads(done.stdout)
    return found


def results(
    subjects: tuple[Subject, ...], args: argparse.Namespace, kdf_ms: list[float]
) -> dict[str, object]:
    """What ``--json`` writes: every subject's samples and their summaries.

    Args:
        subjects: the measured programs (the baseline has ``records`` ``None``).
        args: the parsed command line.
        kdf_ms: the unlock (Argon2id) times of the encrypted journal, this run.

    Returns:
        ``{"runs", "warmup", "cols", "rows", "marker", "kdf_ms": stats, "subjects":
        [{"name", "records", "encrypted", "ms": [...], "rss_kib": [...], "time_ms":
        stats, "rss_mib": stats, "prompt_ms": stats or None, "first_start": bool}]}``
        (``first_start``: the code cache was removed before each run).
    """
    return {
        "kdf_ms": stats(kdf_ms),
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
                "encrypted": subject.passphrase is not None,
                "first_start": subject.first_start,
                "prompt_ms": stats(s * 1000 for s in subject.prompt_seconds)
                if subject.prompt_seconds
                else None,
                "unlock_ms": stats(
                    (whole - prompt) * 1000
                    for whole, prompt in zip(subject.seconds, subject.prompt_seconds, strict=True)
                )
                if subject.prompt_seconds
                else None,
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
    # The first start after an install: winback's code cache (winback_tui/codecache.py)
    # is removed before each run, so the classes' generated code is compiled again.
    code_cache = Path(
        subprocess.run(
            [
                str(args.winback.parent / "python"),
                "-c",
                "from winback_tui.codecache import cache_file; print(cache_file())",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )

    def first_start(folder: Path) -> list[str]:
        code_cache.unlink(missing_ok=True)
        return [str(args.winback), "--db", str(folder / "data" / "journal.json")]

    winback_first = Subject("winback 1st", first_start, args.marker, records=0, first_start=True)
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
        copy_journal(big, target)
        return [str(args.winback), "--db", str(target)]

    winback_big = Subject(
        f"winback {args.records // 1000}k", with_big_journal, args.marker, records=args.records
    )
    # The same journal encrypted the way a user does it (winback encrypt); the
    # passphrase is typed into the unlock screen, as a user types it.
    sealed = big_dir / "sealed" / "journal.json"
    sealed.parent.mkdir(mode=0o700)
    copy_journal(big, sealed)
    secret = big_dir / "secret"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    subprocess.run(
        [str(args.winback), "encrypt", "--db", str(sealed), "--passphrase-file", str(secret)],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )

    def with_sealed_journal(folder: Path) -> list[str]:
        target = folder / "data" / "journal.json"
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        copy_journal(sealed, target)
        return [str(args.winback), "--db", str(target)]

    winback_sealed = Subject(
        f"winback {args.records // 1000}k enc",
        with_sealed_journal,
        args.marker,
        records=args.records,
        passphrase=PASSPHRASE,
    )
    subjects = (winback, winback_first, winback_big, winback_sealed, baseline)

    for _ in range(args.warmup):
        for subject in subjects:
            run_once(subject, args.cols, args.rows, args.timeout)
    for index in range(args.runs):
        for subject in subjects:
            seconds, rss, prompt = run_once(subject, args.cols, args.rows, args.timeout)
            subject.seconds.append(seconds)
            subject.rss_kib.append(rss)
            if prompt is not None:
                subject.prompt_seconds.append(prompt)
            if args.verbose:
                print(f"run {index + 1:2d} {subject.name:8s} {seconds * 1000:7.1f} ms {rss} KiB")
    kdf_ms = unlock_kdf_ms(sealed, PASSPHRASE, max(3, args.runs))

    print(
        f"start-up until visible, real pty {args.cols}×{args.rows}, {args.runs} runs each"
        f" after {args.warmup} warm-up, alternating; Python {platform.python_version()},"
        f" Textual {version('textual')}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print(f"winback marker {args.marker!r}; baseline marker {BASELINE_MARKER!r}")
    print()
    header = (
        f"{'program':16s} {'median ms':>10s} {'min ms':>8s} {'max ms':>8s}"
        f" {'peak RSS MiB (median)':>22s} {'(min-max)':>13s}"
    )
    print(header)
    print("-" * len(header))
    for subject in subjects:
        ms = [s * 1000 for s in subject.seconds]
        mib = [k / 1024 for k in subject.rss_kib]
        print(
            f"{subject.name:16s} {statistics.median(ms):10.1f} {min(ms):8.1f} {max(ms):8.1f}"
            f" {statistics.median(mib):22.1f} {f'{min(mib):.1f}-{max(mib):.1f}':>13s}"
        )
    print()
    base_ms = statistics.median(baseline.seconds) * 1000
    for subject in (winback, winback_first, winback_big, winback_sealed):
        time_ratio = statistics.median(subject.seconds) * 1000 / base_ms
        rss_ratio = statistics.median(subject.rss_kib) / statistics.median(baseline.rss_kib)
        print(
            f"{subject.name}/baseline (medians): time {time_ratio:.2f}×, peak RSS {rss_ratio:.2f}×"
        )
    sealed_ms = statistics.median(winback_sealed.seconds) * 1000
    kdf = statistics.median(kdf_ms)
    prompt_ms = statistics.median(winback_sealed.prompt_seconds) * 1000
    unlock_ms = statistics.median(
        whole - prompt
        for whole, prompt in zip(winback_sealed.seconds, winback_sealed.prompt_seconds, strict=True)
    )
    print()
    print(
        f"{winback_sealed.name}: launch to unlock screen {prompt_ms:.1f} ms (median)"
        f" = {prompt_ms / base_ms:.2f}× baseline; unlock screen to home (the passphrase typed,"
        f" Argon2id, the journal opened, home drawn) {unlock_ms * 1000:.1f} ms (median);"
        f" launch through unlock to home {sealed_ms:.1f} ms = {sealed_ms / base_ms:.2f}× baseline"
        f" (with the KDF). Argon2id unlock alone, measured apart in this run:"
        f" {kdf:.1f} ms (median of {len(kdf_ms)}); without it {sealed_ms - kdf:.1f} ms ="
        f" {(sealed_ms - kdf) / base_ms:.2f}× baseline (without the KDF)."
    )
    shutil.rmtree(big_dir, ignore_errors=True)
    write(args.json, "startup", args.quick, results(subjects, args, kdf_ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
