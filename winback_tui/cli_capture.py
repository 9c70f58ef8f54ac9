"""Quick capture from the shell: ``winback write`` (a journal entry) and ``winback urge``.

Both add one record to the journal and print one line about it, never the
text itself. They need the journal to themselves for the moment of the save:

* while winback is open on the journal (it holds the lock), they wait about
  :data:`LOCK_WAIT_SECONDS`, trying again, and then refuse with one line
  saying that nothing was saved; the text is not written anywhere else and not
  echoed back, so run the command again once winback is closed (or write in
  the app). Text typed in ``$EDITOR`` is the exception worth waiting for: at a
  terminal, winback asks to try again instead of dropping it;
* an encrypted journal asks for its passphrase on the terminal, or reads it
  from ``--passphrase-file``; nothing is written to disk in plain text, except
  the editor's scratch file while the editor is open (it is said first, and
  the file is removed afterwards).

The text of ``write`` comes from its arguments, else from standard input when
that is not a terminal, else from ``$VISUAL`` / ``$EDITOR`` on an empty private
scratch file. It must be UTF-8 text: NUL bytes or invalid UTF-8 are refused, not
stripped, so nothing is saved in a form the person did not write.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from winback_tui.app_settings import journal_pins
from winback_tui.cli_common import fail, journal_failure, say
from winback_tui.cli_config import settings_for
from winback_tui.cli_crypt import NoSecret, unlock_journal
from winback_tui.domain.urges import (
    ALTERNATIVES,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TRIGGERS,
    UrgeError,
)
from winback_tui.domain.words import plural
from winback_tui.store import Journal, JournalError
from winback_tui.store.lock import JournalLock

#: How long ``write`` and ``urge`` wait for an open winback to let the journal go.
LOCK_WAIT_SECONDS = 2.0
_POLL_SECONDS = 0.1

#: The most ``write`` takes in one go (from standard input or the editor).
MAX_TEXT_BYTES = 10 * 1024 * 1024

HELD = "winback is open on {path} in another window"

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

LOCK_HELP = (
    f"While winback is open on the journal it waits about {LOCK_WAIT_SECONDS:g} seconds, "
    "then refuses and saves nothing (the text is not kept anywhere else): run it again "
    "once winback is closed. An encrypted journal asks for its passphrase."
)


# ------------------------------------------------------------------ parser
def add_capture_commands(
    commands: Any,
    add_db: Callable[..., None],
    add_passphrase: Callable[..., None],
) -> None:
    """Add ``write`` and ``urge`` to the sub-commands (``add_db``: cli's --db option)."""
    write = commands.add_parser(
        "write",
        help="add a journal entry from the shell (text, standard input, or $EDITOR)",
        description=(
            "Add a new journal entry (a day can hold several; none is ever overwritten). "
            'The text comes from the arguments (winback write "text"), else from standard '
            "input when it is not a terminal (echo text | winback write), else from "
            "$VISUAL or $EDITOR on an empty private file. It prints the day and the word "
            "count, never the text. Empty text is refused, unless --mood is given: then "
            "only the day's mood is saved. Text with NUL bytes or that is not UTF-8 is "
            f"refused. {LOCK_HELP}"
        ),
    )
    add_db(write, suppress=True)
    add_passphrase(write, suppress=True)
    write.add_argument("text", nargs="*", help="the entry's text (several words are joined)")
    write.add_argument("--mood", metavar="N", help="the day's mood, 1 (very low) to 5 (very good)")
    write.add_argument("--step", metavar="N", help="tag the entry with a step, 1 to 4")
    write.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day the entry belongs to, for a day you missed (not in the future)",
    )
    urge = commands.add_parser(
        "urge",
        help="note an urge to reach out, in one line",
        description=(
            f"Note an urge to reach out: how strong ({STRENGTH_MIN} to {STRENGTH_MAX}), and "
            "what set it off. Nothing is sent to anyone. It starts the same pause as u in "
            "the app, and counts as a win if it passes without contact. Triggers: "
            + ", ".join(trigger for trigger, _ in TRIGGERS)
            + f", or your own words. {LOCK_HELP}"
        ),
    )
    add_db(urge, suppress=True)
    add_passphrase(urge, suppress=True)
    urge.add_argument(
        "--strength", metavar="N", help=f"how strong, {STRENGTH_MIN} (a flicker) to {STRENGTH_MAX}"
    )
    urge.add_argument("--trigger", metavar="WHAT", help="what set it off: a trigger, or words")
    urge.add_argument("--note", metavar="TEXT", default="", help="a few words about it")
    urge.add_argument("--instead", metavar="TEXT", default="", help="what you did instead")


