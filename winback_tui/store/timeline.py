"""Gather everything the user wrote or logged into one timeline, newest first.

Reads every feature repository through its public methods; writes nothing.
The timeline screen, search and the Markdown export all start from
:func:`all_items`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, tzinfo

from winback_tui import program
from winback_tui.domain.daily import label as daily_label
from winback_tui.domain.goals import CheckState
from winback_tui.domain.journal_entries import mood_label
from winback_tui.domain.openness import SIGNAL_STATEMENTS
from winback_tui.domain.timeline import Kind, TimelineItem, newest_first
from winback_tui.domain.urges import TRIGGERS
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.daily import DailyRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.urges import UrgesRepo

#: Records that carry only a calendar day are placed at noon of that day, so
#: the day reads the same in any nearby time zone; their items are marked
#: ``timed=False`` so that noon is never shown as when they were written.
_DAY_TIME = time(12, 0)

_STATEMENTS = dict(SIGNAL_STATEMENTS)


def _prompt_titles() -> dict[str, str]:
    titles = {p.id: p.title for s in program.STEPS for p in s.prompts}
    titles.update({p.id: p.title for p in program.MOVING_FORWARD_PROMPTS})
    return titles


def _on_day(day: date, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, _DAY_TIME, tzinfo=tz)


def _step_or_none(step: int) -> int | None:
    return step if 1 <= step <= 4 else None


def _reflections(journal: Journal) -> Iterator[TimelineItem]:
    titles = _prompt_titles()
    for item in journal.reflections():
        title = titles.get(item.prompt_id, item.prompt_id)
        step = _step_or_none(item.step)
        key = f"{item.step}:{item.prompt_id}"
        if item.text:
            yield TimelineItem(
                Kind.REFLECTION, step, item.edited_at, title, item.text, f"reflection:{key}"
            )
        for number, version in enumerate(item.versions):
            yield TimelineItem(
                Kind.REFLECTION_VERSION,
                step,
                version.saved_at,
                f"{title} (earlier)",
                version.text,
                f"reflection-version:{key}:{number}",
            )


def _entries(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    for entry in EntriesRepo(journal).all():
        day = entry.day.isoformat()
        title = f"Journal, {mood_label(entry.mood)}" if entry.mood else "Journal"
        # An entry belongs to its day, even when it was last edited later.
        at = entry.edited_at
        timed = at.astimezone(tz).date() == entry.day
        if not timed:
            at = _on_day(entry.day, tz)
        if entry.text or entry.mood is not None:
            yield TimelineItem(
                Kind.JOURNAL_ENTRY,
                entry.step,
                at,
                title,
                entry.text,
                f"journal-entry:{day}",
                timed=timed,
            )
        for number, version in enumerate(entry.versions):
            yield TimelineItem(
                Kind.JOURNAL_ENTRY_VERSION,
                entry.step,
                version.saved_at,
                "Journal (earlier)",
                version.text,
                f"journal-entry-version:{day}:{number}",
            )


def _assessment(journal: Journal) -> Iterator[TimelineItem]:
    for check in AssessmentRepo(journal).openness_checks():
        ticked = [_STATEMENTS.get(s, s.value) for s in sorted(check.signals)]
        # The title already says the verdict: the text starts with the reasons.
        lines = list(check.result.reasons)
        if ticked:
            lines += ["", "What I said was true:", *(f"- {t}" for t in ticked)]
        yield TimelineItem(
            Kind.OPENNESS_CHECK,
            1,
            check.at,
            f"Openness check: {check.result.verdict.value}",
            "\n".join(lines),
            f"openness-check:{check.id}",
        )


def _goals(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    repo = GoalsRepo(journal)
    goals = {goal.id: goal for goal in repo.all(include_archived=True)}
    for goal in goals.values():
        text = goal.title + (f"\n\n{goal.note}" if goal.note else "")
        yield TimelineItem(
            Kind.GOAL,
            2,
            _on_day(goal.created, tz),
            f"New goal: {goal.title}",
            text,
            f"goal:{goal.id}",
            timed=False,
        )
    for checkin in repo.checkins.all():
        goal_title = goals[checkin.goal_id].title if checkin.goal_id in goals else "a goal"
        done = checkin.state is CheckState.DONE
        title = f"{'Done' if done else 'Skipped'}: {goal_title}"
        text = title + (f"\n\n{checkin.reason}" if checkin.reason else "")
        yield TimelineItem(
            Kind.CHECK_IN,
            2,
            _on_day(checkin.day, tz),
            title,
            text,
            f"check-in:{checkin.goal_id}:{checkin.day.isoformat()}",
            timed=False,
        )


def _daily(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    for checkin in DailyRepo(journal).all():
        if checkin.empty:
            continue
        title = f"Check-in: {daily_label(checkin)}"
        yield TimelineItem(
            Kind.DAILY,
            None,
            _on_day(checkin.day, tz),
            title,
            "",
            f"daily:{checkin.day.isoformat()}",
            timed=False,
        )


def _reconnect(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    for draft in DraftsRepo(journal).all():
        if draft.text:
            yield TimelineItem(
                Kind.DRAFT,
                3,
                draft.edited_at,
                f"Draft: {draft.title}",
                draft.text,
                f"draft:{draft.id}",
            )
        for number, version in enumerate(draft.versions):
            yield TimelineItem(
                Kind.DRAFT_VERSION,
                3,
                version.saved_at,
                f"Draft: {draft.title} (earlier)",
                version.text,
                f"draft-version:{draft.id}:{number}",
            )
    for contact in ContactsRepo(journal).all():
        who = "I reached out" if contact.initiator.value == "me" else "They reached out"
        title = f"Contact ({contact.channel.value}): {who}, {contact.response.value}"
        parts = [title]
        if contact.how_it_went:
            parts += ["", "How it went:", contact.how_it_went]
        if contact.learned:
            parts += ["", "What I learned:", contact.learned]
        yield TimelineItem(
            Kind.CONTACT, 3, contact.at, title, "\n".join(parts), f"contact:{contact.id}"
        )


def _boundaries(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    for boundary in BoundariesRepo(journal).all():
        yield TimelineItem(
            Kind.BOUNDARY,
            4,
            _on_day(boundary.created, tz),
            "Boundary",
            boundary.text,
            f"boundary:{boundary.id}",
            timed=False,
        )


_TRIGGERS = dict(TRIGGERS)


def _urges(journal: Journal) -> Iterator[TimelineItem]:
    for urge in UrgesRepo(journal).all():
        passed = " · passed without contact" if urge.is_win else ""
        title = f"Urge {urge.strength}/5: {_TRIGGERS.get(urge.trigger, urge.trigger)}{passed}"
        parts = [part for part in (urge.trigger_note, urge.instead) if part]
        yield TimelineItem(Kind.URGE, None, urge.at, title, "\n\n".join(parts), f"urge:{urge.id}")


def all_items(journal: Journal) -> list[TimelineItem]:
    """Everything the user wrote or logged, newest first.

    Records kept by calendar day only (check-ins, ratings, goals, boundaries)
    are placed at noon of that day in the journal clock's time zone, and
    marked ``timed=False``.
    """
    return newest_first(gathered(journal))


def gathered(journal: Journal) -> list[TimelineItem]:
    """Everything the user wrote or logged, in each feature's own order.

    Feature by feature, each in the order its repository gives (boundaries in
    the order the user arranged them, goals in the order they were added), so
    a reader can keep the user's order where times say nothing.
    """
    tz = journal.now().astimezone().tzinfo
    items: list[TimelineItem] = []
    items.extend(_reflections(journal))
    items.extend(_entries(journal, tz))
    items.extend(_assessment(journal))
    items.extend(_goals(journal, tz))
    items.extend(_reconnect(journal, tz))
    items.extend(_boundaries(journal, tz))
    items.extend(_urges(journal))
    items.extend(_daily(journal, tz))
    return items


def find(items: list[TimelineItem], ref: str) -> TimelineItem | None:
    """The item with ``ref``, or None."""
    return next((item for item in items if item.ref == ref), None)
