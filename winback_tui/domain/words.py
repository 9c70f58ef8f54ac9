"""Small helpers for the words the app shows: plurals done properly, never "day(s)"."""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """``count`` with the right form of its noun: ``1 day``, ``0 days``, ``3 days``.

    Both forms are given in full, so irregular nouns read right too
    (``plural(2, "person", "people")``).
    """
    return f"{count} {one if count == 1 else many}"
