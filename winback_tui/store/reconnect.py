"""Step 3's mindset self-ratings: positive, confident and calm, one set per day."""

from __future__ import annotations

from datetime import date

from winback_tui.domain.readiness import Mindset
from winback_tui.store.records import Doc, Repo, iso, parse_date


def _to_doc(item: Mindset) -> Doc:
    return {
        "day": iso(item.day),
        "positive": item.positive,
        "confident": item.confident,
        "calm": item.calm,
    }


def _from_doc(doc: Doc) -> Mindset:
    return Mindset(
        day=parse_date(doc["day"]),
        positive=int(doc["positive"]),
        confident=int(doc["confident"]),
        calm=int(doc["calm"]),
    )


class MindsetRepo(Repo):
    """The mindset ratings, at most one per local day (a second one that day replaces it)."""

    TABLE = "mindset"

    def all(self) -> list[Mindset]:
        """Every rating, oldest day first."""
        return sorted((_from_doc(d) for _, d in self._all()), key=lambda m: m.day)

    def on(self, day: date) -> Mindset | None:
        """The rating of ``day``, if any."""
        for item in self.all():
            if item.day == day:
                return item
        return None

    def rate(self, rating: Mindset) -> Mindset:
        """Store the day's rating, replacing an earlier one of the same day."""
        key = iso(rating.day)
        found = [i for i, d in self._all() if d.get("day") == key]
        if found:
            self._update(found[0], _to_doc(rating))
        else:
            self._insert(_to_doc(rating))
        return rating
