"""Large tables in segment files beside the journal (layout format 3): crash, damage, backups."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winback_tui.store import Journal, backup, layout, segments, storage
from winback_tui.store.convert import encrypt_journal
from winback_tui.store.crypt import Vault
from winback_tui.store.errors import JournalCorruptError
from winback_tui.store.paths import journal_file_clash
from winback_tui.store.records import Repo

VAULT, _CODE = Vault.create("segment test passphrase", recovery=False)


class Notes(Repo):
    TABLE = "notes"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "CHUNK_DOCS", 4)
    monkeypatch.setattr(storage, "SEGMENT_AFTER", 64)


def _open(path: Path, encrypted: bool, **kwargs: object) -> Journal:
    return Journal.open(path, vault=VAULT if encrypted else None, **kwargs)  # type: ignore[arg-type]


def _segments(path: Path) -> list[Path]:
    found = layout.read_segmented(path.read_bytes())
    assert found is not None
    return [path.parent / found.folder / info[4] for info in found.tables["notes"]]


def _made(tmp_path: Path, encrypted: bool, count: int = 30) -> Path:
    path = tmp_path / "journal.json"
    with _open(path, encrypted) as journal:
        Notes(journal)._insert_many([{"text": f"note {n}"} for n in range(count)])
    return path


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_save_killed_between_its_segments_and_its_index_leaves_the_last_save(
    tmp_path: Path, encrypted: bool
) -> None:
    path = _made(tmp_path, encrypted)
    passphrase = tmp_path / "pass"
    passphrase.write_text("segment test passphrase")
    child = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from winback_tui.store import Journal, saving, storage
        from winback_tui.store.records import Repo

        class Notes(Repo):
            TABLE = "notes"

        storage.CHUNK_DOCS = 4
        storage.SEGMENT_AFTER = 64
        path = Path({str(path)!r})
        vault = None
        if {encrypted!r}:
            header = Journal.encryption(path)
            vault = header.unlock(path, Path({str(passphrase)!r}).read_text())

        def killed(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)  # segments on disk, index not yet

        saving.atomic_write = killed
        journal = Journal.open(path, vault=vault)
        Notes(journal)._update(10, {{"text": "never saved"}})
        """
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, timeout=120)
    assert done.returncode == -9, done.stderr.decode()
    folder = tmp_path / "journal.json.d"
    named = {p.name for p in _segments(path)}
    orphans = {p.name for p in folder.glob("*.seg")} - named
    assert len(orphans) == 1  # the new chunk was written, then nothing named it
    with _open(path, encrypted) as journal:
        assert Notes(journal)._get(10) == {"text": "note 9"}
        Notes(journal)._update(11, {"text": "saved"})
    with _open(path, encrypted) as journal:
        assert Notes(journal)._get(11) == {"text": "saved"}
    # The orphan went with the next save's clean-up; every named segment is there.
    assert {p.name for p in folder.glob("*.seg")} == {p.name for p in _segments(path)}


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_missing_segment_is_damage_and_the_backup_is_offered(
    tmp_path: Path, encrypted: bool
) -> None:
    path = _made(tmp_path, encrypted)
    with _open(path, encrypted, today=date(2030, 1, 2)):
        pass  # the day's first open makes a backup
    with _open(path, encrypted) as journal:
        Notes(journal)._update(2, {"text": "after the backup"})
    before = path.read_bytes()
    _segments(path)[0].unlink()  # the chunk the backup does not share
    with pytest.raises(JournalCorruptError, match=r"'notes'.*missing") as refused:
        _open(path, encrypted)
    assert refused.value.backup == path.with_name("journal.json.backup-1")
    # When it was saved, so that an old backup is seen to be old.
    saved = backup.datetime.fromtimestamp(refused.value.backup.stat().st_mtime)
    assert f"backup-1 (saved {saved:%Y-%m-%d %H:%M});" in str(refused.value)
    assert path.read_bytes() == before  # refused, untouched
    backup.restore(path, refused.value.backup, backup.datetime.now())
    with _open(path, encrypted) as journal:
        assert Notes(journal)._get(2) == {"text": "note 1"}
        assert Notes(journal)._get(30) == {"text": "note 29"}


def test_segments_a_backup_names_are_kept_until_no_copy_names_them(tmp_path: Path) -> None:
    path = _made(tmp_path, False)
    with Journal.open(path, today=date(2030, 1, 2)):
        pass
    kept = _segments(path)[0]
    with Journal.open(path) as journal:
        Notes(journal)._update(1, {"text": "changed"})
    assert kept.exists()  # backup-1 still names it
    assert kept not in _segments(path)
    for slot in backup.backup_paths(path):
        slot.unlink(missing_ok=True)
    with Journal.open(path) as journal:
        Notes(journal)._update(5, {"text": "changed too"})
    assert not kept.exists()
    # What is left is exactly what the journal and its backups (one made at this open) name.
    named = set(_segments(path))
    for slot in backup.backup_paths(path):
        if slot.exists():
            named |= set(_segments(slot))
    assert set((tmp_path / "journal.json.d").glob("*.seg")) == named


