"""What :func:`deciding_contacts` and :func:`deciding_checks` keep decides the situation.

Home reads only those (kept as a summary in the journal, issue 20); the
situation and the days without contact must come out the same on every later
day, in every time zone, whatever the pacing boundary.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.openness import Signal, take_check
from winback_tui.domain.pacing import MAX_MAX_UNANSWERED, MAX_WINDOW_DAYS, PacingSettings
from winback_tui.domain.situation import (
    deciding_checks,
    deciding_contacts,
    situation,
    summary_holds,
)
from winback_tui.domain.streaks import no_contact_counts, no_contact_counts_at

MADE = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # near a day's turn, on a DST weekend

#: Hours before the summary was made (a few after it: dated ahead, or a clock set
#: late); many near it, where the day's turn and the zones matter, and some years back.
hours = st.one_of(st.integers(-72, 72), st.integers(-24 * 12, 24 * 400), st.integers(0, 24 * 2000))
contacts = st.lists(
    st.tuples(
        hours, st.sampled_from(list(Initiator)), st.sampled_from(list(Response)), st.integers(0, 3)
    ),
    max_size=40,
)
checks = st.lists(
    st.tuples(hours, st.frozensets(st.sampled_from(list(Signal)), max_size=3)), max_size=12
)
zones = st.one_of(st.sampled_from([-12 * 60, 14 * 60, 0]), st.integers(-12 * 60, 14 * 60)).map(
    lambda m: timezone(timedelta(minutes=m))
)


@settings(max_examples=1000, deadline=None)
@given(
    raw_contacts=contacts,
    calm=st.booleans(),
    raw_checks=checks,
    later=st.one_of(st.integers(0, 3), st.integers(0, 200)),
    window=st.one_of(st.just(MAX_WINDOW_DAYS), st.integers(1, MAX_WINDOW_DAYS)),
    limit=st.integers(1, MAX_MAX_UNANSWERED),
    tz=zones,
    started=st.integers(0, 3000),
)
def test_the_kept_contacts_decide_as_the_whole_log_does(
    raw_contacts: list[tuple[int, Initiator, Response, int]],
    calm: bool,
    raw_checks: list[tuple[int, frozenset[Signal]]],
    later: int,
    window: int,
    limit: int,
    tz: timezone,
    started: int,
) -> None:
    log = [
        Contact(
            MADE - timedelta(hours=h, minutes=m * 20),
            Channel.MESSAGE,
            who,
            Response.WARM if calm and answer.is_boundary else answer,  # no request at all
            id=n,
        )
        for n, (h, who, answer, m) in enumerate(raw_contacts, start=1)
    ]
    taken = [take_check(signals, MADE - timedelta(hours=h)) for h, signals in raw_checks]
    taken = [replace(check, id=n) for n, check in enumerate(taken, start=1)]
    today = (MADE - timedelta(days=1)).date() + timedelta(days=later)
    assert summary_holds(MADE, today)
    kept = deciding_contacts(taken, log, MADE)
    pacing = PacingSettings(window, limit)
    whole = situation(taken, log, today, pacing, tz)
    assert situation(taken, kept, today, pacing, tz) == whole
    decisive = deciding_checks(taken, log)
    chosen = {id(c) for c in decisive}
    assert decisive == [c for c in taken if id(c) in chosen]  # in the given order
    assert situation(decisive, log, today, pacing, tz) == whole
    assert situation(decisive, kept, today, pacing, tz) == whole
    assert deciding_checks(taken, kept) == decisive  # the kept log names the same event
    start = today - timedelta(days=started)
    mine = [c.at for c in log if c.initiator is Initiator.ME]
    assert no_contact_counts_at(mine, start, today, tz) == no_contact_counts(log, start, today, tz)


def test_the_summary_holds_from_the_day_before_it_was_made() -> None:
    assert summary_holds(MADE, date(2026, 3, 28))
    assert not summary_holds(MADE, date(2026, 3, 27))


def test_a_long_quiet_log_keeps_only_its_last_weeks() -> None:
    log = [
        Contact(MADE - timedelta(days=d), Channel.CALL, Initiator.THEM, Response.WARM, id=d)
        for d in range(1, 2000)
    ]
    kept = deciding_contacts([], log, MADE)
    assert len(kept) == MAX_WINDOW_DAYS + 3  # the longest window, and its margin of days


def _contact(ago: timedelta, who: Initiator, answer: Response, n: int) -> Contact:
    return Contact(MADE - ago, Channel.MESSAGE, who, answer, id=n)


def test_a_contact_dated_ahead_in_a_far_east_zone_does_not_hide_the_last_one() -> None:
    # On the day before, at UTC+14, the message an hour before the summary is still ahead.
    log = [
        _contact(timedelta(days=200), Initiator.THEM, Response.WARM, 1),
        _contact(timedelta(hours=1), Initiator.ME, Response.NO_REPLY, 2),
    ]
    today, east = (MADE - timedelta(days=1)).date(), timezone(timedelta(hours=14))
    kept = deciding_contacts([], log, MADE)
    whole = situation([], log, today, PacingSettings(), east)
    assert whole.pacing.future_ignored == 1 and whole.pacing.last_contact is not None
    assert situation([], kept, today, PacingSettings(), east) == whole


def test_their_reaching_out_long_ago_still_lifts_an_old_not_open_check() -> None:
    checks = [
        replace(take_check(frozenset({Signal.ASKED_NO_CONTACT}), MADE - timedelta(days=300)), id=1)
    ]
    log = [
        _contact(timedelta(days=200), Initiator.THEM, Response.WARM, 1),
        _contact(timedelta(days=150), Initiator.ME, Response.WARM, 2),
    ]
    kept = deciding_contacts(checks, log, MADE)
    whole = situation(checks, log, MADE.date(), PacingSettings(), UTC)
    assert whole.lifted_by_them and not whole.no_contact
    assert situation(checks, kept, MADE.date(), PacingSettings(), UTC) == whole


def test_years_of_checks_keep_only_the_latest_and_those_from_the_last_hold() -> None:
    asked = frozenset({Signal.ASKED_NO_CONTACT})
    kinder = frozenset({Signal.REPLIED_WARMLY})
    taken = [
        replace(take_check(asked if n % 3 else kinder, MADE - timedelta(days=1000 - n)), id=n)
        for n in range(1, 1000)
    ]
    last_hold = max(c.id for c in taken if c.signals == asked)
    kept = deciding_checks(taken, [])
    assert [c.id for c in kept] == list(range(last_hold, 1000))
    assert situation(kept, [], MADE.date()) == situation(taken, [], MADE.date())


def test_without_any_hold_only_the_latest_check_is_kept() -> None:
    kinder = frozenset({Signal.REPLIED_WARMLY})
    taken = [replace(take_check(kinder, MADE - timedelta(days=d)), id=d) for d in range(300, 0, -1)]
    log = [_contact(timedelta(days=2), Initiator.ME, Response.WARM, 1)]
    assert deciding_checks(taken, log) == [taken[-1]]
    assert deciding_checks([], log) == []


def test_a_request_in_the_log_keeps_the_checks_after_it() -> None:
    # A later kinder-looking check is a retake of the hold the request set: it must stay.
    kinder = frozenset({Signal.REPLIED_WARMLY})
    taken = [replace(take_check(kinder, MADE - timedelta(days=d)), id=d) for d in (90, 30, 5)]
    log = [_contact(timedelta(days=40), Initiator.THEM, Response.ASKED_FOR_SPACE, 1)]
    kept = deciding_checks(taken, log)
    assert [c.id for c in kept] == [30, 5]
    whole = situation(taken, log, MADE.date())
    assert whole.retake_ignored and whole.no_contact
    assert situation(kept, log, MADE.date()) == whole
