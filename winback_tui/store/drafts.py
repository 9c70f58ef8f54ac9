"""Unsent drafts (Step 3): several, each with its history and when it was marked ready.

Nothing here sends anything: a draft is the user's own text, kept in the journal.
"""

from __future__ import annotations

from datetime import datetime

from winback_tui.domain.reconnect import (
    Draft,
    clean_title,
    cooling_off_from_setting,
    edit_draft,
    new_draft,
)
from winback_tui.domain.reflections import ReflectionVersion
from winback_tui.store import summaries
from winback_tui.store.records import Doc, Repo, iso, parse_datetime
from winback_tui.store.schema import storable

#: The summary of how many drafts have some text (:mod:`~winback_tui.store.summaries`).
WRITTEN = "drafts-written"

#: The setting Step 3's "pause length" writes (the same key the screen uses).
COOLING_OFF_SETTING = "cooling_off_minutes"


def _to_doc(item: Draft) -> Doc:
    return {
        "title": item.title,
        "text": item.text,
        "created": iso(item.created_at),
        "edited": iso(item.edited_at),
        "versions": [{"saved": iso(v.saved_at), "text": v.text} for v in item.versions],
        "ready": iso(item.ready_at) if item.ready_at is not None else None,
        "rest_minutes": item.rest_minutes,
    }


def _from_doc(doc_id: int, doc: Doc) -> Draft:
    ready = doc.get("ready")
    return Draft(
        title=str(doc.get("title", "")),
        text=str(doc.get("text", "")),
        created_at=parse_datetime(doc["created"]),
        edited_at=parse_datetime(doc["edited"]),
        versions=tuple(
            ReflectionVersion(parse_datetime(v["saved"]), str(v["text"]))
            for v in doc.get("versions", [])
        ),
        ready_at=parse_datetime(ready) if isinstance(ready, str) else None,
        id=doc_id,
        rest_minutes=_rest(doc.get("rest_minutes")),
    )


def _rest(value: object) -> int | None:
    """A stored cooling-off length, or None (older drafts, or a damaged value)."""
    if value is None:
        return None
    return cooling_off_from_setting(value) if isinstance(value, int) else None


class DraftsRepo(Repo):
    """The user's unsent drafts, oldest first.

    Every write raises :class:`~winback_tui.store.JournalReadOnlyError` or
    :class:`~winback_tui.store.JournalWriteError` and then changes nothing.
    """

    TABLE = "drafts"

    def _rest_minutes(self) -> int:
        """The cooling-off length in force now (kept on a draft when it starts resting)."""
        return cooling_off_from_setting(self.journal.get_setting(COOLING_OFF_SETTING))

    def all(self) -> list[Draft]:
        """Every draft, in the order they were started."""
        return sorted((_from_doc(i, d) for i, d in self._all()), key=lambda d: (d.created_at, d.id))

    def written_count(self) -> int:
        """How many drafts have some text (the dashboard's "letters never sent").

        The same count as the drafts of :meth:`all` whose text is not blank,
        without parsing every draft's history.
        """

        # Years of drafts: the count is kept as a summary, not read from every draft.
        return summaries.count(
            self.journal,
            WRITTEN,
            self.TABLE,
            lambda docs: sum(1 for _, d in docs if str(d.get("text", "")).strip()),
        )

    def get(self, draft_id: int) -> Draft:
        """One draft by id.

        Raises:
            KeyError: no such draft.
        """
        doc = self._get(draft_id)
        if doc is None:
            raise KeyError(draft_id)
        return _from_doc(draft_id, doc)

    def create(self, title: str) -> Draft:
        """Start a new empty draft now."""
        draft = new_draft(storable(title), self.journal.now(), self._rest_minutes())
        doc_id = self._insert(_to_doc(draft))
        return self.get(doc_id)

    def rename(self, draft_id: int, title: str) -> Draft:
        """Give a draft another title (its text and pause are untouched)."""
        self.get(draft_id)
        self._update(draft_id, {"title": clean_title(storable(title))})
        return self.get(draft_id)

    def save_text(self, draft_id: int, text: str) -> Draft:
        """Save a draft's text now, keeping a version per editing session.

        A changed text is no longer "ready": it needs its pause again.
        """
        if not isinstance(text, str):
            raise TypeError("a draft's text must be a string")
        current = self.get(draft_id)
        text = storable(text)
        first = text != current.text and self.journal.first_edit_this_session(self.TABLE, draft_id)
        updated = edit_draft(
            current, text, self.journal.now(), new_session=first, rest_minutes=self._rest_minutes()
        )
        if updated is not current:
            self._update(draft_id, _to_doc(updated))
        return updated

    def mark_ready(self, draft_id: int, at: datetime) -> Draft:
        """Record that the user waited, reread it and marked it ready (never sent)."""
        self.get(draft_id)
        self._update(draft_id, {"ready": iso(at)})
        return self.get(draft_id)
