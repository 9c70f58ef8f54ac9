"""The daily journal: free writing for today (or an earlier day), with a mood and a step tag.

Reached with ``w`` from the dashboard and from the command palette. Focus lands
on the list of days, so the global keys keep working; ``e`` moves into the
editor, ``escape`` leaves it, and every keystroke is saved by the shared
:class:`~winback_tui.widgets.reflection_editor.ReflectionEditor`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from winback_tui import program
from winback_tui.domain.journal_entries import Entry, EntryError, mood_label
from winback_tui.domain.words import plural
from winback_tui.screens.base import WinbackScreen
from winback_tui.store import Journal, JournalError
from winback_tui.store.entries import EntriesRepo
from winback_tui.widgets.dialogs import ChoiceDialog
from winback_tui.widgets.header import winback_header
from winback_tui.widgets.key_footer import KeyFooter
from winback_tui.widgets.key_list import KeyList
from winback_tui.widgets.reflection_editor import ReflectionEditor, SaveFn
from winback_tui.widgets.status_line import StatusLine

#: How many earlier days the list offers (the timeline reaches all of them).
MAX_DAYS_LISTED = 400

PROMPT = (
    "Write whatever is on your mind today: how you feel, what happened, what you "
    "noticed about yourself. Nobody else reads this."
)


def _day_label(day: date, today: date) -> str:
    if day == today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    return day.strftime("%a %d %b %Y")


def _step_label(step: int | None) -> str:
    if step is None:
        return "no step tag"
    return f"step {step}, {program.step(step).title}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class JournalScreen(WinbackScreen):
    """Today's journal entry, and earlier days (key ``w`` on the dashboard)."""

    FOCUS_ACTIONS: ClassVar[frozenset[str]] = frozenset({"edit"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Write", priority=True),
        Binding("m", "mood", "Check-in"),
        Binding("t", "step_tag", "Step tag"),
        Binding("n", "today", "Today"),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal)
        self.repo = EntriesRepo(journal)
        self.title = "winback · Journal"
        self.today = self._local_today()
        self.day = self.today
        self._entry: Entry | None = None

    def _local_today(self) -> date:
        return self.journal.now().astimezone().date()

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield winback_header()
        yield from self.compose_notice()
        with Vertical(id="body"):
            yield Static("Journal", id="journal-title", classes="heading")
            yield StatusLine(id="journal-tags")
            with Horizontal(id="journal-main"):
                yield KeyList(id="journal-days")
                with Vertical(id="journal-answer"):
                    yield Static(PROMPT, classes="question")
                    entry = self.repo.on(self.day)
                    yield ReflectionEditor(
                        entry.text if entry else "",
                        self._saver(self.day),
                        read_only_reason=self.read_only_reason,
                        tab_stop=False,
                        id="journal-editor",
                    )
                    yield StatusLine(id="journal-meta", classes="meta")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill_days()
        days = self.query_one("#journal-days", KeyList)
        days.focus()  # a non-text widget, so the global keys keep working
        self._show_day(self.day, force=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # A new day may have begun while the app was open.
        today = self._local_today()
        if today != self.today:
            self.today = today
            self._fill_days()

    # ------------------------------------------------------------------ days
    def _listed_days(self) -> list[date]:
        days = set(self.repo.days()) | {self.today, self.day}
        newest = sorted((d for d in days if d <= self.today), reverse=True)
        return newest[:MAX_DAYS_LISTED]

    def _day_option(self, day: date, entry: Entry | None) -> Option:
        label = _day_label(day, self.today)
        if entry is not None and entry.mood is not None:
            label += f" · {entry.mood}/5"
        written = entry is not None and bool(entry.text.strip())
        return Option(("* " if written else "  ") + label, id=day.isoformat())

    def _fill_days(self) -> None:
        entries = {entry.day: entry for entry in self.repo.all()}
        days = self._listed_days()
        listing = self.query_one("#journal-days", KeyList)
        listing.clear_options()
        listing.add_options([self._day_option(d, entries.get(d)) for d in days])
        if self.day in days:
            listing.highlighted = days.index(self.day)

    def _saver(self, day: date) -> SaveFn:
        def save(text: str) -> datetime:
            return self.repo.save_text(day, text).edited_at

        return save

    def _show_day(self, day: date, *, force: bool = False) -> None:
        editor = self.query_one("#journal-editor", ReflectionEditor)
        if day != self.day or force:
            if day != self.day:
                entry = self.repo.on(day)
                editor.load(entry.text if entry else "", self._saver(day))
            self.day = day
        when = "today" if day == self.today else day.strftime("%A %d %B %Y")
        self.query_one("#journal-title", Static).update(
            f"Journal · {day.strftime('%A %d %B %Y')}"
            if day != self.today
            else f"Journal · today, {day.strftime('%A %d %B %Y')}"
        )
        editor.border_title = f"Entry for {when}"
        self._update_meta(reread=True)

    def _update_meta(self, *, reread: bool = False) -> None:
        if reread:
            self._entry = self.repo.on(self.day)
        entry = self._entry
        mood = entry.mood if entry else None
        step = entry.step if entry else None
        self.query_one("#journal-tags", StatusLine).set_text(
            f"{_sentence(mood_label(mood))} · {_sentence(_step_label(step))}"
        )
        editor = self.query_one("#journal-editor", ReflectionEditor)
        parts = [editor.status]
        if entry is not None and entry.text:
            parts.append(f"edited {entry.edited_at.astimezone():%Y-%m-%d %H:%M}")
            if entry.versions:
                parts.append(plural(len(entry.versions), "earlier version", "earlier versions"))
        self.query_one("#journal-meta", StatusLine).set_text(" · ".join(parts))

    # ---------------------------------------------------------------- events
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "journal-days" and event.option_id:
            self._show_day(date.fromisoformat(event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "journal-days":
            self.action_edit()

    def on_reflection_editor_status_changed(self, event: ReflectionEditor.StatusChanged) -> None:
        self._update_meta()

    def on_reflection_editor_saved(self, event: ReflectionEditor.Saved) -> None:
        self._update_meta(reread=True)
        self._refresh_day_row()

    def on_reflection_editor_left(self, event: ReflectionEditor.Left) -> None:
        self.set_focus(self.query_one("#journal-days", KeyList))

    def _refresh_day_row(self) -> None:
        listing = self.query_one("#journal-days", KeyList)
        key = self.day.isoformat()
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            if option.id == key:
                fresh = self._day_option(self.day, self.repo.on(self.day))
                if str(option.prompt) != str(fresh.prompt):
                    listing.replace_option_prompt(key, fresh.prompt)
                return

    # --------------------------------------------------------------- actions
    def action_edit(self) -> None:
        """Move into the editor (``e``); in a read-only copy, for reading only."""
        self.explain_read_only()
        self.query_one("#journal-editor", ReflectionEditor).enter()

    def action_today(self) -> None:
        """Go back to today's entry (``n``)."""
        listing = self.query_one("#journal-days", KeyList)
        if self.today not in self._listed_days():
            self._fill_days()
        for index in range(listing.option_count):
            if listing.get_option_at_index(index).id == self.today.isoformat():
                listing.highlighted = index
        self._show_day(self.today)

    def _refuse_if_read_only(self) -> bool:
        return self.explain_read_only()

    def action_mood(self) -> None:
        """The day's check-in: mood, confidence and calm, 1-5 each (``m``)."""
        self.open_checkin(self.day, self._after_checkin)

    def _after_checkin(self) -> None:
        self._update_meta(reread=True)
        self._refresh_day_row()

    def action_step_tag(self) -> None:
        """Tag the entry with the step it is about, or none (``t``)."""
        if self._refuse_if_read_only():
            return
        choices = [("none", "no step")]
        choices += [(str(s.number), f"step {s.number}, {s.title}") for s in program.STEPS]
        current = self._entry.step if self._entry else None
        self.app.push_screen(
            ChoiceDialog(
                "Which step is this entry about?",
                choices,
                str(current) if current is not None else "none",
                self._set_step,
            )
        )

    def _apply(self, change: Callable[[], object]) -> None:
        try:
            change()
        except EntryError as exc:
            self.notify(str(exc), title="Not saved", severity="warning")
        except JournalError as exc:
            self.notify(exc.message, title="Not saved", severity="error", markup=False)
        self._update_meta(reread=True)
        self._refresh_day_row()

    def _set_step(self, key: str) -> None:
        step = None if key == "none" else int(key)
        self._apply(lambda: self.repo.save_step(self.day, step))

    def go_to_day(self, day: date) -> None:
        """Show ``day``'s entry, listed and selected (the year view opens a day here)."""
        self._show_day(min(day, self.today))
        self._fill_days()
