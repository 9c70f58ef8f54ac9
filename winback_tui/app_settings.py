"""The config file's settings put to work in the app: keymap, theme, journal pins.

The command line reads ``config.toml`` (:mod:`winback_tui.config`); the app
receives plain :class:`~winback_tui.config.Settings` and applies them here.
Precedence: a command-line flag, then the config file, then what the journal
stores (set from a screen), then the built-in default. The journal's settings
that the file fixes are *pinned* (:meth:`Journal.pin_settings`): every reader
gets the file's value, and a screen that would change one says where it is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from winback_tui.config import Settings

if TYPE_CHECKING:
    from textual.app import App

    from winback_tui.store import Journal

#: Settings attribute -> the journal setting it fixes.
JOURNAL_SETTINGS: Mapping[str, str] = {
    "theme": "theme",
    "cooling_off_minutes": "cooling_off_minutes",
    "urge_pause_minutes": "urge_pause_minutes",
    "lock_after_minutes": "lock_after_minutes",
}


def journal_pins(
    settings: Settings, themes: Mapping[str, object] | None = None
) -> dict[str, object]:
    """The journal settings the config file fixes (a theme only if it exists)."""
    pins: dict[str, object] = {}
    for attribute, name in JOURNAL_SETTINGS.items():
        value = getattr(settings, attribute)
        if value is None or (attribute == "theme" and themes is not None and value not in themes):
            continue
        pins[name] = value
    return pins


def apply_settings(app: App[Any], journal: Journal, settings: Settings) -> list[str]:
    """Apply ``settings`` to ``app`` and ``journal``; return every problem, one line each."""
    problems = list(settings.problems)
    if settings.theme is not None and settings.theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes)[:6])
        problems.append(
            f"config {settings.path}: theme {settings.theme!r} is not a theme winback knows "
            f"(such as {names}); ignored it"
        )
    journal.pin_settings(journal_pins(settings, app.available_themes))
    if settings.keymap:
        # Only with a keymap: finding every binding imports every screen.
        from winback_tui.keymap import all_bindings, check_keymap

        keymap, refused = check_keymap(settings.keymap, all_bindings(type(app)))
        app.set_keymap(keymap)
        problems += refused
    return problems


def pinned_notice(journal: Journal, name: str, app: object) -> str | None:
    """What a screen says instead of changing ``name`` when the config file fixes it."""
    if not journal.pinned(name):
        return None
    settings = getattr(app, "settings", None)
    where = getattr(settings, "path", None) or "the config file"
    return f"Your config file ({where}) sets this; change it there."
