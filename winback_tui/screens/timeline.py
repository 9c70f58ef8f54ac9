"""The timeline: everything the user wrote or logged, newest first, with search.

Keys: ``f`` cycles the step filter, ``t`` the kind filter, ``/`` searches
(accents and case ignored; results update as you type), ``o`` shows what was
written on this day a month and a year ago, ``enter`` opens an item to read.
The journal is read on a worker thread; the list holds only a window of rows
around the cursor (:class:`~winback_tui.widgets.paged_list.PagedList`), yet
every item is reachable with the keys. Search is folded once, after the first
page shows, into a compact index of the items holding each word; a key's
search then finds and counts every match in milliseconds, so ten years of
writing neither freezes the screen nor makes typing wait.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Document, Selection
from textual.worker import get_current_worker

from winback_tui.domain.search import (
    Span,
    own_snippet,
    own_spans,
    terms,
    text_spans,
)
from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import (
    KIND_LABELS,
    Kind,
    TimelineItem,
    filtered,
    local_day,
    on_this_day,
)
from winback_tui.screens.base import WinbackModal, WinbackScreen
from winback_tui.store import Journal, JournalError
from winback_tui.store.search_file import index_for
from winback_tui.store.timeline import packed_items
from winback_tui.store.timeline_page import newest_page
from winback_tui.widgets.header import winback_header
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.paged_list import WINDOW_ROWS, PagedList
from winback_tui.widgets.status_line import StatusLine

#: Search results held at most at once (each has a snippet to cut and
#: highlight): the list holds a window of rows around the cursor (a new search
#: only its first screens' worth) and makes the others as it moves, so every
#: one of ten years' items is reachable.
MAX_SEARCH_ROWS = WINDOW_ROWS
#: Seconds the search waits for more keys: enough to take keys that arrive
#: together as one word (one read: they are handled within a millisecond;
#: over SSH a burst arrives in one packet), short beside the time a person
#: takes for a key. A search is a few milliseconds, so one that a key a little
#: later makes needless costs little.
SEARCH_DELAY = 0.01
#: The longest the rest of the timeline waits for the newest page to be drawn, in seconds.
PAGE_DRAW_WAIT = 0.5
#: Characters of a long text scanned for the snippet of a search row.
SNIPPET_SCAN = 50_000
SNIPPET_WIDTH = 64
#: Characters of a row's text kept before the list cuts it to the screen's width.
ROW_CHARS = 160

STEP_FILTERS: tuple[int | None, ...] = (None, 1, 2, 3, 4)

#: Short kind names for the list's kind column (10 characters at most).
ROW_KINDS: dict[Kind, str] = {
    Kind.REFLECTION: "reflection",
    Kind.REFLECTION_VERSION: "reflection",
    Kind.JOURNAL_ENTRY: "journal",
    Kind.JOURNAL_ENTRY_VERSION: "journal",
    Kind.OPENNESS_CHECK: "openness",
    Kind.GOAL: "goal",
    Kind.CHECK_IN: "check-in",
    Kind.CONFIDENCE: "confidence",
    Kind.MINDSET: "mindset",
    Kind.DRAFT: "draft",
    Kind.DRAFT_VERSION: "draft",
    Kind.CONTACT: "contact",
    Kind.BOUNDARY: "boundary",
    Kind.URGE: "urge",
    Kind.DAILY: "check-in",
    Kind.ISSUE: "my part",
}

MATCH_STYLE = "bold underline"


def highlighted(text: str, spans: Sequence[Span]) -> Text:
    """``text`` with each span in bold underline and wrapped in « », readable without colour."""
    out = Text()
    position = 0
    for start, end in spans:
        out.append(text[position:start])
        out.append("«")
        out.append(text[start:end], style=MATCH_STYLE)
        out.append("»")
        position = end
    out.append(text[position:])
    return out


def _step_mark(step: int | None) -> str:
    return f"S{step}" if step is not None else "  "


def _row_head(item: TimelineItem) -> Text:
    return Text(
        f"{local_day(item):%Y-%m-%d}  {ROW_KINDS[item.kind]:<10}  {_step_mark(item.step)}  ",
    )


def plain_row(item: TimelineItem) -> Text:
    """One list row: date, kind, step, title and first line."""
    row = _row_head(item)
    first = item.first_line
    words = item.title if not first or first == item.title else f"{item.title}: {first}"
    # Longer than any terminal row: measuring a long line is what makes a list slow.
    row.append(words[:ROW_CHARS])
    row.no_wrap = True
    row.overflow = "ellipsis"
    return row


def search_row(item: TimelineItem, words: Sequence[str]) -> Text:
    """A search result: the row with the title's matches, and a snippet of the text."""
    row = _row_head(item)
    title = item.title[:ROW_CHARS]
    # Only the user's own words are matched and marked, never winback's labels.
    row.append_text(highlighted(title, own_spans(title, item.own_title, words)))
    text = item.text
    # Cut and marked around the first match only (the same piece and marks
    # as cutting the text's every match, for a fraction of the work).
    piece = own_snippet(text[:SNIPPET_SCAN], item.text_spans, words, SNIPPET_WIDTH)
    if piece.spans or text != item.title:
        row.append("\n    ")
        row.append_text(highlighted(piece.text, piece.spans))
    row.no_wrap = True
    row.overflow = "ellipsis"
    return row


