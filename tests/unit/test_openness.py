"""The openness rule: every branch, and the property that a clear "no" always wins."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winback_tui.domain.openness import (
    HARD_BOUNDARIES,
    SIGNAL_STATEMENTS,
    OpennessCheck,
    OpennessResult,
    Signal,
    Verdict,
    assess_openness,
    is_moving_forward,
    take_check,
    verdict_headline,
)

S = Signal
AT = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
ANY_SIGNALS = st.frozensets(st.sampled_from(list(Signal)))
WARM = [S.REPLIED_WARMLY, S.REACHED_OUT_FIRST, S.SUGGESTED_MEETING, S.ASKED_ABOUT_ME]


def verdict(*signals: Signal) -> Verdict:
    return assess_openness(frozenset(signals)).verdict


def reasons(*signals: Signal) -> str:
    return " ".join(assess_openness(frozenset(signals)).reasons)


# ------------------------------------------------------------ hard boundaries
@pytest.mark.parametrize(
    ("signal", "words"),
    [
        (S.ASKED_NO_CONTACT, "asked you not to contact them"),
        (S.BLOCKED, "blocked you"),
        (S.NEW_PARTNER, "someone new"),
        (S.SAID_ITS_OVER, "told you it is over"),
    ],
)
def test_each_hard_boundary_alone_means_not_open_and_names_it(signal: Signal, words: str) -> None:
    assert verdict(signal) is Verdict.NOT_OPEN
    assert words in reasons(signal)


def test_a_hard_boundary_overrides_every_warm_sign_and_says_so() -> None:
    result = assess_openness(frozenset({S.BLOCKED, *WARM}))
    assert result.verdict is Verdict.NOT_OPEN
    assert "blocked you" in result.reasons[0]
    assert "their clear word comes first" in result.reasons[-1]


def test_several_boundaries_each_get_a_reason_in_a_fixed_order() -> None:
    result = assess_openness(frozenset({S.NEW_PARTNER, S.ASKED_NO_CONTACT, S.ASKED_FOR_SPACE}))
    assert len(result.reasons) == 3
    assert "not to contact" in result.reasons[0]
    assert "someone new" in result.reasons[1]
    assert "asked for space" in result.reasons[2]


def test_a_hard_boundary_without_warm_signs_adds_no_warmth_note() -> None:
    assert "warm" not in reasons(S.SAID_ITS_OVER, S.NO_REPLY_LATELY)


# ---------------------------------------------------------------------- space
def test_asked_for_space_means_not_open_for_now() -> None:
    assert verdict(S.ASKED_FOR_SPACE) is Verdict.NOT_OPEN
    assert "for now" in reasons(S.ASKED_FOR_SPACE)
    assert verdict_headline(Verdict.NOT_OPEN, frozenset({S.ASKED_FOR_SPACE})) == (
        "Not open for now"
    )


def test_space_overrides_warm_signs_too() -> None:
    result = assess_openness(frozenset({S.ASKED_FOR_SPACE, S.SUGGESTED_MEETING, S.REPLIED_WARMLY}))
    assert result.verdict is Verdict.NOT_OPEN
    assert "their clear word comes first" in result.reasons[-1]


# ----------------------------------------------------------------------- open
@pytest.mark.parametrize(
    "signals",
    [
        {S.REPLIED_WARMLY, S.SUGGESTED_MEETING},
        {S.REPLIED_WARMLY, S.REACHED_OUT_FIRST},
        {S.ASKED_ABOUT_ME, S.REACHED_OUT_FIRST},
        {S.REACHED_OUT_FIRST, S.SUGGESTED_MEETING},
        set(WARM),
    ],
)
def test_warmth_with_their_own_step_is_open(signals: set[Signal]) -> None:
    result = assess_openness(frozenset(signals))
    assert result.verdict is Verdict.OPEN
    assert "Go gently" in result.reasons[-1]
    assert "free to change their mind" in result.reasons[-1]


def test_open_reason_names_the_warm_signs() -> None:
    text = reasons(S.REPLIED_WARMLY, S.SUGGESTED_MEETING, S.ASKED_ABOUT_ME)
    assert "they suggested meeting, they were warm with you and they asked how you are" in text


# -------------------------------------------------------------------- unclear
def test_nothing_ticked_is_unclear() -> None:
    assert verdict() is Verdict.UNCLEAR
    assert "not ticked any signs" in reasons()


def test_only_silence_is_unclear() -> None:
    assert verdict(S.NO_REPLY_LATELY) is Verdict.UNCLEAR
    assert "Silence is an answer for now" in reasons(S.NO_REPLY_LATELY)


def test_warm_signs_with_silence_are_mixed_and_unclear() -> None:
    signals = (S.REPLIED_WARMLY, S.SUGGESTED_MEETING, S.NO_REPLY_LATELY)
    assert verdict(*signals) is Verdict.UNCLEAR
    assert "gone quiet" in reasons(*signals)


@pytest.mark.parametrize(
    "signals",
    [
        {S.REPLIED_WARMLY},
        {S.ASKED_ABOUT_ME},
        {S.REPLIED_WARMLY, S.ASKED_ABOUT_ME},  # warm, but no step of their own
        {S.SUGGESTED_MEETING},  # one step alone
        {S.REACHED_OUT_FIRST},
    ],
)
def test_a_little_warmth_is_not_yet_an_invitation(signals: set[Signal]) -> None:
    assert verdict(*signals) is Verdict.UNCLEAR
    assert "Let them take the next step" in reasons(*signals)


def test_a_single_warm_sign_is_named_without_a_list() -> None:
    assert "(they asked how you are)" in reasons(S.ASKED_ABOUT_ME)


# ------------------------------------------------------------------ headlines
def test_headlines_name_each_verdict_in_words() -> None:
    assert verdict_headline(Verdict.OPEN, frozenset()) == "Open to contact"
    assert verdict_headline(Verdict.UNCLEAR, frozenset()) == "Unclear for now"
    assert verdict_headline(Verdict.NOT_OPEN, frozenset({S.BLOCKED, S.ASKED_FOR_SPACE})) == (
        "Not open to contact"
    )


# ------------------------------------------------------------ moving forward
def test_moving_forward_only_after_a_not_open_check() -> None:
    assert not is_moving_forward(None)
    assert is_moving_forward(take_check(frozenset({S.BLOCKED}), AT))
    assert is_moving_forward(take_check(frozenset({S.ASKED_FOR_SPACE}), AT))
    assert not is_moving_forward(take_check(frozenset(), AT))
    assert not is_moving_forward(take_check(frozenset({S.REPLIED_WARMLY, S.REACHED_OUT_FIRST}), AT))


def test_take_check_keeps_the_moment_and_the_rules_result() -> None:
    signals = frozenset({S.NEW_PARTNER})
    check = take_check(signals, AT)
    assert check == OpennessCheck(AT, signals, assess_openness(signals))
    assert check.id == 0


def test_every_signal_has_one_statement_to_tick() -> None:
    assert sorted(s for s, _ in SIGNAL_STATEMENTS) == sorted(Signal)


# ----------------------------------------------------------------- properties
@given(ANY_SIGNALS, st.sampled_from(HARD_BOUNDARIES))
def test_a_clear_no_is_never_open(signals: frozenset[Signal], boundary: Signal) -> None:
    result = assess_openness(signals | {boundary})
    assert result.verdict is Verdict.NOT_OPEN
    assert verdict_headline(result.verdict, signals | {boundary}) == "Not open to contact"


@given(ANY_SIGNALS)
def test_any_hard_boundary_or_space_means_not_open(signals: frozenset[Signal]) -> None:
    result = assess_openness(signals)
    if signals & {*HARD_BOUNDARIES, S.ASKED_FOR_SPACE}:
        assert result.verdict is Verdict.NOT_OPEN
    else:
        assert result.verdict is not Verdict.NOT_OPEN


@given(ANY_SIGNALS)
def test_every_result_has_a_reason_and_is_deterministic(signals: frozenset[Signal]) -> None:
    result = assess_openness(signals)
    assert isinstance(result, OpennessResult)
    assert result.reasons and all(r.strip() for r in result.reasons)
    assert assess_openness(frozenset(sorted(signals))) == result


@given(ANY_SIGNALS)
def test_silence_is_never_open(signals: frozenset[Signal]) -> None:
    assert assess_openness(signals | {S.NO_REPLY_LATELY}).verdict is not Verdict.OPEN
