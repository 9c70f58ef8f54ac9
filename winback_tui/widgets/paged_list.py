"""A keyboard list over a long sequence of rows that holds only a window of them.

Textual's ``OptionList`` builds, measures and keeps an ``Option`` for every row
it holds: for ten years of writing (150,000 rows) that is seconds of work and
hundreds of megabytes before the first row shows. :class:`PagedList` holds a
window of rows around the cursor (a few screens' worth), made on demand by a
function the owner gives, and moves the window as the cursor nears its edge,
keeping the cursor's row where it was on screen. The keys work as on a list
that held every row: arrows and ``j`` / ``k`` move (and wrap from the last row
to the first, and back), page keys move a screen, ``home`` / ``end`` reach the
very first and last rows, ``enter`` chooses.

Rows are numbered over the whole sequence (:attr:`position`); an option's
index inside the window is never shown to the owner, whose
``OptionSelected`` handler reads :attr:`position` (or :meth:`row_of`).

A new sequence (a search as it is typed, a filter) starts with fewer rows:
those on screen, then (once they are drawn) a margin past them, not a whole
window. Most searches are read at the top, or replaced by the next key; the
window fills up to its size when the cursor first nears the end of what is
held.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from textual import events
from textual.widgets.option_list import Option

from winback_tui.widgets.key_list import KeyList

#: Rows held at least, and the least distance kept between the cursor and the
#: window's edge (both grow with the list's height, see :meth:`PagedList._sizes`).
WINDOW_ROWS = 160
EDGE_ROWS = 40


class PagedList(KeyList):
    """A :class:`KeyList` showing rows ``0 .. count - 1`` of a sequence, a window at a time."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._count = 0
        self._make: Callable[[int], Option] = lambda _row: Option("")
        self._first = 0  # the sequence's row held as option 0
        self._moving = False
        #: How many rows the window holds when full now (less after show_rows).
        self._wanted = WINDOW_ROWS
        #: How many sequences show_rows has shown (a late margin is for the last).
        self._shown = 0

    # ------------------------------------------------------------ the sequence
    @property
    def row_count(self) -> int:
        """How many rows the whole sequence has."""
        return self._count

    @property
    def window_start(self) -> int:
        """The row of the sequence held as the window's first option."""
        return self._first

    @property
    def position(self) -> int | None:
        """The sequence's row under the cursor, or None."""
        highlighted = self.highlighted
        return None if highlighted is None else self._first + highlighted

    def row_of(self, option_index: int) -> int:
        """The sequence's row of an option index (as an ``OptionSelected`` gives it)."""
        return self._first + option_index

    def show_rows(self, count: int, make: Callable[[int], Option], at: int | None = 0) -> None:
        """Show a new sequence of ``count`` rows, row ``i`` being ``make(i)``.

        Args:
            count: how many rows.
            make: builds one row's option (called only for rows in the window).
            at: the row to put the cursor on (the first enabled one from
                there), or None for no cursor.
        """
        self._count = count
        self._make = make
        self._shown += 1
        target = 0 if at is None else min(max(at, 0), max(count - 1, 0))
        first = self._start_for(target)
        window, edge = self._sizes()
        height = self.scrollable_content_region.height or self.app.size.height
        # First the rows up to the cursor and a screen past it, what a person
        # sees; the least margin kept before the window moves follows once
        # they are drawn (a search answers each key: its rows come first).
        wanted = min(window, target - first + height + edge + 1)
        self._load_window(first, min(wanted, target - first + height + 1))
        if at is None or not count:
            self.highlighted = None
        else:
            with self._quiet_cursor():  # the margin is on its way: no filling here
                self._move_to(target, direction=1)
        if len(self.options) < wanted and self._first + len(self.options) < count:
            self.call_after_refresh(self._margin, self._shown, wanted)

    def _margin(self, shown: int, wanted: int) -> None:
        """After the first rows of sequence ``shown`` are drawn: hold ``wanted`` rows."""
        if shown == self._shown and len(self.options) < wanted:
            self._fill(wanted)

    def grow_rows(self, count: int, make: Callable[[int], Option]) -> None:
        """The same rows, and more after them: keep the window, the cursor and the scroll.

        For a sequence that was shown in part first (the first matches of a
        search) and is now known in full.
        """
        if count < self._first + len(self.options):
            self.show_rows(count, make, self.position)  # fewer after all: start again
            return
        self._count = count
        self._make = make
        # The rows held stay as they are (nothing to make or measure again);
        # the window only fills up to its size with the rows that follow.
        self._fill(self._wanted)

    def _fill(self, size: int) -> None:
        """Hold up to ``size`` rows from the window's first: add the rows after those held."""
        self._wanted = size
        held = len(self.options)
        last = min(self._count, self._first + size)
        if self._first + held < last:
            make = self._make
            self.add_options([make(row) for row in range(self._first + held, last)])

    # ------------------------------------------------------------------ window
    def _sizes(self) -> tuple[int, int]:
        # The list's own height once laid out; the terminal's before that.
        height = self.scrollable_content_region.height or self.app.size.height
        edge = max(EDGE_ROWS, 2 * height)
        return max(WINDOW_ROWS, 3 * edge), edge

    def _start_for(self, row: int) -> int:
        window, _edge = self._sizes()
        return max(0, min(row - window // 2, self._count - window))

    def _load_window(self, first: int, size: int | None = None) -> None:
        """Hold rows from ``first`` on: ``size`` of them (None: a whole window)."""
        window, _edge = self._sizes()
        self._wanted = window if size is None else size
        last = min(self._count, first + self._wanted)
        self._first = first
        self._moving = True
        try:
            self.set_options([self._make(row) for row in range(first, last)])
        finally:
            self._moving = False

    @contextlib.contextmanager
    def _quiet_cursor(self) -> Iterator[None]:
        """Move the cursor without this list's window checks, then let the list follow it."""
        self._moving = True
        try:
            yield
        finally:
            self._moving = False
        super().watch_highlighted(self.highlighted)

    def _recentre(self, row: int) -> None:
        """Hold a window around ``row`` and put the cursor on it, at the same screen row."""
        highlighted = self.highlighted
        screen_row = None
        if highlighted is not None:
            lines = self._index_to_line
            if highlighted in lines:
                screen_row = lines[highlighted] - round(self.scroll_y)
        self._load_window(self._start_for(row))
        with self._quiet_cursor():
            self.highlighted = row - self._first
        if screen_row is not None and self.highlighted is not None:
            line = self._index_to_line.get(self.highlighted)
            if line is not None:
                self.scroll_to(y=max(0, line - screen_row), animate=False, immediate=True)

    def _move_to(self, row: int, *, direction: int) -> None:
        """Put the cursor on the first enabled row from ``row`` on (in ``direction``)."""
        if not self._count:
            return
        first = self._first
        last = first + len(self.options)
        if not first <= row < last:
            self._recentre(row)
            first = self._first
        index = row - first
        step = 1 if direction >= 0 else -1
        while 0 <= index < len(self.options) and self.options[index].disabled:
            index += step
        if 0 <= index < len(self.options):
            self.highlighted = index

    def on_resize(self, event: events.Resize) -> None:
        # Taller now: the first rows of a new sequence may no longer fill it.
        window, _edge = self._sizes()
        if len(self.options) < window:
            self._fill(window)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if self._moving:
            return
        super().watch_highlighted(highlighted)
        if highlighted is None:
            return
        window, edge = self._sizes()
        row = self._first + highlighted
        near_top = highlighted < edge and self._first > 0
        near_end = len(self.options) - highlighted <= edge and self._first + len(self.options) < (
            self._count
        )
        if near_end and len(self.options) < window:
            # A new sequence's first rows: fill the window where it is (the
            # rows held stay, and so do the cursor and the scroll).
            self._fill(window)
            near_end = len(self.options) - highlighted <= edge and (
                self._first + len(self.options) < self._count
            )
        if near_top or near_end:
            self._recentre(row)

    # ----------------------------------------------------------------- actions
    def _at_sequence_end(self, direction: int) -> bool:
        """Whether the cursor is on the last (or first) enabled row of the whole sequence."""
        highlighted = self.highlighted
        if highlighted is None:
            return False
        options = self.options
        if direction > 0:
            if self._first + len(options) < self._count:
                return False
            return all(option.disabled for option in options[highlighted + 1 :])
        if self._first > 0:
            return False
        return all(option.disabled for option in options[:highlighted])

    def action_cursor_down(self) -> None:
        """Down one row; from the very last row, to the very first (as a full list wraps)."""
        if self._at_sequence_end(1) and self._first > 0:
            self.action_first()
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up one row; from the very first row, to the very last."""
        if self._at_sequence_end(-1) and self._first + len(self.options) < self._count:
            self.action_last()
        else:
            super().action_cursor_up()

    def action_first(self) -> None:
        """To the sequence's first row (``home``)."""
        if self._first > 0:
            self._recentre(0)
        super().action_first()

    def action_last(self) -> None:
        """To the sequence's last row (``end``)."""
        if self._first + len(self.options) < self._count:
            self._recentre(self._count - 1)
        super().action_last()
