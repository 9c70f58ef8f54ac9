"""The daily check-in in the journal (table ``daily``, one document per local day).

The one place ratings live: the journal's mood, Step 2's confidence and
Step 3's mindset all read and write here (see :mod:`winback_tui.domain.daily`).
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from winback_tui.domain.daily import DailyCheckIn, validate, with_ratings
from winback_tui.store.memo import per_revision, stored
from winback_tui.store.records import Doc, Repo, iso, parse_date

TABLE = "daily"


def _rating(value: Any) -> int | None:
    try:
        return validate(value) if isinstance(value, int) else None
    except ValueError:
        return None  # an unreadable value reads as not rated, never as a crash


def _from_doc(doc: Doc) -> DailyCheckIn:
    return DailyCheckIn(
        day=parse_date(doc["day"]),
        mood=_rating(doc.get("mood")),
        confidence=_rating(doc.get("confidence")),
        calm=_rating(doc.get("calm")),
    )


class DailyRepo(Repo):
    """The daily check-ins, oldest day first (the check-in dialog, charts and readiness).

    Every write raises ``JournalReadOnlyError`` or ``JournalWriteError`` and then
    changes nothing.
    """

    TABLE = TABLE

    def all(self) -> list[DailyCheckIn]:
        """Every day's check-in, oldest first."""
        # The stored documents, not copies: each is only read into a new check-in.
        docs = stored(self.journal, self.TABLE)
        return sorted((_from_doc(d) for _, d in docs), key=lambda c: c.day)

    def mood_days(self) -> list[date]:
        """The days with a mood, oldest first (read once while the check-ins are unchanged)."""

        def read() -> tuple[date, ...]:
            days = set()
            for _, doc in stored(self.journal, self.TABLE):
                if _rating(doc.get("mood")) is not None:
                    with contextlib.suppress(KeyError, TypeError, ValueError):
                        days.add(parse_date(doc["day"]))
            return tuple(sorted(days))

        return list(per_revision(self.journal, (TABLE, "mood days"), read, tables=(TABLE,)))

    def on(self, day: date) -> DailyCheckIn | None:
        """The check-in of ``day``, if any."""
        found = self._where("day", iso(day))
        return _from_doc(found[0][1]) if found else None

    def latest(self, today: date) -> DailyCheckIn | None:
        """The newest check-in up to ``today`` (a future-dated one waits)."""
        past = [c for c in self.all() if c.day <= today]
        return past[-1] if past else None

    def rate(self, day: date, **ratings: int | None) -> DailyCheckIn:
        """Set some of ``day``'s ratings (``mood=``, ``confidence=``, ``calm=``); None clears one.

        Raises:
            CheckInError: a value outside 1-5, or an unknown name (nothing stored).
        """
        with self.journal._mutex:
            key = iso(day)
            found = [(i, d) for i, d in self._all() if d.get("day") == key]
            current = _from_doc(found[0][1]) if found else DailyCheckIn(day)
            updated = with_ratings(current, **ratings)
            fields = {name: getattr(updated, name) for name in ratings}
            if found:
                self._update(found[0][0], fields)
            else:
                self._insert(
                    {
                        "day": key,
                        "mood": updated.mood,
                        "confidence": updated.confidence,
                        "calm": updated.calm,
                    }
                )
            return updated
