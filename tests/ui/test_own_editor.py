"""Pilot tests for ctrl+o, "Your editor": the text goes to $EDITOR and comes back as a version.

Under Pilot there is no terminal to hand over, so ``App.suspend`` is replaced by
one that only counts; the editors are small scripts the tests write (see
``tests/unit/test_external_editor.py`` for the file and process part).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.helpers import messages, type_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.config import Settings
from winback_tui.external_editor import FOLDER_PREFIX
from winback_tui.screens.journal import JournalScreen
from winback_tui.screens.overlays import describe_bindings
from winback_tui.screens.versions import VersionsScreen
from winback_tui.store import Journal
from winback_tui.store.crypt import Vault
from winback_tui.store.entries import EntriesRepo
from winback_tui.widgets import external_edit
from winback_tui.widgets.dialogs import ConfirmDialog
from winback_tui.widgets.draft_editor import DraftEditor
from winback_tui.widgets.reflection_editor import ReflectionEditor


class FakeSuspend:
    """Stands in for ``App.suspend``: counts the hand-overs and runs a check inside."""

    def __init__(self, inside: Callable[[], None] | None = None) -> None:
        self.calls = 0
        self.inside = inside

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self.calls += 1
        if self.inside is not None:
            self.inside()
        yield


def script(tmp_path: Path, body: str, name: str = "editor") -> str:
    """A fake editor: Python ``body`` with ``path``, the file it is given."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\nimport sys\npath = sys.argv[-1]\n{body}\n", "utf-8")
    path.chmod(0o700)
    return str(path)


APPEND = "open(path, 'a', encoding='utf-8').write('written in my editor\\n')"


@pytest.fixture(autouse=True)
def no_editor_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VISUAL", "EDITOR", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(FOLDER_PREFIX)]


async def open_journal_editor(pilot: Pilot[object]) -> ReflectionEditor:
    await pilot.press("w", "e")
    assert isinstance(pilot.app.screen, JournalScreen)
    editor = pilot.app.screen.query_one("#journal-editor", ReflectionEditor)
    assert pilot.app.focused is editor
    return editor


def today(journal: Journal) -> object:
    return journal.now().astimezone().date()


# --------------------------------------------------------------- the journal
async def test_the_edit_lands_in_the_journal_as_a_new_version(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, APPEND))
    repo = EntriesRepo(journal)
    seen_in_store: list[str] = []

    def typed_text_is_saved_before_the_hand_over() -> None:
        entry = repo.on(today(journal))  # type: ignore[arg-type]
        seen_in_store.append(entry.text if entry else "")

    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend(typed_text_is_saved_before_the_hand_over)
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await type_text(pilot, "Typed in winback.")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: fake.calls == 1 and not editor.dirty)
        assert editor.text == "Typed in winback.\nwritten in my editor"
        assert app.focused is editor
    assert seen_in_store == ["Typed in winback."]
    entry = repo.on(today(journal))  # type: ignore[arg-type]
    assert entry is not None
    assert entry.text == "Typed in winback.\nwritten in my editor"
    assert [v.text for v in entry.versions][-1] == "Typed in winback."
    assert leftovers(tmp_path) == []


async def test_an_editor_that_fails_leaves_the_text_as_it_was(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "EDITOR", script(tmp_path, "open(path, 'w').write('half')\nraise SystemExit(1)")
    )
    EntriesRepo(journal).save_text(today(journal), "my words")  # type: ignore[arg-type]
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("exit code 1" in m for m in messages(app)))
        assert editor.text == "my words" and not editor.dirty
        await type_text(pilot, " and more")  # the editor in winback still works
        assert editor.text == "my words and more"
    entry = EntriesRepo(journal).on(today(journal))  # type: ignore[arg-type]
    assert entry is not None and entry.text == "my words and more"
    assert leftovers(tmp_path) == []


async def test_an_emptied_text_is_saved_only_after_a_yes(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, "open(path, 'w').close()"))
    repo = EntriesRepo(journal)
    repo.save_text(today(journal), "keep me")  # type: ignore[arg-type]
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "empty" in app.screen.dialog_title.lower()  # type: ignore[attr-defined]
        await pilot.press("enter")  # the default is no
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert editor.text == "keep me"
        assert repo.on(today(journal)).text == "keep me"  # type: ignore[arg-type, union-attr]
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: editor.text == "" and not editor.dirty)
    entry = repo.on(today(journal))  # type: ignore[arg-type]
    assert entry is not None and entry.text == ""
    assert [v.text for v in entry.versions][-1] == "keep me"
    assert fake.calls == 2


async def test_an_unchanged_text_saves_nothing_and_says_so(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, "pass"))
    repo = EntriesRepo(journal)
    repo.save_text(today(journal), "as it is")  # type: ignore[arg-type]
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        await open_journal_editor(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("No changes" in m for m in messages(app)))
    entry = repo.on(today(journal))  # type: ignore[arg-type]
    assert entry is not None and entry.text == "as it is" and entry.versions == ()


async def test_invalid_utf8_from_the_editor_is_replaced_and_told(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, "open(path, 'wb').write(b'caf\\xe9\\n')"))
    app = WinbackApp(journal, install_signals=False)
    app_suspend = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = app_suspend  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("UTF-8" in m for m in messages(app)))
        await wait_until(pilot, lambda: not editor.dirty)
        assert editor.text == "caf\ufffd"


