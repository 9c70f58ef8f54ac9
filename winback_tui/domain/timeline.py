"""The timeline: everything the user wrote or logged, as one kind of row.

Pure data and rules: :mod:`winback_tui.store.timeline` gathers the items from
the journal; the timeline screen, search and the Markdown export read them.
"""

from __future__ import annotations

import calendar
import zlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from operator import attrgetter

#: A half-open span ``(start, end)`` of character offsets in a text.
Span = tuple[int, int]


class Kind(StrEnum):
    """What a timeline item is (stable values: refs and filters use them)."""

    REFLECTION = "reflection"
    REFLECTION_VERSION = "reflection-version"
    JOURNAL_ENTRY = "journal-entry"
    JOURNAL_ENTRY_VERSION = "journal-entry-version"
    OPENNESS_CHECK = "openness-check"
    GOAL = "goal"
    CHECK_IN = "check-in"
    CONFIDENCE = "confidence"
    MINDSET = "mindset"
    DRAFT = "draft"
    DRAFT_VERSION = "draft-version"
    CONTACT = "contact"
    BOUNDARY = "boundary"
    URGE = "urge"
    DAILY = "daily-check-in"
    ISSUE = "issue"

    @property
    def label(self) -> str:
        """A short name for a list row or a filter."""
        return KIND_LABELS[self]


#: Short names shown to the user, in the order the kind filter cycles through them.
KIND_LABELS: dict[Kind, str] = {
    Kind.JOURNAL_ENTRY: "journal",
    Kind.JOURNAL_ENTRY_VERSION: "journal (earlier)",
    Kind.REFLECTION: "reflection",
    Kind.REFLECTION_VERSION: "reflection (earlier)",
    Kind.OPENNESS_CHECK: "openness check",
    Kind.GOAL: "goal",
    Kind.CHECK_IN: "check-in",
    Kind.CONFIDENCE: "confidence",
    Kind.MINDSET: "mindset",
    Kind.DRAFT: "draft",
    Kind.DRAFT_VERSION: "draft (earlier)",
    Kind.CONTACT: "contact",
    Kind.BOUNDARY: "boundary",
    Kind.URGE: "urge",
    Kind.DAILY: "daily check-in",
    Kind.ISSUE: "my part",
}


def compact(text: str) -> str | bytes:
    """``text`` as a :class:`TimelineItem` holds it: as given if ASCII, else as UTF-8.

    A reader of years of entries compacts each text as it reads it, so the
    long texts are never all held at four bytes a character at once.
    """
    return text if text.isascii() else text.encode("utf-8", "surrogatepass")


class StoredText:
    """A long text left in the journal until it is read, in place of the text itself.

    Ten years of entries are tens of megabytes of words; a timeline holds
    them as these, and memory follows what is read, not the journal's size.

    Args:
        read: gives the text (compacted, see :func:`compact`) of ``key`` from
            the journal, or None when that record is gone.
        key: which text (a record, a version of it).
        crc: CRC-32 of the compacted text when the item was made: two stored
            texts are equal when they name the same text with the same CRC.
    """

    __slots__ = ("crc", "key", "read")

    def __init__(self, read: Callable[[Hashable], str | bytes | None], key: Hashable, crc: int):
        self.read, self.key, self.crc = read, key, crc

    def load(self) -> str | bytes:
        """The text as the journal holds it now ("" when its record is gone)."""
        found = self.read(self.key)
        return "" if found is None else found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredText):
            if self.key == other.key and self.read == other.read:
                # The same text of the journal, made into items at two times:
                # the CRC says whether it changed in between (both read back
                # would give what it is now).
                return self.crc == other.crc
            return self.load() == other.load()
        if isinstance(other, str | bytes):
            # Held as given: equal texts are compacted alike.
            return self.load() == other
        return NotImplemented

    def __hash__(self) -> int:
        # As the text held inline hashes: a stored text equals its text.
        return hash(self.load())