# ------------------------------------------------------------------ values
class Refused(Exception):
    """A value or a text that cannot be used; the message is the one line to print."""


def _number(value: str | None, what: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
        raise Refused(f"{what} is a whole number from {low} to {high}, not {value!r}")
    return int(text)


def parse_day(value: str | None, today: date) -> date:
    """The day of ``--date``: a real YYYY-MM-DD, not after ``today``.

    Raises:
        Refused: with the line to print.
    """
    if value is None:
        return today
    if not _DAY.fullmatch(value.strip()):
        raise Refused(
            f"--date takes a day as YYYY-MM-DD (such as {today.isoformat()}), not {value!r}"
        )
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise Refused(f"--date {value} is not a day of the calendar") from None
    if day > today:
        raise Refused(
            f"--date {day.isoformat()} is in the future; the journal keeps days that have "
            "happened (today or earlier)"
        )
    return day


def checked_text(raw: bytes | str, source: str) -> str:
    """The text to save: UTF-8, no NUL, within :data:`MAX_TEXT_BYTES`; trailing space dropped.

    Raises:
        Refused: binary data, invalid UTF-8 or too large (nothing is saved).
    """
    if isinstance(raw, str):
        try:
            data = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(f"{source} is not UTF-8 text; nothing was saved") from None
    else:
        data = raw
    if len(data) > MAX_TEXT_BYTES:
        raise Refused(
            f"{source} holds more than {MAX_TEXT_BYTES // (1024 * 1024)} MB; nothing was saved "
            "(split it into several entries)"
        )
    if b"\x00" in data:
        raise Refused(f"{source} holds NUL bytes, so it looks like binary data; nothing was saved")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(f"{source} is not UTF-8 text; nothing was saved") from None
    return text.replace("\r\n", "\n").rstrip()


def read_stream(stream: BinaryIO) -> bytes:
    """Standard input, at most one byte past the limit (so a huge pipe is refused early)."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_TEXT_BYTES:
        chunk = stream.read(min(1024 * 1024, MAX_TEXT_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


# -------------------------------------------------------------------- lock
def _held_by_another(path: Path) -> bool:
    """Whether another process holds the journal's lock (an error counts as not held).

    Any other trouble with the lock file is left to :meth:`Journal.open` to say.
    """
    lock = JournalLock(path)
    try:
        if not lock.acquire():
            return True
    except OSError:
        return False
    lock.release(remove_if_created=True)
    return False


def wait_for_lock(path: Path, seconds: float | None = None) -> bool:
    """Wait up to ``seconds`` (:data:`LOCK_WAIT_SECONDS`) for ``path`` to be free; True if so."""
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if seconds is None else seconds)
    while _held_by_another(path):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_SECONDS)
    return True


class Held(Exception):
    """Another winback holds the journal (after the wait)."""


def open_writable(path: Path, args: argparse.Namespace) -> Journal:
    """The journal, unlocked and writable, after waiting for an open winback.

    Raises:
        Held: winback stayed open on it.
        NoSecret: no passphrase could be had.
        JournalError: damaged, a wrong passphrase, or it cannot be written.
    """
    if not wait_for_lock(path):
        raise Held()
    vault = unlock_journal(path, args)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        journal = Journal.open(path, vault=vault)
        if not journal.read_only or journal.unwritable:
            # The config file's settings (the urge pause) hold here as in the app.
            journal.pin_settings(journal_pins(settings_for(args)))
            return journal
        # Taken again between the wait and the open (or while the passphrase was typed).
        journal.close()
        if time.monotonic() >= deadline:
            raise Held()
        time.sleep(_POLL_SECONDS)


# ------------------------------------------------------------------- write
@dataclass(frozen=True)
class WriteRequest:
    """What ``winback write`` was asked to save."""

    day: date
    text: str
    mood: int | None
    step: int | None


# The domain's entry and mood rules are imported where ``write`` uses them: every
# start of the app builds this parser, and an encrypted journal's unlock screen
# should not wait for them.


def _request(args: argparse.Namespace, today: date) -> tuple[date, int | None, int | None]:
    from winback_tui.domain.daily import SCALE_MAX, SCALE_MIN
    from winback_tui.domain.journal_entries import STEPS

    mood = _number(args.mood, "--mood", SCALE_MIN, SCALE_MAX)
    step = _number(args.step, "--step", min(STEPS), max(STEPS))
    return parse_day(args.date, today), mood, step


def _what_was_saved(request: WriteRequest, today: date) -> str:
    from winback_tui.domain.journal_entries import mood_label
    from winback_tui.domain.reflections import word_count

    when = "today" if request.day == today else request.day.strftime("%A")
    parts: list[str] = []
    if request.text:
        words = plural(word_count(request.text), "word", "words")
        parts.append(f"saved a new journal entry for {request.day.isoformat()} ({when}): {words}")
        if request.step is not None:
            parts.append(f"step {request.step}")
        if request.mood is not None:
            parts.append(f"the day's {mood_label(request.mood)}")
    else:
        parts.append(
            f"saved the {mood_label(request.mood)} of {request.day.isoformat()} ({when}); "
            "no entry was added (no text)"
        )
    return ", ".join(parts)


def save_entry(journal: Journal, request: WriteRequest) -> None:
    """Add the entry (text first: it is what matters most), then the day's mood."""
    from winback_tui.store.entries import EntriesRepo

    repo = EntriesRepo(journal)
    if request.text:
        repo.add(request.day, request.text, step=request.step)
    if request.mood is not None:
        repo.save_mood(request.day, request.mood)


def _from_editor(path: Path, encrypted: bool, configured: str | None) -> str:
    """The text typed in ``$VISUAL`` / ``$EDITOR`` on an empty private file.

    Raises:
        Refused: no editor, the person declined, or the editor failed.
    """
    from winback_tui.external_editor import edit_text, editor_command, scratch_parent

    command = editor_command(configured, os.environ)
    if command is None:
        raise Refused(
            'no text given: write it as an argument (winback write "..."), pipe it in '
            "(echo ... | winback write), or set $EDITOR (or the config file's editor) to "
            "write it in your editor"
        )
    if encrypted:
        print(
            "Your journal is encrypted, but while the editor is open the text sits in a "
            "private scratch file, unencrypted; it is removed when the editor closes.",
            file=sys.stderr,
        )
        if not _yes("Open the editor anyway? [y/N] "):
            raise Refused("nothing was saved")
    outcome = edit_text("", command, parent=scratch_parent(path.parent))
    if outcome.text is None:
        raise Refused(f"{outcome.problem or 'the editor failed'} Nothing was saved")
    if outcome.problem:
        print(f"winback: {outcome.problem}", file=sys.stderr)
    return checked_text(outcome.text, "the text from the editor")


def _yes(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes")
    except (EOFError, KeyboardInterrupt):
        return False


def _text_of(args: argparse.Namespace, path: Path) -> tuple[str, bool]:
    """The text to save, and whether it came from the editor (worth a retry)."""
    if args.text:
        return checked_text(" ".join(args.text), "the text"), False
    stdin = sys.stdin
    if stdin is not None and not stdin.isatty():
        return checked_text(read_stream(stdin.buffer), "standard input"), False
    try:
        encrypted = Journal.encryption(path) is not None
    except JournalError:
        encrypted = False  # said when the journal is opened
    # Text typed in an editor would be lost if winback then held the journal.
    if not wait_for_lock(path):
        raise Held()
    return _from_editor(path, encrypted, settings_for(args).editor), True


def write_command(path: Path, args: argparse.Namespace) -> int:
    """``winback write``: add a journal entry; one line on what was saved."""
    today = datetime.now().astimezone().date()
    try:
        day, mood, step = _request(args, today)
        text, typed = _text_of(args, path)
        if not text.strip() and mood is None:
            raise Refused(
                "the text is empty, so nothing was saved (give --mood N to save only the mood)"
            )
    except Refused as exc:
        return fail(str(exc))
    except Held:
        return fail(f"{HELD.format(path=path)}; nothing was written. Close it and run this again")
    request = WriteRequest(day, text if text.strip() else "", mood, step)
    while True:
        try:
            journal = open_writable(path, args)
        except Held:
            if typed and _interactive() and _yes(_held_prompt(path)):
                continue
            return fail(
                f"{HELD.format(path=path)}; your text was not saved. Close it and run this again"
            )
        except NoSecret as exc:
            return fail(f"{exc}; your text was not saved")
        except JournalError as exc:
            return journal_failure(exc)
        break
    try:
        if journal.read_only:
            return fail(f"{journal.read_only_reason}; your text was not saved")
        save_entry(journal, request)
    except JournalError as exc:
        return fail(f"{exc}; your text was not saved")
    finally:
        journal.close()
    say(_what_was_saved(request, today))
    return 0


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _held_prompt(path: Path) -> str:
    return (
        f"{HELD.format(path=path)}, so your text is not saved yet. Close it there, then "
        "press y to try again (anything else gives the text up): "
    )


# -------------------------------------------------------------------- urge
def trigger_of(words: str | None) -> tuple[str, str]:
    """``--trigger``: a trigger's id or its label, else the person's own words ("other")."""
    if words is None or not words.strip():
        return "other", ""
    wanted = words.strip().casefold()
    for trigger, label in TRIGGERS:
        if wanted in (trigger, label.casefold()):
            return trigger, ""
    return "other", words.strip()


def urge_command(path: Path, args: argparse.Namespace) -> int:
    """``winback urge``: note an urge; one line with the pause and one better move."""
    from winback_tui.store.urges import UrgesRepo

    try:
        strength = _number(args.strength, "--strength", STRENGTH_MIN, STRENGTH_MAX)
        if strength is None:
            raise Refused(
                f"how strong is it? Give --strength N, from {STRENGTH_MIN} (a flicker) "
                f"to {STRENGTH_MAX} (overwhelming); nothing was noted"
            )
        trigger, own = trigger_of(args.trigger)
        note = " ".join(part for part in (own, args.note.strip()) if part)
        for value, what in ((note, "the note"), (args.instead, "--instead")):
            checked_text(value, what)
    except Refused as exc:
        return fail(str(exc))
    try:
        journal = open_writable(path, args)
    except Held:
        return fail(f"{HELD.format(path=path)}; the urge was not noted here. Note it there with u")
    except NoSecret as exc:
        return fail(f"{exc}; the urge was not noted")
    except JournalError as exc:
        return journal_failure(exc)
    try:
        if journal.read_only:
            return fail(f"{journal.read_only_reason}; the urge was not noted")
        urge = UrgesRepo(journal).note(strength, trigger, note, args.instead)
    except UrgeError as exc:
        return fail(f"{exc} Nothing was noted")
    except JournalError as exc:
        return fail(f"{exc}; the urge was not noted")
    finally:
        journal.close()
    _move_id, move = ALTERNATIVES[urge.id % len(ALTERNATIVES)]
    pause = plural(urge.pause_minutes, "minute", "minutes")
    say(
        f"noted an urge ({urge.strength}/{STRENGTH_MAX}) at {urge.at.astimezone():%H:%M}; "
        f"nothing was sent. Give it {pause} before anything else: it rises and falls "
        f"like a wave. Meanwhile: {move[:1].lower() + move[1:]}."
    )
    return 0
