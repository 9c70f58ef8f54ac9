"""The home dashboard's data path, in-process, on a large journal: where its start-up time goes.

``bench_scale.py`` times home end to end in a real pty (fork to dashboard).
This script splits off the part the journal's size drives: what the home
screen reads before it can draw (``store.dashboard.dashboard_for_journal`` and
the urge line), on a fresh copy of the journal each run, with the cyclic
garbage collector paused as the app pauses it until its first frame. For each
run it prints:

- **open**: ``Journal.open`` (the index and ``_meta`` only; the day's backup
  is copied on a thread, as the app opens it);
- **first**: the dashboard straight after the open, as at start-up: it reads
  only what it needs (the chunks of recent check-ins, the summaries of
  ``store/summaries.py`` when the journal holds them, every small table);
- **kept**: the same again at the same journal revision (the memo of
  ``store/memo.py`` answers; what a screen pays when it asks again);
- **after a save**: one reflection saved, then the dashboard again (the
  revision moved, so everything is derived afresh);
- **table …**: on another fresh copy, the first read of the whole of each
  table home reads from (JSON parsed by the store, checked; no winback logic),
  in milliseconds per table: what home would pay to read them all.

No baseline: these are the parts of one figure (``bench_scale.py``'s home row
has the bare Textual app beside it). Medians of ``--runs`` runs are printed
last. The journal is ``--journal PATH`` (copied, never changed) or made with
``generate_journal.generate`` (``--records``, default 100,000, about 86 MB,
in about 15 s)::

    .venv/bin/python benchmarks/bench_home_data.py [--journal PATH | --records N] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from journal_copy import copy_journal  # noqa: E402

#: The tables home reads from (the entries table is not one of them).
TABLES = ("reflections", "contacts", "assessment", "checkins", "drafts", "goals", "urges")


def one_run(journal: Path, folder: Path) -> dict[str, float]:
    """Time home's data path on a fresh copy of ``journal``; milliseconds by phase."""
    from winback_tui.store import Journal
    from winback_tui.store.dashboard import dashboard_for_journal
    from winback_tui.store.urges import UrgesRepo, settle_quiet_urges

    copy = folder / "journal.json"
    copy_journal(journal, copy)
    found: dict[str, float] = {}

    def timed(name: str, work: Callable[[], object]) -> None:
        start = time.perf_counter()
        work()
        found[name] = (time.perf_counter() - start) * 1000

    gc.disable()  # as winback runs until its first frame (cli.py)
    try:
        opened: list[Journal] = []
        # As the app opens it: the day's backup copied on a thread of its own.
        timed("open", lambda: opened.append(Journal.open(copy, background_backup=True)))
        j = opened[0]

        def home() -> None:
            dashboard_for_journal(j, j.now().astimezone().date())
            settle_quiet_urges(j)
            UrgesRepo(j).all()

        timed("first", home)
        timed("kept", home)
        j.save_reflection(1, "what-went-wrong", "One more line, for the benchmark.")
        timed("after a save", home)
        j.close()
        whole = folder / "whole" / "journal.json"
        whole.parent.mkdir()
        copy_journal(journal, whole)
        with Journal.open(whole) as j:
            for table in TABLES:
                timed(f"table {table}", lambda table=table: j._documents(table))  # type: ignore[misc]
    finally:
        gc.enable()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, help="a journal to copy (default: generate one)")
    parser.add_argument("--records", type=int, default=100_000, help="records to generate")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="winback-bench-home-") as tmp:
        folder = Path(tmp)
        journal = args.journal
        if journal is None:
            from generate_journal import generate

            journal = generate(folder / "source.json", args.records)
        runs: list[dict[str, float]] = []
        for number in range(args.runs):
            run_folder = folder / f"run{number}"
            run_folder.mkdir()
            runs.append(one_run(journal, run_folder))
            shown = " · ".join(f"{k} {v:.0f}" for k, v in runs[-1].items())
            print(f"run {number + 1} ms: {shown}", flush=True)
    print("\nmedians, ms:")
    for name in runs[0]:
        print(f"  {name:22s} {statistics.median(r[name] for r in runs):8.1f}")
    tables = sum(statistics.median(r[f"table {t}"] for r in runs) for t in TABLES)
    print(f"  {'tables, all':22s} {tables:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
