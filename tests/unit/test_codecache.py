"""The code ``dataclasses`` generates is compiled once and kept, like bytecode (issue 20: start-up).

The classes it makes must be exactly what ``dataclasses`` makes without it, a
later run must compile none of what an earlier one kept, and a damaged or
foreign file must be ignored, never trusted.
"""

from __future__ import annotations

import collections
import dataclasses
import inspect
import marshal
import os
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest

from winback_tui import codecache
from winback_tui.codecache import HEADER, CodeCache

#: Classes of every kind winback writes: frozen, mutable, defaults, factories,
#: a field left out of comparison, ``slots``, ``init=False``, ``order``, and a
#: ``NamedTuple`` whose string annotations ``typing`` compiles.
CLASSES = textwrap.dedent(
    '''
    from __future__ import annotations
    from dataclasses import dataclass, field
    from typing import NamedTuple

    @dataclass(frozen=True)
    class Point:
        """A point."""
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()
        id: int = field(default=0, compare=False)

    @dataclass
    class Bag:
        items: list[str] = field(default_factory=list)
        note: str | None = None

    @dataclass(frozen=True, slots=True, init=False)
    class Packed:
        a: int
        b: str
        def __init__(self, a: int, b: str) -> None:
            object.__setattr__(self, "a", a)
            object.__setattr__(self, "b", b)

    @dataclass(order=True, frozen=True)
    class Ranked:
        rank: int
        name: str = "n"

    class Pair(NamedTuple):
        left: int
        right: list[str] | None = None
    '''
)


@pytest.fixture(autouse=True)
def _bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # The cache is never written under PYTHONDONTWRITEBYTECODE (set on some
    # machines, CI's among them): these tests write it, whatever the caller set.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _classes(cache: CodeCache | None) -> dict[str, object]:
    """Run :data:`CLASSES` with ``cache`` as the exec, eval and compile of the factories.

    None: the plain builtins.
    """
    namespace: dict[str, object] = {"__name__": "codecache_case"}
    sys.modules["codecache_case"] = type(sys)("codecache_case")
    sys.modules["codecache_case"].__dict__.update(namespace)
    hooks = ((dataclasses, "exec"), (collections, "eval"), (typing, "compile"))
    saved = [module.__dict__.get(name) for module, name in hooks]
    try:
        for module, name in hooks:
            if cache is None:
                module.__dict__.pop(name, None)
            else:
                setattr(module, name, getattr(cache, name))
        case = sys.modules["codecache_case"]
        exec(compile(CLASSES, "codecache_case", "exec"), case.__dict__)
        return dict(case.__dict__)
    finally:
        for (module, name), value in zip(hooks, saved, strict=True):
            if value is None:
                module.__dict__.pop(name, None)
            else:
                setattr(module, name, value)
        del sys.modules["codecache_case"]


def _behaviour(ns: dict[str, object]) -> list[object]:
    """What a program can observe of the classes in ``ns``."""
    point, bag, packed, ranked, pair = (ns[k] for k in ("Point", "Bag", "Packed", "Ranked", "Pair"))
    seen: list[object] = []
    p = point(1, 2, ("a",), id=7)  # type: ignore[operator]
    q = point(1, 2, ("a",), id=8)  # type: ignore[operator]
    seen += [repr(p), p == q, hash(p) == hash(q), p.id, point(3).y]  # type: ignore[operator]
    try:
        p.x = 5  # type: ignore[attr-defined]
    except dataclasses.FrozenInstanceError as exc:
        seen.append(("frozen", str(exc)))
    try:
        point()  # type: ignore[operator]
    except TypeError as exc:
        seen.append(("missing", str(exc)))
    b1, b2 = bag(), bag()  # type: ignore[operator]
    b1.items.append("x")
    seen += [repr(b1), repr(b2), b1 == b2, b1.items is not b2.items]
    b1.note = "changed"
    seen.append(repr(b1))
    seen += [repr(packed(1, "b")), hasattr(packed(1, "b"), "__dict__")]  # type: ignore[operator]
    seen += [
        sorted([ranked(2), ranked(1, "z"), ranked(1, "a")]),  # type: ignore[operator]
        [f.name for f in dataclasses.fields(ranked)],  # type: ignore[arg-type]
        repr(dataclasses.replace(p, x=9)),
        point.__match_args__,  # type: ignore[attr-defined]
        point.__init__.__qualname__,  # type: ignore[misc]
        point.__doc__,
        bag.__doc__,  # made from the signature: no docstring
        str(inspect.signature(point)),  # type: ignore[arg-type]
        point.__init__.__annotations__,  # type: ignore[misc]
        pair(1),
        pair(2, ["x"]),
        pair.__annotations__,
        pair.__doc__,  # type: ignore[operator]
        typing.get_type_hints(pair),  # type: ignore[arg-type]
    ]
    return [repr(s) for s in seen]


