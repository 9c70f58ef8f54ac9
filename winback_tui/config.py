"""The user's settings: what ``config.toml`` holds, with the defaults for what it does not.

This module is the seam the rest of the app reads settings through
(:class:`Settings`, on ``WinbackApp.settings``). Reading and checking the file
lives here too; it imports no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    """The settings in force.

    ``None`` means "not set in the config file": the journal's own stored
    setting (where there is one) or the built-in default applies.

    Attributes:
        theme: a Textual theme name.
        keymap: binding id -> keys (comma-separated, as Textual writes them).
        cooling_off_minutes: how long a draft rests before it can be marked ready.
        urge_pause_minutes: the pause the urge log offers.
        lock_after_minutes: idle minutes before an encrypted journal locks (0: never).
        low_bandwidth: always behave as over a slow link.
        editor: the command for "open in my editor" (else ``$VISUAL``, ``$EDITOR``).
    """

    theme: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)
    cooling_off_minutes: int | None = None
    urge_pause_minutes: int | None = None
    lock_after_minutes: int | None = None
    low_bandwidth: bool = False
    editor: str | None = None
