"""One family of dialogs: a confirm, a one-line prompt, a form with labelled fields.

Every dialog has the same frame (:class:`Dialog`): its title on the first row,
a body that scrolls when it does not fit, and a line of key hints at the bottom.
The title and the hints never scroll away, so at 80x24 the user always sees
what the dialog is for and how to leave it.

The shared rules:

- What the user typed survives a refused save: the dialog stays open with the
  text, and the problem shows under the field it is about, marked with ``!``
  (a character, not only colour).
- ``escape`` never throws typed text away in silence: prompts and forms hand it
  to a ``keep`` callback (a draft for next time).
- ``enter`` submits a one-line prompt; in a form it submits or moves to the
  next field (the form says which); ``ctrl+s`` always submits a form.
- After a dialog closes, the widget that had focus underneath is scrolled back
  into view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from winback_tui.screens.base import WinbackModal
from winback_tui.widgets.key_list import KeyList

#: The mark in front of every inline error: it reads without colour (NO_COLOR).
ERROR_MARK = "!"


def _show_error(line: Static, message: str) -> None:
    """Show (or clear) one inline error line; an empty one takes no room."""
    line.update(f"{ERROR_MARK} {message}" if message else "")
    line.display = bool(message)


class Dialog(WinbackModal):
    """The frame every winback dialog shares: title, scrolling body, key hints.

    Subclasses put their content in :meth:`compose_body`.

    Args:
        title: the dialog's title (first row, never scrolls).
        hint: the keys, one line at the bottom (never scrolls).
        size: ``"small"`` (confirm, prompt) or ``"wide"`` (forms, lists).
    """

    def __init__(self, title: str, hint: str, *, size: Literal["small", "wide"] = "small") -> None:
        super().__init__()
        self.dialog_title = title
        self.hint = hint
        self._frame = size

    def compose(self) -> ComposeResult:
        yield from self.compose_notice()
        with Vertical(id="dialog", classes=f"dialog -{self._frame}"):
            yield Static(self.dialog_title, id="dialog-title", classes="heading", markup=False)
            with VerticalScroll(id="dialog-body"):
                yield from self.compose_body()
            yield Static(self.hint, id="dialog-hint", classes="meta", markup=False)

    def compose_body(self) -> ComposeResult:
        """The dialog's own content."""
        yield from ()

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_body)

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self.call_after_refresh(self.fit_body)

    def fit_body(self) -> None:
        """Cap the body's height so the title and the hints stay on screen.

        CSS cannot say "the screen minus the title and the hint rows" for an
        auto-sized frame, so the body gets that many rows here; it scrolls
        when its content is taller.
        """
        frame = self.query_one("#dialog", Vertical)
        chrome = frame.styles.gutter.height + sum(
            self.query_one(selector).outer_size.height
            for selector in ("#dialog-title", "#dialog-hint")
        )
        rows = max(1, self.app.size.height - chrome)
        body = self.query_one("#dialog-body", VerticalScroll)
        if body.styles.max_height is None or body.styles.max_height.value != rows:
            body.styles.max_height = rows
            body.scroll_home(animate=False)
            self.call_after_refresh(self._show_focused)

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus without Textual's animated scroll; the body scrolls at once instead.

        Every in-between frame of a smooth scroll is sent to the terminal, which
        is slow over SSH; and the label above the field should show too.
        """
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if scroll_visible:
            self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        """Scroll the body to the focused field, with its label above it."""
        widget = self.focused
        if widget is None or widget.id is None:
            return
        body = self.query_one("#dialog-body", VerticalScroll)
        labels = self.query(f"#{widget.id}-label")
        if labels:
            body.scroll_to_widget(labels.first(), animate=False)
        body.scroll_to_widget(widget, animate=False)

    def dismiss(self, result: Any = None) -> Any:
        """Close, then bring the focused widget underneath back into view."""
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        outcome = super().dismiss(result)
        if below is not None:
            below.call_after_refresh(keep_focus_in_view, below)
        return outcome


def keep_focus_in_view(screen: Screen[Any]) -> None:
    """Scroll ``screen`` so its focused widget shows (no animation: cheap over SSH)."""
    focused = screen.focused
    if focused is not None and focused.is_attached:
        screen.scroll_to_widget(focused, animate=False)


# ------------------------------------------------------------------- confirm
class ConfirmDialog(Dialog):
    """A yes / no question. ``y`` says yes; ``n``, ``escape`` and ``enter`` say no.

    The safe answer is the default: only the ``y`` key acts.

    Args:
        title: the question, in a few words.
        message: what will happen on yes (plain text or a rich ``Text``).
        on_yes: called after the dialog closes on a yes.
        yes: what yes does, e.g. "Yes, delete it".
        no: what no does, e.g. "No, keep it".
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n", "answer(False)", "No", id="dialog.no"),
        Binding("escape", "answer(False)", "No", show=False, id="dialog.cancel"),
        Binding("enter", "answer(False)", "No", show=False, id="dialog.default_no"),
    ]

    def __init__(
        self,
        title: str,
        message: str | Text,
        on_yes: Callable[[], None],
        *,
        yes: str = "Yes",
        no: str = "No",
    ) -> None:
        super().__init__(title, f"y: {yes} · n, enter or escape: {no}")
        self.message = message
        self._on_yes = on_yes

    def compose_body(self) -> ComposeResult:
        message = self.message if isinstance(self.message, Text) else Text(self.message)
        yield Static(message, id="confirm-text")

    def action_answer(self, yes: bool) -> None:
        """Close, acting only on a yes."""
        self.dismiss(None)
        if yes:
            self._on_yes()


