"""The layer rule from the design notes, checked by walking every module's imports.

``domain`` <- ``store`` <- ``widgets``/``screens`` <- ``app`` <- ``cli``: the pure rules and
the storage never need a terminal, and screens reach the disk only through the store's typed
API. This is an equivalent of import-linter contracts without the extra dependency.

Every ``import`` statement counts, including ones inside functions and ``TYPE_CHECKING``
blocks: a lazy import still runs sooner or later.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "winback_tui"
PACKAGE_DIR = ROOT / PACKAGE

# Importing any of these from domain/ or store/ drags Textual in.
UI_MODULES = ("textual", f"{PACKAGE}.app", f"{PACKAGE}.screens", f"{PACKAGE}.widgets")


@dataclass(frozen=True)
class Import:
    """One imported module name, where it was imported and how it reads in the source."""

    module: str
    path: Path
    line: int
    source: str

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def module_name(path: Path) -> str:
    """``winback_tui/store/journal.py`` -> ``winback_tui.store.journal``."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}


def is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def imports_of(path: Path, known: Iterable[str]) -> list[Import]:
    """Every module ``path`` imports, with relative imports resolved.

    ``from pkg import name`` counts as importing ``pkg`` and, when ``pkg.name`` is one of
    our modules, ``pkg.name`` as well.
    """
    known = set(known)
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    text = path.read_text(encoding="utf-8")
    found: list[Import] = []
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        source = " ".join((ast.get_source_segment(text, node) or "").split())
        if isinstance(node, ast.Import):
            found += [Import(alias.name, path, node.lineno, source) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(Import(target, path, node.lineno, source))
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if candidate in known:
                    found.append(Import(candidate, path, node.lineno, source))
    return found


def with_parents(name: str) -> list[str]:
    """Importing ``a.b.c`` also runs ``a`` and ``a.b``."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


class Graph:
    """The package's import graph, for direct and transitive checks."""

    def __init__(self) -> None:
        self.modules = all_modules()
        self.edges = {name: imports_of(path, self.modules) for name, path in self.modules.items()}

    def under(self, layer: str) -> list[str]:
        return [n for n in self.modules if is_under(n, f"{PACKAGE}.{layer}")]

    def direct(self, layer: str, forbidden: tuple[str, ...]) -> list[str]:
        """Problems where a module of ``layer`` itself imports something forbidden."""
        problems = []
        for name in self.under(layer):
            for imp in self.edges[name]:
                if any(is_under(imp.module, f) for f in forbidden):
                    problems.append(f"{imp.where()} ({name}) imports {imp.module}: {imp.source}")
        return problems

    def transitive(self, layer: str, forbidden: tuple[str, ...]) -> list[str]:
        """Problems where a module of ``layer`` reaches something forbidden, with the chain.

        Other modules of the same layer are not walked into: each is checked on its own,
        so every problem is reported once, at the import that leaves the layer.
        """
        own = f"{PACKAGE}.{layer}"
        problems = []
        for start in self.under(layer):
            # Breadth-first, so the chain reported is a shortest one.
            chains: dict[str, list[tuple[str, Import]]] = {start: []}
            queue = [start]
            while queue:
                current = queue.pop(0)
                for imp in self.edges.get(current, []):
                    if any(is_under(imp.module, f) for f in forbidden):
                        chain = [*chains[current], (imp.module, imp)]
                        first = chain[0][1]
                        steps = " -> ".join([start, *(step for step, _ in chain)])
                        problems.append(
                            f"{first.where()} ({start}) imports {first.module}"
                            + ("" if len(chain) == 1 else f", which leads to {imp.module}")
                            + f" (at {imp.where()}: {imp.source}): {steps}"
                        )
                        continue
                    # Importing a.b.c runs a/__init__ and a/b/__init__ as well.
                    for target in with_parents(imp.module):
                        if target in self.modules and target not in chains:
                            chains[target] = [*chains[current], (target, imp)]
                            if not is_under(target, own):
                                queue.append(target)
        return sorted(set(problems))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph()


def report(rule: str, problems: list[str]) -> str:
    return f"{rule}\n  " + "\n  ".join(problems)


def test_the_walk_sees_the_layers(graph: Graph) -> None:
    # Guards against a rename making every other test here pass vacuously.
    assert graph.under("domain"), "no modules found under winback_tui/domain"
    assert graph.under("store"), "no modules found under winback_tui/store"
    assert any(
        imp.module == "tinydb" for name in graph.under("store") for imp in graph.edges[name]
    ), "the walk found no tinydb import in the store: it is not reading imports"


@pytest.mark.parametrize("layer", ["domain", "store"])
def test_domain_and_store_never_import_textual(graph: Graph, layer: str) -> None:
    problems = graph.transitive(layer, UI_MODULES)
    assert not problems, report(
        f"winback_tui/{layer} must work without a terminal: it may not import Textual, "
        "directly or through app/screens/widgets/cli:",
        problems,
    )


def test_domain_imports_nothing_from_the_store(graph: Graph) -> None:
    problems = graph.transitive("domain", (f"{PACKAGE}.store",))
    assert not problems, report(
        "winback_tui/domain holds pure rules: it may not import winback_tui.store:", problems
    )


def test_domain_never_imports_tinydb(graph: Graph) -> None:
    problems = graph.transitive("domain", ("tinydb",))
    assert not problems, report(
        "winback_tui/domain holds pure rules: it may not import TinyDB:", problems
    )


@pytest.mark.parametrize("layer", ["screens", "widgets"])
def test_screens_and_widgets_never_touch_tinydb(graph: Graph, layer: str) -> None:
    problems = graph.direct(layer, ("tinydb",))
    assert not problems, report(
        f"winback_tui/{layer} must reach the journal through the store's typed API "
        "(winback_tui.store.Journal), never TinyDB directly:",
        problems,
    )


def test_the_checker_catches_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk itself works: a planted bad import in a fake tree is reported with a chain."""
    fake = tmp_path / PACKAGE
    (fake / "domain").mkdir(parents=True)
    (fake / "screens").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "domain" / "__init__.py").write_text("")
    (fake / "domain" / "rules.py").write_text("from .. import helpers\n")
    (fake / "helpers.py").write_text("def f() -> None:\n    from winback_tui.app import X\n")
    (fake / "app.py").write_text("import textual.app\n")
    (fake / "screens" / "__init__.py").write_text("")
    (fake / "screens" / "home.py").write_text("from tinydb import TinyDB\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "PACKAGE_DIR", fake)
    fake_graph = Graph()
    [problem] = fake_graph.transitive("domain", UI_MODULES)
    assert "winback_tui/domain/rules.py:1" in problem
    assert "winback_tui.domain.rules -> winback_tui.helpers -> winback_tui.app" in problem
    [problem] = fake_graph.direct("screens", ("tinydb",))
    assert "winback_tui/screens/home.py:1" in problem
    assert "from tinydb import TinyDB" in problem
