"""The journal: free writing for today (or an earlier day), with a mood and a step tag.

Reached with ``w`` from the dashboard and from the command palette. Focus lands
on the list of days, so the global keys keep working; ``e`` moves into the
editor, ``escape`` leaves it, and every keystroke is saved by the shared
:class:`~winback_tui.widgets.reflection_editor.ReflectionEditor`.

A day can hold several entries: ``n`` starts another one for today, and a
day with more than one lists each under its own row (``entry 2 · 14:05``).
The list opens on today's latest entry, so ``e`` goes on writing there. The
mood belongs to the day (the daily check-in); the step tag to each entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class _Target:
    """The entry the editor writes in.

    Attributes:
        day: its day.
        id: the journal's id; 0 until it is stored.
        new: started with ``n``: its first save adds another entry to the day
            (otherwise, with no id, it is the day's first entry, made on its
            first save).
    """

    day: date
    id: int = 0
    new: bool = False


#: The row id of an entry that is not the first of its day: ``DAY#ID`` (``DAY#new``).
_NEW = "new"


def _row_id(day: date, key: int | str | None) -> str:
    return day.isoformat() if key is None else f"{day.isoformat()}#{key}"


class JournalScreen(WinbackScreen):
    """Today's journal entry, and earlier days (key ``w`` on the dashboard)."""

    FOCUS_ACTIONS: ClassVar[frozenset[str]] = frozenset({"edit", "new_entry"})

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Write", priority=True, id="journal.edit"),
        Binding("m", "mood", "Check-in", id="journal.checkin"),
        Binding("t", "step_tag", "Tag", id="journal.step_tag"),
        Binding("n", "new_entry", "New entry", priority=True, id="journal.new_entry"),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__(journal)
        self.repo = EntriesRepo(journal)
        self.title = "winback · Journal"
        self.today = self._local_today()
        self.day = self.today
        self._entry: Entry | None = None
        # Today's latest entry (found in compose: the journal is read there, where
        # a journal changed on disk is met as the app expects).
        self._target = _Target(self.today)
        # Row id -> the entry it stands for (a day's first row: the day itself).
        self._rows: dict[str, _Target] = {}

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
                    # Today's latest entry: where ``e`` goes on writing.
                    latest = self.repo.on_day(self.today)[-1:]
                    self._target = _Target(self.today, latest[0].id if latest else 0)
                    entry = self._read(self._target)
                    yield ReflectionEditor(
                        entry.text if entry else "",
                        self._saver(self._target),
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
        self._show(self._target, force=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # A new day may have begun while the app was open.
        today = self._local_today()
        if today != self.today:
            self.today = today
            self._fill_days()

    # ------------------------------------------------------------------ days
    def _listed_days(self) -> list[date]:
        days = set(self.repo.recent_days(self.today, MAX_DAYS_LISTED)) | {self.today, self.day}
        newest = sorted((d for d in days if d <= self.today), reverse=True)
        return newest[:MAX_DAYS_LISTED]

    def _day_option(self, day: date, entries: list[Entry]) -> Option:
        label = _day_label(day, self.today)
        mood = entries[0].mood if entries else None
        if mood is not None:
            label += f" · {mood}/5"
        written = any(entry.text.strip() for entry in entries)
        return Option(("* " if written else "  ") + label, id=_row_id(day, None))

    def _rows_of(self, day: date, entries: list[Entry]) -> list[tuple[Option, _Target]]:
        """The rows of one day: the day, then each entry after its first."""
        targets = [_Target(day, e.id) for e in entries if e.id]
        target = self._target
        if target.day == day and not target.id and target.new:
            targets.append(target)  # a new entry, not stored yet
        elif target.day == day and target.id and target.id in {t.id for t in targets}:
            targets = [target if t.id == target.id else t for t in targets]
        first = targets[0] if targets else _Target(day)
        if not targets and target.day == day:
            first = target
        rows = [(self._day_option(day, entries), first)]
        stored = {e.id: e for e in entries}
        for number, other in enumerate(targets[1:], start=2):
            entry = stored.get(other.id)
            when = f"{entry.created_at.astimezone():%H:%M}" if entry else "new"
            key: int | str = other.id or _NEW
            rows.append((Option(f"    entry {number} · {when}", id=_row_id(day, key)), other))
        return rows

    def _entries_of(self, day: date) -> list[Entry]:
        """A day's entries with its mood (a day with only a mood: one entry without text)."""
        entries = self.repo.on_day(day)
        if entries:
            return entries
        mood_only = self.repo.on(day)
        return [mood_only] if mood_only is not None else []

    def _fill_days(self) -> None:
        # Only the listed days are read: years of entries need not be. Read
        # before the list is looked up: a journal that changed on disk raises
        # here, and the screen gives way before it is whole.
        rows: list[tuple[Option, _Target]] = []
        for day in self._listed_days():
            rows += self._rows_of(day, self._entries_of(day))
        listing = self.query_one("#journal-days", KeyList)
        self._rows = {str(option.id): target for option, target in rows}
        listing.clear_options()
        listing.add_options([option for option, _ in rows])
        chosen = self._row_of(self._target)
        if chosen is not None:
            listing.highlighted = list(self._rows).index(chosen)

    def _row_of(self, target: _Target) -> str | None:
        for row, candidate in self._rows.items():
            if candidate is target:
                return row
        return None

    def _read(self, target: _Target) -> Entry | None:
        """The entry ``target`` stands for, as stored (None: nothing yet)."""
        if target.id:
            try:
                return self.repo.get(target.id)
            except KeyError:
                return None
        if target.new:
            return None
        return self.repo.on(target.day)

    def _saver(self, target: _Target) -> SaveFn:
        # Runs on the editor's save thread, one save after the other: the first
        # save of a new entry adds it, and later saves go to that one entry.
        def save(text: str) -> datetime:
            if target.id:
                entry = self.repo.save_text(target.day, text, entry_id=target.id)
            elif target.new:
                entry = self.repo.add(target.day, text)
            else:
                entry = self.repo.save_text(target.day, text)
            target.id = target.id or entry.id
            return entry.edited_at

        return save

    def _show_day(self, day: date, *, force: bool = False) -> None:
        """Show the first entry of ``day`` (kept for callers that think in days)."""
        row = self._rows.get(_row_id(day, None))
        self._show(row if row is not None else _Target(day), force=force)

    def _show(self, target: _Target, *, force: bool = False) -> None:
        editor = self.query_one("#journal-editor", ReflectionEditor)
        leaving = self._target
        if target is not leaving:
            entry = self._read(target)
            editor.load(entry.text if entry else "", self._saver(target))
            self._target = target
            if leaving.new and not leaving.id:
                # A new entry left blank is not kept: its row goes.
                self.call_after_refresh(self._fill_days)
        elif not force:
            self._update_meta(reread=True)
            return
        day = self.day = target.day
        when = "today" if day == self.today else day.strftime("%A %d %B %Y")
        self.query_one("#journal-title", Static).update(
            f"Journal · {day.strftime('%A %d %B %Y')}"
            if day != self.today
            else f"Journal · today, {day.strftime('%A %d %B %Y')}"
        )
        editor.border_title = self._editor_title(target, when)
        self._update_meta(reread=True)

    def _editor_title(self, target: _Target, when: str) -> str:
        stored = [e.id for e in self.repo.on_day(target.day)]
        if target.new and not target.id:
            return f"New entry for {when}" if stored else f"Entry for {when}"
        if len(stored) < 2:
            return f"Entry for {when}"
        number = stored.index(target.id) + 1 if target.id in stored else 1
        return f"Entry {number} of {len(stored)} for {when}"

    def _update_meta(self, *, reread: bool = False) -> None:
        if reread:
            entry = self._read(self._target)
            if entry is None:
                checkin = self.repo.on(self._target.day)
                mood = checkin.mood if checkin is not None else None
                entry = Entry(self._target.day, "", self.journal.now(), self.journal.now(), mood)
            self._entry = entry
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
            target = self._rows.get(event.option_id)
            if target is not None:
                self._show(target)

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
        """Follow a save: the day's row (its marks), or all rows when an entry was added."""
        target = self._target
        row = self._row_of(target)
        if row is None:
            return
        if target.id and row.endswith(f"#{_NEW}"):
            self._fill_days()  # the new entry is stored now: it has an id of its own
            return
        listing = self.query_one("#journal-days", KeyList)
        key = _row_id(target.day, None)
        if key not in self._rows:
            return
        fresh = self._day_option(target.day, self.repo.on_day(target.day))
        if str(listing.get_option(key).prompt) != str(fresh.prompt):
            listing.replace_option_prompt(key, fresh.prompt)
        self.query_one("#journal-editor", ReflectionEditor).border_title = self._editor_title(
            target, "today" if target.day == self.today else target.day.strftime("%A %d %B %Y")
        )

    # --------------------------------------------------------------- actions
    def action_edit(self) -> None:
        """Move into the editor (``e``); in a read-only copy, for reading only."""
        self.explain_read_only()
        self.query_one("#journal-editor", ReflectionEditor).enter()

    def action_new_entry(self) -> None:
        """Start another entry for today (``n``); it is kept once something is written."""
        if self._refuse_if_read_only():
            return
        target = self._target
        editor = self.query_one("#journal-editor", ReflectionEditor)
        if not (target.day == self.today and target.new and not target.id):
            editor.save_now(wait=True)  # the entry being written is kept first
            fresh = _Target(self.today, new=True)
            self._show(fresh, force=True)
            self._fill_days()
        # Straight into it: what is typed next is the entry, never a key of the screen.
        editor.enter()

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
        target = self._target

        def change() -> None:
            # What is typed is saved first: a new entry then has its id.
            self.query_one("#journal-editor", ReflectionEditor).save_now(wait=True)
            if target.id:
                self.repo.save_step(target.day, step, entry_id=target.id)
            elif target.new:
                if step is not None:
                    target.id = self.repo.add(target.day, "", step=step).id
            else:
                target.id = self.repo.save_step(target.day, step).id or target.id

        self._apply(change)

    def go_to_day(self, day: date) -> None:
        """Show ``day``'s first entry, listed and selected (the year view opens a day here)."""
        self.day = min(day, self.today)
        self._fill_days()  # lists the day, even one with nothing written yet
        self._show_day(self.day)
        self._fill_days()  # selects its row
