"""Days without contact and slips: a slip restarts today's count and keeps the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.openness import OpennessCheck, Signal, take_check
from winback_tui.domain.pacing import PacingSettings
from winback_tui.domain.streaks import SLIP_MESSAGE, is_slip, no_contact_counts, slips
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.situation import contact_is_slip, no_contact_counts_for_journal

START = date(2026, 1, 1)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def mine(day: date, response: Response = Response.NO_REPLY) -> Contact:
    return Contact(at(day), Channel.MESSAGE, Initiator.ME, response)


def theirs(day: date, response: Response = Response.WARM) -> Contact:
    return Contact(at(day), Channel.MESSAGE, Initiator.THEM, response)


def d(n: int) -> date:
    return START + timedelta(days=n)


def test_without_contact_every_day_counts() -> None:
    counts = no_contact_counts([], START, d(9), UTC)
    # Nine whole days are over; the tenth, today, counts once it is over too.
    assert (counts.current, counts.longest, counts.total) == (9, 9, 9)
    assert counts.days_since_last is None


def test_a_slip_restarts_the_current_count_and_keeps_longest_and_total() -> None:
    before = no_contact_counts([], START, d(20), UTC)
    after = no_contact_counts([mine(d(20))], START, d(20), UTC)
    assert before.current == 20 and after.current == 0
    # Nothing already counted is taken away: longest and total stay as they were.
    assert (after.longest, after.total) == (before.longest, before.total) == (20, 20)
    later = no_contact_counts([mine(d(20))], START, d(25), UTC)
    assert (later.current, later.longest, later.total, later.days_since_last) == (4, 20, 24, 5)


def test_their_reaching_out_never_breaks_the_users_count() -> None:
    counts = no_contact_counts([theirs(d(3)), theirs(d(4))], START, d(9), UTC)
    assert counts.current == 9


def test_future_contacts_are_left_out() -> None:
    counts = no_contact_counts([mine(d(12))], START, d(9), UTC)
    assert counts.current == 9


def test_slips_are_contacts_the_user_started_while_a_hold_or_the_pacing_limit_stood() -> None:
    checks = [take_check(frozenset({Signal.ASKED_NO_CONTACT}), at(d(5), 9))]
    contacts = [
        mine(d(1)),  # fine: nothing holds
        mine(d(2)),  # the one-in-seven-days limit was already reached: a slip
        theirs(d(4), Response.WARM),  # resets the count
        mine(d(6)),  # after the no-contact check: a slip
        theirs(d(7), Response.NEUTRAL),  # they reached out: lifts the hold
        mine(d(8), Response.WARM),  # fine again
    ]
    found = slips(contacts, checks, d(9), PacingSettings(), UTC)
    assert [c.at.date() for c in found] == [d(2), d(6)]
    assert not is_slip(contacts[4], contacts, checks, PacingSettings(), UTC)
    assert "lost" in SLIP_MESSAGE and "Nothing you built" in SLIP_MESSAGE


def test_slip_answers_are_kept_on_the_contact(tmp_path: Path) -> None:
    now = at(d(10), 18)
    path = tmp_path / "j.json"
    with Journal.open(path, clock=lambda: now) as journal:
        AssessmentRepo(journal).add_openness_check(
            take_check(frozenset({Signal.ASKED_FOR_SPACE}), at(d(8)))
        )
        contact = mine(d(10))
        assert contact_is_slip(journal, contact)
        stored = ContactsRepo(journal).add(contact)
        ContactsRepo(journal).answer_slip(stored.id, " a sad song ", "call my sister first")
        counts = no_contact_counts_for_journal(journal, d(10))
        assert counts.current == 0 and counts.start == d(10)
    with Journal.open(path, clock=lambda: now) as journal:
        (kept,) = ContactsRepo(journal).all()
        assert kept.slip_trigger == "a sad song" and kept.slip_next_time == "call my sister first"


def day_by_day(
    contacts: list[Contact], start: date, today: date
) -> tuple[int, int, int, int | None]:
    """The counts walked one day at a time (how they were first counted): the reference."""
    days = sorted({c.at.astimezone(UTC).date() for c in contacts if c.initiator is Initiator.ME})
    days = [x for x in days if x <= today]
    start = min([start, *days[:1], today])
    longest = run = total = 0
    day = start
    while day < today:
        if day in days:
            run = 0
        else:
            run, total = run + 1, total + 1
            longest = max(longest, run)
        day += timedelta(days=1)
    if today in days:
        run = 0
    return run, longest, total, (today - days[-1]).days if days else None


@given(
    contacts=st.lists(
        st.tuples(st.integers(-20, 120), st.sampled_from(list(Initiator))), max_size=25
    ),
    start=st.integers(-10, 100),
    today=st.integers(0, 100),
)
def test_counting_by_gaps_matches_counting_day_by_day(
    contacts: list[tuple[int, Initiator]], start: int, today: int
) -> None:
    logged = [Contact(at(d(n)), Channel.MESSAGE, who, Response.NO_REPLY) for n, who in contacts]
    counts = no_contact_counts(logged, d(start), d(today), UTC)
    expected = day_by_day(logged, d(start), d(today))
    assert (counts.current, counts.longest, counts.total, counts.days_since_last) == expected


def _slips_one_by_one(
    contacts: list[Contact],
    checks: list[OpennessCheck],
    today: date,
    settings: PacingSettings,
    tz: tzinfo | None,
) -> list[Contact]:
    """What Step 4 listed before: :func:`is_slip` asked of each contact the user started."""
    mine = sorted(
        (
            c
            for c in contacts
            if c.initiator is Initiator.ME and c.at.astimezone(tz).date() <= today
        ),
        key=lambda c: (c.at.astimezone(UTC), c.id),
    )
    return [c for c in mine if is_slip(c, contacts, checks, settings, tz)]


_zones = st.one_of(
    st.none(), st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
)


@settings(max_examples=400, deadline=None)
@given(
    raw=st.lists(
        st.tuples(
            st.one_of(st.integers(0, 24 * 10), st.integers(0, 24 * 400)),
            st.sampled_from(list(Initiator)),
            st.sampled_from(list(Response)),
        ),
        max_size=40,
    ),
    raw_checks=st.lists(
        st.tuples(st.integers(0, 24 * 400), st.frozensets(st.sampled_from(list(Signal)))),
        max_size=4,
    ),
    window=st.one_of(st.integers(0, 3), st.integers(0, 90)),
    limit=st.integers(0, 5),
    tz=_zones,
    today_after=st.integers(-30, 30),
)
def test_slips_found_in_one_pass_are_the_contacts_is_slip_finds(
    raw: list[tuple[int, Initiator, Response]],
    raw_checks: list[tuple[int, frozenset[Signal]]],
    window: int,
    limit: int,
    tz: tzinfo | None,
    today_after: int,
) -> None:
    base = datetime(2025, 1, 1, tzinfo=UTC)
    log = [
        Contact(base + timedelta(hours=h), Channel.MESSAGE, who, answer, id=n)
        for n, (h, who, answer) in enumerate(raw, start=1)
    ]
    taken = [
        replace(take_check(signals, base + timedelta(hours=h)), id=n)
        for n, (h, signals) in enumerate(raw_checks, start=1)
    ]
    today = (base + timedelta(days=200 + today_after)).date()
    pacing = PacingSettings(window, limit)
    assert slips(log, taken, today, pacing, tz) == _slips_one_by_one(log, taken, today, pacing, tz)
