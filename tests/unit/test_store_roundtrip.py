"""Whatever the API accepts comes back exactly after save, close and reopen."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any code point, lone surrogates included: st.text() leaves them out, but they
# arrive in real text from a binary-ish paste. Built from a list of characters
# because st.text() filters surrogates even from an explicit alphabet.
ANY_CHAR = (
    st.characters()
    | st.characters(categories=["Cs"])
    | st.sampled_from("\x00\x1b\u202e\u0301\U0001f600\u05d0")
)
ANY_TEXT = st.lists(ANY_CHAR, max_size=200).map("".join)
STEPS = st.integers(min_value=-(2**63), max_value=2**63)

TRICKY = [
    "👩‍👩‍👧 moved out 💔 and I'm 🙂 now 🏳️‍🌈",
    "שלום, אני בסדר. مرحبا، أنا بخير",  # right-to-left, Hebrew and Arabic
    "e\u0301tude Z\u0351\u0334a\u0360lgo",  # combining marks
    "before\x00after",  # NUL
    "\x1b[31mred\x1b[0m\r\n\t\x07\x7f\x85\u2028\u2029",  # control characters
    "\ud800 lone high, lone low \udfff",  # lone surrogates
    "",
    " ",
    '"quotes", \\backslashes\\ and {"json": [1]}',
]


def _as_json_keeps_it(value: Any) -> Any:
    """What any JSON file can hold of ``value``: the value itself, except that two
    separate surrogate code points forming a pair become the character they encode.
    """
    return json.loads(json.dumps(value))


def _fresh_path(tmp_path: Path) -> Path:
    # tmp_path is shared by every example of one test: give each its own folder.
    return Path(tempfile.mkdtemp(dir=tmp_path)) / "journal.json"


@PROPERTY
@given(
    entries=st.dictionaries(
        keys=st.tuples(STEPS, ANY_TEXT), values=ANY_TEXT | st.sampled_from(TRICKY), max_size=5
    )
)
@example(entries={(1, prompt): text for prompt, text in zip(TRICKY[::-1], TRICKY, strict=True)})
def test_reflections_round_trip(tmp_path: Path, entries: dict[tuple[int, str], str]) -> None:
    path = _fresh_path(tmp_path)
    with Journal.open(path) as journal:
        saved = [
            journal.save_reflection(step, prompt, text) for (step, prompt), text in entries.items()
        ]

    with Journal.open(path) as journal:
        for returned, ((step, prompt), text) in zip(saved, entries.items(), strict=True):
            loaded = journal.reflection(step, prompt)
            assert loaded == returned  # what the save said is what loads
            expected = (step, _as_json_keeps_it(prompt), _as_json_keeps_it(text))
            assert (loaded.step, loaded.prompt_id, loaded.text) == expected
        assert len(journal.reflections()) == len(entries)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)


def _assert_same(loaded: Any, saved: Any) -> None:
    # repr tells True from 1 and 1.0 from 1, which == does not.
    assert loaded == saved
    assert repr(loaded) == repr(saved)


@PROPERTY
@given(values=st.dictionaries(ANY_TEXT, JSON_VALUES, max_size=5), later=JSON_VALUES)
def test_settings_round_trip(tmp_path: Path, values: dict[str, Any], later: Any) -> None:
    path = _fresh_path(tmp_path)
    with Journal.open(path) as journal:
        for key, value in values.items():
            journal.set_setting(key, value)
        # Changing a setting replaces it rather than adding a second one.
        journal.set_setting("changed", "first")
        journal.set_setting("changed", later)

    with Journal.open(path) as journal:
        for key, value in values.items():
            if key != "changed":
                _assert_same(journal.get_setting(key), _as_json_keeps_it(value))
        _assert_same(journal.get_setting("changed"), _as_json_keeps_it(later))
        assert journal.get_setting("never set", "fallback") == "fallback"


def test_one_megabyte_text_round_trips(tmp_path: Path) -> None:
    rng = random.Random(7)
    alphabet = "".join(TRICKY) + "abcdefghij klmnopqrstuvwxyz\n"
    text = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        returned = journal.save_reflection(1, "long", text)
        journal.save_reflection(1, "short", "and a short one beside it")

    with Journal.open(path) as journal:
        long = journal.reflection(1, "long")
        short = journal.reflection(1, "short")
    assert long == returned
    assert long is not None and long.text == _as_json_keeps_it(text)
    assert len(long.text) > 999_000
    assert short is not None and short.text == "and a short one beside it"


def test_lone_surrogates_are_kept_exactly(tmp_path: Path) -> None:
    # What surrogateescape makes of stray bytes, and lone halves in any order.
    text = "bytes \udc80\udcff, low then high \udfff\ud800, alone \ud83d."
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        journal.save_reflection(1, "\udc80", text)
    with Journal.open(path) as journal:
        loaded = journal.reflection(1, "\udc80")
    assert loaded is not None and loaded.text == text


def test_a_split_surrogate_pair_is_saved_as_its_character(tmp_path: Path) -> None:
    # JSON writes both the same way, so the store saves (and returns) the character:
    # the editor, the journal in memory and the file never disagree.
    path = tmp_path / "journal.json"
    with Journal.open(path) as journal:
        returned = journal.save_reflection(1, "\ud83d\ude00", "smile \ud83d\ude00")
        journal.set_setting("mood", ["\ud83d\ude00"])
        assert returned.text == "smile 😀" and returned.prompt_id == "😀"
        assert journal.reflection(1, "\ud83d\ude00") == returned
        assert journal.get_setting("mood") == ["😀"]
    with Journal.open(path) as journal:
        assert journal.reflection(1, "😀") == returned
        assert journal.get_setting("mood") == ["😀"]
