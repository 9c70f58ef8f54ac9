"""Frugal over the wire: low-bandwidth mode, overlay backdrops, the row mirror."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Size
from textual.strip import Strip

from winback_tui import cli
from winback_tui.app import WinbackApp
from winback_tui.screens.overlays import HelpScreen, SupportScreen, WelcomeScreen
from winback_tui.store import Journal
from winback_tui.widgets.dialogs import ConfirmDialog
from winback_tui.wire import LOW_BANDWIDTH_FPS, LineMirror, RowsUpdate, low_bandwidth_wanted

SSH = {"SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22"}


@pytest.fixture(autouse=True)
def truecolour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that offers truecolour, as most do: low bandwidth asks for fewer."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_low_bandwidth_is_wanted_over_ssh_or_with_the_flag() -> None:
    assert low_bandwidth_wanted(False, SSH)
    assert low_bandwidth_wanted(True, {})
    assert not low_bandwidth_wanted(False, {})
    assert not low_bandwidth_wanted(False, {"SSH_CONNECTION": ""})


@pytest.mark.parametrize(("argv", "environ"), [(["--low-bandwidth"], {}), ([], SSH)])
def test_the_command_line_starts_the_app_in_low_bandwidth_mode(
    argv: list[str],
    environ: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    started: dict[str, Any] = {}

    def fake_run_app(journal: Journal, **options: Any) -> int:
        app = WinbackApp(journal, install_signals=False, low_bandwidth=options["low_bandwidth"])
        started.update(level=app.animation_level, colours=app.console.color_system)
        return 0

    monkeypatch.setattr("winback_tui.app_run.run_app", fake_run_app)
    assert cli.main([*argv, "--db", str(tmp_path / "journal.json")]) == 0
    assert started == {"level": "none", "colours": "256"}


def test_without_ssh_or_the_flag_the_app_keeps_truecolour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    seen: dict[str, Any] = {}

    def fake_run_app(journal: Journal, **options: Any) -> int:
        seen.update(options)
        return 0

    monkeypatch.setattr("winback_tui.app_run.run_app", fake_run_app)
    assert cli.main(["--db", str(tmp_path / "journal.json")]) == 0
    assert seen["low_bandwidth"] is False
    journal = Journal.open(tmp_path / "other.json")
    try:
        assert WinbackApp(journal, install_signals=False).console.color_system == "truecolor"
    finally:
        journal.close()


async def test_low_bandwidth_app_has_no_animation_256_colours_and_fewer_frames(
    journal: Journal,
) -> None:
    app = WinbackApp(journal, install_signals=False, low_bandwidth=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # Step 4's boundaries scrolled smoothly into view before
        await pilot.pause()
        assert app.animation_level == "none"
        assert app.console.color_system == "256"
        assert app.screen._update_timer._interval == pytest.approx(1 / LOW_BANDWIDTH_FPS)


async def test_overlay_backdrops_are_not_a_blended_colour(
    make_app: Callable[[], WinbackApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, kind in (("question_mark", HelpScreen), ("s", SupportScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind)
            # Transparent: the screen underneath shows as it was sent, so opening
            # the overlay sends only the rows of its box.
            assert app.screen.styles.background.a == 0, kind.__name__
            await pilot.press("escape")
            await pilot.pause()
        for screen in (WelcomeScreen(), ConfirmDialog("Delete?", "Sure?", lambda: None)):
            await app.push_screen(screen)
            await pilot.pause()
            assert app.screen.styles.background.a == 0, type(screen).__name__
            app.pop_screen()
            await pilot.pause()


# ---------------------------------------------------------------- the row mirror

CONSOLE = Console(color_system="truecolor", force_terminal=True)
PLAIN, BOLD = Style(color="white", bgcolor="black"), Style(bold=True, bgcolor="black")
SIZE = Size(10, 3)


def frame(*rows: list[tuple[str, Style]]) -> LayoutUpdate:
    """A full update of ``SIZE`` whose rows are runs of (text, style)."""
    strips = [[Strip([Segment(text, style) for text, style in row])] for row in rows]
    return LayoutUpdate(strips, SIZE.region)


def sent(mirror: LineMirror, update: Any) -> str:
    out = mirror.trim(update, SIZE, CONSOLE, lambda: update)
    assert isinstance(out, RowsUpdate)
    return out.render_segments(CONSOLE)


def test_a_repeated_full_repaint_sends_nothing() -> None:
    mirror = LineMirror()
    first = frame([("a" * 10, PLAIN)], [("b" * 10, PLAIN)], [("c" * 10, PLAIN)])
    assert "aaaaaaaaaa" in sent(mirror, first)
    assert sent(mirror, first) == ""


def test_a_changed_row_is_sent_from_its_first_changed_cell() -> None:
    mirror = LineMirror()
    sent(mirror, frame([("key", BOLD), ("  help", PLAIN)], [("x" * 10, PLAIN)], [("", PLAIN)]))
    out = sent(
        mirror, frame([("key", BOLD), ("  HELP", PLAIN)], [("x" * 10, PLAIN)], [("", PLAIN)])
    )
    # Row 1, column 6 (the "H"): the unchanged bold "key" and the spaces after it
    # are not sent again, nor row 2.
    assert out.startswith("\x1b[1;6H")
    assert "HELP" in out and "key" not in out and "x" not in out
    assert out.endswith("\x1b[0m")


def test_style_codes_are_written_only_where_the_look_changes() -> None:
    mirror = LineMirror()
    out = sent(mirror, frame([("ab", PLAIN), ("cd", PLAIN), ("ef", BOLD)], [], []))
    assert "abcd" in out  # one run: Textual would have written two, each reset
    # Then only what changes: bold on, the default colour; the background stays.
    assert out == "\x1b[1;1H\x1b[0;37;40mabcd\x1b[1;39mef\x1b[0m"


def test_rows_of_a_small_partial_update_are_sent_again_by_the_next_full_one() -> None:
    mirror = LineMirror()
    whole = frame([("a" * 10, PLAIN)], [("b" * 10, PLAIN)], [("c" * 10, PLAIN)])
    sent(mirror, whole)
    chops = ChopsUpdate([{0: Strip([Segment("z", PLAIN)])}], [(1, 0, 1)], [[1]])
    assert mirror.trim(chops, SIZE, CONSOLE, lambda: whole) is chops
    out = sent(mirror, whole)
    assert "\x1b[2;1H" in out and "bbbbbbbbbb" in out and "aaaa" not in out


def test_a_new_size_or_forget_sends_every_row() -> None:
    mirror = LineMirror()
    whole = frame([("a" * 10, PLAIN)], [("b" * 10, PLAIN)], [("c" * 10, PLAIN)])
    sent(mirror, whole)
    mirror.forget()
    out = sent(mirror, whole)
    assert all(row * 10 in out for row in "abc")


async def test_flipping_a_steps_panes_moves_the_tab_underline_without_a_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Even with animations on (a local terminal), the 0.3 s slide of the tab
    # underline is a dozen frames of the whole bar: the flip jumps instead.
    from textual.widgets import TabbedContent, Tabs

    journal = Journal.open(tmp_path / "journal.json")
    journal.set_setting("welcome_seen", True)
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.animation_level != "none"
        await pilot.press("1")
        await pilot.pause()
        underline = (
            app.screen.query_one("#panes", TabbedContent).query_one(Tabs).query_one("Underline")
        )
        slides: list[str] = []
        real_animate = type(underline).animate

        def animate(widget: Any, attribute: str, *args: Any, **kwargs: Any) -> None:
            if widget is underline:
                slides.append(attribute)
            real_animate(widget, attribute, *args, **kwargs)

        monkeypatch.setattr(type(underline), "animate", animate)
        await pilot.press("f")
        await pilot.pause(0.1)
        await pilot.press("f")
        await pilot.pause(0.1)
        assert slides == []
        assert app.animation_level != "none"  # put back after the flip
    journal.close()