class SearchBox(Input):
    """The search field: escape leaves it and keeps what was typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave search (keeps it)", id="search.leave"),
    ]

    class Left(Message):
        """The user left the search field."""

    def action_leave(self) -> None:
        """Leave the field, keeping the query and its results."""
        self.post_message(self.Left())


def when_written(item: TimelineItem) -> str:
    """The day an item was written, with the time only when one is known.

    A record kept by day (a check-in, a goal, a rating) stands at noon for
    sorting; that noon is never shown as when it was written.
    """
    local = item.at.astimezone()
    return f"{local:%A %d %B %Y, %H:%M}" if item.timed else f"{local:%A %d %B %Y}"


class ReaderScreen(WinbackModal):
    """One timeline item, read-only, with the first search match selected."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="reader.close"),
    ]

    def __init__(self, item: TimelineItem, words: Sequence[str] = ()) -> None:
        super().__init__()
        self.item = item
        self.words = tuple(words)

    def compose(self) -> ComposeResult:
        item = self.item
        step = f" · step {item.step}" if item.step is not None else ""
        meta = f"{when_written(item)} · {KIND_LABELS[item.kind]}{step}"
        spans = text_spans(item, self.words) if self.words else []
        if spans:
            count = len(spans)
            meta += f" · {count} match{'es' if count != 1 else ''}, the first selected"
        self._spans = spans
        yield from self.compose_notice()
        with Vertical(id="body", classes="dialog reader"):
            yield Static(item.title, classes="heading", markup=False)
            yield Static(meta, id="reader-meta", classes="meta", markup=False)
            yield TextArea(item.text, read_only=True, soft_wrap=True, id="reader-text")
            yield Static("Read-only · arrows and page keys scroll · escape closes", classes="meta")

    def on_mount(self) -> None:
        area = self.query_one("#reader-text", TextArea)
        area.focus()
        if self._spans:
            start, end = self._spans[0]
            document = area.document
            if not isinstance(document, Document):
                return
            area.selection = Selection(
                document.get_location_from_index(start), document.get_location_from_index(end)
            )
            area.scroll_cursor_visible(center=True)

    def action_close(self) -> None:
        """Close the reader."""
        self.dismiss(None)


