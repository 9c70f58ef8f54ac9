"""Step 1's assessment: the underlying issues the user marked, and the openness checks.

Step 2 reads :meth:`AssessmentRepo.marked_issues` to offer matching goals; Step 3
and the dashboard read :meth:`AssessmentRepo.latest_openness`.

One table, ``assessment``, holds three kinds of document (field ``kind``):

- ``issue``: one per issue the user touched: ``issue_id``, ``marked``, ``my_part``,
  and ``title`` for their own (``custom-N``) issues. Common issues take their
  title from :data:`~winback_tui.domain.issues.COMMON_ISSUES`. ``edited_at``
  is when the user last wrote its words (title or note); older documents lack it.
- ``counter``: the last ``N`` given to a custom issue, so a removed issue's id
  is never handed out again (Step 2 may still name it).
- ``openness``: one per check taken, never changed afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from winback_tui.domain.issues import (
    COMMON_ISSUES,
    IssueEntry,
    MarkedIssue,
    clean_title,
    custom_id,
    custom_number,
    is_custom,
)
from winback_tui.domain.openness import OpennessCheck, OpennessResult, Signal, Verdict
from winback_tui.store import summaries
from winback_tui.store.journal import Journal
from winback_tui.store.memo import per_revision, stored
from winback_tui.store.records import Doc, Repo, iso, parse_datetime

ISSUE = "issue"
COUNTER = "counter"
OPENNESS = "openness"
#: The summary that keeps the count of marked issues (:meth:`AssessmentRepo.marked_count`).
MARKED = "issues-marked"

_COMMON_IDS = {kind.id for kind in COMMON_ISSUES}
_SIGNALS = {s.value: s for s in Signal}


def _signals_from(values: object) -> frozenset[Signal]:
    """Signals stored in a check; ids this version does not know are skipped."""
    if not isinstance(values, list):
        return frozenset()
    return frozenset(_SIGNALS[v] for v in values if isinstance(v, str) and v in _SIGNALS)


def check_to_doc(check: OpennessCheck) -> Doc:
    return {
        "kind": OPENNESS,
        "at": iso(check.at),
        # Sorted so the same answers always write the same file.
        "signals": sorted(s.value for s in check.signals),
        "verdict": check.result.verdict.value,
        "reasons": list(check.result.reasons),
    }


def _check_from_doc(doc_id: int, doc: Doc) -> OpennessCheck:
    return OpennessCheck(
        at=parse_datetime(doc["at"]),
        signals=_signals_from(doc.get("signals")),
        result=OpennessResult(
            Verdict(doc["verdict"]), tuple(str(r) for r in doc.get("reasons", []))
        ),
        id=doc_id,
    )


class CheckReader:
    """:func:`_check_from_doc` for many checks, sharing what they have in common.

    Years of checks repeat a handful of answers: each distinct set of signals
    and each distinct result is made once and shared (both are immutable), not
    once per check. The same checks as :func:`_check_from_doc` gives, to the
    last field (``tests/unit/test_openness_read.py``).
    """

    def __init__(self) -> None:
        self._signals: dict[object, frozenset[Signal]] = {}
        self._results: dict[tuple[object, tuple[str, ...]], OpennessResult] = {}

    def check(self, doc_id: int, doc: Doc) -> OpennessCheck:
        raw = doc.get("signals")
        try:
            key = tuple(raw) if isinstance(raw, list) else None
            signals = self._signals.get(key)
            if signals is None:
                signals = self._signals[key] = _signals_from(raw)
        except TypeError:  # an unhashable value in the list: nothing to share
            signals = _signals_from(raw)
        verdict = doc["verdict"]
        reasons = tuple(str(r) for r in doc.get("reasons", []))
        try:
            result = self._results.get((verdict, reasons))
            if result is None:
                result = self._results[(verdict, reasons)] = OpennessResult(
                    Verdict(verdict), reasons
                )
        except TypeError:
            result = OpennessResult(Verdict(verdict), reasons)
        return OpennessCheck(
            at=parse_datetime(doc["at"]), signals=signals, result=result, id=doc_id
        )


def read_openness_checks(journal: Journal) -> tuple[OpennessCheck, ...]:
    """Every openness check taken, oldest first, parsed afresh (no memo)."""
    reader = CheckReader()
    checks = [
        reader.check(i, d)
        for i, d in stored(journal, AssessmentRepo.TABLE)
        if d.get("kind") == OPENNESS
    ]
    return tuple(sorted(checks, key=lambda c: (c.at, c.id)))


def _issue_docs(docs: Iterable[tuple[int, Doc]]) -> dict[str, tuple[int, Doc]]:
    """The issue documents among ``docs`` by issue id (the first one wins if doubled)."""
    found: dict[str, tuple[int, Doc]] = {}
    for doc_id, doc in docs:
        if doc.get("kind") == ISSUE and isinstance(doc.get("issue_id"), str):
            found.setdefault(doc["issue_id"], (doc_id, doc))
    return found


def _issue_entries(docs: Mapping[str, tuple[int, Doc]]) -> list[IssueEntry]:
    """:meth:`AssessmentRepo.issues` of the issue documents ``docs``."""
    entries: list[IssueEntry] = []
    for kind in COMMON_ISSUES:
        _, doc = docs.get(kind.id, (0, {}))
        entries.append(
            IssueEntry(
                kind.id,
                kind.title,
                bool(doc.get("marked", False)),
                str(doc.get("my_part", "")),
            )
        )
    own = sorted(
        (
            (custom_number(issue_id) or 0, doc)
            for issue_id, (_, doc) in docs.items()
            if is_custom(issue_id)
        ),
        key=lambda pair: pair[0],
    )
    for _, doc in own:
        entries.append(
            IssueEntry(
                str(doc["issue_id"]),
                str(doc.get("title", "")),
                bool(doc.get("marked", False)),
                str(doc.get("my_part", "")),
            )
        )
    return entries


class AssessmentRepo(Repo):
    """The underlying issues and the openness checks of Step 1."""

    TABLE = "assessment"

    # ---------------------------------------------------------------- issues
    def _issue_docs(self) -> dict[str, tuple[int, Doc]]:
        """Stored issue documents by issue id (the first one wins if doubled).

        The stored documents themselves, not copies: callers only read them.
        """
        return _issue_docs(stored(self.journal, self.TABLE))

    def issues(self) -> list[IssueEntry]:
        """Every issue to show: the common ones in their order, then the user's own.

        The user's own issues come in the order they were added.
        """
        return _issue_entries(self._issue_docs())

    def marked_count(self) -> int:
        """How many issues are marked: ``len(self.marked_issues())`` (the dashboard's count).

        On years of openness checks the table is large: the count is then kept
        as a summary, not read from every document.
        """
        return summaries.count(
            self.journal,
            MARKED,
            self.TABLE,
            lambda docs: sum(1 for entry in _issue_entries(_issue_docs(docs)) if entry.marked),
        )

    def issue(self, issue_id: str) -> IssueEntry:
        """One issue by id.

        Raises:
            KeyError: no such issue.
        """
        for entry in self.issues():
            if entry.issue_id == issue_id:
                return entry
        raise KeyError(issue_id)

    def issue_edited(self) -> dict[str, datetime]:
        """When the user last wrote each issue's words, by issue id (where known).

        Documents written before winback noted it are left out; the timeline
        then places them by day only.
        """
        found: dict[str, datetime] = {}
        for issue_id, (_, doc) in self._issue_docs().items():
            value = doc.get("edited_at")
            if isinstance(value, str):
                try:
                    found[issue_id] = parse_datetime(value)
                except ValueError:
                    continue
        return found

    def marked_issues(self) -> list[MarkedIssue]:
        """The issues the user marked as part of the breakup, with their notes.

        This is what Step 2 reads to offer a matching goal for each
        (see :func:`~winback_tui.domain.issues.suggested_goal`). Common issues
        come first in their usual order, then the user's own.
        """
        return [entry.as_marked() for entry in self.issues() if entry.marked]

    def _set_issue_fields(self, issue_id: str, fields: Doc) -> None:
        docs = self._issue_docs()
        if issue_id in docs:
            self._update(docs[issue_id][0], fields)
        elif issue_id in _COMMON_IDS:
            self._insert({"kind": ISSUE, "issue_id": issue_id, "marked": False, **fields})
        else:
            raise KeyError(issue_id)

    def set_marked(self, issue_id: str, marked: bool) -> None:
        """Mark (or unmark) an issue as part of the breakup. Its note is kept either way.

        Raises:
            KeyError: no such issue.
            JournalReadOnlyError, JournalWriteError: nothing was changed.
        """
        self._set_issue_fields(issue_id, {"marked": bool(marked)})

    def set_note(self, issue_id: str, my_part: str) -> None:
        """Store the user's note on their own part in an issue.

        Raises:
            KeyError: no such issue.
            JournalReadOnlyError, JournalWriteError: nothing was changed.
        """
        if not isinstance(my_part, str):
            raise TypeError("a note must be a string")
        self._set_issue_fields(issue_id, {"my_part": my_part, "edited_at": iso(self.journal.now())})

    def add_custom(self, title: str, my_part: str = "") -> IssueEntry:
        """Add one of the user's own issues, marked, as ``custom-N``.

        Args:
            title: the user's words; tidied with
                :func:`~winback_tui.domain.issues.clean_title` by the caller.
            my_part: an optional first note.

        Raises:
            ValueError: the title is empty.
            JournalReadOnlyError, JournalWriteError: nothing was added.
        """
        title, _ = clean_title(title)
        if not title:
            raise ValueError("an issue needs a title")
        counters = [(i, d) for i, d in self._all() if d.get("kind") == COUNTER]
        used = [custom_number(issue_id) or 0 for issue_id in self._issue_docs()]
        last = max([int(counters[0][1].get("last", 0)) if counters else 0, *used])
        issue_id = custom_id(last + 1)
        self._insert(
            {
                "kind": ISSUE,
                "issue_id": issue_id,
                "title": title,
                "marked": True,
                "my_part": my_part,
                "edited_at": iso(self.journal.now()),
            }
        )
        # If this second write fails, the numbers in use still keep ids unique.
        if counters:
            self._update(counters[0][0], {"last": last + 1})
        else:
            self._insert({"kind": COUNTER, "last": last + 1})
        return IssueEntry(issue_id, title, True, my_part)

    def rename_custom(self, issue_id: str, title: str) -> None:
        """Rename one of the user's own issues.

        Raises:
            KeyError: not one of the user's own issues.
            ValueError: the new title is empty.
            JournalReadOnlyError, JournalWriteError: nothing was changed.
        """
        if not is_custom(issue_id):
            raise KeyError(issue_id)
        title, _ = clean_title(title)
        if not title:
            raise ValueError("an issue needs a title")
        self._set_issue_fields(issue_id, {"title": title, "edited_at": iso(self.journal.now())})

    def remove_custom(self, issue_id: str) -> None:
        """Delete one of the user's own issues and its note (the screen confirms first).

        Raises:
            KeyError: not one of the user's own issues.
            JournalReadOnlyError, JournalWriteError: nothing was removed.
        """
        docs = self._issue_docs()
        if not is_custom(issue_id) or issue_id not in docs:
            raise KeyError(issue_id)
        self._remove(docs[issue_id][0])

    # -------------------------------------------------------------- openness
    def add_openness_check(self, check: OpennessCheck) -> OpennessCheck:
        """Keep one taking of the openness check; returns it with its id.

        Raises:
            JournalReadOnlyError, JournalWriteError: nothing was stored.
        """
        doc_id = self._insert(check_to_doc(check))
        return OpennessCheck(check.at, check.signals, check.result, id=doc_id)

    def openness_checks(self) -> list[OpennessCheck]:
        """Every check taken, oldest first (parsed once per journal revision)."""
        return list(
            per_revision(
                self.journal,
                (self.TABLE, OPENNESS),
                lambda: read_openness_checks(self.journal),
                tables=(self.TABLE,),
            )
        )

    def latest_openness(self) -> OpennessCheck | None:
        """The most recent check, or None before the first one."""
        checks = self.openness_checks()
        return checks[-1] if checks else None
