"""The compact search index finds exactly what a full scan of every item finds (issue 20)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain import postings, search
from winback_tui.domain.search import SearchIndex, fold, searchable, terms, words_of
from winback_tui.domain.timeline import Kind, Span, TimelineItem

#: Letters that fold in every way search must handle: case, accents (composed
#: and decomposed), ß and İ (whose folding changes length), ligatures, emoji
#: (four bytes in UTF-8), right-to-left scripts, and spaces of several kinds.
PIECES = [
    *"abcdefgh",
    *"ABCDEFGH",
    "é",
    "É",
    "e\u0301",
    "ß",
    "ẞ",
    "İ",
    "ı",
    "ﬁ",
    "ø",
    "Å",
    "ñ",
    "😀",
    "❤️",
    "👩‍👩‍👧",
    "ש",
    "ל",
    "ו",
    "م",
    "ر",
    "ح",
    "\u200f",
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u3000",
    ".",
    ",",
    "'",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
START = datetime(2026, 1, 1, tzinfo=UTC)


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[Span, ...]:
    """A few sorted, non-overlapping spans of ``text``."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4, unique=True)))
    return tuple((a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b)


@st.composite
def items(draw: st.DrawFn) -> TimelineItem:
    """An item whose own words are all of its text, or a few spans of it and its title."""
    number = draw(st.integers(0, 10_000))
    title = draw(texts)
    text = draw(texts)
    whole = draw(st.booleans())
    return TimelineItem(
        Kind.JOURNAL_ENTRY,
        None,
        START - timedelta(minutes=number),
        title,
        text,
        f"journal-entry:{number}",
        own_title=() if whole else draw(spans(title)),
        own_text=None if whole else draw(spans(text)),
    )


def scanned(corpus: list[TimelineItem], query: str) -> list[TimelineItem]:
    """The full scan: every item, every word of the query folded into one of its own pieces."""
    words = terms(query)
    if not words:
        return []
    return [
        item
        for item in corpus
        if all(any(word in fold(piece) for piece in item.own_words) for word in words)
    ]


@st.composite
def queries(draw: st.DrawFn, corpus: list[TimelineItem]) -> str:
    """A substring of an item's words (its case changed, maybe), random words, or both."""
    words: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        if corpus and draw(st.booleans()):
            item = draw(st.sampled_from(corpus))
            source = draw(st.sampled_from([item.text, item.title]))
            start = draw(st.integers(0, len(source)))
            piece = source[start : draw(st.integers(start, len(source)))]
            words.append(draw(st.sampled_from([piece, piece.upper(), piece.lower()])))
        else:
            words.append(draw(texts))
    return " ".join(words)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_index_finds_exactly_what_a_full_scan_finds(data: st.DataObject) -> None:
    corpus = data.draw(st.lists(items(), max_size=12))
    # Which words keep a bitmap and which a list of numbers: all, none, some.
    share = data.draw(st.sampled_from([1, 2, 3, postings.BITMAP_SHARE]))
    # Made bitmaps while gone through (every item, every few, at the end only).
    fold = data.draw(st.sampled_from([1, 2, 5, postings.FOLD_EVERY]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postings, "BITMAP_SHARE", share)
        patch.setattr(postings, "FOLD_EVERY", fold)
        index = SearchIndex(corpus)
    for _ in range(4):
        query = data.draw(queries(corpus))
        expected = scanned(corpus, query)
        assert index.search(query) == expected
        limit = data.draw(st.integers(0, 4))
        assert index.search(query, limit=limit) == expected[:limit]


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_an_index_reusing_an_earlier_one_finds_the_same(data: st.DataObject) -> None:
    earlier = data.draw(st.lists(items(), max_size=10))
    changed = data.draw(st.lists(items(), max_size=4))
    # A later load: some items kept as they were, some changed under the same ref, some new.
    kept = [item for item in earlier if data.draw(st.booleans())]
    renamed = [
        TimelineItem(new.kind, new.step, new.at, new.title, new.text, old.ref)
        for old, new in zip(earlier, changed, strict=False)
    ]
    later = kept + renamed + changed
    # Reused whatever the share folded afresh (1), or only when it is small.
    fresh_share = data.draw(st.sampled_from([1, search._FRESH_SHARE]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "_FRESH_SHARE", fresh_share)
        reused = SearchIndex(later, reuse=SearchIndex(earlier))
        # A third load, reusing the second: the renumberings compose.
        last = [*changed[:1], *later[1:]]
        again = SearchIndex(last, reuse=reused)
    if fresh_share == 1 and kept:
        assert reused._from_base is not None  # the reuse was taken, not a rebuild
    fresh = SearchIndex(later)
    for _ in range(3):
        query = data.draw(queries(later))
        assert reused.search(query) == fresh.search(query) == scanned(later, query)
        query = data.draw(queries(last))
        assert again.search(query) == scanned(last, query)


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_the_index_holds_the_words_of_what_it_folds(text: str) -> None:
    # words_of folds each distinct word once: the same words as searchable's.
    assert words_of(text) == set(searchable(text).split())


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_the_index_keeps_the_words_of_the_folded_text(text: str) -> None:
    # Any code point, lone surrogates included (JSON can hold them): the same
    # words as folding the whole text, in order, whatever white space was between.
    kept = searchable(text).decode("utf-8", "surrogatepass")
    assert kept.split() == fold(text).split()


def test_a_lone_surrogate_is_searched_not_refused() -> None:
    item = TimelineItem(
        Kind.JOURNAL_ENTRY, None, START, "t", "broken \ud800 Café", "journal-entry:1"
    )
    index = SearchIndex([item])
    assert index.search("cafe") == [item]
    assert index.search("\ud800") == [item]


def test_no_match_runs_from_one_item_into_the_next() -> None:
    first = TimelineItem(Kind.JOURNAL_ENTRY, None, START, "t", "garden", "journal-entry:1")
    second = TimelineItem(Kind.JOURNAL_ENTRY, None, START, "t", "walk", "journal-entry:2")
    index = SearchIndex([first, second])
    assert index.search("gardenwalk") == []
    assert index.search("garden walk") == []
    assert index.search("walk") == [second]


def test_words_held_by_many_items_and_by_few_are_both_found() -> None:
    # 5,000 items: "garden" in all of them keeps a bitmap, a number's digits
    # (in few items) keep lists of numbers; both joined, in order.
    corpus = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START, "t", f"garden {n}", f"journal-entry:{n}")
        for n in range(5000)
    ]
    index = SearchIndex(corpus)
    assert index.search("garden") == corpus
    for query in ("garden 1", "12", "den 4 9", "4999", "5000", "1 2 3"):
        assert index.search(query) == scanned(corpus, query), query
    assert index.search("garden 1", limit=3) == scanned(corpus, "garden 1")[:3]


def test_two_rare_words_are_both_required() -> None:
    # Each a word of its own in a few items (lists of numbers): items with both.
    corpus = [
        TimelineItem(
            Kind.JOURNAL_ENTRY, None, START, "t", f"w{n % 50}x v{n % 60}y", f"journal-entry:{n}"
        )
        for n in range(5000)
    ]
    index = SearchIndex(corpus)
    for query in ("w3x v5y", "w3x v3y", "w3x w4x", "w3x v3y w3x"):
        assert index.search(query) == scanned(corpus, query), query
    assert index.search("w3x v3y") != []


def test_items_sharing_a_ref_are_not_found_twice_after_a_reuse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "_FRESH_SHARE", 1)
    same = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START, "t", "garden", "journal-entry:1")
        for _ in range(3)
    ]
    reused = SearchIndex(same[:1], reuse=SearchIndex(same))
    assert reused.search("garden") == same[:1]
    assert SearchIndex(same, reuse=reused).search("garden") == same


