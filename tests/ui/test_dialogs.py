"""The one family of dialogs: every dialog, opened from its screen at 80x24, shows its title,
the label of every field and its key hints; notifications keep off the hints; the list that had
focus is still in view after a dialog closes."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

import winback_tui
from tests.ui.helpers import visible_words, wait_until, words
from winback_tui.app import WinbackApp
from winback_tui.domain.goals import DAILY
from winback_tui.domain.issues import Area
from winback_tui.domain.tone import check_tone
from winback_tui.screens.base import WinbackModal
from winback_tui.screens.step3 import confirm_ready
from winback_tui.store import Journal
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import GoalsRepo
from winback_tui.widgets.dialogs import ConfirmDialog, Dialog, labels_of

TODAY = date(2026, 3, 12)


def seed(journal: Journal) -> None:
    """A journal a few days in: an issue of one's own, a goal, a draft."""
    AssessmentRepo(journal).add_custom("Jealousy", "I checked their phone.")
    GoalsRepo(journal).add("Walk after dinner", Area.HEALTH, DAILY, TODAY - timedelta(days=3))
    DraftsRepo(journal).create("A short hello")


async def to_last_issue(pilot: Pilot[object]) -> None:
    await pilot.press("end")


async def to_first_goal(pilot: Pilot[object]) -> None:
    goals = pilot.app.screen.query_one("#goals")
    await wait_until(pilot, lambda: pilot.app.focused is goals)
    await pilot.press("down")


@dataclass(frozen=True)
class Case:
    """How to open one dialog, and what it must show."""

    name: str
    keys: tuple[str, ...]
    title: str
    labels: tuple[str, ...] = ()
    before: Callable[[Pilot[object]], object] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.name


#: The one daily check-in, whichever key opens it.
CHECK_IN = ("How is your mood today?", "How confident do you feel?", "How calm do you feel?")

#: The urge log's form, from any screen.
URGE = ("How strong is it? (1 to 5)", "What set it off?", "In your own words")

CASES = [
    Case("step1-add-issue", ("1", "a"), "Add your own issue", ("Name",)),
    Case("step1-rename-issue", ("1", "r"), "Rename your issue", ("Name",), to_last_issue),
    Case("step1-remove-issue", ("1", "x"), "Remove your own issue?", (), to_last_issue),
    Case("step1-note", ("1", "n"), "My part in: Jealousy", (), to_last_issue),
    Case("step1-openness", ("1", "o"), "Are they open to it?"),
    Case("step2-new-goal", ("2", "n"), "New goal", ("Title", "Area", "How often", "Note")),
    Case("step2-skip", ("2", "x"), "Skip today · Walk after dinner", ("Why",), to_first_goal),
    Case(
        "step2-correct",
        ("2", "c"),
        "Correct a day · Walk after dinner",
        ("Last 7 days", "Reason for a skip"),
        to_first_goal,
    ),
    Case("step2-archive", ("2", "a"), "Archive this goal?", (), to_first_goal),
    Case("step2-month", ("2", "m"), "Walk after dinner", (), to_first_goal),
    Case("step2-check-in", ("2", "r"), "Today's check-in", CHECK_IN),
    Case("step3-new-draft", ("3", "n"), "Draft title", ("Title",)),
    Case("step3-rename-draft", ("3", "t"), "Draft title", ("Title",)),
    Case("step3-pause", ("3", "p"), "Pause before ready", ("Minutes",)),
    Case("step3-check-in", ("3", "m"), "Today's check-in", CHECK_IN),
    Case(
        "step3-log-contact",
        ("3", "c"),
        "Log a contact",
        ("When", "How", "Who started it", "Their response", "How it went", "What I learned"),
    ),
    Case("step4-add-boundary", ("4", "a"), "New boundary", ("Boundary",)),
    Case("step4-edit-boundary", ("4", "r"), "Edit boundary", ("Boundary",)),
    Case("step4-delete-boundary", ("4", "d"), "Delete this boundary?"),
    Case(
        "step4-pacing",
        ("4", "p"),
        "Pacing window",
        ("Days in the window", "Unanswered messages allowed"),
    ),
    Case("journal-check-in", ("w", "m"), "Today's check-in", CHECK_IN),
    Case("urge", ("u",), "I want to reach out", URGE),
    Case("urge-from-a-step", ("3", "u"), "I want to reach out", URGE),
    Case("journal-step-tag", ("w", "t"), "Which step is this entry about?"),
]