class TimelineScreen(WinbackScreen):
    """Everything written or logged, newest first (``l`` on the dashboard)."""

    FOCUS_ACTIONS: ClassVar[frozenset[str]] = frozenset({"search"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", key_display="/", priority=True, id="timeline.search"),
        Binding("f", "cycle_step(1)", "Step", id="timeline.step_filter"),
        Binding(
            "F", "cycle_step(-1)", "Step filter back", show=False, id="timeline.step_filter_back"
        ),
        Binding("t", "cycle_kind(1)", "Kind", id="timeline.kind_filter"),
        Binding(
            "T", "cycle_kind(-1)", "Kind filter back", show=False, id="timeline.kind_filter_back"
        ),
        Binding("o", "on_this_day", "On this day", id="timeline.on_this_day"),
        Binding("x", "clear", "Clear filters", show=False, id="timeline.clear_filters"),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal)
        self.title = "winback · Look back"
        #: The timeline shown: the newest page (a list), then everything, packed.
        self.items: Sequence[TimelineItem] = []
        self.index: SearchIndex | None = None
        self.step_filter: int | None = None
        self.kind_filter: Kind | None = None
        self.query_text = ""
        self.showing_on_this_day = False
        self.loaded = False
        #: Whether :attr:`items` is everything, not only the newest page.
        self.complete = False
        self._rows: Sequence[TimelineItem | None] = []
        self._matches = 0
        self._search_timer: Timer | None = None
        self._back_counts = (0, 0)
        self._kinds: list[Kind] = []
        #: Set once the newest page is on the screen (see :meth:`_load`).
        self._page_drawn: threading.Event | None = None

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield winback_header()
        yield from self.compose_notice()
        with Vertical(id="body"):
            yield StatusLine("Reading your journal…", id="timeline-status", classes="heading")
            yield SearchBox(
                placeholder="/ to search · accents and case do not matter",
                id="timeline-search",
            )
            yield PagedList(id="timeline-list")
            yield StatusLine(id="timeline-help", classes="meta")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#timeline-list", PagedList).focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Re-read when the screen comes back after other screens wrote (or the
        # day turned); not after the reader, help or a second resume of the
        # same showing, which would read years of writing again for nothing.
        if self.moved_on():
            self._load()

    # --------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="timeline-load")
    def _load(self) -> None:
        worker = get_current_worker()
        earlier = self.index  # what the last load folded, to fold only what changed
        try:
            if not self.loaded:
                # The newest page first, from the few chunks that hold it: the
                # list shows while the rest of ten years is read.
                page = newest_page(self.journal, WINDOW_ROWS)
                if page is not None and not worker.is_cancelled:
                    drawn = self._page_drawn = threading.Event()
                    self.app.call_from_thread(self._page_shown, page, drawn)
                    # Reading the rest would take the interpreter from the
                    # screen's thread turn by turn, so the page waits until it
                    # is drawn (a bounded wait: the rest is read regardless).
                    drawn.wait(PAGE_DRAW_WAIT)
            # Packed: ten years of items in a few megabytes, made when shown.
            items = packed_items(self.journal)
        except JournalError as exc:
            # The file changed on disk under this copy (or cannot be read any
            # more): say so plainly instead of failing the worker.
            self.app.call_from_thread(self._load_failed, exc.message)
            return
        today = self.journal.now().astimezone().date()
        # Counted here, off the screen's thread: the hint under the list shows them.
        found = on_this_day(items, today)
        counts = (len(found.month_items), len(found.year_items))
        present = items.kinds()  # from the packed column: no item is made
        kinds = [kind for kind in KIND_LABELS if kind in present]
        if worker.is_cancelled:
            return  # a newer read is under way
        self.app.call_from_thread(self._loaded, items, today, counts, kinds)
        # The first page is up: now the search index, from this run's last one
        # or the one saved beside the journal, folding only what they do not
        # hold (ten years of writing take seconds to fold, the first time).
        index = index_for(self.journal, items, earlier)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._indexed, items, index)

    def _page_shown(self, page: list[TimelineItem], drawn: threading.Event) -> None:
        self.call_after_refresh(drawn.set)
        if self.loaded:
            return  # everything arrived first
        self.items = page
        self.today = self.journal.now().astimezone().date()
        self.loaded = True
        self._kinds = [kind for kind in KIND_LABELS if any(item.kind is kind for item in page)]
        self.refresh_rows()

    def _loaded(
        self,
        items: Sequence[TimelineItem],
        today: date,
        counts: tuple[int, int],
        kinds: list[Kind],
    ) -> None:
        # After the newest page, the same rows come first: the list grows and
        # the cursor stays where the user took it.
        grow = self.loaded and not self.complete and not self._searching()
        self.items = items
        # The earlier index holds the earlier items: search waits for the new one.
        self.index = None
        self.today = today
        self.loaded = True
        self.complete = True
        self._back_counts = counts
        self._kinds = kinds
        if self.kind_filter is not None and self.kind_filter not in kinds:
            self.kind_filter = None
        listing = self.query_one("#timeline-list", PagedList)
        rows = self._base()
        shown = self._rows
        if grow and listing.position is not None and rows[: len(shown)] == list(shown):
            self._rows = rows
            self._matches = len(rows)
            listing.grow_rows(len(rows), self._row_maker(rows, ()))
            self._update_status()
        else:
            self.refresh_rows()

    def _searching(self) -> bool:
        return self.showing_on_this_day or bool(terms(self.query_text))

    def _indexed(self, items: Sequence[TimelineItem], index: SearchIndex) -> None:
        if items is not self.items:
            return  # a newer read has replaced these items
        self.index = index
        if terms(self.query_text):
            self.refresh_rows()  # the search typed while it was being prepared

    def _load_failed(self, message: str) -> None:
        self.query_one("#timeline-status", StatusLine).set_text(
            "The journal could not be read; nothing was changed."
        )
        self.notify(
            f"{message}. Nothing you saved was changed; quit winback and open it again.",
            title="Cannot read the journal",
            severity="error",
            timeout=15,
        )

    def _kinds_present(self) -> list[Kind]:
        return self._kinds

    # ----------------------------------------------------------------- rows
    def _base(self) -> Sequence[TimelineItem]:
        if self.step_filter is None and self.kind_filter is None:
            return self.items
        return filtered(self.items, step=self.step_filter, kind=self.kind_filter)

    def refresh_rows(self) -> None:
        """Show the items again after a change of filters, search or view, cursor on the first."""
        if not self.loaded:
            return
        listing = self.query_one("#timeline-list", PagedList)
        words = terms(self.query_text)
        rows: Sequence[TimelineItem | None]
        make: Callable[[int], Option]
        if self.showing_on_this_day:
            options: list[Option] = []
            day_rows: list[TimelineItem | None] = []
            found = on_this_day(self._base(), self.today)
            for heading, day, group in (
                ("A month ago", found.month_ago, found.month_items),
                ("A year ago", found.year_ago, found.year_items),
            ):
                options.append(
                    Option(Text(f"{heading}, {day:%A %d %B %Y}", style="bold"), disabled=True)
                )
                day_rows.append(None)
                if not group:
                    options.append(Option("  Nothing written that day.", disabled=True))
                    day_rows.append(None)
                for item in group:
                    options.append(Option(plain_row(item)))
                    day_rows.append(item)
            total = len(found.month_items) + len(found.year_items)
            rows, make = day_rows, options.__getitem__
        else:
            matched: Sequence[TimelineItem]
            if words and self.index is None:
                # Typed before the search was ready: it runs when it is (_indexed).
                matched = []
            elif words and self.index is not None:
                # Every match, counted, in milliseconds (the index holds the
                # items of each word): one answer, drawn once, for each key.
                matched = self.index.search(self.query_text)
                if self.step_filter is not None or self.kind_filter is not None:
                    matched = filtered(matched, step=self.step_filter, kind=self.kind_filter)
            else:
                matched = self._base()
            total = len(matched)
            if matched:
                rows, make = matched, self._row_maker(matched, words)
            else:
                empty = (
                    "Getting search ready: a moment (the first time, it reads all you wrote)."
                    if words and self.index is None
                    else "Looking further back…"
                    if not self.complete
                    else "Nothing matches. Try fewer letters, or press x to clear the filters."
                    if words or self.step_filter or self.kind_filter
                    else "Nothing here yet. What you write and log in winback will show up here."
                )
                rows, make = [None], lambda _row: Option(empty, disabled=True)
        self._rows = rows
        self._matches = total
        listing.show_rows(len(rows), make)
        self._update_status()

    @staticmethod
    def _row_maker(items: Sequence[TimelineItem], words: Sequence[str]) -> Callable[[int], Option]:
        """Make row ``i`` of ``items`` on demand: a search result, or a plain row."""
        if words:
            return lambda row: Option(search_row(items[row], words))
        return lambda row: Option(plain_row(items[row]))

    def current_item(self) -> TimelineItem | None:
        """The item under the cursor, or None (a heading, a note, nothing loaded)."""
        position = self.query_one("#timeline-list", PagedList).position
        if position is None or not 0 <= position < len(self._rows):
            return None
        return self._rows[position]

    def _update_status(self) -> None:
        step = "all steps" if self.step_filter is None else f"step {self.step_filter}"
        kind = "all kinds" if self.kind_filter is None else KIND_LABELS[self.kind_filter]
        count = self._matches
        noun = "item" if count == 1 else "items"
        if self.showing_on_this_day:
            view = f"On this day · {count} {noun}"
        elif terms(self.query_text) and self.index is None:
            view = "Getting search ready…"
        elif terms(self.query_text):
            view = f"{count:,} {'match' if count == 1 else 'matches'}"
        elif self.complete:
            view = f"Timeline · {count:,} {noun}"
        else:
            view = f"Timeline · newest {count:,} · reading the rest…"
        self.query_one("#timeline-status", StatusLine).set_text(f"{view} · {step} · {kind}")
        month, year = self._back_counts
        back = (
            "o: back to the timeline"
            if self.showing_on_this_day
            else f"o: on this day, {month} from a month ago, {year} from a year ago"
            if self.complete
            else "o: on this day, once all is read"
        )
        self.query_one("#timeline-help", StatusLine).set_text(f"enter: read · {back}")

    # ---------------------------------------------------------------- search
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "timeline-search":
            return
        # Hardly a wait for calm typing: the search answers each key, but keys
        # that arrive together (a paste, a quick typist over SSH) make one.
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _run_search(self) -> None:
        self._search_timer = None
        value = self.query_one("#timeline-search", SearchBox).value
        if value != self.query_text:
            self.query_text = value
            self.showing_on_this_day = False
            self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "timeline-search":
            self._run_search()
            self.set_focus(self.query_one("#timeline-list", PagedList))

    def on_search_box_left(self, event: SearchBox.Left) -> None:
        self._run_search()
        self.set_focus(self.query_one("#timeline-list", PagedList))

    # --------------------------------------------------------------- actions
    def action_search(self) -> None:
        """Type to search everything (``/``); escape leaves the field."""
        # set_focus at once (focus() waits a turn): keys typed right after "/"
        # must land in the field.
        self.set_focus(self.query_one("#timeline-search", SearchBox))

    def action_cycle_step(self, direction: int) -> None:
        """Show one step at a time, then all (``f``)."""
        position = STEP_FILTERS.index(self.step_filter)
        self.step_filter = STEP_FILTERS[(position + direction) % len(STEP_FILTERS)]
        self.refresh_rows()

    def action_cycle_kind(self, direction: int) -> None:
        """Show one kind of record at a time, then all (``t``)."""
        choices: list[Kind | None] = [None, *self._kinds_present()]
        position = choices.index(self.kind_filter) if self.kind_filter in choices else 0
        self.kind_filter = choices[(position + direction) % len(choices)]
        self.refresh_rows()

    def action_on_this_day(self) -> None:
        """Show what was written a month and a year ago today (``o``), or go back."""
        if not self.complete and not self.showing_on_this_day:
            self.notify("Still reading your journal: a moment, then press o again.", timeout=4)
            return
        self.showing_on_this_day = not self.showing_on_this_day
        self.refresh_rows()

    def action_clear(self) -> None:
        """Clear the filters, the search and the on-this-day view (``x``)."""
        self.step_filter = None
        self.kind_filter = None
        self.showing_on_this_day = False
        self.query_one("#timeline-search", SearchBox).value = ""
        self.query_text = ""
        self.refresh_rows()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "timeline-list":
            return
        index = self.query_one("#timeline-list", PagedList).row_of(event.option_index)
        item = self._rows[index] if 0 <= index < len(self._rows) else None
        if item is not None:
            words = () if self.showing_on_this_day else terms(self.query_text)
            self.app.push_screen(ReaderScreen(item, words))
