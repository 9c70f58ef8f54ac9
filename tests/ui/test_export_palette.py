"""The command palette's export commands write a private file beside the journal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from winback_tui.app import WinbackApp
from winback_tui.store import Journal


async def run_command(pilot: Pilot[int], title: str) -> None:
    """Run the palette command titled ``title``, as choosing it in the palette does."""
    app = pilot.app
    commands = {command.title: command for command in app.get_system_commands(app.screen)}
    assert title in commands, f"{title!r} is not in the command palette"
    commands[title].callback()
    await pilot.pause()


def exports(journal: Journal, suffix: str) -> list[Path]:
    return sorted(journal.path.parent.glob(f"journal-export-*.{suffix}"))


def notices(app: WinbackApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_export_markdown_from_the_palette(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    journal.save_reflection(1, "what-went-wrong", "# We stopped listening.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, "Export journal (Markdown)")
        files = exports(journal, "md")
        assert len(files) == 1
        assert files[0].stat().st_mode & 0o777 == 0o600
        text = files[0].read_text(encoding="utf-8")
        assert text.startswith("# winback journal")
        assert "\\# We stopped listening." in text
        assert any(str(files[0]) in message for message in notices(app))


async def test_export_json_from_the_palette(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    journal.save_reflection(2, "growth", "Running again 🏃")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, "Export journal (JSON)")
        files = exports(journal, "json")
        assert len(files) == 1
        assert files[0].stat().st_mode & 0o777 == 0o600
        document = json.loads(files[0].read_bytes())
        assert document["format"] == "winback-export"
        texts = [r["record"]["text"] for r in document["tables"]["reflections"]]
        assert texts == ["Running again 🏃"]


# ------------------------------------------------------- an encrypted journal
ENCRYPTED_PASS = "open sesame"
SECRET_WORDS = "the letter I never sent"


def _encrypted_journal(tmp_path: Path) -> Journal:
    from winback_tui.store.crypt import Vault

    vault, _code = Vault.create(ENCRYPTED_PASS)
    journal = Journal.open(tmp_path / "sealed" / "journal.json", vault=vault)
    journal.set_setting("welcome_seen", True)
    journal.save_reflection(1, "what-went-wrong", SECRET_WORDS)
    return journal


def _confirm_text(app: WinbackApp) -> str:
    from textual.widgets import Static

    from winback_tui.widgets.dialogs import ConfirmDialog

    assert isinstance(app.screen, ConfirmDialog), f"no question asked: {app.screen!r}"
    return str(app.screen.query_one("#confirm-text", Static).content)


async def test_a_plain_export_of_an_encrypted_journal_asks_first(tmp_path: Path) -> None:
    journal = _encrypted_journal(tmp_path)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for title in ("Export journal (Markdown)", "Export journal (JSON)"):
            await run_command(pilot, title)
            said = _confirm_text(app)
            assert "encrypted" in said and "will NOT be" in said
            assert "Export journal (JSON, encrypted)" in said  # the way to an encrypted one
            await pilot.press("n")  # no: nothing is written
            await pilot.pause()
            assert not exports(journal, "md") and not exports(journal, "json")

        await run_command(pilot, "Export journal (Markdown)")
        await pilot.press("y")
        await pilot.pause()
        files = exports(journal, "md")
        assert len(files) == 1 and SECRET_WORDS in files[0].read_text(encoding="utf-8")
        assert any("not encrypted" in message for message in notices(app))
    journal.close()


async def test_the_encrypted_export_from_the_palette_opens_with_the_passphrase(
    tmp_path: Path,
) -> None:
    from winback_tui.store.convert import export_header, open_export

    journal = _encrypted_journal(tmp_path)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, "Export journal (JSON, encrypted)")
        files = exports(journal, "json")
        assert len(files) == 1, "an encrypted export is written without a question"
        assert any("encrypted" in message for message in notices(app))
    raw = files[0].read_bytes()
    assert files[0].stat().st_mode & 0o777 == 0o600
    assert SECRET_WORDS.encode() not in raw
    header = export_header(files[0], raw)
    assert header is not None
    document = json.loads(open_export(files[0], raw, header.unlock(files[0], ENCRYPTED_PASS)))
    texts = [r["record"]["text"] for r in document["tables"]["reflections"]]
    assert SECRET_WORDS in texts
    journal.close()


async def test_a_plain_journal_has_no_encrypted_export_and_no_question(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Export journal (JSON, encrypted)" not in titles
        await run_command(pilot, "Export journal (JSON)")
        assert len(exports(journal, "json")) == 1
