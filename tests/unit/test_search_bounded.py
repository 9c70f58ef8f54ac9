"""Search rows cut and mark only around the first match: the same answers as the whole text.

``match_spans`` maps matches back through :class:`~winback_tui.domain.folding.FoldMap`
(offsets worked out only where asked) and ``own_snippet`` maps only the matches
its piece shows, folding a long text only as far as it needs. Both are
checked against the way they were computed before: ``fold_map``'s offset of
every character, every match mapped, then cut.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.folding import FoldMap
from winback_tui.domain.search import (
    Span,
    _first_found,
    _merge,
    fold_map,
    match_spans,
    own_snippet,
    snippet,
    terms,
)

#: Letters whose folding grows, shrinks or vanishes, emoji, right-to-left,
#: white space a snippet flattens, and plain letters to make words of.
LETTERS = "éÉßẞİıﬁœÆ\u0301\u0308\u0327ÅåΣσςǅ😀שלוםﷺＷ \n\t" + "aeis"
texts = st.text(
    st.one_of(
        st.sampled_from(LETTERS),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=120,
)
queries = st.text(st.sampled_from(LETTERS + "SE"), min_size=1, max_size=6)


def reference_spans(text: str, words: Sequence[str]) -> list[Span]:
    """match_spans as it was: fold_map's every offset, every match mapped."""
    if not words or not text:
        return []
    folded, starts = fold_map(text)
    spans: list[Span] = []
    for word in words:
        at = folded.find(word)
        while at != -1:
            start = bisect_right(starts, at) - 1
            end = bisect_right(starts, at + len(word) - 1)
            while end < len(starts) - 1 and starts[end + 1] == starts[end]:
                end += 1
            spans.append((start, end))
            at = folded.find(word, at + len(word))
    return _merge(spans)


def reference_own(text: str, regions: Sequence[Span], words: Sequence[str]) -> list[Span]:
    found: list[Span] = []
    for start, end in regions:
        end = min(end, len(text))
        if start < end:
            found.extend((start + a, start + b) for a, b in reference_spans(text[start:end], words))
    return _merge(found)


@st.composite
def regions_of(draw: st.DrawFn, text: str) -> list[Span]:
    """The whole text, or a few separate pieces of it (the user's own words), in any order."""
    if draw(st.booleans()):
        return [(0, len(text))] if text else []
    cuts = sorted(draw(st.lists(st.integers(0, len(text) + 3), max_size=6, unique=True)))
    return draw(st.permutations([(a, b) for a, b in zip(cuts[0::2], cuts[1::2], strict=False)]))


@given(texts)
@settings(max_examples=300)
def test_the_sparse_map_answers_as_the_full_one(text: str) -> None:
    folded, starts = fold_map(text)
    folding = FoldMap(text)
    assert folding.folded == folded
    assert [folding.start_of(i) for i in range(len(text) + 1)] == starts
    holders = [bisect_right(starts, at) - 1 for at in range(len(folded))]
    assert [folding.holder(at) for at in range(len(folded))] == holders


@given(texts, queries)
@settings(max_examples=500)
def test_match_spans_equal_the_full_mapping(text: str, query: str) -> None:
    assert match_spans(text, query) == reference_spans(text, terms(query))


@given(texts, queries, st.data())
@settings(max_examples=500)
def test_spans_of_a_range_mark_it_as_the_full_ones_do(
    text: str, query: str, data: st.DataObject
) -> None:
    low = data.draw(st.integers(-2, len(text) + 2))
    high = data.draw(st.integers(low + 1, len(text) + 3))
    words = terms(query)

    def clipped(spans: list[Span]) -> list[Span]:
        return [(max(a, low), min(b, high)) for a, b in spans if b > low and a < high]

    got = _merge(FoldMap(text).spans(words, low, high))
    assert clipped(got) == clipped(reference_spans(text, words))


@given(texts, queries, st.integers(0, 70), st.integers(1, 40), st.data())
@settings(max_examples=800)
def test_the_bounded_snippet_equals_the_whole_text_one(
    text: str, query: str, width: int, step: int, data: st.DataObject
) -> None:
    regions = data.draw(regions_of(text))
    words = terms(query)
    expected = snippet(text, reference_own(text, regions, words), width)
    assert own_snippet(text, regions, query, width) == expected
    # Folded a few characters at a time (a long text's way), the same piece.
    assert own_snippet(text, regions, words, width, step=step) == expected


@given(texts, st.integers(0, 130), st.data())
@settings(max_examples=300)
def test_a_map_of_the_first_characters_agrees_with_the_whole_one(
    text: str, size: int, data: st.DataObject
) -> None:
    whole = FoldMap(text)
    head = FoldMap(text, size)
    assert whole.folded.startswith(head.folded)
    assert head.whole == (size >= len(text))
    assert [head.start_of(i) for i in range(head.size + 1)] == [
        whole.start_of(i) for i in range(head.size + 1)
    ]
    assert [head.holder(at) for at in range(len(head.folded))] == [
        whole.holder(at) for at in range(len(head.folded))
    ]


def test_examples_of_letters_that_change_length() -> None:
    text = "Straße " * 30 + "and the İstanbul café, cafe\u0301 ﬁne " + "x" * 200
    for query in ("strasse", "stras", "istanbul", "café", "fine", "e"):
        expected = snippet(text, reference_own(text, [(0, len(text))], terms(query)), 40)
        for step in (1, 7, 64, 10_000):
            assert own_snippet(text, [(0, len(text))], query, 40, step=step) == expected, query
        assert expected.spans, query


def test_the_first_match_is_the_first_in_the_text_whatever_the_order_of_regions() -> None:
    text = "x" * 100 + " garden " + "y" * 100 + " garden " + "z" * 100
    regions = [(200, len(text)), (0, 150)]
    expected = snippet(text, reference_own(text, regions, ("garden",)), 30)
    assert own_snippet(text, regions, "garden", 30) == expected
    assert expected.text.startswith("…xxx")


def test_a_text_folded_in_part_is_cut_and_marked_as_if_folded_whole() -> None:
    cases = [
        # A longer word starting before a shorter one found first, cut by the fold.
        ("z" * 50 + "abc" + "z" * 50, "abc b", 8),
        # A match starting inside the piece and ending past what was folded.
        ("abczzzzabc" + "z" * 20, "abc", 8),
        ("Straße " * 12 + "İstanbul cafe\u0301\u0301 ss", "ss cafe istanbul", 12),
    ]
    for text, query, width in cases:
        expected = snippet(text, reference_own(text, [(0, len(text))], terms(query)), width)
        for step in range(1, len(text) + 2):
            got = own_snippet(text, [(0, len(text))], query, width, step=step)
            assert got == expected, (text, query, step)


@given(texts, queries, st.integers(0, 130))
@settings(max_examples=300)
def test_a_first_match_found_in_part_is_the_whole_texts_first(
    text: str, query: str, size: int
) -> None:
    words = terms(query)
    longest = max(map(len, words), default=0)
    whole = _first_found(FoldMap(text), words, longest)
    head = _first_found(FoldMap(text, size), words, longest)
    assert head is None or head == whole


def test_a_longer_word_cut_by_the_fold_is_waited_for() -> None:
    text = "z" * 50 + "abc" + "z" * 50
    words = terms("abc b")
    assert _first_found(FoldMap(text, 52), words, 3) is None  # "b" at 51: not sure yet
    assert _first_found(FoldMap(text, 53), words, 3) == 50
