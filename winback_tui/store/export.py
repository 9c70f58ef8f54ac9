"""Exporting a journal: complete JSON (for import) and a Markdown document (for reading).

Exporting only reads. :func:`open_for_export` opens a journal without taking
the writer lock, so an export runs while another winback has the journal open,
and never changes the journal or its backups.

The JSON form (``winback-export``) holds every document of every table except
``_meta``, sorted and without a timestamp, so exporting the same journal twice
gives the same bytes, and export, import into an empty journal, export gives
the same bytes again. See README.md, "Export and import".
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from winback_tui import program
from winback_tui.domain.reconnect import (
    Draft,
    cooling_off_from_setting,
    cooling_off_left,
    describe_wait,
)
from winback_tui.domain.timeline import Kind, TimelineItem
from winback_tui.store import summaries
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.atomic import atomic_write
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.crypt import Vault
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.errors import JournalPathError
from winback_tui.store.journal import Journal, resolve_journal_path
from winback_tui.store.lock import JournalLock
from winback_tui.store.paths import (
    describe_journal_file,
    journal_file_clash,
    kind_of,
    sweep_temp_files,
)
from winback_tui.store.schema import APP_ID, META_TABLE, SCHEMA_VERSION, Data
from winback_tui.store.timeline import entry_refs, gathered

#: The value of ``"format"`` in a JSON export; an import refuses any other file.
EXPORT_FORMAT = "winback-export"

Clock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now(UTC).astimezone()


# ------------------------------------------------------------------ opening
def open_for_export(
    path: Path, *, clock: Clock = _local_now, vault: Vault | None = None
) -> Journal:
    """Open an existing journal read-only, without the writer lock.

    Nothing is written: no new file, no migration on disk, no backup rotation.
    A journal from an older schema is migrated in memory only.

    Raises:
        JournalPathError: no journal at ``path``, or it cannot be read.
        JournalCorruptError: the file is damaged (``backup`` names a good one).
        JournalTooNewError: a newer winback wrote the file.
    """
    path = resolve_journal_path(path)
    if not path.exists():
        raise JournalPathError(
            path, f"there is no journal at {path}, so there is nothing to export; check --db"
        )
    lock = JournalLock(path)  # never acquired: the journal stays read-only
    data = Journal._load_or_create(path, lock, clock, vault)
    return Journal(path, data, lock, clock=clock)


def journal_data(journal: Journal) -> Data:
    """The journal's tables as stored (the caller must not change them)."""
    with journal._mutex:
        # Every table, read from the file now if it was not yet.
        return dict(journal._storage.read().items())


# --------------------------------------------------------------------- JSON
def export_document(data: Data) -> dict[str, Any]:
    """Build the ``winback-export`` object for journal data.

    Every table but ``_meta`` (whose facts are ``app`` and ``schema`` here) and the
    summaries (:mod:`~winback_tui.store.summaries`);
    tables without documents are left out, so a journal and its re-import
    export the same. Records are sorted by id.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, table in data.items():
        if name in (META_TABLE, summaries.TABLE) or not table:
            continue  # the summaries hold nothing the tables do not
        tables[name] = [
            {"id": int(doc_id), "record": doc}
            for doc_id, doc in sorted(table.items(), key=lambda pair: int(pair[0]))
        ]
    return {"app": APP_ID, "format": EXPORT_FORMAT, "schema": SCHEMA_VERSION, "tables": tables}


def dumps_export(document: dict[str, Any]) -> bytes:
    """Serialise an export deterministically.

    ``ensure_ascii`` writes every character as itself or as a ``\\u`` escape,
    so lone surrogates and control characters survive exactly, and the file is
    plain ASCII whatever the terminal's encoding.
    """
    try:
        text = json.dumps(document, ensure_ascii=True, sort_keys=True, indent=2, allow_nan=False)
    except ValueError:
        # A journal can hold a number JSON has no form for (infinity, from an
        # import an older winback let through): write it as a string rather
        # than fail every export.
        text = json.dumps(
            _finite(document), ensure_ascii=True, sort_keys=True, indent=2, allow_nan=False
        )
    return (text + "\n").encode("ascii")


def _finite(value: Any) -> Any:
    """``value`` with every infinite or NaN float written as a string."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def export_json(journal: Journal) -> bytes:
    """The complete JSON export of ``journal``."""
    return dumps_export(export_document(journal_data(journal)))


