"""The one situation every screen reads: no-contact mode, how it lifts, and what it allows."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.boundaries import DEFAULT_BOUNDARIES, Boundary
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.gate import BlockKind, boundary_states, ready_gate
from winback_tui.domain.openness import OpennessCheck, Signal, Verdict, take_check
from winback_tui.domain.pacing import PacingKind, PacingSettings, pacing_status
from winback_tui.domain.progress import (
    DashboardFacts,
    StepProgress,
    dashboard_notice,
    dashboard_suggestion,
)
from winback_tui.domain.readiness import (
    Mindset,
    Mode,
    assess_readiness,
    moving_forward_reason,
)
from winback_tui.domain.reconnect import Draft
from winback_tui.domain.situation import Hold, HoldSource, Situation, situation

TODAY = date(2026, 3, 12)


def at(days_ago: int, hour: int = 12) -> datetime:
    day = TODAY - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def mine(days_ago: int, response: Response = Response.NO_REPLY, hour: int = 12) -> Contact:
    return Contact(at(days_ago, hour), Channel.MESSAGE, Initiator.ME, response)


def theirs(days_ago: int, response: Response = Response.WARM, hour: int = 12) -> Contact:
    return Contact(at(days_ago, hour), Channel.MESSAGE, Initiator.THEM, response)


def check(days_ago: int, *signals: Signal) -> OpennessCheck:
    return take_check(frozenset(signals), at(days_ago))


def stand(checks: list[OpennessCheck], contacts: list[Contact]) -> Situation:
    return situation(checks, contacts, TODAY, PacingSettings(), UTC)


# ------------------------------------------------------- every combination
VERDICTS: dict[str, list[OpennessCheck]] = {
    "none": [],
    "open": [check(5, Signal.REACHED_OUT_FIRST, Signal.REPLIED_WARMLY)],
    "unclear": [check(5)],
    "not open": [check(5, Signal.SAID_ITS_OVER)],
    "asked no contact": [check(5, Signal.ASKED_NO_CONTACT)],
}
LOGS: dict[str, list[Contact]] = {
    "empty": [],
    # Within a 7-day window only the one three days ago counts: at the limit.
    "unanswered": [mine(10), mine(3)],
    "they asked to stop": [mine(4), theirs(2, Response.ASKED_NO_CONTACT)],
    "they reached out later": [theirs(8, Response.ASKED_FOR_SPACE), theirs(1, Response.WARM)],
}
#: Two more unanswered messages today take any log past one-in-seven-days.
BOUNDARY_STATES = ("none", "kept", "crossed")


def _boundaries(state: str) -> list[Boundary]:
    if state == "none":
        return []
    return [
        Boundary(i + 1, text, i, TODAY - timedelta(days=30))
        for i, text in enumerate(DEFAULT_BOUNDARIES)
    ]


PACING_ID = 5  # "At most one message without a reply in any 7 days; then I wait."
RESPECT_IDS = {1, 4}


@pytest.mark.parametrize(
    ("verdict", "log", "boundary"), list(product(VERDICTS, LOGS, BOUNDARY_STATES))
)
def test_the_situation_for_every_verdict_log_and_boundary_state(
    verdict: str, log: str, boundary: str
) -> None:
    checks = VERDICTS[verdict]
    contacts = list(LOGS[log])
    if boundary == "crossed":
        contacts += [mine(0, hour=9), mine(0, hour=10)]
    result = stand(checks, contacts)

    lifted = log == "they reached out later"
    held_by_check = verdict in ("not open", "asked no contact") and not lifted
    expect_no_contact = held_by_check or log == "they asked to stop"
    assert result.no_contact is expect_no_contact
    assert result.drafts_may_be_ready is not expect_no_contact
    assert result.step3_mode is (Mode.MOVING_FORWARD if expect_no_contact else Mode.RECONNECT)
    assert result.openness_ticked is (verdict == "open" and not expect_no_contact)
    assert result.lifted_by_them is (lifted and not expect_no_contact)
    assert bool(result.lift_note) is result.lifted_by_them

    if expect_no_contact:
        assert result.next_message_day is None
        assert result.pacing.next_respectful is None
        assert result.pacing.kind is PacingKind.NO_CONTACT
        assert result.boundary_crossed
        assert result.reason and result.how_it_lifts
        assert "reaching out to you themselves" in result.how_it_lifts
        expected_hold = (
            Hold.ASKED_NO_CONTACT
            if log == "they asked to stop" or verdict == "asked no contact"
            else Hold.NOT_OPEN
        )
        assert result.hold is expected_hold
        source = HoldSource.CONTACT if log == "they asked to stop" else HoldSource.OPENNESS_CHECK
        assert result.source is source
    else:
        assert result.hold is None and result.reason == "" and result.how_it_lifts == ""
        if boundary == "crossed":
            # Pushy: the earliest respectful day is a week after today's messages.
            assert result.next_message_day == TODAY + timedelta(days=7)
            assert result.pacing.kind is PacingKind.PUSHY and result.boundary_crossed
        elif log == "unanswered":
            assert result.next_message_day == TODAY - timedelta(days=3) + timedelta(days=7)
            assert not result.boundary_crossed
        else:
            assert result.next_message_day is None
            assert not result.boundary_crossed

    states = boundary_states(
        _boundaries(boundary), result, contacts, checks, TODAY, PacingSettings(), UTC
    )
    if boundary == "none":
        assert states == {}
        return
    crossed_ids = {i for i, s in states.items() if s.crossed}
    if boundary == "kept":
        assert crossed_ids == set()
    else:
        expected = {PACING_ID, *RESPECT_IDS}
        assert crossed_ids == expected
        assert all(states[i].reason for i in crossed_ids)
        slipped = expect_no_contact
        respect_words = "slip is not a failure" if slipped else "unanswered messages"
        assert all(respect_words in states[i].reason for i in RESPECT_IDS)
    # Boundaries the user wrote (or unrelated defaults) are never judged.
    assert not any(states[i].crossed for i in (2, 3, 6, 7))


# ------------------------------------------------------------ how it lifts
def test_retaking_the_check_does_not_lift_no_contact() -> None:
    checks = [
        check(6, Signal.ASKED_NO_CONTACT),
        check(1, Signal.REACHED_OUT_FIRST, Signal.SUGGESTED_MEETING),
    ]
    result = stand(checks, [])
    assert result.no_contact and result.verdict is Verdict.OPEN
    assert result.retake_ignored
    assert not result.openness_ticked and result.next_message_day is None


def test_their_reaching_out_after_the_check_lifts_it_kindly() -> None:
    result = stand([check(6, Signal.ASKED_FOR_SPACE)], [theirs(2)])
    assert not result.no_contact and result.lifted_by_them
    assert "themselves" in result.lift_note and "gently" in result.lift_note


def test_their_contact_before_the_check_does_not_lift_it() -> None:
    result = stand([check(2, Signal.ASKED_NO_CONTACT)], [theirs(6)])
    assert result.no_contact


def test_the_users_own_contacts_never_lift_it_whatever_the_answer() -> None:
    result = stand(
        [check(6, Signal.ASKED_NO_CONTACT)], [mine(3, Response.WARM), mine(1, Response.NEUTRAL)]
    )
    assert result.no_contact


def test_their_contact_asking_for_space_is_a_hold_not_a_lift() -> None:
    result = stand([check(6, Signal.ASKED_NO_CONTACT)], [theirs(1, Response.ASKED_FOR_SPACE)])
    assert result.no_contact and result.hold is Hold.ASKED_FOR_SPACE


def test_a_future_dated_contact_of_theirs_does_not_lift_it() -> None:
    result = stand([check(2, Signal.ASKED_NO_CONTACT)], [theirs(-2)])
    assert result.no_contact


def test_a_new_not_open_check_after_a_lift_holds_again() -> None:
    result = stand([check(9, Signal.ASKED_NO_CONTACT), check(1, Signal.NEW_PARTNER)], [theirs(5)])
    assert result.no_contact and result.hold is Hold.NOT_OPEN


# ---------------------------------------------------------- readiness gate
NOW = at(0, 15)


def _draft(edited_minutes_ago: int = 60, rest: int | None = None, text: str = "Hello") -> Draft:
    moment = NOW - timedelta(minutes=edited_minutes_ago)
    return Draft("t", text, moment, moment, rest_minutes=rest)


def _readiness(result: Situation, mindset: Mindset | None) -> object:
    return assess_readiness(
        step1_done=True,
        openness=result.verdict,
        checkin_dates=[TODAY],
        mindset=mindset,
        boundary_crossed=result.boundary_crossed,
        today=TODAY,
        no_contact=result.no_contact,
    )


STEADY = Mindset(TODAY, 4, 4, 4)
OPEN = [check(3, Signal.REACHED_OUT_FIRST, Signal.REPLIED_WARMLY)]


def _gate(
    checks: list[OpennessCheck],
    contacts: list[Contact],
    mindset: Mindset | None,
    draft: Draft | None = None,
) -> set[BlockKind]:
    result = stand(checks, contacts)
    gate = ready_gate(draft or _draft(), result, _readiness(result, mindset), NOW, 10)  # type: ignore[arg-type]
    for block in gate.blocks:
        assert block.reason and block.what_would_change_it
    return {block.kind for block in gate.blocks}


def test_open_steady_and_rested_may_be_marked_ready() -> None:
    assert _gate(OPEN, [], STEADY) == set()


def test_no_contact_blocks_everything_with_one_reason_and_no_countdown() -> None:
    kinds = _gate([check(3, Signal.ASKED_NO_CONTACT)], [], None, _draft(1))
    assert kinds == {BlockKind.NO_CONTACT}


def test_unclear_openness_blocks_ready() -> None:
    assert _gate([check(3)], [], STEADY) == {BlockKind.OPENNESS}
    assert _gate([], [], STEADY) == {BlockKind.OPENNESS}


def test_a_crossed_boundary_blocks_ready() -> None:
    contacts = [theirs(3), mine(1), mine(0)]
    assert _gate(OPEN, contacts, STEADY) == {BlockKind.BOUNDARY}


@pytest.mark.parametrize(
    "mindset", [None, Mindset(TODAY, 4, 2, 4), Mindset(TODAY - timedelta(days=1), 5, 5, 5)]
)
def test_a_low_or_missing_mindset_blocks_ready(mindset: Mindset | None) -> None:
    assert _gate(OPEN, [], mindset) == {BlockKind.MINDSET}


def test_a_resting_draft_keeps_its_own_length_when_the_setting_shrinks() -> None:
    # Rested 20 minutes with its own 30-minute pause; the setting now says 10.
    assert _gate(OPEN, [], STEADY, _draft(20, rest=30)) == {BlockKind.RESTING}
    # An older draft that keeps no length follows the setting.
    assert _gate(OPEN, [], STEADY, _draft(20, rest=None)) == set()


# ------------------------------------------------ no date under no contact
_DATE = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|earliest|next message|respectful day|try again on"
    r"|\bin \d+ (minute|hour|day|week)|\d+ (minutes?|hours?|days?|weeks?) (more|left)|until \w+day",
    re.IGNORECASE,
)

_RESPONSES = st.sampled_from(list(Response))
_SIGNALS = st.frozensets(st.sampled_from(list(Signal)))


@st.composite
def _no_contact_story(draw: st.DrawFn) -> tuple[list[OpennessCheck], list[Contact]]:
    """Any history, then a hold, then only the user's own contacts and retakes."""
    before = draw(st.integers(min_value=0, max_value=6))
    hold_day = draw(st.integers(min_value=0, max_value=40))
    contacts: list[Contact] = []
    checks: list[OpennessCheck] = []
    for _ in range(before):
        ago = hold_day + draw(st.integers(min_value=1, max_value=60))
        who = draw(st.sampled_from(list(Initiator)))
        contacts.append(Contact(at(ago), Channel.MESSAGE, who, draw(_RESPONSES)))
        if draw(st.booleans()):
            checks.append(take_check(draw(_SIGNALS), at(ago, 8)))
    by_check = draw(st.booleans())
    if by_check:
        hard = draw(
            st.sampled_from(
                [
                    Signal.ASKED_NO_CONTACT,
                    Signal.ASKED_FOR_SPACE,
                    Signal.SAID_ITS_OVER,
                    Signal.BLOCKED,
                    Signal.NEW_PARTNER,
                ]
            )
        )
        checks.append(take_check(draw(_SIGNALS) | {hard}, at(hold_day, 10)))
    else:
        response = draw(st.sampled_from([Response.ASKED_NO_CONTACT, Response.ASKED_FOR_SPACE]))
        who = draw(st.sampled_from(list(Initiator)))
        contacts.append(Contact(at(hold_day, 10), Channel.CALL, who, response))
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        after = draw(st.integers(min_value=0, max_value=hold_day))
        if draw(st.booleans()):
            contacts.append(Contact(at(after, 20), Channel.MESSAGE, Initiator.ME, draw(_RESPONSES)))
        else:
            checks.append(take_check(draw(_SIGNALS), at(after, 21)))
    return checks, contacts


