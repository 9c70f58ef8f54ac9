"""The pacing guard: windows, replies resetting the count, no contact, DST and New Year."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.pacing import (
    MILESTONES,
    InvalidSetting,
    PacingKind,
    PacingSettings,
    PacingStatus,
    crossed,
    days_since_last_contact,
    describe_settings,
    format_day,
    local_day,
    milestones,
    pacing_status,
    patient_days,
    pushing_days,
    settings_from_stored,
    standing_request,
    validate_settings,
)

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 12)


def at(day: date, hour: int = 12, tz: ZoneInfo | None = None) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz or UTC)


def sent(day: date, response: Response = Response.NO_REPLY, **kw: object) -> Contact:
    return Contact(at(day, **kw), Channel.MESSAGE, Initiator.ME, response)  # type: ignore[arg-type]


def theirs(day: date, response: Response = Response.WARM) -> Contact:
    return Contact(at(day), Channel.MESSAGE, Initiator.THEM, response)


def status(contacts: list[Contact], today: date = TODAY, **settings: int) -> PacingStatus:
    return pacing_status(contacts, today, PacingSettings(**settings), UTC)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# ------------------------------------------------------------------- counting
def test_no_contacts_is_ok_with_nothing_to_pace() -> None:
    result = status([])
    assert result.kind is PacingKind.OK
    assert result.unanswered == 0
    assert result.next_respectful is None
    assert result.last_contact is None
    assert "nothing to pace" in result.message
    assert not crossed(result)


def test_one_unanswered_message_is_at_the_limit_and_names_the_day_to_wait_for() -> None:
    result = status([sent(days_ago(2))])
    assert result.kind is PacingKind.OK
    assert result.unanswered == 1
    # Sent on the 10th with a 7-day window: the 17th is the first day it has left.
    assert result.next_respectful == date(2026, 3, 17)
    assert "Tue 17 Mar 2026" in result.message
    assert not crossed(result)


def test_two_unanswered_messages_in_the_window_are_pushy() -> None:
    result = status([sent(days_ago(3)), sent(days_ago(1))])
    assert result.kind is PacingKind.PUSHY
    assert result.unanswered == 2
    # The most recent one must leave the window before another is respectful.
    assert result.next_respectful == days_ago(1) + timedelta(days=7)
    assert "Time to pause" in result.message
    assert crossed(result)


def test_a_message_older_than_the_window_no_longer_counts() -> None:
    # 7-day window = today and the 6 days before it.
    assert status([sent(days_ago(7)), sent(days_ago(0))]).kind is PacingKind.OK
    assert status([sent(days_ago(6)), sent(days_ago(0))]).kind is PacingKind.PUSHY


def test_nothing_waiting_after_the_window_has_passed() -> None:
    result = status([sent(days_ago(10))])
    assert result.kind is PacingKind.OK
    assert result.unanswered == 0
    assert result.next_respectful is None
    assert "nothing is waiting" in result.message
    assert result.last_contact == days_ago(10)


@pytest.mark.parametrize(
    "reply",
    [
        sent(days_ago(2), Response.WARM),
        sent(days_ago(2), Response.NEUTRAL),
        sent(days_ago(2), Response.COLD),
        theirs(days_ago(2), Response.WARM),
        theirs(days_ago(2), Response.NO_REPLY),
    ],
    ids=["warm", "neutral", "cold", "they-reached-out", "they-started-it"],
)
def test_a_reply_or_their_own_contact_resets_the_count(reply: Contact) -> None:
    result = status([sent(days_ago(4)), sent(days_ago(3)), reply, sent(days_ago(1))])
    assert result.unanswered == 1
    assert result.kind is PacingKind.OK


def test_a_larger_limit_allows_more_before_pushy() -> None:
    contacts = [sent(days_ago(3)), sent(days_ago(1))]
    below = status(contacts, max_unanswered=3)
    assert below.kind is PacingKind.OK and below.next_respectful is None
    assert "2 unanswered so far" in below.message
    at_limit = status([*contacts, sent(days_ago(0))], max_unanswered=3)
    assert at_limit.kind is PacingKind.OK
    # The 3rd most recent (3 days ago) must leave a 7-day window.
    assert at_limit.next_respectful == days_ago(3) + timedelta(days=7)
    assert "3 messages have no reply" in at_limit.message


def test_pushy_with_a_larger_limit_waits_for_the_limit_th_most_recent() -> None:
    contacts = [sent(days_ago(d)) for d in (5, 4, 2, 0)]
    result = status(contacts, window_days=10, max_unanswered=2)
    assert result.kind is PacingKind.PUSHY
    assert result.next_respectful == days_ago(2) + timedelta(days=10)


def test_a_window_below_one_day_is_treated_as_one_day() -> None:
    result = status([sent(days_ago(1)), sent(days_ago(0))], window_days=0)
    assert result.settings.window_days == 1
    assert result.unanswered == 1
    assert result.next_respectful == TODAY + timedelta(days=1)


def test_order_of_the_log_does_not_matter() -> None:
    contacts = [sent(days_ago(1)), theirs(days_ago(2)), sent(days_ago(3))]
    assert status(contacts).unanswered == 1
    assert status(list(reversed(contacts))).unanswered == 1


# ---------------------------------------------------------------- no contact
@pytest.mark.parametrize(
    ("response", "words"),
    [(Response.ASKED_NO_CONTACT, "asked for no contact"), (Response.ASKED_FOR_SPACE, "space")],
)
def test_a_request_for_space_or_no_contact_means_no_contact_without_a_date(
    response: Response, words: str
) -> None:
    result = status([sent(days_ago(40)), theirs(days_ago(30), response)])
    assert result.kind is PacingKind.NO_CONTACT
    assert result.next_respectful is None
    assert words in result.message
    assert "No contact" in result.message
    assert "no date to try again" in result.message
    assert crossed(result)


def test_no_contact_stands_after_the_window_and_after_the_users_own_contacts() -> None:
    contacts = [
        sent(days_ago(60), Response.ASKED_NO_CONTACT),
        sent(days_ago(20), Response.WARM),  # the user's own later contact does not lift it
        sent(days_ago(10)),
    ]
    result = status(contacts)
    assert result.kind is PacingKind.NO_CONTACT
    assert result.next_respectful is None


def test_a_request_is_lifted_only_when_they_reach_out_again() -> None:
    contacts = [sent(days_ago(30), Response.ASKED_FOR_SPACE), theirs(days_ago(5), Response.WARM)]
    result = status(contacts)
    assert result.kind is PacingKind.OK
    assert standing_request(contacts, TODAY, UTC) is None


def test_a_later_request_from_them_stands_again() -> None:
    contacts = [
        sent(days_ago(30), Response.ASKED_FOR_SPACE),
        theirs(days_ago(20), Response.WARM),
        theirs(days_ago(2), Response.ASKED_NO_CONTACT),
    ]
    request = standing_request(contacts, TODAY, UTC)
    assert request is not None and request.response is Response.ASKED_NO_CONTACT


def test_a_request_dated_in_the_future_is_still_honoured() -> None:
    result = status(
        [sent(days_ago(1)), theirs(TODAY + timedelta(days=2), Response.ASKED_NO_CONTACT)]
    )
    assert result.kind is PacingKind.NO_CONTACT
    assert result.future_ignored == 1


# -------------------------------------------------------------- future dates
def test_contacts_dated_after_today_are_left_out_and_flagged() -> None:
    contacts = [sent(TODAY + timedelta(days=3)), sent(TODAY + timedelta(days=5)), sent(days_ago(1))]
    result = status(contacts)
    assert result.kind is PacingKind.OK
    assert result.unanswered == 1
    assert result.future_ignored == 2
    assert result.last_contact == days_ago(1)
    assert "2 logged contacts are dated after today" in result.message


def test_a_single_future_contact_is_named_in_the_singular() -> None:
    result = status([sent(TODAY + timedelta(days=1))])
    assert result.future_ignored == 1
    assert "1 logged contact is dated after today" in result.message
    assert days_since_last_contact([sent(TODAY + timedelta(days=1))], TODAY, UTC) is None


def test_a_naive_datetime_in_the_log_does_not_crash() -> None:
    naive = Contact(datetime(2026, 3, 11, 12), Channel.CALL, Initiator.ME, Response.NO_REPLY)
    result = pacing_status([naive, sent(days_ago(3))], TODAY)
    assert result.kind in (PacingKind.OK, PacingKind.PUSHY)


# ------------------------------------------------------ calendar: DST, New Year
def test_local_day_uses_the_given_zone() -> None:
    late = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # already the 29th in Berlin
    assert local_day(late, BERLIN) == date(2026, 3, 29)
    assert local_day(late, UTC) == date(2026, 3, 28)


def test_window_counts_calendar_days_across_the_spring_dst_change_in_berlin() -> None:
    # Clocks jump from 02:00 to 03:00 on 2026-03-29: that day has 23 hours.
    before = Contact(
        datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN),
        Channel.MESSAGE,
        Initiator.ME,
        Response.NO_REPLY,
    )
    after = Contact(
        datetime(2026, 3, 29, 3, 15, tzinfo=BERLIN),
        Channel.MESSAGE,
        Initiator.ME,
        Response.NO_REPLY,
    )
    result = pacing_status([before, after], date(2026, 3, 29), PacingSettings(1, 1), BERLIN)
    # A one-day window holds only the 29th, whatever the hour count of the night.
    assert result.unanswered == 1
    assert result.kind is PacingKind.OK
    assert result.next_respectful == date(2026, 3, 30)
    week = pacing_status([before], date(2026, 4, 3), PacingSettings(7, 1), BERLIN)
    assert week.unanswered == 1
    assert week.next_respectful == date(2026, 4, 4)
    assert pacing_status([before], date(2026, 4, 4), PacingSettings(7, 1), BERLIN).unanswered == 0


def test_a_message_sent_just_after_midnight_on_the_dst_day_counts_on_that_day() -> None:
    moment = datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)  # 23:30 UTC on the 28th
    contact = Contact(moment, Channel.MESSAGE, Initiator.ME, Response.NO_REPLY)
    assert days_since_last_contact([contact], date(2026, 3, 29), BERLIN) == 0
    assert days_since_last_contact([contact], date(2026, 3, 29), UTC) == 1


def test_the_window_crosses_new_year() -> None:
    new_year = date(2027, 1, 2)
    contacts = [sent(date(2026, 12, 28)), sent(date(2027, 1, 1))]
    result = pacing_status(contacts, new_year, PacingSettings(7, 1), UTC)
    assert result.kind is PacingKind.PUSHY
    assert result.next_respectful == date(2027, 1, 8)
    # The respectful day itself can fall in the next year.
    single = pacing_status(
        [sent(date(2026, 12, 29))], date(2026, 12, 30), PacingSettings(7, 1), UTC
    )
    assert single.next_respectful == date(2027, 1, 5)
    assert "Tue 5 Jan 2027" in single.message


@given(
    offsets=st.lists(st.integers(min_value=-5, max_value=60), max_size=12),
    window=st.integers(min_value=1, max_value=30),
    limit=st.integers(min_value=1, max_value=3),
)
def test_properties_of_unanswered_outreach(offsets: list[int], window: int, limit: int) -> None:
    contacts = [sent(TODAY - timedelta(days=o)) for o in offsets]
    result = status(contacts, window_days=window, max_unanswered=limit)
    in_window = [o for o in offsets if 0 <= o < window]
    assert result.unanswered == len(in_window)
    assert result.future_ignored == sum(1 for o in offsets if o < 0)
    assert (result.kind is PacingKind.PUSHY) == (len(in_window) > limit)
    if result.next_respectful is not None:
        assert result.next_respectful > TODAY
        # On that day one more message keeps the user within their boundary.
        # (Contacts dated after today are left out: they would be "past" by then.)
        past = [c for c in contacts if c.at.date() <= TODAY]
        later = [*past, sent(result.next_respectful)]
        assert (
            status(later, result.next_respectful, window_days=window, max_unanswered=limit).kind
            is not PacingKind.PUSHY
        )
    else:
        assert len(in_window) < limit


@given(offsets=st.lists(st.integers(min_value=0, max_value=60), max_size=12))
def test_a_reply_today_always_clears_the_count(offsets: list[int]) -> None:
    contacts = [*(sent(TODAY - timedelta(days=o), hour=9) for o in offsets), theirs(TODAY)]
    assert status(contacts).unanswered == 0


# ----------------------------------------------------------------- settings
def test_settings_are_validated_with_clear_messages() -> None:
    assert validate_settings("14", "2") == PacingSettings(14, 2)
    assert validate_settings(7, 1) == PacingSettings()
    with pytest.raises(InvalidSetting, match="0 days would put no limit"):
        validate_settings("0", "1")
    with pytest.raises(InvalidSetting, match="from 1 to 90"):
        validate_settings("91", "1")
    with pytest.raises(InvalidSetting, match="days"):
        validate_settings("soon", "1")
    with pytest.raises(InvalidSetting, match="from 1 to 3"):
        validate_settings("7", "4")
    with pytest.raises(InvalidSetting, match="from 1 to 3"):
        validate_settings("7", True)
    with pytest.raises(InvalidSetting):
        validate_settings(None, 1)


def test_stored_settings_are_made_safe() -> None:
    assert settings_from_stored(None, None) == PacingSettings(7, 1)
    assert settings_from_stored(0, 0) == PacingSettings(1, 1)
    assert settings_from_stored(500, 9) == PacingSettings(90, 3)
    assert settings_from_stored("10", "garbage") == PacingSettings(10, 1)
    assert settings_from_stored([1], 2.5) == PacingSettings(7, 1)


def test_describe_settings_reads_naturally() -> None:
    assert describe_settings(PacingSettings(7, 1)) == "at most 1 unanswered message in 7 days"
    assert describe_settings(PacingSettings(1, 2)) == "at most 2 unanswered messages in 1 day"


def test_format_day_is_the_same_in_every_locale() -> None:
    assert format_day(date(2026, 3, 29)) == "Sun 29 Mar 2026"


# ------------------------------------------------------ patience and growth
def test_days_since_last_contact() -> None:
    assert days_since_last_contact([], TODAY, UTC) is None
    assert days_since_last_contact([sent(days_ago(5)), sent(days_ago(9))], TODAY, UTC) == 5


def test_pushing_days_finds_messages_over_the_limit_and_after_a_request() -> None:
    contacts = [
        sent(days_ago(40)),
        sent(days_ago(38)),  # 2nd unanswered within 7 days: a push
        sent(days_ago(30), Response.WARM),
        sent(days_ago(20), Response.ASKED_FOR_SPACE),
        sent(days_ago(15), Response.NO_REPLY),  # contact while space was asked: a push
        theirs(days_ago(10)),
        sent(days_ago(5)),
    ]
    assert pushing_days(contacts, TODAY, PacingSettings(), UTC) == [days_ago(38), days_ago(15)]


def test_pushing_days_after_their_request_includes_a_further_request_contact() -> None:
    contacts = [
        theirs(days_ago(20), Response.ASKED_NO_CONTACT),
        sent(days_ago(19), Response.ASKED_NO_CONTACT),
    ]
    assert pushing_days(contacts, TODAY, PacingSettings(), UTC) == [days_ago(19)]


def test_patience_counts_from_the_start_or_the_last_push() -> None:
    start = days_ago(45)
    assert patient_days([], TODAY, start, tz=UTC) == 45
    pushed = [sent(days_ago(12)), sent(days_ago(10))]
    assert patient_days(pushed, TODAY, start, tz=UTC) == 10
    # A start after today (clock moved back) never goes negative.
    assert patient_days([], TODAY, TODAY + timedelta(days=3), tz=UTC) == 0


def test_milestones_mark_a_week_and_a_month() -> None:
    assert [m.reached for m in milestones(6)] == [False, False, False]
    assert [m.reached for m in milestones(7)] == [True, False, False]
    assert [m.reached for m in milestones(30)] == [True, True, False]
    titles = [m.title for m in milestones(0)]
    assert titles[:2] == ["A week", "A month"]
    # They celebrate the user's own steadiness, never a reunion.
    for _, _, text in MILESTONES:
        assert "back together" not in text and "win them" not in text
