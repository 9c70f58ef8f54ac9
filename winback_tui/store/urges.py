"""The urge log in the journal (table ``urges``) and the pause length setting."""

from __future__ import annotations

from datetime import datetime

from winback_tui.domain.contacts import Initiator
from winback_tui.domain.urges import (
    Outcome,
    Urge,
    new_urge,
    passed_quietly,
    pause_from_setting,
    settle,
)
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.records import Doc, Repo, iso, member_of, parse_datetime

PAUSE_SETTING = "urge_pause_minutes"
_OUTCOME = member_of(Outcome)


def _to_doc(item: Urge) -> Doc:
    return {
        "at": iso(item.at),
        "strength": item.strength,
        "trigger": item.trigger,
        "trigger_note": item.trigger_note,
        "instead": item.instead,
        "outcome": item.outcome.value,
        "pause_minutes": item.pause_minutes,
    }


def _from_doc(doc_id: int, doc: Doc) -> Urge:
    return Urge(
        at=parse_datetime(doc["at"]),
        strength=int(doc["strength"]),
        trigger=str(doc.get("trigger", "other")),
        trigger_note=str(doc.get("trigger_note", "")),
        instead=str(doc.get("instead", "")),
        outcome=_OUTCOME(doc.get("outcome", Outcome.PENDING.value)),
        pause_minutes=pause_from_setting(doc.get("pause_minutes")),
        id=doc_id,
    )


class UrgesRepo(Repo):
    """Logged urges, oldest first (the urge overlay and the dashboard read it).

    Every write raises ``JournalReadOnlyError`` or ``JournalWriteError`` and then
    changes nothing.
    """

    TABLE = "urges"

    def all(self) -> list[Urge]:
        """Every urge, by when it was noted."""
        return sorted((_from_doc(i, d) for i, d in self._all()), key=lambda u: (u.at, u.id))

    def get(self, urge_id: int) -> Urge:
        """One urge by id.

        Raises:
            KeyError: no such urge.
        """
        doc = self._get(urge_id)
        if doc is None:
            raise KeyError(urge_id)
        return _from_doc(urge_id, doc)

    def pause_minutes(self) -> int:
        """The pause length setting (default 10 minutes)."""
        return pause_from_setting(self.journal.get_setting(PAUSE_SETTING))

    def set_pause_minutes(self, minutes: int) -> None:
        """Store the pause length (it applies to urges noted from now on)."""
        self.journal.set_setting(PAUSE_SETTING, pause_from_setting(minutes))

    def note(
        self,
        strength: int,
        trigger: str = "other",
        trigger_note: str = "",
        instead: str = "",
        at: datetime | None = None,
    ) -> Urge:
        """Log an urge now (or ``at``), starting its pause; returns it with its id.

        Raises:
            UrgeError: bad input, with the message to show (nothing stored).
        """
        urge = new_urge(
            at or self.journal.now(), strength, trigger, trigger_note, instead, self.pause_minutes()
        )
        doc_id = self._insert(_to_doc(urge))
        return self.get(doc_id)

    def settle(self, urge_id: int, outcome: Outcome, instead: str | None = None) -> Urge:
        """Record how an urge ended: passed without contact (a win) or contacted."""
        updated = settle(self.get(urge_id), outcome, instead)
        self._update(urge_id, _to_doc(updated))
        return updated


def settle_quiet_urges(journal: Journal, now: datetime | None = None) -> list[Urge]:
    """Count as wins the urges whose pause ended with no contact the user started.

    The dashboard and the pause overlay call this; a read-only copy changes
    nothing. Returns the urges settled now.
    """
    if journal.read_only:
        return []
    now = now or journal.now()
    repo = UrgesRepo(journal)
    # Only an urge still waiting needs the contacts (years of them, read on
    # every showing of the dashboard otherwise).
    waiting = [urge for urge in repo.all() if urge.outcome is Outcome.PENDING]
    if not waiting:
        return []
    mine = [c.at for c in ContactsRepo(journal).all() if c.initiator is Initiator.ME]
    return [
        repo.settle(urge.id, Outcome.PASSED) for urge in waiting if passed_quietly(urge, mine, now)
    ]
