"""Step 2's goals, check-ins, streaks and confidence ratings, as pure rules.

Everything here works on :class:`~datetime.date` objects, the user's local
calendar days, never on timestamps: a daylight-saving change or a new year is
then just the next day, and no rule ever subtracts two clock readings. The
caller passes ``today`` (from the journal's clock); nothing here reads a clock.

A clock moved backwards must not corrupt anything: a check-in dated after
``today`` is kept and shown, it simply does not count towards a streak until
its day comes.

Rules, in the user's words:

- A daily goal's streak is the run of consecutive days it was done. A day
  skipped with a reason (illness, travel) or inside a pause neither breaks the
  run nor adds to it. Today, while still open, does not break it either.
- An N-times-a-week goal's streak is the run of consecutive weeks (Monday to
  Sunday) that met the target. Skipped and paused days shrink that week's
  target to the days that were really available; a week with no available day
  is neutral. The week in progress counts once met and is neutral until then.
- A goal's streaks and targets start on the day it was created. A check-in
  dated earlier (a clock that was moved, or a correction for a day before the
  goal existed) is kept and shown in the grid, but never counted.
- A check-in counts towards its week only if it was recorded before that week
  ended: its recording day (:attr:`CheckIn.recorded`) is no later than the
  Sunday of the week its day falls in. This holds for both cadences, so a
  back-filled check-in can never complete a week (or a run of days) that did
  not meet its cadence while it lasted. Within the week, filling in an earlier
  day is an honest correction and counts. A late record (done, or skipped with
  a reason) is kept and shown; for streaks and targets it is as if the day had
  no record. A record without a recording day (written before winback kept
  one) counts as recorded on its own day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from winback_tui.domain.issues import Area, MarkedIssue, suggested_goal
from winback_tui.domain.words import plural

#: The longest goal title. A goal row must stay readable in the list at 80
#: columns (about 60 characters of title fit) and on the dashboard; 120 leaves
#: room for a specific goal ("Walk for twenty minutes after dinner, phone left
#: at home") while anything longer is a description, which belongs in the note.
MAX_TITLE = 120

#: The longest note: a few sentences, enough for a why or a plan.
MAX_NOTE = 1000

#: The longest reason for a skipped day ("ill", "travelling to see my sister").
MAX_REASON = 200

#: How many days, today included, a check-in can still be corrected.
CORRECTION_DAYS = 7

#: English names, fixed: ``calendar``'s follow the process locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

RATING_MIN = 1
#: The one scale of the daily check-in (see domain.daily); it was 1-10 before schema 2.
RATING_MAX = 5


# -------------------------------------------------------------------- areas
@dataclass(frozen=True)
class AreaInfo:
    """How an area is named and introduced on the Step 2 screen."""

    area: Area
    title: str
    guidance: str


#: The five areas in the order the screen shows them.
AREAS: tuple[AreaInfo, ...] = (
    AreaInfo(
        Area.HEALTH,
        "Physical health",
        "Sleep, food and movement: the ground everything else stands on.",
    ),
    AreaInfo(
        Area.HOBBY,
        "A hobby",
        "Something you do just because you like it, for no one else.",
    ),
    AreaInfo(
        Area.SKILL,
        "A new skill",
        "Learn one thing of your own: a language, a craft, a tune.",
    ),
    AreaInfo(
        Area.COMMUNICATION,
        "Communication and feelings",
        "Practise naming what you feel, and saying it calmly.",
    ),
    AreaInfo(
        Area.SUPPORT,
        "Support",
        "A therapist, a counsellor, a group: asking for help is strength.",
    ),
)


def area_info(area: Area) -> AreaInfo:
    """The name and guidance of ``area``."""
    return next(info for info in AREAS if info.area is area)


# ------------------------------------------------------------------- models
class GoalStatus(StrEnum):
    """Where a goal stands. Goals are archived, never deleted with their history."""

    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"


class CheckState(StrEnum):
    """What the user recorded for one goal on one day."""

    DONE = "done"
    SKIPPED = "skipped"


class DayState(StrEnum):
    """How one day of a goal reads in the month grid."""

    DONE = "done"
    SKIPPED = "skipped"
    PAUSED = "paused"
    MISSED = "missed"
    OPEN = "open"  # today, nothing recorded yet
    FUTURE = "future"
    BEFORE = "before"  # before the goal began


@dataclass(frozen=True)
class Cadence:
    """How often a goal is meant to happen.

    Attributes:
        per_week: ``None`` for a daily goal, else the times a week (1-7).
    """

    per_week: int | None = None

    @property
    def daily(self) -> bool:
        """Whether the goal is meant for every day."""
        return self.per_week is None

    @property
    def label(self) -> str:
        """``daily`` or ``3× a week``."""
        if self.per_week is None:
            return "daily"
        return "once a week" if self.per_week == 1 else f"{self.per_week}× a week"


DAILY = Cadence()


@dataclass(frozen=True)
class Pause:
    """A stretch of days the user rested a goal; ``end`` is None while it lasts."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the pause (both ends included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Goal:
    """One self-improvement goal.

    Attributes:
        title: the user's words (1 to :data:`MAX_TITLE` characters).
        area: one of the five areas.
        cadence: daily or N times a week.
        created: the local day it was added.
        note: optional longer words.
        status: active, paused or archived.
        pauses: every pause, oldest first (days inside are neutral for streaks).
        source: the Step 1 issue id a suggestion came from, or ``""``.
        id: the journal's id (0 before it is stored).
    """

    title: str
    area: Area
    cadence: Cadence
    created: date
    note: str = ""
    status: GoalStatus = GoalStatus.ACTIVE
    pauses: tuple[Pause, ...] = ()
    source: str = ""
    id: int = 0

    def paused_on(self, day: date) -> bool:
        """Whether the goal was resting on ``day``."""
        return any(p.covers(day) for p in self.pauses)


