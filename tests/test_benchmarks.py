"""The years-of-data benchmark's screen checks and its rows in run_all's summary.

Nothing here is timed: these check that the benchmark recognises the screens it
waits for, and that the summary puts each figure beside its baseline and says
whether issue 20's targets hold.
"""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks import bench_scale, run_all

#: The timeline as it shows before any search (from a real run at 80 columns).
TIMELINE = """\
 ≡                           winback · Look back
 Timeline · 97,571 items · all steps · all kinds
 ║ 2025-12-30  journal     S1  Journal: Mother honest sad tired them mothe…   ║
"""

#: The same after searching "garden".
GARDEN = """\
 ≡                           winback · Look back
 53,427 matches · all steps · all kinds
 │     …rain waited. Instead «Garden» future book better write honest gym …   │
"""


def test_the_timeline_check_waits_for_the_counted_items() -> None:
    shows = bench_scale.shows(bench_scale.TIMELINE_SHOWN)
    assert shows(TIMELINE)
    assert not shows(TIMELINE.replace("Timeline · 97,571 items", "Reading your journal…"))


def test_the_first_rows_count_as_the_newest_page_or_everything() -> None:
    first = bench_scale.shows(bench_scale.TIMELINE_FIRST)
    assert first(TIMELINE)
    page = TIMELINE.replace("Timeline · 97,571 items", "Timeline · newest 160 · reading the rest…")
    assert first(page)
    assert not bench_scale.shows(bench_scale.TIMELINE_SHOWN)(page)
    assert not first(TIMELINE.replace("Timeline · 97,571 items", "Reading your journal…"))


def test_a_search_counts_as_answered_only_with_its_own_word_marked() -> None:
    assert bench_scale.matched("garden")(GARDEN)
    # The word of the search before: still on screen, not this search's answer.
    assert not bench_scale.matched("walk")(GARDEN)
    # Matches counted but none drawn yet.
    assert not bench_scale.matched("garden")(GARDEN.replace("«Garden»", "Garden"))
    assert not bench_scale.matched("garden")(TIMELINE)


def stats(values: list[float]) -> dict[str, Any]:
    """``jsonout.stats`` (imported apart, mypy would see that module twice)."""
    return {"n": len(values), "median": statistics.median(values), "max": max(values)}


def samples(name: str, steps: dict[str, list[float]], rss: list[int]) -> bench_scale.Samples:
    found = bench_scale.Samples(name, rss_kib=rss)
    for step, values in steps.items():
        for value in values:
            found.add(step, value)
    return found


def results(*, failed: str | None = None) -> dict[str, Any]:
    """What bench_scale writes, from made-up figures (seconds and KiB)."""
    steps = {
        "home": [0.40, 0.44],
        "timeline": [3.0, 3.2],
        "timeline_all": [3.5, 3.6],
        "search": [0.30, 0.34],
        "search_enter": [0.20, 0.22],
        "reader": [0.10, 0.12],
        "save": [0.80, 0.90],
    }
    if failed:
        del steps["reader"], steps["save"]
    ours = samples("winback", steps, [] if failed else [600 * 1024, 620 * 1024])
    bare = samples("baseline", {"home": [0.20, 0.20]}, [30 * 1024, 34 * 1024])
    screens = samples("screens", {"key_to_screen": [0.10, 0.10]}, [40 * 1024])
    inproc: dict[str, Any] = {
        "items": 97_571,
        "open_ms": 250.0,
        "all_items_ms": 4800.0,
        "index_build_ms": 3300.0,
        "index_search_ms": [200.0],
        "naive_ms": [600.0],
        "hits": 53_427,
        "save_ms": [20.0, 22.0],
        "stock_save_ms": [2800.0, 2900.0],
    }
    return {
        "records": 100_000,
        "file_bytes": 86_000_000,
        "runs_done": 0 if failed else 2,
        "cols": 80,
        "rows": 24,
        "verdicts": bench_scale.verdicts(ours, bare, inproc),
        "subjects": [ours.as_json(), bare.as_json(), screens.as_json()],
        "in_process": inproc
        | {
            "save": stats(inproc["save_ms"]),
            "stock_save": stats(inproc["stock_save_ms"]),
        },
        "stopped": None,
        "failed": failed,
    }


def summary_of(found: dict[str, Any]) -> run_all.Summary:
    summary = run_all.Summary()
    run_all.summarise_scale(found, summary)
    return summary


def row(summary: run_all.Summary, start: str) -> run_all.Row:
    return next(r for r in summary.rows if r.metric.startswith(start))


def test_every_figure_stands_beside_its_baseline_with_the_ratio() -> None:
    summary = summary_of(results())
    home = row(summary, "home visible")
    assert (home.journal, home.ours, home.base, home.ratio) == (
        "100k",
        "420 / 440",
        "200 / 200",
        "2.10× / 2.20×",
    )
    timeline = row(summary, "l: the timeline")
    assert (timeline.ours, timeline.base, timeline.ratio) == (
        "3,100 / 3,200",
        "100 / 100",
        "31.00× / 32.00×",
    )
    save = row(summary, "save one answer, in-process")
    assert (save.ours, save.base) == ("21.0 / 22.0", "2,850 / 2,900")
    peak = row(summary, "peak RSS")
    assert (peak.ours, peak.base, peak.ratio) == ("610 / 620", "32.0 / 34.0", "19.06× / 18.24×")
    for start in ("search as typed", "search, word + enter", "enter on the oldest", "a character"):
        assert row(summary, start).base == "100 / 100"


def test_the_notes_say_which_targets_hold() -> None:
    note = next(n for n in summary_of(results()).notes if "targets" in n)
    assert "home 2.10 (target ≤ 1.3× the bare app): NO" in note
    assert "timeline 3,100 (target ≤ 300 ms): NO" in note
    assert "save in-process 21.0 (target ≤ 25 ms): yes" in note


def test_a_screen_that_never_showed_leaves_gaps_and_says_so() -> None:
    summary = summary_of(results(failed="run 1: winback, step reader: not on screen"))
    assert row(summary, "enter on the oldest").ours == "- / -"
    assert row(summary, "peak RSS").ours == "- / -"
    assert row(summary, "l: the timeline").ours == "3,100 / 3,200"
    assert any("step reader: not on screen" in note for note in summary.notes)
    note = next(n for n in summary.notes if "targets" in n)
    assert "peak RSS - (target ≤ 3× the bare app): not measured" in note


def test_run_all_runs_and_summarises_the_scale_and_bytes_benchmarks() -> None:
    names = {bench.name for bench in run_all.BENCHES}
    assert {"scale", "bytes"} <= names
    assert names == set(run_all.SUMMARISERS)


def test_the_first_start_stands_apart_from_the_start_with_the_code_cache() -> None:
    def subject(name: str, ms: float, **more: Any) -> dict[str, Any]:
        figures = {"median": ms, "max": ms}
        return {"name": name, "time_ms": figures, "rss_mib": figures} | more

    found = {
        "runs": 3,
        "kdf_ms": None,
        "subjects": [
            subject("winback", 250, records=0, encrypted=False, first_start=False),
            subject("winback 1st", 300, records=0, encrypted=False, first_start=True),
            subject("baseline", 200, records=None),
        ],
    }
    summary = run_all.Summary()
    run_all.summarise_startup(found, summary)
    starts = {r.journal: r.ours for r in summary.rows if r.metric.startswith("time until home")}
    assert starts == {"empty": "250 / 250", "empty, first start (no code cache)": "300 / 300"}
