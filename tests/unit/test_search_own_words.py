"""Everything the user writes is in the timeline, and search finds only their words.

winback's own labels and prompts ("unclear", "What I am learning", "How it went:") are
shown but never searched or highlighted; the user's own titles (an issue, a goal, a
draft) are their words and are.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import DAILY, CheckIn, CheckState
from winback_tui.domain.issues import Area
from winback_tui.domain.openness import OpennessCheck, assess_openness
from winback_tui.domain.search import fold, terms, text_spans, title_spans
from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import Kind, TimelineItem, written
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.store.timeline import all_items, find

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 12)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal = Journal.open(tmp_path / "journal.json", clock=lambda: NOW)
    yield journal
    journal.close()


def refs(items: list[TimelineItem]) -> list[str]:
    return sorted(item.ref for item in items)


# -------------------------------------------------------------- the timeline
def test_issue_notes_and_the_users_own_issue_titles_are_in_the_timeline(journal: Journal) -> None:
    repo = AssessmentRepo(journal)
    repo.set_marked("communication", True)
    repo.set_note("communication", "I went quiet instead of saying I was hurt.")
    repo.set_marked("trust", True)  # ticked, no words: nothing the user wrote
    repo.add_custom("Money worries", "I hid the debts.")
    repo.add_custom("Moving cities")  # a title alone is their words
    items = all_items(journal)
    issues = {item.ref: item for item in items if item.kind is Kind.ISSUE}
    assert sorted(issues) == ["issue:communication", "issue:custom-1", "issue:custom-2"]
    note = issues["issue:communication"]
    assert note.step == 1 and note.text == "I went quiet instead of saying I was hurt."
    assert note.at == NOW and note.timed
    assert issues["issue:custom-1"].title == "My part: Money worries"
    assert issues["issue:custom-1"].text == "I hid the debts."
    index = SearchIndex(items)
    assert refs(index.search("quiet hurt")) == ["issue:communication"]
    assert refs(index.search("debts")) == ["issue:custom-1"]
    assert refs(index.search("moving")) == ["issue:custom-2"]
    # "Communication" is winback's name for the issue, not the user's words.
    assert index.search("communication") == []


def test_slip_answers_and_contact_notes_are_in_the_timeline(journal: Journal) -> None:
    ContactsRepo(journal).add(
        Contact(
            NOW,
            Channel.MESSAGE,
            Initiator.ME,
            Response.NO_REPLY,
            how_it_went="Sent it at midnight",
            slip_trigger="a song on the radio",
            slip_next_time="call my sister first",
        )
    )
    (contact,) = [item for item in all_items(journal) if item.kind is Kind.CONTACT]
    assert "a song on the radio" in contact.text and "call my sister first" in contact.text
    index = SearchIndex([contact])
    assert index.search("radio sister") == [contact]
    # The labels around the answers are winback's.
    assert index.search("next time") == [] and index.search("reply") == []


def test_search_ignores_labels_and_prompt_titles(journal: Journal) -> None:
    AssessmentRepo(journal).add_openness_check(
        OpennessCheck(NOW, frozenset(), assess_openness(frozenset()))
    )
    journal.save_reflection(2, "learning", "Walking every evening helps.")
    journal.save_reflection(1, "what-went-wrong", "We stopped talking.")
    journal.save_reflection(1, "my-part", "I need to lean on friends more.")
    items = all_items(journal)
    assert any(i.title == "Openness check: unclear" for i in items)
    assert any(i.title == "What I am learning" for i in items)
    index = SearchIndex(items)
    # "unc«lea»r" and "What I am «lea»rning" are winback's; "«lea»n" is the user's.
    assert refs(index.search("lea")) == ["reflection:1:my-part"]
    assert index.search("wrong") == [] and index.search("unclear") == []
    for item in items:
        assert title_spans(item, terms("lea")) == []  # no title of winback's is marked
    (mine,) = index.search("lea")
    assert [mine.text[a:b] for a, b in text_spans(mine, "lea")] == ["lea"]


def test_the_users_titles_are_their_words_and_winbacks_are_not(journal: Journal) -> None:
    goals = GoalsRepo(journal)
    walk = goals.add("Walk by the lake", Area.HEALTH, DAILY, date(2026, 3, 1), "after work")
    goals.check_in(CheckIn(walk.id, TODAY, CheckState.SKIPPED, "sprained ankle"), TODAY)
    drafts = DraftsRepo(journal)
    letter = drafts.create("To Sam")
    drafts.save_text(letter.id, "I hope you are well.")
    untitled = drafts.create("")
    drafts.save_text(untitled.id, "Thinking of you.")
    boundaries = BoundariesRepo(journal)
    boundaries.ensure_defaults(TODAY)
    boundaries.add("I leave the party when they arrive", TODAY)
    items = all_items(journal)
    index = SearchIndex(items)
    assert refs(index.search("lake")) == [f"check-in:{walk.id}:{TODAY}", f"goal:{walk.id}"]
    assert refs(index.search("ankle lake")) == [f"check-in:{walk.id}:{TODAY}"]
    assert refs(index.search("sam")) == [f"draft:{letter.id}"]
    assert index.search("untitled") == [] and index.search("skipped") == []
    # A default boundary is winback's wording; one the user wrote is theirs.
    assert refs(index.search("party")) == [refs(index.search("arrive"))[0]]
    assert index.search("pace") == []  # "I let them set the pace" is a default
    goal = find(items, f"goal:{walk.id}")
    assert goal is not None
    assert [goal.title[a:b] for a, b in title_spans(goal, "walk")] == ["Walk"]
    assert title_spans(goal, "goal") == []  # "New goal:" is winback's


# ---------------------------------------------------------------- properties
words = st.text(alphabet=st.sampled_from("aeltrnuc ÉéßLEA"), max_size=12)
pieces = st.lists(st.tuples(words, st.booleans()), max_size=6)


def make(title: list[tuple[str, bool]], text: list[tuple[str, bool]], ref: str) -> TimelineItem:
    title_text, title_own = written(*title)
    body, own = written(*text)
    return TimelineItem(
        Kind.JOURNAL_ENTRY, None, NOW, title_text, body, ref, own_title=title_own, own_text=own
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(pieces, pieces), max_size=6), words)
def test_search_finds_exactly_the_records_whose_own_words_hold_the_query(
    records: list[tuple[list[tuple[str, bool]], list[tuple[str, bool]]]], query: str
) -> None:
    items = [make(title, text, str(n)) for n, (title, text) in enumerate(records)]
    wanted = terms(query)

    def brute(title: list[tuple[str, bool]], text: list[tuple[str, bool]]) -> bool:
        mine = [fold(piece) for piece, own in [*title, *text] if own and piece]
        return bool(wanted) and all(any(w in piece for piece in mine) for w in wanted)

    expected = [item for item, (t, x) in zip(items, records, strict=True) if brute(t, x)]
    assert SearchIndex(items).search(query) == expected
    # Every highlighted character lies inside the user's words.
    for item in items:
        for spans, own, text in (
            (text_spans(item, wanted), item.text_spans, item.text),
            (title_spans(item, wanted), item.own_title, item.title),
        ):
            marked = {n for start, end in spans for n in range(start, end)}
            assert marked <= {n for start, end in own for n in range(start, end)}
            pieces = [text[a:b] for a, b in own]
            assert bool(spans) == any(w in fold(p) for w in wanted for p in pieces)