@dataclass(frozen=True)
class CheckIn:
    """What happened with one goal on one day (at most one per goal and day).

    Attributes:
        goal_id: the goal's id.
        day: the local calendar day.
        state: done or skipped.
        reason: why a day was skipped (a skip with a reason keeps the streak).
        recorded: the local day it was recorded; None for a record kept
            before winback noted it, which counts as recorded on ``day``.
    """

    goal_id: int
    day: date
    state: CheckState
    reason: str = ""
    recorded: date | None = None

    @property
    def on_time(self) -> bool:
        """Recorded no later than the Sunday of its week: it counts for that week.

        See the module's rules: a later record is kept and shown, not counted.
        """
        recorded = self.recorded if self.recorded is not None else self.day
        return recorded <= week_start(self.day) + timedelta(days=6)

    @property
    def excused(self) -> bool:
        """A skip with a reason: neutral for streaks and targets."""
        return self.state is CheckState.SKIPPED and bool(self.reason.strip())


@dataclass(frozen=True)
class Rating:
    """The user's confidence on one day, 1-5 (at most one a day)."""

    day: date
    value: int


class GoalError(ValueError):
    """Input a goal cannot be made from; ``str(error)`` is the message to show."""


# --------------------------------------------------------------- validation
def clean_text(text: str) -> str:
    """One line, spaces collapsed: how titles and reasons are kept."""
    return " ".join(text.split())


def title_problem(title: str) -> str | None:
    """Why ``title`` cannot be a goal title, or None when it is fine."""
    tidy = clean_text(title)
    if not tidy:
        return "A goal needs a title: a few words are enough."
    if len(tidy) > MAX_TITLE:
        return (
            f"Titles keep to {MAX_TITLE} characters so they stay readable in the list; "
            f"this one has {len(tidy)}. Shorten it and put the rest in the note."
        )
    return None


def note_problem(note: str) -> str | None:
    """Why ``note`` is too long, or None."""
    if len(note.strip()) > MAX_NOTE:
        return f"Notes keep to {MAX_NOTE} characters; this one has {len(note.strip())}."
    return None


def per_week_problem(times: int) -> str | None:
    """Why ``times`` a week is not a cadence, or None for 1-7."""
    if 1 <= times <= 7:
        return None
    return f"Choose between 1 and 7 times a week ({times} is outside that), or 'daily'."


