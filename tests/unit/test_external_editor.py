"""The person's own editor: which command, a private scratch file, reading back, no trace left.

The editors here are small Python scripts the tests write: each records the
mode of its file and folder into a side file before it acts, so a test can
check what the editor was handed after the folder is gone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from winback_tui.external_editor import (
    FOLDER_PREFIX,
    VIM_OPTIONS,
    EditOutcome,
    edit_text,
    editor_command,
    full_command,
    is_vim,
    scratch_file,
    scratch_parent,
    sweep_leftovers,
)

RECORDER = """\
import json, os, stat, sys
path = sys.argv[-1]
folder = os.path.dirname(path)
with open({side!r}, "w") as side:
    json.dump({{
        "path": path,
        "argv": sys.argv[1:],
        "file_mode": stat.S_IMODE(os.stat(path).st_mode),
        "folder_mode": stat.S_IMODE(os.stat(folder).st_mode),
        "text": open(path, encoding="utf-8").read(),
    }}, side)
"""


def fake_editor(tmp_path: Path, body: str, name: str = "fake-editor") -> tuple[list[str], Path]:
    """A script that records what it was given, then runs ``body`` (``path`` is the file)."""
    side = tmp_path / f"{name}.json"
    script = tmp_path / name
    script.write_text(
        f"#!{sys.executable}\n" + RECORDER.format(side=str(side)) + body + "\n",
        encoding="utf-8",
    )
    script.chmod(0o700)
    return [str(script)], side


def record(side: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(side.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "scratch"
    folder.mkdir(mode=0o700)
    return folder


def assert_no_trace(side: Path, scratch: Path) -> None:
    seen = record(side)
    path = Path(str(seen["path"]))
    assert not path.exists()
    assert not path.parent.exists()
    assert list(scratch.iterdir()) == []
    assert seen["file_mode"] == 0o600
    assert seen["folder_mode"] == 0o700
    assert path.parent.parent == scratch
    assert path.parent.name.startswith(f"{FOLDER_PREFIX}{os.getpid()}-")


# ---------------------------------------------------------------- the command
def test_configured_editor_wins_then_visual_then_editor() -> None:
    env = {"VISUAL": "vis", "EDITOR": "ed"}
    assert editor_command("mine --flag", env) == ["mine", "--flag"]
    assert editor_command(None, env) == ["vis"]
    assert editor_command("", {"EDITOR": "ed"}) == ["ed"]
    assert editor_command("   ", {"VISUAL": "  ", "EDITOR": "ed"}) == ["ed"]


def test_no_editor_anywhere_is_none() -> None:
    assert editor_command(None, {}) is None
    assert editor_command("", {"VISUAL": "", "EDITOR": " "}) is None


def test_editor_arguments_are_split_like_a_shell() -> None:
    assert editor_command(None, {"EDITOR": "code --wait"}) == ["code", "--wait"]
    assert editor_command("'/opt/my editor/bin/ed' -x", {}) == ["/opt/my editor/bin/ed", "-x"]


def test_unbalanced_quotes_are_one_program_name() -> None:
    assert editor_command('vim "oops', {}) == ['vim "oops']


@pytest.mark.parametrize(
    "command", ["vim", "/usr/bin/vim", "nvim", "/usr/local/bin/nvim", "vim.basic"]
)
def test_vim_and_neovim_get_the_no_trace_options(command: str, tmp_path: Path) -> None:
    target = tmp_path / "f.md"
    argv = full_command([command, "-u", "NONE"], target)
    assert argv == [command, "-u", "NONE", *VIM_OPTIONS, str(target)]
    assert "-n" in argv and argv[argv.index("-i") + 1] == "NONE"
    assert any("noundofile" in part and "nobackup" in part for part in argv)


@pytest.mark.parametrize("command", ["nano", "emacs", "code", "/usr/bin/micro", "vimmy"])
def test_other_editors_get_just_the_file(command: str, tmp_path: Path) -> None:
    target = tmp_path / "f.md"
    assert full_command([command, "--wait"], target) == [command, "--wait", str(target)]


@pytest.mark.skipif(shutil.which("vi") is None, reason="no vi here")
def test_vi_counts_as_vim_only_when_it_is_vim_underneath() -> None:
    found = shutil.which("vi")
    assert found is not None
    underneath = os.path.basename(os.path.realpath(found)).split(".")[0]
    assert is_vim(["vi"]) == (underneath in ("vim", "nvim"))


# ------------------------------------------------------------ editing a text
def test_an_edit_comes_back_and_leaves_no_trace(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(
        tmp_path,
        "open(path, 'a', encoding='utf-8').write('and then I walked home. 🌧\\n')",
    )
    outcome = edit_text("I said sorry,\n", command, parent=scratch)
    assert outcome == EditOutcome("I said sorry,\nand then I walked home. 🌧\n", None, False)
    assert record(side)["text"] == "I said sorry,\n"
    assert_no_trace(side, scratch)


def test_private_modes_whatever_the_umask(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "")
    previous = os.umask(0)
    try:
        edit_text("x", command, parent=scratch)
    finally:
        os.umask(previous)
    assert_no_trace(side, scratch)


def test_an_untouched_text_reads_back_the_same(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "")
    # The file ends with a newline, as text files do; it is not taken as a change.
    assert edit_text("no newline at the end", command, parent=scratch).text == (
        "no newline at the end"
    )
    assert record(side)["text"] == "no newline at the end\n"
    assert edit_text("", command, parent=scratch).text == ""
    assert edit_text("two\n\n", command, parent=scratch).text == "two\n\n"


def test_an_editor_that_exits_non_zero_gives_nothing_back(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(
        tmp_path, "open(path, 'w').write('half-written')\nraise SystemExit(3)"
    )
    outcome = edit_text("my words", command, parent=scratch)
    assert outcome.text is None
    assert outcome.problem is not None and "exit code 3" in outcome.problem
    assert "left as it was" in outcome.problem
    assert_no_trace(side, scratch)


def test_an_editor_killed_by_a_signal_gives_nothing_back(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "import signal\nos.kill(os.getpid(), signal.SIGKILL)")
    outcome = edit_text("my words", command, parent=scratch)
    assert outcome.text is None
    assert outcome.problem is not None and "SIGKILL" in outcome.problem
    assert_no_trace(side, scratch)


def test_an_emptied_file_comes_back_empty(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "open(path, 'w').close()")
    outcome = edit_text("something I wrote", command, parent=scratch)
    assert outcome == EditOutcome("", None, False)
    assert_no_trace(side, scratch)


def test_invalid_utf8_is_replaced_and_said(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "open(path, 'wb').write(b'caf\\xe9 \\xff ok\\n')")
    outcome = edit_text("café", command, parent=scratch)
    assert outcome.text == "caf\ufffd \ufffd ok"
    assert outcome.replaced_bytes
    assert outcome.problem is not None and "UTF-8" in outcome.problem
    assert_no_trace(side, scratch)


def test_windows_line_endings_and_a_bom_are_taken_as_plain_text(
    tmp_path: Path, scratch: Path
) -> None:
    command, _ = fake_editor(
        tmp_path, "open(path, 'wb').write(b'\\xef\\xbb\\xbfone\\r\\ntwo\\r\\n')"
    )
    assert edit_text("x", command, parent=scratch) == EditOutcome("one\ntwo", None, False)


def test_a_megabyte_goes_there_and_back(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "open(path, 'a', encoding='utf-8').write('end')")
    big = ("a line of a long letter, שלום, 🙂\n" * 40_000)[:1_100_000]
    outcome = edit_text(big, command, parent=scratch)
    assert outcome.text == (big if big.endswith("\n") else big + "\n") + "end"
    assert_no_trace(side, scratch)


def test_an_editor_that_is_not_there(scratch: Path) -> None:
    outcome = edit_text("kept", ["/no/such/editor-here", "-x"], parent=scratch)
    assert outcome.text is None
    assert outcome.problem is not None and "/no/such/editor-here" in outcome.problem
    assert "not found" in outcome.problem
    assert list(scratch.iterdir()) == []


def test_an_editor_that_may_not_run(tmp_path: Path, scratch: Path) -> None:
    script = tmp_path / "not-executable"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o600)
    outcome = edit_text("kept", [str(script)], parent=scratch)
    assert outcome.text is None and outcome.problem is not None
    assert list(scratch.iterdir()) == []


def test_an_editor_that_deletes_its_file(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(tmp_path, "os.remove(path)")
    outcome = edit_text("kept", command, parent=scratch)
    assert outcome.text is None and outcome.problem is not None
    assert_no_trace(side, scratch)


def test_files_the_editor_adds_beside_it_go_too(tmp_path: Path, scratch: Path) -> None:
    command, side = fake_editor(
        tmp_path, "open(path + '.swp', 'w').write('copy')\nopen(path + '~', 'w').write('copy')"
    )
    edit_text("secret", command, parent=scratch)
    assert_no_trace(side, scratch)


def test_no_command_is_a_problem_not_a_crash(scratch: Path) -> None:
    outcome = edit_text("kept", [], parent=scratch)
    assert outcome.text is None and outcome.problem is not None


@pytest.mark.skipif(shutil.which("vim") is None, reason="no vim here")
def test_real_vim_leaves_no_swap_undo_backup_or_viminfo(tmp_path: Path, scratch: Path) -> None:
    # A vimrc that asks for every copy winback does not want, all into one folder.
    copies = tmp_path / "copies"
    copies.mkdir()
    vimrc = tmp_path / "vimrc"
    vimrc.write_text(
        f"set nocompatible\nset swapfile directory={copies}//\n"
        f"set undofile undodir={copies}//\nset backup writebackup backupdir={copies}//\n"
        f"set viminfo='20,n{copies}/viminfo\n",
        encoding="utf-8",
    )
    keys = tmp_path / "keys"
    keys.write_text("Goadded in vim\x1b:wq\r", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    # vim needs a terminal: run the very argument list winback would run, in a pty.
    in_a_pty = "import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))"
    with scratch_file("from winback", parent=scratch) as path:
        argv = full_command(["vim", "-u", str(vimrc), "-s", str(keys)], path)
        done = subprocess.run(
            [sys.executable, "-c", in_a_pty, *argv],
            env={**os.environ, "HOME": str(home), "TERM": "xterm"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0
        assert path.read_text(encoding="utf-8") == "from winback\nadded in vim\n"
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert list(copies.iterdir()) == []
    assert list(scratch.iterdir()) == []
    assert [p.name for p in home.rglob("*")] == []


# ------------------------------------------------------- where the file lives
def test_scratch_goes_to_a_private_runtime_folder(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    journal_dir = tmp_path / "journal"
    journal_dir.mkdir()
    assert scratch_parent(journal_dir, {"XDG_RUNTIME_DIR": str(runtime)}) == runtime


def test_an_open_runtime_folder_is_not_used(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    runtime.chmod(0o755)
    journal_dir = tmp_path / "journal"
    journal_dir.mkdir()
    assert scratch_parent(journal_dir, {"XDG_RUNTIME_DIR": str(runtime)}) == journal_dir
    assert scratch_parent(journal_dir, {}) == journal_dir
    assert scratch_parent(None, {"XDG_RUNTIME_DIR": "relative/path"}) is None


# ---------------------------------------------------------------- leftovers
def test_leftovers_of_a_dead_winback_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f"{FOLDER_PREFIX}{pid}-abc123"
    stale.mkdir(mode=0o700)
    (stale / "winback.md").write_text("left behind", encoding="utf-8")
    mine = tmp_path / f"{FOLDER_PREFIX}{os.getpid()}-def456"
    mine.mkdir(mode=0o700)
    other = tmp_path / "winback-editor-notes"
    other.mkdir()
    alien = tmp_path / f"{FOLDER_PREFIX}{pid}-file"
    alien.write_text("not a folder", encoding="utf-8")
    assert sweep_leftovers(tmp_path) == [stale]
    assert not stale.exists()
    assert mine.exists() and other.exists() and alien.exists()


def test_sweeping_a_missing_folder_is_quiet(tmp_path: Path) -> None:
    assert sweep_leftovers(tmp_path / "absent") == []