class MessageDialog(Dialog):
    """Something to read, with nothing to decide: ``enter`` or ``escape`` closes it.

    For what does not fit a notification: several reasons, each with what would
    change it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="message.close"),
        Binding("enter", "close", "Close", show=False, id="message.ok"),
    ]

    def __init__(self, title: str, message: str | Text) -> None:
        super().__init__(title, "enter or escape closes")
        self.message = message

    def compose_body(self) -> ComposeResult:
        message = self.message if isinstance(self.message, Text) else Text(self.message)
        yield Static(message, id="message-text")

    def action_close(self) -> None:
        """Close the message."""
        self.dismiss(None)


# -------------------------------------------------------------------- fields
FieldKind = Literal["text", "integer", "select", "radio"]


@dataclass(frozen=True)
class Field:
    """One labelled field of a form.

    Args:
        id: the widget id (and the key of the value).
        label: always shown above the field.
        value: what to start from (a stored value or a kept draft).
        hint: a short line under the field.
        kind: ``text`` or ``integer`` (an Input), ``select`` (a drop-down) or
            ``radio`` (a short list; ``(•)`` marks the choice).
        choices: ``(label, value)`` pairs for ``select`` and ``radio``.
        placeholder: grey text in an empty input.
        max_length: the most characters an input takes (0: no limit).
    """

    id: str
    label: str
    value: str = ""
    hint: str = ""
    kind: FieldKind = "text"
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    max_length: int = 0


@dataclass(frozen=True)
class Problem:
    """Why a form could not be saved; ``field`` names the field it is about."""

    message: str
    field: str | None = None


#: What a submit callback returns: None (saved, close), a message, or a Problem.
Outcome = str | Problem | None
Values = dict[str, str]


class RadioList(KeyList):
    """A short list of choices; ``(•)`` marks the chosen one, moving with the cursor."""

    def __init__(self, choices: Sequence[tuple[str, str]], value: str, **kwargs: Any) -> None:
        self.choices = tuple(choices)
        self.value = value if value in {v for _, v in choices} else choices[0][1]
        super().__init__(*self._radio_options(), **kwargs)

    def _radio_options(self) -> list[Option]:
        # Text, not a string: option prompts would read square brackets as markup.
        return [
            Option(Text(f"{'(•)' if v == self.value else '( )'} {label}"), id=v)
            for label, v in self.choices
        ]

    def on_mount(self) -> None:
        self.highlighted = [v for _, v in self.choices].index(self.value)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is None or event.option_id == self.value:
            return
        self.value = event.option_id
        for option in self._radio_options():
            assert option.id is not None
            self.replace_option_prompt(option.id, option.prompt)


def compose_field(spec: Field) -> ComposeResult:
    """A field's label, its widget, its hint and its (empty) error line."""
    yield Static(spec.label, classes="field-label", id=f"{spec.id}-label", markup=False)
    if spec.kind in ("text", "integer"):
        yield Input(
            spec.value,
            placeholder=spec.placeholder,
            type="integer" if spec.kind == "integer" else "text",
            max_length=spec.max_length,
            # No select-on-focus: the first key typed would replace a kept draft.
            select_on_focus=False,
            id=spec.id,
        )
    elif spec.kind == "select":
        yield Select(list(spec.choices), value=spec.value, allow_blank=False, id=spec.id)
    else:
        yield RadioList(spec.choices, spec.value, id=spec.id, classes="radio")
    if spec.hint:
        yield Static(spec.hint, classes="field-hint meta", id=f"{spec.id}-hint", markup=False)
    yield Static("", classes="field-error", id=f"{spec.id}-error", markup=False)


