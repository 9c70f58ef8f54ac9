"""Openness checks read in bulk (``assessment.CheckReader``) are the checks read one by one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui.domain.openness import Signal, Verdict
from winback_tui.store import assessment

_VALUE = st.one_of(
    st.sampled_from([s.value for s in Signal]),
    st.text(max_size=3),
    st.integers(-2, 2),
    st.booleans(),
    st.none(),
    st.lists(st.integers(0, 1), max_size=2),
)

_DOC = st.fixed_dictionaries(
    {
        "kind": st.just("openness"),
        "at": st.sampled_from(["2024-03-01T10:00:00+00:00", "2025-01-02T23:59:00+01:00"]),
        "verdict": st.one_of(st.sampled_from([v.value for v in Verdict]), st.just("maybe")),
    },
    optional={
        "signals": st.one_of(
            st.lists(st.sampled_from([s.value for s in Signal]), max_size=3),
            st.lists(_VALUE, max_size=4),
            _VALUE,
        ),
        "reasons": st.lists(st.one_of(st.text(max_size=4), st.integers(0, 2), st.booleans())),
    },
)


def _one_by_one(doc_id: int, doc: dict[str, Any]) -> object:
    try:
        return assessment._check_from_doc(doc_id, doc)
    except (ValueError, KeyError) as exc:
        return type(exc)


@settings(deadline=None)
@given(st.lists(_DOC, max_size=30))
def test_checks_read_together_are_the_checks_read_one_by_one(docs: list[dict[str, Any]]) -> None:
    reader = assessment.CheckReader()
    for doc_id, doc in enumerate(docs, start=1):
        expected = _one_by_one(doc_id, doc)
        if isinstance(expected, type):
            with pytest.raises(expected):
                reader.check(doc_id, doc)
            continue
        found = reader.check(doc_id, doc)
        assert found == expected
        assert (found.id, found.at.utcoffset()) == (doc_id, expected.at.utcoffset())  # type: ignore[attr-defined]
        assert type(found.result.verdict) is Verdict
