"""The user's keymap in the app: a remapped key works, the old one does not, help and the
footer show the keys in force, and a remap that cannot be used is said and refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.helpers import messages, static_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.config import Settings
from winback_tui.keymap import all_bindings, binding_table, check_keymap
from winback_tui.screens.overlays import HelpScreen, SupportScreen
from winback_tui.store import Journal
from winback_tui.widgets.key_footer import KeyFooter

AppWith = Callable[..., WinbackApp]
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def app_with(journal: Journal) -> AppWith:
    def factory(keymap: dict[str, str] | None = None, **settings: object) -> WinbackApp:
        chosen = Settings(keymap=keymap or {}, path=Path("config.toml"), **settings)  # type: ignore[arg-type]
        return WinbackApp(journal, install_signals=False, settings=chosen)

    return factory


def footer(app: WinbackApp) -> str:
    return app.screen.query_one(KeyFooter).text


def help_rows(app: WinbackApp) -> list[str]:
    table = static_text(app.screen.query_one("#keys"))
    return [" ".join(line.split()) for line in table.splitlines()]


async def test_a_remapped_key_works_and_the_old_key_does_not(app_with: AppWith) -> None:
    app = app_with({"app.support": "z"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SupportScreen)
        await pilot.press("z")
        await wait_until(pilot, lambda: isinstance(app.screen, SupportScreen))
        assert messages(app) == []  # nothing to report


async def test_a_screen_key_can_be_remapped_too(app_with: AppWith) -> None:
    app = app_with({"step.switch_pane": "P"})
    async with app.run_test(size=(140, 30)) as pilot:  # wide: the footer holds every key
        await pilot.press("1")
        await wait_until(pilot, lambda: " P Reflections " in footer(app))
        assert " f Reflections " not in footer(app)
        await pilot.press("f")
        await pilot.pause()
        assert " P Reflections " in footer(app)  # f did nothing
        await pilot.press("P")
        await wait_until(pilot, lambda: " P Tools " in footer(app))


async def test_help_and_the_footer_show_the_key_in_force(app_with: AppWith) -> None:
    app = app_with({"app.support": "z", "app.help": "H"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert " z Support " in footer(app) and " H Help " in footer(app)
        assert " s Support " not in footer(app) and " ? Help " not in footer(app)
        await pilot.press("H")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        rows = help_rows(app)
        assert "z Support" in rows and "H Help" in rows
        assert "s Support" not in rows and "? Help" not in rows


@pytest.mark.parametrize(
    ("keymap", "words"),
    [
        ({"app.support": "q"}, ["app.support", "'q' is already 'Quit' (app.quit)", "'s'"]),
        ({"app.support": "tab"}, ["app.support", "Textual's own key"]),
        ({"app.support": "alt+s"}, ["app.support", "needs Alt", "SSH"]),
        ({"app.support": "f2"}, ["app.support", "function key"]),
        ({"app.support": "ctrl+up"}, ["app.support", "ctrl with a key other than a letter"]),
        ({"app.support": "nonsense_key"}, ["app.support", "not a key name"]),
        ({"app.suport": "z"}, ["'app.suport'", "did you mean 'app.support'"]),
    ],
)
async def test_a_remap_that_cannot_be_used_is_said_and_the_default_kept(
    app_with: AppWith, keymap: dict[str, str], words: list[str]
) -> None:
    app = app_with(keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = messages(app)
        assert len(shown) == 1
        lines = shown[0].splitlines()
        assert len(lines) == 1
        for word in words:
            assert word in lines[0]
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SupportScreen))


async def test_two_ids_on_one_key_keep_the_first_and_refuse_the_second(
    app_with: AppWith,
) -> None:
    app = app_with({"app.support": "z", "app.timeline": "z"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (shown,) = messages(app)
        assert "app.timeline = 'z'" in shown and "'Support' (app.support)" in shown
        await pilot.press("z")
        await wait_until(pilot, lambda: isinstance(app.screen, SupportScreen))


def test_a_swap_of_two_keys_is_no_clash() -> None:
    keymap, problems = check_keymap({"app.support": "u", "app.urge": "s"}, all_bindings(WinbackApp))
    assert problems == []
    assert keymap == {"app.support": "u", "app.urge": "s"}


def test_keys_are_taken_as_textual_writes_them() -> None:
    keymap, problems = check_keymap({"app.support": "!, ctrl+y"}, all_bindings(WinbackApp))
    assert problems == []
    assert keymap == {"app.support": "exclamation_mark,ctrl+y"}


async def test_the_config_files_problems_show_in_the_app(app_with: AppWith) -> None:
    app = app_with(problems=("config config.toml: unknown key 'colour'; ignored",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("unknown key 'colour'" in m for m in messages(app))


async def test_the_config_theme_wins_over_the_journals(app_with: AppWith, journal: Journal) -> None:
    journal.set_setting("theme", "dracula")
    app = app_with(theme="nord")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await wait_until(pilot, lambda: any("Your config file" in m for m in messages(app)))
    assert journal.get_setting("theme") == "nord"  # pinned
    journal.pin_settings({})
    assert journal.get_setting("theme") == "dracula"  # what the journal stores is untouched


async def test_an_unknown_theme_is_said_and_the_journals_kept(
    app_with: AppWith, journal: Journal
) -> None:
    journal.set_setting("theme", "dracula")
    app = app_with(theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "dracula"
        assert any("'no-such-theme' is not a theme" in m for m in messages(app))


async def test_a_pause_length_the_config_file_sets_is_not_changed_from_step_3(
    app_with: AppWith, journal: Journal
) -> None:
    app = app_with(cooling_off_minutes=45)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("p")
        await wait_until(pilot, lambda: any("config file" in m for m in messages(app)))
        assert any("45 minutes" in m for m in messages(app))
    assert journal.pinned("cooling_off_minutes")


def test_every_binding_has_an_id_in_the_house_scheme() -> None:
    bindings = all_bindings(WinbackApp)
    assert len(bindings) > 100
    for bound in bindings:
        where = f"{bound.owner.__qualname__} {bound.key}"
        assert re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", bound.id), where
        if bound.kind == "app":
            assert bound.id.startswith("app."), where


def test_no_two_actions_share_an_id() -> None:
    """One id is one thing to do (a screen's copy of a global key shares the global id)."""
    seen: dict[str, set[str]] = {}
    for bound in all_bindings(WinbackApp):
        seen.setdefault(bound.id, set()).add(bound.action.removeprefix("app."))
    shared = {i: a for i, a in seen.items() if len(a) > 1}
    # Step screens flip between two panes with one key: one id for the pair.
    assert shared == {"step.switch_pane": {"show_reflections", "show_tools"}}


def test_the_readme_table_of_binding_ids_is_the_bindings() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- binding-ids:start -->")
    end = text.index("<!-- binding-ids:end -->")
    table = text[start:end].split("\n", 1)[1].strip()
    expected = binding_table(all_bindings(WinbackApp))
    assert table == expected, "README.md's table is out of date: python -m winback_tui.keymap"
