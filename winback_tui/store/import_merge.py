"""How an import merges: what counts as "already there", and the summary it reports.

The rule itself is described in :mod:`winback_tui.store.importer`; this module
decides, table by table, which records of a checked export file are new, which
the journal already holds, and which conflict with the journal's own version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from winback_tui.domain.issues import custom_id, custom_number, is_custom
from winback_tui.store.schema import Data

Doc = dict[str, Any]
Key = Hashable


def report_name(table: str, doc: Doc) -> str | None:
    """What a record is called in an import's summary, or None for winback's own bookkeeping.

    The table's name, except in ``assessment``, which holds three kinds of
    record: Step 1's issues, the openness checks, and the counter that numbers
    the user's own issues (not something the user wrote, so never counted).
    """
    if table != "assessment":
        return table
    kind = doc.get("kind")
    if kind == "counter":
        return None
    if kind == "openness":
        return "openness checks"
    if kind == "issue":
        return "issues"
    return table


@dataclass
class ImportReport:
    """What an import did, counted as the journal then holds it.

    Counts are by :func:`report_name`: per table, with the assessment table's
    issues and openness checks apart and its counter left out.

    Attributes:
        added: name -> records added.
        present: records the journal already had, identical.
        conflicts: name -> records the journal holds in another version (kept).
    """

    added: dict[str, int] = field(default_factory=dict)
    present: int = 0
    conflicts: dict[str, int] = field(default_factory=dict)

    @property
    def added_total(self) -> int:
        """How many records were added in all."""
        return sum(self.added.values())

    @property
    def conflict_total(self) -> int:
        """How many records were left as the journal has them."""
        return sum(self.conflicts.values())

    def summary(self) -> str:
        """One line for the user, e.g. ``added 3 records (goals 2, contacts 1)``."""
        if self.added_total:
            parts = ", ".join(f"{name} {count}" for name, count in sorted(self.added.items()))
            noun = "record" if self.added_total == 1 else "records"
            text = f"added {self.added_total} {noun} ({parts})"
        else:
            text = "added nothing: the journal already has every record of the file"
        if self.present and self.added_total:
            text += f"; {self.present} already there"
        if self.conflict_total:
            parts = ", ".join(f"{name} {count}" for name, count in sorted(self.conflicts.items()))
            text += (
                f"; {self.conflict_total} differ from the journal's own and were left "
                f"as the journal has them ({parts})"
            )
        return text


def _int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# ------------------------------------------------------------------ merging
def _canonical(doc: object) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=True)


def _content(doc: Doc) -> Key:
    return ("content", _canonical(doc))


def _fields(*names: str) -> Callable[[Doc], Key]:
    def key(doc: Doc) -> Key:
        values = tuple(_canonical(doc.get(name)) for name in names)
        return ("key", *values)

    return key


def _assessment_key(doc: Doc) -> Key:
    kind, issue_id = doc.get("kind"), doc.get("issue_id")
    if kind == "issue" and isinstance(issue_id, str):
        if is_custom(issue_id):
            return ("custom", str(doc.get("title", "")).casefold())
        return ("issue", issue_id)
    if kind == "counter":
        return ("counter",)
    return _content(doc)


KEYS: dict[str, Callable[[Doc], Key]] = {
    "settings": _fields("key"),
    "reflections": _fields("step", "prompt"),
    "assessment": _assessment_key,
    "goals": _fields("title", "area", "created"),
    "checkins": _fields("goal", "day"),
    "daily": _fields("day"),
    # Several entries a day: one is known by its day and when it was started.
    "entries": _fields("day", "created"),
    "boundaries": _fields("text", "created"),
}

#: Fields that may differ between two copies of the same record without a conflict.
IGNORED_IN_COMPARISON: dict[str, frozenset[str]] = {
    "boundaries": frozenset({"position"}),
    # The custom-issue counter is recomputed; when words were last written is no conflict.
    "assessment": frozenset({"last", "edited_at"}),
    # The same day's record, noted at another moment, is the same record.
    "checkins": frozenset({"recorded_at"}),
}

#: Tables merged first, because later tables refer to their ids.
ORDER = ("settings", "assessment", "goals", "checkins")


@dataclass
class _Merge:
    current: Data
    report: ImportReport
    issue_ids: dict[str, str] = field(default_factory=dict)
    goal_ids: dict[int, int] = field(default_factory=dict)

    def table(self, name: str, incoming: dict[int, Doc]) -> dict[str, Doc]:
        existing = self.current.get(name, {})
        result = dict(existing)
        key_of = KEYS.get(name, _content)
        ignored = IGNORED_IN_COMPARISON.get(name, frozenset())
        # An empty table takes the records as they are, ids included: the
        # round trip (export, import, export) then gives the same file.
        keep_ids = not existing
        index: dict[Key, Doc] = {}
        ids: dict[Key, int] = {}
        # A record known by its content alone (a contact, a draft, an openness
        # check) can be there twice, each a record of its own (two contacts
        # logged alike): each of the journal's copies stands for one of the
        # file's, and a copy added by this import stands for none.
        unmatched: dict[Key, int] = {}
        for stored_id, stored in existing.items():
            key = key_of(stored)
            index.setdefault(key, stored)
            ids.setdefault(key, int(stored_id))
            unmatched[key] = unmatched.get(key, 0) + 1
        next_id = max((int(i) for i in existing), default=0) + 1
        for doc_id, original in incoming.items():
            doc = self.rewrite(name, original, existing)
            key = key_of(doc)
            by_content = _is_content(key)
            if not keep_ids and key in index and (not by_content or unmatched.get(key, 0)):
                if by_content:
                    unmatched[key] -= 1
                self.remember(name, original, doc_id, ids[key], index[key])
                # One of the user's own issues is known by its title: its number
                # may differ (a merge renumbered it), it is the same issue.
                skip = ignored | {"issue_id"} if _is_kind(key, "custom") else ignored
                same = _without(index[key], skip) == _without(doc, skip)
                if same:
                    if report_name(name, doc) is not None:
                        self.report.present += 1
                else:
                    _count(self.report.conflicts, name, doc)
                continue
            if keep_ids:
                new_id = doc_id
            else:
                new_id, next_id = next_id, next_id + 1
                doc = self.placed(name, doc, result)
            result[str(new_id)] = doc
            index.setdefault(key, doc)
            ids.setdefault(key, new_id)
            self.remember(name, original, doc_id, new_id, doc)
            _count(self.report.added, name, doc)
        ordered = dict(sorted(result.items(), key=lambda pair: int(pair[0])))
        if name == "assessment":
            ordered = _counted(ordered)
        return ordered

    def rewrite(self, name: str, doc: Doc, existing: dict[str, Doc]) -> Doc:
        """Follow renumbered references, and give a clashing custom issue a free id."""
        if name == "goals" and doc.get("source") in self.issue_ids:
            return {**doc, "source": self.issue_ids[doc["source"]]}
        if name == "checkins" and _int(doc.get("goal")) and doc["goal"] in self.goal_ids:
            return {**doc, "goal": self.goal_ids[doc["goal"]]}
        return doc

    def placed(self, name: str, doc: Doc, table: dict[str, Doc]) -> Doc:
        """Adjust a record added to a table that already had records."""
        if name == "boundaries":
            last = max((_position(d) for d in table.values()), default=-1)
            return {**doc, "position": last + 1}
        if name == "assessment" and doc.get("kind") == "issue":
            issue_id = doc.get("issue_id")
            used = {d.get("issue_id") for d in table.values() if d.get("kind") == "issue"}
            if isinstance(issue_id, str) and is_custom(issue_id) and issue_id in used:
                numbers = [custom_number(str(i)) or 0 for i in used if isinstance(i, str)]
                counters = [
                    _position(d, "last") for d in table.values() if d.get("kind") == "counter"
                ]
                fresh = custom_id(max([0, *numbers, *counters]) + 1)
                self.issue_ids[issue_id] = fresh
                return {**doc, "issue_id": fresh}
        return doc

    def remember(self, name: str, original: Doc, old_id: int, new_id: int, doc: Doc) -> None:
        """Note where a record ended up, for the records that refer to it."""
        if name == "goals":
            self.goal_ids[old_id] = new_id
        elif name == "assessment" and original.get("kind") == "issue":
            old, new = original.get("issue_id"), doc.get("issue_id")
            if isinstance(old, str) and isinstance(new, str) and old != new:
                self.issue_ids[old] = new


def _is_kind(key: Key, kind: str) -> bool:
    return isinstance(key, tuple) and bool(key) and key[0] == kind


def _is_content(key: Key) -> bool:
    return _is_kind(key, "content")


def _count(counts: dict[str, int], table: str, doc: Doc) -> None:
    name = report_name(table, doc)
    if name is not None:
        counts[name] = counts.get(name, 0) + 1


def _position(doc: Doc, name: str = "position") -> int:
    value = doc.get(name)
    return value if _int(value) else 0


def _without(doc: Doc, ignored: frozenset[str]) -> str:
    return _canonical({k: v for k, v in doc.items() if k not in ignored})


def _counted(table: dict[str, Doc]) -> dict[str, Doc]:
    """Keep the custom-issue counter at or above every custom number in use."""
    used = [
        custom_number(str(d.get("issue_id"))) or 0
        for d in table.values()
        if d.get("kind") == "issue" and is_custom(str(d.get("issue_id")))
    ]
    highest = max(used, default=0)
    for doc_id, doc in table.items():
        if doc.get("kind") == "counter" and _position(doc, "last") < highest:
            return {**table, doc_id: {**doc, "last": highest}}
    return table
