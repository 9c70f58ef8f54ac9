"""Step 3's contact log as the user reads it: newest first, a boundary marked with ``!``."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from winback_tui.domain.contacts import Contact, Initiator
from winback_tui.domain.reconnect import TIME_FORMAT
from winback_tui.domain.words import plural
from winback_tui.screens.step3.forms import CHANNELS

#: How many logged contacts the screen lists (newest first).
CONTACTS_SHOWN = 5


def _stamp(moment: datetime) -> str:
    return moment.astimezone().strftime(TIME_FORMAT)


def contact_log_text(contacts: list[Contact]) -> Text:
    """The newest contacts, one line each with what went and what was learned under it."""
    if not contacts:
        return Text("Nothing logged yet.", style="italic")
    out = Text()
    for contact in reversed(contacts[-CONTACTS_SHOWN:]):
        mark = "!" if contact.response.is_boundary else "·"
        who = "I started" if contact.initiator is Initiator.ME else "they started"
        out.append(
            f"{mark} {_stamp(contact.at)} · {CHANNELS[contact.channel]} · {who} · "
            f"{contact.response.value}\n",
            style="bold" if contact.response.is_boundary else "",
        )
        for label, words in (("went", contact.how_it_went), ("learned", contact.learned)):
            tidy = " ".join(words.split())
            if tidy:
                out.append(f"    {label}: {tidy[:70]}{'…' if len(tidy) > 70 else ''}\n")
    if len(contacts) > CONTACTS_SHOWN:
        earlier = len(contacts) - CONTACTS_SHOWN
        out.append(f"  {plural(earlier, 'earlier contact', 'earlier contacts')} kept.")
    out.rstrip()
    return out