def parse_cadence(text: str) -> Cadence:
    """Read what the user typed: ``daily`` (or empty, or ``d``), or a number 1-7.

    ``3``, ``3x`` and ``3 a week`` all mean three times a week.

    Raises:
        GoalError: with the message to show.
    """
    tidy = clean_text(text).casefold()
    if tidy in ("", "d", "daily", "every day", "everyday"):
        return DAILY
    digits = ""
    for char in tidy:
        if char.isascii() and char.isdigit():
            digits += char
        else:
            break
    rest = tidy[len(digits) :].strip()
    if not digits or rest not in ("", "x", "×", "times", "a week", "x a week", "times a week"):
        raise GoalError("Type 'daily', or how many times a week: a number from 1 to 7.")
    times = int(digits)
    problem = per_week_problem(times)
    if problem:
        raise GoalError(problem)
    return Cadence(times)


def reason_problem(reason: str) -> str | None:
    """Why a skip reason cannot be kept, or None."""
    tidy = clean_text(reason)
    if not tidy:
        return "Add a word or two about why (ill, travelling, a rest day)."
    if len(tidy) > MAX_REASON:
        return f"Keep the reason to {MAX_REASON} characters; this one has {len(tidy)}."
    return None


def rating_problem(value: int) -> str | None:
    """Why ``value`` is not a confidence rating, or None for 1-5."""
    if RATING_MIN <= value <= RATING_MAX:
        return None
    return f"Choose a number from {RATING_MIN} to {RATING_MAX}."


def new_goal(
    title: str, area: Area, cadence: Cadence, created: date, note: str = "", source: str = ""
) -> Goal:
    """Make a goal from the user's input, tidied.

    Raises:
        GoalError: with the first problem found.
    """
    problem = title_problem(title) or note_problem(note)
    if cadence.per_week is not None:
        problem = problem or per_week_problem(cadence.per_week)
    if problem:
        raise GoalError(problem)
    return Goal(clean_text(title), area, cadence, created, note.strip(), source=source)


# ------------------------------------------------------------ status changes
def pause(goal: Goal, today: date) -> Goal:
    """Rest an active goal from today; its days stop counting against it."""
    if goal.status is not GoalStatus.ACTIVE:
        return goal
    return replace(goal, status=GoalStatus.PAUSED, pauses=(*goal.pauses, Pause(today)))


def resume(goal: Goal, today: date) -> Goal:
    """Take a paused goal up again; the pause ends yesterday, so today counts.

    A pause started today (or, after a clock moved backwards, later) is
    dropped instead of ending before it began.
    """
    if goal.status is not GoalStatus.PAUSED:
        return goal
    pauses = list(goal.pauses)
    if pauses and pauses[-1].end is None:
        last = pauses.pop()
        end = today - timedelta(days=1)
        if last.start <= end:
            pauses.append(Pause(last.start, end))
    return replace(goal, status=GoalStatus.ACTIVE, pauses=tuple(pauses))


def archive(goal: Goal) -> Goal:
    """Put a goal away; it and its history stay in the journal."""
    return replace(goal, status=GoalStatus.ARCHIVED)


def restore(goal: Goal) -> Goal:
    """Bring an archived goal back as active."""
    if goal.status is not GoalStatus.ARCHIVED:
        return goal
    return replace(goal, status=GoalStatus.ACTIVE)


