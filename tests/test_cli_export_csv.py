"""``winback export --format csv``: the daily check-in by day, as a spreadsheet reads it."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.test_cli import Run, home, run  # noqa: F401 (fixtures)
from winback_tui import cli
from winback_tui.store import Journal
from winback_tui.store.convert import encrypt_journal
from winback_tui.store.daily import DailyRepo
from winback_tui.store.entries import EntriesRepo
from winback_tui.store.export_csv import COLUMNS

SECRET_WORDS = "I still think of =HYPERLINK and of you"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "j" / "journal.json"
    with Journal.open(path) as j:
        daily = DailyRepo(j)
        entries = EntriesRepo(j)
        daily.rate(date(2026, 3, 1), mood=4, confidence=3, calm=2)
        daily.rate(date(2026, 3, 2), calm=5)  # only calm rated
        entries.save_text(date(2026, 3, 3), SECRET_WORDS)  # only an entry, no check-in
        entries.save_step(date(2026, 3, 3), 2)
        daily.rate(date(2026, 3, 4), mood=1)
        entries.save_text(date(2026, 3, 4), "Short day.")
        daily.rate(date(2026, 3, 5), mood=3)
        daily.rate(date(2026, 3, 5), mood=None)  # cleared again: an empty check-in, no row
        j.save_reflection(1, "why", "reflections are not part of the CSV")
    return path


EXPECTED = [
    list(COLUMNS),
    ["2026-03-01", "4", "3", "2", "0", ""],
    ["2026-03-02", "", "", "5", "0", ""],
    ["2026-03-03", "", "", "", "8", "2"],
    ["2026-03-04", "1", "", "", "2", ""],
]


def rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"))))


def test_one_row_per_day_with_a_check_in_or_an_entry(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "year.csv"
    code = cli.main(["export", "--format", "csv", "--db", str(journal), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    raw = out.read_bytes()
    assert rows(raw) == EXPECTED
    assert raw.startswith(b"date,mood,confidence,calm,entry_words,step\n")
    assert b"\r" not in raw
    assert b"HYPERLINK" not in raw and b"still think" not in raw  # counts, never words
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "plain text, not encrypted" in capsys.readouterr().out


def test_an_empty_journal_gives_the_header_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.json"
    Journal.open(path).close()
    out = tmp_path / "empty.csv"
    assert cli.main(["export", "--format", "csv", "--db", str(path), "-o", str(out)]) == 0
    assert rows(out.read_bytes()) == [list(COLUMNS)]


def test_output_refuses_to_overwrite_without_force(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "year.csv"
    out.write_text("keep me\n")
    args = ["export", "--format", "csv", "--db", str(journal), "-o", str(out)]
    assert cli.main(args) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert out.read_text() == "keep me\n"
    assert cli.main([*args, "--force"]) == 0
    assert rows(out.read_bytes()) == EXPECTED


def test_an_encrypted_journal_exports_with_its_passphrase(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    encrypt_journal(journal, "year secret")
    secret = tmp_path / "pw"
    secret.write_text("year secret\n")
    secret.chmod(0o600)
    out = tmp_path / "year.csv"
    args = ["export", "--format", "csv", "--db", str(journal), "-o", str(out)]
    assert cli.main([*args, "--passphrase-file", str(secret)]) == 0, capsys.readouterr().err
    assert rows(out.read_bytes()) == EXPECTED
    assert "add --encrypt" in capsys.readouterr().out


def test_csv_cannot_be_encrypted(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "year.csv"
    args = ["export", "--format", "csv", "--encrypt", "--db", str(journal), "-o", str(out)]
    assert cli.main(args) == cli.EXIT_USER_ERROR
    assert "only a JSON export can be encrypted" in capsys.readouterr().err
    assert not out.exists()


def test_the_installed_command_writes_csv_to_stdout_and_documents_it(
    run: Run,  # noqa: F811
    journal: Path,
) -> None:
    done = run("export", "--format", "csv", "--db", journal)
    assert done.returncode == 0, done.stderr
    assert rows(done.stdout.encode()) == EXPECTED
    helped = run("export", "--help")
    flat = " ".join(helped.stdout.split())
    assert "csv" in flat and "date,mood,confidence,calm,entry_words,step" in flat
    assert "never holds the words themselves" in flat
    wrong = run("export", "--format", "xlsx", "--db", journal)
    assert wrong.returncode == 2 and "'csv'" in wrong.stderr
