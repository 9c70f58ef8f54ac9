"""Keep a deliberate hand edit of a journal whose bytes no longer match its index.

A journal that disagrees with its index is refused (see
:class:`~winback_tui.store.errors.JournalMismatchError`): a flipped bit can still
be valid JSON. When the user did edit the file on purpose, ``winback
accept-edit`` first shows what changed, table by table, against the newest good
backup, then (once confirmed) writes the file again with a fresh index.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from winback_tui.domain.words import plural
from winback_tui.store import backup as backups
from winback_tui.store import layout
from winback_tui.store.atomic import atomic_write
from winback_tui.store.errors import JournalCorruptError
from winback_tui.store.opening import saved_at
from winback_tui.store.schema import Data, decode, encode
from winback_tui.store.segments import inline, read

#: Most lines of difference shown per table; the rest is counted.
MAX_LINES = 40


@dataclass
class EditReview:
    """What a hand edit changed.

    Attributes:
        path: the journal.
        raw: its bytes as reviewed, its segment files read in (accepting
            refuses if they changed since).
        data: the journal as the edited file holds it.
        tables: the tables that differ from the index.
        compared_with: the backup the change is shown against, if any.
        lines: the summary to show, one line each.
    """

    path: Path
    raw: bytes
    data: Data
    tables: list[str]
    compared_with: Path | None
    lines: list[str] = field(default_factory=list)


def _text_diff(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [f"      {line}" for line in diff if not line.startswith(("---", "+++", "@@"))]


def _describe(name: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    if new is None:
        return [f"  table {name!r}: removed"]
    if old is None:
        return [f"  table {name!r}: {plural(len(new), 'record', 'records')}, none in the backup"]
    added = [key for key in new if key not in old]
    removed = [key for key in old if key not in new]
    changed = [key for key in new if key in old and new[key] != old[key]]
    lines = [
        f"  table {name!r}: {plural(len(changed), 'record', 'records')} changed,"
        f" {len(added)} added,"
        f" {len(removed)} removed"
    ]
    for key in changed:
        before, after = old[key], new[key]
        fields = sorted(
            {*before, *after} - {f for f in {*before, *after} if before.get(f) == after.get(f)}
        )
        lines.append(f"    record {key}: {', '.join(fields)}")
        for name_ in fields:
            was, now = before.get(name_), after.get(name_)
            if isinstance(was, str) and isinstance(now, str):
                lines += _text_diff(was, now)
            else:
                lines += [f"      - {was!r}", f"      + {now!r}"]
    lines += [f"    record {key}: added" for key in added]
    lines += [f"    record {key}: removed" for key in removed]
    return lines


class _Parts(dict[str, list[str]]):
    """Per large table, the ids of the records in its segment files that do not match."""

    def __init__(self) -> None:
        super().__init__()
        #: Per table, the names of those files.
        self.files: dict[str, list[str]] = {}

    def line(self, table: str) -> str:
        """What the review says of ``table``'s parts that differ."""
        files = self.files[table]
        return (
            f"  table {table!r}: {plural(len(self[table]), 'record', 'records')} in"
            f" {plural(len(files), 'part', 'parts')} that"
            f" {'does' if len(files) == 1 else 'do'} not match the index ({', '.join(files)})"
        )


def _changed_parts(path: Path, held: bytes) -> _Parts:
    """The records of each segment file of ``path`` that does not match its index.

    ``held``: the journal file's bytes. A part that does not parse is left out:
    reading the journal whole has refused it already.
    """
    parts = _Parts()
    segmented = layout.read_segmented(held)
    if segmented is None:
        return parts
    for table, infos in segmented.tables.items():
        for info in infos:
            try:
                read(path, segmented.folder, table, info)
            except JournalCorruptError:
                file = path.parent / segmented.folder / info[4]
                try:
                    records = json.loads(b"{" + file.read_bytes() + b"}")
                except (OSError, ValueError):
                    continue
                parts.setdefault(table, []).extend(records)
                parts.files.setdefault(table, []).append(info[4])
    return parts


def review_edit(path: Path) -> EditReview | None:
    """Say what a hand edit of ``path`` changed.

    Returns:
        The review, or None when the file matches its index (nothing to accept).

    Raises:
        OSError: the file cannot be read.
        JournalError: the file is not a journal that parses (a bit flip that broke
            the JSON, a foreign or newer file): there is no edit to keep.
    """
    # A large table's chunks are files of their own (segments.py): they are
    # read in, as they are, so an edit of one shows as its table differing.
    held = path.read_bytes()
    raw = inline(path, held)
    data = decode(path, raw, check_index=False)
    parts = _changed_parts(path, held)
    found = layout.read_layout(raw)
    if not layout.has_index(raw):
        return None  # no index (winback 0.1): it loads as it is
    tables = ["(the index)"] if found is None else layout.differing_tables(raw, *found)
    if not tables:
        return None
    source = backups.newest_good_backup(path)
    review = EditReview(path, raw, data, tables, source)
    if source is None:
        review.lines.append("No good backup to compare with; the tables that changed:")
        review.lines += [
            parts.line(name) if name in parts else f"  table {name!r}" for name in tables
        ]
        return review
    old = decode(source, source.read_bytes())
    review.lines.append(
        f"Changes compared with the newest good backup, {source} (saved {saved_at(source)}):"
    )
    names = [n for n in dict.fromkeys([*old, *data]) if n != layout.LAYOUT_KEY]
    if "(the index)" not in tables:
        # Only what the index does not vouch for: the other tables' changes
        # since the backup are the app's own saves.
        names = [n for n in names if n in tables]
    shown = 0
    for name in names:
        before, after = old.get(name), data.get(name)
        if name in parts:
            # Of a large table, only the records of its parts that differ.
            ids = parts[name]
            review.lines.append(parts.line(name))
            before = None if before is None else {k: before[k] for k in ids if k in before}
            after = {k: after[k] for k in ids if after is not None and k in after}
        if before == after:
            continue
        described = _describe(name, before or None, after)
        shown += 1
        if len(described) > MAX_LINES:
            rest = len(described) - MAX_LINES
            described = [
                *described[:MAX_LINES],
                f"    … and {plural(rest, 'more line', 'more lines')}",
            ]
        review.lines += described
    if not shown:
        review.lines.append("  no record differs from the backup (only the file's bytes)")
    return review


def accept_edit(review: EditReview) -> None:
    """Write the reviewed journal again with a fresh index; the caller holds the lock.

    Raises:
        JournalCorruptError: the file changed since it was reviewed.
        OSError: the write failed (the file is unchanged).
    """
    if inline(review.path, review.path.read_bytes()) != review.raw:
        raise JournalCorruptError(
            review.path, f"{review.path} changed since it was reviewed; nothing was written"
        )
    atomic_write(review.path, encode(review.data))
