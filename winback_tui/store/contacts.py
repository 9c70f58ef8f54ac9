"""The contact log (Step 3), read by the pacing guard (Step 4) and the dashboard."""

from __future__ import annotations

from dataclasses import replace

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.store.journal import Journal
from winback_tui.store.memo import per_revision, stored
from winback_tui.store.records import Doc, Repo, iso, member_of, parse_datetime

_CHANNEL = member_of(Channel)
_INITIATOR = member_of(Initiator)
_RESPONSE = member_of(Response)


def _to_doc(item: Contact) -> Doc:
    return {
        "at": iso(item.at),
        "channel": item.channel.value,
        "initiator": item.initiator.value,
        "response": item.response.value,
        "how": item.how_it_went,
        "learned": item.learned,
        "slip_trigger": item.slip_trigger,
        "slip_next_time": item.slip_next_time,
    }


def _from_doc(doc_id: int, doc: Doc) -> Contact:
    return Contact(
        at=parse_datetime(doc["at"]),
        channel=_CHANNEL(doc["channel"]),
        initiator=_INITIATOR(doc["initiator"]),
        response=_RESPONSE(doc["response"]),
        how_it_went=str(doc.get("how", "")),
        learned=str(doc.get("learned", "")),
        id=doc_id,
        slip_trigger=str(doc.get("slip_trigger", "")),
        slip_next_time=str(doc.get("slip_next_time", "")),
    )


def read_contacts(journal: Journal) -> tuple[Contact, ...]:
    """Every logged contact, sorted by when it happened, parsed afresh (no memo)."""
    return tuple(
        sorted((_from_doc(i, d) for i, d in stored(journal, "contacts")), key=lambda c: c.at)
    )


class ContactsRepo(Repo):
    """Logged contacts, oldest first."""

    TABLE = "contacts"

    def all(self) -> list[Contact]:
        """Every logged contact, sorted by when it happened.

        Parsed once per journal revision (:mod:`~winback_tui.store.memo`): the
        dashboard, the situation and the pacing guard all read it.
        """
        return list(
            per_revision(
                self.journal,
                self.TABLE,
                lambda: read_contacts(self.journal),
                tables=(self.TABLE,),
            )
        )

    def add(self, contact: Contact) -> Contact:
        """Log a contact; returns it with its id."""
        doc_id = self._insert(_to_doc(contact))
        return replace(contact, id=doc_id)

    def update(self, contact: Contact) -> None:
        """Correct a logged contact (by id)."""
        self._update(contact.id, _to_doc(contact))

    def answer_slip(self, contact_id: int, trigger: str, next_time: str) -> Contact:
        """Keep the user's answers to a slip's two gentle questions (Step 3's contact form).

        Raises:
            KeyError: no such contact.
        """
        doc = self._get(contact_id)
        if doc is None:
            raise KeyError(contact_id)
        self._update(
            contact_id, {"slip_trigger": trigger.strip(), "slip_next_time": next_time.strip()}
        )
        updated = self._get(contact_id)
        assert updated is not None
        return _from_doc(contact_id, updated)

    def remove(self, contact_id: int) -> None:
        """Delete a logged contact (the screen confirms first)."""
        self._remove(contact_id)
