"""Step 3's unsent drafts: writing, the tone check as one types, the pause, marking ready."""

from __future__ import annotations

from datetime import datetime

from textual import work
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from winback_tui.app_settings import pinned_notice
from winback_tui.domain.gate import ReadyGate, ready_gate
from winback_tui.domain.readiness import (
    Mode,
)
from winback_tui.domain.reconnect import (
    Draft,
    cooling_off_from_setting,
    cooling_off_left,
    describe_wait,
    parse_cooling_off,
)
from winback_tui.domain.tone import Finding, check_tone
from winback_tui.domain.words import plural
from winback_tui.screens.step3.base import (
    COOLING_OFF_SETTING,
    TONE_DELAY,
    TONE_INLINE_LIMIT,
    Step3Base,
    local_stamp,
)
from winback_tui.screens.step3.forms import (
    confirm_ready,
    draft_title_prompt,
    pause_prompt,
)
from winback_tui.store import JournalError
from winback_tui.widgets.dialogs import MessageDialog
from winback_tui.widgets.draft_editor import DraftEditor
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import SaveFn
from winback_tui.widgets.status_line import StatusLine
from winback_tui.widgets.tone_findings import ToneFindings


def gate_text(gate: ReadyGate) -> str:
    """Every reason a draft is not ready, each with what would change it."""
    return "\n\n".join(
        f"• {block.reason}\n  What would change it: {block.what_would_change_it}"
        for block in gate.blocks
    )


class DraftTools(Step3Base):
    """The drafts part of Step 3 (its keys are bound on :class:`Step3Screen`)."""

    # --------------------------------------------------------------- drafts
    def _draft_saver(self, draft_id: int) -> SaveFn:
        def save(text: str) -> datetime:
            return self.drafts.save_text(draft_id, text).edited_at

        return save

    def _pause_minutes(self) -> int:
        return cooling_off_from_setting(self.journal.get_setting(COOLING_OFF_SETTING))

    def _draft_status(
        self, draft: Draft, now: datetime | None = None, pause: int | None = None
    ) -> str:
        if draft.ready_at is not None:
            return f"[ready {local_stamp(draft.ready_at)}]"
        if not draft.text.strip():
            return "[empty]"
        now = self.journal.now() if now is None else now
        pause = self._pause_minutes() if pause is None else pause
        left = cooling_off_left(draft, now, pause)
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
        now, pause = self.journal.now(), self._pause_minutes()  # once, not per draft
        listing.add_options(
            [
                Option(f"{d.title}  {self._draft_status(d, now, pause)}", id=str(d.id))
                for d in drafts
            ]
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
            parts.append(f"edited {local_stamp(draft.edited_at)}")
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
        """Mark the draft ready after its pause, once the tone findings are read (``r``).

        The whole readiness check decides (the one situation, boundaries, openness,
        mindset, the draft's own pause); what blocks it is shown with what would
        change it. In no-contact mode there is no "ready" at all.
        """
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
            self.notify(f"Already marked ready at {local_stamp(draft.ready_at)}.")
            return
        gate = ready_gate(
            draft,
            now := self.situation(),
            self.readiness(now),
            self.journal.now(),
            self._pause_minutes(),
        )
        if not gate.allowed:
            self.app.push_screen(MessageDialog("Not ready yet", gate_text(gate)))
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
        notice = pinned_notice(self.journal, COOLING_OFF_SETTING, self.app)
        if notice is not None:
            minutes = plural(self._pause_minutes(), "minute", "minutes")
            self.notify(f"Drafts rest {minutes}. {notice}", title="Pause length")
            return
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
