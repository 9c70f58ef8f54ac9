"""Step 1's screen: the shared step layout plus this step's tools.

Two tools sit above the reflections:

- "What was underneath": a checklist of common causes plus the user's own, each
  with a note on the user's own part (Step 2 offers a goal for every marked one);
- "Are they open to it?": an honest check of the signs from the other person's
  side. When it says "not open", this screen turns kindly toward letting go.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from winback_tui import program
from winback_tui.domain.issues import MAX_TITLE, IssueEntry, clean_title
from winback_tui.domain.openness import (
    OpennessCheck,
    Signal,
    take_check,
    verdict_headline,
)
from winback_tui.domain.situation import RETAKE_NOTE
from winback_tui.domain.words import plural
from winback_tui.screens.step import StepScreen
from winback_tui.screens.step1.dialogs import (
    NoteScreen,
    OpennessScreen,
    confirm_remove,
    title_prompt,
)
from winback_tui.store import Journal, JournalError
from winback_tui.store.assessment import AssessmentRepo
from winback_tui.store.situation import situation_for_journal
from winback_tui.widgets.checklist import CheckItem, Checklist

#: How much of a note shows under its issue; the whole note opens with ``n``.
NOTE_PREVIEW = 110

NOT_CHECKED = "Not checked yet. Press o for a short, honest look at the signs from their side."


def note_preview(text: str, limit: int = NOTE_PREVIEW) -> str:
    """A note squeezed onto a line or two for the checklist."""
    tidy = " ".join(text.split())
    return tidy if len(tidy) <= limit else tidy[: limit - 1].rstrip() + "…"


def issue_item(entry: IssueEntry) -> CheckItem:
    """The checklist row for one issue: tick, title, and the start of the note."""
    label = f"{entry.title} (your own)" if entry.custom else entry.title
    note = f"my part: {note_preview(entry.my_part)}" if entry.my_part.strip() else ""
    return CheckItem(entry.issue_id, label, entry.marked, note)


def openness_summary(checks: list[OpennessCheck]) -> str:
    """What the "Are they open to it?" box says, given every check so far."""
    if not checks:
        return NOT_CHECKED
    latest = checks[-1]
    day = latest.at.astimezone().strftime("%Y-%m-%d")
    headline = f"{verdict_headline(latest.result.verdict, latest.signals)} · checked {day}"
    earlier = len(checks) - 1
    if earlier:
        headline += f" · {plural(earlier, 'earlier check', 'earlier checks')} kept"
    return "\n".join([headline, *latest.result.reasons])


# -------------------------------------------------------------------- screen
class IssuesChecklist(Checklist):
    """The issues checklist, with keys for the highlighted issue's note and title."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "screen.edit_note", "Note my part", id="step1.note_part"),
        # Only for the user's own issues: listed in help, kept out of the footer.
        Binding(
            "r", "screen.rename_issue", "Rename own issue", show=False, id="step1.rename_issue"
        ),
        Binding(
            "x", "screen.remove_issue", "Remove own issue", show=False, id="step1.remove_issue"
        ),
    ]


