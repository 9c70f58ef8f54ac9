"""The compact search index finds exactly what a full scan of every item finds (issue 20)."""

from __future__ import annotations

import marshal
import sys
import zlib
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain import postings, search_index
from winback_tui.domain.search import fold, searchable, terms, words_of
from winback_tui.domain.search_index import SearchIndex
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
    fresh_share = data.draw(st.sampled_from([1, search_index._FRESH_SHARE]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "_FRESH_SHARE", fresh_share)
        patch.setattr(search_index, "_DEAD_SHARE", 0 if fresh_share == 1 else 1)
        reused = SearchIndex(later, reuse=SearchIndex(earlier))
        # A third load, reusing the second: the renumberings compose.
        last = [*changed[:1], *later[1:]]
        again = SearchIndex(last, reuse=reused)
    if fresh_share == 1 and kept:
        assert reused.folded < len(later)  # the reuse was taken, not a rebuild
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
    monkeypatch.setattr(search_index, "_FRESH_SHARE", 1)
    monkeypatch.setattr(search_index, "_DEAD_SHARE", 0)
    same = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START, "t", "garden", "journal-entry:1")
        for _ in range(3)
    ]
    reused = SearchIndex(same[:1], reuse=SearchIndex(same))
    assert reused.folded == 0  # the two items gone keep no place: found once
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


@st.composite
def later_timelines(draw: st.DrawFn, earlier: list[TimelineItem]) -> list[TimelineItem]:
    """A later load of ``earlier``: items kept, dropped, changed under their ref, new, moved."""
    kept = [item for item in earlier if draw(st.booleans())]
    changed = draw(st.lists(items(), max_size=3))
    renamed = [
        TimelineItem(new.kind, new.step, new.at, new.title, new.text, old.ref)
        for old, new in zip(earlier, changed, strict=False)
    ]
    return draw(st.permutations(kept + renamed + changed))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_an_index_saved_and_read_in_a_later_run_finds_exactly_what_a_full_scan_finds(
    data: st.DataObject,
) -> None:
    earlier = data.draw(st.lists(items(), max_size=10))
    force = data.draw(st.booleans())  # reuse whatever changed, or only as the app does
    # How far ahead items are looked for in order (0: every one placed by key).
    ahead = data.draw(st.sampled_from([0, 1, 2, search_index._AHEAD]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "_AHEAD", ahead)
        if force:
            patch.setattr(search_index, "_FRESH_SHARE", 1)
            patch.setattr(search_index, "_DEAD_SHARE", 0)
        saved = SearchIndex(earlier).dumps()
        later = data.draw(later_timelines(earlier))
        read = SearchIndex.loads(later, saved)
        # Saved again and read in a third run: parts are carried on, renumbered.
        last = data.draw(later_timelines(later))
        again = SearchIndex.loads(last, read.dumps())
    if force and earlier:
        # Only the items the saved index did not hold as they are now were folded.
        held = Counter(search_index.search_keys(earlier))
        wanted = Counter(search_index.search_keys(later))
        assert read.folded <= sum((wanted - held).values())
    for _ in range(3):
        query = data.draw(queries(later))
        assert read.search(query) == scanned(later, query)
        query = data.draw(queries(last))
        assert again.search(query) == scanned(last, query)


def test_a_saved_index_folds_only_what_changed_since(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START - timedelta(minutes=n), "", f"w{n}", f"r:{n}")
        for n in range(100)
    ]
    saved = SearchIndex(corpus).dumps()
    edited = TimelineItem(Kind.JOURNAL_ENTRY, None, START, "", "otter", "r:5")
    new = TimelineItem(Kind.JOURNAL_ENTRY, None, START, "", "otter w7", "r:new")
    later = [new, *corpus[:5], edited, *corpus[6:]]
    read = SearchIndex.loads(later, saved)
    assert read.folded == 2  # the edited entry and the new one; 99 kept their words
    assert read.search("otter") == [new, edited]
    assert read.search("w7") == scanned(later, "w7")
    assert new in read.search("w7") and corpus[7] in read.search("w7")
    assert edited not in read.search("w5")  # the words the edit took away are not found
    assert read.search("w5") == scanned(later, "w5")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:10] + bytes([raw[10] ^ 0xFF]) + raw[11:],
        lambda raw: b"\x00" * 64,
        lambda raw: "not an index at all 😀".encode(),
        lambda raw: zlib.compress(marshal.dumps((99, "big", []))),
        lambda raw: zlib.compress(marshal.dumps((search_index.FORMAT, sys.byteorder, [(1, 2)]))),
    ],
    ids=["empty", "cut", "flipped", "zeros", "foreign", "other-layout", "bad-part"],
)
def test_a_damaged_or_foreign_saved_index_is_built_anew(damage: Callable[[bytes], bytes]) -> None:
    corpus = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START - timedelta(minutes=n), "", f"w{n}", f"r:{n}")
        for n in range(20)
    ]
    read = SearchIndex.loads(corpus, damage(SearchIndex(corpus).dumps()))
    assert read.folded == len(corpus)
    assert read.search("w1") == scanned(corpus, "w1")


def test_many_saves_never_make_more_than_a_few_parts() -> None:
    corpus = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START - timedelta(minutes=n), "", f"w{n}", f"r:{n}")
        for n in range(400)
    ]
    saved = SearchIndex(corpus).dumps()
    for save in range(12):
        corpus = [
            TimelineItem(Kind.JOURNAL_ENTRY, None, START, "", f"otter{save}", f"r:{save}"),
            *corpus[:save],
            *corpus[save + 1 :],
        ]
        read = SearchIndex.loads(corpus, saved)
        assert read.parts <= search_index.MAX_PARTS
        assert read.folded < 20  # never folded anew
        assert read.search("otter") == scanned(corpus, "otter")
        saved = read.dumps()


def test_a_packed_timeline_gives_each_item_its_own_search_key() -> None:
    from winback_tui.domain.item_pack import PackedItems

    corpus = [
        TimelineItem(Kind.JOURNAL_ENTRY, None, START - timedelta(minutes=n), "t", f"w{n}", f"r:{n}")
        for n in range(600)
    ]
    assert PackedItems(corpus).search_keys() == search_index.search_keys(corpus)
