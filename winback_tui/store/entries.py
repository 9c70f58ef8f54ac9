"""Journal entries in the journal (table ``entries``): one document per entry.

A local day can hold several entries (schema 3 and later; before, a day held
one, which is now simply that day's first entry). Each document has its own
text, step tag, times and versions. A day's mood lives in the daily check-in
(table ``daily``, see :mod:`winback_tui.store.daily`), the one place ratings are
kept; this repository joins it to each entry of the day.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time

from winback_tui.domain.journal_entries import (
    Entry,
    edit_text,
    in_order,
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


def _from_doc(doc_id: int, doc: Doc) -> Entry:
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
        id=doc_id,
    )


class EntriesRepo(Repo):
    """The journal: any number of entries a local day, oldest first.

    Every write raises :class:`~winback_tui.store.JournalReadOnlyError` or
    :class:`~winback_tui.store.JournalWriteError` and then changes nothing.
    """

    TABLE = "entries"

    def _stored(self, day: date | None = None) -> list[Entry]:
        """The stored entries (of ``day``, or all), oldest first, without their mood."""
        docs = self._all() if day is None else self._where("day", iso(day))
        return in_order(_from_doc(i, d) for i, d in docs)

    def _mood(self, day: date) -> int | None:
        checkin = DailyRepo(self.journal).on(day)
        return checkin.mood if checkin is not None else None

    def _mood_only(self, day: date, mood: int) -> Entry:
        """A day with a mood and no text yet, as the journal screen shows it."""
        moment = datetime.combine(day, time(12), tzinfo=self.journal.now().tzinfo)
        return Entry(day, "", created_at=moment, edited_at=moment, mood=mood)

    def all(self) -> list[Entry]:
        """Every entry (a day with only a mood included, with id 0), oldest first."""
        moods = {c.day: c.mood for c in DailyRepo(self.journal).all() if c.mood is not None}
        stored = self._stored()
        found = [replace(e, mood=moods.get(e.day)) for e in stored]
        written = {e.day for e in stored}
        found += [self._mood_only(day, m) for day, m in moods.items() if day not in written]
        return in_order(found)

    def days(self) -> list[date]:
        """The days that have an entry or a mood, oldest first (each once).

        Read from the journal's index of entry days, without reading years of
        entries.
        """
        days = set(DailyRepo(self.journal).mood_days())
        for value in self._values("day"):
            if isinstance(value, str):
                with contextlib.suppress(ValueError):
                    days.add(parse_date(value))
        return sorted(days)

    def between(self, first: date, last: date) -> list[Entry]:
        """The stored entries dated ``first`` to ``last``, with their day's mood, oldest first.

        As :meth:`all` gives them for those days, without the days that have
        only a mood. Only the chunks whose bounds meet those days are read.
        """
        journal = self.journal
        with journal._mutex:
            numbers = journal._chunks_meeting(self.TABLE, iso(first), iso(last))
            with journal._reading_chunks({} if numbers is None else {self.TABLE: numbers}):
                stored = [e for e in self._stored() if first <= e.day <= last]
        moods = {c.day: c.mood for c in DailyRepo(journal).all() if c.mood is not None}
        return [replace(e, mood=moods.get(e.day)) for e in stored]

    def first_written_day(self) -> date | None:
        """The earliest day with an entry that has words, or None.

        Chunks are read earliest first until the next one begins after the
        day found.
        """
        journal = self.journal
        with journal._mutex:
            order = journal._chunks_by_first_day(self.TABLE)
            if order is None:
                return min((e.day for e in self._stored() if e.text.strip()), default=None)
            best: date | None = None
            for first, number in order:
                if best is not None and iso(best) < first:
                    break
                with journal._reading_chunks({self.TABLE: {number}}):
                    days = [e.day for e in self._stored() if e.text.strip()]
                if days and (best is None or min(days) < best):
                    best = min(days)
            return best

    def recent_days(self, today: date, count: int) -> list[date]:
        """The newest ``count`` of :meth:`days` up to ``today``, newest first.

        Only the chunks that hold them are read (see :mod:`~winback_tui.store.recent_days`).
        """
        from winback_tui.store.recent_days import recent_days

        return recent_days(self.journal, today, count)

    def on_day(self, day: date) -> list[Entry]:
        """Every stored entry of ``day``, oldest first, each with the day's mood."""
        mood = self._mood(day)
        return [replace(e, mood=mood) for e in self._stored(day)]

    def on(self, day: date) -> Entry | None:
        """The first entry of ``day``, or None when nothing was written or rated that day.

        A day with only a mood gives an entry with no text (and id 0).
        """
        entries = self.on_day(day)
        if entries:
            return entries[0]
        mood = self._mood(day)
        return self._mood_only(day, mood) if mood is not None else None

    def get(self, entry_id: int) -> Entry:
        """One stored entry by id, with its day's mood.

        Raises:
            KeyError: no such entry.
        """
        doc = self._get(entry_id)
        if doc is None:
            raise KeyError(entry_id)
        entry = _from_doc(entry_id, doc)
        return replace(entry, mood=self._mood(entry.day))

    def _target(self, day: date, entry_id: int | None) -> Entry | None:
        """The stored entry a change is for: ``entry_id``, else ``day``'s first."""
        if entry_id is None:
            stored = self._stored(day)
            return stored[0] if stored else None
        doc = self._get(entry_id)
        if doc is None:
            raise KeyError(entry_id)
        found = _from_doc(entry_id, doc)
        if found.day != day:
            raise KeyError(entry_id)
        return found

    def _store(self, day: date, entry_id: int | None, change: Callable[[Entry], Entry]) -> Entry:
        # One read-modify-write under the journal's lock: the editor saves text
        # on its own thread while the screen may set the mood at the same time.
        with self.journal._mutex:
            found = self._target(day, entry_id)
            current = found if found is not None else new_entry(day, self.journal.now())
            current = replace(current, mood=self._mood(day))
            updated = change(current)
            if updated.mood != current.mood:
                DailyRepo(self.journal).rate(day, mood=updated.mood)
                if found is not None or is_blank(replace(updated, mood=None)):
                    return updated  # the mood lives in the daily check-in
            if found is None:
                if is_blank(replace(updated, mood=None)):
                    return updated  # nothing worth a record yet
                new_id = self._insert(entry_to_doc(updated))
                # Its first text is no earlier version of itself.
                self.journal.first_edit_this_session(self.TABLE, new_id)
                return replace(updated, id=new_id)
            if updated is not current:
                self._update(found.id, entry_to_doc(updated))
            return updated

    def add(self, day: date, text: str, *, step: int | None = None) -> Entry:
        """Store a new entry of ``day`` (never changing another); returns it with its id.

        Blank text is stored too (the journal screen's "New entry" keeps what
        is typed in it as it goes); callers that must not store an empty
        entry check first.

        Raises:
            EntryError: a step tag not 1-4 (nothing stored).
        """
        if not isinstance(text, str):
            raise TypeError("an entry's text must be a string")
        validate_step(step)
        with self.journal._mutex:
            now = self.journal.now()
            entry = replace(new_entry(day, now), text=storable(text), step=step)
            new_id = self._insert(entry_to_doc(entry))
            self.journal.first_edit_this_session(self.TABLE, new_id)
            return replace(entry, id=new_id, mood=self._mood(day))

    def save_text(self, day: date, text: str, *, entry_id: int | None = None) -> Entry:
        """Save the text of one of ``day``'s entries now, keeping a version per editing session.

        Args:
            day: the entry's day.
            text: the whole text.
            entry_id: which entry; None for the day's first (made when there is none).

        Raises:
            KeyError: ``entry_id`` is no entry of ``day``.
        """
        if not isinstance(text, str):
            raise TypeError("an entry's text must be a string")
        text = storable(text)

        def edit(entry: Entry) -> Entry:
            first = entry.text != text and bool(entry.id)
            first = first and self.journal.first_edit_this_session(self.TABLE, entry.id)
            return edit_text(entry, text, self.journal.now(), new_session=first)

        return self._store(day, entry_id, edit)

    def save_mood(self, day: date, mood: int | None) -> Entry:
        """Set (or clear, with None) the mood of ``day`` (all its entries share it).

        Raises:
            EntryError: not 1-5 (nothing stored).
        """
        validate_mood(mood)
        return self._store(day, None, lambda entry: set_mood(entry, mood))

    def save_step(self, day: date, step: int | None, *, entry_id: int | None = None) -> Entry:
        """Tag one of ``day``'s entries with a step (or clear the tag, with None).

        ``entry_id`` chooses the entry, as in :meth:`save_text`.

        Raises:
            EntryError: not 1-4 (nothing stored).
            KeyError: ``entry_id`` is no entry of ``day``.
        """
        validate_step(step)
        return self._store(day, entry_id, lambda entry: set_step(entry, step))