# ----------------------------------------------------------------- Markdown
STEP_NONE_TITLE = "Not tied to a step"
#: The first line of every Markdown export (import recognises it and says to use JSON).
MARKDOWN_TITLE = "# winback journal"

# A character that can begin a Markdown block (heading, quote, list, fence,
# thematic break, setext underline, HTML block, table, link definition) when
# it comes first on a line after up to three spaces.
_BLOCK_START = re.compile(r"^( {0,3})([#>\-=+*_`~<|\[])")
_ORDERED_LIST = re.compile(r"^( {0,3}\d{1,9})([.)])")
# C0 controls but tab and newline, and DEL: shown as their visible symbols.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(text: str) -> str:
    """Make text safe to print: CRLF/CR become newlines, controls become symbols.

    Control characters are shown as Unicode control pictures (NUL as ␀, ESC
    as ␛), so a stray escape sequence cannot act on the reader's terminal;
    a lone surrogate (not encodable as UTF-8) becomes U+FFFD.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(
        lambda m: "␡" if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), text
    )
    return _SURROGATE.sub("\ufffd", text)


def markdown_line(line: str) -> str:
    """Escape one line of the user's text so it stays a line of a paragraph.

    A backslash before a block-starting character makes CommonMark show the
    character itself: ``# not a heading`` is written ``\\# not a heading`` and
    renders as the user typed it, while the raw file still reads naturally.
    """
    line = _BLOCK_START.sub(r"\1\\\2", line)
    return _ORDERED_LIST.sub(r"\1\\\2", line)


def markdown_body(text: str) -> str:
    """The user's text as Markdown paragraphs that cannot change the document's outline.

    Every line is escaped with :func:`markdown_line`; lines of one paragraph
    end with two spaces so the user's line breaks are kept when rendered.
    Runs of blank lines become one.
    """
    lines = _visible(text).split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        escaped = markdown_line(line.rstrip())
        following = lines[index + 1] if index + 1 < len(lines) else ""
        out.append(escaped + ("  " if following.strip() else ""))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def heading_text(text: str) -> str:
    """One line of the user's words fit for a heading (``#`` escaped, breaks joined)."""
    flat = " ".join(_visible(text).split())
    return flat.replace("\\", "\\\\").replace("#", "\\#") or "(untitled)"


def _step_title(step: int | None) -> str:
    if step is None:
        return STEP_NONE_TITLE
    if 1 <= step <= len(program.STEPS):
        return f"Step {step}: {program.step(step).title}"
    return f"Step {step}"


def _day_title(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True)
class UndatedSection:
    """Records without a date, shown at the top of their step (Step 1's issues).

    Attributes:
        step: the step it belongs to, or None.
        heading: the section's heading.
        entries: (title, text) pairs.
    """

    step: int | None
    heading: str
    entries: tuple[tuple[str, str], ...]


def issue_section(journal: Journal) -> UndatedSection | None:
    """The issues the user marked or wrote a note on, as Step 1's undated section."""
    entries = tuple(
        (entry.title + ("" if entry.marked else " (not marked)"), entry.my_part)
        for entry in AssessmentRepo(journal).issues()
        if entry.marked or entry.my_part.strip()
    )
    return UndatedSection(1, "Underlying issues", entries) if entries else None


_REFLECTION_KINDS = (Kind.REFLECTION, Kind.REFLECTION_VERSION)


def _item_heading(local: datetime, item: TimelineItem) -> str:
    title = item.title
    if item.kind in _REFLECTION_KINDS:
        title = f"Reflection: {title}"
    if not item.timed:
        # Kept by calendar day only: no time of day is known, so none is shown.
        return f"#### {heading_text(title)}"
    return f"#### {local:%H:%M} · {heading_text(title)}"


def _item_day(item: TimelineItem) -> tuple[date, datetime]:
    """The day an item is shown under, and its time there (local)."""
    if not item.timed:
        # A stand-in time on the record's own calendar day: read the day as
        # stored, never shifted by a time zone.
        return item.at.date(), item.at
    local = item.at.astimezone()
    return local.date(), local