# ----------------------------------------------------------------- calendar
def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def days(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last``, both included."""
    current = first
    while current <= last:
        yield current
        current += timedelta(days=1)


def correctable_days(today: date) -> list[date]:
    """The days a check-in can still be changed: the last week, newest first."""
    return [today - timedelta(days=n) for n in range(CORRECTION_DAYS)]


def can_correct(day: date, today: date) -> bool:
    """Whether ``day`` is inside the correction window."""
    return today - timedelta(days=CORRECTION_DAYS - 1) <= day <= today


def checkins_by_day(checkins: Iterable[CheckIn], goal_id: int) -> dict[date, CheckIn]:
    """One goal's check-ins keyed by day (a later duplicate wins)."""
    return {c.day: c for c in checkins if c.goal_id == goal_id}


def counted_by_day(checkins: Iterable[CheckIn], goal_id: int) -> dict[date, CheckIn]:
    """One goal's check-ins that count for streaks and targets, keyed by day.

    :func:`checkins_by_day` without the records made after their week ended
    (:attr:`CheckIn.on_time`); those stay in the grid only.
    """
    return {c.day: c for c in checkins if c.goal_id == goal_id and c.on_time}


def _counted_by_day(checkins: Iterable[CheckIn], goal_id: int, today: date) -> dict[date, CheckIn]:
    """One goal's check-ins up to ``today`` recorded in time, keyed by day: what streaks count.

    Equal to :func:`counted_by_day` with later days dropped, in one pass.
    """
    return {c.day: c for c in checkins if c.goal_id == goal_id and c.day <= today and c.on_time}


def start_day(goal: Goal, by_day: dict[date, CheckIn]) -> date:
    """The first day that counts: the day the goal was created.

    A check-in dated earlier (a moved clock, or a correction for a day before
    the goal existed) is kept and shown, but no streak or target counts it.
    ``by_day`` is accepted for the callers that pass it; it does not move the
    start.
    """
    del by_day
    return goal.created


# ------------------------------------------------------------------ days
def day_state(goal: Goal, by_day: dict[date, CheckIn], day: date, today: date) -> DayState:
    """How ``day`` reads for ``goal``.

    A recorded check-in always shows, even on a day after ``today`` (a clock
    moved backwards), so nothing the user recorded disappears.
    """
    checkin = by_day.get(day)
    if checkin is not None:
        return DayState.DONE if checkin.state is CheckState.DONE else DayState.SKIPPED
    if day > today:
        return DayState.FUTURE
    if day < start_day(goal, by_day):
        return DayState.BEFORE
    if goal.paused_on(day):
        return DayState.PAUSED
    if day == today:
        return DayState.OPEN
    return DayState.MISSED


def _neutral(goal: Goal, by_day: dict[date, CheckIn], day: date) -> bool:
    """A day that neither counts for nor against a goal: excused or paused."""
    checkin = by_day.get(day)
    if checkin is not None and checkin.state is CheckState.DONE:
        return False
    return (checkin is not None and checkin.excused) or goal.paused_on(day)


# ----------------------------------------------------------------- streaks
@dataclass(frozen=True)
class Streak:
    """A goal's current and best run, in days (daily) or weeks (N a week)."""

    current: int
    best: int
    unit: str  # "day" or "week"

    def describe(self, count: int) -> str:
        """``1 day`` / ``3 weeks``."""
        return plural(count, self.unit, f"{self.unit}s")


def _day_outcome(goal: Goal, by_day: dict[date, CheckIn], day: date, today: date) -> bool | None:
    """One day of a daily goal: True done, False missed, None neutral."""
    checkin = by_day.get(day)
    if checkin is not None and checkin.state is CheckState.DONE:
        return True
    if _neutral(goal, by_day, day) or day == today:
        return None  # today is still open: it cannot break a run yet
    return False


def _daily_outcomes(goal: Goal, by_day: dict[date, CheckIn], today: date) -> list[bool | None]:
    """Per day from the start to today: True done, False missed, None neutral."""
    return [_day_outcome(goal, by_day, day, today) for day in days(start_day(goal, by_day), today)]


@dataclass(frozen=True)
class WeekTally:
    """One goal's week as of a day.

    Attributes:
        start: the Monday.
        done: days done (up to today).
        skipped: days skipped (up to today).
        target: what the week asks for, shrunk to the days really available.
        still_possible: available days after today, for a week in progress.
    """

    start: date
    done: int
    skipped: int
    target: int
    still_possible: int = 0

    @property
    def met(self) -> bool:
        """Whether the target was reached (a zero target never is: it is neutral)."""
        return self.target > 0 and self.done >= self.target

    @property
    def on_track(self) -> bool:
        """Met, nothing owed, or still reachable in the days left."""
        return self.target == 0 or self.done + self.still_possible >= self.target


def week_tally(goal: Goal, by_day: dict[date, CheckIn], monday: date, today: date) -> WeekTally:
    """Count one week of ``goal`` (Monday ``monday``) as of ``today``.

    Days before the goal began, skipped-with-reason days and paused days are
    not available, and the target shrinks to the available days. For a daily
    goal the target is every available day so far (today only once it is
    done: an open today is not owed yet); for N a week it is N, or fewer when
    fewer days are available in the whole week.
    """
    return _tally(goal, by_day, monday, today, start_day(goal, by_day))


def _tally(
    goal: Goal, by_day: dict[date, CheckIn], monday: date, today: date, begin: date
) -> WeekTally:
    """:func:`week_tally` with ``begin`` (:func:`start_day`) given.

    :func:`start_day` scans every check-in of the goal; walking weeks, it is
    computed once instead of once a week.
    """
    done = skipped = available = later = 0
    for day in days(monday, monday + timedelta(days=6)):
        if day < begin:
            continue  # before the goal began: never counted, whatever is recorded
        checkin = by_day.get(day)
        is_done = checkin is not None and checkin.state is CheckState.DONE
        if day <= today and checkin is not None:
            if is_done:
                done += 1
            else:
                skipped += 1
        if _neutral(goal, by_day, day):
            continue
        if day > today or (day == today and not is_done):
            later += 1
            if goal.cadence.per_week is None:
                continue  # a daily goal owes only the days already lived
        available += 1
    if goal.cadence.per_week is None:
        return WeekTally(monday, done, skipped, available)
    return WeekTally(monday, done, skipped, min(goal.cadence.per_week, available), later)


def _week_outcome(tally: WeekTally, this_week: date) -> bool | None:
    """One week of an N-a-week goal: True met, False not met, None neutral."""
    if tally.met:
        return True
    if tally.target == 0 or tally.start == this_week:
        return None  # nothing owed, or the week is not over yet
    return False


def _weekly_outcomes(goal: Goal, by_day: dict[date, CheckIn], today: date) -> list[bool | None]:
    """Per week from the start to this week: True met, False not met, None neutral."""
    outcomes: list[bool | None] = []
    this_week = week_start(today)
    begin = start_day(goal, by_day)
    monday = week_start(begin)
    while monday <= this_week:
        outcomes.append(_week_outcome(_tally(goal, by_day, monday, today, begin), this_week))
        monday += timedelta(days=7)
    return outcomes


def _runs(outcomes: Sequence[bool | None]) -> tuple[int, int]:
    """(current, best) run of True, where None neither breaks nor adds."""
    best = run = 0
    for outcome in outcomes:
        if outcome is True:
            run += 1
            best = max(best, run)
        elif outcome is False:
            run = 0
    return run, best


def streak(goal: Goal, checkins: Iterable[CheckIn], today: date) -> Streak:
    """The current and best streak of ``goal`` as of ``today``.

    Check-ins dated after ``today`` are ignored here (they still show in the
    grid); they count once their day comes.
    """
    by_day = _counted_by_day(checkins, goal.id, today)
    if goal.cadence.per_week is None:
        current, best = _runs(_daily_outcomes(goal, by_day, today))
        return Streak(current, best, "day")
    current, best = _runs(_weekly_outcomes(goal, by_day, today))
    return Streak(current, best, "week")


def _run_back(outcomes: Iterable[bool | None]) -> int:
    """The run of True at the end of a history given newest first.

    Reading stops at the first False, so only the current run is walked.
    """
    run = 0
    for outcome in outcomes:
        if outcome is False:
            break
        if outcome is True:
            run += 1
    return run


def current_streak(goal: Goal, checkins: Iterable[CheckIn], today: date) -> int:
    """``streak(goal, checkins, today).current``, without walking the whole history.

    Same rules as :func:`streak`: the walk goes back from today (days for a
    daily goal, weeks for N a week) and stops at the first day or week that
    breaks the run, or at the start day. The cost follows the current run,
    not the goal's age, which keeps the dashboard quick on years of data.

    Args:
        goal: the goal.
        checkins: check-ins of any goals (others are ignored).
        today: the local day; check-ins dated after it do not count yet.

    Returns:
        The current run, in days (daily goal) or weeks (N a week).
    """
    by_day = _counted_by_day(checkins, goal.id, today)
    begin = start_day(goal, by_day)
    if goal.cadence.per_week is None:
        back = (today - timedelta(days=n) for n in range((today - begin).days + 1))
        return _run_back(_day_outcome(goal, by_day, day, today) for day in back)
    this_week = week_start(today)
    weeks = (this_week - week_start(begin)).days // 7 + 1
    mondays = (this_week - timedelta(weeks=n) for n in range(weeks))
    return _run_back(
        _week_outcome(_tally(goal, by_day, monday, today, begin), this_week) for monday in mondays
    )


# -------------------------------------------------------------- month grid
@dataclass(frozen=True)
class MonthGrid:
    """One month of one goal, laid out Monday to Sunday.

    Attributes:
        year, month: which month.
        weeks: rows of seven cells; a cell is ``None`` outside the month, else
            ``(day, state)``.
    """

    year: int
    month: int
    weeks: tuple[tuple[tuple[date, DayState] | None, ...], ...]

    @property
    def title(self) -> str:
        """``March 2026``."""
        return f"{MONTHS[self.month - 1]} {self.year}"

    def count(self, state: DayState) -> int:
        """How many days of the month are in ``state``."""
        return sum(1 for week in self.weeks for cell in week if cell and cell[1] is state)


def month_grid(
    goal: Goal, checkins: Iterable[CheckIn], year: int, month: int, today: date
) -> MonthGrid:
    """The month grid data for ``goal``."""
    by_day = checkins_by_day(checkins, goal.id)
    rows: list[tuple[tuple[date, DayState] | None, ...]] = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        rows.append(
            tuple(
                (day, day_state(goal, by_day, day, today)) if day.month == month else None
                for day in week
            )
        )
    return MonthGrid(year, month, tuple(rows))


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The month ``delta`` months away (across year boundaries)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# ------------------------------------------------------------ today, week
def is_open_today(goal: Goal, checkins: Iterable[CheckIn], today: date) -> bool:
    """Whether ``goal`` still asks for a check-in today.

    Only active goals ask. A daily goal is open until today is done or
    skipped; an N-a-week goal also closes once this week's target is met.
    """
    if goal.status is not GoalStatus.ACTIVE:
        return False
    by_day = checkins_by_day(checkins, goal.id)
    if today in by_day:
        return False
    if goal.cadence.per_week is None:
        return True
    counted = {day: c for day, c in by_day.items() if c.on_time}
    return not week_tally(goal, counted, week_start(today), today).met


def open_today(goals: Iterable[Goal], checkins: Sequence[CheckIn], today: date) -> list[Goal]:
    """The active goals still open today, in the order given."""
    return [g for g in goals if is_open_today(g, checkins, today)]


def short_day(day: date) -> str:
    """``Mon 9 Mar`` (English names whatever the locale, like the rest of the app)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]}"


@dataclass(frozen=True)
class WeekSummary:
    """This week across the active goals.

    Attributes:
        start: the Monday.
        done: check-ins marked done this week (up to today).
        skipped: days skipped this week.
        on_track: goals whose target so far is met.
        goals: active goals counted.
    """

    start: date
    done: int
    skipped: int
    on_track: int
    goals: int
    tallies: tuple[tuple[int, WeekTally], ...] = field(default=())

    @property
    def end(self) -> date:
        """The Sunday."""
        return self.start + timedelta(days=6)

    def line(self) -> str:
        """One sentence for the screen, kind whatever the numbers."""
        span = f"{short_day(self.start)} – {short_day(self.end)}"
        if self.goals == 0:
            return f"This week ({span}): no active goals yet."
        checks = f"{plural(self.done, 'check-in', 'check-ins')} done"
        if self.skipped:
            checks += f", {self.skipped} skipped"
        return f"This week ({span}): {checks} · {self.on_track} of {self.goals} goals on track"


def weekly_summary(
    goals: Iterable[Goal], checkins: Sequence[CheckIn], today: date, monday: date | None = None
) -> WeekSummary:
    """Summarise the week of ``monday`` (default: this week) across active goals.

    A goal is on track when its target so far is met, can still be met in the
    days left, or nothing is owed (every day excused or paused).
    """
    start = monday if monday is not None else week_start(today)
    tallies = []
    for goal in goals:
        if goal.status is not GoalStatus.ACTIVE:
            continue
        tallies.append((goal.id, week_tally(goal, counted_by_day(checkins, goal.id), start, today)))
    return WeekSummary(
        start=start,
        done=sum(t.done for _, t in tallies),
        skipped=sum(t.skipped for _, t in tallies),
        on_track=sum(1 for _, t in tallies if t.on_track),
        goals=len(tallies),
        tallies=tuple(tallies),
    )


# ------------------------------------------------------------- check-ins
def correction_problem(day: date, today: date) -> str | None:
    """Why ``day`` can no longer be changed, or None inside the window."""
    if can_correct(day, today):
        return None
    if day > today:
        return "That day has not come yet, so it cannot be recorded."
    return f"Only the last {CORRECTION_DAYS} days can be changed, so that day stays as it is."


def validate_checkin(item: CheckIn, today: date) -> CheckIn:
    """Check a new check-in and return it tidied.

    Raises:
        GoalError: the day is outside the correction window, or a skip has no
            usable reason.
    """
    problem = correction_problem(item.day, today)
    if item.state is CheckState.SKIPPED:
        problem = problem or reason_problem(item.reason)
    if problem:
        raise GoalError(problem)
    return replace(item, reason=clean_text(item.reason))


# ------------------------------------------------------------- confidence
def rate(ratings: Sequence[Rating], day: date, value: int) -> list[Rating]:
    """Record today's confidence; a second rating the same day replaces the first.

    Raises:
        GoalError: the value is outside 1-5.
    """
    problem = rating_problem(value)
    if problem:
        raise GoalError(problem)
    kept = [r for r in ratings if r.day != day]
    return sorted([*kept, Rating(day, value)], key=lambda r: r.day)


def rating_on(ratings: Iterable[Rating], day: date) -> Rating | None:
    """The rating given on ``day``, if any."""
    return next((r for r in ratings if r.day == day), None)


def latest_rating(ratings: Iterable[Rating], today: date) -> Rating | None:
    """The newest rating up to ``today`` (a future-dated one, from a moved clock, waits)."""
    past = [r for r in ratings if r.day <= today]
    return max(past, key=lambda r: r.day) if past else None


def trend(ratings: Iterable[Rating], limit: int = 30) -> list[int]:
    """The values of the last ``limit`` ratings, oldest first (all days kept)."""
    ordered = sorted(ratings, key=lambda r: r.day)
    return [r.value for r in ordered[-limit:]] if limit > 0 else []


# ------------------------------------------------------------- suggestions
def open_suggestions(issues: Iterable[MarkedIssue], goals: Iterable[Goal]) -> list[MarkedIssue]:
    """Marked Step 1 issues whose suggested goal the user does not have yet.

    A goal counts whatever its status (an archived one was a choice), matched
    by the issue it came from or by the same title.
    """
    goals = list(goals)
    sources = {g.source for g in goals if g.source}
    titles = {clean_text(g.title).casefold() for g in goals}
    result = []
    for issue in issues:
        title, _ = suggested_goal(issue)
        if issue.issue_id in sources or clean_text(title).casefold() in titles:
            continue
        result.append(issue)
    return result


def suggestion_goal(issue: MarkedIssue, created: date) -> Goal:
    """The goal adopting ``issue``'s suggestion makes.

    The cadence follows the suggestion's wording: "a week" means once a week,
    anything else daily. A custom issue title longer than a goal title is
    shortened at a word boundary (the full words stay in Step 1).
    """
    title, area = suggested_goal(issue)
    title = clean_text(title)
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rsplit(" ", 1)[0].rstrip() + "…"
    if not title:
        title = "My own goal"
    cadence = Cadence(1) if "a week" in title.casefold() else DAILY
    return Goal(title, area, cadence, created, source=issue.issue_id)


# --------------------------------------------------------------- summary
@dataclass(frozen=True)
class Step2Summary:
    """What the dashboard shows of Step 2.

    Attributes:
        active_goals: how many goals are active.
        open_today: titles of the goals still open today.
        best_current_streak: the longest current streak among active goals.
        best_streak_goal: the title of that goal (``""`` when none).
        best_streak_unit: ``day`` or ``week``.
        latest_confidence: the newest confidence rating, or None.
    """

    active_goals: int
    open_today: tuple[str, ...]
    best_current_streak: int
    best_streak_goal: str
    best_streak_unit: str
    latest_confidence: int | None

    def line(self) -> str:
        """One line for the dashboard."""
        if self.active_goals == 0:
            return "No goals yet: press 2 to choose a first small one."
        parts = [plural(self.active_goals, "active goal", "active goals")]
        if self.open_today:
            parts.append(f"{len(self.open_today)} to check in today")
        else:
            parts.append("all checked in today")
        if self.best_current_streak:
            unit = self.best_streak_unit
            parts.append(f"best streak {plural(self.best_current_streak, unit, unit + 's')}")
        if self.latest_confidence is not None:
            parts.append(f"confidence {self.latest_confidence}/{RATING_MAX}")
        return " · ".join(parts)


def summarise(
    goals: Sequence[Goal], checkins: Sequence[CheckIn], ratings: Sequence[Rating], today: date
) -> Step2Summary:
    """Build the dashboard's summary of Step 2 from the stored data."""
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    # Grouped once: each goal's rules below then scan only its own check-ins,
    # not the whole journal's, twice per goal.
    own: dict[int, list[CheckIn]] = {g.id: [] for g in active}
    for checkin in checkins:
        if checkin.goal_id in own:
            own[checkin.goal_id].append(checkin)
    best, best_title, best_unit = 0, "", "day"
    for goal in active:
        current = current_streak(goal, own[goal.id], today)
        if current > best:
            best, best_title = current, goal.title
            best_unit = "day" if goal.cadence.daily else "week"
    latest = latest_rating(ratings, today)
    return Step2Summary(
        active_goals=len(active),
        open_today=tuple(g.title for g in active if is_open_today(g, own[g.id], today)),
        best_current_streak=best,
        best_streak_goal=best_title,
        best_streak_unit=best_unit,
        latest_confidence=latest.value if latest else None,
    )


# ------------------------------------------------------------ recent keeping
#: How far back the dashboard looks at Step 2's check-ins, in days (today included).
RECENT_DAYS = 14


def recent_keeping(
    goal: Goal, checkins: Iterable[CheckIn], today: date, days: int = RECENT_DAYS
) -> tuple[int, int]:
    """How well ``goal`` kept its cadence lately: ``(kept, owed)``.

    The same rules as :func:`streak`: a daily goal counts each of the last
    ``days`` days (a done day kept, a missed day owed; neutral and open days
    neither); an N-a-week goal counts each week that overlaps them (a met
    week kept, an unmet finished week owed; the week in progress only once
    met). Days before the goal began and late records never count.
    """
    by_day = _counted_by_day(checkins, goal.id, today)
    begin = start_day(goal, by_day)
    first = max(begin, today - timedelta(days=max(days, 1) - 1))
    if goal.cadence.per_week is None:
        outcomes = [_day_outcome(goal, by_day, day, today) for day in days_between(first, today)]
    else:
        this_week = week_start(today)
        outcomes = []
        monday = week_start(first)
        while monday <= this_week:
            outcomes.append(_week_outcome(_tally(goal, by_day, monday, today, begin), this_week))
            monday += timedelta(days=7)
    kept = sum(1 for o in outcomes if o is True)
    return kept, kept + sum(1 for o in outcomes if o is False)


def days_between(first: date, last: date) -> list[date]:
    """:func:`days` as a list (empty when ``first`` is after ``last``)."""
    return list(days(first, last))
