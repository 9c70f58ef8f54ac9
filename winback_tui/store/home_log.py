"""The part of the contact log home needs, kept as a summary so start-up need not read it all.

Home shows the situation (the no-contact hold, the pacing guard) and the days
without contact, made of the whole contact log and every openness check. On
years of contacts, reading their words to find that out costs more than the
rest of start-up. :func:`~winback_tui.domain.situation.deciding_contacts`
says which contacts decide both, for every day from the moment they were
picked, and :func:`~winback_tui.domain.situation.deciding_checks` which
openness checks (years of them are thousands, each parsed into a check); this
keeps those (of a contact: when, how, who started it, the answer, none of the
words; a check whole) as a summary of the contacts and the assessment
(:mod:`~winback_tui.store.summaries`), so a later start reads only them. The
dashboard then shows exactly what the whole log gives
(``tests/unit/test_dashboard_partial.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.openness import OpennessCheck
from winback_tui.domain.situation import deciding_checks, deciding_contacts, summary_holds
from winback_tui.store import summaries
from winback_tui.store.assessment import AssessmentRepo, CheckReader, check_to_doc
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.memo import per_revision
from winback_tui.store.records import iso, parse_datetime

#: The summary's key, and the tables it is made of.
KEY = "home-contacts"
TABLES = (ContactsRepo.TABLE, AssessmentRepo.TABLE)


@dataclass(frozen=True)
class HomeLog:
    """What home needs of the contact log.

    Attributes:
        contacts: every contact, or (``whole`` False) the ones that decide the
            situation (:func:`~winback_tui.domain.situation.deciding_contacts`).
        mine: when each contact the user started happened (the days without
            contact count them), in the log's order.
        whole: whether ``contacts`` is the whole log.
        checks: every openness check, oldest first, or (``whole`` False) the
            ones that decide the situation beside ``contacts``
            (:func:`~winback_tui.domain.situation.deciding_checks`), the
            newest always among them: home's "openness checked" and newest
            check come out as from all of them.
    """

    contacts: tuple[Contact, ...]
    mine: tuple[datetime, ...]
    whole: bool
    checks: tuple[OpennessCheck, ...]


_CHANNEL = {m.value: m for m in Channel}
_INITIATOR = {m.value: m for m in Initiator}
_RESPONSE = {m.value: m for m in Response}


def _encode(
    made: datetime,
    kept: Sequence[Contact],
    mine: Sequence[datetime],
    checks: Sequence[OpennessCheck],
) -> dict[str, object]:
    rows = [[c.id, iso(c.at), c.channel.value, c.initiator.value, c.response.value] for c in kept]
    return {
        "made": iso(made),
        "contacts": rows,
        "mine": [iso(at) for at in mine],
        "checks": [[c.id, check_to_doc(c)] for c in checks],
    }


def _decode(value: object) -> tuple[datetime, HomeLog] | None:
    """The moment and the log of a kept summary; None for anything else."""
    if not isinstance(value, dict):
        return None
    try:
        made = parse_datetime(value["made"])
        contacts = tuple(
            Contact(
                at=parse_datetime(at),
                channel=_CHANNEL[channel],
                initiator=_INITIATOR[initiator],
                response=_RESPONSE[response],
                id=doc_id,
            )
            for doc_id, at, channel, initiator, response in value["contacts"]
        )
        mine = tuple(map(parse_datetime, value["mine"]))
        reader = CheckReader()
        checks = tuple(reader.check(doc_id, doc) for doc_id, doc in value["checks"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if not all(type(c.id) is int for c in contacts) or not all(type(c.id) is int for c in checks):
        return None
    return made, HomeLog(contacts, mine, whole=False, checks=checks)


def _whole(contacts: Sequence[Contact], checks: Sequence[OpennessCheck]) -> HomeLog:
    mine = tuple(c.at for c in contacts if c.initiator is Initiator.ME)
    return HomeLog(tuple(contacts), mine, whole=True, checks=tuple(checks))


def _read(journal: Journal, today: date) -> HomeLog:
    with journal._mutex:
        if journal._storage.read().bounds(ContactsRepo.TABLE) is None:
            # A short log: read it whole.
            return _whole(ContactsRepo(journal).all(), AssessmentRepo(journal).openness_checks())
        found = _decode(summaries.kept(journal, KEY, TABLES))
        if found is not None and summary_holds(found[0], today):
            return found[1]
        checks = AssessmentRepo(journal).openness_checks()
        log = _whole(ContactsRepo(journal).all(), checks)
        made = journal.now()
        kept = deciding_contacts(checks, log.contacts, made)
        decisive = deciding_checks(checks, log.contacts)
        summaries.keep(journal, KEY, TABLES, _encode(made, kept, log.mine, decisive))
        return log


def home_log(journal: Journal, today: date) -> HomeLog:
    """What home needs of the contact log and the openness checks on ``today``.

    See :class:`HomeLog`. The checks are read in full only when no summary
    holds.

    Args:
        journal: the open journal.
        today: the local date.
    """
    return per_revision(journal, (KEY, today), lambda: _read(journal, today), tables=TABLES)