def test_classes_are_the_same_with_the_cache_and_without(tmp_path: Path) -> None:
    plain = _behaviour(_classes(None))
    cache = CodeCache(tmp_path / "codes.bin")
    assert _behaviour(_classes(cache)) == plain
    assert cache.changed and cache.codes  # it compiled and kept them
    cache.save()
    again = CodeCache(tmp_path / "codes.bin")
    again.load()
    assert _behaviour(_classes(again)) == plain  # from the kept code objects
    assert not again.changed, "a later run compiled again what was kept"


def test_each_distinct_text_has_its_own_code(tmp_path: Path) -> None:
    cache = CodeCache(tmp_path / "codes.bin")
    ns: dict[str, object] = {}
    cache.exec("def f():\n return 1", ns)
    first = ns["f"]
    cache.exec("def f():\n return 2", ns)
    assert first() == 1 and ns["f"]() == 2  # type: ignore[operator]
    assert len(cache.codes) == 2


def _run(script: str, cache: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter that installs the cache at ``cache``, then runs ``script``."""
    code = textwrap.dedent(
        f"""
        import sys
        compiled = []
        sys.addaudithook(
            lambda event, args: compiled.append(1)
            if event == "compile" and isinstance(args[0], (str, bytes)) else None
        )
        from pathlib import Path
        from winback_tui import codecache
        cache = codecache.CodeCache(Path({str(cache)!r}))
        cache.load()
        import dataclasses, typing, atexit
        import collections
        dataclasses.exec = cache.exec
        collections.eval = cache.eval
        typing.compile = cache.compile
        atexit.register(cache.save)
        {script}
        print(len(compiled) - before)
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run(
        [sys.executable, *flags, "-c", code], capture_output=True, text=True, env=env, check=True
    )


#: Compiles the classes' module first, then counts only what making them compiles.
SCRIPT = (
    "code = compile(" + repr(CLASSES) + ", 'case', 'exec'); before = len(compiled); "
    "exec(code, {'__name__': 'case'})"
)


def test_a_later_run_compiles_nothing_an_earlier_one_kept(tmp_path: Path) -> None:
    cache = tmp_path / "codes.bin"
    script = "sys.modules['case'] = type(sys)('case'); " + SCRIPT
    first = _run(script, cache)
    # Each of the 4 dataclasses compiled its methods (3.13: all at once), and
    # typing compiled the NamedTuple's 2 string annotations, collections its __new__.
    assert int(first.stdout) >= 7
    assert cache.read_bytes().startswith(HEADER)
    second = _run(script, cache)
    assert int(second.stdout) == 0, second.stdout


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "codes.bin"
    _run("sys.modules['case'] = type(sys)('case'); " + SCRIPT, cache, "-B")
    assert not cache.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE, here
    here = CodeCache(cache)
    _classes(here)
    here.save()
    assert here.changed and not cache.exists()


def with_crc(value: object) -> bytes:
    """A file of the right layout holding ``value``."""
    payload = marshal.dumps(value)
    return HEADER + codecache._crc(payload) + payload


DAMAGE = {
    "empty": b"",
    "another header": b"something else entirely\n" + b"\0" * 40,
    "cut short": None,  # filled in from a good file
    "flipped": None,
    "not marshal": None,  # with a good CRC
    "a list": with_crc([1, 2, 3]),
    "numbers for code": None,  # the good file's texts, each with a number for its code
    "bytes that are not code": None,  # the same, each number marshalled
    "codes swapped, CRC kept": None,  # valid code objects under the wrong texts
    "binary noise": bytes(range(256)) * 8,
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_or_foreign_file_is_ignored_and_written_again(tmp_path: Path, kind: str) -> None:
    good = CodeCache(tmp_path / "good.bin")
    _classes(good)
    good.save()
    data = DAMAGE[kind]
    if kind == "cut short":
        data = good.path.read_bytes()[: len(HEADER) + 50]
    elif kind == "not marshal":
        data = HEADER + codecache._crc(b"\xff\xfe not marshal") + b"\xff\xfe not marshal"
    elif kind == "numbers for code":
        data = with_crc(dict.fromkeys(good.codes, 3))
    elif kind == "codes swapped, CRC kept":
        old = good.path.read_bytes()
        keys = sorted(good.codes)
        swapped = dict(good.codes)
        swapped[keys[0]], swapped[keys[-1]] = good.codes[keys[-1]], good.codes[keys[0]]
        data = old[: len(HEADER) + 4] + marshal.dumps(swapped)
    elif kind == "bytes that are not code":
        data = with_crc(dict.fromkeys(good.codes, marshal.dumps(3)))
    elif kind == "flipped":
        raw = bytearray(good.path.read_bytes())
        raw[-40] ^= 0xFF  # inside the last code object
        data = bytes(raw)
    target = tmp_path / "codes.bin"
    assert data is not None
    target.write_bytes(data)
    cache = CodeCache(target)
    cache.load()
    plain = _behaviour(_classes(None))
    assert _behaviour(_classes(cache)) == plain
    cache.save()
    again = CodeCache(target)
    again.load()
    assert _behaviour(_classes(again)) == plain
    assert not again.changed


def test_a_file_that_is_too_large_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = CodeCache(tmp_path / "codes.bin")
    _classes(cache)
    cache.save()
    monkeypatch.setattr(codecache, "MAX_BYTES", 10)
    big = CodeCache(tmp_path / "codes.bin")
    big.load()
    assert big.codes == {}


def test_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    cache = CodeCache(blocker / "sub" / "codes.bin")
    _classes(cache)
    cache.save()  # raises nothing
    assert cache.changed  # still unsaved: a later save may try again
    assert not list(tmp_path.glob("**/*.tmp"))


def test_beyond_the_limit_only_this_runs_entries_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "codes.bin"
    old = CodeCache(target)
    for n in range(5):
        old.exec(f"x = {n}", {})
    old.save()
    monkeypatch.setattr(codecache, "MAX_ENTRIES", 3)
    cache = CodeCache(target)
    cache.load()
    _classes(cache)
    cache.save()
    kept = CodeCache(target)
    kept.load()
    assert not any(source.startswith("x = ") for _, source in kept.codes)
    assert set(kept.codes) == set(cache.used)


def test_the_package_installs_it_and_the_file_sits_with_the_bytecode() -> None:
    assert codecache._installed is not None
    assert dataclasses.exec == codecache._installed.exec  # type: ignore[attr-defined]
    assert typing.compile == codecache._installed.compile  # type: ignore[attr-defined]
    assert collections.eval == codecache._installed.eval  # type: ignore[attr-defined]
    assert codecache.cache_file().parent.name == "__pycache__"
    assert sys.implementation.cache_tag in codecache.cache_file().name
