"""The package a user installs: what the wheel holds, what it declares, what the README says."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """Build the wheel once, the way a release would (isolated build, hatchling backend)."""
    outdir = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"building the wheel failed:\n{result.stdout}\n{result.stderr}"
    [built] = outdir.glob("winback-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


@pytest.mark.slow
def test_every_stylesheet_ships_inside_the_wheel(wheel: zipfile.ZipFile) -> None:
    sheets = sorted(p.name for p in (ROOT / "styles").glob("*.tcss"))
    assert sheets, "no styles/*.tcss found in the source tree"
    names = set(wheel.namelist())
    missing = [s for s in sheets if f"winback_tui/styles/{s}" not in names]
    assert not missing, (
        f"the wheel lacks {missing} under winback_tui/styles/: an installed winback would start "
        "without its styles (check [tool.hatch.build.targets.wheel.force-include])"
    )


@pytest.mark.slow
def test_wheel_runs_as_a_module_and_declares_the_command(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "winback_tui/__main__.py" in names, "python -m winback_tui would not work"
    [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    lines = [line.replace(" ", "") for line in text.splitlines()]
    assert "[console_scripts]" in lines
    assert "winback=winback_tui.cli:main" in lines, f"no winback command in:\n{text}"


def test_pyproject_declares_the_winback_command() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    assert project["scripts"] == {"winback": "winback_tui.cli:main"}
    assert (ROOT / "winback_tui" / "__main__.py").is_file()


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """The command a newcomer copies from the README is the one CI proves."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [line] = [ln for ln in ci.splitlines() if ln.startswith("readonly TEST_COMMAND=")]
    command = line.split("=", 1)[1].strip('"')
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert command in readme, f"README.md has no line reading exactly: {command}"
    assert "-e '.[test]'" in command and command.endswith(".venv/bin/pytest")


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [ln for ln in readme if ln.startswith("python3 -m venv .venv && ")]
    assert len(commands) >= 2
    start, tests = commands[:2]
    assert start.endswith(".venv/bin/winback"), start
    assert tests.endswith(".venv/bin/pytest"), tests
