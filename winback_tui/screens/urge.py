"""The urge log: "I want to reach out", written down instead of sent (``u``, everywhere).

Noting an urge starts a short pause. During it the overlay shows the time left
and better moves: a letter that is never sent, the journal, the user's own
reasons from Step 1, and support. An urge that passes without contact counts as
a win, and is shown as one; an urge acted on is noted without blame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from winback_tui.domain.urges import (
    ALTERNATIVES,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TRIGGERS,
    Outcome,
    Urge,
    UrgeError,
    describe_pause,
    pause_left,
)
from winback_tui.store import Journal, JournalError
from winback_tui.store.urges import UrgesRepo, settle_quiet_urges
from winback_tui.widgets.dialogs import Dialog, Field, FormDialog, Problem, Values
from winback_tui.widgets.key_list import KeyList

STRENGTHS: tuple[tuple[str, str], ...] = (
    ("1 · a flicker", "1"),
    ("2 · noticeable", "2"),
    ("3 · strong", "3"),
    ("4 · very strong", "4"),
    ("5 · overwhelming", "5"),
)

URGE_INTRO = "Writing it down is already a way of not acting on it. Nothing here is sent to anyone."

WAVE = (
    "An urge rises, peaks and falls, like a wave, usually within minutes. You do not "
    "have to do anything about it but let it pass."
)

#: What each choice in the pause does, after the better moves from the domain.
PASSED = ("passed", "It passed: count it as a win")
CONTACTED = ("contacted", "I reached out after all")

#: Called with the id of the better move chosen (see ALTERNATIVES).
MoveFn = Callable[[str], None]


def urge_form(journal: Journal, on_noted: Callable[[Urge], None]) -> FormDialog:
    """The form that notes an urge; ``on_noted`` gets it once stored."""
    repo = UrgesRepo(journal)

    def submit(typed: Values) -> str | Problem | None:
        try:
            urge = repo.note(int(typed["strength"]), typed["trigger"], typed["note"])
        except UrgeError as exc:
            return Problem(str(exc), "note")
        except JournalError as exc:
            return f"{exc.message}. Nothing was lost."
        on_noted(urge)
        return None

    fields = [
        Field(
            "strength",
            f"How strong is it? ({STRENGTH_MIN} to {STRENGTH_MAX})",
            "3",
            kind="radio",
            choices=STRENGTHS,
        ),
        Field(
            "trigger",
            "What set it off?",
            "lonely",
            kind="select",
            choices=tuple((label, key) for key, label in TRIGGERS),
        ),
        Field("note", "In your own words", hint="optional", max_length=500),
    ]
    return FormDialog("I want to reach out", fields, submit, intro=URGE_INTRO)


class UrgePause(Dialog):
    """The pause after an urge: the time left, and better moves to choose from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close (the pause keeps going)", id="urge.close"),
    ]

    def __init__(self, journal: Journal, urge: Urge, move: MoveFn) -> None:
        super().__init__(
            "A pause before anything else",
            "enter chooses · escape closes; the pause keeps going",
            size="wide",
        )
        self.journal = journal
        self.urge = urge
        self.move = move

    def compose_body(self) -> ComposeResult:
        yield Static(id="pause-left", classes="subheading", markup=False)
        yield Static(WAVE, id="pause-wave", markup=False)
        choices = [*ALTERNATIVES, PASSED, CONTACTED]
        yield KeyList(*(Option(label, id=key) for key, label in choices), id="pause-moves")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#pause-moves", KeyList).focus()
        self.show_left()
        self.set_interval(1, self.show_left)

    def now(self) -> datetime:
        return self.journal.now()

    def show_left(self) -> None:
        """The time left in words; once it is over, the urge counts as a win."""
        left = pause_left(self.urge, self.now())
        line = self.query_one("#pause-left", Static)
        if left:
            line.update(f"Give it {describe_pause(left)}. You do not need to decide anything.")
            return
        settled = settle_quiet_urges(self.journal, self.now())
        if any(urge.id == self.urge.id for urge in settled):
            self.urge = next(u for u in settled if u.id == self.urge.id)
        if self.urge.outcome is Outcome.PASSED or settled:
            line.update("The pause is over and you did not reach out. That is a win.")
        else:
            line.update("The pause is over. However it went, noticing it was the hard part.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option_id or ""
        if choice in (PASSED[0], CONTACTED[0]):
            self._settle(Outcome.PASSED if choice == PASSED[0] else Outcome.CONTACTED)
            return
        self.dismiss(None)
        self.move(choice)

    def _settle(self, outcome: Outcome) -> None:
        try:
            UrgesRepo(self.journal).settle(self.urge.id, outcome)
        except JournalError as exc:
            self.notify(f"{exc.message}. Nothing was lost.", title="Not saved", severity="error")
            return
        self.dismiss(None)
        if outcome is Outcome.PASSED:
            self.notify("It passed, and you let it. That counts as a win.", title="A win")
        else:
            self.notify(
                "Thank you for being honest with yourself. If you like, note it in Step 3 "
                "with c; nothing you have built is lost.",
                title="Noted",
                timeout=10,
            )

    def action_close(self) -> None:
        """Close the overlay; the pause goes on and still counts."""
        self.dismiss(None)