def test_a_large_table_kept_whole_moves_into_segments_at_the_next_save(tmp_path: Path) -> None:
    from winback_tui.store.schema import new_journal

    path = tmp_path / "journal.json"
    data = new_journal()
    data["notes"] = {str(n): {"text": f"note {n}"} for n in range(1, 21)}
    path.write_bytes(layout.encode_file(data))  # format 1: every table inline
    path.chmod(0o600)
    with Journal.open(path) as journal:
        journal.set_setting("something else", True)  # no note changes
    assert len(_segments(path)) == 5
    assert b"note 7" not in path.read_bytes()
    with Journal.open(path) as journal:
        assert Notes(journal)._get(7) == {"text": "note 7"}


def test_encrypting_removes_the_plain_segments_at_once(tmp_path: Path) -> None:
    path = _made(tmp_path, False)
    assert list((tmp_path / "journal.json.d").glob("*.seg"))
    encrypt_journal(path, "a new passphrase")
    for file in tmp_path.rglob("*"):
        if file.is_file():
            assert b"note 1" not in file.read_bytes(), file.name


def test_an_export_never_writes_into_the_segment_folder(tmp_path: Path) -> None:
    path = _made(tmp_path, False)
    segment = _segments(path)[0]
    assert journal_file_clash(path, segment) == segment
    assert journal_file_clash(path, tmp_path / "journal.json.d") is not None
    assert journal_file_clash(path, tmp_path / "export.json") is None


def test_a_second_window_behind_a_newer_save_is_told_so_not_that_the_journal_is_damaged(
    tmp_path: Path,
) -> None:
    path = _made(tmp_path, False)
    with _open(path, False) as writer:
        reader = _open(path, False)
        try:
            assert reader.read_only
            first = _segments(path)[0]
            Notes(writer)._update(1, {"text": "changed in the writing window"})
            assert not first.exists(), "the writer's clean-up removed the chunk it replaced"
            with pytest.raises(JournalCorruptError) as raised:
                Notes(reader)._all()
            message = raised.value.message
            assert "another winback" in message and "Nothing is damaged" in message
            assert "damaged table" not in message
            assert raised.value.backup is None
        finally:
            reader.close()
    # The file itself is whole: it opens, with the writer's change.
    with _open(path, False) as journal:
        assert Notes(journal)._all()[0][1]["text"] == "changed in the writing window"


#: The ways :func:`_damage` hurts a segment file.
HURTS = ("missing", "flipped", "shorter", "longer", "link", "folder")


def _damage(file: Path, how: str, at: int) -> None:
    data = file.read_bytes()
    if how == "missing":
        file.unlink()
    elif how == "flipped":
        spot = at % len(data)
        file.write_bytes(data[:spot] + bytes([data[spot] ^ 1]) + data[spot + 1 :])
    elif how == "shorter":
        file.write_bytes(data[: at % len(data)])
    elif how == "longer":
        file.write_bytes(data + b"x" * (1 + at % 3))
    elif how == "link":
        file.unlink()
        file.with_name("elsewhere").write_bytes(data)
        file.symlink_to(file.with_name("elsewhere"))
    elif how == "folder":
        file.unlink()
        file.mkdir()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    encrypted=st.booleans(),
    hurt=st.lists(
        st.tuples(
            st.integers(0, 40),
            st.sampled_from(HURTS),
            st.integers(0, 10_000),
        ),
        max_size=2,
        unique_by=lambda h: h[0],
    ),
)
def test_the_check_at_open_gives_the_verdict_of_reading_every_segment(
    tmp_path_factory: pytest.TempPathFactory,
    encrypted: bool,
    hurt: list[tuple[int, str, int]],
) -> None:
    path = _made(tmp_path_factory.mktemp("check"), encrypted)
    found = layout.read_segmented(path.read_bytes())
    assert found is not None
    files = _segments(path)
    for file, (how, at) in {files[n % len(files)]: (h, a) for n, h, a in hurt}.items():
        _damage(file, how, at)
    expected = None
    for table, infos in found.tables.items():
        for info in infos:
            try:
                segments.read(path, found.folder, table, info)
            except JournalCorruptError:
                expected = expected or table
    assert segments.check(path, found) == expected
