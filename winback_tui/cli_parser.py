"""The command line's parser: every option and sub-command ``winback --help`` lists."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from winback_tui import __version__
from winback_tui.cli_capture import add_capture_commands
from winback_tui.cli_config import add_config_command, add_config_option

ENV_DB = "WINBACK_DB"


def default_journal_path() -> Path:
    """Where the journal lives when neither ``--db`` nor ``WINBACK_DB`` is given."""
    import platformdirs  # only when no journal path was given

    return platformdirs.user_data_path("winback") / "journal.json"


def _add_db_option(parser: argparse.ArgumentParser, *, suppress: bool, shown: bool = True) -> None:
    # shown=False: a parser that never prints help need not find the default path.
    where = default_journal_path() if shown else "the default"
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=argparse.SUPPRESS if suppress else None,
        help=f"journal file to use (default: ${ENV_DB}, else {where})",
    )


def _add_passphrase_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS if suppress else None,
        help="read the passphrase from the first line of FILE instead of asking "
        "(for scripts and tests; keep FILE private)",
    )


def _add_crypt_commands(commands: Any) -> None:
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt the journal (and its backups) with a passphrase",
        description=(
            "Encrypt the journal, its backups and the copies kept beside it with a new "
            "passphrase, asked twice. A recovery code is shown once: with the passphrase "
            "or the code the journal opens; without both, what you wrote is gone."
        ),
    )
    _add_db_option(encrypt, suppress=True)
    _add_passphrase_option(encrypt, suppress=True)
    change = commands.add_parser(
        "passphrase",
        help="change the passphrase of an encrypted journal (or set one with --recover)",
        description=(
            "Asks for the current passphrase (or, with --recover, the recovery code), "
            "then the new one twice. Only the key's wrap is rewritten; the text is not."
        ),
    )
    _add_db_option(change, suppress=True)
    _add_passphrase_option(change, suppress=True)
    change.add_argument(
        "--recover", action="store_true", help="use the recovery code instead of the passphrase"
    )
    change.add_argument(
        "--new-passphrase-file", metavar="FILE", type=Path, help="read the new passphrase from FILE"
    )
    change.add_argument(
        "--recovery-code-file", metavar="FILE", type=Path, help="read the recovery code from FILE"
    )
    decrypt = commands.add_parser(
        "decrypt",
        help="write an encrypted journal back as plain JSON",
        description=(
            "Asks for the passphrase and a confirmation, then writes the journal and the "
            "backups with its key back as plain JSON, readable by anyone who can read "
            "the files."
        ),
    )
    _add_db_option(decrypt, suppress=True)
    _add_passphrase_option(decrypt, suppress=True)
    decrypt.add_argument("--yes", action="store_true", help="do not ask for a confirmation")


#: Every sub-command's name; a word on the command line that is one of them
#: takes the full parser (``tests/test_cli_quick_parse.py`` keeps this in step).
COMMANDS = frozenset(
    {
        "encrypt",
        "passphrase",
        "decrypt",
        "write",
        "urge",
        "config",
        "restore-backup",
        "accept-edit",
        "export",
        "import",
    }
)


class _NotQuick(Exception):
    """The quick parser cannot take this command line: the full one must."""


class _QuickParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotQuick(message)


def _top_level(parser: argparse.ArgumentParser, *, shown: bool) -> argparse.ArgumentParser:
    """The options before any sub-command (``shown``: the parser can print its help)."""
    if shown:
        parser.add_argument("--version", action="version", version=f"winback {__version__}")
    parser.add_argument(
        "--low-bandwidth",
        action="store_true",
        help=(
            "spare a slow link: no animation, fewer frames a second, 256 colours"
            " (on by itself over SSH, when SSH_CONNECTION is set)"
        ),
    )
    _add_db_option(parser, suppress=False, shown=shown)
    _add_passphrase_option(parser, suppress=False)
    add_config_option(parser)
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """What ``build_parser().parse_args(argv)`` gives, sooner when no sub-command is named.

    Building every sub-command's parser costs a few milliseconds of each start
    (argparse looks up translations for each). A command line that names no
    sub-command is read first by a parser of the top-level options alone; it
    has no ``--help`` or ``--version`` and stops at anything it does not
    take, and then the full parser reads the same words, so help, versions and
    every error come from the full parser, word for word.
    """
    words = sys.argv[1:] if argv is None else list(argv)
    if not COMMANDS.intersection(words):
        quick = _top_level(_QuickParser(prog="winback", add_help=False), shown=False)
        quick.set_defaults(command=None)
        try:
            args, rest = quick.parse_known_args(words)
        except _NotQuick:
            rest = words
        if not rest:
            return args
    return build_parser().parse_args(words)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser; ``--db`` works before or after a sub-command."""
    parser = _top_level(
        argparse.ArgumentParser(
            prog="winback",
            description=(
                "A private, keyboard-first coach for the weeks after a breakup. "
                "Everything you write stays in one file on this machine."
            ),
            epilog="Keys inside the app: 1-4 steps, 0 home, ? help, q quit (saves first).",
        ),
        shown=True,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_crypt_commands(commands)
    add_capture_commands(commands, _add_db_option, _add_passphrase_option)
    add_config_command(commands, lambda sub: _add_db_option(sub, suppress=True))
    restore = commands.add_parser(
        "restore-backup",
        help="put the newest good backup (or a chosen one) in place of the journal",
        description=(
            "Restore a backup kept beside the journal (NAME.backup-1 is the newest). "
            "The current journal file is moved aside, never deleted."
        ),
    )
    _add_db_option(restore, suppress=True)
    restore.add_argument("--list", action="store_true", help="list the backups and stop")
    restore.add_argument("--from", dest="source", type=Path, help="restore this backup file")
    restore.add_argument(
        "--force", action="store_true", help="restore even though the journal loads fine"
    )
    accept = commands.add_parser(
        "accept-edit",
        help="keep a hand edit of a journal that no longer matches its index",
        description=(
            "A journal whose bytes disagree with its own index (damaged, or edited by "
            "hand) is refused. If you edited it on purpose, this shows what changed, "
            "table by table, against the newest good backup, asks, and then writes "
            "the journal again with a fresh index. If you did not, restore a backup "
            "instead: winback restore-backup."
        ),
    )
    _add_db_option(accept, suppress=True)
    accept.add_argument(
        "--yes", action="store_true", help="keep the edit without asking (after showing it)"
    )
    export = commands.add_parser(
        "export",
        help="write the journal as a Markdown document, as complete JSON, or the "
        "daily check-ins as CSV",
        description=(
            "Write everything in the journal to standard output, or to a new file with "
            "--output (created readable by you alone). Markdown reads as a document, "
            "grouped by step and day; JSON holds every record and can be imported. "
            "CSV has one row per day with a check-in or an entry: "
            "date,mood,confidence,calm,entry_words,step; it counts the words of each "
            "day's entry but never holds the words themselves. "
            "Exporting only reads, so it works while winback is open."
        ),
    )
    _add_db_option(export, suppress=True)
    export.add_argument(
        "--format",
        choices=("markdown", "json", "csv"),
        default="markdown",
        help="markdown (default) to read, json to keep or import, csv for a spreadsheet "
        "(ratings and word counts by day, no text)",
    )
    export.add_argument(
        "--output", "-o", metavar="FILE", type=Path, help="write to FILE instead of stdout"
    )
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (refused otherwise)"
    )
    export.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the export (with the journal's passphrase, or a new one for a plain "
        "journal); without it an export is plain text, even of an encrypted journal",
    )
    _add_passphrase_option(export, suppress=True)
    importer = commands.add_parser(
        "import",
        help="restore a JSON export into an empty journal (or add to one with --merge)",
        description=(
            "Restore a file made by 'winback export --format json'. The journal must be "
            "empty, unless --merge is given: then only records the journal does not "
            "have yet are added, and where both hold a different version of the same "
            "record the journal's own is kept. The whole file is checked first; if "
            "anything is wrong nothing is written."
        ),
    )
    _add_db_option(importer, suppress=True)
    importer.add_argument("file", metavar="FILE", type=Path, help="a JSON export")
    importer.add_argument("--merge", action="store_true", help="add the records the journal lacks")
    _add_passphrase_option(importer, suppress=True)
    return parser
