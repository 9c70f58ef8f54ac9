"""Gather everything the user wrote or logged into one timeline, newest first.

Reads every feature repository through its public methods; writes nothing.
The timeline screen, search and the Markdown export all start from
:func:`all_items`.

Each item says which parts of its title and text are the user's own words
(:attr:`TimelineItem.own_title`, :attr:`TimelineItem.own_text`); search looks
only there. The user's words are: reflections, journal entries, drafts (and
their own draft titles), their issue titles and "my part" notes, goal titles
and notes (also where a check-in names its goal), skip reasons, what they
wrote about a contact (how it went, what they learned, a slip's two answers),
boundaries they wrote or changed, and an urge's notes. winback's words are
never searched: prompt titles, labels such as a verdict or a response, the
openness check's reasons and statements, default boundaries and suggested
goal titles the user kept as winback wrote them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, tzinfo
from operator import attrgetter

from winback_tui import program
from winback_tui.domain.boundaries import DEFAULT_BOUNDARIES, default_boundary_texts
from winback_tui.domain.goals import CheckState, Goal
from winback_tui.domain.issues import COMMON_ISSUES, is_custom
from winback_tui.domain.item_pack import PackedItems
from winback_tui.domain.journal_entries import Entry
from winback_tui.domain.openness import SIGNAL_STATEMENTS
from winback_tui.domain.reconnect import DEFAULT_TITLE
from winback_tui.domain.timeline import Kind, Span, TimelineItem, newest_first, written
from winback_tui.domain.urges import TRIGGERS
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.contacts import _from_doc as contact_from_doc
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.journal import Journal
from winback_tui.store.records import Doc
from winback_tui.store.situation import journal_start
from winback_tui.store.timeline_sources import (
    daily_checkins,
    daily_items,
    entry_items,
    read_rows,
)
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


def entry_refs(entries: list[Entry]) -> list[str]:
    """The timeline's reference of each entry (``entries`` oldest first).

    A day's first entry is ``journal-entry:DAY``, as when a day held one; the
    others are ``journal-entry:DAY#2``, ``#3``...
    """
    refs: list[str] = []
    seen: dict[date, int] = {}
    for entry in entries:
        number = seen[entry.day] = seen.get(entry.day, 0) + 1
        suffix = f"#{number}" if number > 1 else ""
        refs.append(f"journal-entry:{entry.day.isoformat()}{suffix}")
    return refs


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
            own_text=(),  # the reasons and statements are winback's words
        )


_SUGGESTED_TITLES = frozenset(kind.goal_title for kind in COMMON_ISSUES)


def _goal_title_span(goal: Goal) -> Span | None:
    """The part of a goal's title that is the user's words, or None (winback's suggestion).

    A goal adopted from a common issue keeps winback's suggested title; one
    from the user's own issue is "Work on: <their issue title>".
    """
    if goal.title in _SUGGESTED_TITLES:
        return None
    if is_custom(goal.source) and goal.title.startswith("Work on: "):
        return (len("Work on: "), len(goal.title))
    return (0, len(goal.title))


def _shifted(span: Span | None, by: int) -> tuple[Span, ...]:
    return () if span is None else ((span[0] + by, span[1] + by),)


def _goals(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    repo = GoalsRepo(journal)
    goals = {goal.id: goal for goal in repo.all(include_archived=True)}
    for goal in goals.values():
        span = _goal_title_span(goal)
        head = "New goal: "
        note = f"\n\n{goal.note}" if goal.note else ""
        note_spans = ((len(goal.title) + 2, len(goal.title) + len(note)),) if note else ()
        yield TimelineItem(
            Kind.GOAL,
            2,
            _on_day(goal.created, tz),
            head + goal.title,
            goal.title + note,
            f"goal:{goal.id}",
            timed=False,
            own_title=_shifted(span, len(head)),
            own_text=_shifted(span, 0) + note_spans,
        )
    for checkin in repo.checkins.all():
        known = goals.get(checkin.goal_id)
        goal_title = known.title if known is not None else "a goal"
        head = f"{'Done' if checkin.state is CheckState.DONE else 'Skipped'}: "
        title_spans = _shifted(_goal_title_span(known), len(head)) if known is not None else ()
        text, reason_spans = written(
            (head + goal_title, False),
            ("\n\n" if checkin.reason else "", False),
            (checkin.reason, True),
        )
        yield TimelineItem(
            Kind.CHECK_IN,
            2,
            _on_day(checkin.day, tz),
            head + goal_title,
            text,
            f"check-in:{checkin.goal_id}:{checkin.day.isoformat()}",
            timed=False,
            own_title=title_spans,
            own_text=title_spans + reason_spans,
        )


def _issues(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    """Step 1's issues with the user's words: their own issues, and any "my part" note.

    An issue carries no date of its own before winback noted when its words
    were written; those are placed on the journal's first day, by day only.
    """
    repo = AssessmentRepo(journal)
    edited = repo.issue_edited()
    first_day = _on_day(journal_start(journal, journal.now().astimezone(tz).date()), tz)
    for entry in repo.issues():
        if not entry.custom and not entry.my_part.strip():
            continue  # a common issue ticked with no words: nothing the user wrote
        title, title_spans = written(("My part: ", False), (entry.title, entry.custom))
        at = edited.get(entry.issue_id)
        yield TimelineItem(
            Kind.ISSUE,
            1,
            at if at is not None else first_day,
            title,
            entry.my_part,
            f"issue:{entry.issue_id}",
            timed=at is not None,
            own_title=title_spans,
        )


def _reconnect(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    for draft in DraftsRepo(journal).all():
        # "Untitled draft" is winback's stand-in; any other title is the user's.
        named = draft.title != DEFAULT_TITLE
        title, title_spans = written(("Draft: ", False), (draft.title, named))
        if draft.text:
            yield TimelineItem(
                Kind.DRAFT,
                3,
                draft.edited_at,
                title,
                draft.text,
                f"draft:{draft.id}",
                own_title=title_spans,
            )
        for number, version in enumerate(draft.versions):
            yield TimelineItem(
                Kind.DRAFT_VERSION,
                3,
                version.saved_at,
                f"{title} (earlier)",
                version.text,
                f"draft-version:{draft.id}:{number}",
                own_title=title_spans,
            )
    # Made straight from each stored contact, a chunk at a time: years of
    # contacts are never all held as documents and contacts at once. Sorted
    # by when each happened, as the repository gives them (ties in file order).
    made = read_rows(journal, ContactsRepo.TABLE, _contact_item)
    made.sort(key=attrgetter("at"))
    yield from made


def _contact_item(doc_id: int, doc: Doc) -> TimelineItem:
    contact = contact_from_doc(doc_id, doc)
    who = "I reached out" if contact.initiator.value == "me" else "They reached out"
    title = f"Contact ({contact.channel.value}): {who}, {contact.response.value}"
    pieces: list[tuple[str, bool]] = [(title, False)]
    for label, words in (
        ("How it went:", contact.how_it_went),
        ("What I learned:", contact.learned),
        ("What set it off:", contact.slip_trigger),
        ("What might help next time:", contact.slip_next_time),
    ):
        if words:
            pieces += [(f"\n\n{label}\n", False), (words, True)]
    text, spans = written(*pieces)
    return TimelineItem(
        Kind.CONTACT, 3, contact.at, title, text, f"contact:{contact.id}", own_text=spans
    )


def _boundaries(journal: Journal, tz: tzinfo | None) -> Iterator[TimelineItem]:
    repo = BoundariesRepo(journal)
    settings = repo.settings()
    # A default boundary kept as winback wrote it is winback's words, not the user's.
    defaults = {
        *DEFAULT_BOUNDARIES,
        *default_boundary_texts(settings.window_days, settings.max_unanswered),
    }
    for boundary in repo.all():
        yield TimelineItem(
            Kind.BOUNDARY,
            4,
            _on_day(boundary.created, tz),
            "Boundary",
            boundary.text,
            f"boundary:{boundary.id}",
            timed=False,
            own_text=() if boundary.text in defaults else None,
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
    # Nothing read on the way is kept: years of entries would stay in memory
    # as parsed JSON long after their items are made.
    with _collector_paused(), journal._passing_through():
        return newest_first(gathered(journal))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a timeline is built.

    Building ten years of items allocates millions of objects, and each of the
    collector's full passes walks the whole parsed journal again: it took about
    a third of the time. None of these objects form cycles (reference counting
    frees them), so nothing is left for the collector to find.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything alive now (the parsed journal, the items) is set aside
        # from later passes too: re-enabled with a million young objects, the
        # collector otherwise stops the app three times in the next seconds,
        # 200-250 ms each (seen as a slow "Saved." right after the timeline).
        # Frozen objects are still freed when nothing refers to them; only a
        # cycle among them would stay (the journal's data and the items have
        # none).
        gc.freeze()
        if was_enabled:
            gc.enable()


def _sources(journal: Journal, *, inline: bool = False) -> Iterator[list[TimelineItem]]:
    """Each feature's items, feature by feature, each in its repository's order.

    ``inline``: every text held by its item (see ``entry_items``).
    """
    tz = journal.now().astimezone().tzinfo
    checkins = daily_checkins(journal)
    yield list(_reflections(journal))
    yield from entry_items(journal, tz, checkins, inline=inline)
    yield list(_issues(journal, tz))
    yield list(_assessment(journal))
    yield list(_goals(journal, tz))
    yield list(_reconnect(journal, tz))
    yield list(_boundaries(journal, tz))
    yield list(_urges(journal))
    yield daily_items(tz, checkins)


def gathered(journal: Journal, *, inline: bool = False) -> list[TimelineItem]:
    """Everything the user wrote or logged, in each feature's own order.

    Feature by feature, each in the order its repository gives (boundaries in
    the order the user arranged them, goals in the order they were added), so
    a reader can keep the user's order where times say nothing.
    """
    return [item for source in _sources(journal, inline=inline) for item in source]


def packed_items(journal: Journal) -> PackedItems:
    """:func:`all_items`, packed (see :mod:`~winback_tui.domain.item_pack`).

    Each feature's items are sorted and packed as soon as they are made, then
    merged newest first into one packed timeline: ten years of writing are
    never all held as items at once. The order is :func:`all_items`' exactly
    (equal times by kind and ref, then feature by feature).
    """
    with _collector_paused(), journal._passing_through():
        return PackedItems.merged(newest_first(source) for source in _sources(journal))


def find(items: list[TimelineItem], ref: str) -> TimelineItem | None:
    """The item with ``ref``, or None."""
    return next((item for item in items if item.ref == ref), None)