def _item_body(item: TimelineItem) -> str:
    """The item's text, without a first paragraph that only repeats its title."""
    text = item.text
    if text.strip() == item.title.strip():
        return ""
    head, sep, rest = text.partition("\n")
    if sep and head.strip() == item.title.strip():
        text = rest
    return markdown_body(text)


def render_markdown(
    items: Iterable[TimelineItem],
    *,
    undated: Iterable[UndatedSection] = (),
    exported: datetime | None = None,
    notes: Mapping[str, str] | None = None,
) -> str:
    """Render timeline items as a document: by step (1-4, then none), then by day.

    Inside a step, days run oldest first. In a day, the records kept by
    calendar day only (no time, see ``TimelineItem.timed``) come first, in the
    order given, then the rest by their local time, oldest first (the order
    given where two share a minute); undated records (Step 1's issues, Step 4's
    boundaries) come first in their step.

    Args:
        items: the items, in the user's own order where that matters.
        undated: sections without a day.
        exported: when the export was made (local), for the first line.
        notes: ref -> a line of winback's own put before an item's text (a
            draft's state, when an entry was last edited).
    """
    notes = notes or {}
    by_step: dict[int | None, dict[date, list[tuple[datetime, TimelineItem]]]] = {}
    for item in items:
        day, local = _item_day(item)
        by_step.setdefault(item.step, {}).setdefault(day, []).append((local, item))
    sections: dict[int | None, list[UndatedSection]] = {}
    for section in undated:
        sections.setdefault(section.step, []).append(section)
    parts = [MARKDOWN_TITLE, ""]
    if exported is not None:
        parts += [f"Exported on {_day_title(exported.date())} at {exported:%H:%M}.", ""]
    steps = sorted(set(by_step) | set(sections), key=lambda s: (s is None, s or 0))
    if not steps:
        parts += ["Nothing written yet.", ""]
    for step in steps:
        parts += [f"## {_step_title(step)}", ""]
        for section in sections.get(step, []):
            parts += [f"### {heading_text(section.heading)}", ""]
            for title, text in section.entries:
                parts += [f"#### {heading_text(title)}", ""]
                body = markdown_body(text)
                parts += [body, ""] if body else []
        days = by_step.get(step, {})
        for day in sorted(days):
            parts += [f"### {_day_title(day)}", ""]
            # sorted() is stable: ties keep the order the items were given in.
            ordered = sorted(
                days[day], key=lambda pair: (pair[1].timed, pair[0] if pair[1].timed else 0)
            )
            for local, item in ordered:
                parts += [_item_heading(local, item), ""]
                note = notes.get(item.ref)
                parts += [markdown_body(note), ""] if note else []
                body = _item_body(item)
                parts += [body, ""] if body else []
    return "\n".join(parts)


def boundary_section(journal: Journal) -> UndatedSection | None:
    """Step 4's boundaries in the order the user arranged them, as an undated section.

    A boundary belongs to the list rather than to the day it was added: the
    list keeps the user's order, and each says when it was added and how many
    days it was kept.
    """
    repo = BoundariesRepo(journal)
    kept: dict[int, int] = {}
    for tick in repo.ticks():
        kept[tick.boundary_id] = kept.get(tick.boundary_id, 0) + 1
    entries = []
    for number, boundary in enumerate(repo.all(), start=1):
        days = kept.get(boundary.id, 0)
        facts = f"Added on {_day_title(boundary.created)}; kept on {days} day" + (
            "" if days == 1 else "s"
        )
        entries.append((f"Boundary {number}", f"{boundary.text}\n\n{facts}."))
    return UndatedSection(4, "Boundaries, in your order", tuple(entries)) if entries else None


#: The Step 3 setting that holds the drafts' cooling-off pause, in minutes
#: (the screen's ``COOLING_OFF_SETTING``; the store cannot import screens).
COOLING_OFF_SETTING = "cooling_off_minutes"


