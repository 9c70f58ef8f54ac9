"""The App: screens, global bindings, theme, command palette, signals."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.color import ColorSystem
from rich.console import RenderableType
from rich.text import Text
from textual._compositor import CompositorUpdate
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import WorkerFailed

from winback_tui import program
from winback_tui.app_lock import LOCKED_MODE, LockKeeper, resume_gc_after_start
from winback_tui.app_settings import apply_settings, pinned_notice
from winback_tui.config import Settings
from winback_tui.crash import safe_report
from winback_tui.editors import flush_editors, save_editors_from_any_thread
from winback_tui.exit_guard import ExitGuard
from winback_tui.screens.unlock import LOCK_SCREENS
from winback_tui.store import Journal, JournalError
from winback_tui.store.crypt import Header
from winback_tui.wire import LOW_BANDWIDTH_FPS, LineMirror

if TYPE_CHECKING:
    from winback_tui.domain.urges import Urge
    from winback_tui.store.precheck import Precheck

# The dashboard, the overlays and everything they import (the domain, the
# store's repos) are imported where they are first needed, not here: an
# encrypted journal's unlock screen shows before any of it is loaded, and it is
# loaded on a thread while the passphrase is typed (see app_lock.prewarm).


def styles_dir() -> Path:
    """Find the .tcss folder: inside the wheel, or at the top of a source tree."""
    packaged = Path(__file__).with_name("styles")
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "styles"


#: Screens built (and their modules imported) the first time they are opened:
#: the home screen shows sooner, which a user on a slow machine feels.
LAZY_SCREENS: dict[str, tuple[str, str, tuple[int, ...]]] = {
    **{
        f"step{step.number}": (
            f"winback_tui.screens.step{step.number}",
            f"Step{step.number}Screen",
            (step.number,),
        )
        for step in program.STEPS
    },
    "journal": ("winback_tui.screens.journal", "JournalScreen", ()),
    "timeline": ("winback_tui.screens.timeline", "TimelineScreen", ()),
    "year": ("winback_tui.screens.year", "YearScreen", ()),
}


ScreenT = TypeVar("ScreenT", bound=Screen[Any])


class WinbackApp(LockKeeper):
    """winback's full-screen app.

    Args:
        journal: the open journal (read-only when another copy holds it).
        install_signals: handle SIGHUP and SIGTERM (off under Pilot tests).
        resume_gc: turn the garbage collector back on (frozen) after the first
            frame; the command line turns it off for the start-up.
        low_bandwidth: spare a slow link (over SSH or ``--low-bandwidth``): no
            animation, at most :data:`~winback_tui.wire.LOW_BANDWIDTH_FPS` frames
            a second, 256 colours.
    """

    TITLE = "winback"
    # Start straight on the dashboard: switching from Textual's default screen
    # on mount would build a screen and parse the CSS once more for nothing.
    DEFAULT_MODE = "home"
    CSS_PATH = [
        styles_dir() / "app.tcss",
        styles_dir() / "step1.tcss",
        styles_dir() / "step4.tcss",
        styles_dir() / "step2.tcss",
        styles_dir() / "step3.tcss",
        styles_dir() / "journal.tcss",
        styles_dir() / "dialogs.tcss",
        styles_dir() / "year.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "go('home')", "Home", id="app.home"),
        Binding("1", "go('step1')", "Step 1", show=False, id="app.step1"),
        Binding("2", "go('step2')", "Step 2", show=False, id="app.step2"),
        Binding("3", "go('step3')", "Step 3", show=False, id="app.step3"),
        Binding("4", "go('step4')", "Step 4", show=False, id="app.step4"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("s", "support", "Support", id="app.support"),
        Binding("u", "urge", "Urge", id="app.urge"),
        # The same on every screen; the dashboard shows them in its footer.
        Binding("w", "go('journal')", "Journal", show=False, id="app.journal"),
        Binding("l", "go('timeline')", "Look back", show=False, id="app.timeline"),
        Binding("y", "go('year')", "Year", show=False, id="app.year"),
        Binding("ctrl+s", "save", "Save now", show=False, id="app.save"),
        Binding(
            "ctrl+l", "hide", "Hide (lock) the screen", show=False, priority=True, id="app.hide"
        ),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        journal: Journal | None,
        *,
        locked: tuple[Path, Header] | None = None,
        install_signals: bool = True,
        resume_gc: bool = False,
        low_bandwidth: bool = False,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        if (journal is None) == (locked is None):
            raise ValueError("give either an open journal or a locked one")
        self._journal = journal
        #: An encrypted journal not opened yet: the unlock screen comes first.
        self._locked = locked
        #: Why the app ended, printed after the terminal is restored (the unlock gave up).
        self.exit_message: str | None = None
        #: The user's config file, read once at start-up (defaults when absent).
        self.settings = settings if settings is not None else Settings()
        self.low_bandwidth = low_bandwidth
        #: Seconds between two frames at least (read by SteadyFrames' timer).
        self.frame_interval: float | None = None
        if low_bandwidth:
            # Every in-between frame of a scroll or a fade crosses the link.
            self.animation_level = "none"
            self.frame_interval = 1 / LOW_BANDWIDTH_FPS
            if self.console.color_system == "truecolor":
                # Rich has no public setter once the console exists; "38;5;n"
                # is half the bytes of "38;2;r;g;b" for every colour change.
                self.console._color_system = ColorSystem.EIGHT_BIT
        #: Rows last sent to the terminal: full repaints send only changed rows.
        self._mirror = LineMirror()
        self._install_signals = install_signals
        self._resume_gc = resume_gc
        self._quit_warned = False
        #: Modes being dropped after meeting a journal they cannot read.
        self._dropping: set[str] = set()
        #: The mode being opened by action_go, while its screen is built.
        self._opening: str | None = None
        #: What was typed into a check-in closed with escape, by day (one dialog, many keys).
        self.checkin_drafts: dict[date, dict[str, str]] = {}
        #: SIGHUP / SIGTERM: save and leave within 2 s, even when the loop is swamped.
        self.exit_guard = ExitGuard(self._on_signal, save_editors_from_any_thread)
        self.add_mode("home", self._home_screen)
        if locked is not None:
            # Nothing of the journal before it is unlocked: the unlock screen is
            # the one screen of a mode of its own, dropped afterwards.
            self.add_mode(LOCKED_MODE, lambda: self._current_css(self._unlock_screen()))
        for mode, (module, name, args) in LAZY_SCREENS.items():
            self.add_mode(mode, self._lazy_screen(module, name, args))
        #: What the config file held that could not be used, one line each.
        self.settings_problems: list[str] = []
        if journal is not None:
            self._adopt(journal)

    @property
    def journal(self) -> Journal:
        """The open journal (an encrypted one only once it is unlocked)."""
        if self._journal is None:
            raise RuntimeError("the journal is still locked")
        return self._journal

    def _adopt(self, journal: Journal) -> None:
        """Take on the config file (keymap, pinned settings) and what the journal keeps
        about the app: its theme, whether it is read-only."""
        self.settings_problems = apply_settings(self, journal, self.settings)
        saved_theme = journal.get_setting("theme")  # the config file's, when it sets one
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
        if journal.unwritable:
            self.sub_title = "READ-ONLY: this file cannot be written here"
        elif journal.read_only:
            self.sub_title = "READ-ONLY: open in another window"

    def _home_screen(self) -> Screen[Any]:
        from winback_tui.screens.home import HomeScreen

        return self._current_css(HomeScreen(self.journal))

    def _current_css(self, screen: ScreenT) -> ScreenT:
        """Mark a new mode screen as styled by the current stylesheet.

        Textual (8.2) starts every screen as out of date and re-parses the whole
        stylesheet when a mode's first screen appears, although registering the
        screen has just styled it with that same stylesheet. Our screens bring no
        CSS of their own (all of it is in ``CSS_PATH``), so the re-parse changes
        nothing and only delays the first frame (and each step's first visit).
        """
        screen._css_update_count = self._css_update_count
        return screen

    def _lazy_screen(
        self, module: str, name: str, args: tuple[int, ...]
    ) -> Callable[[], Screen[None]]:
        def build() -> Screen[None]:
            screen_class = getattr(importlib.import_module(module), name)
            screen: Screen[None] = screen_class(self.journal, *args)
            return self._current_css(screen)

        return build

    # ------------------------------------------------------------- start-up
    def on_mount(self) -> None:
        if self._resume_gc and self._locked is None:
            self.call_after_refresh(resume_gc_after_start)
        # After a suspend the terminal shows the shell, not what was last sent.
        self.app_resume_signal.subscribe(self, lambda _: self._mirror.forget())
        if self._install_signals:
            # Not loop.add_signal_handler: see winback_tui.exit_guard for why.
            self.exit_guard.install(asyncio.get_running_loop().call_soon_threadsafe)
        if self._locked is not None:
            self.call_after_refresh(self._unlock_shown)
            return
        self._journal_ready()

    def _journal_ready(self) -> None:
        """What starts once the journal is open: the idle lock, notices, the welcome."""
        self._start_idle_lock()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.journal.unwritable and self.journal.read_only_reason:
            self.notify(f"{self.journal.read_only_reason}.", title="Read-only", severity="warning")
        self.call_after_refresh(_sweep_editor_scratch, self.journal.path)
        if not self.journal.get_setting("welcome_seen", False):
            from winback_tui.screens.overlays import WelcomeScreen

            self.push_screen(WelcomeScreen(), callback=self._welcome_closed)
        if self.settings_problems:
            self.notify(
                "\n".join(self.settings_problems),
                title="Config file: some settings were ignored",
                severity="warning",
                timeout=20,
            )

    def _welcome_closed(self, _: None) -> None:
        if not self.journal.read_only:
            # If this fails the welcome simply shows again next time.
            with contextlib.suppress(JournalError):
                self.journal.set_setting("welcome_seen", True)

    def _remember_theme(self, theme: Theme) -> None:
        notice = pinned_notice(self.journal, "theme", self)
        if notice is not None and theme.name != self.journal.get_setting("theme"):
            self.notify(f"{notice} This theme lasts until you quit.", title="Theme")
            return
        if self.journal.read_only:
            return
        try:
            self.journal.set_setting("theme", theme.name)
        except JournalError as exc:
            self.notify(f"Theme not remembered: {exc.message}", severity="warning")

    # ----------------------------------------------------------------- output
    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Write an update, leaving out the rows of a full repaint that did not change."""
        if (
            isinstance(renderable, CompositorUpdate)
            and self._running
            and not self._closed
            and not self.is_headless
            and self._driver is not None
            and not self._driver.is_inline
            and not self._batch_count
        ):
            try:
                renderable = self._mirror.trim(
                    renderable, self.size, self.console, screen._compositor.render_full_update
                )
            except Exception:
                self._mirror.forget()  # send the update as Textual made it
        super()._display(screen, renderable)

    # ------------------------------------------------------------ navigation
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the too-small notice shows, the app's keys do nothing but save and quit."""
        # Not ``self.screen``: bindings are checked while a mode's first screen
        # is still being built, before it is on the stack (see KeyFooter).
        stack = self._screen_stacks.get(self._current_mode) or []
        if self._journal is None or (stack and isinstance(stack[-1], LOCK_SCREENS)):
            return action in ("quit", "noop")
        guard = getattr(stack[-1], "is_too_small", None) if stack else None
        if guard is not None and guard():
            return action in ("quit", "save")
        return True

    def action_go(self, mode: str) -> None:
        """Open the home dashboard or a step (keys 0-4)."""
        while len(self.screen_stack) > 1:  # close overlays first
            self.pop_screen()
        # Noted for _survive: with eager tasks (Python 3.12+) a mode's first
        # screen is composed inside switch_mode, before current_mode changes.
        self._opening = mode
        self.switch_mode(mode)
        self._opening = None

    def action_help(self) -> None:
        """Show every key of this screen and the global ones (?)."""
        from winback_tui.screens.overlays import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_support(self) -> None:
        """Show crisis and support contacts (s)."""
        from winback_tui.screens.overlays import SupportScreen

        if not isinstance(self.screen, SupportScreen):
            self.push_screen(SupportScreen())

    def action_urge(self) -> None:
        """Note an urge to reach out, then take a short pause with better moves (u)."""
        from winback_tui.screens.base import explain_once, read_only_reason
        from winback_tui.screens.urge import UrgePause, urge_form

        reason = read_only_reason(self.journal)
        if reason is not None:
            explain_once(self, reason)
            return

        def noted(urge: Urge) -> None:
            self.call_after_refresh(
                self.push_screen, UrgePause(self.journal, urge, self.better_move)
            )

        self.push_screen(urge_form(self.journal, noted))

    def better_move(self, move: str) -> None:
        """Go where a better move chosen in the urge pause is (see ``domain.urges``)."""
        if move == "journal":
            self.action_go("journal")
        elif move == "support":
            self.action_support()
        elif move == "reasons":
            self.open_pane("step1", "reflect-pane")
        elif move == "letter":
            self.open_pane("step3", "reflect-pane", program.UNSENT_LETTER_PROMPT_ID)

    def open_pane(self, mode: str, pane: str, prompt_id: str | None = None) -> None:
        """Open a step on one of its panes, with ``prompt_id`` selected (the journal if
        the step has no such prompt)."""
        self.action_go(mode)

        def show() -> None:
            screen = self.screen
            show_pane = getattr(screen, "show_pane", None)
            if show_pane is None:
                return
            select = getattr(screen, "select_prompt", None)
            if prompt_id is not None and select is not None and not select(prompt_id):
                # Step 3 keeps its letter for the no-contact path; the journal
                # takes a letter just as well, and nothing there is sent either.
                self.action_go("journal")
                self.notify("Write your letter here; nothing in winback is ever sent.")
                return
            show_pane(pane)

        self.call_after_refresh(show)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification as plain text, whatever the caller asked.

        Notifications quote the user's own words (goal titles, errors naming
        files), and markup would swallow ``[x]`` or crash on ``[/]``.
        """
        del markup
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # ----------------------------------------------------------------- saving
    def action_save(self) -> None:
        """Save everything pending now (ctrl+s outside an editor)."""
        errors = flush_editors()
        if errors:
            self.notify(errors[0], title="Not saved", severity="error")
        else:
            self.notify("Everything is saved.", timeout=2)

    async def action_quit(self) -> None:
        """Save pending text, then quit (q). If saving fails, say so and stay."""
        errors = flush_editors()
        if errors and not self._quit_warned:
            self._quit_warned = True
            self.notify(
                f"{errors[0]}. Your text is still on screen. Fix the problem and press q "
                "again, or press q once more to quit without saving it.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
            return
        self.exit(0)

    def _on_signal(self, signum: int) -> None:
        """SIGHUP (the SSH link dropped) or SIGTERM: save, then leave promptly.

        The exit guard has started the deadline already: the terminal may be
        gone, so restoring it can block or fail, and the process is gone within
        2 s whatever Textual does (saving from its own thread if this is late).
        """
        self.exit_guard.fire(signum)  # a no-op when the signal handler fired it
        flush_editors()
        self.exit_guard.saved()
        self.exit(0)

    # ------------------------------------------------------------------ crash
    def _handle_exception(self, error: Exception) -> None:
        """Save what can be saved and report the crash without any user text.

        A journal that cannot be read any more (changed on disk under this
        copy) is not a crash of winback: the screen that met it is dropped and
        the dashboard shown with a notice; if even that is not possible, the
        app stops with the journal's own one-line message.
        """
        trouble = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(trouble, JournalError) and self._survive(trouble):
            return
        with contextlib.suppress(Exception):
            flush_editors()
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        if isinstance(trouble, JournalError):
            report = (
                f"winback stopped: {trouble.message}.\n"
                "Everything saved before this moment is safe in your journal."
            )
        else:
            report = safe_report(error)
        self._exit_renderables.append(Text(report))
        self._close_messages_no_wait()

    def _survive(self, trouble: JournalError) -> bool:
        """Drop the step (or journal, timeline) screen that met ``trouble``; show home.

        The screen may be half built, so it is removed and built afresh the
        next time it is opened. Not possible on the dashboard itself, or when
        pending text cannot be saved first (it would go with the screen).
        """
        mode = self._opening or self.current_mode
        if mode in self._dropping:
            return True  # the same screen met it twice (compose, then mount): one notice
        if mode not in LAZY_SCREENS or not self.is_running:
            return False
        try:
            if flush_editors():
                return False
        except Exception:
            return False
        self._dropping.add(mode)
        self.call_later(self._drop_mode, mode, trouble.message)
        return True

    async def _drop_mode(self, mode: str, message: str) -> None:
        await self.switch_mode("home")
        await self.remove_mode(mode)
        self._dropping.discard(mode)
        module, name, args = LAZY_SCREENS[mode]
        self.add_mode(mode, self._lazy_screen(module, name, args))
        self.notify(
            f"{message}. Nothing you saved was changed; quit winback and open it again.",
            title="Cannot read the journal",
            severity="error",
            timeout=15,
        )


# ------------------------------------------------------ encrypted start-up
class LockedWinbackApp(WinbackApp):
    """The app on an encrypted journal not opened yet: it starts on the unlock screen.

    One app, one start-up: the passphrase is asked by the app's own first screen,
    and home is built only once the journal is open.
    """

    DEFAULT_MODE = LOCKED_MODE

    def __init__(
        self, path: Path, header: Header, *, precheck: Precheck | None = None, **options: Any
    ) -> None:
        super().__init__(None, locked=(path, header), **options)
        self.precheck = precheck


def _sweep_editor_scratch(journal_path: Path) -> None:
    """Remove what a winback killed while "Your editor" was open left (after the first frame)."""
    from winback_tui.external_editor import sweep_scratch

    with contextlib.suppress(OSError):
        sweep_scratch(journal_path)
