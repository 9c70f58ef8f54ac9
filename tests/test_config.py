"""The config file: what it sets, what it refuses (one line, that key only), and the commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from winback_tui.app_settings import journal_pins
from winback_tui.config import (
    ENV_CONFIG,
    MAX_CONFIG_BYTES,
    Settings,
    config_path,
    default_config_path,
    load_settings,
)
from winback_tui.store import Journal
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.urges import UrgesRepo

WINBACK = Path(sys.executable).parent / "winback"

FULL = """\
theme = "nord"
low_bandwidth = true
editor = "nvim -u NONE"
[coach]
cooling_off_minutes = 60
urge_pause_minutes = 15
[lock]
idle_minutes = 0
[keymap]
"app.urge" = "U"
"""


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_gives_the_defaults_and_no_message(tmp_path: Path) -> None:
    settings, problems = load_settings(tmp_path / "config.toml")
    assert problems == []
    assert settings == Settings(path=tmp_path / "config.toml")
    assert settings.theme is None and settings.keymap == {} and settings.low_bandwidth is False
    assert settings.from_file == frozenset()


def test_a_missing_file_named_on_purpose_is_said_once(tmp_path: Path) -> None:
    settings, problems = load_settings(tmp_path / "nope.toml", explicit=True)
    assert len(problems) == 1 and "does not exist" in problems[0]
    assert settings.cooling_off_minutes is None


def test_every_key_is_read(tmp_path: Path) -> None:
    settings, problems = load_settings(write(tmp_path, FULL))
    assert problems == []
    assert settings.theme == "nord"
    assert settings.low_bandwidth is True
    assert settings.editor == "nvim -u NONE"
    assert settings.cooling_off_minutes == 60
    assert settings.urge_pause_minutes == 15
    assert settings.lock_after_minutes == 0
    assert dict(settings.keymap) == {"app.urge": "U"}
    assert settings.from_file == {
        "theme",
        "low_bandwidth",
        "editor",
        "cooling_off_minutes",
        "urge_pause_minutes",
        "lock_after_minutes",
        "keymap",
    }


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("[coach]\ncooling_off_minutes = 0\n", "coach.cooling_off_minutes", "from 1 to 1440"),
        ("[coach]\ncooling_off_minutes = 5000\n", "coach.cooling_off_minutes", "from 1 to 1440"),
        ("[coach]\nurge_pause_minutes = 121\n", "coach.urge_pause_minutes", "from 1 to 120"),
        ('[coach]\nurge_pause_minutes = "ten"\n', "coach.urge_pause_minutes", "whole number"),
        ("[coach]\nurge_pause_minutes = true\n", "coach.urge_pause_minutes", "whole number"),
        ("[lock]\nidle_minutes = -1\n", "lock.idle_minutes", "from 0 to 1440"),
        ("[lock]\nidle_minutes = 2.5\n", "lock.idle_minutes", "whole number"),
        ('low_bandwidth = "yes"\n', "low_bandwidth", "true or false"),
        ("theme = 3\n", "theme", "text in quotes"),
        ('editor = "   "\n', "editor", "is empty"),
        ('[keymap]\n"app.urge" = 5\n', "keymap 'app.urge'", "key in quotes"),
        ('coach = "x"\n', "coach must be a table", "table"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key_and_only_that_key_falls_back(
    tmp_path: Path, text: str, key: str, words: str
) -> None:
    # One good key beside the bad one (TOML refuses a key given twice).
    good = 'theme = "nord"\n' if text.startswith("editor") else 'editor = "vim"\n'
    settings, problems = load_settings(write(tmp_path, good + text))
    assert len(problems) == 1, problems
    assert key in problems[0] and words in problems[0]
    assert "\n" not in problems[0]
    assert settings.problems == tuple(problems)
    # Everything else in the file still applies.
    assert settings.editor == "vim" or settings.theme == "nord"


def test_a_bad_value_keeps_the_good_ones_beside_it(tmp_path: Path) -> None:
    text = "[coach]\ncooling_off_minutes = 0\nurge_pause_minutes = 20\n"
    settings, problems = load_settings(write(tmp_path, text))
    assert len(problems) == 1
    assert settings.cooling_off_minutes is None
    assert settings.urge_pause_minutes == 20


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("[coach]\ncooling_off_minute = 5\n", "'coach.cooling_off_minutes'"),
        ("cooling_off_minutes = 5\n", "'coach.cooling_off_minutes'"),
        ("[lock]\nidle = 5\n", None),
        ("them = 'nord'\n", "'theme'"),
        ("[colours]\nx = 1\n", None),
    ],
)
def test_an_unknown_key_is_named_with_the_nearest_known_one(
    tmp_path: Path, text: str, hint: str | None
) -> None:
    settings, problems = load_settings(write(tmp_path, text))
    assert len(problems) == 1, problems
    assert "unknown key" in problems[0]
    if hint is not None:
        assert f"did you mean {hint}" in problems[0]
    assert settings.cooling_off_minutes is None and settings.theme is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("theme = \n", "is not valid TOML"),
        ("[coach\n", "is not valid TOML"),
        (b"theme = '\xff\xfe'\n", "is not UTF-8"),
        (b"\x00\x01\x02binary", "not a text file"),
        ("# " + "x" * MAX_CONFIG_BYTES + "\n", "larger than"),
    ],
)
def test_a_file_that_cannot_be_used_is_one_line_and_all_defaults(
    tmp_path: Path, content: str | bytes, words: str
) -> None:
    settings, problems = load_settings(write(tmp_path, content))
    assert len(problems) == 1 and words in problems[0], problems
    assert "\n" not in problems[0] and "using the defaults" in problems[0]
    assert settings == Settings(path=tmp_path / "config.toml", problems=tuple(problems))


def test_a_folder_in_place_of_the_file_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    _settings, problems = load_settings(folder)
    assert len(problems) == 1 and "is a folder" in problems[0]


def test_emoji_and_right_to_left_text_are_fine(tmp_path: Path) -> None:
    settings, problems = load_settings(write(tmp_path, 'editor = "محرر 📝"\n'))
    assert problems == [] and settings.editor == "محرر 📝"


def test_the_path_is_the_option_then_the_variable_then_the_default(tmp_path: Path) -> None:
    env = {ENV_CONFIG: str(tmp_path / "env.toml")}
    assert config_path(tmp_path / "flag.toml", env) == tmp_path / "flag.toml"
    assert config_path(None, env) == tmp_path / "env.toml"
    assert config_path(None, {}) == default_config_path()
    assert default_config_path().name == "config.toml"
    assert default_config_path().parent.name == "winback"


def test_the_file_wins_over_the_journal_and_the_journal_keeps_its_own(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal.json")
    try:
        journal.set_setting("cooling_off_minutes", 30)
        journal.set_setting("urge_pause_minutes", 5)
        settings, _ = load_settings(write(tmp_path, FULL))
        journal.pin_settings(journal_pins(settings))
        assert DraftsRepo(journal).create("a letter").rest_minutes == 60
        assert UrgesRepo(journal).pause_minutes() == 15
        assert journal.get_setting("lock_after_minutes") == 0
        assert journal.pinned("cooling_off_minutes")
        journal.pin_settings({})
        assert UrgesRepo(journal).pause_minutes() == 5  # stored, untouched
    finally:
        journal.close()


# ---------------------------------------------------------------- commands


def run(
    tmp_path: Path, *args: str | Path, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    base = {k: v for k, v in os.environ.items() if k not in ("WINBACK_DB", ENV_CONFIG)}
    base.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    base.update(env or {})
    done = subprocess.run(
        [str(WINBACK), *map(str, args)],
        env=base,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_config_path_prints_the_default_option_and_variable(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, "config", "--path")
    assert code == 0
    assert out.strip() == str(tmp_path / "home" / "config" / "winback" / "config.toml")
    env = {ENV_CONFIG: str(tmp_path / "env.toml")}
    assert run(tmp_path, "config", "--path", env=env)[1].strip() == str(tmp_path / "env.toml")
    flag = tmp_path / "flag.toml"
    assert run(tmp_path, "--config", flag, "config", "--path", env=env)[1].strip() == str(flag)


def test_config_print_shows_every_setting_with_its_source(tmp_path: Path) -> None:
    journal = Journal.open(tmp_path / "journal.json")
    journal.set_setting("urge_pause_minutes", 25)
    journal.close()
    path = write(
        tmp_path, 'theme = "nord"\n[coach]\ncooling_off_minutes = 60\n[keymap]\n"app.urge" = "U"\n'
    )
    code, out, err = run(
        tmp_path, "--config", path, "config", "--print", "--db", tmp_path / "journal.json"
    )
    assert code == 0, err
    lines = out.splitlines()
    assert f"# config file: {path}" in lines
    assert 'theme = "nord"  # config file' in lines
    assert "low_bandwidth = false  # default" in lines
    assert "cooling_off_minutes = 60  # config file" in lines
    assert "urge_pause_minutes = 25  # journal" in lines
    assert "idle_minutes = 10  # default" in lines
    assert '"app.urge" = "U"  # config file' in lines
    assert '"app.help" = "question_mark"  # default' in lines
    assert '"step2.new_goal" = "n"  # default' in lines
    # What is printed is itself a config file winback reads without a problem.
    again = tmp_path / "again.toml"
    again.write_text(out, encoding="utf-8")
    assert load_settings(again)[1] == []


def test_config_print_with_a_bad_file_still_exits_0_and_lists_the_problems(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, '[coach]\nurge_pause_minutes = 0\n[keymap]\n"app.help" = "alt+h"\n')
    code, out, _ = run(tmp_path, "--config", path, "config", "--print")
    assert code == 0
    assert "coach.urge_pause_minutes must be from 1 to 120 (got 0)" in out
    assert "app.help = 'alt+h'" in out and "Alt" in out
    assert "urge_pause_minutes = 10  # default" in out
    assert '"app.help" = "question_mark"  # default' in out
    code, out, _ = run(tmp_path, "--config", write(tmp_path, "[[["), "config", "--print")
    assert code == 0 and "is not valid TOML" in out


def test_the_environment_variable_chooses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("[lock]\nidle_minutes = 3\n", encoding="utf-8")
    _, out, _ = run(tmp_path, "config", "--print", env={ENV_CONFIG: str(path)})
    assert "idle_minutes = 3  # config file" in out


def test_config_print_on_an_encrypted_journal_reads_it_only_with_the_passphrase(
    tmp_path: Path,
) -> None:
    db = tmp_path / "journal.json"
    journal = Journal.open(db)
    journal.set_setting("urge_pause_minutes", 25)
    journal.close()
    secret = tmp_path / "pass.txt"
    secret.write_text("a long passphrase here\n", encoding="utf-8")
    code, _, err = run(tmp_path, "encrypt", "--db", db, "--passphrase-file", secret)
    assert code == 0, err
    code, out, _ = run(tmp_path, "config", "--print", "--db", db)
    assert code == 0
    assert "# journal: encrypted; add --passphrase-file" in out
    assert "urge_pause_minutes = 10  # default" in out
    code, out, _ = run(tmp_path, "config", "--print", "--db", db, "--passphrase-file", secret)
    assert code == 0
    assert "urge_pause_minutes = 25  # journal" in out
