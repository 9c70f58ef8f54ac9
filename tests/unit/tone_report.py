"""Precision and recall of the tone check on a split of the labelled corpus.

Run from the repository root::

    python -m tests.unit.tone_report [--split test|train] [--misses]

It prints, for the split, how well "this message holds something harmful" is
found (per message), and precision and recall for each harmful kind. The test
split is the honest figure: no rule was tuned on it. ``--misses`` lists the
messages it gets wrong (use it on the training split when tuning).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tests.unit.tone_corpus import TEST, TRAIN, Sample
from winback_tui.domain.tone import HARMFUL_KINDS, Kind, check_tone, harmful


@dataclass
class Figures:
    """Counts for one split.

    Attributes:
        tp, fp, fn, tn: per message, "harmful" against the labels.
        kind_tp, kind_fp, kind_fn: per harmful kind.
        misses: the messages it got wrong, in words.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    kind_tp: Counter[Kind] = field(default_factory=Counter)
    kind_fp: Counter[Kind] = field(default_factory=Counter)
    kind_fn: Counter[Kind] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Of the messages marked harmful, the share labelled harmful."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Of the messages labelled harmful, the share marked harmful."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def kind_precision(self, kind: Kind) -> float | None:
        """Precision for one kind (None when it was never found)."""
        found = self.kind_tp[kind] + self.kind_fp[kind]
        return self.kind_tp[kind] / found if found else None

    def kind_recall(self, kind: Kind) -> float | None:
        """Recall for one kind (None when no message carries it)."""
        labelled = self.kind_tp[kind] + self.kind_fn[kind]
        return self.kind_tp[kind] / labelled if labelled else None


def measure(samples: Sequence[Sample]) -> Figures:
    """Check every message of ``samples`` and count against its labels."""
    figures = Figures()
    for text, labels in samples:
        found = {f.kind for f in harmful(check_tone(text))}
        if found and labels:
            figures.tp += 1
        elif found:
            figures.fp += 1
            figures.misses.append(f"false flag: {text!r} -> {sorted(found)}")
        elif labels:
            figures.fn += 1
            figures.misses.append(f"missed: {text!r} (expected {sorted(labels)})")
        else:
            figures.tn += 1
        for kind in HARMFUL_KINDS:
            figures.kind_tp[kind] += kind in found and kind in labels
            figures.kind_fp[kind] += kind in found and kind not in labels
            figures.kind_fn[kind] += kind not in found and kind in labels
        if found and labels and found != labels:
            figures.misses.append(f"kinds: {text!r} -> {sorted(found)} (labelled {sorted(labels)})")
    return figures


def _share(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def report(name: str, samples: Sequence[Sample], *, misses: bool = False) -> str:
    """The figures for one split as a small table."""
    figures = measure(samples)
    kind_ones = sum(1 for _, labels in samples if not labels)
    lines = [
        f"tone check on the {name} split: {len(samples)} messages"
        f" ({len(samples) - kind_ones} harmful, {kind_ones} kind)",
        f"message holds something harmful: precision {figures.precision:.3f},"
        f" recall {figures.recall:.3f}"
        f"  (tp={figures.tp} fp={figures.fp} fn={figures.fn} tn={figures.tn})",
        f"  {'pattern':<28} {'n':>3}  precision  recall",
    ]
    for kind in HARMFUL_KINDS:
        labelled = figures.kind_tp[kind] + figures.kind_fn[kind]
        lines.append(
            f"  {kind.value:<28} {labelled:>3}  {_share(figures.kind_precision(kind)):>9}"
            f"  {_share(figures.kind_recall(kind)):>6}"
        )
    if misses:
        lines.extend("  " + line for line in figures.misses)
    return "\n".join(lines)


def main() -> None:
    """Print the figures for the chosen split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument("--misses", action="store_true", help="list the messages it gets wrong")
    args = parser.parse_args()
    samples = TEST if args.split == "test" else TRAIN
    print(report(args.split, samples, misses=args.misses))


if __name__ == "__main__":
    main()
