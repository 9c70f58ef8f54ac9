"""Daily journal entries in the journal: one document per local day (table ``entries``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from winback_tui.domain.journal_entries import (
    Entry,
    edit_text,
    is_blank,
    new_entry,
    set_mood,
    set_step,
    validate_mood,
    validate_step,
)
from winback_tui.domain.reflections import ReflectionVersion
from winback_tui.store.records import Doc, Repo, iso, parse_date, parse_datetime
from winback_tui.store.schema import storable


def entry_to_doc(item: Entry) -> Doc:
    """The stored form of an entry (also used by the benchmark's bulk generator)."""
    return {
        "day": iso(item.day),
        "text": item.text,
        "mood": item.mood,
        "step": item.step,
        "created": iso(item.created_at),
        "edited": iso(item.edited_at),
        "versions": [{"saved": iso(v.saved_at), "text": v.text} for v in item.versions],
    }


def _optional(value: object, check: Callable[[int | None], int | None]) -> int | None:
    """A stored mood or step, or None when it is missing or unreadable."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    try:
        return check(value)
    except ValueError:
        return None


def _from_doc(doc: Doc) -> Entry:
    return Entry(
        day=parse_date(doc["day"]),
        text=str(doc.get("text", "")),
        created_at=parse_datetime(doc["created"]),
        edited_at=parse_datetime(doc["edited"]),
        mood=_optional(doc.get("mood"), validate_mood),
        step=_optional(doc.get("step"), validate_step),
        versions=tuple(
            ReflectionVersion(parse_datetime(v["saved"]), str(v["text"]))
            for v in doc.get("versions", [])
        ),
    )


class EntriesRepo(Repo):
    """The daily journal: at most one entry per local day.

    Every write raises :class:`~winback_tui.store.JournalReadOnlyError` or
    :class:`~winback_tui.store.JournalWriteError` and then changes nothing.
    """

    TABLE = "entries"

    def _doc_for(self, day: date) -> tuple[int, Doc] | None:
        key = iso(day)
        for doc_id, doc in self._all():
            if doc.get("day") == key:
                return doc_id, doc
        return None

    def all(self) -> list[Entry]:
        """Every entry, oldest day first."""
        return sorted((_from_doc(d) for _, d in self._all()), key=lambda e: e.day)

    def days(self) -> list[date]:
        """The days that have an entry, oldest first."""
        return [entry.day for entry in self.all()]

    def on(self, day: date) -> Entry | None:
        """The entry of ``day``, or None when nothing was written that day."""
        found = self._doc_for(day)
        return _from_doc(found[1]) if found else None

    def _store(self, day: date, change: Callable[[Entry], Entry]) -> Entry:
        # One read-modify-write under the journal's lock: the editor saves text
        # on its own thread while the screen may set the mood at the same time.
        with self.journal._mutex:
            return self._store_locked(day, change)

    def _store_locked(self, day: date, change: Callable[[Entry], Entry]) -> Entry:
        found = self._doc_for(day)
        current = _from_doc(found[1]) if found else new_entry(day, self.journal.now())
        updated = change(current)
        if found is None:
            if is_blank(updated):
                return updated  # nothing worth a record yet
            self._insert(entry_to_doc(updated))
        elif updated is not current:
            self._update(found[0], entry_to_doc(updated))
        return updated

    def save_text(self, day: date, text: str) -> Entry:
        """Save the text of ``day``'s entry now, keeping a version per editing session."""
        if not isinstance(text, str):
            raise TypeError("an entry's text must be a string")
        text = storable(text)

        def edit(entry: Entry) -> Entry:
            first = entry.text != text and self.journal.first_edit_this_session(self.TABLE, day)
            return edit_text(entry, text, self.journal.now(), new_session=first)

        return self._store(day, edit)

    def save_mood(self, day: date, mood: int | None) -> Entry:
        """Set (or clear, with None) the mood of ``day``'s entry.

        Raises:
            EntryError: not 1-5 (nothing stored).
        """
        validate_mood(mood)
        return self._store(day, lambda entry: set_mood(entry, mood))

    def save_step(self, day: date, step: int | None) -> Entry:
        """Tag ``day``'s entry with a step (or clear the tag, with None).

        Raises:
            EntryError: not 1-4 (nothing stored).
        """
        validate_step(step)
        return self._store(day, lambda entry: set_step(entry, step))
