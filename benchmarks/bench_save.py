"""Save latency: winback's Journal against stock TinyDB JSONStorage, in one run.

For an empty journal and journals of 100, 1,000 and 10,000 reflections it times
single saves through each store's API: a new answer (``Journal.save_reflection``
against ``table.insert``) and an edit of an existing answer (``save_reflection``
against ``table.update`` by query). Both stores hold the same documents; the two
are timed alternately, save by save, so drift in the machine affects both alike.
The empty journal (0 records) is a new one, as on a first run: its inserts are
its first answers, and each edit rewrites the answer inserted just before it.

Ours writes a temp file, fsyncs it, renames it over the journal and fsyncs the
folder; stock TinyDB rewrites the file in place, fsyncs it and truncates (which
is not crash-safe: see tests/unit/test_store_crash.py).

Run from the repository root (about 15 s; ``--quick``, 10 saves each, about 5 s)::

    /work/venv/bin/python benchmarks/bench_save.py [--quick] [--saves 30]
        [--sizes 0,100,1000,10000] [--dir DIR] [--json PATH]

``--json PATH`` also writes the results as JSON (``benchmarks/jsonout.py``), for
``benchmarks/run_all.py``, which runs every benchmark with one command.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jsonout import stats, write
from tinydb import Query, TinyDB

from winback_tui.store import Journal
from winback_tui.store.atomic import atomic_write
from winback_tui.store.schema import encode, new_journal

STEP = 2
TEXT = (
    "Today I went for the long walk I promised myself and noticed I was calmer "
    "afterwards. I still want to write to them, but I know it would be for me, not "
    "for them, so I wrote it here instead. Next: call Sam on Thursday, sleep by 11. "
) * 2  # about 460 characters, a typical answer


def _document(i: int, moment: str) -> dict[str, Any]:
    """One reflection as both stores hold it (the Journal's own document layout)."""
    return {
        "step": 1 + i % 4,
        "prompt": f"prompt-{i}",
        "text": f"{i}: {TEXT}",
        "created": moment,
        "edited": moment,
        "versions": [],
    }


def _populate_ours(path: Path, records: int, moment: str) -> None:
    """Write a journal of ``records`` reflections at once, as the Journal lays it out."""
    data = new_journal()
    data["reflections"] = {str(i + 1): _document(i, moment) for i in range(records)}
    atomic_write(path, encode(data))


def _populate_stock(path: Path, records: int, moment: str) -> None:
    """Write the same documents in stock TinyDB's layout (no meta table)."""
    data = {"reflections": {str(i + 1): _document(i, moment) for i in range(records)}}
    path.write_text(json.dumps(data))


def _percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000.0


def _measure(folder: Path, records: int, saves: int) -> dict[str, tuple[list[float], list[float]]]:
    """Time ``saves`` inserts and ``saves`` edits in each store; return ms samples."""
    ours_path = folder / f"ours-{records}" / "journal.json"
    ours_path.parent.mkdir()
    stock_path = folder / f"stock-{records}.json"
    # Written today, so an edit keeps no extra version (one per day, as in use).
    moment = datetime.now(UTC).isoformat()
    _populate_ours(ours_path, records, moment)
    _populate_stock(stock_path, records, moment)

    journal = Journal.open(ours_path)
    db = TinyDB(stock_path)  # stock JSONStorage, default settings
    table = db.table("reflections")
    answer = Query()
    try:
        assert journal.record_count() == records and len(table) == records
        # One untimed save each: both stores compute their next id on first insert.
        journal.save_reflection(STEP, "warm-up", TEXT)
        table.insert(_document(-1, moment) | {"step": STEP, "prompt": "warm-up"})

        results: dict[str, tuple[list[float], list[float]]] = {
            "insert": ([], []),
            "edit": ([], []),
        }
        for k in range(saves):
            prompt = f"new-{k}"
            ours, stock = results["insert"]
            ours.append(_time(partial(journal.save_reflection, STEP, prompt, TEXT)))
            document = _document(k, moment) | {"step": STEP, "prompt": prompt}
            stock.append(_time(partial(table.insert, document)))

            # Edit an answer that already exists (what autosave does all day); in a
            # journal that started empty, the one just inserted.
            if records:
                target = f"prompt-{(k * 37) % records}"
                step = 1 + ((k * 37) % records) % 4
            else:
                target, step = prompt, STEP
            text = f"edit {k}: {TEXT}"
            ours, stock = results["edit"]
            ours.append(_time(partial(journal.save_reflection, step, target, text)))
            where = (answer.step == step) & (answer.prompt == target)
            stock.append(_time(partial(table.update, {"text": text, "edited": moment}, where)))
        return results
    finally:
        journal.close()
        db.close()


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=30, help="timed saves per cell")
    parser.add_argument("--quick", action="store_true", help="10 timed saves per cell")
    parser.add_argument("--sizes", default="0,100,1000,10000", help="journal sizes, records")
    parser.add_argument("--dir", type=Path, help="folder for the journals (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()
    if args.quick:
        args.saves = 10
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[dict[str, object]] = []

    print(
        f"save latency, ms ({args.saves} saves each; python {platform.python_version()}, "
        f"tinydb {version('tinydb')}, {platform.system()} {platform.release()})"
    )
    header = (
        f"{'records':>8} {'save':>6} | {'ours med':>9} {'ours p95':>9} | "
        f"{'stock med':>9} {'stock p95':>9} | {'ratio med':>9} {'ratio p95':>9}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="winback-bench-", dir=args.dir) as tmp:
        for records in sizes:
            results = _measure(Path(tmp), records, args.saves)
            for op, (ours, stock) in results.items():
                ours_med, stock_med = statistics.median(ours), statistics.median(stock)
                ours_p95, stock_p95 = _percentile(ours, 0.95), _percentile(stock, 0.95)
                print(
                    f"{records:>8} {op:>6} | {ours_med:>9.2f} {ours_p95:>9.2f} | "
                    f"{stock_med:>9.2f} {stock_p95:>9.2f} | "
                    f"{ours_med / stock_med:>8.2f}x {ours_p95 / stock_p95:>8.2f}x"
                )
                rows.append(
                    {
                        "records": records,
                        "op": op,
                        "ours_ms": ours,
                        "stock_ms": stock,
                        "ours": stats(ours) | {"p95": ours_p95},
                        "stock": stats(stock) | {"p95": stock_p95},
                    }
                )
            sys.stdout.flush()
    print("ratio = ours / stock; ours also fsyncs the folder and never writes in place.")
    # JSON layout: {"saves", "sizes", "rows": [{"records", "op" ("insert"/"edit"),
    # "ours_ms": [...], "stock_ms": [...], "ours": stats+p95, "stock": stats+p95}]}.
    write(args.json, "save", args.quick, {"saves": args.saves, "sizes": sizes, "rows": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
