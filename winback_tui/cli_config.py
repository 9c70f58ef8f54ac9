"""The command line of the config file: ``--config``, ``winback config --print`` / ``--path``.

``--print`` writes the settings in force as a config file would hold them,
each with where its value comes from (``default``, ``config file`` or
``journal``), then the keymap in force (every binding id and its keys), and the
problems found in the file as comments. It only reads: the journal is opened
without its lock, so it works while winback is open.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from winback_tui.config import ENV_CONFIG, FIELDS, Field, Settings, config_path, load_settings

ConfigArgs = argparse.Namespace


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """``--config PATH`` on the top-level parser."""
    parser.add_argument(
        "--config",
        metavar="PATH",
        type=Path,
        default=None,
        help=f"config file to read (default: ${ENV_CONFIG}, else the user config folder's "
        "winback/config.toml; see 'winback config --path')",
    )


def add_config_command(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``config`` sub-command."""
    config = commands.add_parser(
        "config",
        help="show the settings in force (--print) or where the config file is (--path)",
        description=(
            "The config file (TOML) sets the theme, the keymap, the cooling-off and urge "
            "pauses, the idle lock, low-bandwidth mode and your editor. --print shows "
            "every setting in force and where it comes from; --path prints where the "
            "file is read from."
        ),
    )
    add_db(config)
    config.add_argument(
        "--config", metavar="PATH", type=Path, default=argparse.SUPPRESS, help="config file to read"
    )
    which = config.add_mutually_exclusive_group()
    which.add_argument(
        "--print",
        dest="print_settings",
        action="store_true",
        help="print the settings in force, with their sources (the default)",
    )
    which.add_argument("--path", action="store_true", help="print where the config file is")
    config.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="with an encrypted journal: read its passphrase from FILE to show its stored values",
    )


def warn(line: str) -> None:
    """One line on stderr that is not a failure (a setting ignored)."""
    from winback_tui.cli_common import printable

    print(f"winback: {printable(line)}", file=sys.stderr)


def settings_for(args: argparse.Namespace) -> Settings:
    """The config file's settings for this run (problems are on ``Settings.problems``)."""
    option = getattr(args, "config", None)
    explicit = bool(option) or bool(os.environ.get(ENV_CONFIG))
    settings, _problems = load_settings(config_path(option, os.environ), explicit=explicit)
    return settings


def config_command(journal_path: Path, args: argparse.Namespace) -> int:
    """``winback config``: exit 0, whatever the file holds."""
    settings = settings_for(args)
    if args.path:
        print(settings.path)
        return 0
    for line in print_lines(settings, _stored(journal_path, args)):
        print(line)
    return 0


def _stored(path: Path, args: argparse.Namespace) -> dict[str, object] | str:
    """The journal's stored settings, or why they cannot be shown."""
    from winback_tui.cli_crypt import NoSecret, secret_from_file
    from winback_tui.store import Journal, JournalError
    from winback_tui.store.export import open_for_export

    if not path.exists():
        return f"none yet at {path}"
    try:
        header = Journal.encryption(path)
        vault = None
        if header is not None:
            file = getattr(args, "passphrase_file", None)
            if file is None:
                return "encrypted; add --passphrase-file to show its stored values"
            vault = header.unlock(path, secret_from_file(file))
        journal = open_for_export(path, vault=vault)
    except (JournalError, NoSecret) as exc:
        return f"not read ({exc})"
    try:
        names = ("theme", "cooling_off_minutes", "urge_pause_minutes", "lock_after_minutes")
        return {n: v for n in names if (v := journal.get_setting(n)) is not None}
    finally:
        journal.close()


def _defaults() -> dict[str, object]:
    from textual import constants

    from winback_tui.app_lock import DEFAULT_IDLE_LOCK_MINUTES
    from winback_tui.domain.reconnect import DEFAULT_COOLING_OFF_MINUTES
    from winback_tui.domain.urges import DEFAULT_PAUSE_MINUTES

    return {
        "theme": constants.DEFAULT_THEME,
        "low_bandwidth": False,
        "editor": None,
        "cooling_off_minutes": DEFAULT_COOLING_OFF_MINUTES,
        "urge_pause_minutes": DEFAULT_PAUSE_MINUTES,
        "lock_after_minutes": DEFAULT_IDLE_LOCK_MINUTES,
    }


def _journal_value(spec: Field, stored: dict[str, object]) -> object | None:
    """The journal's stored value for ``spec``, if it is one winback would use."""
    from textual.theme import BUILTIN_THEMES

    from winback_tui.domain.reconnect import cooling_off_from_setting
    from winback_tui.domain.urges import pause_from_setting

    value = stored.get(spec.attribute)
    if value is None:
        return None
    if spec.attribute == "theme":
        return value if isinstance(value, str) and value in BUILTIN_THEMES else None
    if spec.attribute == "cooling_off_minutes":
        return cooling_off_from_setting(value)
    if spec.attribute == "urge_pause_minutes":
        return pause_from_setting(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def print_lines(settings: Settings, stored: dict[str, object] | str) -> list[str]:
    """What ``winback config --print`` writes: the settings as TOML, each with its source."""
    from winback_tui.app import WinbackApp
    from winback_tui.cli_common import printable
    from winback_tui.keymap import all_bindings, check_keymap, keys_in_force

    bindings = all_bindings(WinbackApp)
    keymap, refused = check_keymap(settings.keymap, bindings)
    problems = list(settings.problems) + _theme_problem(settings) + refused
    exists = settings.path is not None and settings.path.is_file()
    lines = [
        f"# config file: {settings.path}" + ("" if exists else " (not there: built-in defaults)"),
    ]
    if isinstance(stored, str):
        lines.append(f"# journal: {stored}")
        stored = {}
    if problems:
        lines.append("# problems (each ignored; the usual value applies):")
        lines += [f"#   {p}" for p in problems]
    defaults = _defaults()
    table = ""
    for spec in FIELDS:
        if spec.table != table:
            table = spec.table
            lines += ["", f"[{table}]"]
        value: object | None = getattr(settings, spec.attribute)
        source = "config file"
        if spec.attribute not in settings.from_file or (
            spec.attribute == "theme" and _theme_problem(settings)
        ):
            value = _journal_value(spec, stored)
            source = "journal"
            if value is None:
                value = defaults[spec.attribute]
                source = "default"
        if value is None:
            lines.append(f"# {spec.key} = (not set: $VISUAL, then $EDITOR)  # default")
        else:
            lines.append(f"{spec.key} = {_toml(value)}  # {source}")
    lines += ["", "[keymap]  # every binding id and the keys in force"]
    for binding_id, keys in keys_in_force(keymap, bindings).items():
        source = "config file" if binding_id in keymap else "default"
        lines.append(f'"{binding_id}" = {_toml(keys)}  # {source}')
    return [printable(line) for line in lines]


def _theme_problem(settings: Settings) -> list[str]:
    from textual.theme import BUILTIN_THEMES

    if settings.theme is None or settings.theme in BUILTIN_THEMES:
        return []
    return [
        f"config {settings.path}: theme {settings.theme!r} is not a theme winback knows; ignored it"
    ]
