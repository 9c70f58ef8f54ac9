"""The user's settings: what ``config.toml`` holds, with the defaults for what it does not.

This module is the seam the rest of the app reads settings through
(:class:`Settings`, on ``WinbackApp.settings``). Reading and checking the file
lives here too; it imports no Textual (the app checks the keymap against its
bindings, and the theme against its themes).

The file is read with :mod:`tomllib`. Nothing in it can stop winback from
starting: a file that cannot be read or parsed gives one line and the
defaults; a bad value, or a key winback does not know, gives one line and is
ignored, every other key still applies.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from winback_tui.domain.reconnect import MAX_COOLING_OFF_MINUTES, MIN_COOLING_OFF_MINUTES
from winback_tui.domain.urges import MAX_PAUSE_MINUTES, MIN_PAUSE_MINUTES

#: The environment variable naming the config file (``--config`` wins over it).
ENV_CONFIG = "WINBACK_CONFIG"

#: A config file larger than this is not read (it cannot be a hand-written config).
MAX_CONFIG_BYTES = 256 * 1024

#: The idle lock's range in minutes (0: never lock); the built-in default is 10.
MIN_LOCK_MINUTES = 0
MAX_LOCK_MINUTES = 24 * 60

#: The longest editor command accepted.
MAX_EDITOR_CHARS = 1000


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
        path: the config file these came from (None: built in, no file read).
        problems: one line for each thing in the file that was ignored, and why.
        from_file: the names (as in :data:`FIELDS`) the file set and that apply.
    """

    theme: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)
    cooling_off_minutes: int | None = None
    urge_pause_minutes: int | None = None
    lock_after_minutes: int | None = None
    low_bandwidth: bool = False
    editor: str | None = None
    path: Path | None = None
    problems: tuple[str, ...] = ()
    from_file: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Field:
    """One setting of the file: where it sits, what it takes, and its Settings name."""

    table: str  # "" for the top level
    key: str
    attribute: str
    kind: str  # "str", "bool", "int" or "command"
    low: int = 0
    high: int = 0
    what: str = ""

    @property
    def dotted(self) -> str:
        """The name the user reads: ``coach.cooling_off_minutes``."""
        return f"{self.table}.{self.key}" if self.table else self.key


#: Every setting the file may hold, in the order ``winback config --print`` lists them.
FIELDS: tuple[Field, ...] = (
    Field("", "theme", "theme", "str", what="the colour theme (a Textual theme name)"),
    Field("", "low_bandwidth", "low_bandwidth", "bool", what="always spare a slow link"),
    Field("", "editor", "editor", "command", what="the command for your own editor"),
    Field(
        "coach",
        "cooling_off_minutes",
        "cooling_off_minutes",
        "int",
        MIN_COOLING_OFF_MINUTES,
        MAX_COOLING_OFF_MINUTES,
        "how long a draft rests before it can be marked ready",
    ),
    Field(
        "coach",
        "urge_pause_minutes",
        "urge_pause_minutes",
        "int",
        MIN_PAUSE_MINUTES,
        MAX_PAUSE_MINUTES,
        "the pause after noting an urge",
    ),
    Field(
        "lock",
        "idle_minutes",
        "lock_after_minutes",
        "int",
        MIN_LOCK_MINUTES,
        MAX_LOCK_MINUTES,
        "idle minutes before an encrypted journal locks (0: never)",
    ),
)

#: The tables the file may hold (``keymap`` maps binding ids to keys).
TABLES = ("coach", "lock", "keymap")


def default_config_path() -> Path:
    """``platformdirs.user_config_path("winback")/config.toml``."""
    import platformdirs  # only when no config path was given

    return platformdirs.user_config_path("winback") / "config.toml"


