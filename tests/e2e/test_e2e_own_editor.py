"""ctrl+o in a real terminal: winback hands the screen to $EDITOR and takes the text back.

The editor is a small script written by the test. It draws on the terminal (so
a screen that is not repainted afterwards would show it), records what it was
given into a side file, then edits, fails or empties the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from ptyterm import PtyTerm, squash
from test_e2e_crypt import PASSPHRASE, UNLOCK_PROMPT, _encrypted_journal, _type_passphrase
from winback_ui import EDITOR_HINT, Spawn, journal_data, journal_holds, wait_home

pytestmark = pytest.mark.e2e

CTRL_O = "\x0f"
#: What the fake editor draws: it must be gone once winback is back.
DRAWN = "FAKE EDITOR IS OPEN"

EDITOR = """\
import json, os, stat, sys
path = sys.argv[-1]
with open({side!r}, "w") as side:
    json.dump({{
        "tty": os.isatty(0) and os.isatty(1),
        "file_mode": stat.S_IMODE(os.stat(path).st_mode),
        "folder_mode": stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode),
        "path": path,
        "text": open(path, encoding="utf-8").read(),
    }}, side)
sys.stdout.write("\\x1b[2J\\x1b[H{drawn}\\r\\n")
sys.stdout.flush()
{body}
"""


def fake_editor(tmp_path: Path, body: str) -> tuple[str, Path]:
    side = tmp_path / "editor-saw.json"
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n" + EDITOR.format(side=str(side), drawn=DRAWN, body=body),
        encoding="utf-8",
    )
    script.chmod(0o700)
    return str(script), side


def open_journal_editor(term: PtyTerm) -> None:
    wait_home(term)
    term.send("w")
    term.wait_for("Journal · today")
    term.send("e")
    term.wait_for(EDITOR_HINT)


def back_in_winback(term: PtyTerm) -> str:
    """Wait until winback has drawn itself again; return the screen."""
    term.wait_for(lambda screen: EDITOR_HINT in screen and DRAWN not in screen, 15)
    term.wait_quiet(0.3)
    return term.screen_text()


def entry(journal: Path) -> dict[str, object]:
    data = journal_data(journal)
    table = data["entries"]
    (doc,) = table.values()
    assert isinstance(doc, dict)
    return doc


def test_the_editor_gets_the_terminal_and_its_text_becomes_a_version(
    spawn: Spawn, journal: Path, tmp_path: Path
) -> None:
    command, side = fake_editor(
        tmp_path, "open(path, 'a', encoding='utf-8').write('and a line from vim-land\\n')"
    )
    term = spawn(env={"EDITOR": command})
    open_journal_editor(term)
    term.send("typed here first")
    term.wait_for("typed here first")
    term.send(CTRL_O)
    term.wait_for(lambda screen: side.exists(), 15)
    screen = back_in_winback(term)
    assert "and a line from vim-land" in squash(screen) or term.contains("vim-land")
    assert "Journal" in screen  # the whole screen is back, header to footer
    term.wait_for("· saved", 10)
    term.send_escape()
    term.send("q")
    assert term.wait_exit(15) == 0, term.dump()

    saw = json.loads(side.read_text(encoding="utf-8"))
    assert saw["tty"], "the editor did not get the terminal"
    assert saw["text"] == "typed here first\n"
    assert (saw["file_mode"], saw["folder_mode"]) == (0o600, 0o700)
    assert not Path(saw["path"]).parent.exists()
    doc = entry(journal)
    assert doc["text"] == "typed here first\nand a line from vim-land"
    versions = doc["versions"]
    assert isinstance(versions, list)
    assert [v["text"] for v in versions][-1] == "typed here first"


def test_an_editor_that_exits_non_zero_keeps_the_text(
    spawn: Spawn, journal: Path, tmp_path: Path
) -> None:
    command, _side = fake_editor(tmp_path, "open(path, 'w').write('gone')\nraise SystemExit(3)")
    term = spawn(env={"EDITOR": command})
    open_journal_editor(term)
    term.send("keep every word")
    term.wait_for("keep every word")
    term.send(CTRL_O)
    term.wait_for("exit code 3", 15)
    back_in_winback(term)
    assert term.contains("keep every word")
    term.send_escape()
    term.send("q")
    assert term.wait_exit(15) == 0, term.dump()
    assert journal_holds(journal, "keep every word")
    assert not journal_holds(journal, "gone")


def test_an_emptied_file_asks_and_no_keeps_the_text(
    spawn: Spawn, journal: Path, tmp_path: Path
) -> None:
    command, _side = fake_editor(tmp_path, "open(path, 'w').close()")
    term = spawn(env={"EDITOR": command})
    open_journal_editor(term)
    term.send("not nothing")
    term.wait_for("not nothing")
    term.send(CTRL_O)
    term.wait_for("Save an empty text?", 15)
    term.send("\r")  # enter means no
    term.wait_for(lambda screen: "Save an empty text?" not in screen)
    assert term.contains("not nothing")
    term.send_escape()
    term.send("q")
    assert term.wait_exit(15) == 0, term.dump()
    assert entry(journal)["text"] == "not nothing"


def test_an_encrypted_journal_warns_and_no_opens_no_editor(
    spawn: Spawn, journal: Path, tmp_path: Path, winback_exe: Path
) -> None:
    _encrypted_journal(winback_exe, journal, tmp_path)
    command, side = fake_editor(tmp_path, "")
    term = spawn(env={"EDITOR": command})
    _type_passphrase(term, PASSPHRASE, UNLOCK_PROMPT)
    open_journal_editor(term)
    term.send("private words")
    term.wait_for("private words")
    term.send(CTRL_O)
    term.wait_for("unencrypted", 15)
    term.send("n")
    term.wait_for(lambda screen: "unencrypted" not in screen)
    term.wait_quiet(0.5)
    assert not side.exists(), "the editor ran after a no"
    assert term.contains("private words")
    term.send_escape()
    term.send("q")
    assert term.wait_exit(15) == 0, term.dump()
