"""The readiness rule, the reconnect / moving-forward rule, and the draft and pause rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.daily import CheckInError, parse_rating
from winback_tui.domain.openness import Verdict
from winback_tui.domain.readiness import (
    MINDSET_THRESHOLD,
    RECENT_DAYS,
    Mindset,
    Mode,
    assess_readiness,
    moving_forward_reason,
    reconnect_mode,
    standing_boundary,
)
from winback_tui.domain.reconnect import (
    DEFAULT_COOLING_OFF_MINUTES,
    DEFAULT_TITLE,
    MAX_TITLE,
    check_not_future,
    clean_title,
    cooling_off_from_setting,
    cooling_off_left,
    describe_wait,
    edit_draft,
    new_draft,
    parse_contact_time,
    parse_cooling_off,
    ready_time,
)

TODAY = date(2026, 3, 12)
NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def ready_args(**changes: object) -> dict[str, object]:
    args: dict[str, object] = {
        "step1_done": True,
        "openness": Verdict.OPEN,
        "checkin_dates": [TODAY - timedelta(days=1)],
        "mindset": Mindset(TODAY, 4, 4, 4),
        "boundary_crossed": False,
        "today": TODAY,
    }
    args.update(changes)
    return args


def missing_ids(**changes: object) -> list[str]:
    return [item.id for item in assess_readiness(**ready_args(**changes)).missing]  # type: ignore[arg-type]


def test_everything_in_place_is_ready() -> None:
    result = assess_readiness(**ready_args())  # type: ignore[arg-type]
    assert result.ready and result.missing == []
    assert "go gently" in result.summary
    assert [i.id for i in result.items] == [
        "reflected",
        "openness",
        "growth",
        "mindset",
        "boundaries",
    ]


def test_step1_not_done_is_missing_with_why() -> None:
    result = assess_readiness(**ready_args(step1_done=False))  # type: ignore[arg-type]
    (item,) = result.missing
    assert item.id == "reflected" and item.why and "empty" in item.detail
    assert "One thing" in result.summary and "writing is not sending" in result.summary


@pytest.mark.parametrize(
    ("verdict", "met", "words"),
    [
        (None, False, "not taken"),
        (Verdict.NOT_OPEN, False, "not open"),
        (Verdict.UNCLEAR, False, "unclear"),
        (Verdict.OPEN, True, "welcome"),
    ],
)
def test_openness_branches(verdict: Verdict | None, met: bool, words: str) -> None:
    item = assess_readiness(**ready_args(openness=verdict)).items[1]  # type: ignore[arg-type]
    assert item.met is met and words in item.detail


@pytest.mark.parametrize(
    ("dates", "met"),
    [
        ([], False),
        ([TODAY], True),
        ([TODAY - timedelta(days=RECENT_DAYS - 1)], True),
        ([TODAY - timedelta(days=RECENT_DAYS)], False),
        ([TODAY + timedelta(days=1)], False),  # a clock moved back: future dates do not count
    ],
)
def test_growth_window(dates: list[date], met: bool) -> None:
    assert ("growth" not in missing_ids(checkin_dates=dates)) is met


def test_mindset_branches() -> None:
    assert "mindset" in missing_ids(mindset=None)
    assert "mindset" in missing_ids(mindset=Mindset(TODAY - timedelta(days=1), 5, 5, 5))
    low = assess_readiness(  # type: ignore[arg-type]
        **ready_args(mindset=Mindset(TODAY, 5, MINDSET_THRESHOLD - 1, 2))
    ).missing[0]
    assert low.detail == "Lower today: confident, calm."
    assert "mindset" not in missing_ids(mindset=Mindset(TODAY, 3, 3, 3))


def test_boundary_crossed_is_missing() -> None:
    assert missing_ids(boundary_crossed=True) == ["boundaries"]


def test_several_missing_are_counted() -> None:
    result = assess_readiness(  # type: ignore[arg-type]
        **ready_args(step1_done=False, openness=None, mindset=None)
    )
    assert len(result.missing) == 3 and result.summary.startswith("3 things")


@pytest.mark.parametrize(
    ("text", "value"), [("1", 1), (" 5 ", 5), ("3", 3), ("٣", 3), ("", None), ("  ", None)]
)
def test_the_one_rating_scale_reads_what_is_typed(text: str, value: int | None) -> None:
    assert parse_rating(text, "Calm") == value


@pytest.mark.parametrize("text", ["0", "6", "2.5", "-1", "three", "²", "10"])
def test_the_one_rating_scale_refuses_with_a_message(text: str) -> None:
    with pytest.raises(CheckInError, match="Calm: a whole number from 1 to 5"):
        parse_rating(text, "Calm")


# --------------------------------------------------------- reconnect mode
def contact(days_ago: int, who: Initiator, response: Response) -> Contact:
    return Contact(NOW - timedelta(days=days_ago), Channel.MESSAGE, who, response)


@pytest.mark.parametrize(
    ("verdict", "response", "mode"),
    [
        (None, None, Mode.RECONNECT),
        (Verdict.OPEN, None, Mode.RECONNECT),
        (Verdict.UNCLEAR, Response.COLD, Mode.RECONNECT),
        (Verdict.NOT_OPEN, None, Mode.MOVING_FORWARD),
        (Verdict.OPEN, Response.ASKED_FOR_SPACE, Mode.MOVING_FORWARD),
        (None, Response.ASKED_NO_CONTACT, Mode.MOVING_FORWARD),
        (Verdict.NOT_OPEN, Response.WARM, Mode.MOVING_FORWARD),
    ],
)
def test_reconnect_mode(verdict: Verdict | None, response: Response | None, mode: Mode) -> None:
    assert reconnect_mode(verdict, response) is mode
    assert bool(moving_forward_reason(verdict, response)) is (mode is Mode.MOVING_FORWARD)


def test_moving_forward_reasons_are_kind() -> None:
    assert "no contact" in moving_forward_reason(None, Response.ASKED_NO_CONTACT)
    assert "space" in moving_forward_reason(None, Response.ASKED_FOR_SPACE)
    assert "not open" in moving_forward_reason(Verdict.NOT_OPEN, None)
    for text in (
        moving_forward_reason(None, Response.ASKED_NO_CONTACT),
        moving_forward_reason(Verdict.NOT_OPEN, None),
    ):
        assert "fail" not in text.lower()


def test_standing_boundary() -> None:
    asked = contact(10, Initiator.THEM, Response.ASKED_NO_CONTACT)
    assert standing_boundary([]) is None
    assert standing_boundary([contact(3, Initiator.ME, Response.WARM)]) is None
    assert standing_boundary([asked]) is Response.ASKED_NO_CONTACT
    # The user's own later contact never lifts it, whatever the response.
    assert standing_boundary([asked, contact(5, Initiator.ME, Response.WARM)]) is (
        Response.ASKED_NO_CONTACT
    )
    # Their own later reaching out does.
    assert standing_boundary([contact(2, Initiator.THEM, Response.WARM), asked]) is None
    # A later request replaces an earlier one.
    space = contact(1, Initiator.ME, Response.ASKED_FOR_SPACE)
    assert standing_boundary([asked, space]) is Response.ASKED_FOR_SPACE


# ----------------------------------------------------------- drafts, pause
def test_new_draft_and_titles() -> None:
    draft = new_draft("  To   Sam \n", NOW)
    assert draft.title == "To Sam" and draft.text == "" and draft.edited_at == NOW
    assert clean_title("   ") == DEFAULT_TITLE
    assert len(clean_title("x" * 500)) == MAX_TITLE


def test_edit_draft_keeps_a_version_per_session_and_clears_ready() -> None:
    draft = edit_draft(new_draft("A", NOW), "first", NOW)
    assert draft.versions == ()
    same_day = edit_draft(draft, "second", NOW + timedelta(minutes=1))
    assert same_day.versions == () and same_day.text == "second"
    ready = same_day.__class__(**{**same_day.__dict__, "ready_at": NOW + timedelta(hours=2)})
    assert edit_draft(ready, "second", NOW + timedelta(days=1)) is ready  # no change
    next_day = edit_draft(ready, "third", NOW + timedelta(days=1))
    assert [v.text for v in next_day.versions] == ["second"]
    assert next_day.ready_at is None


def test_cooling_off() -> None:
    draft = edit_draft(new_draft("A", NOW), "hi", NOW)
    assert cooling_off_left(draft, NOW, 10) == timedelta(minutes=10)
    assert cooling_off_left(draft, NOW + timedelta(minutes=9, seconds=30), 10) == timedelta(
        seconds=30
    )
    assert cooling_off_left(draft, NOW + timedelta(minutes=10), 10) == timedelta(0)
    assert cooling_off_left(draft, NOW + timedelta(days=3), 10) == timedelta(0)
    assert ready_time(draft, 10) == NOW + timedelta(minutes=10)


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (timedelta(seconds=1), "1 minute"),
        (timedelta(seconds=61), "2 minutes"),
        (timedelta(minutes=10), "10 minutes"),
        (timedelta(minutes=125), "2 h 5 min"),
    ],
)
def test_describe_wait(left: timedelta, words: str) -> None:
    assert describe_wait(left) == words


def test_pause_setting() -> None:
    assert parse_cooling_off(" 15 ") == 15
    for bad in ("", "0", "1441", "ten", "-5", "1.5", "²"):
        with pytest.raises(ValueError):
            parse_cooling_off(bad)
    assert cooling_off_from_setting(None) == DEFAULT_COOLING_OFF_MINUTES
    assert cooling_off_from_setting(True) == DEFAULT_COOLING_OFF_MINUTES
    assert cooling_off_from_setting("5") == DEFAULT_COOLING_OFF_MINUTES
    assert cooling_off_from_setting(0) == DEFAULT_COOLING_OFF_MINUTES
    assert cooling_off_from_setting(30) == 30


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_cooling_off_is_never_negative(seconds: int) -> None:
    draft = edit_draft(new_draft("A", NOW), "hi", NOW)
    left = cooling_off_left(draft, NOW + timedelta(seconds=seconds), 10)
    assert timedelta(0) <= left <= timedelta(minutes=10, seconds=10_000)


def test_contact_time() -> None:
    assert parse_contact_time("2026-03-12 18:30") == datetime(2026, 3, 12, 18, 30)
    assert parse_contact_time(" 2026-03-12   18:30 ") == datetime(2026, 3, 12, 18, 30)
    assert parse_contact_time("2026-03-12") == datetime(2026, 3, 12)
    for bad in ("", "yesterday", "12/03/2026", "2026-02-30 10:00", "2026-03-12 25:00"):
        with pytest.raises(ValueError, match="YYYY-MM-DD HH:MM"):
            parse_contact_time(bad)
    check_not_future(NOW, NOW)
    check_not_future(NOW + timedelta(seconds=59), NOW)  # the form shows minutes only
    with pytest.raises(ValueError, match="future"):
        check_not_future(NOW + timedelta(hours=1), NOW)
