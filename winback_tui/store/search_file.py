"""The search index kept beside the journal: ten years of writing folded once, not every run.

The file is ``search-index`` in the folder of the journal's chunk files
(``journal.json.d``), 0600, replaced atomically. It starts with a line naming
it, then either ``plain`` with the CRC-32 of the index, or ``sealed`` with the
index sealed by the journal's key: the index holds the user's words, so an
encrypted journal's index is never written in the clear, and a plain one
found beside an encrypted journal (left from before ``winback encrypt``) is
removed when seen.

It is only a cache of what the journal holds. Missing, damaged, foreign, of
another layout or of another key, it is built anew from the journal and
written again: it never stops a journal from opening and is never reported
as an error. Each part of it names the items it folded by their search key,
so a save since it was written only refolds what the save changed (see
:mod:`winback_tui.domain.search_index`).
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from winback_tui.domain.search_index import SearchIndex
from winback_tui.domain.timeline import TimelineItem
from winback_tui.store.atomic import atomic_write
from winback_tui.store.paths import make_private_dirs, read_regular
from winback_tui.store.segments import folder_name

if TYPE_CHECKING:
    from winback_tui.store.journal import Journal

__all__ = ["NAME", "forget", "index_for", "path_of", "read", "write"]

#: The file's name, in the folder of the journal's chunk files.
NAME = "search-index"
_MAGIC = b"winback search index\n"
_PLAIN = _MAGIC + b"plain\n"
_SEALED = _MAGIC + b"sealed\n"
#: What a sealed index is bound to (it opens as nothing else).
_PURPOSE = "search index"
#: A larger file is not read (an index of ten years is a few megabytes).
MAX_BYTES = 1 << 30


def path_of(journal: Path) -> Path:
    """Where the search index of the journal file ``journal`` is kept."""
    return journal.parent / folder_name(journal) / NAME


def forget(journal: Path) -> None:
    """Remove the saved index of ``journal`` (it was encrypted or decrypted: the index is not)."""
    with contextlib.suppress(OSError):
        os.unlink(path_of(journal))


def _raw(path: Path) -> bytes | None:
    """The file's bytes; None when it is missing, not a regular file, a link, or too large."""
    try:
        if os.lstat(path).st_size > MAX_BYTES:
            return None
        return read_regular(path, follow=False)
    except OSError:  # also a link or a folder (paths' refusals are OSErrors)
        return None


def read(journal: Journal) -> bytes | None:
    """The saved index of ``journal`` (for :meth:`SearchIndex.loads`); None: none usable."""
    raw = _raw(path_of(journal.path))
    if raw is None:
        return None
    vault = journal._storage.vault
    if raw.startswith(_SEALED):
        return None if vault is None else vault.open_blob(_PURPOSE, raw[len(_SEALED) :])
    if raw.startswith(_PLAIN):
        if vault is not None:
            # Words in the clear beside an encrypted journal: not kept a moment longer.
            if not journal.read_only:
                forget(journal.path)
            return None
        body = raw[len(_PLAIN) + 4 :]
        if zlib.crc32(body) != int.from_bytes(raw[len(_PLAIN) : len(_PLAIN) + 4], "big"):
            return None
        return body
    return None


def write(journal: Journal, data: bytes) -> None:
    """Keep ``data`` (:meth:`SearchIndex.dumps`) as ``journal``'s index, sealed if encrypted.

    A read-only journal's index is left to the copy that writes it; a failed
    write (a full disk) leaves the old file or none, and search still works.
    """
    if journal.read_only:
        return
    vault = journal._storage.vault
    # In pieces: the index is not copied once more to be written.
    if vault is None:
        payload = [_PLAIN, zlib.crc32(data).to_bytes(4, "big"), data]
    else:
        payload = [_SEALED, vault.seal_blob(_PURPOSE, data)]
    path = path_of(journal.path)
    with contextlib.suppress(OSError):
        make_private_dirs(path.parent)
        atomic_write(path, payload)


def index_for(
    journal: Journal, items: Sequence[TimelineItem], earlier: SearchIndex | None = None
) -> SearchIndex:
    """The search index of ``journal``'s timeline ``items``, folding only what it must.

    From ``earlier`` (this run's last index) or else the saved one; what
    neither holds as it is now is folded, and the index saved again when
    anything was (built anew when there was nothing usable to start from).
    Run it off the screen's thread.
    """
    if earlier is None:
        saved = read(journal)
        index = SearchIndex(items) if saved is None else SearchIndex.loads(items, saved)
    else:
        index = SearchIndex(items, reuse=earlier)
    if index.folded:
        write(journal, index.dumps())
    return index
