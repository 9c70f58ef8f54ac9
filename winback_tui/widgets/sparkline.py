"""A sparkline drawn with Unicode block characters.

Textual's ``Sparkline`` widget leans on colour; here the height of each block
carries the value, so the trend still reads under ``NO_COLOR`` and in a plain
text capture.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

BLOCKS = "▁▂▃▄▅▆▇█"


def block_sparkline(values: Sequence[int], low: int = 1, high: int = 10) -> str:
    """One block per value, from ``▁`` at ``low`` to ``█`` at ``high``.

    Values outside the range are drawn at its ends; an empty sequence gives
    an empty string.
    """
    if high <= low:
        return BLOCKS[0] * len(values)
    top = len(BLOCKS) - 1
    out = []
    for value in values:
        clamped = min(max(value, low), high)
        out.append(BLOCKS[round((clamped - low) * top / (high - low))])
    return "".join(out)


class TextSparkline(Static):
    """A one-line labelled sparkline (``label ▃▄▆█ note``)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def show(self, label: str, values: Sequence[int], note: str = "") -> None:
        """Redraw with ``values``; ``note`` follows the blocks."""
        parts = [label]
        if values:
            parts.append(block_sparkline(values))
        if note:
            parts.append(note)
        self.update(" ".join(parts))
