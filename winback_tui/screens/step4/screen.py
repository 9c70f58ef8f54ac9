"""Step 4's screen: the boundaries checklist, the pacing guard and "keep growing".

Focus lands on the boundaries checklist, a non-text widget, so the global keys
keep working. Every dialog here keeps what was typed when closed with escape.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from winback_tui.domain.boundaries import Boundary, InvalidBoundary, clean_text, is_message_limit
from winback_tui.domain.contacts import Contact
from winback_tui.domain.gate import BoundaryState
from winback_tui.domain.goals import trend
from winback_tui.domain.pacing import (
    InvalidSetting,
    PacingKind,
    PacingStatus,
    describe_settings,
    milestones,
    patient_days,
    validate_settings,
)
from winback_tui.domain.situation import Situation
from winback_tui.domain.words import plural
from winback_tui.screens.step import StepScreen
from winback_tui.screens.step4.dialogs import PacingForm, SaveText, boundary_prompt
from winback_tui.store import Journal, JournalError
from winback_tui.store.boundaries import BoundariesRepo
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.goals import GoalsRepo, step2_summary
from winback_tui.store.situation import (
    BoundaryCrossedError,
    boundary_states_for_journal,
    no_contact_counts_for_journal,
    situation_for_journal,
    slips_for_journal,
    tick_kept,
)
from winback_tui.widgets.checklist import CheckItem, Checklist
from winback_tui.widgets.dialogs import ConfirmDialog, Outcome, Problem

NO_CONTACT_PACING = (
    "While no contact holds there is no message window to set: the answer is no contact."
)
HINT = "space kept today · a add · r edit · d delete · K/J move · p pacing window"


def _wrong_field(window: str) -> str:
    """Which pacing field a refused pair of settings is about: the window, or the limit."""
    try:
        validate_settings(window, 1)
    except InvalidSetting:
        return "window-days"
    return "max-unanswered"


_MARKS = {PacingKind.OK: "[ok]", PacingKind.PUSHY: "[!]", PacingKind.NO_CONTACT: "[!]"}


class BoundaryChecklist(Checklist):
    """The boundaries checklist, with the keys that edit the highlighted item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "screen.edit_boundary", "Edit boundary", show=False, id="step4.edit_boundary"),
        Binding("c", "screen.edit_boundary", "Edit boundary", show=False, id="step4.edit_boundary"),
        Binding(
            "d", "screen.delete_boundary", "Delete boundary", show=False, id="step4.delete_boundary"
        ),
        Binding(
            "K", "screen.move_boundary(-1)", "Move boundary up", show=False, id="step4.move_up"
        ),
        Binding(
            "J", "screen.move_boundary(1)", "Move boundary down", show=False, id="step4.move_down"
        ),
    ]


