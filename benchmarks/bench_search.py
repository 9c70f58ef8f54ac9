"""Timeline and search on empty to 10,000-record journals, against naive scans, in one run.

For each size in ``--records`` (0, 1,000 and 10,000 by default) it makes a journal
(an empty one, as a first run creates it, for 0; else one generated with
:func:`benchmarks.generate_journal.generate`), then times:

- gathering the timeline (``store.timeline.all_items``) and building the search
  index (``domain.search_index.SearchIndex``: every title and text folded once);
- typical queries through the index, next to two baselines over the same items
  in the same run: the naive ``query.lower() in text.lower()`` scan (which does
  not even fold accents) and folding every text again for each query (what the
  index saves);
- drawing the rows the timeline shows for a query (first 500, with snippets).

Each query is timed ``--repeat`` times; the table gives median and max in ms.

Run from the repository root (about 20 s; ``--quick``, 10 repeats, about 8 s)::

    /work/venv/bin/python benchmarks/bench_search.py [--quick] [--records 0,1000,10000]
        [--repeat 30] [--seed 0] [--json PATH]

``--json PATH`` also writes the results as JSON (``benchmarks/jsonout.py``), for
``benchmarks/run_all.py``, which runs every benchmark with one command.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_journal import generate
from benchmarks.jsonout import stats, write
from winback_tui.domain.search import fold, terms
from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import TimelineItem
from winback_tui.screens.timeline import MAX_SEARCH_ROWS, search_row
from winback_tui.store import Journal
from winback_tui.store.timeline import all_items

QUERIES = ("cafe", "CAFÉ", "strasse", "walk", "calm friend", "a", "xyzzy")


def _time(
    work: Callable[[], object], repeat: int, samples: list[float] | None = None
) -> tuple[float, float, object]:
    """Median and max wall time in ms of ``repeat`` runs, and the last result.

    Args:
        work: what to time.
        repeat: how many times.
        samples: if given, every time (ms) is appended to it.
    """
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    if samples is not None:
        samples.extend(times)
    return statistics.median(times), max(times), result


def naive(items: list[TimelineItem], query: str) -> list[TimelineItem]:
    """Baseline: lower-case substring scan, no accent folding, nothing cached."""
    needle = query.lower()
    return [item for item in items if needle in item.title.lower() or needle in item.text.lower()]


def refold(items: list[TimelineItem], query: str) -> list[TimelineItem]:
    """Baseline: the same folding as the index, but redone for every query."""
    words = terms(query)
    return [
        item for item in items if all(w in fold(item.title) or w in fold(item.text) for w in words)
    ]


def rows(found: list[TimelineItem], words: tuple[str, ...]) -> list[object]:
    """The search rows the timeline draws for these results."""
    return [search_row(item, words) for item in found[:MAX_SEARCH_ROWS]]


@dataclass
class Measured:
    """One journal size's timings (ms samples), for ``--json``."""

    requested: int  # the size asked for (--records)
    records: int  # what the journal holds
    timeline_items: int
    size_bytes: int
    generated_ms: float
    all_items_ms: list[float] = field(default_factory=list)
    index_build_ms: list[float] = field(default_factory=list)
    queries: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The layout ``--json`` writes for this journal (samples and their stats)."""
        return {
            "requested": self.requested,
            "records": self.records,
            "timeline_items": self.timeline_items,
            "size_bytes": self.size_bytes,
            "generated_ms": self.generated_ms,
            "all_items_ms": stats(self.all_items_ms),
            "index_build_ms": stats(self.index_build_ms),
            "queries": self.queries,
        }


def make_journal(path: Path, records: int, seed: int) -> None:
    """Create the journal to search: new and empty for 0 records, else generated.

    Args:
        path: where (must not exist yet).
        records: how many records; 0 gives a new, empty journal.
        seed: the generator's seed.
    """
    if records:
        generate(path, records, seed)
    else:
        Journal.open(path).close()  # what a first run creates


def measure(records: int, args: argparse.Namespace) -> Measured:
    """Make a journal of ``records`` records, time the timeline and search; print the tables.

    Args:
        records: the journal's size; 0 is a new, empty journal.
        args: the parsed command line (``repeat``, ``seed``).

    Returns:
        Every timing taken, for ``--json``.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        start = time.perf_counter()
        make_journal(path, records, args.seed)
        generated = (time.perf_counter() - start) * 1000
        journal = Journal.open(path)
        load_samples: list[float] = []
        index_samples: list[float] = []
        try:
            size = path.stat().st_size
            count = journal.record_count()
            load_med, load_max, loaded = _time(
                lambda: all_items(journal), max(args.repeat // 5, 3), load_samples
            )
            items = loaded if isinstance(loaded, list) else []
            index_med, index_max, built = _time(
                lambda: SearchIndex(items), max(args.repeat // 5, 3), index_samples
            )
            index = built if isinstance(built, SearchIndex) else SearchIndex(items)
        finally:
            journal.close()
    measured = Measured(records, count, len(items), size, generated, load_samples, index_samples)

    print(
        f"journal: {count:,} records, {len(items):,} timeline items, "
        f"{size / 1e6:.1f} MB (generated in {generated:.0f} ms)"
    )
    print()
    print(f"{'step':<34} {'median ms':>10} {'max ms':>9}")
    print(f"{'all_items (gather timeline)':<34} {load_med:>10.1f} {load_max:>9.1f}")
    print(f"{'SearchIndex build (fold all)':<34} {index_med:>10.1f} {index_max:>9.1f}")
    print()
    header = (
        f"{'query':<13} {'hits':>6} │ {'index med':>9} {'max':>6} │ {'naive med':>9} "
        f"{'max':>6} │ {'refold med':>10} {'max':>7} │ {'rows med':>8} │ {'naive/index':>11}"
    )
    print(header)
    print("─" * len(header))
    for query in QUERIES:
        index_ms: list[float] = []
        naive_ms: list[float] = []
        refold_ms: list[float] = []
        rows_ms: list[float] = []
        i_med, i_max, hits = _time(partial(index.search, query), args.repeat, index_ms)
        n_med, n_max, _ = _time(partial(naive, items, query), args.repeat, naive_ms)
        r_med, r_max, _ = _time(partial(refold, items, query), max(args.repeat // 10, 2), refold_ms)
        found = hits if isinstance(hits, list) else []
        row_med, _, _ = _time(
            partial(rows, found, terms(query)), max(args.repeat // 10, 2), rows_ms
        )
        ratio = n_med / i_med if i_med else float("inf")
        print(
            f"{query!r:<13} {len(found):>6} │ {i_med:>9.2f} {i_max:>6.2f} │ {n_med:>9.2f} "
            f"{n_max:>6.2f} │ {r_med:>10.1f} {r_max:>7.1f} │ {row_med:>8.1f} │ {ratio:>10.1f}x"
        )
        measured.queries.append(
            {
                "query": query,
                "hits": len(found),
                "index_ms": stats(index_ms),
                "naive_ms": stats(naive_ms),
                "refold_ms": stats(refold_ms),
                "rows_ms": stats(rows_ms),
            }
        )
    sys.stdout.flush()
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records",
        default="0,1000,10000",
        help="journal sizes, comma-separated; 0 is a new, empty journal (%(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="10 repeats of each query")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()
    if args.quick:
        args.repeat = 10
    sizes = [int(size) for size in str(args.records).split(",")]

    print(f"winback search benchmark · Python {platform.python_version()} · {platform.machine()}")
    journals = []
    for records in sizes:
        print()
        journals.append(measure(records, args).as_json())
    # JSON layout: {"repeat", "queries", "journals": [{"requested", "records", "timeline_items",
    # "size_bytes", "generated_ms", "all_items_ms": stats, "index_build_ms": stats,
    # "queries": [{"query", "hits", "index_ms", "naive_ms", "refold_ms", "rows_ms"}]}]}
    # (each timing a stats() summary).
    write(
        args.json,
        "search",
        args.quick,
        {"repeat": args.repeat, "queries": list(QUERIES), "journals": journals},
    )


if __name__ == "__main__":
    main()