def assert_frame_in_view(app: WinbackApp, dialog: Dialog, also: str = "") -> None:
    shown = visible_words(app)
    assert words(dialog.dialog_title) in shown, f"title {dialog.dialog_title!r} not on screen"
    assert words(dialog.hint) in shown, f"key hints {dialog.hint!r} not on screen:\n{shown}"
    if also:
        assert words(also) in shown, f"label {also!r} not on screen:\n{shown}"


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_every_dialog_shows_its_title_labels_and_hints_at_80x24(
    case: Case, journal: Journal, make_app: Callable[[], WinbackApp]
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(case.keys[0])
        await pilot.pause()
        if case.before is not None:
            await case.before(pilot)  # type: ignore[misc]
        await pilot.press(*case.keys[1:])
        await wait_until(pilot, lambda: isinstance(app.screen, Dialog))
        dialog = app.screen
        assert isinstance(dialog, Dialog)
        await pilot.pause()
        assert dialog.dialog_title == case.title
        assert labels_of(dialog) == list(case.labels)
        assert_frame_in_view(app, dialog)
        # Each field in turn, as tab reaches it: its label shows with it, and the
        # title and the hints stay put however far the body scrolls.
        for label in dialog.query(".field-label").results(Static):
            assert label.id is not None
            target = dialog.query_one(f"#{label.id.removesuffix('-label')}")
            target.focus()
            await pilot.pause()
            await pilot.pause()
            assert_frame_in_view(app, dialog, str(label.content))


async def test_the_ready_confirm_shows_its_title_findings_and_hints(
    make_app: Callable[[], WinbackApp],
) -> None:
    text = "You always left me waiting and it's your fault. You never listened. " * 3
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.push_screen(confirm_ready("Letter", text, check_tone(text), lambda: None))
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert_frame_in_view(app, dialog, "may hurt")
        assert "(s)" not in visible_words(app)


async def test_a_notification_never_covers_a_dialogs_hints(
    journal: Journal,
) -> None:
    app = WinbackApp(journal, install_signals=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, Dialog))
        dialog = app.screen
        assert isinstance(dialog, Dialog)
        app.notify(
            "A message long enough to take a few rows of its own on a small screen.",
            title="Heads up",
            timeout=30,
        )
        await pilot.pause(0.3)
        toasts = list(dialog.query("Toast"))
        assert toasts, "the notification is shown while the dialog is open"
        hint = dialog.query_one("#dialog-hint").region
        for toast in toasts:
            assert not toast.region.overlaps(hint)
        assert_frame_in_view(app, dialog)


async def test_the_focused_list_is_in_view_after_a_dialog_closes(
    journal: Journal, make_app: Callable[[], WinbackApp]
) -> None:
    seed(journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await to_first_goal(pilot)
        screen = app.screen
        goals = screen.query_one("#goals")
        body = screen.query_one("#body")
        # The user has scrolled down to read the confidence trend, the list partly out of view.
        body.scroll_end(animate=False)
        await pilot.pause()
        assert not body.region.contains_region(goals.region)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, Dialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is goals
        assert body.region.contains_region(goals.region)


# ------------------------------------------------------------------ the family
#: Overlays that are pages to read, not dialogs: each has its own layout.
PAGES = {"HelpScreen", "SupportScreen", "WelcomeScreen", "VersionsScreen", "ReaderScreen"}

#: The ad-hoc dialogs the shared family replaced.
RETIRED = {
    "ConfirmPrompt",
    "ConfirmRemoveScreen",
    "ConfirmReadyModal",
    "_Form",
    "FormModal",
    "BoundaryDialog",
    "PacingDialog",
    "TextPrompt",
    "TitleForm",
    "TitleScreen",
    "PauseForm",
    "ChoiceScreen",
}


def _all_modal_classes() -> set[type[WinbackModal]]:
    for module in pkgutil.walk_packages(winback_tui.__path__, "winback_tui."):
        if not module.name.endswith("__main__"):  # that one runs the program
            importlib.import_module(module.name)
    found: set[type[WinbackModal]] = set()
    todo: list[type[WinbackModal]] = [WinbackModal]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("winback_tui.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_every_dialog_in_the_app_is_one_of_the_shared_family() -> None:
    classes = _all_modal_classes()
    names = {cls.__name__ for cls in classes}
    assert not names & RETIRED, f"ad-hoc dialogs are back: {sorted(names & RETIRED)}"
    outside = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in classes
        if not issubclass(cls, Dialog) and cls.__name__ not in PAGES
    )
    assert outside == [], "every dialog derives from winback_tui.widgets.dialogs.Dialog"
    # The family is really used: the screens' dialogs are in it.
    assert {"GoalForm", "ContactForm", "NoteScreen", "CorrectDays"} <= names