class _FieldsDialog(Dialog):
    """What the prompt and the form share: typed values, errors, keep on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close (keeps what you typed)", id="form.close"),
    ]

    fields: Sequence[Field]

    def __init__(
        self,
        title: str,
        hint: str,
        *,
        size: Literal["small", "wide"],
        keep: Callable[[Values], None] | None,
    ) -> None:
        super().__init__(title, hint, size=size)
        self._keep = keep

    def on_mount(self) -> None:
        first = self.query_one(f"#{self.fields[0].id}")
        first.focus()
        if isinstance(first, Input):
            first.cursor_position = len(first.value)

    def values(self) -> Values:
        """Every field's current value, by id."""
        out: Values = {}
        for spec in self.fields:
            widget = self.query_one(f"#{spec.id}")
            if isinstance(widget, (Input, RadioList)):
                out[spec.id] = widget.value
            elif isinstance(widget, Select):
                out[spec.id] = str(widget.value)
        return out

    def value(self, field_id: str) -> str:
        """The current value of one field."""
        return self.values()[field_id]

    def show_problem(self, problem: str | Problem) -> None:
        """Show why it was not saved: under its field (focused), or for the whole dialog."""
        if isinstance(problem, str):
            problem = Problem(problem)
        self.clear_problems()
        if problem.field is not None:
            _show_error(self.query_one(f"#{problem.field}-error", Static), problem.message)
            target = self.query_one(f"#{problem.field}")
            target.focus()
            self.query_one("#dialog-body", VerticalScroll).scroll_to_widget(target, animate=False)
        else:
            _show_error(self.query_one("#form-error", Static), problem.message)

    def clear_problems(self) -> None:
        """Forget the errors shown so far."""
        for error in self.query(".field-error").results(Static):
            _show_error(error, "")

    def problem_text(self) -> str:
        """Every error shown now (for tests and for reading aloud)."""
        return "\n".join(
            str(e.content) for e in self.query(".field-error").results(Static) if str(e.content)
        )

    def action_close(self) -> None:
        """Close; what was typed is handed back to be kept for next time."""
        if self._keep is not None:
            self._keep(self.values())
        self.dismiss(None)


