"""A ``TextArea`` that repaints only the rows an edit or a cursor move changed.

Textual's stock ``TextArea`` repaints its whole region on every keystroke: its
``selection`` reactive is declared with ``repaint=True``, so every cursor move (and
every typed character moves the cursor) marks the entire widget dirty, and the
compositor sends every row of it to the terminal (about 5.4 KB per typed character
at 80×24 in truecolour). Over a slow SSH link that is felt on every key.

:class:`FrugalTextArea` keeps everything the stock widget does, rendering included,
and changes only *what is marked dirty*:

- a cursor move or selection change repaints the rows that showed the old cursor
  line, selection and matching bracket, and the rows that show the new ones;
- an edit repaints the wrapped rows of the lines it touched, plus the above; when
  the number of wrapped rows changes, everything from the first touched row down;
- anything else (undo/redo, loading a document, re-wrapping after a resize, a
  scroll, a theme or focus change) keeps the stock full repaint.

Textual's compositor writes whole rows of the dirty regions, so one typed character
costs about one row (roughly 260 bytes at 80 columns in truecolour).

What is drawn is never decided here: ``render_line`` is the stock one. A row that is
not repainted keeps what the terminal already shows, so the only rule to get right
is which rows can have changed; the tests compare the screen with a stock
``TextArea`` after random edit sequences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from textual.geometry import Region
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Selection

__all__ = ["FrugalTextArea"]


@dataclass(frozen=True)
class _Marks:
    """Where the cursor, the selection and a matching bracket are drawn.

    All rows are absolute wrapped rows (y offsets in the wrapped document).
    """

    cursor_line: int = -1
    cursor_row: int = -1
    # Every row of the cursor's line: the cursor-line highlight spans them all.
    cursor_line_rows: frozenset[int] = frozenset()
    # Rows of the lines a selection spans, and the rows of a matching bracket.
    other_rows: frozenset[int] = frozenset()

    def changed_rows(self, new: _Marks) -> set[int]:
        """The rows that look different when the marks move from ``self`` to ``new``."""
        rows = {self.cursor_row, new.cursor_row} | self.other_rows | new.other_rows
        if (self.cursor_line, self.cursor_line_rows) != (new.cursor_line, new.cursor_line_rows):
            rows |= self.cursor_line_rows | new.cursor_line_rows
        return rows


class FrugalTextArea(TextArea):
    """A drop-in ``TextArea`` (same constructor, same look) that repaints frugally."""

    # The stock declaration repaints the whole widget on every change; the watcher
    # below repaints the rows that changed instead. Same name, so the same storage.
    selection: Reactive[Selection] = reactive(
        Selection(), init=False, always_update=True, repaint=False
    )

    # Set while an edit runs: the edit repaints once it knows the rows it touched.
    _frugal_editing: bool = False
    # What the terminal shows now (as far as this widget's repaints go).
    _frugal_marks: _Marks = _Marks()

    # ----------------------------------------------------------- cursor moves
    def render_line(self, y: int) -> Strip:
        """The stock line with neighbouring same-style segments joined.

        The stock line ends in a separate padding segment styled like the text
        before it; joined, the terminal gets one colour code instead of two for
        every repainted row (about 30 bytes a keystroke in truecolour).
        """
        return super().render_line(y).simplify()

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        super()._watch_selection(previous_selection, selection)
        if not self.is_mounted or self._frugal_editing:
            return
        old = self._frugal_marks
        self._frugal_refresh_rows(old.changed_rows(self._frugal_mark()))

    # ----------------------------------------------------------------- edits
    def edit(self, edit: Edit) -> EditResult:
        """Perform an edit, then repaint only the rows it changed (see the module doc).

        Args:
            edit: the edit to perform.

        Returns:
            The stock widget's result.
        """
        if not self.is_mounted or self._frugal_editing:
            return super().edit(edit)
        wrapped = self.wrapped_document
        top_line, bottom_line = edit.top[0], edit.bottom[0]
        height_before = wrapped.height
        gutter_before = self.gutter_width
        was_empty = not self.text
        first_row = self._frugal_first_row(top_line)
        last_row_before = self._frugal_last_row(bottom_line)
        sections_before = self._frugal_sections(top_line) if top_line == bottom_line else None
        old_marks = self._frugal_marks
        self._frugal_editing = True
        try:
            result = super().edit(edit)
        finally:
            self._frugal_editing = False
        rows = old_marks.changed_rows(self._frugal_mark())
        if gutter_before != self.gutter_width or was_empty != (not self.text):
            # A wider line-number gutter re-wraps everything; an empty text shows
            # the placeholder instead of lines.
            self.refresh()
            return result
        end_line = result.end_location[0]
        if wrapped.height != height_before:
            # Rows moved up or down: everything from the edit down changed.
            bottom = self.scroll_offset.y + self.size.height
            rows.update(range(first_row, max(wrapped.height, height_before, bottom) + 1))
        elif sections_before is not None and end_line == top_line:
            rows |= self._frugal_rewrapped_rows(top_line, first_row, sections_before)
        else:
            last_row = max(last_row_before, self._frugal_last_row(end_line))
            rows.update(range(first_row, last_row + 1))
        self._frugal_refresh_rows(rows)
        return result

    def _undo_batch(self, edits: Sequence[Edit]) -> None:
        self._frugal_whole(super()._undo_batch, edits)

    def _redo_batch(self, edits: Sequence[Edit]) -> None:
        self._frugal_whole(super()._redo_batch, edits)

    def _rewrap_and_refresh_virtual_size(self) -> None:
        # A new document, a resize, a new wrap width or tab width: rows may all move.
        super()._rewrap_and_refresh_virtual_size()
        if self.is_mounted:
            self._frugal_mark()
            self.refresh()

    # --------------------------------------------------------------- helpers
    def _frugal_whole(
        self, action: Callable[[Sequence[Edit]], None], edits: Sequence[Edit]
    ) -> None:
        """Run a batch edit (undo/redo) with the stock full repaint."""
        self._frugal_editing = True
        try:
            action(edits)
        finally:
            self._frugal_editing = False
        if self.is_mounted:
            self._frugal_mark()
            self.refresh()

    def _frugal_sections(self, line_index: int) -> list[str] | None:
        """The text of each wrapped row of a line (None for a line that does not exist)."""
        if not 0 <= line_index < self.document.line_count:
            return None
        return self.wrapped_document.get_sections(line_index)

    def _frugal_rewrapped_rows(self, line: int, first_row: int, before: list[str]) -> set[int]:
        """The rows of a line, edited in place, whose text changed.

        A re-wrap can move words to rows before or after the edit, so every row is
        compared. A tab's width depends on the text before it on the whole line, so
        with a tab every row counts as changed.
        """
        after = self._frugal_sections(line) or []
        if len(after) != len(before) or any("\t" in text for text in (*before, *after)):
            return set(range(first_row, first_row + max(len(after), len(before))))
        return {
            first_row + index
            for index, (old, new) in enumerate(zip(before, after, strict=True))
            if old != new
        }

    def _frugal_first_row(self, line_index: int) -> int:
        """The first wrapped row of a document line."""
        line_index = max(0, min(line_index, self.document.line_count - 1))
        return self.wrapped_document.location_to_offset((line_index, 0)).y

    def _frugal_last_row(self, line_index: int) -> int:
        """The last wrapped row of a document line."""
        line_index = max(0, min(line_index, self.document.line_count - 1))
        sections = len(self.wrapped_document.get_offsets(line_index)) + 1
        return self._frugal_first_row(line_index) + sections - 1

    def _frugal_line_rows(self, lines: Iterable[int]) -> frozenset[int]:
        """Every wrapped row of the given document lines (those that exist)."""
        line_count = self.document.line_count
        rows: set[int] = set()
        for line in lines:
            if 0 <= line < line_count:
                rows.update(range(self._frugal_first_row(line), self._frugal_last_row(line) + 1))
        return frozenset(rows)

    def _frugal_mark(self) -> _Marks:
        """Record (and return) where the cursor, selection and bracket are now drawn."""
        start, end = self.selection
        other_lines: set[int] = set()
        if start != end:
            top, bottom = sorted((start[0], end[0]))
            other_lines.update(range(top, bottom + 1))
        bracket = self._matching_bracket_location
        if bracket is not None:
            other_lines.add(bracket[0])
        cursor_line = max(0, min(end[0], self.document.line_count - 1))
        self._frugal_marks = _Marks(
            cursor_line=cursor_line,
            cursor_row=self.wrapped_document.location_to_offset(end).y,
            cursor_line_rows=self._frugal_line_rows([cursor_line]),
            other_rows=self._frugal_line_rows(other_lines),
        )
        return self._frugal_marks

    def _frugal_refresh_rows(self, rows: Iterable[int]) -> None:
        """Repaint the visible ones of ``rows`` (absolute wrapped rows), in runs."""
        scroll_y = self.scroll_offset.y
        height = self.size.height
        visible = sorted({row - scroll_y for row in rows if 0 <= row - scroll_y < height})
        if not visible:
            return
        width = max(self.virtual_size.width, self.size.width)
        regions: list[Region] = []
        run_start = previous = visible[0]
        for y in visible[1:]:
            if y != previous + 1:
                regions.append(Region(0, run_start, width, previous - run_start + 1))
                run_start = y
            previous = y
        regions.append(Region(0, run_start, width, previous - run_start + 1))
        self.refresh(*regions)
