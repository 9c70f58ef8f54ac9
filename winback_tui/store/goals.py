"""Step 2's goals, their check-ins and the confidence ratings.

Three tables: ``goals``, ``checkins`` (one document per goal and day) and
``confidence`` (one per day). Goals are never deleted: archiving keeps a goal
and its whole history, and an archived goal can be brought back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from winback_tui.domain.goals import (
    Cadence,
    CheckIn,
    CheckState,
    Goal,
    GoalError,
    GoalStatus,
    Pause,
    Rating,
    Step2Summary,
    archive,
    correction_problem,
    is_open_today,
    new_goal,
    pause,
    rate,
    restore,
    resume,
    summarise,
    validate_checkin,
    week_start,
)
from winback_tui.domain.issues import Area
from winback_tui.domain.progress import CHECKIN_LOOK_BACK_DAYS
from winback_tui.store import chunk_bounds
from winback_tui.store.daily import DailyRepo
from winback_tui.store.journal import Journal
from winback_tui.store.memo import per_revision, stored_docs
from winback_tui.store.records import Doc, Repo, iso, member_of, parse_date, parse_datetime
from winback_tui.store.schema import storable

_CHECK_STATE = member_of(CheckState)


def _pause_doc(item: Pause) -> list[str | None]:
    return [iso(item.start), iso(item.end) if item.end else None]


def _pause_from(value: Any) -> Pause | None:
    """A stored pause, or None when it cannot be read (it is then skipped)."""
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str):
        return None
    try:
        return Pause(parse_date(value[0]), parse_date(value[1]) if value[1] else None)
    except (TypeError, ValueError):
        return None


def _goal_doc(goal: Goal) -> Doc:
    return {
        "title": storable(goal.title),
        "area": goal.area.value,
        "per_week": goal.cadence.per_week,
        "note": storable(goal.note),
        "status": goal.status.value,
        "created": iso(goal.created),
        "pauses": [_pause_doc(p) for p in goal.pauses],
        "source": storable(goal.source),
    }


def _goal_from(doc_id: int, doc: Doc) -> Goal:
    per_week = doc.get("per_week")
    pauses = (_pause_from(p) for p in doc.get("pauses", []))
    return Goal(
        title=str(doc["title"]),
        area=Area(doc["area"]),
        cadence=Cadence(int(per_week) if per_week is not None else None),
        created=parse_date(doc["created"]),
        note=str(doc.get("note", "")),
        status=GoalStatus(doc.get("status", GoalStatus.ACTIVE.value)),
        pauses=tuple(p for p in pauses if p is not None),
        source=str(doc.get("source", "")),
        id=doc_id,
    )


def _checkin_doc(item: CheckIn, recorded_at: datetime) -> Doc:
    return {
        "goal": item.goal_id,
        "day": iso(item.day),
        "state": item.state.value,
        "reason": storable(item.reason),
        "recorded_at": iso(recorded_at),
    }


def _recorded_on(value: Any, tz: tzinfo | None) -> date | None:
    """The local day of a stored ``recorded_at``; None when absent or unreadable.

    A record without one (written before winback kept it, or damaged) then
    counts as recorded on its own day (see :class:`~winback_tui.domain.goals.CheckIn`).
    """
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(tz).date()


def _checkin_from(doc: Doc, tz: tzinfo | None = None) -> CheckIn:
    return CheckIn(
        goal_id=int(doc["goal"]),
        day=parse_date(doc["day"]),
        state=_CHECK_STATE(doc["state"]),
        reason=str(doc.get("reason", "")),
        recorded=_recorded_on(doc.get("recorded_at"), tz),
    )


def chunks_from(journal: Journal, first: str) -> set[int] | None:
    """The chunks of the check-ins that can hold a day on or after ``first`` (``YYYY-MM-DD``).

    A check-in's ``day`` is written as ``YYYY-MM-DD``, so a chunk whose bound
    (:mod:`~winback_tui.store.chunk_bounds`) ends before ``first`` holds none:
    the latest day that starts any of its strings is earlier. A chunk whose
    bound is not known yet is read. None (read all of it) for a table kept whole.
    """
    with journal._mutex:
        return journal._chunks_meeting(CheckInsRepo.TABLE, first, chunk_bounds.EVERYTHING[1])


def read_checkins(
    journal: Journal, tz: tzinfo | None, since: date | None = None
) -> tuple[CheckIn, ...]:
    """Every check-in (on ``since`` or later, if given), oldest day first; no memo.

    With ``since``, a document whose day is written as :func:`iso` writes it
    is compared as text before it is parsed (ISO days sort as dates do), so a
    look at the last weeks of a decade of check-ins parses only those weeks.
    Any other document is parsed and compared as a date. Only the chunks that
    can hold a day on or after ``since`` are read (:func:`chunks_from`): the
    dashboard's few weeks do not read a decade of check-ins from disk.
    """
    if since is None:
        docs = stored_docs(journal, CheckInsRepo.TABLE)
    else:
        first = iso(since)
        with journal._reading_chunks({CheckInsRepo.TABLE: chunks_from(journal, first)}):
            docs = stored_docs(journal, CheckInsRepo.TABLE)
        # Inline rather than a call per document: years of check-ins pass here.
        docs = [
            d
            for d in docs
            if not (
                isinstance(day := d.get("day"), str)
                and day < first
                and len(day) == 10
                and day[4] == day[7] == "-"
            )
        ]
    items = [_checkin_from(d, tz) for d in docs]
    if since is not None:
        items = [c for c in items if c.day >= since]
    return tuple(sorted(items, key=lambda c: (c.day, c.goal_id)))


class CheckInsRepo(Repo):
    """One check-in per goal and day."""

    TABLE = "checkins"

    def _docs_for(self, goal_id: int, day: date) -> list[int]:
        key = iso(day)
        return [i for i, d in self._all() if d.get("goal") == goal_id and d.get("day") == key]

    def all(self, goal_id: int | None = None) -> list[CheckIn]:
        """Every check-in (of one goal, if given), oldest day first.

        :attr:`CheckIn.recorded` is the local day (the journal clock's zone) of
        the moment it was recorded.
        """
        tz = self.journal.now().astimezone().tzinfo
        items = per_revision(
            self.journal,
            (self.TABLE, tz),
            lambda: read_checkins(self.journal, tz),
            tables=(self.TABLE,),
        )
        if goal_id is not None:
            return [c for c in items if c.goal_id == goal_id]
        return list(items)

    def since(self, first: date) -> list[CheckIn]:
        """The check-ins dated ``first`` or later, oldest day first (what :meth:`all` lists).

        Only these are parsed: the dashboard's marks look back a few weeks.
        """
        tz = self.journal.now().astimezone().tzinfo
        return list(
            per_revision(
                self.journal,
                (self.TABLE, tz, first),
                lambda: read_checkins(self.journal, tz, first),
                tables=(self.TABLE,),
            )
        )

    def put(self, item: CheckIn) -> None:
        """Store ``item``, replacing that goal's record for that day.

        The record notes the moment it was recorded (``recorded_at``, the
        journal's clock). Storing again what is already there (same state and
        reason) keeps the first moment (or, for an older record, its absence):
        nothing was recorded anew.
        """
        found = self._docs_for(item.goal_id, item.day)
        if found:
            old = self._get(found[0]) or {}
            same = old.get("state") == item.state.value and old.get("reason", "") == storable(
                item.reason
            )
            fields = _checkin_doc(item, self.journal.now())
            if same:
                # Nothing recorded anew: the first moment (or its absence) stays.
                del fields["recorded_at"]
            self._update(found[0], fields)
        else:
            self._insert(_checkin_doc(item, self.journal.now()))

    def clear(self, goal_id: int, day: date) -> None:
        """Remove the record of one goal on one day (a correction the user asked for)."""
        for doc_id in self._docs_for(goal_id, day):
            self._remove(doc_id)


class RatingsRepo(Repo):
    """Confidence ratings, one a day, on the 1-5 scale of the daily check-in.

    A view of the ``confidence`` of :class:`~winback_tui.store.daily.DailyRepo`
    (the one place ratings live), kept so Step 2 works until it asks the daily
    check-in itself.
    """

    TABLE = "daily"

    def all(self) -> list[Rating]:
        """Every day with a confidence rating, oldest day first."""
        return [
            Rating(item.day, item.confidence)
            for item in DailyRepo(self.journal).all()
            if item.confidence is not None
        ]

    def rate(self, day: date, value: int) -> Rating:
        """Rate ``day``'s confidence; a second rating the same day replaces the first.

        Raises:
            GoalError: the value is outside 1-5 (nothing stored).
            JournalReadOnlyError, JournalWriteError: nothing stored.
        """
        rate([], day, value)  # validates
        DailyRepo(self.journal).rate(day, confidence=value)
        return Rating(day, value)


class GoalsRepo(Repo):
    """Goals, with their check-ins (:attr:`checkins`) and ratings (:attr:`ratings`).

    Every write raises ``JournalReadOnlyError`` or ``JournalWriteError`` (from
    :mod:`winback_tui.store`) when it cannot be saved; nothing is changed then.
    """

    TABLE = "goals"

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal)
        self.checkins = CheckInsRepo(journal)
        self.ratings = RatingsRepo(journal)

    # ------------------------------------------------------------------ goals
    def all(self, *, include_archived: bool = False) -> list[Goal]:
        """Goals in the order they were added; archived ones only when asked."""
        goals = [_goal_from(i, d) for i, d in self._all()]
        if include_archived:
            return goals
        return [g for g in goals if g.status is not GoalStatus.ARCHIVED]

    def get(self, goal_id: int) -> Goal:
        """One goal by id.

        Raises:
            KeyError: no such goal.
        """
        doc = self._get(goal_id)
        if doc is None:
            raise KeyError(goal_id)
        return _goal_from(goal_id, doc)

    def add(
        self,
        title: str,
        area: Area,
        cadence: Cadence,
        created: date,
        note: str = "",
        source: str = "",
    ) -> Goal:
        """Validate and store a new goal; returns it with its id.

        Raises:
            GoalError: bad input, with the message to show (nothing stored).
            JournalReadOnlyError, JournalWriteError: nothing stored.
        """
        goal = new_goal(title, area, cadence, created, note, source)
        return replace(goal, id=self._insert(_goal_doc(goal)))

    def add_goal(self, goal: Goal) -> Goal:
        """Store a goal built elsewhere (a suggestion), validated the same way."""
        checked = new_goal(
            goal.title, goal.area, goal.cadence, goal.created, goal.note, goal.source
        )
        return replace(checked, id=self._insert(_goal_doc(checked)))

    def _save(self, goal: Goal) -> Goal:
        self._update(goal.id, _goal_doc(goal))
        return goal

    def pause(self, goal_id: int, today: date) -> Goal:
        """Rest a goal from today."""
        return self._save(pause(self.get(goal_id), today))

    def resume(self, goal_id: int, today: date) -> Goal:
        """Take a paused goal up again from today."""
        return self._save(resume(self.get(goal_id), today))

    def archive(self, goal_id: int, today: date) -> Goal:
        """Put a goal away with its history (an open pause ends first)."""
        return self._save(archive(resume(self.get(goal_id), today)))

    def restore(self, goal_id: int) -> Goal:
        """Bring an archived goal back as active."""
        return self._save(restore(self.get(goal_id)))

    # -------------------------------------------------------------- check-ins
    def check_in(self, item: CheckIn, today: date) -> CheckIn:
        """Record done or skipped for a day inside the correction window.

        Raises:
            GoalError: the day is too long ago, or a skip has no reason.
            KeyError: no such goal.
            JournalReadOnlyError, JournalWriteError: nothing stored.
        """
        self.get(item.goal_id)
        item = validate_checkin(item, today)
        self.checkins.put(item)
        return item

    def clear_check_in(self, goal_id: int, day: date, today: date) -> None:
        """Remove one day's record inside the correction window.

        Raises:
            GoalError: the day is too long ago.
            JournalReadOnlyError, JournalWriteError: nothing changed.
        """
        problem = correction_problem(day, today)
        if problem:
            raise GoalError(problem)
        self.checkins.clear(goal_id, day)


def step2_summary(journal: Journal, today: date) -> Step2Summary:
    """What the dashboard shows of Step 2 on ``today`` (a local date).

    Args:
        journal: the open journal (read-only is fine).
        today: usually ``journal.now().astimezone().date()``.
    """
    repo = GoalsRepo(journal)
    return summarise(repo.all(), repo.checkins.all(), repo.ratings.all(), today)


def open_today_titles(journal: Journal, today: date) -> tuple[str, ...]:
    """The titles of the active goals still open on ``today``: ``step2_summary(...).open_today``.

    Only this week's check-ins decide it, so only they are read.
    """
    repo = GoalsRepo(journal)
    active = [g for g in repo.all() if g.status is GoalStatus.ACTIVE]
    if not active:
        return ()
    # The dashboard's marks read these weeks already (the same memo).
    first = min(week_start(today), today - timedelta(days=CHECKIN_LOOK_BACK_DAYS))
    week = repo.checkins.since(first)
    return tuple(g.title for g in active if is_open_today(g, week, today))
