"""The command palette: winback's own commands, in its own words, and the export it offers."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from winback_tui import program
from winback_tui.store import Journal, JournalError

#: The palette command that writes an encrypted export (encrypted journals only).
ENCRYPTED_EXPORT = "Export journal (JSON, encrypted)"


class PaletteCommands(App[int]):
    """What the palette lists and the export it writes; :class:`~winback_tui.app.WinbackApp`
    gives the journal and the moves (home, a step, help, support)."""

    @property
    def journal(self) -> Journal:
        """The open journal (the app defines it)."""
        raise NotImplementedError

    def action_go(self, mode: str) -> None:
        """Open a mode (the app defines it)."""
        raise NotImplementedError

    def action_help(self) -> None:
        """Show help (the app defines it)."""
        raise NotImplementedError

    def action_support(self) -> None:
        """Show support (the app defines it)."""
        raise NotImplementedError

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """winback's own commands, in its own words.

        Textual's (Keys, Screenshot, Maximize, "Quit the application as soon as
        possible") are left out: they are not winback's, and its quit would not
        say that it saves first.
        """
        del screen
        yield SystemCommand("Support", "Crisis lines and where to find help", self.action_support)
        yield SystemCommand("Help", "Every key on this screen", self.action_help)
        yield SystemCommand(
            "Home", "The dashboard of the four steps", lambda: self.action_go("home")
        )
        for step in program.STEPS:
            yield SystemCommand(
                f"Step {step.number}: {step.title}",
                step.short,
                lambda n=step.number: self.action_go(f"step{n}"),
            )
        yield SystemCommand(
            "Journal", "Write today's entry, with a mood", lambda: self.action_go("journal")
        )
        yield SystemCommand(
            "Timeline and search",
            "Everything you wrote, newest first; on this day",
            lambda: self.action_go("timeline"),
        )
        yield SystemCommand(
            "Year at a glance",
            "Your daily check-ins as a year of days, with weekly averages",
            lambda: self.action_go("year"),
        )
        plain = " (not encrypted)" if self.journal.encrypted else ""
        yield SystemCommand(
            "Export journal (Markdown)",
            f"Write everything to a Markdown document beside the journal{plain}",
            lambda: self.action_export("markdown"),
        )
        yield SystemCommand(
            "Export journal (JSON)",
            "Write every record to a JSON file beside the journal (winback import reads it)"
            + plain,
            lambda: self.action_export("json"),
        )
        if self.journal.encrypted:
            yield SystemCommand(
                ENCRYPTED_EXPORT,
                "A JSON export only this journal's passphrase opens (winback import reads it)",
                lambda: self.action_export("json", encrypt=True),
            )
        yield SystemCommand(
            "Change theme", "Pick the colours winback uses", self.action_change_theme
        )
        yield SystemCommand(
            "Quit", "Save everything you typed, then close winback (q)", self.action_quit
        )

    def action_export(self, kind: str, *, encrypt: bool = False, confirmed: bool = False) -> None:
        """Write an export beside the journal (0600) and say where (command palette).

        Args:
            kind: ``markdown`` or ``json``.
            encrypt: seal a JSON export with the journal's key (encrypted journals).
            confirmed: the user said yes to a plain export of an encrypted journal;
                until then they are asked, and told of the encrypted one.
        """
        if self.journal.encrypted and not encrypt and not confirmed:
            from winback_tui.widgets.dialogs import ConfirmDialog

            self.push_screen(
                ConfirmDialog(
                    "Write an unencrypted export?",
                    "This journal is encrypted, but this export will NOT be: it is plain "
                    "text, written beside the journal, and anyone who can read that file "
                    "can read everything you wrote. For an encrypted copy, say no and "
                    f"choose “{ENCRYPTED_EXPORT}” in the command palette.",
                    lambda: self.action_export(kind, confirmed=True),
                    yes="Yes, write it unencrypted",
                    no="No, write nothing",
                )
            )
            return
        from winback_tui.editors import flush_editors

        errors = flush_editors()
        moment = self.journal.now().astimezone()
        from winback_tui.store.export import (
            export_file_name,
            export_json,
            export_markdown,
            write_export,
        )

        target = self.journal.path.with_name(export_file_name(kind, moment))
        try:
            if kind == "json":
                payload = export_json(self.journal)
                if encrypt:
                    payload = self.journal.seal_export(payload)
            else:
                payload = export_markdown(self.journal, exported=moment).encode("utf-8")
            write_export(target, payload, journal=self.journal.path)
        except JournalError as exc:
            self.notify(exc.message, title="Export not written", severity="error")
            return
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(f"{target}: {reason}", title="Export not written", severity="error")
            return
        note = f"\nNot included: {errors[0]}" if errors else ""
        how = ""
        if encrypt:
            how = " (encrypted: the journal's passphrase opens it)"
        elif self.journal.encrypted:
            how = " (plain text, not encrypted)"
        self.notify(f"Written to {target}{how}{note}", title="Journal exported", timeout=10)