class Step4Screen(StepScreen):
    """Step 4: boundaries, the pacing guard, keep growing, then the reflections."""

    TOOLS_TAB = "Boundaries"
    #: The checklist is the step's daily tool: open on it, whole.
    REVEAL_INITIAL_FOCUS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_boundary", "Add boundary", id="step4.add_boundary"),
        Binding("p", "pacing_settings", "Pacing window", show=False, id="step4.pacing"),
    ]

    def __init__(self, journal: Journal, number: int) -> None:
        super().__init__(journal, number)
        self.boundaries = BoundariesRepo(self.journal)
        # Unsaved text of closed dialogs, by dialog ("new", "edit:<id>", "pacing").
        self.drafts: dict[str, str] = {}
        self.pacing_draft: tuple[str, str] | None = None
        self.crossed: dict[int, BoundaryState] = {}

    # ---------------------------------------------------------------- layout
    def compose_tools(self) -> ComposeResult:
        yield Static("Boundaries I keep", classes="subheading", id="boundaries-title")
        yield Static(HINT, classes="meta", id="boundaries-hint")
        yield BoundaryChecklist(id="boundaries")
        yield Static(id="boundaries-empty", classes="meta")
        yield Static("Pacing guard", classes="subheading")
        # markup=False: "[ok]" and "[x]" are marks to show, not Rich markup.
        yield Static(id="pacing", markup=False)
        yield Static(id="pacing-settings", classes="meta")
        yield Static("Keep growing", classes="subheading")
        yield Static(id="growth", markup=False)

    @property
    def today(self) -> date:
        """The user's local date from the journal's clock."""
        return self.journal.now().astimezone().date()

    @property
    def checklist(self) -> BoundaryChecklist:
        """The boundaries checklist."""
        return self.query_one("#boundaries", BoundaryChecklist)

    def on_mount(self) -> None:
        try:
            self.boundaries.ensure_defaults(self.today)
        except JournalError as exc:
            self.notify(f"The starting boundaries were not added: {exc.message}", severity="error")
        self.reload()
        self.moved_on()

    def initial_focus(self) -> Widget:
        return self.checklist

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Contacts may have been logged in Step 3 and the day may have changed.
        if self.moved_on():
            self.reload()
            self.moved_on()

    def situation(self) -> Situation:
        """Where the user stands today: the one view every screen reads."""
        return situation_for_journal(self.journal, self.today)

    def shown_boundaries(self, now: Situation) -> list[Boundary]:
        """The checklist as shown: in no-contact mode, the message limit is set aside."""
        items = self.boundaries.all()
        if now.no_contact:
            items = [b for b in items if not is_message_limit(b.text)]
        return items

    def reload(self, select: int | None = None) -> None:
        """Re-read boundaries, ticks, pacing and growth; highlight ``select`` if given."""
        today = self.today
        now = self.situation()
        if now.no_contact:
            try:
                self.boundaries.ensure_no_contact(today)
            except JournalError as exc:
                self.notify(f"The no-contact boundaries were not added: {exc.message}")
        items = self.shown_boundaries(now)
        kept = self.boundaries.kept_on(today)
        rates = self.boundaries.rates(today)
        self.crossed = {
            key: state
            for key, state in boundary_states_for_journal(self.journal, today).items()
            if state.crossed
        }
        checklist = self.checklist
        checklist.set_items(self._item(b, b.id in kept, rates[b.id].describe()) for b in items)
        if select is not None:
            index = next((i for i, b in enumerate(items) if b.id == select), None)
            if index is not None:
                checklist.highlighted = index
        self.query_one("#boundaries-empty", Static).update(
            "" if items else "No boundaries on your list. Press a to add one."
        )
        self.query_one("#boundaries-hint", Static).update(
            HINT.removesuffix(" · p pacing window") if now.no_contact else HINT
        )
        self.query_one("#boundaries-title", Static).update(
            "Boundaries I keep: no contact" if now.no_contact else "Boundaries I keep"
        )
        self.refresh_pacing(now)

    def _item(self, boundary: Boundary, kept: bool, note: str) -> CheckItem:
        """One row; a boundary the guard says is crossed today says so, with why."""
        state = self.crossed.get(boundary.id)
        if state is not None:
            return CheckItem(
                str(boundary.id), boundary.text, False, f"crossed today: {state.reason}"
            )
        return CheckItem(str(boundary.id), boundary.text, kept, note)

    def refresh_pacing(self, now: Situation | None = None) -> None:
        """Show the pacing guard and the growth section for today."""
        now = now or self.situation()
        today = self.today
        contacts = ContactsRepo(self.journal).all()
        settings = self.boundaries.settings()
        status = now.pacing
        pacing = self.query_one("#pacing", Static)
        pacing.update(f"{_MARKS[status.kind]} {status.message}")
        pacing.set_class(status.kind is not PacingKind.OK, "-warning")
        self.query_one("#pacing-settings", Static).update(
            NO_CONTACT_PACING
            if now.no_contact
            else f"Your pacing boundary: {describe_settings(settings)} · p changes it"
        )
        self.query_one("#growth", Static).update(self._growth_text(status, contacts, today))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No message window while the answer is no contact.
        if action == "pacing_settings" and self.situation().no_contact:
            return False
        return super().check_action(action, parameters)

    def _growth_text(self, status: PacingStatus, contacts: list[Contact], today: date) -> str:
        settings = status.settings
        counts = no_contact_counts_for_journal(self.journal, today)
        if counts.days_since_last is None:
            lines = ["No contact you started is logged."]
        else:
            lines = [f"{plural(counts.days_since_last, 'day', 'days')} since you last reached out."]
        days = {n: plural(n, "day", "days") for n in (counts.current, counts.longest, counts.total)}
        lines.append(
            f"{days[counts.current]} without contact now · longest stretch "
            f"{days[counts.longest]} · {days[counts.total]} in all."
        )
        slipped = len(slips_for_journal(self.journal, today))
        if slipped:
            lines.append(
                f"{plural(slipped, 'slip', 'slips')} along the way; each one restarted only "
                "the current count."
            )
        patient = patient_days(contacts, today, self.boundaries.started(today), settings)
        if patient:
            lines.append(f"{plural(patient, 'day', 'days')} at your own pace.")
        else:
            lines.append("Every day at your own pace counts; the count starts today.")
        for stone in milestones(patient):
            mark = "[x]" if stone.reached else "[ ]"
            lines.append(f"{mark} {stone.title}" + (f": {stone.text}" if stone.reached else ""))
        lines.extend(self._step2_lines(today))
        return "\n".join(lines)

    def _step2_lines(self, today: date) -> list[str]:
        """Step 2's streaks and confidence trend: the self-work that carries on."""
        summary = step2_summary(self.journal, today)
        if summary.active_goals == 0:
            return ["Step 2: no goals yet. Press 2 to choose a small one for yourself."]
        lines = [f"Step 2: {summary.line()}."]
        ratings = trend(GoalsRepo(self.journal).ratings.all(), limit=7)
        if len(ratings) > 1:
            lines.append("Confidence lately: " + " → ".join(str(v) for v in ratings) + " (of 5)")
        return lines

    # ------------------------------------------------------------- ticking
    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        if event.checklist.id != "boundaries":
            return
        event.stop()
        item = event.item
        undo = CheckItem(item.id, item.label, not item.checked, item.note)
        if self.explain_read_only():
            event.checklist.replace_item(undo)
            return
        today = self.today
        try:
            tick_kept(self.journal, int(item.id), today, item.checked)
        except BoundaryCrossedError as exc:
            event.checklist.replace_item(undo)
            self.notify(exc.message, title="Crossed today", timeout=10)
            return
        except KeyError:
            self.reload()
            return
        except JournalError as exc:
            event.checklist.replace_item(undo)
            self.notify(exc.message, title="Not saved", severity="error")
            return
        rate = self.boundaries.rates(today).get(int(item.id))
        note = rate.describe() if rate else item.note
        event.checklist.replace_item(CheckItem(item.id, item.label, item.checked, note))

    # ------------------------------------------------------------- editing
    def _refuse_read_only(self) -> bool:
        return self.explain_read_only()

    def _keeper(self, key: str, stored: str) -> SaveText:
        def keep(text: str) -> str | None:
            if clean_text(text) and text != stored:
                self.drafts[key] = text
                self.notify("Your draft is kept for next time.", timeout=3)
            else:
                self.drafts.pop(key, None)
            return None

        return keep

    def _back_to_list(self, _: None) -> None:
        # After a boundary dialog the user is working on the list: show it.
        self.checklist.focus()

    def action_add_boundary(self) -> None:
        """Write a new boundary (``a``)."""
        if self._refuse_read_only():
            return
        draft = self.drafts.get("new", "")

        def save(text: str) -> str | None:
            try:
                added = self.boundaries.add(text, self.today)
            except InvalidBoundary as exc:
                return exc.message
            except JournalError as exc:
                return f"Not saved: {exc.message}. Your text is still here."
            self.drafts.pop("new", None)
            self.reload(select=added.id)
            self.notify("Boundary added.", timeout=2)
            return None

        note = "Your unsaved draft is back." if draft else ""
        self.app.push_screen(
            boundary_prompt("New boundary", draft, save, self._keeper("new", ""), note),
            callback=self._back_to_list,
        )

    def action_edit_boundary(self) -> None:
        """Change the words of the highlighted boundary (``r``)."""
        if self._refuse_read_only():
            return
        item = self.checklist.current
        if item is None:
            self.notify("There is no boundary to edit. Press a to add one.")
            return
        boundary_id = int(item.id)
        key = f"edit:{boundary_id}"
        draft = self.drafts.get(key)

        def save(text: str) -> str | None:
            try:
                self.boundaries.edit(boundary_id, text)
            except InvalidBoundary as exc:
                return exc.message
            except KeyError:
                return "This boundary is no longer there. Press escape; your text is kept."
            except JournalError as exc:
                return f"Not saved: {exc.message}. Your text is still here."
            self.drafts.pop(key, None)
            self.reload(select=boundary_id)
            self.notify("Boundary saved.", timeout=2)
            return None

        note = "Your unsaved draft is back." if draft is not None else ""
        self.app.push_screen(
            boundary_prompt(
                "Edit boundary",
                item.label if draft is None else draft,
                save,
                self._keeper(key, item.label),
                note,
            ),
            callback=self._back_to_list,
        )

    def action_delete_boundary(self) -> None:
        """Delete the highlighted boundary after asking (``d``)."""
        if self._refuse_read_only():
            return
        item = self.checklist.current
        if item is None:
            self.notify("There is no boundary to delete.")
            return
        boundary_id = int(item.id)

        def delete() -> None:
            try:
                self.boundaries.delete(boundary_id)
            except JournalError as exc:
                self.notify(exc.message, title="Not deleted", severity="error")
                return
            self.drafts.pop(f"edit:{boundary_id}", None)
            self.reload()
            self.notify("Boundary deleted.", timeout=2)

        self.app.push_screen(
            ConfirmDialog(
                "Delete this boundary?",
                f"“{item.label}”\n\nIts daily ticks go with it.",
                delete,
                yes="delete it",
                no="keep it",
            ),
            callback=self._back_to_list,
        )

    def action_move_boundary(self, offset: int) -> None:
        """Move the highlighted boundary up (``K``) or down (``J``)."""
        if self._refuse_read_only():
            return
        item = self.checklist.current
        if item is None:
            return
        try:
            self.boundaries.move(int(item.id), offset)
        except JournalError as exc:
            self.notify(exc.message, title="Not moved", severity="error")
        self.reload(select=int(item.id))

    def action_pacing_settings(self) -> None:
        """Change the pacing window (``p``)."""
        if self._refuse_read_only():
            return
        current = self.boundaries.settings()
        stored = (str(current.window_days), str(current.max_unanswered))
        values = self.pacing_draft or stored

        def save(window: str, limit: str) -> Outcome:
            try:
                settings = validate_settings(window, limit)
            except InvalidSetting as exc:
                return Problem(exc.message, _wrong_field(window))
            try:
                self.boundaries.save_settings(settings)
            except InvalidSetting as exc:
                return exc.message
            except JournalError as exc:
                return f"Not saved: {exc.message}."
            self.pacing_draft = None
            self.refresh_pacing()
            self.notify(f"Pacing boundary: {describe_settings(settings)}.", timeout=3)
            return None

        def keep(window: str, limit: str) -> None:
            self.pacing_draft = None if (window, limit) == stored else (window, limit)

        self.app.push_screen(PacingForm(values, save, keep))