# -------------------------------------------------------------------- prompt
class PromptDialog(_FieldsDialog):
    """One line of text: a title, an optional intro, a labelled field, enter saves.

    Args:
        title: the dialog's title.
        label: the field's label (always shown).
        value: the text to start from (the stored text or a kept draft).
        submit: stores the text; returns None when saved (the dialog closes),
            or a message to show under the field (the text stays).
        keep: gets the typed text when the dialog is closed with escape.
        intro: a sentence or two under the title.
        hint: a short line under the field.
        placeholder: grey text in the empty field.
        max_length: the most characters the field takes (0: no limit).
        field_id: the field's widget id.
        counter: when given, a live line under the field (e.g. characters used).
        keys: the dialog's line of key hints.
    """

    def __init__(
        self,
        title: str,
        *,
        label: str,
        submit: Callable[[str], str | None],
        keep: Callable[[str], None] | None = None,
        value: str = "",
        intro: str = "",
        hint: str = "",
        placeholder: str = "",
        max_length: int = 0,
        field_id: str = "prompt-input",
        counter: Callable[[str], str] | None = None,
        keys: str = "enter saves · escape closes, keeping what you typed",
    ) -> None:
        super().__init__(
            title,
            keys,
            size="small",
            keep=(lambda values: keep(values[field_id])) if keep is not None else None,
        )
        self.intro = intro
        self.fields = (
            Field(field_id, label, value, hint, placeholder=placeholder, max_length=max_length),
        )
        self.field_id = field_id
        self._submit_text = submit
        self._counter = counter

    def compose_body(self) -> ComposeResult:
        if self.intro:
            yield Static(self.intro, classes="intro", id="dialog-intro", markup=False)
        yield from compose_field(self.fields[0])
        if self._counter is not None:
            yield Static(self._counter(self.fields[0].value), id="counter", classes="meta")
        yield Static("", id="form-error", classes="field-error", markup=False)

    @property
    def text(self) -> str:
        """What is typed now."""
        return self.query_one(f"#{self.field_id}", Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._counter is not None:
            self.query_one("#counter", Static).update(self._counter(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self._submit_text(event.value)
        if error:
            self.show_problem(Problem(error, self.field_id))
            return
        self.dismiss(None)


# ---------------------------------------------------------------------- form
class FormDialog(_FieldsDialog):
    """A form of labelled fields, each with its hint and its own error line.

    Args:
        title: the dialog's title.
        fields: the fields, top to bottom.
        submit: gets the values by field id; returns None when saved (the
            form closes), a message for the whole form, or a :class:`Problem`
            naming the field to show it under (the typed values stay).
        keep: gets the values when the form is closed with escape.
        intro: a sentence or two under the title.
        enter: ``"submit"``: enter in any text field saves; ``"next"``: enter
            moves to the next field and saves from the last one.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close (keeps what you typed)", id="form.close"),
        Binding("ctrl+s", "submit", "Save", id="form.save"),
    ]

    def __init__(
        self,
        title: str,
        fields: Iterable[Field],
        submit: Callable[[Values], Outcome],
        keep: Callable[[Values], None] | None = None,
        *,
        intro: str = "",
        enter: Literal["submit", "next"] = "submit",
    ) -> None:
        self.enter = enter
        keys = (
            "enter saves · tab moves · escape closes, keeping what you typed"
            if enter == "submit"
            else "enter next field · ctrl+s saves · escape closes, keeping what you typed"
        )
        super().__init__(title, keys, size="wide", keep=keep)
        self.fields = tuple(fields)
        self.intro = intro
        self._submit = submit

    def compose_body(self) -> ComposeResult:
        if self.intro:
            yield Static(self.intro, classes="intro", id="dialog-intro", markup=False)
        for spec in self.fields:
            yield from compose_field(spec)
        yield Static("", id="form-error", classes="field-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if self.enter == "next" and event.input is not inputs[-1]:
            self.focus_next()
        else:
            self.action_submit()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # enter on a radio list: the choice is already made by moving to it.
        if isinstance(event.option_list, RadioList):
            event.stop()
            if self.enter == "submit":
                self.action_submit()
            else:
                self.focus_next()

    def action_submit(self) -> None:
        """Check and save the form (``ctrl+s``, or ``enter``)."""
        outcome = self._submit(self.values())
        if outcome:
            self.show_problem(outcome)
        else:
            self.dismiss(None)


# -------------------------------------------------------------------- choice
class ChoiceDialog(Dialog):
    """Pick one of a few choices: arrows or j/k move, enter chooses, escape keeps it as it was.

    Args:
        title: the question.
        choices: ``(key, label)`` pairs.
        current: the key chosen now (highlighted first).
        on_choice: called with the chosen key after the dialog closes.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Keep as it was", id="choice.close"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, str]],
        current: str,
        on_choice: Callable[[str], None],
    ) -> None:
        super().__init__(title, "enter chooses · escape keeps it as it was")
        self.choices = list(choices)
        self.current = current
        self.on_choice = on_choice

    def compose_body(self) -> ComposeResult:
        yield KeyList(*[Option(label, id=key) for key, label in self.choices], id="choices")

    def on_mount(self) -> None:
        choices = self.query_one("#choices", KeyList)
        keys = [key for key, _ in self.choices]
        choices.highlighted = keys.index(self.current) if self.current in keys else 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.dismiss(None)
            self.on_choice(event.option_id)

    def action_close(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


def labels_of(dialog: Dialog) -> list[str]:
    """Every field label a dialog shows (for tests and help)."""
    return [str(label.content) for label in dialog.query(".field-label").results(Static)]


__all__ = [
    "ChoiceDialog",
    "ConfirmDialog",
    "Dialog",
    "Field",
    "FormDialog",
    "Outcome",
    "Problem",
    "PromptDialog",
    "RadioList",
    "Values",
    "compose_field",
    "keep_focus_in_view",
    "labels_of",
]
