"""The tone check: each rule, spans on tricky text, and precision/recall on a labelled corpus.

The corpus has a fixed split (``tests/unit/tone_data/``): the rules were tuned on
the training split only, and the thresholds below are asserted on the test split,
which no rule was tuned on. ``python -m tests.unit.tone_report`` prints the
figures per pattern.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.tone_corpus import CORPUS, TEST, TRAIN
from tests.unit.tone_report import measure
from winback_tui.domain import tone
from winback_tui.domain.tone import (
    HARMFUL_KINDS,
    NO_CONTACT_REASON,
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

# The issue's targets, on messages the rules were not tuned on: a kind message
# wrongly marked teaches the user to ignore the check and can shame someone who
# is doing well, so precision comes first; a harmful message missed is a message
# that may push someone who said no, so recall must be high too.
MIN_PRECISION = 0.95
MIN_RECALL = 0.85
# Per kind (micro-averaged over all kinds): a finding of the wrong kind still
# warns the user, so this bar is a little lower.
MIN_KIND_PRECISION = 0.85
MIN_KIND_RECALL = 0.8


def kinds(text: str) -> set[Kind]:
    return {f.kind for f in check_tone(text)}


def quotes(text: str, kind: Kind | None = None) -> list[str]:
    return [f.quote(text) for f in check_tone(text) if kind is None or f.kind is kind]


# ------------------------------------------------------------------ corpus
def test_corpus_is_large_mixed_and_split() -> None:
    assert len(CORPUS) >= 400
    assert len(TEST) >= len(CORPUS) / 4
    assert not {text for text, _ in TEST} & {text for text, _ in TRAIN}, "a message in both"
    for split in (TRAIN, TEST):
        kind_ones = [t for t, labels in split if not labels]
        assert len(kind_ones) >= len(split) / 3
        seen = Counter(k for _, labels in split for k in labels)
        for kind in HARMFUL_KINDS:
            assert seen[kind] >= 4, f"the split needs examples of {kind}"


def _assert_figures(name: str, samples: tuple[tuple[str, frozenset[Kind]], ...]) -> None:
    figures = measure(samples)
    all_tp, all_fp, all_fn = (
        sum(c.values()) for c in (figures.kind_tp, figures.kind_fp, figures.kind_fn)
    )
    kind_precision = all_tp / (all_tp + all_fp)
    kind_recall = all_tp / (all_tp + all_fn)
    print(f"\n{name}: precision {figures.precision:.3f}, recall {figures.recall:.3f}")
    print(f"per kind (micro): precision {kind_precision:.3f}, recall {kind_recall:.3f}")
    for line in figures.misses:
        print("  " + line)
    wrong = [m for m in figures.misses if not m.startswith("kinds:")]
    assert figures.precision >= MIN_PRECISION, wrong
    assert figures.recall >= MIN_RECALL, wrong
    assert kind_precision >= MIN_KIND_PRECISION
    assert kind_recall >= MIN_KIND_RECALL


def test_precision_and_recall_on_the_held_out_test_split() -> None:
    _assert_figures("test split", TEST)


def test_precision_and_recall_on_the_training_split() -> None:
    _assert_figures("training split", TRAIN)


# ------------------------------------------------------------- every rule
def _rules_that_fire(text: str) -> set[int]:
    return {id(rule) for rule, _, _ in tone._matches(tone._lower(normalise(text)))}


def test_every_rule_fires_on_at_least_one_corpus_message() -> None:
    fired: set[int] = set()
    for text, _ in CORPUS:
        fired |= _rules_that_fire(text)
    silent = [(rule.kind.value, rule.phrases[0][:60]) for rule in RULES if id(rule) not in fired]
    assert not silent, f"rules no corpus message exercises: {silent}"


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
        ("If you hadn't been so cold", Kind.BLAME, "If you hadn't"),
        ("If you cared you'd answer", Kind.BLAME, "If you cared"),
        ("Why did you do this to us?", Kind.BLAME, "Why did you"),
        ("You're pathetic.", Kind.CONTEMPT, "You're pathetic"),
        ("Oh, grow up.", Kind.CONTEMPT, "grow up"),
        ("Typical you.", Kind.CONTEMPT, "Typical you"),
        ("What’s wrong with you", Kind.CONTEMPT, "What’s wrong with you"),
        ("Sure you did.", Kind.CONTEMPT, "Sure you did"),
        ("lol ok", Kind.CONTEMPT, "lol ok"),
        ("Wow 🙄", Kind.CONTEMPT, "🙄"),
        ("It's not my fault!", Kind.DEFENSIVENESS, "It's not my fault"),
        ("What about you?", Kind.DEFENSIVENESS, "What about you"),
        ("What about when you lied?", Kind.DEFENSIVENESS, "What about when you"),
        ("You pushed me to it.", Kind.DEFENSIVENESS, "You pushed me to it"),
        ("Yeah but you lied too", Kind.DEFENSIVENESS, "Yeah but you"),
        ("I'm sorry you feel that way.", Kind.DEFENSIVENESS, "sorry you feel that way"),
        ("I had every right.", Kind.DEFENSIVENESS, "I had every right"),
        ("ok whatever.", Kind.STONEWALLING, "ok whatever"),
        ("Fine. Whatever.", Kind.STONEWALLING, "Fine. Whatever"),
        ("I'm done talking.", Kind.STONEWALLING, "I'm done talking"),
        ("Forget it.", Kind.STONEWALLING, "Forget it"),
        ("I don't want to talk about it.", Kind.STONEWALLING, "I don't want to talk about it"),
        ("End of discussion.", Kind.STONEWALLING, "End of discussion"),
        ("Remember when you left?", Kind.DWELLING, "Remember when"),
        ("Remember last summer?", Kind.DWELLING, "Remember last"),
        ("You used to cook.", Kind.DWELLING, "You used to"),
        ("After what you did…", Kind.DWELLING, "After what you did"),
        ("Last summer, you said no.", Kind.DWELLING, "Last summer, you"),
        ("I keep replaying it.", Kind.DWELLING, "I keep replaying"),
        ("You have to listen.", Kind.PRESSURE, "You have to"),
        ("I need an answer.", Kind.PRESSURE, "I need an answer"),
        ("If you don't call, fine.", Kind.PRESSURE, "If you don't"),
        ("Reply asap", Kind.PRESSURE, "Reply asap"),
        ("This is your last chance", Kind.PRESSURE, "last chance"),
        ("Answer me.", Kind.PRESSURE, "Answer me"),
        ("We belong together.", Kind.PRESSURE, "We belong together"),
        ("Give us one more try.", Kind.PRESSURE, "Give us one more try"),
        ("Tell me by Friday.", Kind.PRESSURE, "Tell me by Friday"),
        ("After everything I did!", Kind.GUILT, "After everything I did"),
        ("I can’t live without you", Kind.GUILT, "I can’t live without you"),
        ("I can't eat or sleep since you left.", Kind.GUILT, "I can't eat or sleep since you left"),
        ("I hope you're happy now.", Kind.GUILT, "I hope you're happy now"),
        ("I guess I'll just be alone forever then", Kind.GUILT, "I guess I'll just be alone"),
        (
            "I know you said not to contact you, but…",
            Kind.BOUNDARY,
            "I know you said not to contact you, but",
        ),
        ("I drove past your place.", Kind.BOUNDARY, "I drove past your place"),
        ("I saw your story.", Kind.BOUNDARY, "I saw your story"),
        ("Even your sister thinks so.", Kind.TRIANGULATION, "Even your sister thinks"),
        ("Everyone says you're wrong.", Kind.TRIANGULATION, "Everyone says"),
        ("You owe me.", Kind.ENTITLEMENT, "You owe me"),
        ("You owe me a chance.", Kind.ENTITLEMENT, "You owe me"),
        ("I deserve an explanation.", Kind.ENTITLEMENT, "I deserve an explanation"),
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


@pytest.mark.parametrize(
    "text",
    [
        "I know you never meant to hurt me.",
        "You always made me laugh.",
        "You always made me feel safe.",
        "You were always so patient with me.",
        "You never made me feel small.",
        "I never stopped caring.",
        "It's not your fault.",
        "It was never your fault.",
        "None of this was your fault.",
        "You made me a better person.",
        "If you don't want to reply, that's okay.",
        "If you don't reply, I understand.",
        "It's okay if you never reply.",
        "You don't have to answer me.",
        "Whatever you decide is fine.",
        "I need some time for myself.",
        "I'd like to hear how you are, only if you want to.",
        "I'm sorry.",
        "I miss you.",
        "I miss you so much it hurts some days.",
        "I hope you're doing well.",
        "I hope you're happy and well.",
        "I hope you're happy. You deserve it.",
        "No pressure.",
        "I'm sorry for what I said that night.",
        "Thank you for everything.",
        "I'm moving to Leeds next month.",
        "The cat is fine, she's getting fat lol",
        "Hey 🙂 I saw your exhibition was a success.",
        "Your mum says hi.",
        "I'm fine, really.",
        "I understand you need space, and I respect that.",
    ],
)
def test_kind_phrases_are_not_flagged(text: str) -> None:
    assert not harmful(check_tone(text)), [f.quote(text) for f in harmful(check_tone(text))]


@pytest.mark.parametrize(
    "text",
    [
        "If you hadn't been so cold, none of this would have happened",
        "I guess I'll just be alone forever then",
        "We both know we belong together, so stop pretending",
        "I know you said not to contact you, but…",
        "Why did you do this to us?",
        "If you cared you'd answer",
        "Remember last summer?",
        "I hope you're happy now",
        "hope ur happy with him",
        "i cant eat or sleep since u left",
        "fine. whatever.",
        "even your mom thinks we should try again",
        "you owe me a chance",
        "I saw your story",
        "i drove past ur place last night",
    ],
)
def test_the_issues_examples_are_flagged(text: str) -> None:
    assert is_harmful(text)


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
    assert next(f for f in check_tone("I saw your story")).pattern is Pattern.BOUNDARY
    assert next(f for f in check_tone("Even your dad agrees")).pattern is Pattern.TRIANGULATION
    for kind in HARMFUL_KINDS:
        assert any(rule.kind is kind and rule.reason and rule.direction for rule in RULES)


# ------------------------------------------------------------ no contact
def test_no_contact_marks_any_draft_with_the_boundary() -> None:
    text = "  Hi. I hope you're well. No pressure."
    assert not harmful(check_tone(text))
    (boundary,) = harmful(check_tone(text, no_contact=True))
    assert boundary.kind is Kind.BOUNDARY and boundary.pattern is Pattern.BOUNDARY
    assert boundary.reason == NO_CONTACT_REASON and "no contact" in boundary.reason
    assert boundary.quote(text) == "Hi."
    assert is_harmful("Happy birthday!") is False


def test_no_contact_spans_the_first_line_or_the_whole_draft() -> None:
    text = "😊 thinking of you today\nsecond line"
    (finding,) = harmful(check_tone(text, no_contact=True))
    assert finding.quote(text) == "😊 thinking of you today"
    (whole,) = harmful(check_tone("ok", no_contact=True))
    assert (whole.start, whole.end) == (0, 2)


def test_no_contact_adds_nothing_to_an_empty_draft_and_keeps_other_findings() -> None:
    assert check_tone("   ", no_contact=True) == []
    found = kinds("Hi. You never listen.")
    assert Kind.BOUNDARY not in found
    assert {Kind.BLAME, Kind.BOUNDARY} <= {
        f.kind for f in check_tone("Hi. You never listen.", no_contact=True)
    }


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
