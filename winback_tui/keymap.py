"""The user's keymap: every winback binding by its id, and the ``[keymap]`` checks.

Every :class:`~textual.binding.Binding` of winback has a stable id
(``app.<name>`` for the keys that work everywhere, ``<screen>.<name>`` for a
screen's or a widget's). The config file's ``[keymap]`` maps ids to keys; the
app hands what passes :func:`check_keymap` to Textual's ``App.set_keymap``,
which swaps the keys wherever a binding with that id is in force (help and
the footer read the live bindings, so they show the keys in force).

A remap is refused, with one line naming the id and the reason, and the id
keeps its default key, when the id is unknown, the key is not one Textual
knows, the key would not reach winback over SSH or inside tmux (Alt, Meta,
Super, function keys, ctrl with anything but a letter), or the key is already
taken where the binding works (see :func:`active_together`).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.keys import (
    KEY_NAME_REPLACEMENTS,
    KEY_TO_UNICODE_NAME,
    Keys,
    format_key,
    key_to_character,
)
from textual.keys import _normalize_key_list as normalize_keys
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

#: Where winback's screens and widgets live: every class there with bindings counts.
BINDING_PACKAGES = ("winback_tui.screens", "winback_tui.widgets")

#: Keys Textual itself binds on every screen (focus moves, copy, quit, the palette).
TEXTUAL_KEYS = {
    "tab": "moving to the next part of the screen",
    "shift+tab": "moving to the previous part of the screen",
    "ctrl+c": "copying selected text",
    "ctrl+q": "quitting at once",
    "ctrl+p": "the command palette",
}

#: Modifiers that a terminal, tmux or SSH do not pass on reliably.
_LOST_MODIFIERS = ("alt", "meta", "super", "hyper", "option", "cmd")
_NAMED_KEYS = (
    {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
    | set(KEY_TO_UNICODE_NAME)
    | set(KEY_NAME_REPLACEMENTS.values())
    | {"space", "enter", "tab", "backspace", "escape"}
)


@dataclass(frozen=True)
class Bound:
    """One winback binding, with its id and the class that declares it."""

    id: str
    key: str
    action: str
    description: str
    show: bool
    priority: bool
    owner: type[Any]

    @property
    def kind(self) -> str:
        """``app``, ``modal`` (an overlay), ``screen`` or ``widget``."""
        if issubclass(self.owner, App):
            return "app"
        if issubclass(self.owner, ModalScreen):
            return "modal"
        return "screen" if issubclass(self.owner, Screen) else "widget"


def declared_bindings(cls: type[Any]) -> list[Bound]:
    """The bindings ``cls`` itself declares (not those it inherits), one per key."""
    found: list[Bound] = []
    for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
        found.append(
            Bound(
                id=binding.id or "",
                key=binding.key,
                action=binding.action,
                description=binding.description,
                show=binding.show,
                priority=binding.priority,
                owner=cls,
            )
        )
    return found


def _classes(packages: Iterable[str]) -> list[type[Any]]:
    """Every class defined in winback's screen and widget modules (all imported)."""
    seen: dict[str, type[Any]] = {}
    for name in packages:
        package = importlib.import_module(name)
        modules = [package]
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            modules.append(importlib.import_module(info.name))
        for module in modules:
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Widget)
                    and value.__module__ == module.__name__
                ):
                    seen[f"{value.__module__}.{value.__qualname__}"] = value
    return list(seen.values())


def all_bindings(app_class: type[App[Any]]) -> list[Bound]:
    """Every winback binding: the app's, then each screen's and widget's, in source order."""
    bound = declared_bindings(app_class)
    for cls in _classes(BINDING_PACKAGES):
        bound += declared_bindings(cls)
    return bound


def active_together(a: Bound, b: Bound) -> bool:
    """Whether ``a`` and ``b`` can both be in force at one moment (so must differ in key).

    A little wider than the truth where it cannot be known without building
    every screen: a widget's keys count as in force on every screen.
    """
    if a.owner is b.owner or issubclass(a.owner, b.owner) or issubclass(b.owner, a.owner):
        return True
    kinds = {a.kind, b.kind}
    if "app" in kinds:
        app_side, other = (a, b) if a.kind == "app" else (b, a)
        # An overlay cuts the app's keys off, except the priority ones.
        return app_side.priority or other.kind != "modal"
    return kinds in ({"screen", "widget"}, {"modal", "widget"})


def key_problem(key: str) -> str | None:
    """Why ``key`` (normalized, as Textual writes it) cannot be used, or None."""
    if not key:
        return "is empty"
    *modifiers, base = key.split("+")
    lost = [m for m in modifiers if m in _LOST_MODIFIERS]
    if lost:
        return f"needs {lost[0].title()}, which does not reach winback over SSH or inside tmux"
    if base.lower() in {f"f{n}" for n in range(1, 25)}:
        return "is a function key, which not every terminal sends (nor tmux, nor SSH)"
    unknown = [m for m in modifiers if m not in ("ctrl", "shift")]
    if unknown or not base:
        return "is not a key name winback knows (write it as Textual does, e.g. ctrl+u or U)"
    if len(base) != 1 and base not in _NAMED_KEYS and key_to_character(base) is None:
        return "is not a key name winback knows (write it as Textual does, e.g. ctrl+u or U)"
    if "ctrl" in modifiers and not (len(base) == 1 and base.isascii() and base.isalpha()):
        return "is ctrl with a key other than a letter, which many terminals cannot send"
    if "shift" in modifiers and base != "tab":
        return "uses shift, which terminals send as the capital letter: write that instead"
    return None


