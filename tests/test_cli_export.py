"""``winback export`` and ``winback import``, run as the installed command.

Never on the real home: every run gets its own HOME and XDG folders.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.export_fixture import make
from winback_tui.store import Journal

WINBACK = Path(sys.executable).parent / "winback"

Run = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def run(home: Path) -> Run:
    """Run ``winback`` with HOME and XDG folders inside the test's temp dir."""

    def runner(
        *args: str | Path, umask: int | None = None, tz: str | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        env = {k: v for k, v in os.environ.items() if k != "WINBACK_DB"}
        if tz is not None:
            env["TZ"] = tz
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
        )

        def set_umask() -> None:
            if umask is not None:
                os.umask(umask)

        return subprocess.run(
            [str(WINBACK), *map(str, args)],
            env=env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
            preexec_fn=set_umask,
        )

    return runner


def one_error_line(result: subprocess.CompletedProcess[bytes], *names: Path | str) -> str:
    """Exit 2, one line on stderr naming each of ``names``, no traceback."""
    err = result.stderr.decode()
    assert result.returncode == 2, f"exit {result.returncode}\n{err}"
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for name in names:
        assert str(name) in lines[0], f"{name} not named in {lines[0]}"
    return lines[0]


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with every kind of record (2 MB of text), built once."""
    path = tmp_path_factory.mktemp("full") / "journal.json"
    make(path)
    return path


@pytest.fixture(scope="module")
def export_file(full: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("exports") / "export.json"
    result = subprocess.run(
        [str(WINBACK), "export", "--format", "json", "--db", str(full)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    target.write_bytes(result.stdout)
    return target


def test_help_documents_export_and_import(run: Run) -> None:
    top = run("--help").stdout.decode()
    assert "export" in top and "import" in top
    export_help = run("export", "--help").stdout.decode()
    for needle in ("--format", "markdown", "json", "--output", "--force", "--db"):
        assert needle in export_help
    import_help = run("import", "--help").stdout.decode()
    for needle in ("--merge", "--db", "FILE"):
        assert needle in import_help


def test_round_trip_through_the_command_gives_identical_json(
    run: Run, export_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "restored" / "journal.json"
    result = run("import", export_file, "--db", target)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("added ")
    again = run("--db", target, "export", "--format", "json")
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout == export_file.read_bytes()


def test_merge_twice_adds_nothing_the_second_time(
    run: Run, export_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    with Journal.open(target) as journal:
        journal.save_reflection(4, "mine", "Written on this machine.")
    first = run("import", "--merge", export_file, "--db", target)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout.decode().startswith("added ")
    after_first = target.read_bytes()
    second = run("--db", target, "import", export_file, "--merge")
    assert second.returncode == 0, second.stderr.decode()
    assert second.stdout.decode().startswith("added nothing")
    assert target.read_bytes() == after_first


def test_db_works_before_and_after_the_sub_command(run: Run, full: Path) -> None:
    before = run("--db", full, "export", "--format", "json")
    after = run("export", "--format", "json", "--db", full)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert json.loads(before.stdout)["tables"]["reflections"]


def test_export_writes_a_private_file_even_under_umask_000(
    run: Run, full: Path, tmp_path: Path
) -> None:
    for fmt in ("markdown", "json"):
        target = tmp_path / f"out.{fmt}"
        result = run("export", "--format", fmt, "--output", target, "--db", full, umask=0)
        assert result.returncode == 0, result.stderr.decode()
        assert target.stat().st_mode & 0o777 == 0o600
        assert target.stat().st_size > 1_000_000


def test_export_refuses_to_replace_a_file_without_force(
    run: Run, full: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    target.write_text("my notes")
    result = run("export", "--output", target, "--db", full)
    assert "--force" in one_error_line(result, target)
    assert target.read_text() == "my notes"
    forced = run("export", "--output", target, "--force", "--db", full)
    assert forced.returncode == 0, forced.stderr.decode()
    assert target.read_text(encoding="utf-8").startswith("# winback journal")


def test_export_runs_while_the_app_holds_the_journal(run: Run, full: Path) -> None:
    with Journal.open(full) as holder:
        assert not holder.read_only
        content = full.read_bytes()
        result = run("export", "--format", "json", "--db", full)
        assert result.returncode == 0, result.stderr.decode()
        assert full.read_bytes() == content


def test_markdown_to_stdout_reads_as_a_document(run: Run, full: Path) -> None:
    result = run("--db", full, "export", "--format", "markdown")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0] == "# winback journal"
    assert "## Step 1: Assess the Situation" in lines
    assert "## Not tied to a step" in lines
    assert "### Tuesday 3 March 2026" in lines
    assert "# Not a heading" not in lines and "\\# Not a heading  " in lines


def test_export_of_a_missing_journal_is_refused(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    one_error_line(run("export", "--db", missing), missing)
    assert not missing.exists()


# ------------------------------------------------------------ refused imports
def _bad_files(export_file: Path) -> dict[str, bytes]:
    good = export_file.read_bytes()
    newer = json.loads(good)
    newer["schema"] = 99
    foreign = json.loads(good)
    del foreign["format"]
    return {
        "truncated": good[: len(good) // 2],
        "malformed": good.replace(b'"tables": {', b'"tables": {,', 1),
        "non-JSON": "Lieber Tagebuch, 🌧\n".encode(),
        "empty": b"",
        "wrong-schema": json.dumps(newer).encode(),
        "foreign": json.dumps(foreign).encode(),
        "other-json": b'{"name": "something else"}',
    }


@pytest.mark.parametrize(
    "kind",
    ["truncated", "malformed", "non-JSON", "empty", "wrong-schema", "foreign", "other-json"],
)
def test_bad_import_files_are_refused_and_nothing_is_written(
    run: Run, export_file: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / f"{kind}.json"
    bad.write_bytes(_bad_files(export_file)[kind])
    folder = tmp_path / "journal"
    target = folder / "journal.json"
    with Journal.open(target) as journal:
        journal.save_reflection(1, "why", "Already here.")
    before = folder_state(folder)
    for args in (("import", bad, "--db", target), ("--db", target, "import", "--merge", bad)):
        line = one_error_line(run(*args), bad)
        assert "nothing was written" in line
        assert folder_state(folder) == before, "the journal folder must be byte-identical"


def test_bad_import_into_a_new_journal_creates_nothing(
    run: Run, export_file: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(export_file.read_bytes()[:1000])
    target = tmp_path / "new" / "journal.json"
    one_error_line(run("import", bad, "--db", target), bad)
    assert not target.exists()


def test_a_journal_with_records_is_refused_without_merge(
    run: Run, export_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    with Journal.open(target) as journal:
        journal.save_reflection(1, "why", "Already here.")
    before = target.read_bytes()
    line = one_error_line(run("import", export_file, "--db", target), target)
    assert "--merge" in line and "empty" in line
    assert target.read_bytes() == before


def test_import_is_refused_while_another_copy_holds_the_journal(
    run: Run, export_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    with Journal.open(target) as holder:
        assert not holder.read_only
        before = target.read_bytes()
        line = one_error_line(run("import", export_file, "--db", target), target)
        assert "another winback" in line
        assert target.read_bytes() == before


def test_a_missing_import_file_is_refused(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    one_error_line(run("import", missing, "--db", tmp_path / "j.json"), missing)
