"""Step 3's screen: readiness, unsent drafts with a tone check, a pause, and the contact log.

winback never sends anything. Here the user checks whether they are ready,
writes drafts that a tone check reads as they type, waits out a cooling-off
pause before marking one ready, and logs contact after it happened.

When the other person is not open (Step 1's check) or asked for space or no
contact (the log), the step turns kindly to the moving-forward path: the
reconnect tools step aside and the reflections become letting-go prompts and a
letter that is never sent.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import OptionList, Static, TabbedContent
from textual.widgets.option_list import Option

from winback_tui import program
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.readiness import (
    Mode,
)
from winback_tui.domain.reconnect import (
    check_not_future,
    parse_contact_time,
)
from winback_tui.domain.situation import RETAKE_NOTE
from winback_tui.domain.streaks import SLIP_MESSAGE, SLIP_QUESTIONS
from winback_tui.screens.step3.base import (
    CONTACT_KEYS,
    DRAFT_KEYS,
    MOVING_FORWARD_NOTE,
    NEVER_SENDS,
    local_stamp,
)
from winback_tui.screens.step3.contacts import contact_log_text
from winback_tui.screens.step3.drafts import DraftTools
from winback_tui.screens.step3.forms import (
    ContactForm,
)
from winback_tui.store import JournalError
from winback_tui.store.situation import contact_is_slip
from winback_tui.widgets.dialogs import Field, FormDialog, Outcome, Problem, Values
from winback_tui.widgets.draft_editor import DraftEditor
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.status_line import StatusLine
from winback_tui.widgets.tone_findings import ToneFindings


class Step3Screen(DraftTools):
    """Step 3: reconnect with care, or move forward when contact is not welcome."""

    TOOLS_TAB = "Readiness & drafts"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_draft", "New draft", id="step3.new_draft"),
        Binding("d", "write_draft", "Write draft", id="step3.write_draft"),
        Binding("t", "rename_draft", "Rename draft", show=False, id="step3.rename_draft"),
        Binding("r", "mark_ready", "Mark ready", id="step3.mark_ready"),
        Binding("p", "pause_length", "Pause length", show=False, id="step3.pause_length"),
        Binding("m", "mindset", "Check-in today", show=False, id="step3.checkin"),
        Binding("c", "log_contact", "Log contact", id="step3.log_contact"),
    ]

    #: Actions of the reconnect tools, set aside on the moving-forward path.
    RECONNECT_ACTIONS = frozenset(
        {"new_draft", "write_draft", "rename_draft", "mark_ready", "pause_length", "mindset"}
    )

    # --------------------------------------------------------------- layout
    def compose_tools(self) -> ComposeResult:
        yield Static(NEVER_SENDS, id="never-sends", classes="never-sends")
        with Vertical(id="mf-path"):
            yield Static(id="mf-text")
        with Vertical(id="reconnect-tools"):
            yield Static("Readiness", classes="subheading")
            yield Static(id="readiness-summary", classes="meta")
            yield KeyList(id="readiness")
            yield Static("Unsent drafts", classes="subheading")
            yield Static(DRAFT_KEYS, classes="meta")
            yield Static(id="no-drafts", classes="meta")
            yield KeyList(id="drafts")
            yield DraftEditor(
                "",
                self._draft_saver(0),
                read_only_reason=self.read_only_reason,
                tab_stop=False,
                id="draft-editor",
            )
            yield StatusLine(id="draft-meta", classes="meta")
            yield ToneFindings(id="tone")
        yield Static("Contact log", classes="subheading")
        yield Static(CONTACT_KEYS, classes="meta")
        yield Static(id="contact-list")

    def on_mount(self) -> None:
        self._refresh_all()
        self._fresh = True
        self.set_interval(30, self._refresh_drafts)  # keep the pause countdown honest

    #: Refreshed by the mount, which the first resume follows at once.
    _fresh = False

    def initial_focus(self) -> Widget | None:
        # The readiness list comes first, and it is not a text field, so the
        # global keys keep working. The moving-forward path has no list.
        if self.mode is Mode.RECONNECT:
            return self.query_one("#readiness", KeyList)
        return None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Step 1's check or a contact may have changed while this screen was away.
        if self._fresh:
            self._fresh = False
            return
        mode = self._current_mode()
        if mode is not self.mode:
            self._switch_mode(mode)
        else:
            self._refresh_all()

    def _refresh_all(self) -> None:
        self._show_mode()
        self._refresh_readiness()
        self._refresh_drafts()
        self._refresh_contacts()

    # ----------------------------------------------------------------- mode
    def _switch_mode(self, mode: Mode) -> None:
        self.query_one("#draft-editor", DraftEditor).save_now(wait=True)
        self.mode = mode
        old_prompt = self.prompt_id
        self._apply_step_prompts()
        new_prompt, self.prompt_id = self.prompt_id, old_prompt
        prompts = self.query_one("#prompts", OptionList)
        prompts.clear_options()
        prompts.add_options(self._prompt_options())
        prompts.highlighted = 0
        self._show_prompt(new_prompt)
        self._refresh_all()
        self.refresh_bindings()

    def _show_mode(self) -> None:
        moving = self.mode is Mode.MOVING_FORWARD
        self.query_one("#mf-path").display = moving
        self.query_one("#reconnect-tools").display = not moving
        title = program.MOVING_FORWARD_TITLE if moving else self.step.title
        tab = self.query_one("#panes", TabbedContent).get_tab("tools-pane")
        tab.label = "Moving forward" if moving else self.TOOLS_TAB
        self.query_one(".step-title", Static).update(f"Step {self.step.number} · {title}")
        self.title = f"winback · Step {self.step.number}: {title}"
        self.query_one(".guidance", Static).update(
            program.MOVING_FORWARD_GUIDANCE if moving else self.step.guidance
        )
        if moving:
            now = self.situation()
            parts = [now.reason, now.how_it_lifts]
            if now.retake_ignored:
                parts.append(RETAKE_NOTE)
            parts.append(MOVING_FORWARD_NOTE)
            self.query_one("#mf-text", Static).update("\n\n".join(p for p in parts if p))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the moving-forward path the reconnect tools are hidden from the footer and help.
        if action in self.RECONNECT_ACTIONS and self.mode is Mode.MOVING_FORWARD:
            return False
        return super().check_action(action, parameters)

    # ------------------------------------------------------------ readiness
    def _refresh_readiness(self) -> None:
        result = self.readiness()
        self.query_one("#readiness-summary", Static).update(result.summary)
        options = []
        for item in result.items:
            label = Text(f"{'[x]' if item.met else '[ ]'} {item.title}: ", style="bold")
            label.append(item.detail, style="")
            if not item.met:
                label.append(f"\n    Why it matters: {item.why}", style="italic")
            options.append(Option(label, id=item.id))
        listing = self.query_one("#readiness", KeyList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = highlighted if highlighted is not None else 0

    def action_mindset(self) -> None:
        """Today's check-in: mood, confidence and calm, 1-5 each (``m``)."""
        self.open_checkin(self.today().date(), self._refresh_readiness)

    def action_log_contact(self) -> None:
        """Log a contact that already happened (``c``)."""
        if self._refuse_read_only():
            return
        values = self._contact_values or {"when": local_stamp(self.journal.now())}

        def keep(typed: Values) -> None:
            self._contact_values = dict(typed)

        def submit(typed: Values) -> Outcome:
            try:
                naive = parse_contact_time(typed["when"])
                when = naive.astimezone()
                check_not_future(when, self.journal.now())
            except ValueError as exc:
                return Problem(str(exc), "when")
            contact = Contact(
                at=when,
                channel=Channel(typed["how"]),
                initiator=Initiator(typed["who"]),
                response=Response(typed["response"]),
                how_it_went=typed["went"],
                learned=typed["learned"],
            )
            slip = contact_is_slip(self.journal, contact)
            try:
                stored = self.contacts.add(contact)
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            self._contact_values = None
            self._after_contact(stored, slip=slip)
            return None

        self.app.push_screen(ContactForm(values, submit, keep))

    def _after_contact(self, contact: Contact, *, slip: bool = False) -> None:
        mode = self._current_mode()
        if mode is not self.mode:
            self._switch_mode(mode)
        else:
            self._refresh_all()
        if slip:
            # After the contact form has closed: it closes itself once this returns.
            self.call_after_refresh(self._ask_about_slip, contact)
            return
        now = self.situation()
        if now.lifted_by_them and now.lift_note and mode is Mode.RECONNECT:
            self.notify(now.lift_note, title="They reached out", timeout=12)
        elif contact.response.is_boundary:
            self.notify(
                "Thank you for writing it down. Their request is a boundary: this step now "
                "turns to caring for yourself instead of reaching out.",
                title="A boundary",
                timeout=10,
            )
        else:
            self.notify("Logged.", timeout=3)

    def _ask_about_slip(self, contact: Contact) -> None:
        """A contact started while a boundary held: two gentle questions, no blame."""

        def submit(typed: Values) -> Outcome:
            if not any(v.strip() for v in typed.values()):
                return None  # nothing to keep; answering is optional
            try:
                self.contacts.answer_slip(contact.id, typed["trigger"], typed["next_time"])
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            return None

        def keep(typed: Values) -> None:
            # Closing keeps what was typed, as every dialog does: here by saving it.
            if isinstance(submit(typed), str):
                self.notify("Your answers could not be saved; nothing else was lost.")

        fields = [Field(key, question, hint="optional") for key, question in SLIP_QUESTIONS]
        self.app.push_screen(
            FormDialog("A slip, and that is all right", fields, submit, keep, intro=SLIP_MESSAGE)
        )

    # ------------------------------------------------------------- contacts
    def _refresh_contacts(self) -> None:
        self.query_one("#contact-list", Static).update(contact_log_text(self.contacts.all()))