def check_keymap(
    keymap: Mapping[str, str], bindings: list[Bound]
) -> tuple[dict[str, str], list[str]]:
    """Keep the remaps that are safe; one line for each refused one (it keeps its default).

    Args:
        keymap: binding id -> keys, as the config file gives them.
        bindings: every winback binding (:func:`all_bindings`).

    Returns:
        The keymap to hand to ``App.set_keymap`` (keys in Textual's long form) and
        the problems, one line each, in the order of the file.
    """
    ids = sorted({b.id for b in bindings if b.id})
    order = list(keymap)
    problems: list[tuple[int, str]] = []
    accepted: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in ids:
            close = difflib.get_close_matches(binding_id, ids, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                (
                    order.index(binding_id),
                    f"keymap: no key has the id {binding_id!r}{hint}; ignored it",
                )
            )
            continue
        normal = normalize_keys(keys)
        bad = next(((k, p) for k in normal.split(",") if (p := key_problem(k)) is not None), None)
        if bad is not None:
            problems.append(
                (
                    order.index(binding_id),
                    f"keymap: {binding_id} = {keys!r}: {_display(bad[0])} {bad[1]}; "
                    f"kept {default_keys(binding_id, bindings)}",
                )
            )
            continue
        accepted[binding_id] = normal
    # A clash may only show once every remap is in place (two ids on one key,
    # or a swap): refuse the later remap of each clash until none is left.
    while True:
        clash = _first_clash(accepted, bindings, order)
        if clash is None:
            break
        refused, key, other = clash
        problems.append(
            (
                order.index(refused),
                f"keymap: {refused} = {keymap[refused]!r}: {_display(key)} is already "
                f"{other}; kept {default_keys(refused, bindings)}",
            )
        )
        del accepted[refused]
    return accepted, [line for _, line in sorted(problems, key=lambda p: p[0])]


def _first_clash(
    keymap: Mapping[str, str], bindings: list[Bound], order: list[str]
) -> tuple[str, str, str] | None:
    """(remapped id to refuse, the key, what the key already does), or None."""
    for binding_id in [i for i in order if i in keymap]:
        keys = keymap[binding_id].split(",")
        for key in keys:
            if key in TEXTUAL_KEYS:
                return binding_id, key, f"Textual's own key for {TEXTUAL_KEYS[key]}"
        mine = [b for b in bindings if b.id == binding_id]
        for other in bindings:
            if other.id == binding_id:
                continue
            other_keys = keymap[other.id].split(",") if other.id in keymap else [other.key]
            shared = [k for k in keys if k in other_keys]
            if not shared or not any(active_together(m, other) for m in mine):
                continue
            # Of two remapped ids on one key, the one later in the file gives way.
            if other.id in keymap and order.index(other.id) > order.index(binding_id):
                return other.id, shared[0], _what(binding_id, bindings)
            return binding_id, shared[0], _what(other.id, bindings, other)
    return None


def _what(binding_id: str, bindings: list[Bound], which: Bound | None = None) -> str:
    found = which or next(b for b in bindings if b.id == binding_id)
    label = found.description or found.action
    return f"{label!r} ({binding_id}) on the same screen"


def _display(key: str) -> str:
    """A key as help shows it: ``?`` for ``question_mark``, quoted."""
    return repr(format_key(key))


def default_keys(binding_id: str, bindings: list[Bound]) -> str:
    """``its default key 'x'`` in words (several keys, comma-separated)."""
    keys = list(dict.fromkeys(b.key for b in bindings if b.id == binding_id))
    shown = ",".join(format_key(k) for k in keys)
    return f"its default key {shown!r}" if keys else "its default"


def keys_in_force(keymap: Mapping[str, str], bindings: list[Bound]) -> dict[str, str]:
    """Every binding id with the keys it answers to now (after ``keymap``), in source order."""
    keys: dict[str, list[str]] = {}
    for b in bindings:
        if b.id:
            keys.setdefault(b.id, [])
            if b.key not in keys[b.id]:
                keys[b.id].append(b.key)
    return {i: keymap.get(i) or ",".join(k) for i, k in keys.items()}


def binding_table(bindings: list[Bound]) -> str:
    """The README's table of binding ids: id, default key, what it does (Markdown)."""
    rows: dict[str, tuple[list[str], list[str]]] = {}
    for b in bindings:
        keys, what = rows.setdefault(b.id, ([], []))
        if b.key not in keys:
            keys.append(b.key)
        label = b.description or "(nothing: escape cannot close the lock)"
        if label not in what:
            what.append(label)
    lines = ["| Id | Default key | What it does |", "| --- | --- | --- |"]
    for binding_id, (keys, what) in rows.items():
        shown = " ".join(f"`{k}`" for k in keys)
        lines.append(f"| `{binding_id}` | {shown} | {' / '.join(what)} |")
    return "\n".join(lines)


def main() -> None:
    """Print the README's binding table (``python -m winback_tui.keymap``)."""
    from winback_tui.app import WinbackApp

    print(binding_table(all_bindings(WinbackApp)))


if __name__ == "__main__":
    main()