@settings(max_examples=200, deadline=None)
@given(
    _no_contact_story(),
    st.sampled_from([None, STEADY, Mindset(TODAY, 1, 1, 1)]),
    st.integers(min_value=1, max_value=5),
)
def test_no_text_names_a_day_for_another_message_under_no_contact(
    story: tuple[list[OpennessCheck], list[Contact]], mindset: Mindset | None, draft_age: int
) -> None:
    checks, contacts = story
    result = stand(checks, contacts)
    assert result.no_contact
    assert result.next_message_day is None and result.pacing.next_respectful is None
    readiness = assess_readiness(
        step1_done=True,
        openness=result.verdict,
        checkin_dates=[TODAY],
        mindset=mindset,
        boundary_crossed=result.boundary_crossed,
        today=TODAY,
        no_contact=result.no_contact,
    )
    gate = ready_gate(_draft(draft_age), result, readiness, NOW, 30)
    assert not gate.allowed
    facts = DashboardFacts(
        steps=[StepProgress(1, "Assess", 3, 3)],
        openness_checked=bool(checks),
        moving_forward=True,
        pacing_crossed=result.boundary_crossed,
        pacing_message=result.pacing.message,
        no_contact=result.no_contact,
        no_contact_reason=result.reason,
    )
    boundaries = [Boundary(i + 1, t, i, TODAY) for i, t in enumerate(DEFAULT_BOUNDARIES)]
    states = boundary_states(boundaries, result, contacts, checks, TODAY, PacingSettings(), UTC)
    texts = [
        result.reason,
        result.how_it_lifts,
        result.pacing.message,
        pacing_status(contacts, TODAY, PacingSettings(), UTC, no_contact=True).message,
        readiness.summary,
        *(item.detail for item in readiness.items),
        *(block.reason for block in gate.blocks),
        *(block.what_would_change_it for block in gate.blocks),
        dashboard_notice(facts) or "",
        dashboard_suggestion(facts),
        moving_forward_reason(result.verdict, None),
        *(state.reason for state in states.values()),
    ]
    for text in texts:
        assert not _DATE.search(text), text


def test_the_date_pattern_catches_what_the_guard_says_outside_no_contact() -> None:
    # The property above would be empty if the pattern could not see a date.
    result = stand([], [mine(0, hour=9), mine(0, hour=10)])
    assert _DATE.search(result.pacing.message)
