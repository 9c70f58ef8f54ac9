"""Machine-readable results for the benchmark scripts (their ``--json PATH`` option).

Every ``bench_*.py`` script prints its own table for people; given ``--json PATH``
it also writes what it measured to ``PATH`` through :func:`write`, so
``benchmarks/run_all.py`` can build its combined summary without reading tables.

Each file is one JSON object::

    {"benchmark": "startup", "quick": false, "environment": {...}, "results": {...}}

``results`` is the script's own layout (described in its ``main``); times are in
milliseconds unless a key says otherwise (``_s``), and a group of samples is
summarised by :func:`stats`.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


def stats(values: Iterable[float]) -> dict[str, float | int | None]:
    """Count, median, min and max of ``values`` (``None`` for each when there are none).

    Args:
        values: the samples.

    Returns:
        ``{"n": ..., "median": ..., "min": ..., "max": ...}``.
    """
    samples = list(values)
    if not samples:
        return {"n": 0, "median": None, "min": None, "max": None}
    return {
        "n": len(samples),
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
    }


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def environment() -> dict[str, Any]:
    """Where and when the measurement ran: versions, machine and its load."""
    one, five, fifteen = os.getloadavg()
    return {
        "python": platform.python_version(),
        "textual": _version("textual"),
        "tinydb": _version("tinydb"),
        "winback": _version("winback"),
        "system": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": [one, five, fifteen],
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def write(path: Path | None, benchmark: str, quick: bool, results: dict[str, Any]) -> None:
    """Write one benchmark's results to ``path`` as JSON; do nothing when it is ``None``.

    Args:
        path: the file to write (its folder is created), or ``None``.
        benchmark: the benchmark's short name (``startup``, ``keystrokes``…).
        quick: whether it ran with ``--quick``.
        results: what it measured, in the script's own layout.
    """
    if path is None:
        return
    document = {
        "benchmark": benchmark,
        "quick": quick,
        "environment": environment(),
        "results": results,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
