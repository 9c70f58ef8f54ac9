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

Where each part lives:

- :mod:`~winback_tui.domain.goals.model`: the five areas, the goal, its cadence,
  pauses and check-ins, and the status changes.
- :mod:`~winback_tui.domain.goals.dates`: weeks from Monday, day ranges, day names.
- :mod:`~winback_tui.domain.goals.validation`: the user's input tidied or refused,
  and the correction window of check-ins.
- :mod:`~winback_tui.domain.goals.streaks`: day states, streaks, week tallies and
  recent keeping, by the rules above.
- :mod:`~winback_tui.domain.goals.grid`: one goal's month grid.
- :mod:`~winback_tui.domain.goals.week`: today's open goals and the week's summary.
- :mod:`~winback_tui.domain.goals.confidence`: the confidence ratings.
- :mod:`~winback_tui.domain.goals.suggestions`: Step 1's issues as goals to adopt.
- :mod:`~winback_tui.domain.goals.summary`: the dashboard's line about Step 2.

Every public name is importable from this package as well.
"""

from __future__ import annotations

# Each module's __all__ names what it gives this package (as asyncio's modules do).
from winback_tui.domain.goals.confidence import *  # noqa: F403
from winback_tui.domain.goals.dates import *  # noqa: F403
from winback_tui.domain.goals.grid import *  # noqa: F403
from winback_tui.domain.goals.model import *  # noqa: F403
from winback_tui.domain.goals.streaks import *  # noqa: F403
from winback_tui.domain.goals.suggestions import *  # noqa: F403
from winback_tui.domain.goals.summary import *  # noqa: F403
from winback_tui.domain.goals.validation import *  # noqa: F403
from winback_tui.domain.goals.week import *  # noqa: F403
