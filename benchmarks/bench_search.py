"""Timeline and search on a 10,000-record journal, against naive scans, in one run.

Generates a journal with :func:`benchmarks.generate_journal.generate`, then times:

- gathering the timeline (``store.timeline.all_items``) and building the search
  index (``domain.search.SearchIndex``: every title and text folded once);
- typical queries through the index, next to two baselines over the same items
  in the same run: the naive ``query.lower() in text.lower()`` scan (which does
  not even fold accents) and folding every text again for each query (what the
  index saves);
- drawing the rows the timeline shows for a query (first 500, with snippets).

Each query is timed ``--repeat`` times; the table gives median and max in ms.

Run: python benchmarks/bench_search.py [--records 10000] [--repeat 30] [--seed 0]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_journal import generate
from winback_tui.domain.search import SearchIndex, fold, terms
from winback_tui.domain.timeline import TimelineItem
from winback_tui.screens.timeline import MAX_SEARCH_ROWS, search_row
from winback_tui.store import Journal
from winback_tui.store.timeline import all_items

QUERIES = ("cafe", "CAFÉ", "strasse", "walk", "calm friend", "a", "xyzzy")


def _time(work: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median and max wall time in ms of ``repeat`` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        start = time.perf_counter()
        generate(path, args.records, args.seed)
        generated = (time.perf_counter() - start) * 1000
        journal = Journal.open(path)
        try:
            size = path.stat().st_size
            records = journal.record_count()
            load_med, load_max, loaded = _time(lambda: all_items(journal), max(args.repeat // 5, 3))
            items = loaded if isinstance(loaded, list) else []
            index_med, index_max, built = _time(
                lambda: SearchIndex(items), max(args.repeat // 5, 3)
            )
            index = built if isinstance(built, SearchIndex) else SearchIndex(items)
        finally:
            journal.close()

    print(f"winback search benchmark · Python {platform.python_version()} · {platform.machine()}")
    print(
        f"journal: {records:,} records, {len(items):,} timeline items, "
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
        i_med, i_max, hits = _time(partial(index.search, query), args.repeat)
        n_med, n_max, _ = _time(partial(naive, items, query), args.repeat)
        r_med, r_max, _ = _time(partial(refold, items, query), max(args.repeat // 10, 2))
        found = hits if isinstance(hits, list) else []
        row_med, _, _ = _time(partial(rows, found, terms(query)), max(args.repeat // 10, 2))
        ratio = n_med / i_med if i_med else float("inf")
        print(
            f"{query!r:<13} {len(found):>6} │ {i_med:>9.2f} {i_max:>6.2f} │ {n_med:>9.2f} "
            f"{n_max:>6.2f} │ {r_med:>10.1f} {r_max:>7.1f} │ {row_med:>8.1f} │ {ratio:>10.1f}x"
        )


if __name__ == "__main__":
    main()
