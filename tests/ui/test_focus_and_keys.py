"""Focus and keys a person can rely on: one meaning per key, help in winback's words,
the step's name in the header, nothing typed into a screen hidden by the size notice."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator

import pytest
import textual.app
import textual.screen
import textual.widget
import textual.widgets
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Header, OptionList, TabbedContent

from tests.ui.helpers import static_text, wait_until
from winback_tui.app import WinbackApp
from winback_tui.screens.journal import JournalScreen
from winback_tui.screens.overlays import HelpScreen
from winback_tui.screens.step import StepScreen
from winback_tui.screens.timeline import TimelineScreen
from winback_tui.screens.year import YearScreen
from winback_tui.store import Journal
from winback_tui.widgets.header import HEADER_ICON
from winback_tui.widgets.reflection_editor import ReflectionEditor


def textual_bindings() -> list[Binding]:
    """Every binding Textual's own classes declare."""
    found: list[Binding] = []
    classes: list[type] = [textual.app.App, textual.screen.Screen, textual.widget.Widget]
    for name in dir(textual.widgets):
        value = getattr(textual.widgets, name, None)
        if inspect.isclass(value):
            classes.append(value)
    for cls in classes:
        for klass in cls.__mro__:
            for binding in klass.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.description:
                    found.append(binding)
    return found


def help_rows(app: WinbackApp) -> Iterator[tuple[str, str]]:
    """(key, description) of each row of the help overlay."""
    text = static_text(app.screen.query_one("#keys"), width=100)
    for line in text.splitlines():
        key, _, described = line.strip().partition("  ")
        if described.strip():
            yield key.strip(), described.strip()


SCREENS = ("0", "1", "2", "3", "4", "w", "l", "y")