def draft_state(draft: Draft, now: datetime, minutes: int) -> str:
    """A draft's state in words, as Step 3 shows it; never a nudge to send."""
    if draft.ready_at is not None:
        ready = draft.ready_at.astimezone()
        return (
            f"State: marked ready on {_day_title(ready.date())} at {ready:%H:%M}. "
            "It stays here: winback never sends anything."
        )
    if not draft.text.strip():
        return "State: empty."
    left = cooling_off_left(draft, now, minutes)
    if left:
        return f"State: resting, {describe_wait(left)} of its pause left when this was exported."
    return "State: rested, not marked ready."


def _notes(journal: Journal, now: datetime) -> dict[str, str]:
    """winback's own lines for some items: a draft's state, an entry's last edit."""
    minutes = cooling_off_from_setting(journal.get_setting(COOLING_OFF_SETTING))
    notes = {f"draft:{d.id}": draft_state(d, now, minutes) for d in DraftsRepo(journal).all()}
    entries = EntriesRepo(journal).all()
    for entry, ref in zip(entries, entry_refs(entries), strict=True):
        edited = entry.edited_at.astimezone()
        if edited.date() != entry.day:
            # Shown under its own day, where no time of day is true for it.
            notes[ref] = f"Last edited on {_day_title(edited.date())} at {edited:%H:%M}."
    return notes


def export_markdown(journal: Journal, *, exported: datetime | None = None) -> str:
    """The Markdown document of everything in ``journal``."""
    sections = [s for s in (issue_section(journal), boundary_section(journal)) if s]
    # Issues and boundaries have their own sections, in the user's order.
    # Every text is written out: held by its item, not read back one by one.
    gathered_items = gathered(journal, inline=True)
    items = [item for item in gathered_items if item.kind not in (Kind.BOUNDARY, Kind.ISSUE)]
    now = exported or journal.now()
    return render_markdown(items, undated=sections, exported=exported, notes=_notes(journal, now))


# ---------------------------------------------------------------- writing
def check_export_target(path: Path, journal: Path | None) -> None:
    """Refuse an export target that is one of the journal's own files.

    Whatever ``--force`` says: the journal, its lock, a backup, a copy a
    restore or an upgrade set aside, a temporary file, or a link (symbolic or
    hard) to any of them.

    Raises:
        JournalPathError: it is; the message names both files.
    """
    if journal is None:
        return
    clash = journal_file_clash(journal, path)
    if clash is None:
        return
    what = describe_journal_file(journal, clash.name)
    where = what if clash == Path(os.path.abspath(path)) else f"{what} ({clash})"
    raise JournalPathError(
        path,
        f"{path} is {where}; an export never writes over the journal's own files, "
        "even with --force: choose another file name",
    )


def write_export(
    path: Path, payload: bytes, *, force: bool = False, journal: Path | None = None
) -> Path:
    """Write an export to ``path`` atomically as a 0600 file.

    Stale temporary files of killed exports in the same folder are swept
    first (see :func:`~winback_tui.store.paths.sweep_temp_files`).

    Args:
        path: the file to write.
        payload: the export.
        force: replace an existing regular file.
        journal: the journal exported (its real path): none of its files may
            be ``path``.

    Raises:
        JournalPathError: ``path`` is one of the journal's files, or exists
            but is not a regular file (a FIFO, a device).
        FileExistsError: ``path`` exists and ``force`` is False.
        IsADirectoryError: ``path`` is a folder.
        OSError: the write failed; nothing (not even a temp file) is left.
    """
    path = Path(path).expanduser()
    check_export_target(path, journal)
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if mode is not None and not stat.S_ISREG(mode):
        raise JournalPathError(
            path,
            f"{path} is {kind_of(mode)}, not a regular file; give a file name for "
            "--output, or leave --output out to write to standard output",
        )
    if (mode is not None or path.is_symlink()) and not force:
        raise FileExistsError(17, "File exists", str(path))
    sweep_temp_files(path.parent)
    atomic_write(path, payload)
    return path


def export_file_name(kind: str, moment: datetime) -> str:
    """A file name for an export made at ``moment``: ``journal-export-YYYYMMDD-HHMMSS.md``."""
    suffix = "md" if kind == "markdown" else "json"
    return f"journal-export-{moment:%Y%m%d-%H%M%S}.{suffix}"
