"""The config file in a real terminal: the command line reads it and the app uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from winback_ui import Spawn, wait_home

pytestmark = pytest.mark.e2e


def test_the_config_files_keymap_and_problems_reach_the_app(spawn: Spawn, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('colour = 1\n[keymap]\n"app.support" = "z"\n', encoding="utf-8")
    term = spawn("--config", str(config))
    wait_home(term)
    # A full screen hides stderr: the ignored key is said inside the app as well.
    term.wait_for(lambda screen: "unknown key 'colour'" in screen)
    term.send("z")
    term.wait_for(lambda screen: "escape closes this page." in screen)
    term.send("q")
    assert term.wait_exit(5) == 0


def test_low_bandwidth_in_the_config_file_uses_256_colours(spawn: Spawn, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("low_bandwidth = true\n", encoding="utf-8")
    term = spawn("--config", str(config))
    wait_home(term)
    out = bytes(term.raw)
    # 256 colours ("38;5;n"), not truecolour ("38;2;r;g;b"), although COLORTERM=truecolor.
    assert b"38;5;" in out and b"38;2;" not in out
    term.send("q")
    assert term.wait_exit(5) == 0
