"""The home dashboard, step navigation, and quitting cleanly, in a real terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from winback_ui import (
    STEP_TITLES,
    Spawn,
    home_visible,
    in_heading,
    step_heading,
    wait_home,
    welcome_visible,
)

pytestmark = pytest.mark.e2e


def test_home_lists_the_four_steps(spawn: Spawn) -> None:
    term = spawn()
    wait_home(term)
    for title in STEP_TITLES:
        assert term.contains(title), f"{title!r} missing from home\n{term.dump()}"


def test_key_1_opens_step_1_and_0_goes_home(spawn: Spawn) -> None:
    term = spawn()
    wait_home(term)
    heading = step_heading(1)
    # The check below must tell step 1 from home, so home must not pass it.
    assert not in_heading(term.screen_text(), heading), f"home already shows {heading!r}"

    term.send("1")
    term.wait_for(lambda screen: in_heading(screen, heading))

    term.send("0")
    term.wait_for(home_visible)


def test_q_quits_with_0_and_restores_the_terminal(spawn: Spawn) -> None:
    term = spawn()
    wait_home(term)
    term.send("q")
    assert term.wait_exit(5) == 0
    out = bytes(term.raw)
    # The last word on the alternate screen and the cursor is "leave" and "show".
    assert out.rfind(b"\x1b[?1049l") > out.rfind(b"\x1b[?1049h") >= 0
    assert out.rfind(b"\x1b[?25h") > out.rfind(b"\x1b[?25l") >= 0
    # Echo, line editing and output post-processing are back as the shell left them.
    assert term.termios_now() == term.termios_before
    assert not term.group_alive()


def test_q_quits_from_the_first_run_welcome(spawn: Spawn) -> None:
    # The footer under the welcome offers "q Quit": it must work there too.
    term = spawn()
    term.wait_for(welcome_visible)
    term.send("q")
    assert term.wait_exit(5) == 0


def test_the_installed_winback_runs_on_this_python_and_shows_home(
    spawn: Spawn, winback_exe: Path
) -> None:
    # CI runs this suite once per supported Python: the pty test must really start
    # the app on that version (3.12 and 3.13 once stopped at start-up while 3.11
    # worked), so the script's interpreter must be the one running the tests.
    shebang = winback_exe.read_text(encoding="utf-8").splitlines()[0]
    assert shebang.startswith("#!"), shebang
    interpreter = shebang[2:].strip()
    shown = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == str(sys.version_info[:2])
    term = spawn()
    wait_home(term)
    assert not term.contains("internal error"), term.dump()
    for title in STEP_TITLES:
        assert term.contains(title), f"{title!r} missing from home\n{term.dump()}"
