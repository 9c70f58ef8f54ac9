"""Lint, format and type checks run with the tests, with the configuration in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Folders git does not track until they hold a file may be missing from a fresh checkout.
CHECKED = [p for p in ("winback_tui", "tests", "benchmarks") if (ROOT / p).is_dir()]


def run_tool(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    output = f"{result.stdout}\n{result.stderr}".strip()
    assert result.returncode == 0, (
        f"`{' '.join(args)}` failed (exit {result.returncode}):\n{output}"
    )


@pytest.mark.slow
def test_ruff_check() -> None:
    run_tool("ruff", "check", *CHECKED)


@pytest.mark.slow
def test_ruff_format() -> None:
    run_tool("ruff", "format", "--check", *CHECKED)


@pytest.mark.slow
def test_mypy() -> None:
    run_tool("mypy")
