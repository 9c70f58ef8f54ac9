"""The tone check: each rule, spans on tricky text, and precision/recall on a labelled corpus.

Run ``pytest tests/unit/test_tone.py -s`` to see the corpus figures.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.tone_corpus import CORPUS
from winback_tui.domain.tone import (
    HARMFUL_KINDS,
    HELPFUL_KINDS,
    RULES,
    Finding,
    Kind,
    Pattern,
    check_tone,
    harmful,
    is_harmful,
    missing_helpful,
    normalise,
)

# Thresholds for "this message holds something harmful", measured per message.
# Precision comes first: a kind message wrongly marked teaches the user to ignore
# the check and can shame someone who is doing well, so at most about one flag in
# seven may be wrong. Recall may be a little lower because a miss costs less here:
# winback never sends anything, the user still pauses (cooling-off) and rereads,
# and plain keyword rules cannot see sarcasm without trigger words; the corpus
# keeps two such subtle messages on purpose. Both are set below today's figures
# so the test guards against a rule change that breaks many messages at once.
MIN_PRECISION = 0.85
MIN_RECALL = 0.85
# Per kind (micro-averaged over all kinds): a finding of the wrong kind still
# warns the user, so this bar is a little lower.
MIN_KIND_PRECISION = 0.8
MIN_KIND_RECALL = 0.8


def kinds(text: str) -> set[Kind]:
    return {f.kind for f in check_tone(text)}


def quotes(text: str, kind: Kind | None = None) -> list[str]:
    return [f.quote(text) for f in check_tone(text) if kind is None or f.kind is kind]


# ------------------------------------------------------------------ corpus
def test_corpus_is_large_and_mixed() -> None:
    assert len(CORPUS) >= 40
    kind_ones = [t for t, labels in CORPUS if not labels]
    assert len(kind_ones) >= 15
    assert len(CORPUS) - len(kind_ones) >= 15
    seen = Counter(k for _, labels in CORPUS for k in labels)
    for kind in HARMFUL_KINDS:
        assert seen[kind] >= 2, f"the corpus needs examples of {kind}"


def test_corpus_precision_and_recall() -> None:
    tp = fp = fn = tn = 0
    kind_tp: Counter[Kind] = Counter()
    kind_fp: Counter[Kind] = Counter()
    kind_fn: Counter[Kind] = Counter()
    misses: list[str] = []
    for text, labels in CORPUS:
        found = {f.kind for f in harmful(check_tone(text))}
        if found and labels:
            tp += 1
        elif found:
            fp += 1
            misses.append(f"false flag: {text!r} -> {sorted(found)}")
        elif labels:
            fn += 1
            misses.append(f"missed: {text!r} (expected {sorted(labels)})")
        else:
            tn += 1
        for kind in HARMFUL_KINDS:
            kind_tp[kind] += kind in found and kind in labels
            kind_fp[kind] += kind in found and kind not in labels
            kind_fn[kind] += kind not in found and kind in labels
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    all_tp, all_fp, all_fn = (sum(c.values()) for c in (kind_tp, kind_fp, kind_fn))
    kind_precision = all_tp / (all_tp + all_fp)
    kind_recall = all_tp / (all_tp + all_fn)
    print(f"\ntone corpus: {len(CORPUS)} messages, tp={tp} fp={fp} fn={fn} tn={tn}")
    print(f"message flagged as harmful: precision {precision:.3f}, recall {recall:.3f}")
    print(f"per kind (micro): precision {kind_precision:.3f}, recall {kind_recall:.3f}")
    for kind in HARMFUL_KINDS:
        p_den = kind_tp[kind] + kind_fp[kind]
        r_den = kind_tp[kind] + kind_fn[kind]
        p = f"{kind_tp[kind] / p_den:.2f}" if p_den else "n/a"
        r = f"{kind_tp[kind] / r_den:.2f}" if r_den else "n/a"
        print(f"  {kind.value:<30} precision {p}  recall {r}")
    for line in misses:
        print("  " + line)
    assert precision >= MIN_PRECISION, misses
    assert recall >= MIN_RECALL, misses
    assert kind_precision >= MIN_KIND_PRECISION
    assert kind_recall >= MIN_KIND_RECALL


# ------------------------------------------------------------- every rule
@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("You always forget.", Kind.BLAME, "You always"),
        ("you never call", Kind.BLAME, "you never"),
        ("You’re never on time.", Kind.BLAME, "You’re never"),
        ("It's all your fault.", Kind.BLAME, "your fault"),
        ("I left because of you.", Kind.BLAME, "because of you"),
        ("You made me do it.", Kind.BLAME, "You made me"),
        ("You ruined everything.", Kind.BLAME, "You ruined everything"),
        ("How could you?", Kind.BLAME, "How could you"),
        ("you don't even care", Kind.BLAME, "you don't even care"),
        ("You shouldn’t have said that.", Kind.BLAME, "You shouldn’t have"),
        ("You're so selfish.", Kind.BLAME, "You're so selfish"),
        ("You're pathetic.", Kind.CONTEMPT, "You're pathetic"),
        ("Oh, grow up.", Kind.CONTEMPT, "grow up"),
        ("Typical you.", Kind.CONTEMPT, "Typical you"),
        ("What’s wrong with you", Kind.CONTEMPT, "What’s wrong with you"),
        ("ok whatever.", Kind.CONTEMPT, "whatever"),
        ("Sure you did.", Kind.CONTEMPT, "Sure you did"),
        ("It's not my fault!", Kind.DEFENSIVENESS, "It's not my fault"),
        ("What about you?", Kind.DEFENSIVENESS, "What about you"),
        ("Yeah but you lied too", Kind.DEFENSIVENESS, "Yeah but you"),
        ("I'm sorry you feel that way.", Kind.DEFENSIVENESS, "sorry you feel"),
        ("I had every right.", Kind.DEFENSIVENESS, "I had every right"),
        ("I'm done talking.", Kind.STONEWALLING, "I'm done talking"),
        ("Forget it.", Kind.STONEWALLING, "Forget it"),
        ("I don't want to talk about it.", Kind.STONEWALLING, "I don't want to talk about it"),
        ("End of discussion.", Kind.STONEWALLING, "End of discussion"),
        ("Remember when you left?", Kind.DWELLING, "Remember when you"),
        ("You used to cook.", Kind.DWELLING, "You used to"),
        ("After what you did…", Kind.DWELLING, "After what you did"),
        ("Last summer, you said no.", Kind.DWELLING, "Last summer, you"),
        ("You have to listen.", Kind.PRESSURE, "You have to"),
        ("I need an answer.", Kind.PRESSURE, "I need an answer"),
        ("If you don't call, fine.", Kind.PRESSURE, "If you don't"),
        ("After everything I did!", Kind.PRESSURE, "After everything I did"),
        ("You owe me.", Kind.PRESSURE, "You owe me"),
        ("Reply asap", Kind.PRESSURE, "Reply asap"),
        ("This is your last chance", Kind.PRESSURE, "last chance"),
        ("I can’t live without you", Kind.PRESSURE, "I can’t live without you"),
        ("I understand why you left.", Kind.ACKNOWLEDGING, "I understand why you"),
        ("You were right.", Kind.ACKNOWLEDGING, "You were right"),
        ("That must have been lonely.", Kind.ACKNOWLEDGING, "That must have been"),
        ("I'm sorry I shouted.", Kind.OWNING, "I'm sorry I"),
        ("I was wrong.", Kind.OWNING, "I was wrong"),
        ("I take responsibility.", Kind.OWNING, "I take responsibility"),
        ("I've been working on it.", Kind.GROWTH, "I've been working on"),
        ("I'm in therapy now.", Kind.GROWTH, "I'm in therapy"),
        ("No pressure at all.", Kind.OPEN_ENDING, "No pressure"),
        ("Only if you want to.", Kind.OPEN_ENDING, "Only if you want"),
        ("Take your time.", Kind.OPEN_ENDING, "Take your time"),
        ("I feel sad.", Kind.I_STATEMENT, "I feel"),
        ("I'd like to talk.", Kind.I_STATEMENT, "I'd like"),
    ],
)
def test_each_rule_finds_its_phrase(text: str, kind: Kind, phrase: str) -> None:
    assert phrase in quotes(text, kind)


def test_every_rule_is_exercised_by_the_corpus_or_the_table() -> None:
    # Each rule's kind appears in the cases above; this keeps a new kind from going untested.
    covered = set(HARMFUL_KINDS) | set(HELPFUL_KINDS)
    assert {rule.kind for rule in RULES} <= covered


@pytest.mark.parametrize(
    "text",
    [
        "I know you never meant to hurt me.",
        "You always made me laugh.",
        "It's not your fault.",
        "It was never your fault.",
        "None of this was your fault.",
        "You made me a better person.",
        "If you don't want to reply, that's okay.",
        "If you don't reply, I understand.",
        "You don't have to answer me.",
        "Whatever you decide is fine.",
        "I need some time for myself.",
        "I'd like to hear how you are, only if you want to.",
    ],
)
def test_kind_phrases_are_not_flagged(text: str) -> None:
    assert not harmful(check_tone(text)), [f.quote(text) for f in harmful(check_tone(text))]


def test_findings_name_their_pattern_reason_and_direction() -> None:
    text = "You never listen. I'm sorry I shouted."
    found = check_tone(text)
    blame = next(f for f in found if f.kind is Kind.BLAME)
    assert blame.pattern is Pattern.CRITICISM and not blame.helpful
    assert blame.reason and blame.direction
    owning = next(f for f in found if f.kind is Kind.OWNING)
    assert owning.pattern is Pattern.TAKING_RESPONSIBILITY and owning.helpful
    assert next(f for f in check_tone("I need an answer")).pattern is Pattern.REQUEST
    assert next(f for f in check_tone("Remember when you")).pattern is Pattern.GENTLE_STARTUP
    assert next(f for f in check_tone("You're a joke")).pattern is Pattern.CONTEMPT
    assert next(f for f in check_tone("Forget it")).pattern is Pattern.STONEWALLING
    assert next(f for f in check_tone("What about you")).pattern is Pattern.DEFENSIVENESS


# ------------------------------------------------------------- text forms
def test_case_and_spacing_do_not_matter() -> None:
    assert quotes("YOU   ALWAYS do that", Kind.BLAME) == ["YOU   ALWAYS"]
    assert quotes("you\nnever\tcall", Kind.BLAME) == ["you\nnever"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("if you don't", "if you don't"),
        ("if you don’t", "if you don’t"),
        ("if you dont", "if you dont"),
        ("if you do not", "if you do not"),
        ("If You DON‘T", "If You DON‘T"),
    ],
)
def test_contractions_straight_curly_and_long(text: str, phrase: str) -> None:
    assert quotes(text, Kind.PRESSURE) == [phrase]


def test_spans_after_emoji_and_curly_quotes_index_the_original_text() -> None:
    text = "😡😡 “You ALWAYS do this” — it’s your fault 💔 and I don’t care anymore"
    found = {f.kind: f for f in check_tone(text)}
    blame = [f for f in check_tone(text) if f.kind is Kind.BLAME]
    assert [f.quote(text) for f in blame] == ["You ALWAYS", "your fault"]
    assert blame[0].start == text.index("You ALWAYS")
    assert blame[0].end == blame[0].start + len("You ALWAYS")
    assert found[Kind.STONEWALLING].quote(text) == "I don’t care anymore"


def test_spans_with_combining_marks_and_right_to_left_text() -> None:
    text = "שלום e\u0301e\u0301 👩‍👩‍👧 you never write. مرحبا"
    (finding,) = harmful(check_tone(text))
    assert finding.quote(text) == "you never"
    assert text[finding.start : finding.end] == "you never"


def test_letters_that_change_length_when_lowered_do_not_shift_spans() -> None:
    text = "İİİ You always"
    (finding,) = check_tone(text)
    assert finding.quote(text) == "You always"


def test_normalise_keeps_length_and_straightens_quotes() -> None:
    text = "it’s “fine” ‘ok’ don´t"
    assert normalise(text) == "it's \"fine\" 'ok' don't"
    assert len(normalise(text)) == len(text)


def test_words_inside_other_words_do_not_match() -> None:
    assert not check_tone("yourfault younever")
    assert not harmful(check_tone("Bayou always floods"))


def test_harmful_outranks_helpful_on_the_same_words() -> None:
    text = "It's not my fault."
    assert kinds(text) == {Kind.DEFENSIVENESS}


def test_a_long_text_is_checked_whole() -> None:
    block = "Hello 😊 שלום. You never listen. I hope you're well.\n"
    text = block * 20_000  # about 1 MB
    found = check_tone(text)
    assert sum(1 for f in found if f.kind is Kind.BLAME) == 20_000
    assert found[-1].end <= len(text)


def test_empty_and_whitespace() -> None:
    assert check_tone("") == []
    assert check_tone("   \n\t") == []


def test_is_harmful_and_missing_helpful() -> None:
    assert is_harmful("you never")
    assert not is_harmful("I miss you. No pressure.")
    missing = missing_helpful(check_tone("I miss you. No pressure."))
    assert Kind.OPEN_ENDING not in missing and Kind.I_STATEMENT not in missing
    assert Kind.OWNING in missing


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_valid_spans(text: str) -> None:
    for finding in check_tone(text):
        assert isinstance(finding, Finding)
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.helpful is finding.kind.helpful


# Surroundings that cannot form a word with the phrase or turn it warm.
_AROUND = st.text(alphabet=st.sampled_from(list(" .,!?😊💔שלוםمرحباé\u0301\n“”’")), max_size=40)


@settings(max_examples=100, deadline=None)
@given(_AROUND, _AROUND)
def test_a_phrase_is_found_wherever_it_sits(before: str, after: str) -> None:
    text = f"{before} you always {after}"
    start = len(before) + 1
    assert any(
        f.kind is Kind.BLAME and f.start == start and f.end == start + len("you always")
        for f in check_tone(text)
    )
