"""Step 4's boundaries checklist and pacing settings in the journal.

Each boundary is one document: its text, position, the local date it was
created and the local dates it was kept. Keeping the ticks inside the document
means deleting a boundary removes its history in the same save.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from winback_tui.domain.boundaries import (
    NO_CONTACT_BOUNDARIES,
    Boundary,
    KeepingRate,
    KeptTick,
    default_boundary_texts,
    keeping_rate,
    moved,
    ordered,
    validate_text,
)
from winback_tui.domain.contacts import Contact
from winback_tui.domain.pacing import (
    PacingSettings,
    PacingStatus,
    pacing_status,
    settings_from_stored,
)
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.records import Doc, Repo, iso, parse_date
from winback_tui.store.schema import storable

#: Set once the defaults were offered, so deleted defaults never come back.
SEEDED_SETTING = "boundaries_seeded"
#: Set once the no-contact boundaries were offered (the day, ISO).
NO_CONTACT_SETTING = "no_contact_boundaries_seeded"
WINDOW_SETTING = "pacing_window_days"
MAX_UNANSWERED_SETTING = "pacing_max_unanswered"


def _boundary(doc_id: int, doc: Doc) -> Boundary:
    return Boundary(
        id=doc_id,
        text=str(doc.get("text", "")),
        position=int(doc.get("position", doc_id)),
        created=parse_date(doc["created"]),
    )


def _kept(doc: Doc) -> set[date]:
    days: set[date] = set()
    for text in doc.get("kept", []):
        try:
            days.add(parse_date(str(text)))
        except ValueError:
            continue  # one unreadable tick must not hide the others
    return days


class BoundariesRepo(Repo):
    """The user's boundaries, their daily ticks, and the pacing settings."""

    TABLE = "boundaries"

    # ----------------------------------------------------------------- reading
    def all(self) -> list[Boundary]:
        """Every boundary in display order."""
        return ordered(_boundary(i, d) for i, d in self._all())

    def ticks(self) -> list[KeptTick]:
        """Every day each boundary was kept, oldest first per boundary."""
        return [KeptTick(doc_id, day) for doc_id, doc in self._all() for day in sorted(_kept(doc))]

    def kept_on(self, day: date) -> set[int]:
        """Ids of the boundaries ticked on ``day``."""
        return {doc_id for doc_id, doc in self._all() if day in _kept(doc)}

    def rates(self, today: date) -> dict[int, KeepingRate]:
        """Each boundary's keeping rate over the last 30 days, by id."""
        return {
            doc_id: keeping_rate(parse_date(doc["created"]), _kept(doc), today)
            for doc_id, doc in self._all()
        }

    # ----------------------------------------------------------------- seeding
    def ensure_defaults(self, today: date) -> bool:
        """Add the default boundaries the first time only.

        The defaults are offered once per journal: if the user already has
        boundaries, or ever had the defaults (even if they deleted all of
        them), nothing is added. A read-only journal is left alone.

        Returns:
            True when the defaults were added now.

        Raises:
            JournalWriteError: the disk refused; nothing was added.
        """
        if self.journal.read_only or self.journal.get_setting(SEEDED_SETTING, False):
            return False
        if self._all():
            # Boundaries from an import, or a crash between the two saves below.
            self.journal.set_setting(SEEDED_SETTING, iso(min(b.created for b in self.all())))
            return False
        settings = self.settings()
        texts = default_boundary_texts(settings.window_days, settings.max_unanswered)
        self._insert_many(
            [
                {"text": text, "position": position, "created": iso(today), "kept": []}
                for position, text in enumerate(texts)
            ]
        )
        self.journal.set_setting(SEEDED_SETTING, iso(today))
        return True

    def ensure_no_contact(self, today: date) -> bool:
        """Add the no-contact boundaries the first time no-contact mode is seen.

        Offered once per journal, like the defaults: a boundary the user
        deleted is not brought back. A read-only journal is left alone.

        Returns:
            True when they were added now.

        Raises:
            JournalWriteError: the disk refused; nothing was added.
        """
        if self.journal.read_only or self.journal.get_setting(NO_CONTACT_SETTING, False):
            return False
        have = {b.text for b in self.all()}
        new = [t for t in NO_CONTACT_BOUNDARIES if t not in have]
        # First on the list: while no contact holds, these are the ones that matter.
        start = min((b.position for b in self.all()), default=0) - len(new)
        self._insert_many(
            [
                {"text": text, "position": start + n, "created": iso(today), "kept": []}
                for n, text in enumerate(new)
            ]
        )
        self.journal.set_setting(NO_CONTACT_SETTING, iso(today))
        return True

    def started(self, today: date) -> date:
        """The day the user began Step 4's checklist (when patience is counted from).

        The day the defaults were added; else the oldest boundary's day; else today.
        """
        value = self.journal.get_setting(SEEDED_SETTING)
        if isinstance(value, str):
            try:
                return parse_date(value)
            except ValueError:
                pass  # an unreadable value: fall back below
        return min((b.created for b in self.all()), default=today)

    # ----------------------------------------------------------------- editing
    def add(self, text: str, today: date) -> Boundary:
        """Add a boundary at the end of the list.

        Raises:
            InvalidBoundary: empty or too long (nothing is stored).
            JournalReadOnlyError, JournalWriteError: nothing is stored.
        """
        text = storable(validate_text(text))
        existing = self.all()
        position = max((b.position for b in existing), default=-1) + 1
        doc_id = self._insert(
            {"text": text, "position": position, "created": iso(today), "kept": []}
        )
        return Boundary(doc_id, text, position, today)

    def edit(self, boundary_id: int, text: str) -> Boundary:
        """Change a boundary's words; its ticks and place stay.

        Raises:
            InvalidBoundary: empty or too long (the old text stays).
            KeyError: no such boundary.
            JournalReadOnlyError, JournalWriteError: the old text stays.
        """
        text = storable(validate_text(text))
        doc = self._get(boundary_id)
        if doc is None:
            raise KeyError(boundary_id)
        if doc.get("text") != text:
            self._update(boundary_id, {"text": text})
        return _boundary(boundary_id, {**doc, "text": text})

    def delete(self, boundary_id: int) -> None:
        """Delete a boundary and its ticks (the screen asks first)."""
        self._remove(boundary_id)

    def move(self, boundary_id: int, offset: int) -> list[Boundary]:
        """Move a boundary ``offset`` places (-1 up, 1 down); return the new order.

        Only positions that change are written.
        """
        current = {b.id: b.position for b in self.all()}
        new_order = moved(self.all(), boundary_id, offset)
        for item in new_order:
            if current.get(item.id) != item.position:
                self._update(item.id, {"position": item.position})
        return new_order

    def set_kept(self, boundary_id: int, day: date, kept: bool) -> None:
        """Tick (or untick) a boundary as kept on ``day``.

        Raises:
            KeyError: no such boundary.
            JournalReadOnlyError, JournalWriteError: nothing changed.
        """
        doc = self._get(boundary_id)
        if doc is None:
            raise KeyError(boundary_id)
        days = _kept(doc)
        if (day in days) == kept:
            return
        days = days | {day} if kept else days - {day}
        self._update(boundary_id, {"kept": [iso(d) for d in sorted(days)]})

    # ---------------------------------------------------------------- settings
    def settings(self) -> PacingSettings:
        """The pacing boundary (defaults: 1 unanswered message in 7 days)."""
        return settings_from_stored(
            self.journal.get_setting(WINDOW_SETTING),
            self.journal.get_setting(MAX_UNANSWERED_SETTING),
        )

    def save_settings(self, settings: PacingSettings) -> None:
        """Store the pacing boundary (validate it with ``validate_settings`` first)."""
        self.journal.set_setting(WINDOW_SETTING, settings.window_days)
        self.journal.set_setting(MAX_UNANSWERED_SETTING, settings.max_unanswered)


def pacing_for_journal(
    journal: Journal, today: date, contacts: Sequence[Contact] | None = None
) -> PacingStatus:
    """The pacing guard's status for this journal today (for the dashboard and Step 3).

    Args:
        journal: the open journal.
        today: the local date.
        contacts: every logged contact, when the caller has already read them.
    """
    if contacts is None:
        contacts = ContactsRepo(journal).all()
    return pacing_status(contacts, today, BoundariesRepo(journal).settings())