def config_path(option: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """Choose the config file: ``--config PATH``, then ``$WINBACK_CONFIG``, then the default."""
    if option:
        return Path(option).expanduser()
    if environ.get(ENV_CONFIG):
        return Path(environ[ENV_CONFIG]).expanduser()
    return default_config_path()


def read_config_text(path: Path) -> str:
    """The text of the config file (empty when it does not exist).

    Raises:
        ValueError: it cannot be used, with the reason in words.
    """
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return ""
    except IsADirectoryError:
        raise ValueError("is a folder, not a file") from None
    except PermissionError:
        raise ValueError("cannot be read (permission denied)") from None
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ValueError(f"is larger than {MAX_CONFIG_BYTES // 1024} KB; is it really the config?")
    if b"\x00" in raw:
        raise ValueError("is not a text file (it holds NUL bytes)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte {exc.start + 1})") from None


def load_settings(path: Path, *, explicit: bool = False) -> tuple[Settings, list[str]]:
    """Read ``path`` into settings; return them with one line per problem.

    Never raises for anything in the file. A missing file gives the defaults
    silently, unless ``explicit`` (the user named it with ``--config`` or
    ``$WINBACK_CONFIG``): then one line says so.
    """
    where = str(path)
    try:
        text = read_config_text(path)
    except ValueError as exc:
        return _defaults(path, [f"config {where} {exc}; using the defaults"])
    if not text and explicit and not path.exists():
        return _defaults(path, [f"config {where} does not exist; using the defaults"])
    if not text.strip():
        return _defaults(path, [])  # no file (or an empty one): nothing to parse
    import tomllib  # here: most people have no config file, and start-up need not pay

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _defaults(path, [f"config {where} is not valid TOML ({exc}); using the defaults"])
    problems: list[str] = []
    values: dict[str, Any] = {}
    _check_unknown(data, where, problems)
    for spec in FIELDS:
        table: object = data.get(spec.table) if spec.table else data
        if not isinstance(table, dict) or spec.key not in table:
            continue
        value, problem = _check(spec, table[spec.key])
        if problem is not None:
            problems.append(f"config {where}: {spec.dotted} {problem}; ignored it")
        else:
            values[spec.attribute] = value
    keymap = _check_keymap(data.get("keymap"), where, problems)
    settings = Settings(
        **values,
        keymap=keymap,
        path=path,
        problems=tuple(problems),
        from_file=frozenset(values) | ({"keymap"} if keymap else set()),
    )
    return settings, problems


def _defaults(path: Path, problems: list[str]) -> tuple[Settings, list[str]]:
    return Settings(path=path, problems=tuple(problems)), problems


def _check(spec: Field, value: object) -> tuple[object, str | None]:
    """The value if it is right for ``spec``, else a problem in words."""
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value, None
        return None, f"must be true or false (got {_shown(value)})"
    if spec.kind == "int":
        # TOML's true is a bool, and a bool is an int to Python: refused here.
        if not isinstance(value, int) or isinstance(value, bool):
            return None, f"must be a whole number of minutes (got {_shown(value)})"
        if not spec.low <= value <= spec.high:
            return None, f"must be from {spec.low} to {spec.high} (got {value})"
        return value, None
    if not isinstance(value, str):
        return None, f"must be text in quotes (got {_shown(value)})"
    if not value.strip():
        return None, "is empty"
    if spec.kind == "command" and (len(value) > MAX_EDITOR_CHARS or "\x00" in value):
        return None, "is not a usable command"
    return value.strip(), None


def _check_unknown(data: Mapping[str, object], where: str, problems: list[str]) -> None:
    """One line for each key winback does not know, with the nearest known one."""
    known_top = {spec.key for spec in FIELDS if not spec.table} | set(TABLES)
    known = [spec.dotted for spec in FIELDS] + ["keymap"]
    for name, value in data.items():
        if name not in known_top:
            problems.append(f"config {where}: unknown key {name!r}{_nearest(name, known)}; ignored")
        elif name in TABLES and not isinstance(value, dict):
            problems.append(
                f"config {where}: {name} must be a table ([{name}]), not {_shown(value)}; ignored"
            )
        elif name in TABLES and name != "keymap" and isinstance(value, dict):
            for key in value:
                dotted = f"{name}.{key}"
                if dotted not in known:
                    problems.append(
                        f"config {where}: unknown key {dotted!r}{_nearest(dotted, known)}; ignored"
                    )


def _nearest(name: str, known: list[str]) -> str:
    """ ", did you mean 'x'?" for the nearest known key, or nothing."""
    tail = {spec.key: spec.dotted for spec in FIELDS}
    last = name.rpartition(".")[2]
    if last in tail and tail[last] != name:
        return f" (did you mean {tail[last]!r}?)"
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if not close:
        close = [tail[m] for m in difflib.get_close_matches(last, list(tail), n=1, cutoff=0.6)]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_keymap(table: object, where: str, problems: list[str]) -> dict[str, str]:
    """The ``[keymap]`` entries that are text; one line for each that is not."""
    if not isinstance(table, dict):
        return {}
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            problems.append(
                f"config {where}: keymap {binding_id!r} must be a key in quotes, such as "
                f'"ctrl+u" (got {_shown(keys)}); kept its default key'
            )
            continue
        keymap[binding_id] = keys.strip()
    return keymap


def _shown(value: object) -> str:
    """A value as the user wrote it in TOML, short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."
