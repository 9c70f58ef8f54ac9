"""A command line with no sub-command is read by a quicker parser, with the full parser's results.

``cli_parser.parse_arguments`` must give exactly what ``build_parser().parse_args``
gives, for every command line: the same options, and the same help, version
and error (message and exit status) for anything the quick parser does not
take.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from winback_tui import cli_parser
from winback_tui.cli_parser import COMMANDS, build_parser, parse_arguments

#: Words a command line is made of: every top-level option (whole, abbreviated,
#: with ``=``), values, sub-command names, a sub-command's own options, and junk.
WORDS = [
    "--db",
    "--db=j.json",
    "--d",
    "j.json",
    "--low-bandwidth",
    "--low",
    "--passphrase-file",
    "pass.txt",
    "--config",
    "--config=c.toml",
    "c.toml",
    "--version",
    "--vers",
    "-h",
    "--help",
    "--he",
    "--",
    "-",
    "",
    "--nope",
    "-x",
    "stray",
    "Write",
    "export",
    "write",
    "--format",
    "json",
    "--merge",
    "--yes",
    "écrit",
    "\u05e9\u05dc\u05d5\u05dd",
]


def _outcome(parse: Any, argv: list[str]) -> tuple[str, object, str, str]:
    """What parsing ``argv`` gives: the namespace, or the exit status; and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = sorted(vars(parse(argv)).items(), key=lambda kv: kv[0])
            kind = "args"
        except SystemExit as exc:
            result, kind = exc.code, "exit"
    return kind, repr(result), out.getvalue(), err.getvalue()


def _full(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Help is wrapped to the terminal's width: the same width for both.
    monkeypatch.setenv("COLUMNS", "100")


@settings(deadline=None, max_examples=400)
@given(st.lists(st.sampled_from(WORDS), max_size=5))
def test_every_command_line_reads_as_the_full_parser_reads_it(argv: list[str]) -> None:
    assert _outcome(parse_arguments, argv) == _outcome(_full, argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "j.json"],
        ["--db=j.json", "--low-bandwidth"],
        ["--low", "--d", "j.json", "--config", "c.toml", "--passphrase-file", "p"],
    ],
)
def test_a_start_without_a_sub_command_never_builds_the_full_parser(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> argparse.ArgumentParser:
        raise AssertionError("the full parser was built")

    monkeypatch.setattr(cli_parser, "build_parser", refuse)
    args = parse_arguments(argv)
    assert args.command is None


@pytest.mark.parametrize(
    "argv", [["--version"], ["-h"], ["--db"], ["stray"], ["--db", "j", "--nope"], ["--he"]]
)
def test_help_versions_and_errors_come_from_the_full_parser(argv: list[str]) -> None:
    kind, code, out, err = _outcome(parse_arguments, argv)
    assert kind == "exit"
    assert (kind, code, out, err) == _outcome(_full, argv)
    assert "winback" in out + err


def test_the_names_of_the_sub_commands_are_all_known() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == COMMANDS