async def test_help_lists_no_action_in_textuals_words(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        textual_rows = {
            (app.get_key_display(binding), binding.description) for binding in textual_bindings()
        }
        textual_words = {description for _key, description in textual_rows}
        assert {"Focus Next", "Copy selected text"} <= textual_words  # the check can see them
        for key in SCREENS:
            await pilot.press(key, "question_mark")
            assert isinstance(app.screen, HelpScreen), key
            rows = list(help_rows(app))
            assert ("↑ ↓  j k", "move in a list") in rows or any(
                "move in a list" in what for _k, what in rows
            ), key
            for row in rows:
                assert row not in textual_rows, (key, row)
                assert row[1] not in {"Focus Next", "Focus Previous", "Copy selected text"}
            await pilot.press("escape")


async def test_palette_lists_winbacks_commands_only(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for textual_title in ("Keys", "Screenshot", "Maximize", "Minimize", "Theme", "Bell"):
            assert textual_title not in titles
        assert "Quit" in titles and "Change theme" in titles and "Support" in titles
        quit_help = next(c.help for c in app.get_system_commands(app.screen) if c.title == "Quit")
        assert "as soon as possible" not in quit_help and "Save" in quit_help
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_w_l_and_y_mean_the_same_on_every_screen(make_app: Callable[[], WinbackApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for start in ("0", "1", "2", "3", "4"):
            await pilot.press(start, "w")
            await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
            await pilot.press(start, "l")
            await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen))
            await pilot.press(start, "y")
            await wait_until(pilot, lambda: isinstance(app.screen, YearScreen))


async def test_the_header_names_the_step_and_uses_a_common_character(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for number in (1, 2, 3, 4):
            await pilot.press(str(number))
            screen = app.screen
            assert isinstance(screen, StepScreen)
            assert screen.title == f"winback · Step {number}: {screen.step.title}"
            header = screen.query_one(Header)
            assert header.icon == HEADER_ICON
        assert HEADER_ICON != "⭘"


async def test_keys_do_nothing_under_the_too_small_notice_and_focus_comes_back(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "e")
        editor = app.screen.query_one("#editor", ReflectionEditor)
        assert app.focused is editor
        await pilot.resize_terminal(40, 12)
        await wait_until(pilot, lambda: app.focused is None)
        step = app.screen
        await pilot.press("x", "y", "2", "question_mark", "e", "w")
        assert app.screen is step  # no step, no help, no journal behind the notice
        assert editor.text == ""
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: app.focused is editor)
        await pilot.press("z")
        assert editor.text == "z"
        # A list that had focus gets it back too.
        await pilot.press("escape")
        prompts = app.screen.query_one("#prompts", OptionList)
        assert app.focused is prompts
        await pilot.resize_terminal(50, 15)
        await wait_until(pilot, lambda: app.focused is None)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: app.focused is prompts)


# ------------------------------------------------------------ a step's two panes
def active_pane(app: WinbackApp) -> str:
    return str(app.screen.query_one("#panes", TabbedContent).active)


@pytest.mark.parametrize("step", ["1", "2", "3", "4"])
async def test_f_flips_a_step_between_its_tools_and_its_reflections(
    make_app: Callable[[], WinbackApp], step: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(step)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StepScreen)
        assert active_pane(app) == "tools-pane"
        tools = screen.query_one("#tools-pane")
        assert app.focused is None or tools in app.focused.ancestors
        await pilot.press("f")
        await wait_until(pilot, lambda: app.focused is screen.query_one("#prompts"))
        assert active_pane(app) == "reflect-pane"
        # The reflections pane shows the prompts and the editor without scrolling.
        for widget_id in ("prompts", "editor"):
            region = screen.query_one(f"#{widget_id}").region
            assert region.height > 0 and 0 < region.y < 24, widget_id
        await pilot.press("f")
        await pilot.pause()
        assert active_pane(app) == "tools-pane"


async def test_e_writes_the_prompt_selected_in_the_reflections_pane(
    make_app: Callable[[], WinbackApp], journal: Journal
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "f")
        screen = app.screen
        await wait_until(pilot, lambda: app.focused is screen.query_one("#prompts"))
        await pilot.press("j", "f")  # select the second prompt, back to the tools
        await pilot.pause()
        assert active_pane(app) == "tools-pane"
        await pilot.press("e")  # from the tools pane: the reflections, in the editor
        await pilot.pause()
        assert active_pane(app) == "reflect-pane"
        editor = screen.query_one("#editor", ReflectionEditor)
        assert app.focused is editor
        await pilot.press(*"mine", "ctrl+s")
        await pilot.pause()
    assert journal.reflection(1, "my-part") is not None


async def test_a_late_pane_change_does_not_take_focus_out_of_the_editor(
    make_app: Callable[[], WinbackApp],
) -> None:
    # Under load the tools pane's own activation (from when the step opened) can
    # be handled after "e" has already moved into the editor. It must not send
    # focus back to the tools: the next keys typed would miss the editor.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        screen = app.screen
        panes = screen.query_one("#panes", TabbedContent)
        tools_tab = panes.get_tab("tools-pane")
        await pilot.press("e")
        editor = screen.query_one("#editor", ReflectionEditor)
        assert app.focused is editor
        screen.post_message(TabbedContent.TabActivated(panes, tools_tab))
        await pilot.pause()
        await pilot.pause()
        assert app.focused is editor
        await pilot.press(*"bread")
        await pilot.pause()
        assert editor.text == "bread"


async def test_a_steps_tool_keys_rest_while_its_reflections_show(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "f")
        screen = app.screen
        await wait_until(pilot, lambda: app.focused is screen.query_one("#prompts"))
        await pilot.press("n")  # "New goal" acts on the hidden goals pane: nothing happens
        await pilot.pause()
        assert app.screen is screen
        assert "n" not in {key for key, _ in footer_keys(app)}
        await pilot.press("f", "n")
        await wait_until(pilot, lambda: app.screen is not screen)


def footer_keys(app: WinbackApp) -> list[tuple[str, str]]:
    """(key, description) of the keys the screen's footer shows as usable."""
    return [
        (binding.key, binding.description)
        for _node, binding, enabled, _tip in app.screen.active_bindings.values()
        if enabled and binding.show
    ]
