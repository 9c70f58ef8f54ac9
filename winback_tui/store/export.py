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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from winback_tui import program
from winback_tui.domain.timeline import Kind, TimelineItem
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.atomic import atomic_write
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
from winback_tui.store.timeline import all_items

#: The value of ``"format"`` in a JSON export; an import refuses any other file.
EXPORT_FORMAT = "winback-export"

Clock = Callable[[], datetime]


def _local_now() -> datetime:
    return datetime.now(UTC).astimezone()


# ------------------------------------------------------------------ opening
def open_for_export(path: Path, *, clock: Clock = _local_now) -> Journal:
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
    data = Journal._load_or_create(path, lock, clock)
    return Journal(path, data, lock, clock=clock)


def journal_data(journal: Journal) -> Data:
    """The journal's tables as stored (the caller must not change them)."""
    with journal._mutex:
        # Every table, read from the file now if it was not yet.
        return dict(journal._storage.read().items())


# --------------------------------------------------------------------- JSON
def export_document(data: Data) -> dict[str, Any]:
    """Build the ``winback-export`` object for journal data.

    Every table but ``_meta`` (whose facts are ``app`` and ``schema`` here);
    tables without documents are left out, so a journal and its re-import
    export the same. Records are sorted by id.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, table in data.items():
        if name == META_TABLE or not table:
            continue
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
    return f"#### {local:%H:%M} · {heading_text(title)}"


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
) -> str:
    """Render timeline items as a document: by step (1-4, then none), then by day.

    Inside a step, days and the items of a day run oldest first, so the
    document reads in the order things were written; undated records (Step
    1's issues) come first in their step. Times are local.
    """
    by_step: dict[int | None, dict[date, list[tuple[datetime, TimelineItem]]]] = {}
    for item in items:
        local = item.at.astimezone()
        by_step.setdefault(item.step, {}).setdefault(local.date(), []).append((local, item))
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
            for local, item in sorted(days[day], key=lambda pair: (pair[0], pair[1].ref)):
                parts += [_item_heading(local, item), ""]
                body = _item_body(item)
                parts += [body, ""] if body else []
    return "\n".join(parts)


def export_markdown(journal: Journal, *, exported: datetime | None = None) -> str:
    """The Markdown document of everything in ``journal``."""
    section = issue_section(journal)
    return render_markdown(
        all_items(journal), undated=[section] if section else [], exported=exported
    )


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
