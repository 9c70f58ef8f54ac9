"""Search: case and accents folded, spans mapped back to the original text."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.search import (
    fold,
    fold_char,
    fold_map,
    match_spans,
    snippet,
    terms,
)
from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import Kind, TimelineItem

AT = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def found(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in match_spans(text, query)]


def item(text: str, title: str = "Journal", ref: str = "x") -> TimelineItem:
    return TimelineItem(Kind.JOURNAL_ENTRY, None, AT, title, text, ref)


# ------------------------------------------------------------------ examples
def test_case_and_accents_are_folded_both_ways() -> None:
    text = "We met at the Café on Main Street."
    for query in ("cafe", "CAFE", "café", "CAFÉ", "Cafe\u0301"):
        assert found(text, query) == ["Café"], query


def test_a_decomposed_accent_is_highlighted_with_its_letter() -> None:
    text = "Cafe\u0301 au lait"  # "é" typed as "e" + combining acute
    assert match_spans(text, "cafe") == [(0, 5)]
    assert found(text, "É") == ["e\u0301"]


def test_sharp_s_matches_ss_and_highlights_the_whole_letter() -> None:
    assert found("Die Straße ist lang", "strasse") == ["Straße"]
    assert found("Die Straße ist lang", "STRASSE") == ["Straße"]
    # A query ending half-way through the folding of "ß" covers the whole letter.
    assert found("Straße", "stras") == ["Straß"]


def test_letters_whose_folding_grows_or_shrinks() -> None:
    assert found("İstanbul trip", "istanbul") == ["İstanbul"]
    assert found("a ﬁne day", "fine") == ["ﬁne"]
    assert found("ＷＩＤＥ letters", "wide") == ["ＷＩＤＥ"]


def test_spans_after_folded_letters_stay_exact() -> None:
    text = "Ästhetik, Straße, naïve, then cafe"
    assert found(text, "cafe") == ["cafe"]
    assert found(text, "naive") == ["naïve"]


def test_every_word_of_the_query_is_highlighted() -> None:
    assert found("Calm walk, then a calm evening", "calm walk") == ["Calm", "walk", "calm"]


def test_blank_query_matches_nothing() -> None:
    assert terms("   ") == ()
    assert match_spans("anything", "") == []
    assert SearchIndex([item("anything")]).search("  ") == []


def test_emoji_and_right_to_left_text() -> None:
    assert found("Good day 😀 שלום", "שלום") == ["שלום"]
    assert found("Good day 😀 שלום", "😀") == ["😀"]


def test_index_matches_the_users_titles_and_texts_and_needs_every_word() -> None:
    entries = [
        item("Coffee at the Café", ref="a"),
        # A title of the user's own (a goal, an issue) is their words too.
        TimelineItem(Kind.GOAL, 2, AT, "Café notes", "A long walk", "b", own_title=((0, 10),)),
        item("Nothing here", title="Café prompt", ref="c"),  # winback's title: not searched
    ]
    index = SearchIndex(entries)
    assert [i.ref for i in index.search("CAFE")] == ["a", "b"]
    assert [i.ref for i in index.search("cafe walk")] == ["b"]
    assert index.search("tea") == []


def test_snippet_keeps_the_match_visible_and_marks_the_cuts() -> None:
    text = "x" * 100 + "\nCafé\n" + "y" * 100
    piece = snippet(text, match_spans(text, "cafe"), width=40)
    assert piece.text.startswith("…") and piece.text.endswith("…")
    assert "\n" not in piece.text
    ((start, end),) = piece.spans
    assert piece.text[start:end] == "Café"


def test_snippet_of_a_short_text_is_the_text() -> None:
    piece = snippet("Café", [(0, 4)], width=40)
    assert piece.text == "Café" and piece.spans == ((0, 4),)


# ---------------------------------------------------------------- properties
texts = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from("éÉßẞİıﬁœÆ\u0301\u0308ÅåΣσςǅ😀שלום"),
    ),
    max_size=40,
)


@given(texts)
@settings(max_examples=400)
def test_whole_text_folding_equals_folding_each_character(text: str) -> None:
    folded, starts = fold_map(text)
    assert fold(text) == folded == "".join(fold_char(ch) for ch in text)
    assert starts[0] == 0 and starts[-1] == len(folded)
    assert starts == sorted(starts)


@given(texts, st.data())
@settings(max_examples=400)
def test_any_piece_of_a_text_finds_itself(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    query = text[start:end]
    words = terms(query)
    spans = match_spans(text, query)
    if not words:
        assert spans == []
        return
    assert spans, (text, query)
    # Every word is found somewhere, and inside a span of the original.
    for word in words:
        assert any(word in fold(text[a:b]) for a, b in spans), word


@given(texts, texts)
@settings(max_examples=400)
def test_spans_are_ordered_inside_the_text_and_contain_a_match(text: str, query: str) -> None:
    words = terms(query)
    spans = match_spans(text, query)
    previous_end = -1
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start > previous_end  # sorted and never overlapping or touching
        previous_end = end
        assert any(word in fold(text[start:end]) for word in words)
    # Nothing is missed: a word in the folded text is in the spans' folding too.
    for word in words:
        if word in fold(text):
            assert any(word in fold(text[a:b]) for a, b in spans)


@given(st.lists(texts, max_size=8), texts)
def test_index_agrees_with_a_plain_scan(bodies: list[str], query: str) -> None:
    entries = [item(body, ref=str(n)) for n, body in enumerate(bodies)]
    words = terms(query)
    # The title "Journal" is winback's label: only the text is the user's.
    expected = [e for e in entries if words and all(w in fold(e.text) for w in words)]
    assert SearchIndex(entries).search(query) == expected


@given(texts)
def test_folding_has_no_case_and_no_marks(text: str) -> None:
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert fold(folded) == folded
