"""The Step 3 tone check on a 2,000-character draft, against plain scans of the same text.

It times :func:`winback_tui.domain.tone.check_tone` on two drafts of 2,000
characters, next to two baselines over the same text in the same run:

- ``mixed``: a letter of ordinary sentences, kind ones and hurtful ones mixed,
  as a draft in Step 3 might read (the figure the issue asks about);
- ``dense``: one short sentence with a finding in nearly every clause, repeated:
  a worst case for the number of findings;
- baseline ``regex``: one case-insensitive regular expression scan for "you";
- baseline ``keywords``: ``str.lower()`` and ``in`` for 60 trigger words, the
  cheapest check one could write.

It also times the first check after the phrase index is dropped: the one-off
cost of building it (the check builds it on first use, not at start-up).

Each check is timed ``--repeat`` times; the table gives median and max in ms.

Run from the repository root (about 5 s; ``--quick``, 200 repeats, about 2 s)::

    /work/venv/bin/python benchmarks/bench_tone.py [--quick] [--repeat 2000] [--json PATH]

``--json PATH`` also writes the results as JSON (``benchmarks/jsonout.py``), for
``benchmarks/run_all.py``, which runs every benchmark with one command.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.jsonout import stats, write
from winback_tui.domain import tone

CHARS = 2_000

#: Sentences for the mixed draft: most are ordinary, some may hurt.
SENTENCES = (
    "Hi, I hope this finds you well.",
    "I've been thinking a lot about the last few months.",
    "Work has been busy and I started running again, slowly.",
    "I'm sorry for the way I spoke to you in the car that evening.",
    "You always made the flat feel warm, and I miss that.",
    "But honestly, you never listened when I tried to explain.",
    "If you hadn't been so cold, none of this would have happened.",
    "My sister says hello, by the way.",
    "I keep replaying that night over and over.",
    "I know you said you needed space, but it's been weeks.",
    "I've been seeing a counsellor on Tuesdays and it helps.",
    "Even your friends think we should talk.",
    "I need an answer by Friday.",
    "Anyway, the cat is fine and the garden is doing well.",
    "Take care of yourself.",
    "No pressure to reply.",
)
DENSE = "Hello there. You never listen and I hope you are well. "

#: Words a naive keyword check would look for.
KEYWORDS = [
    "always",
    "never",
    "fault",
    "blame",
    "because",
    "ruined",
    "hate",
    "pathetic",
    "joke",
    "grow",
    "typical",
    "whatever",
    "fine",
    "forget",
    "done",
    "remember",
    "replay",
    "last",
    "night",
    "summer",
    "answer",
    "reply",
    "call",
    "text",
    "tonight",
    "friday",
    "chance",
    "owe",
    "deserve",
    "belong",
    "pretending",
    "please",
    "need",
    "must",
    "sorry",
    "hope",
    "happy",
    "after",
    "everything",
    "alone",
    "forever",
    "eat",
    "sleep",
    "saw",
    "story",
    "drove",
    "place",
    "even",
    "sister",
    "mom",
    "friends",
    "everyone",
    "think",
    "says",
    "right",
    "entitled",
    "least",
    "lol",
    "wow",
    "sure",
    "cool",
    "classic",
]

_YOU = re.compile(r"\byou\b", re.IGNORECASE)


def draft(sentences: tuple[str, ...] | str, chars: int = CHARS) -> str:
    """``sentences`` (or one repeated sentence) joined and cut to ``chars`` characters."""
    parts = [sentences] if isinstance(sentences, str) else list(sentences)
    text = ""
    index = 0
    while len(text) < chars:
        text += parts[index % len(parts)] + " "
        index += 1
    return text[:chars]


def keywords(text: str) -> list[str]:
    """Baseline: which trigger words occur, by lower-casing and ``in``."""
    lowered = text.lower()
    return [word for word in KEYWORDS if word in lowered]


def regex(text: str) -> int:
    """Baseline: one case-insensitive scan for "you"."""
    return len(_YOU.findall(text))


def timed(work: Callable[[], object], repeat: int) -> list[float]:
    """Every run's wall time of ``work``, in ms (after one untimed run)."""
    work()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def first_check(text: str, runs: int) -> list[float]:
    """The first check's time after the phrase index is dropped, ``runs`` times (ms)."""
    samples = []
    for _ in range(runs):
        tone._index.cache_clear()
        start = time.perf_counter()
        tone.check_tone(text)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _row(name: str, samples: list[float]) -> str:
    return f"  {name:<34} {statistics.median(samples):9.3f} {max(samples):9.3f}"


def main() -> None:
    """Time the tone check and the baselines; print a table; write ``--json``.

    ``results`` in the JSON file: ``chars``, ``repeat``, ``first_check_ms``
    (stats), and ``scenarios``: one per draft, each with ``name``,
    ``findings``, ``harmful``, ``check_ms``, ``regex_ms`` and ``keywords_ms``
    (stats of ms samples).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 repeats, 3 first checks")
    parser.add_argument("--repeat", type=int, default=2000, help="timed runs per check (2000)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args()
    repeat = 200 if args.quick else args.repeat
    firsts = 3 if args.quick else 10

    mixed = draft(SENTENCES)
    dense = draft(DENSE)
    first = first_check(mixed, firsts)
    print(
        f"tone check, {CHARS:,}-character drafts, {repeat} runs each;"
        f" Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print(f"  {'what':<34} {'median ms':>9} {'max ms':>9}")
    print(_row("first check (builds the index)", first))
    scenarios = []
    for name, text in (("mixed", mixed), ("dense", dense)):
        found = tone.check_tone(text)
        check = timed(lambda text=text: tone.check_tone(text), repeat)
        scan = timed(lambda text=text: regex(text), repeat)
        words = timed(lambda text=text: keywords(text), repeat)
        hurts = len(tone.harmful(found))
        print(f"{name} draft: {len(found)} findings, {hurts} that may hurt")
        print(_row("check_tone", check))
        print(_row("baseline: one regex scan", scan))
        print(_row(f"baseline: lower() + {len(KEYWORDS)} x in", words))
        ratio = statistics.median(check) / statistics.median(words)
        print(f"  check_tone ÷ keyword baseline (median): {ratio:.1f}×")
        scenarios.append(
            {
                "name": name,
                "findings": len(found),
                "harmful": hurts,
                "check_ms": stats(check),
                "regex_ms": stats(scan),
                "keywords_ms": stats(words),
            }
        )
    write(
        args.json,
        "tone",
        args.quick,
        {"chars": CHARS, "repeat": repeat, "first_check_ms": stats(first), "scenarios": scenarios},
    )


if __name__ == "__main__":
    main()
