"""Journal entries' long texts, left in the journal until a timeline item is read.

Years of entries are most of a journal's words. The timeline holds each long
entry (or earlier version of one) as a :class:`~winback_tui.domain.timeline.StoredText`
naming it; :func:`reader` gives the one function of a journal that reads it
back, from the chunk that holds it. What was made of the last few chunks read
is kept, named by the chunk as stored (see ``Tables.peek``): a save that
changes a chunk gives it another name, so a text is never given stale.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from winback_tui.domain.timeline import StoredText, compact, text_crc
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.errors import JournalError
from winback_tui.store.journal import Journal

TABLE = EntriesRepo.TABLE

#: Texts shorter than this (compacted, in bytes) stay with their item: a
#: stored text's own cost is about a tenth of this.
STORED_AFTER = 512

#: How many chunks' texts are kept: a pass in time order (a search index
#: being built, a scroll) reads each chunk once.
KEPT_CHUNKS = 8

#: A text's key is one int (a tuple would cost more than the rest of it):
#: the document id, shifted, with the version number plus one (0: the
#: entry's text itself).
_SHIFT = 20
_VERSIONS = (1 << _SHIFT) - 1
Texts = dict[int, str | bytes]


def key_of(doc_id: int, version: int) -> int:
    """The key of an entry's text (``version`` -1) or of one of its earlier versions."""
    return doc_id << _SHIFT | (version + 1)


def _texts(doc_id: int, doc: dict[str, Any]) -> Texts:
    found: Texts = {key_of(doc_id, -1): compact(str(doc.get("text", "")))}
    for number, version in enumerate(doc.get("versions", [])):
        found[key_of(doc_id, number)] = compact(str(version.get("text", "")))
    return found


class _Reader:
    """Reads entries' texts from one journal (see the module doc)."""

    def __init__(self, journal: Journal) -> None:
        self._journal = weakref.ref(journal)
        self._kept: OrderedDict[object, Texts] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, key: Hashable) -> str | bytes | None:
        journal = self._journal()
        if journal is None or not isinstance(key, int):
            return UNREADABLE
        doc_id = key >> _SHIFT
        with self._lock:
            try:
                held, docs = journal._peek(TABLE, doc_id, skip=self._kept)
            except (JournalError, OSError):
                # The file changed under a read-only copy, or cannot be read
                # now: said in the text's place (a row, the reader), and
                # nothing is written; the words are still in the journal.
                return UNREADABLE
            if docs is None:  # kept from before, and unchanged since
                self._kept.move_to_end(held)
                return self._kept[held].get(key)
            if held is None:  # changed and not saved yet: not kept
                doc = docs.get(str(doc_id))
                return None if doc is None else _texts(doc_id, doc).get(key)
            texts: Texts = {}
            for name, doc in docs.items():
                if name.isdigit():
                    texts.update(_texts(int(name), doc))
            self._kept[held] = texts
            while len(self._kept) > KEPT_CHUNKS:
                self._kept.popitem(last=False)
            return texts.get(key)


#: Shown in place of a text that cannot be read back (see ``_Reader``).
UNREADABLE = (
    "(winback could not read these words from the journal file just now. Nothing was"
    " changed: quit winback and open it again to see them.)"
)

_READERS: weakref.WeakKeyDictionary[Journal, _Reader] = weakref.WeakKeyDictionary()
_MADE = threading.Lock()


def reader(journal: Journal) -> _Reader:
    """The one reader of ``journal``'s entry texts (stored texts of it compare equal)."""
    with _MADE:
        found = _READERS.get(journal)
        if found is None:
            found = _READERS[journal] = _Reader(journal)
        return found


def stored(
    journal: Journal | None, doc_id: int, version: int, text: str | bytes
) -> str | bytes | StoredText:
    """``text`` as a timeline item holds it: itself if short, else a :class:`StoredText`.

    Args:
        journal: the journal it was read from (None: always the text itself).
        doc_id: the entry's document id.
        version: which earlier version (-1: the entry's text).
        text: the text, compacted.
    """
    if journal is None or len(text) < STORED_AFTER or doc_id <= 0 or version + 1 >= _VERSIONS:
        return text
    return StoredText(reader(journal), key_of(doc_id, version), text_crc(text))
