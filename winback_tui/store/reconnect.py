"""Step 3's mindset ratings, read from and written to the one daily check-in.

Kept so Step 3 works unchanged until it asks the daily check-in itself:
"positive" is the check-in's mood, "confident" its confidence, "calm" its calm
(see :mod:`winback_tui.domain.daily`).
"""

from __future__ import annotations

from datetime import date

from winback_tui.domain.daily import mindset_of
from winback_tui.domain.readiness import Mindset
from winback_tui.store.daily import DailyRepo
from winback_tui.store.records import Repo


class MindsetRepo(Repo):
    """The mindset of each day that has all three ratings, as Step 3 and readiness read it."""

    TABLE = "daily"

    def all(self) -> list[Mindset]:
        """Every day with mood, confidence and calm all rated, oldest first."""
        found = (mindset_of(item) for item in DailyRepo(self.journal).all())
        return [m for m in found if m is not None]

    def on(self, day: date) -> Mindset | None:
        """The mindset of ``day``, if all three are rated."""
        return mindset_of(DailyRepo(self.journal).on(day))

    def rate(self, rating: Mindset) -> Mindset:
        """Store the day's three ratings in the daily check-in."""
        DailyRepo(self.journal).rate(
            rating.day, mood=rating.positive, confidence=rating.confident, calm=rating.calm
        )
        return rating