async def test_the_configured_editor_wins_and_may_carry_arguments(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, "raise SystemExit(9)", name="not-this-one"))
    mine = script(tmp_path, "open(path, 'a').write(sys.argv[1])", name="mine")
    app = WinbackApp(journal, install_signals=False, settings=Settings(editor=f"{mine} --flag"))
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: editor.text == "--flag" and not editor.dirty)


async def test_no_editor_set_says_how_and_does_nothing(journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await type_text(pilot, "still here")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: external_edit.NO_EDITOR in messages(app))
        assert fake.calls == 0 and editor.text == "still here"


async def test_an_editor_that_is_not_installed_is_named(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere --wait")
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        editor = await open_journal_editor(pilot)
        await type_text(pilot, "still here")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("no-such-editor-anywhere" in m for m in messages(app)))
        assert editor.text == "still here"


async def test_a_terminal_that_cannot_be_handed_over_is_said_plainly(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, APPEND))
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:  # the headless driver cannot suspend
        editor = await open_journal_editor(pilot)
        await type_text(pilot, "safe")
        await pilot.press("ctrl+o")
        await wait_until(
            pilot, lambda: any("cannot hand this terminal" in m for m in messages(app))
        )
        assert editor.text == "safe"
    entry = EntriesRepo(journal).on(today(journal))  # type: ignore[arg-type]
    assert entry is not None and entry.text == "safe"


async def test_a_read_only_copy_opens_no_editor(
    open_journal: Callable[..., Journal],
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, APPEND))
    second = open_journal()
    assert second.read_only
    app = WinbackApp(second, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        await pilot.press("w", "e", "ctrl+o")
        await wait_until(pilot, lambda: any("read-only" in m for m in messages(app)))
        assert fake.calls == 0


# ------------------------------------------------------------------ a step
async def test_a_step_answer_edited_outside_restores_with_v(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, "open(path, 'w').write('rewritten outside')"))
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        await pilot.press("1", "e")
        editor = app.screen.query_one("#editor", ReflectionEditor)
        assert app.focused is editor
        await type_text(pilot, "first thoughts")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: editor.text == "rewritten outside" and not editor.dirty)
        await pilot.press("escape", "v")
        assert isinstance(app.screen, VersionsScreen)
        assert [text for _stamp, text in app.screen.entries] == [
            "rewritten outside",
            "first thoughts",
        ]
        await pilot.press("down", "r")
        await wait_until(pilot, lambda: editor.text == "first thoughts")
    answer = journal.reflection(1, "what-went-wrong")
    assert answer is not None and answer.text == "first thoughts"


# -------------------------------------------------------- encrypted journal
async def test_an_encrypted_journal_warns_first_and_no_opens_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", script(tmp_path, APPEND))
    vault, _code = Vault.create("open sesame")
    journal = Journal.open(tmp_path / "journal.json", vault=vault)
    journal.set_setting("welcome_seen", True)
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.suspend = fake  # type: ignore[method-assign]
            editor = await open_journal_editor(pilot)
            await type_text(pilot, "secret")
            await pilot.press("ctrl+o")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert "unencrypted" in str(app.screen.message)  # type: ignore[attr-defined]
            await pilot.press("n")
            await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
            assert fake.calls == 0 and editor.text == "secret"
            await pilot.press("ctrl+o")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await wait_until(pilot, lambda: fake.calls == 1 and not editor.dirty)
            assert editor.text == "secret\nwritten in my editor"
    finally:
        journal.close()
    assert leftovers(tmp_path) == []


# ----------------------------------------------------------- keys and help
def test_every_editor_has_the_key_with_its_id() -> None:
    for cls in (ReflectionEditor, DraftEditor):
        found = [b for b in cls.BINDINGS if getattr(b, "id", None) == "editor.external"]
        assert len(found) == 1
        assert found[0].key == "ctrl+o"  # type: ignore[union-attr]


async def test_help_and_footer_show_the_key_in_an_editor(journal: Journal) -> None:
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal_editor(pilot)
        rows = describe_bindings(app, app.screen)["In the focused field"]
        assert ("^o", "Your editor") in rows or ("ctrl+o", "Your editor") in rows


async def test_leftovers_of_a_killed_winback_go_at_the_next_start(
    journal: Journal, tmp_path: Path
) -> None:
    stale = tmp_path / f"{FOLDER_PREFIX}999999999-abcdef"
    stale.mkdir(mode=0o700)
    (stale / "winback.md").write_text("what the editor had", encoding="utf-8")
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: not stale.exists())


# ------------------------------------------------------------- a Step 3 draft
async def test_a_draft_written_outside_is_saved_and_its_tone_checked(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from winback_tui.store.drafts import DraftsRepo
    from winback_tui.widgets.dialogs import PromptDialog

    blaming = "You always left me waiting, and it's your fault."
    monkeypatch.setenv("EDITOR", script(tmp_path, f"open(path, 'w').write({blaming!r})"))
    app = WinbackApp(journal, install_signals=False)
    fake = FakeSuspend()
    async with app.run_test(size=(80, 24)) as pilot:
        app.suspend = fake  # type: ignore[method-assign]
        await pilot.press("3", "n")
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one("#title", Input).value = "To Sam"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.focused, DraftEditor))
        editor = app.focused
        assert isinstance(editor, DraftEditor)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: editor.text == blaming and not editor.dirty)
        await pilot.press("escape")  # leaving checks the tone at once
        await wait_until(
            pilot, lambda: "phrases may hurt" in str(app.screen.query_one("#tone").render())
        )
    (draft,) = DraftsRepo(journal).all()
    assert draft.text == blaming
