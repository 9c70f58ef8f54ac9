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

from dataclasses import replace
from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from winback_tui import program
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import CheckState
from winback_tui.domain.openness import Verdict, is_moving_forward
from winback_tui.domain.pacing import crossed
from winback_tui.domain.readiness import (
    Mindset,
    Mode,
    Readiness,
    assess_readiness,
    moving_forward_reason,
    parse_rating,
    reconnect_mode,
    standing_boundary,
)
from winback_tui.domain.reconnect import (
    TIME_FORMAT,
    Draft,
    check_not_future,
    cooling_off_from_setting,
    cooling_off_left,
    describe_wait,
    parse_contact_time,
    parse_cooling_off,
    ready_time,
)
from winback_tui.domain.tone import Finding, check_tone
from winback_tui.domain.words import plural
from winback_tui.screens.step import StepScreen
from winback_tui.screens.step3.contacts import contact_log_text
from winback_tui.screens.step3.forms import (
    MINDSET_NAMES,
    ContactForm,
    MindsetForm,
    confirm_ready,
    draft_title_prompt,
    pause_prompt,
)
from winback_tui.store import Journal, JournalError
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.boundaries import pacing_for_journal
from winback_tui.store.contacts import ContactsRepo
from winback_tui.store.drafts import DraftsRepo
from winback_tui.store.goals import CheckInsRepo
from winback_tui.store.reconnect import MindsetRepo
from winback_tui.widgets.dialogs import Outcome, Problem, Values
from winback_tui.widgets.draft_editor import DraftEditor
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import SaveFn
from winback_tui.widgets.status_line import StatusLine
from winback_tui.widgets.tone_findings import ToneFindings

COOLING_OFF_SETTING = "cooling_off_minutes"
#: The tone check waits this long after the last keystroke (seconds).
TONE_DELAY = 0.4
#: Longer drafts are checked in a worker thread so typing never waits.
TONE_INLINE_LIMIT = 20_000

NEVER_SENDS = "Nothing here is ever sent. Drafts stay on this computer."
DRAFT_KEYS = "n new · t rename · d write · r mark ready · p pause length"
CONTACT_KEYS = "c log a contact that happened"
MOVING_FORWARD_NOTE = (
    "The reflections below are for you alone: what you keep, what you set down, and a "
    "letter that is never sent. Your Step 2 goals carry on. If they get in touch with "
    "you one day, you can note it with c."
)


def _stamp(moment: datetime) -> str:
    return moment.astimezone().strftime(TIME_FORMAT)


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


