"""The labelled corpus for the tone check, with a fixed train/test split.

Each sample is a message someone might draft to an ex, labelled by hand with the
harmful kinds a careful reader would see in it (empty: nothing harmful). The
messages were written from the patterns the check is about and from ordinary
life (kind news, apology, gratitude, sadness), not from the rules' phrases.

The split is fixed in two files under ``tone_data/``:

- ``test_split.txt``: no rule may be tuned on it, so its figures estimate how
  the check does on messages it has never seen. Its first batch was written
  before any rule was tuned on the enlarged corpus, its last one after the
  rules were frozen. (Two batches in between were each checked once as test
  batches, then moved to training; their first-look figures are in the
  training file and in the git log.) The same person wrote the rules and
  these messages, so the estimate is likely kinder than messages written by
  someone else would be.
- ``train_split.txt`` holds the earlier corpus, the misses quoted in issue 17
  and more messages; the rules are tuned on it.

Print the figures with ``python -m tests.unit.tone_report`` (``--split train``
for the training split, ``--misses`` to list what it gets wrong there).
"""

from __future__ import annotations

from pathlib import Path

from winback_tui.domain.tone import Kind

DATA = Path(__file__).parent / "tone_data"

#: The label codes used in the split files.
CODES: dict[str, Kind] = {
    "B": Kind.BLAME,
    "C": Kind.CONTEMPT,
    "D": Kind.DEFENSIVENESS,
    "S": Kind.STONEWALLING,
    "P": Kind.DWELLING,
    "U": Kind.PRESSURE,
    "G": Kind.GUILT,
    "X": Kind.BOUNDARY,
    "T": Kind.TRIANGULATION,
    "E": Kind.ENTITLEMENT,
}

Sample = tuple[str, frozenset[Kind]]


def load(name: str) -> tuple[Sample, ...]:
    """Read one split file: ``LABELS | message`` per line, ``#`` for comments.

    Args:
        name: ``train`` or ``test``.

    Returns:
        The samples in file order.
    """
    samples: list[Sample] = []
    path = DATA / f"{name}_split.txt"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        labels, sep, message = line.partition("|")
        if not sep or not message.strip():
            raise ValueError(f"{path.name}:{number}: expected 'LABELS | message'")
        codes = labels.strip()
        kinds = (
            frozenset() if codes == "-" else frozenset(CODES[c.strip()] for c in codes.split(","))
        )
        samples.append((message.strip().replace("\\n", "\n"), kinds))
    return tuple(samples)


TRAIN: tuple[Sample, ...] = load("train")
TEST: tuple[Sample, ...] = load("test")
#: Both splits, for checks that do not measure quality (every rule is exercised…).
CORPUS: tuple[Sample, ...] = TRAIN + TEST