def text_crc(text: str | bytes) -> int:
    """CRC-32 of a compacted text (see :class:`StoredText`)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)


def words_key(
    ref: str,
    title: str,
    body_crc: int,
    own_title: tuple[Span, ...],
    own_text: tuple[Span, ...] | None,
) -> int:
    """A 64-bit key naming an item and the words search holds of it.

    The CRC-32 of ``ref``, then one of the rest: two items with the same key
    are the same item with the same own words (the text by its CRC, as
    :class:`StoredText` compares). Stable across runs and Pythons (no
    ``hash``), so a search index saved with the keys of what it folded can
    tell, in a later run, which items it still holds as they are.
    """
    rest = zlib.crc32(title.encode("utf-8", "surrogatepass"), body_crc)
    if own_title or own_text is not None:  # most items are all the user's words
        rest = zlib.crc32(repr((own_title, own_text)).encode("ascii"), rest)
    return zlib.crc32(ref.encode("utf-8", "surrogatepass")) << 32 | rest


@dataclass(frozen=True, slots=True, init=False)
class TimelineItem:
    """One thing the user wrote or logged.

    Attributes:
        kind: what it is.
        step: the program step it belongs to (1-4), or None.
        at: when it was written or logged (timezone-aware).
        title: a short heading (the prompt, the goal, "Journal"…).
        text: the full, searchable body.
        ref: a stable key to open it again, e.g. ``reflection:1:what-went-wrong``.
        timed: False for a record kept by calendar day only (a check-in, a
            rating, a goal's start): ``at`` is then a stand-in time on that day,
            for sorting, and must never be shown as a time of day.
        own_title: the spans of ``title`` that are the user's own words (their
            goal or issue title); the rest is winback's label. Empty: none.
        own_text: the spans of ``text`` that are the user's own words; None
            means all of it. Search and its highlighting look only here, so
            winback's labels and prompts ("unclear", "What went wrong") are
            never found.
    """

    kind: Kind
    step: int | None
    at: datetime
    title: str
    #: The text as given when it is ASCII, else as UTF-8: a text with one emoji
    #: is held as four bytes a character as a str, and years of entries are
    #: hundreds of megabytes that way (read it as :attr:`text`). A long text
    #: of years of entries stays in the journal (:class:`StoredText`).
    _body: str | bytes | StoredText
    ref: str
    timed: bool
    own_title: tuple[Span, ...]
    own_text: tuple[Span, ...] | None

    def __init__(
        self,
        kind: Kind,
        step: int | None,
        at: datetime,
        title: str,
        text: str | bytes | StoredText,
        ref: str,
        timed: bool = True,
        own_title: tuple[Span, ...] = (),
        own_text: tuple[Span, ...] | None = None,
    ) -> None:
        # One call per field, unrolled: ten years of writing make 150,000 items.
        put = object.__setattr__
        put(self, "kind", kind)
        put(self, "step", step)
        put(self, "at", at)
        put(self, "title", title)
        put(self, "_body", compact(text) if isinstance(text, str) else text)
        put(self, "ref", ref)
        put(self, "timed", timed)
        put(self, "own_title", own_title)
        put(self, "own_text", own_text)

    @property
    def search_key(self) -> int:
        """:func:`words_key` of this item (its text is not read)."""
        body = self._body
        crc = body.crc if isinstance(body, StoredText) else text_crc(body)
        return words_key(self.ref, self.title, crc, self.own_title, self.own_text)

    def inline(self) -> TimelineItem:
        """This item holding its text itself (read from the journal if it was left there)."""
        body = self._body
        if not isinstance(body, StoredText):
            return self
        return TimelineItem(
            self.kind,
            self.step,
            self.at,
            self.title,
            body.load(),
            self.ref,
            self.timed,
            self.own_title,
            self.own_text,
        )

    @property
    def text(self) -> str:
        """The full, searchable body (read from the journal if it was left there)."""
        body = self._body
        if isinstance(body, StoredText):
            body = body.load()
        return body if isinstance(body, str) else body.decode("utf-8", "surrogatepass")

    @property
    def text_spans(self) -> tuple[Span, ...]:
        """:attr:`own_text` with None read as the whole text (empty text: none)."""
        if self.own_text is None:
            return ((0, len(self.text)),) if self.text else ()
        return self.own_text

    @property
    def own_words(self) -> tuple[str, ...]:
        """The pieces of title and text the user wrote, title first."""
        return tuple(self.title[a:b] for a, b in self.own_title) + tuple(
            self.text[a:b] for a, b in self.text_spans
        )

    @property
    def first_line(self) -> str:
        """The first non-blank line of the text, or "" when there is none.

        Only the start of the text is read, so a 1 MB entry costs no more than
        a short one.
        """
        body = self._body
        if isinstance(body, StoredText):
            body = body.load()
        if isinstance(body, bytes):
            cut = min(len(body), 8000)
            while cut < len(body) and body[cut] & 0xC0 == 0x80:
                cut -= 1  # not inside a character
            text = body[:cut].decode("utf-8", "surrogatepass")[:2000]
        else:
            text = body[:2000]
        for line in text.splitlines():
            if line.strip():
                return line.strip()
        return ""


def written(*pieces: tuple[str, bool]) -> tuple[str, tuple[Span, ...]]:
    """Join ``(piece, is_the_users)`` pieces into one text, noting the user's spans.

    Empty pieces of the user's add no span. Use it to build a title or a text
    that mixes winback's labels with the user's words.
    """
    text = ""
    spans: list[Span] = []
    for piece, own in pieces:
        if own and piece:
            spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text, tuple(spans)


def newest_first(items: Iterable[TimelineItem]) -> list[TimelineItem]:
    """Sort items newest first; ties keep a stable order by kind and ref."""
    # attrgetter, not lambdas: a ten-year journal has 150,000 items to key.
    # A Kind is a str, so it sorts as its value.
    ordered = sorted(items, key=attrgetter("kind", "ref"))
    ordered.sort(key=attrgetter("at"), reverse=True)
    return ordered


def filtered(
    items: Sequence[TimelineItem], *, step: int | None = None, kind: Kind | None = None
) -> Sequence[TimelineItem]:
    """The items of one step and/or one kind (None means any), in their order.

    Packed items (:mod:`~winback_tui.domain.item_pack`) are filtered by their
    columns, without unpacking any.
    """
    where = getattr(items, "where", None)
    if where is not None:
        return where(step, kind)  # type: ignore[no-any-return]
    return [
        item
        for item in items
        if (step is None or item.step == step) and (kind is None or item.kind is kind)
    ]


def same_day_back(today: date, *, months: int = 0, years: int = 0) -> date:
    """The calendar day ``months`` and ``years`` before ``today``.

    A day that does not exist in the earlier month (the 31st, 29 February)
    falls on that month's last day, so it is never skipped.
    """
    total = today.year * 12 + (today.month - 1) - months - 12 * years
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(today.day, last))


def local_day(item: TimelineItem, tz: tzinfo | None = None) -> date:
    """The calendar day of an item in ``tz`` (the system's zone when None)."""
    return item.at.astimezone(tz).date()


def on_day(
    items: Iterable[TimelineItem], day: date, tz: tzinfo | None = None
) -> list[TimelineItem]:
    """The items written on ``day`` (the day of their time in ``tz``)."""
    return [item for item in items if local_day(item, tz) == day]


@dataclass(frozen=True)
class OnThisDay:
    """What was written a month and a year before a day."""

    month_ago: date
    year_ago: date
    month_items: tuple[TimelineItem, ...]
    year_items: tuple[TimelineItem, ...]


def on_this_day(items: Iterable[TimelineItem], today: date, tz: tzinfo | None = None) -> OnThisDay:
    """Items from the same calendar day a month and a year before ``today``.

    Args:
        items: the timeline (any order; the order is kept).
        today: the user's local day.
        tz: the zone days are read in (the system's when None).
    """
    month_ago = same_day_back(today, months=1)
    year_ago = same_day_back(today, years=1)
    around = getattr(items, "around", None)
    if around is not None:
        # Packed items: only those near the two days are unpacked.
        items = around((month_ago, year_ago))
    month_items: list[TimelineItem] = []
    year_items: list[TimelineItem] = []
    for item in items:
        day = local_day(item, tz)
        if day == month_ago:
            month_items.append(item)
        if day == year_ago:
            year_items.append(item)
    return OnThisDay(month_ago, year_ago, tuple(month_items), tuple(year_items))