# -------------------------------------------------------------------- screen
class Step3Screen(StepScreen):
    """Step 3: reconnect with care, or move forward when contact is not welcome."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_draft", "New draft"),
        Binding("d", "write_draft", "Write draft"),
        Binding("t", "rename_draft", "Rename draft", show=False),
        Binding("r", "mark_ready", "Mark ready"),
        Binding("p", "pause_length", "Pause length", show=False),
        Binding("m", "mindset", "Mindset today", show=False),
        Binding("c", "log_contact", "Log contact"),
    ]

    #: Actions of the reconnect tools, set aside on the moving-forward path.
    RECONNECT_ACTIONS = frozenset(
        {"new_draft", "write_draft", "rename_draft", "mark_ready", "pause_length", "mindset"}
    )

    def __init__(self, journal: Journal, number: int) -> None:
        super().__init__(journal, number)
        self.drafts = DraftsRepo(journal)
        self.contacts = ContactsRepo(journal)
        self.mindsets = MindsetRepo(journal)
        self.draft_id: int | None = None
        self._meta_draft: Draft | None = None
        self.findings: list[Finding] = []
        self._tone_timer: Timer | None = None
        self._tone_generation = 0
        self._contact_values: dict[str, object] | None = None
        # What was typed into a dialog closed with escape, offered again next time.
        self._title_drafts: dict[int | None, str] = {}
        self._pause_draft: str | None = None
        self._mindset_draft: tuple[date, dict[str, str]] | None = None
        self.mode = self._current_mode()
        self._reconnect_step = self.step
        self._apply_step_prompts()

    # ------------------------------------------------------------- the rule
    def _latest_verdict(self) -> tuple[Verdict | None, bool]:
        latest = AssessmentRepo(self.journal).latest_openness()
        verdict = latest.result.verdict if latest is not None else None
        return verdict, is_moving_forward(latest)

    def _current_mode(self) -> Mode:
        verdict, not_open = self._latest_verdict()
        mode = reconnect_mode(verdict, standing_boundary(self.contacts.all()))
        return Mode.MOVING_FORWARD if not_open else mode

    def _apply_step_prompts(self) -> None:
        """On the moving-forward path the reflections become the letting-go prompts."""
        if self.mode is Mode.MOVING_FORWARD:
            self.step = replace(self._reconnect_step, prompts=program.MOVING_FORWARD_PROMPTS)
        else:
            self.step = self._reconnect_step
        if self.prompt_id not in {p.id for p in self.step.prompts}:
            self.prompt_id = self.step.prompts[0].id

    def today(self) -> datetime:
        """Now, in local time."""
        return self.journal.now().astimezone()

    def boundary_crossed(self) -> bool:
        """Whether Step 4's pacing guard says a boundary is crossed now."""
        return crossed(pacing_for_journal(self.journal, self.today().date()))

    def readiness(self) -> Readiness:
        """The readiness check from what the journal knows today."""
        today = self.today().date()
        answered = {r.prompt_id for r in self.journal.reflections(1) if r.text.strip()}
        step1_done = all(p.id in answered for p in program.step(1).prompts)
        checkins = [c.day for c in CheckInsRepo(self.journal).all() if c.state is CheckState.DONE]
        verdict, _ = self._latest_verdict()
        return assess_readiness(
            step1_done=step1_done,
            openness=verdict,
            checkin_dates=checkins,
            mindset=self.mindsets.on(today),
            boundary_crossed=self.boundary_crossed(),
            today=today,
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
        self.set_interval(30, self._refresh_drafts)  # keep the pause countdown honest
        if self.mode is Mode.RECONNECT:
            # StepScreen.on_mount (run after this one) focuses the prompts and
            # scrolls to them; land on the readiness list instead: it comes first,
            # and it is not a text field, so the global keys keep working.
            self.call_after_refresh(self._focus_readiness)

    def _focus_readiness(self) -> None:
        self.query_one("#readiness", KeyList).focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#body", VerticalScroll).scroll_home, animate=False)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Step 1's check or a contact may have changed while this screen was away.
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
        self.query_one(".step-title", Static).update(f"Step {self.step.number} · {title}")
        self.query_one(".guidance", Static).update(
            program.MOVING_FORWARD_GUIDANCE if moving else self.step.guidance
        )
        if moving:
            verdict, _ = self._latest_verdict()
            reason = moving_forward_reason(verdict, standing_boundary(self.contacts.all()))
            self.query_one("#mf-text", Static).update(f"{reason}\n\n{MOVING_FORWARD_NOTE}")

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

    # --------------------------------------------------------------- drafts
    def _draft_saver(self, draft_id: int) -> SaveFn:
        def save(text: str) -> datetime:
            return self.drafts.save_text(draft_id, text).edited_at

        return save

    def _pause_minutes(self) -> int:
        return cooling_off_from_setting(self.journal.get_setting(COOLING_OFF_SETTING))

    def _draft_status(self, draft: Draft) -> str:
        if draft.ready_at is not None:
            return f"[ready {_stamp(draft.ready_at)}]"
        if not draft.text.strip():
            return "[empty]"
        left = cooling_off_left(draft, self.journal.now(), self._pause_minutes())
        if left:
            return f"[resting, {describe_wait(left)} left]"
        return "[rested: r marks it ready]"

    def _refresh_drafts(self) -> None:
        drafts = self.drafts.all()
        listing = self.query_one("#drafts", KeyList)
        editor = self.query_one("#draft-editor", DraftEditor)
        self.query_one("#no-drafts", Static).display = not drafts
        self.query_one("#no-drafts", Static).update(
            "No drafts yet. Press n to start one; nothing you write here is sent."
        )
        for widget in (listing, editor, self.query_one("#draft-meta"), self.query_one("#tone")):
            widget.display = bool(drafts)
        if not drafts:
            return
        if self.draft_id not in {d.id for d in drafts}:
            self.draft_id = drafts[-1].id
            editor.load(drafts[-1].text, self._draft_saver(drafts[-1].id))
            self._run_tone(now=True)
        listing.clear_options()
        listing.add_options(
            [Option(f"{d.title}  {self._draft_status(d)}", id=str(d.id)) for d in drafts]
        )
        index = next(i for i, d in enumerate(drafts) if d.id == self.draft_id)
        with listing.prevent(OptionList.OptionHighlighted):
            listing.highlighted = index
        self._update_draft_meta()

    def _current_draft(self) -> Draft | None:
        if self.draft_id is None:
            return None
        try:
            return self.drafts.get(self.draft_id)
        except KeyError:
            return None

    def _update_draft_meta(self, *, reread: bool = True) -> None:
        """Refresh the draft's status row.

        On a keystroke (``reread=False``) it uses the draft read last time and
        repaints only the status row, so typing stays cheap over a slow link.
        """
        editor = self.query_one("#draft-editor", DraftEditor)
        if reread or self._meta_draft is None or self._meta_draft.id != self.draft_id:
            self._meta_draft = self._current_draft()
        draft = self._meta_draft
        parts = [editor.status]
        if draft is not None:
            if editor.border_title != draft.title:
                editor.border_title = draft.title
            parts.append(f"edited {_stamp(draft.edited_at)}")
            if draft.versions:
                parts.append(plural(len(draft.versions), "earlier version", "earlier versions"))
            parts.append(self._draft_status(draft).strip("[]"))
        self.query_one("#draft-meta", StatusLine).set_text(" · ".join(parts))

    def _select_draft(self, draft_id: int) -> None:
        if draft_id == self.draft_id:
            return
        editor = self.query_one("#draft-editor", DraftEditor)
        editor.save_now(wait=True)
        draft = self.drafts.get(draft_id)
        self.draft_id = draft_id
        editor.load(draft.text, self._draft_saver(draft_id))
        self._update_draft_meta()
        self._run_tone(now=True)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "drafts" and event.option_id:
            self._select_draft(int(event.option_id))
            event.prevent_default()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "drafts":
            event.prevent_default()
            self.action_write_draft()
        elif event.option_list.id == "readiness":
            event.prevent_default()

    # ----------------------------------------------------------- tone check
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "draft-editor":
            self._run_tone()

    def _run_tone(self, *, now: bool = False) -> None:
        """Check the draft's tone, a moment after the last keystroke (or at once)."""
        if self._tone_timer is not None:
            self._tone_timer.stop()
            self._tone_timer = None
        if now:
            self._check_tone_now()
        else:
            self._tone_timer = self.set_timer(TONE_DELAY, self._check_tone_now)

    def _tone(self, text: str) -> list[Finding]:
        """The tone findings for ``text``; on the moving-forward path any draft crosses the line."""
        return check_tone(text, no_contact=self.mode is Mode.MOVING_FORWARD)

    def _check_tone_now(self) -> None:
        self._tone_timer = None
        self._tone_generation += 1
        text = self.query_one("#draft-editor", DraftEditor).text
        if len(text) <= TONE_INLINE_LIMIT:
            self._show_findings(self._tone_generation, text, self._tone(text))
        else:
            self._tone_in_thread(self._tone_generation, text)

    @work(thread=True, exclusive=True, group="tone")
    def _tone_in_thread(self, generation: int, text: str) -> None:
        findings = self._tone(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_findings, generation, text, findings)

    def _show_findings(self, generation: int, text: str, findings: list[Finding]) -> None:
        if generation != self._tone_generation:
            return  # an older check finishing late
        self.findings = findings
        self.query_one("#tone", ToneFindings).show(text, findings)

    # ------------------------------------------------------- the draft editor
    def on_draft_editor_status_changed(self, event: DraftEditor.StatusChanged) -> None:
        self._update_draft_meta(reread=False)

    def on_draft_editor_saved(self, event: DraftEditor.Saved) -> None:
        self._refresh_drafts()

    def on_draft_editor_left(self, event: DraftEditor.Left) -> None:
        self._run_tone(now=True)
        self.query_one("#drafts", KeyList).focus()

    # -------------------------------------------------------------- actions
    def _refuse_read_only(self) -> bool:
        return self.explain_read_only()

    def _error(self, exc: JournalError) -> None:
        self.notify(f"{exc.message}. Nothing was lost.", title="Not saved", severity="error")

    def action_new_draft(self) -> None:
        """Start a new unsent draft (``n``)."""
        if self._refuse_read_only():
            return

        def submit(title: str) -> str | None:
            try:
                draft = self.drafts.create(title)
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            self._title_drafts.pop(None, None)
            self._refresh_drafts()
            self._select_draft(draft.id)
            self._refresh_drafts()
            self.call_after_refresh(self.action_write_draft)
            return None

        def keep(title: str) -> None:
            self._title_drafts[None] = title

        count = len(self.drafts.all()) + 1
        start = self._title_drafts.get(None, f"Draft {count}")
        self.app.push_screen(draft_title_prompt(start, submit, keep))

    def action_rename_draft(self) -> None:
        """Rename the highlighted draft (``t``)."""
        if self._refuse_read_only():
            return
        draft = self._current_draft()
        if draft is None:
            self.notify("No draft to rename yet. Press n to start one.")
            return

        def submit(title: str) -> str | None:
            try:
                self.drafts.rename(draft.id, title)
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            self._title_drafts.pop(draft.id, None)
            self._refresh_drafts()
            return None

        def keep(title: str) -> None:
            self._title_drafts[draft.id] = title

        start = self._title_drafts.get(draft.id, draft.title)
        self.app.push_screen(draft_title_prompt(start, submit, keep))

    def action_write_draft(self) -> None:
        """Move into the draft editor (``d``)."""
        if self._current_draft() is None:
            self.notify("No draft yet. Press n to start one.")
            return
        self.explain_read_only()  # a read-only copy opens it for reading only
        self.query_one("#draft-editor", DraftEditor).enter()

    def action_mark_ready(self) -> None:
        """Mark the draft ready after its pause, once the tone findings are read (``r``)."""
        if self._refuse_read_only():
            return
        editor = self.query_one("#draft-editor", DraftEditor)
        if editor.save_now(wait=True) is not None:
            return  # the editor already said why it could not save
        draft = self._current_draft()
        if draft is None:
            self.notify("No draft yet. Press n to start one.")
            return
        if not draft.text.strip():
            self.notify("This draft is empty. Write it first, then let it rest.")
            return
        if draft.ready_at is not None:
            self.notify(f"Already marked ready at {_stamp(draft.ready_at)}.")
            return
        minutes = self._pause_minutes()
        left = cooling_off_left(draft, self.journal.now(), minutes)
        if left:
            self.notify(
                f"Let it rest a little longer: {describe_wait(left)} more (until "
                f"{_clock(ready_time(draft, minutes))}). Rereading with fresh eyes is "
                "the point of the pause.",
                title="Still resting",
                timeout=8,
            )
            return
        self._run_tone(now=True)
        findings = self._tone(draft.text)

        def confirmed() -> None:
            try:
                self.drafts.mark_ready(draft.id, self.journal.now())
            except JournalError as exc:
                self._error(exc)
                return
            self._refresh_drafts()
            self.notify(
                "Marked ready. winback does not send it; whether and when to send is "
                "yours, and their answer, or silence, is theirs.",
                title="Ready",
                timeout=8,
            )

        self.app.push_screen(confirm_ready(draft.title, draft.text, findings, confirmed))

    def action_pause_length(self) -> None:
        """Change the cooling-off pause in minutes (``p``)."""
        if self._refuse_read_only():
            return

        def submit(text: str) -> str | None:
            try:
                minutes = parse_cooling_off(text)
            except ValueError as exc:
                return str(exc)
            try:
                self.journal.set_setting(COOLING_OFF_SETTING, minutes)
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            self._pause_draft = None
            self._refresh_drafts()
            self.notify(
                f"Drafts now rest {plural(minutes, 'minute', 'minutes')} before they can be "
                "marked ready."
            )
            return None

        def keep(text: str) -> None:
            self._pause_draft = None if text == str(self._pause_minutes()) else text

        start = self._pause_draft if self._pause_draft is not None else str(self._pause_minutes())
        self.app.push_screen(pause_prompt(start, submit, keep))

    def action_mindset(self) -> None:
        """Rate how positive, confident and calm you feel today (``m``)."""
        if self._refuse_read_only():
            return
        today = self.today().date()
        current = self.mindsets.on(today)
        values = (
            {
                "positive": str(current.positive),
                "confident": str(current.confident),
                "calm": str(current.calm),
            }
            if current
            else {}
        )
        if self._mindset_draft is not None and self._mindset_draft[0] == today:
            values = self._mindset_draft[1]

        def submit(typed: Values) -> Outcome:
            ratings = []
            for name in MINDSET_NAMES:
                try:
                    ratings.append(parse_rating(typed[name], name))
                except ValueError as exc:
                    return Problem(str(exc), name)
            try:
                self.mindsets.rate(Mindset(today, *ratings))
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            self._mindset_draft = None
            self._refresh_readiness()
            return None

        def keep(typed: Values) -> None:
            self._mindset_draft = None if typed == values else (today, dict(typed))

        self.app.push_screen(MindsetForm(values, submit, keep))

    def action_log_contact(self) -> None:
        """Log a contact that already happened (``c``)."""
        if self._refuse_read_only():
            return
        values = self._contact_values or {"when": _stamp(self.journal.now())}

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
            try:
                self.contacts.add(contact)
            except JournalError as exc:
                return f"{exc.message}. Nothing was lost."
            self._contact_values = None
            self._after_contact(contact)
            return None

        self.app.push_screen(ContactForm(values, submit, keep))

    def _after_contact(self, contact: Contact) -> None:
        mode = self._current_mode()
        if mode is not self.mode:
            self._switch_mode(mode)
        else:
            self._refresh_all()
        if contact.response.is_boundary:
            self.notify(
                "Thank you for writing it down. Their request is a boundary: this step now "
                "turns to caring for yourself instead of reaching out.",
                title="A boundary",
                timeout=10,
            )
        else:
            self.notify("Logged.", timeout=3)

    # ------------------------------------------------------------- contacts
    def _refresh_contacts(self) -> None:
        self.query_one("#contact-list", Static).update(contact_log_text(self.contacts.all()))
