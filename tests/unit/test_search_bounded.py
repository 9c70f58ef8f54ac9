"""Search rows cut and mark only around the first match: the same answers as the whole text.

``match_spans`` maps matches back through :class:`~winback_tui.domain.search._FoldMap`
(offsets worked out only where asked) and ``own_snippet`` maps only the matches
its piece shows. Both are checked against the way they were computed before:
``fold_map``'s offset of every character, every match mapped, then cut.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.search import (
    Span,
    _FoldMap,
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
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def reference_own(text: str, regions: Sequence[Span], words: Sequence[str]) -> list[Span]:
    found: list[Span] = []
    for start, end in regions:
        end = min(end, len(text))
        if start < end:
            found.extend((start + a, start + b) for a, b in reference_spans(text[start:end], words))
    return reference_spans_merge(found)


def reference_spans_merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


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
    folding = _FoldMap(text)
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

    got = reference_spans_merge(_FoldMap(text).spans(words, low, high))
    assert clipped(got) == clipped(reference_spans(text, words))


@given(texts, queries, st.integers(0, 70), st.data())
@settings(max_examples=500)
def test_the_bounded_snippet_equals_the_whole_text_one(
    text: str, query: str, width: int, data: st.DataObject
) -> None:
    regions = data.draw(regions_of(text))
    words = terms(query)
    expected = snippet(text, reference_own(text, regions, words), width)
    assert own_snippet(text, regions, query, width) == expected
    assert own_snippet(text, regions, words, width) == expected


def test_examples_of_letters_that_change_length() -> None:
    text = "Straße " * 30 + "and the İstanbul café, cafe\u0301 ﬁne " + "x" * 200
    for query in ("strasse", "stras", "istanbul", "café", "fine", "e"):
        expected = snippet(text, reference_own(text, [(0, len(text))], terms(query)), 40)
        assert own_snippet(text, [(0, len(text))], query, 40) == expected, query
        assert expected.spans, query


def test_the_first_match_is_the_first_in_the_text_whatever_the_order_of_regions() -> None:
    text = "x" * 100 + " garden " + "y" * 100 + " garden " + "z" * 100
    regions = [(200, len(text)), (0, 150)]
    expected = snippet(text, reference_own(text, regions, ("garden",)), 30)
    assert own_snippet(text, regions, "garden", 30) == expected
    assert expected.text.startswith("…xxx")
