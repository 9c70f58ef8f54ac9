"""``bench_scale.py``'s in-process part: the journal's generation, a save, a search.

Each runs in a child process of its own (:func:`in_child`, :func:`generate_once`):
a fork inherits its parent's peak memory, so work done in the benchmark's own
process would raise the peak RSS of every program it measures afterwards.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def in_process(journal: Path, saves: int, query: str) -> dict[str, Any]:
    """Timings inside one process on copies of ``journal`` (run it in a child process).

    Returns:
        ``{"open_ms", "all_items_ms", "index_build_ms", "items", "index_search_ms",
        "naive_ms", "hits", "save_ms": [...], "stock_save_ms": [...]}``: the save
        lists hold one sample per save, ours and stock TinyDB's alternately.
    """
    from journal_copy import copy_journal, journal_bytes
    from tinydb import Query, TinyDB

    from winback_tui.domain.search_index import SearchIndex
    from winback_tui.domain.timeline import TimelineItem
    from winback_tui.store import Journal
    from winback_tui.store.segments import inline
    from winback_tui.store.timeline import all_items

    def naive(items: list[TimelineItem], query: str) -> list[TimelineItem]:
        # bench_search.py's baseline (imported from there, mypy sees its module twice).
        needle = query.lower()
        return [i for i in items if needle in i.title.lower() or needle in i.text.lower()]

    def ms(since: float) -> float:
        return (time.perf_counter() - since) * 1000

    with tempfile.TemporaryDirectory(prefix="winback-bench-scale-") as tmp:
        ours_path = Path(tmp) / "ours" / "journal.json"
        ours_path.parent.mkdir(mode=0o700)
        copy_journal(journal, ours_path)
        stock_path = Path(tmp) / "stock.json"
        # Stock TinyDB gets the same tables as one plain JSON file.
        stock_path.write_bytes(inline(journal, journal.read_bytes()))
        out: dict[str, Any] = {}
        start = time.perf_counter()
        opened = Journal.open(ours_path)
        out["open_ms"] = ms(start)
        db = TinyDB(stock_path)  # stock JSONStorage, default settings
        try:
            start = time.perf_counter()
            items = all_items(opened)
            out["all_items_ms"] = ms(start)
            out["items"] = len(items)
            start = time.perf_counter()
            index = SearchIndex(items)
            out["index_build_ms"] = ms(start)
            searched, scanned = [], []
            for _ in range(3):
                start = time.perf_counter()
                hits = index.search(query)
                searched.append(ms(start))
                start = time.perf_counter()
                naive(items, query)
                scanned.append(ms(start))
            out["index_search_ms"], out["naive_ms"] = searched, scanned
            out["hits"] = len(hits)
            del items, index, hits

            # The same answer edited in both stores: the generated journal's first.
            first = opened.reflections()[0]
            step, prompt = first.step, first.prompt_id
            table, answer = db.table("reflections"), Query()
            where = (answer.step == step) & (answer.prompt == prompt)
            assert table.get(where) is not None, "stock TinyDB does not see the same answer"
            ours, stock = [], []
            for number in range(saves):
                text = f"{first.text} (edit {number})"
                start = time.perf_counter()
                opened.save_reflection(step, prompt, text)
                ours.append(ms(start))
                start = time.perf_counter()
                table.update({"text": text}, where)
                stock.append(ms(start))
            out["save_ms"], out["stock_save_ms"] = ours, stock
            out["file_bytes"] = journal_bytes(ours_path)
        finally:
            opened.close()
            db.close()
    return out


def in_child(journal: Path, args: argparse.Namespace) -> dict[str, Any]:
    """:func:`in_process` in a child process, bounded by ``args.child_timeout``.

    ``args`` is ``bench_scale.py``'s command line (``saves``, ``query``).
    """
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
        "from scale_inprocess import in_process;"
        "print(json.dumps(in_process(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(HERE), str(journal), str(args.saves), args.query],
        check=True,
        capture_output=True,
        text=True,
        timeout=args.child_timeout,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def generate_once(path: Path, records: int, timeout: float) -> float:
    """Make the journal in a child process (its memory stays there); seconds taken."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from generate_journal import generate; from pathlib import Path;"
            "generate(Path(sys.argv[2]), records=int(sys.argv[3]), seed=0)",
            str(HERE),
            str(path),
            str(records),
        ],
        check=True,
        timeout=timeout,
    )
    return time.perf_counter() - start