@settings(max_examples=200, deadline=None)
@given(
    corpus=st.lists(
        st.sets(st.sampled_from([b"a", b"an", b"and", b"garden", b"rain", b"\xc3\xa9t\xc3\xa9"])),
        max_size=40,
    ),
    fold=st.sampled_from([1, 2, 3, 7, postings.FOLD_EVERY]),
    share=st.sampled_from([1, 2, 4, postings.BITMAP_SHARE]),
)
def test_bitmaps_made_while_going_through_are_those_made_at_the_end(
    corpus: list[set[bytes]], fold: int, share: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postings, "BITMAP_SHARE", share)
        patch.setattr(postings, "FOLD_EVERY", fold)
        folded = postings.Postings(corpus, count=len(corpus))
        whole = postings.Postings(corpus)
    assert len(folded) == len(whole) == len(corpus)
    for word in {b"a", b"an", b"and", b"garden", b"rain", b"\xc3\xa9t\xc3\xa9", b"n", b"ar"}:
        expected = [n for n, held in enumerate(corpus) if any(word in w for w in held)]
        assert list(folded.numbers([word])) == expected == list(whole.numbers([word]))
    # Each word kept in the same form (a bitmap exactly when that is smaller).
    assert sorted(map(type, folded._held), key=str) == sorted(map(type, whole._held), key=str)
    assert folded.size == whole.size
