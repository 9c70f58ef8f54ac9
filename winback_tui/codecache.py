"""Keep the code that class factories compile at import, the way Python keeps bytecode.

Every ``@dataclass`` writes the source of its ``__init__``, ``__repr__``,
``__eq__`` (and, frozen, ``__setattr__``/``__delattr__``, ``__hash__``) and
compiles it when its module is imported: about 0.4 ms a class, in every run.
Every ``namedtuple`` compiles its ``__new__``, and every annotation ``typing``
keeps as a string (a ``NamedTuple`` field under ``from __future__ import
annotations``) is compiled too. A start of the app makes about a hundred
dataclasses, seventy named tuples (Textual's and winback's) and a few hundred
such annotations, and that compiling was the largest single cost winback
added to Textual's own start-up.

:func:`install` gives the ``dataclasses`` module an ``exec``, ``collections``
an ``eval`` and ``typing`` a ``compile`` that compile each distinct source
text once and keep the code object, keyed by the whole text, in a file beside
winback's own bytecode (``winback_tui/__pycache__``). The next run uses the kept code
object instead of compiling the same text again. Nothing else changes: the
text is the one those modules wrote, its code is what ``compile`` makes of it
(with no ``__future__`` flags: neither module has any), and it runs in the
namespaces they give, so every class is exactly what it would have been.

Like bytecode, the file is only a cache. It is tied to the interpreter (its
cache tag and bytecode magic number); a missing, damaged or foreign file is
ignored and written again; it is never written when Python is told not to
write bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``) or when the folder is not
writable (a read-only install simply compiles, as before). It holds only
source those modules generated from class definitions, never anything a user
wrote.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import dataclasses
import marshal
import os
import sys
import typing
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

#: What the file starts with: a name, then the interpreter's bytecode magic
#: (then the CRC-32 of the rest, so a damaged byte is never run as code).
HEADER = b"winback factory code\n" + MAGIC_NUMBER
#: A file larger than this is not read (an installed app keeps about 600 entries, ~0.6 MB).
MAX_BYTES = 4 * 1024 * 1024
#: Kept entries beyond which only this run's are written back.
MAX_ENTRIES = 4000
#: The modes of ``compile`` that are kept.
MODES = ("exec", "eval")


def cache_file(folder: Path | None = None) -> Path:
    """The file for this interpreter (``__pycache__`` beside this module by default)."""
    if folder is None:
        folder = Path(__file__).resolve().parent / "__pycache__"
    tag = sys.implementation.cache_tag or "none"
    return folder / f"factory-code.{tag}.bin"


class CodeCache:
    """(mode, source text) → code object, read from and written to one file.

    The file maps each key to its code object's own ``marshal`` bytes, so a
    start reads the whole file at the cost of a copy and turns into code only
    what it runs; bytes that are not a code object are compiled anew.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Every kept code object, as its marshal bytes.
        self.codes: dict[tuple[str, str], bytes] = {}
        #: What this run asked for.
        self.used: dict[tuple[str, str], CodeType] = {}
        self.changed = False

    def load(self) -> None:
        """Read the file; anything unreadable or unexpected leaves the cache empty."""
        try:
            if self.path.stat().st_size > MAX_BYTES:
                return
            data = self.path.read_bytes()
        except OSError:
            return
        start = len(HEADER) + 4
        if not data.startswith(HEADER) or data[len(HEADER) : start] != _crc(data[start:]):
            return
        try:
            loaded = marshal.loads(data[start:])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(loaded, dict) and all(
            type(k) is tuple
            and len(k) == 2
            and k[0] in MODES
            and type(k[1]) is str
            and type(v) is bytes
            for k, v in loaded.items()
        ):
            self.codes = loaded

    def code_for(self, source: str, mode: str = "exec") -> CodeType:
        """The code of ``source`` (``mode`` "exec" or "eval"): kept, or compiled now (and kept)."""
        key = (mode, source)
        code = self.used.get(key)
        if code is not None:
            return code
        code = _code_from(self.codes.get(key))
        if code is None:
            # dont_inherit: this module's own __future__ flags must not reach
            # the code (they would make its annotations strings).
            code = compile(source, "<string>", mode, dont_inherit=True)
            self.codes[key] = marshal.dumps(code)
            self.changed = True
        self.used[key] = code
        return code

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        """``exec`` for ``dataclasses``: a source text runs as its kept code object."""
        if isinstance(source, str):
            source = self.code_for(source)
        exec(source, globals, locals)

    def eval(self, source: Any, globals: Any = None, locals: Any = None) -> Any:
        """``eval`` for ``collections``: a named tuple's ``__new__`` from its kept code."""
        if isinstance(source, str):
            source = self.code_for(source, "eval")
        return eval(source, globals, locals)

    def compile(
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
    ) -> Any:
        """``compile`` for ``typing``: a string annotation's code is kept.

        Anything but a plain ``"<string>"`` text compiles as it always would,
        with no flags inherited from here (``typing`` has none to pass on).
        """
        if (
            isinstance(source, str)
            and filename == "<string>"
            and mode in MODES
            and not flags
            and optimize == -1
        ):
            return self.code_for(source, mode)
        return compile(source, filename, mode, flags, dont_inherit=True, optimize=optimize)

    def save(self) -> None:
        """Write the file if this run compiled something new (atomically; errors ignored)."""
        if not self.changed or sys.dont_write_bytecode:
            return
        codes = self.codes
        if len(codes) > MAX_ENTRIES:
            codes = {k: v for k, v in codes.items() if k in self.used}
        payload = marshal.dumps(codes)
        data = HEADER + _crc(payload) + payload
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(exist_ok=True)
            with open(temp, "wb") as out:
                out.write(data)
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()
            return
        self.changed = False


def _crc(payload: bytes) -> bytes:
    return zlib.crc32(payload).to_bytes(4, "big")


def _code_from(data: bytes | None) -> CodeType | None:
    """The code object ``data`` holds, or None (missing, damaged, or not code)."""
    if data is None:
        return None
    try:
        code = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return code if type(code) is CodeType else None


_installed: CodeCache | None = None


def install(path: Path | None = None) -> CodeCache:
    """Give ``dataclasses``, ``collections`` and ``typing`` the caching ``exec``,
    ``eval`` and ``compile`` (once per process); returns the cache."""
    global _installed
    if _installed is None:
        cache = CodeCache(cache_file() if path is None else path)
        cache.load()
        dataclasses.exec = cache.exec  # type: ignore[attr-defined]
        collections.eval = cache.eval  # type: ignore[attr-defined]
        typing.compile = cache.compile  # type: ignore[attr-defined]
        atexit.register(cache.save)
        _installed = cache
    return _installed
