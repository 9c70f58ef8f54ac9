"""One daily check-in: how the user feels today, each quantity on one 1-5 scale.

Before, the journal asked a mood 1-5, Step 2 a confidence 1-10 and Step 3
"positive / confident / calm" 1-5. Now there is one check-in a day with three
quantities, asked in one place and read everywhere (readiness, charts, the
dashboard):

* ``mood``: how you feel overall (Step 3's "positive" is this quantity);
* ``confidence``: how confident you feel (Step 2's and Step 3's confidence);
* ``calm``: how calm you feel.

Each runs from 1 (very low) to 5 (very good) and may be left out.

Older 1-10 confidence ratings are converted by :func:`ten_to_five`: each pair
of the old scale becomes one step of the new (1-2 -> 1, 3-4 -> 2, 5-6 -> 3,
7-8 -> 4, 9-10 -> 5), that is ``ceil(value / 2)``; so every new value stands
for exactly two old ones and nothing is rounded up or down unevenly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from winback_tui.domain.readiness import Mindset

SCALE_MIN = 1
SCALE_MAX = 5
QUANTITIES: tuple[tuple[str, str], ...] = (
    ("mood", "How is your mood today?"),
    ("confidence", "How confident do you feel?"),
    ("calm", "How calm do you feel?"),
)
WORDS: dict[int, str] = {1: "very low", 2: "low", 3: "so-so", 4: "good", 5: "very good"}


class CheckInError(ValueError):
    """A rating the check-in cannot keep (the message is for the user)."""


@dataclass(frozen=True)
class DailyCheckIn:
    """The check-in of one local day; None where the user gave no rating."""

    day: date
    mood: int | None = None
    confidence: int | None = None
    calm: int | None = None

    @property
    def empty(self) -> bool:
        """Whether no quantity is rated."""
        return self.mood is None and self.confidence is None and self.calm is None


def validate(value: int | None, name: str = "A rating") -> int | None:
    """Return ``value`` when it is 1-5 or None.

    Raises:
        CheckInError: anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise CheckInError(f"{name} is a number from {SCALE_MIN} (very low) to {SCALE_MAX}.")
    return value


def parse_rating(text: str, name: str = "A rating") -> int | None:
    """Read one typed rating: empty for none, else a whole number from 1 to 5.

    The check-in dialog reads every quantity with this, so the scale is typed
    and refused the same way wherever it is asked.

    Raises:
        CheckInError: anything else; the message names the quantity.
    """
    tidy = text.strip()
    if not tidy:
        return None
    # isdecimal: any script's digits ("٣" is 3), never "²" or "2.5".
    if not tidy.isdecimal() or not SCALE_MIN <= int(tidy) <= SCALE_MAX:
        raise CheckInError(f"{name}: a whole number from {SCALE_MIN} to {SCALE_MAX}, or empty.")
    return int(tidy)


def ten_to_five(value: int) -> int:
    """An old 1-10 confidence on the 1-5 scale: ``ceil(value / 2)``, kept within 1-5."""
    return min(max((value + 1) // 2, SCALE_MIN), SCALE_MAX)


def with_ratings(item: DailyCheckIn, **ratings: int | None) -> DailyCheckIn:
    """The check-in with some quantities changed (validated); others stay."""
    for name, value in ratings.items():
        if name not in {q for q, _ in QUANTITIES}:
            raise CheckInError(f"There is no rating called {name!r}.")
        validate(value, name.capitalize())
    return replace(item, **ratings)  # type: ignore[arg-type]


def mindset_of(item: DailyCheckIn | None) -> Mindset | None:
    """The readiness check's mindset from a check-in (all three rated), else None.

    Step 3's "positive" is the check-in's mood.
    """
    if item is None or item.mood is None or item.confidence is None or item.calm is None:
        return None
    return Mindset(item.day, item.mood, item.confidence, item.calm)


def label(item: DailyCheckIn) -> str:
    """``mood 4/5 · confidence 3/5 · calm 2/5`` (rated quantities only)."""
    parts = [
        f"{name} {value}/5"
        for name, value in (
            ("mood", item.mood),
            ("confidence", item.confidence),
            ("calm", item.calm),
        )
        if value is not None
    ]
    return " · ".join(parts) if parts else "no ratings"