class Step1Screen(StepScreen):
    """Step 1: the underlying issues, the openness check, and the reflections."""

    TOOLS_TAB = "Issues & openness"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_issue", "Add own issue", id="step1.add_issue"),
        Binding("o", "check_openness", "Are they open?", id="step1.openness"),
    ]

    def initial_focus(self) -> Widget:
        """Step 1 opens on its first tool, the issues checklist, at the top of the page."""
        return self.query_one("#issues", IssuesChecklist)

    def __init__(self, journal: Journal, number: int = 1) -> None:
        super().__init__(journal, number)
        self.assessment = AssessmentRepo(journal)
        # Drafts typed into a dialog that was closed before it could save.
        self._title_draft = ""
        self._rename_drafts: dict[str, str] = {}
        self._note_drafts: dict[str, str] = {}
        self._signals_draft: frozenset[Signal] | None = None
        self._reveal_openness = False

    # ---------------------------------------------------------------- layout
    def compose_tools(self) -> ComposeResult:
        # Section titles sit on the borders, so both tools and the first prompts
        # fit on one 80x24 screen.
        issues = IssuesChecklist([issue_item(e) for e in self.assessment.issues()], id="issues")
        issues.border_title = "What was underneath"
        issues.border_subtitle = "space: tick · n: my part · a: add your own"
        yield issues
        checks = self.assessment.openness_checks()
        openness = Static(openness_summary(checks), id="openness", markup=False)
        openness.border_title = "Are they open to it?"
        openness.border_subtitle = "o: take the check" + (" again" if checks else "")
        yield openness
        moving_on = Static(
            f"{program.MOVING_FORWARD_GUIDANCE}\n\n{program.MOVING_FORWARD_POINTER}",
            id="moving-forward",
        )
        moving_on.border_title = program.MOVING_FORWARD_TITLE
        moving_on.display = False  # _refresh_openness, on mount, reads the one situation
        yield moving_on

    def _refresh_issues(self) -> None:
        self.query_one("#issues", IssuesChecklist).set_items(
            [issue_item(e) for e in self.assessment.issues()]
        )

    def on_mount(self) -> None:
        self._refresh_openness()

    def _refresh_openness(self) -> None:
        checks = self.assessment.openness_checks()
        openness = self.query_one("#openness", Static)
        # The one situation: a hold from their request or a "not open" check
        # stands until they reach out, whatever a new check says.
        now = situation_for_journal(self.journal, self.journal.now().astimezone().date())
        summary = openness_summary(checks)
        if now.no_contact:
            # The check's own reasons already say why; add how it can change.
            notes = [RETAKE_NOTE if now.retake_ignored else "", now.how_it_lifts]
            summary += "\n" + "\n".join(n for n in notes if n)
        openness.update(summary)
        openness.border_subtitle = "o: take the check" + (" again" if checks else "")
        self.query_one("#moving-forward", Static).display = now.no_contact

    def _refuse_if_read_only(self) -> bool:
        """Say why nothing can be saved, when that is so; True means refused."""
        return self.explain_read_only()

    def _highlighted_issue(self) -> IssueEntry | None:
        item = self.query_one("#issues", IssuesChecklist).current
        if item is None:
            return None
        try:
            return self.assessment.issue(item.id)
        except KeyError:
            return None

    # ---------------------------------------------------------------- issues
    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        if event.checklist.id != "issues":
            return
        event.stop()
        checklist = self.query_one("#issues", IssuesChecklist)
        item = event.item
        undo = CheckItem(item.id, item.label, not item.checked, item.note)
        if self._refuse_if_read_only():
            checklist.replace_item(undo)
            return
        try:
            self.assessment.set_marked(item.id, item.checked)
        except JournalError as exc:
            checklist.replace_item(undo)
            self.notify(exc.message, title="Not saved", severity="error")

    def action_edit_note(self) -> None:
        """Write your own part in the highlighted issue (``n``)."""
        entry = self._highlighted_issue()
        if entry is None:
            return
        issue_id = entry.issue_id

        def save(text: str) -> datetime:
            self.assessment.set_note(issue_id, text)
            return self.journal.now()

        def closed(text: str, error: str | None) -> None:
            if error is None:
                self._note_drafts.pop(issue_id, None)
            else:
                self._note_drafts[issue_id] = text
                self.notify(
                    f"{error}. Your note is kept here; press n to try again.",
                    title="Not saved",
                    severity="error",
                )
            self._refresh_issues()

        # A read-only copy still opens the note, to be read: its editor takes
        # no typing, and the reason is told once.
        self.explain_read_only()
        self.app.push_screen(
            NoteScreen(
                entry,
                self._note_drafts.get(issue_id, entry.my_part),
                save,
                closed,
                read_only_reason=self.read_only_reason,
            )
        )

    def _store_title(self, text: str, issue_id: str | None) -> str | None:
        """Add (issue_id None) or rename an issue; an error to show, or None when done."""
        title, overflow = clean_title(text)
        if not title:
            return "Please give it a name, even a single word."
        try:
            if issue_id is None:
                note = f"…{overflow}" if overflow else ""
                entry = self.assessment.add_custom(title, note)
                self._title_draft = ""
                done = f"Added “{entry.title}”, ticked."
            else:
                self.assessment.rename_custom(issue_id, title)
                if overflow:
                    old = self.assessment.issue(issue_id).my_part
                    self.assessment.set_note(issue_id, f"{old}\n…{overflow}".strip())
                self._rename_drafts.pop(issue_id, None)
                done = f"Renamed to “{title}”."
        except JournalError as exc:
            return f"Not saved: {exc.message}. Your text is still here."
        except KeyError:
            return "That issue is no longer here."
        self._refresh_issues()
        if issue_id is None:
            checklist = self.query_one("#issues", IssuesChecklist)
            checklist.highlighted = len(checklist.items) - 1
        if overflow:
            self.notify(
                f"A title keeps up to {MAX_TITLE} characters; the rest is in its note (n).",
                title="Shortened",
            )
        else:
            self.notify(done, timeout=3, markup=False)
        return None

    def action_add_issue(self) -> None:
        """Add an issue of your own (``a``)."""
        if self._refuse_if_read_only():
            return

        def keep(text: str) -> None:
            self._title_draft = text

        self.app.push_screen(
            title_prompt(
                "Add your own issue",
                self._title_draft,
                lambda text: self._store_title(text, None),
                keep,
            )
        )

    def action_rename_issue(self) -> None:
        """Rename the highlighted issue of your own (``r``)."""
        entry = self._highlighted_issue()
        if entry is None:
            return
        if not entry.custom:
            self.notify("Only the issues you added can be renamed.", timeout=4)
            return
        if self._refuse_if_read_only():
            return
        issue_id = entry.issue_id

        def keep(text: str) -> None:
            self._rename_drafts[issue_id] = text

        self.app.push_screen(
            title_prompt(
                "Rename your issue",
                self._rename_drafts.get(issue_id, entry.title),
                lambda text: self._store_title(text, issue_id),
                keep,
            )
        )

    def action_remove_issue(self) -> None:
        """Remove the highlighted issue of your own, after asking (``x``)."""
        entry = self._highlighted_issue()
        if entry is None:
            return
        if not entry.custom:
            self.notify(
                "The common issues stay on the list; untick one if it did not apply.",
                timeout=4,
            )
            return
        if self._refuse_if_read_only():
            return

        def remove() -> None:
            try:
                self.assessment.remove_custom(entry.issue_id)
            except JournalError as exc:
                self.notify(exc.message, title="Not removed", severity="error")
                return
            except KeyError:
                pass
            self._refresh_issues()
            self.notify(f"Removed “{entry.title}”.", timeout=3, markup=False)

        self.app.push_screen(confirm_remove(entry, remove))

    # -------------------------------------------------------------- openness
    def action_check_openness(self) -> None:
        """Take the openness check, now or again (``o``)."""
        if self._refuse_if_read_only():
            return
        latest = self.assessment.latest_openness()
        start = self._signals_draft
        if start is None:
            start = latest.signals if latest is not None else frozenset()

        def keep(ticked: frozenset[Signal]) -> None:
            self._signals_draft = ticked

        self.app.push_screen(OpennessScreen(start, self._record_check, keep))

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual also calls the base classes' handlers for this event.
        if self._reveal_openness:
            self._reveal_openness = False
            # Twice: the first refresh lays out the letting-go note, the second
            # can scroll to it.
            self.call_after_refresh(self.call_after_refresh, self._show_openness)

    def _show_openness(self) -> None:
        self.query_one("#body", VerticalScroll).scroll_to_widget(
            self.query_one("#openness", Static), top=True, animate=False
        )

    def _record_check(self, ticked: frozenset[Signal]) -> None:
        check = take_check(ticked, self.journal.now())
        try:
            self.assessment.add_openness_check(check)
        except JournalError as exc:
            self._signals_draft = ticked
            self.notify(
                f"{exc.message}. Your ticks are kept; press o to try again.",
                title="Not saved",
                severity="error",
            )
            return
        self._signals_draft = None
        self._refresh_openness()
        # Bring the new result (and the letting-go note, if any) into view once this
        # screen is back and has scrolled to its focused widget.
        self._reveal_openness = True
        self.notify(
            f"{verdict_headline(check.result.verdict, check.signals)}.", title="Checked", timeout=4
        )
