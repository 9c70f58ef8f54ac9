"""Daily journal entries in the journal: one document per local day (table ``entries``).

An entry's mood lives in the daily check-in (table ``daily``, see
:mod:`winback_tui.store.daily`), the one place ratings are kept; this
repository joins it to the entry so the journal screen works unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time

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
from winback_tui.store.daily import DailyRepo
from winback_tui.store.records import Doc, Repo, iso, parse_date, parse_datetime
from winback_tui.store.schema import storable


def entry_to_doc(item: Entry) -> Doc:
    """The stored form of an entry (also used by the benchmark's bulk generator)."""
    return {
        "day": iso(item.day),
        "text": item.text,
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

    def _moods(self) -> dict[date, int]:
        return {c.day: c.mood for c in DailyRepo(self.journal).all() if c.mood is not None}

    def _mood_only(self, day: date, mood: int) -> Entry:
        """A day with a mood and no text yet, as the journal screen shows it."""
        moment = datetime.combine(day, time(12), tzinfo=self.journal.now().tzinfo)
        return Entry(day, "", created_at=moment, edited_at=moment, mood=mood)

    def all(self) -> list[Entry]:
        """Every entry (a day with only a mood included), oldest day first."""
        moods = self._moods()
        entries = {e.day: e for e in (_from_doc(d) for _, d in self._all())}
        found = [replace(e, mood=moods.get(day)) for day, e in entries.items()]
        found += [self._mood_only(day, m) for day, m in moods.items() if day not in entries]
        return sorted(found, key=lambda e: e.day)

    def days(self) -> list[date]:
        """The days that have an entry, oldest first."""
        return [entry.day for entry in self.all()]

    def on(self, day: date) -> Entry | None:
        """The entry of ``day``, or None when nothing was written or rated that day."""
        found = self._doc_for(day)
        checkin = DailyRepo(self.journal).on(day)
        mood = checkin.mood if checkin is not None else None
        if found:
            return replace(_from_doc(found[1]), mood=mood)
        return self._mood_only(day, mood) if mood is not None else None

    def _store(self, day: date, change: Callable[[Entry], Entry]) -> Entry:
        # One read-modify-write under the journal's lock: the editor saves text
        # on its own thread while the screen may set the mood at the same time.
        with self.journal._mutex:
            return self._store_locked(day, change)

    def _store_locked(self, day: date, change: Callable[[Entry], Entry]) -> Entry:
        found = self._doc_for(day)
        current = _from_doc(found[1]) if found else new_entry(day, self.journal.now())
        checkin = DailyRepo(self.journal).on(day)
        current = replace(current, mood=checkin.mood if checkin is not None else None)
        updated = change(current)
        if updated.mood != current.mood:
            DailyRepo(self.journal).rate(day, mood=updated.mood)
            if found is not None or is_blank(replace(updated, mood=None)):
                return updated  # the mood lives in the daily check-in
        if found is None:
            if is_blank(replace(updated, mood=None)):
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
