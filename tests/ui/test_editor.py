"""Pilot tests for the reflection editor: autosave, escape, read-only, big and odd text."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.ui.conftest import FakeClock
from tests.ui.helpers import screen_text, type_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.versions import VersionsScreen
from winback_tui.store import Journal
from winback_tui.widgets.reflection_editor import ReflectionEditor
from winback_tui.widgets.status_line import fitted


async def open_editor(pilot: Pilot[object], step: str = "1") -> ReflectionEditor:
    await pilot.press(step, "e")
    editor = pilot.app.screen.query_one("#editor", ReflectionEditor)
    assert pilot.app.focused is editor
    return editor


async def test_autosave_without_any_key_then_restart_shows_the_text(
    open_journal: Callable[..., Journal],
) -> None:
    journal = open_journal()
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"we drifted")
        assert editor.status.endswith("unsaved")
        # Nothing pressed after typing: the autosave must fire by itself within 1 s.
        await wait_until(pilot, lambda: journal.reflection(1, "what-went-wrong") is not None)
        # The editor hears of the save from the save thread a moment later.
        await wait_until(pilot, lambda: editor.status.endswith("· saved"))
    saved = journal.reflection(1, "what-went-wrong")
    assert saved is not None and saved.text == "we drifted"
    journal.close()

    reopened = Journal.open(journal.path)
    again = WinbackApp(reopened, install_signals=False)
    async with again.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        assert editor.text == "we drifted"
    reopened.close()


async def test_escape_with_unsaved_text_keeps_and_saves_it(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"not lost")
        await pilot.press("escape")
        assert app.focused is not editor
        assert editor.text == "not lost"
        # Leaving saves at once, on the save thread.
        await wait_until(pilot, lambda: editor.status.endswith("· saved"))
        saved = journal.reflection(1, "what-went-wrong")
        assert saved is not None and saved.text == "not lost"


async def test_ctrl_s_saves_at_once(make_app: Callable[[], WinbackApp], journal: Journal) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await pilot.press(*"now", "ctrl+s")
        saved = journal.reflection(1, "what-went-wrong")
        assert saved is not None and saved.text == "now"


async def test_quit_saves_pending_text(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot, "2")
        await pilot.press(*"pending")
        await app.action_quit()
    saved = journal.reflection(2, "learning")
    assert saved is not None and saved.text == "pending"


async def test_read_only_copy_takes_no_typing_and_says_why_once(
    open_journal: Callable[..., Journal], journal: Journal
) -> None:
    journal.save_reflection(1, "what-went-wrong", "kept as it was")
    second = open_journal()
    assert second.read_only
    app = WinbackApp(second, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "READ-ONLY" in app.sub_title
        await pilot.press("1")
        editor = app.screen.query_one("#editor", ReflectionEditor)
        await pilot.press("e")
        assert app.focused is editor  # open to read it
        step = app.screen
        # Typed words are taken by nobody: not the editor, and not as commands
        # (l would open the timeline, w the journal, 2 another step).
        await type_text(pilot, "hello world 2 ")
        await pilot.press("enter", "backspace")
        assert app.screen is step and app.focused is editor
        assert editor.text == "kept as it was"
        await pilot.press("escape", "e", "x")
        assert editor.text == "kept as it was"
        messages = [n.message for n in app._notifications]
        assert len([m for m in messages if "read-only" in m]) == 1, messages
        assert "read-only" in editor.status


async def test_one_megabyte_paste_is_saved_whole(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    big = ("Ünïcødé 💔 שלום e\u0301 " * 40 + "\n") * 1200
    assert len(big.encode()) > 1_000_000
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        # The driver delivers a paste to the App, which forwards it to the focused widget.
        app.post_message(events.Paste(big))
        await wait_until(pilot, lambda: editor.text == big)
        await pilot.press("ctrl+s")
    saved = journal.reflection(1, "what-went-wrong")
    assert saved is not None and saved.text == big


async def test_emoji_combining_and_rtl_round_trip_unchanged(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    text = "אני מתגעגע 💔 — cafe\u0301 👩🏽‍🤝‍👨🏻 مرحبا"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        app.post_message(events.Paste(text))
        await wait_until(pilot, lambda: editor.text == text)
        await pilot.press("escape")
    journal.close()
    reopened = Journal.open(journal.path)
    saved = reopened.reflection(1, "what-went-wrong")
    reopened.close()
    assert saved is not None and saved.text == text


async def test_versions_are_kept_per_day_and_viewable(
    make_app: Callable[[], WinbackApp], journal: Journal, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"first view", "escape")
        clock.advance(days=1)
        await pilot.press("e", "ctrl+a")
        editor.clear()
        await pilot.press(*"second view", "escape")
        await pilot.press("v")
        assert isinstance(app.screen, VersionsScreen)
        entries = [text for _, text in app.screen.entries]
        assert entries == ["second view", "first view"]
        assert "Earlier versions" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, VersionsScreen)


async def test_entering_a_saved_answer_puts_the_cursor_at_its_end(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    journal.save_reflection(1, "what-went-wrong", "first line\nWe drifted apart")
    journal.save_reflection(1, "my-part", "I was not there\nwhen it mattered")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        assert editor.cursor_location == (1, len("We drifted apart"))
        await type_text(pilot, ", slowly.")
        assert editor.text == "first line\nWe drifted apart, slowly."
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert editor.cursor_location == (1, len("We drifted apart, slowly."))
        # Another prompt, loaded into the same editor, resumes at its end too.
        await pilot.press("escape", "down", "e")
        assert app.focused is editor
        assert editor.text == "I was not there\nwhen it mattered"
        assert editor.cursor_location == (1, len("when it mattered"))


async def test_tab_never_moves_into_an_editor_and_e_edits_the_selected_prompt(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    journal.save_reflection(1, "my-part", "I stopped listening")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        editor = app.screen.query_one("#editor", ReflectionEditor)
        for _ in range(12):
            await pilot.press("tab")
            assert app.focused is not editor
        for _ in range(12):
            await pilot.press("shift+tab")
            assert app.focused is not editor
        prompts = app.screen.query_one("#prompts", OptionList)
        prompts.focus()
        await pilot.pause()
        await pilot.press("down")
        selected = prompts.get_option_at_index(prompts.highlighted or 0).id
        assert selected == "my-part"
        await pilot.press("e")
        assert app.focused is editor
        assert editor.text == "I stopped listening"
        # Leaving gives the tab order back without the editor.
        await pilot.press("escape")
        assert app.focused is prompts
        await pilot.press("tab")
        assert app.focused is not editor


async def test_two_sessions_on_one_day_are_listed_after_a_restart_and_one_restores(
    open_journal: Callable[..., Journal], journal: Journal, clock: FakeClock
) -> None:
    journal.close()
    for text in ("what I wrote first", "what I wrote next"):
        session = open_journal()
        app = WinbackApp(session, install_signals=False)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = await open_editor(pilot)
            editor.clear()
            await type_text(pilot, text)
            await pilot.press("ctrl+s")
            clock.advance(minutes=1)
        session.close()
    slip = open_journal()
    app = WinbackApp(slip, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        editor.clear()  # select all and type over it: a slip
        await type_text(pilot, "oops")
        await pilot.press("ctrl+s")
    slip.close()

    again = open_journal()
    app = WinbackApp(again, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "f", "v")
        assert isinstance(app.screen, VersionsScreen)
        listed = [text for _stamp, text in app.screen.entries]
        assert listed == ["oops", "what I wrote next", "what I wrote first"]
        await pilot.press("down", "r")
        assert not isinstance(app.screen, VersionsScreen)
        editor = app.screen.query_one("#editor", ReflectionEditor)
        await wait_until(pilot, lambda: editor.text == "what I wrote next")
    restored = again.reflection(1, "what-went-wrong")
    assert restored is not None and restored.text == "what I wrote next"
    assert [v.text for v in restored.versions][-1] == "oops"  # the slip is kept too


def test_a_status_line_too_long_loses_whole_parts_from_its_end() -> None:
    status = "3 words · saved · started 2026-12-01 20:53 · edited 2026-12-01 20:54"
    assert fitted(status, 80) == status
    assert fitted(status, 48) == "3 words · saved · started 2026-12-01 20:53 …"
    assert fitted(status, 30) == "3 words · saved …"
    assert fitted("💔💔 · saved", 6) == "💔💔 …"  # emoji are two cells wide
    assert fitted("a single long part", 5) == "a single long part"  # Rich adds the "…"
