"""The lock screen of an encrypted journal: before anything else, and after an idle spell.

It covers the whole terminal (a screen, not a modal: nothing behind it shows
through) and asks for the passphrase. Three wrong tries end the attempt with a
clear message. A wrong passphrase and a damaged journal are told apart: the
checker raises :class:`~winback_tui.store.crypt.WrongPassphraseError` for the
one and :class:`~winback_tui.store.errors.JournalCorruptError` for the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from winback_tui.store.crypt import WrongPassphraseError
from winback_tui.store.errors import JournalError

T = TypeVar("T")

TRIES = 3


class UnlockScreen(Screen[T | None], Generic[T]):
    """Ask for the passphrase; dismiss with what ``check`` returned for it.

    Args:
        check: opens the journal (or checks the passphrase) with a passphrase;
            run in a thread (Argon2id takes a moment).
        title: the line above the field.
        on_give_up: called with a message after the last wrong try, or on damage.
        on_open: called with what ``check`` returned, instead of dismissing the
            screen: an encrypted journal's first screen is the base of its own
            mode (nothing under it to go back to), and the app moves on from it.
    """

    BINDINGS = [Binding("escape", "noop", show=False, id="unlock.escape")]

    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen > Vertical { width: 60; max-width: 100%; height: auto; padding: 1 2; }
    UnlockScreen Input { margin: 1 0; }
    """

    def __init__(
        self,
        check: Callable[[str], T],
        *,
        title: str,
        on_give_up: Callable[[str], None],
        on_open: Callable[[T], object] | None = None,
    ) -> None:
        super().__init__()
        self._check = check
        self._title = title
        self._on_give_up = on_give_up
        self._on_open = on_open
        self.tries_left = TRIES

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, id="unlock-title")
            yield Static("Type your passphrase and press enter.", id="unlock-status")

    async def on_screen_resume(self) -> None:
        # The field is mounted once the screen is shown, not composed: from
        # Python 3.12 a mode's first screen is mounted before it is on the
        # screen stack, and an Input mounted then asks the app for its screen
        # (ScreenStackError: winback stopped at start).
        fields = self.query(Input)
        if fields:
            field = fields.first()
        else:
            field = Input(password=True, placeholder="passphrase", id="passphrase")
            await self.query_one(Vertical).mount(field, before="#unlock-status")
        field.focus()

    def action_noop(self) -> None:
        """Escape does nothing here: there is nothing to go back to."""

    def _status(self, text: str) -> None:
        self.query_one("#unlock-status", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        passphrase = event.value
        if not passphrase:
            return
        event.input.value = ""
        event.input.disabled = True
        self._status("Checking…")
        self._try(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _try(self, passphrase: str) -> None:
        try:
            result = self._check(passphrase)
        except WrongPassphraseError:
            self.app.call_from_thread(self._wrong)
        except JournalError as exc:
            self.app.call_from_thread(self._on_give_up, exc.message)
        else:
            self.app.call_from_thread(self._opened, result)

    def _opened(self, result: T) -> None:
        if self._on_open is not None:
            self._on_open(result)
        else:
            self.dismiss(result)

    def _wrong(self) -> None:
        self.tries_left -= 1
        if self.tries_left <= 0:
            self._on_give_up(
                f"That passphrase does not open the journal; {TRIES} wrong tries. Nothing was "
                "changed. Start winback again to try once more, or set a new passphrase with "
                "your recovery code: winback passphrase --recover"
            )
            return
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
        left = "1 try" if self.tries_left == 1 else f"{self.tries_left} tries"
        self._status(f"That passphrase does not open this journal. {left} left.")


class HiddenScreen(Screen[None]):
    """A neutral screen for a plain journal's hide key: any key brings winback back."""

    DEFAULT_CSS = "HiddenScreen { align: center middle; }"

    def compose(self) -> ComposeResult:
        yield Static("Press any key to go on.")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        # Keys typed together arrive here one after the other: the first one
        # brings winback back, the rest are taken (a second dismiss would pop
        # the screen below and stop the app).
        if self.is_current:
            self.dismiss()


#: The screens that stand in front of the journal's words (the idle lock, the hide key).
LOCK_SCREENS = (UnlockScreen, HiddenScreen)
