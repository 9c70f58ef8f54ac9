"""Command line: the sub-commands; builds the store, then the app (the parser: ``cli_parser``)."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from winback_tui.cli_capture import urge_command, write_command
from winback_tui.cli_common import EXIT_USER_ERROR as EXIT_USER_ERROR
from winback_tui.cli_common import exclusive, fail, journal_failure, say
from winback_tui.cli_config import config_command, settings_for, warn
from winback_tui.cli_crypt import (
    NoSecret,
    decrypt_command,
    encrypt_command,
    new_secret,
    passphrase_command,
    secret,
    secret_from_file,
    unlock_journal,
)
from winback_tui.cli_parser import ENV_DB, default_journal_path, parse_arguments
from winback_tui.crash import install_excepthook
from winback_tui.store import Journal, JournalCorruptError, JournalError
from winback_tui.store import backup as backups
from winback_tui.store.atomic import DIR_MODE, ensure_private_dir
from winback_tui.store.journal import resolve_journal_path
from winback_tui.store.opening import saved_at
from winback_tui.store.paths import journal_file_clash, read_regular
from winback_tui.store.precheck import Precheck
from winback_tui.store.schema import verify


def journal_path(args: argparse.Namespace) -> Path:
    """Choose the journal: ``--db``, then ``$WINBACK_DB``, then the default."""
    if getattr(args, "db", None):
        return Path(args.db).expanduser()
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    path = default_journal_path()
    try:
        # Every missing level (~/.local, ~/.local/share) is made 0700, whatever the umask.
        ensure_private_dir(path.parent)
        os.chmod(path.parent, DIR_MODE)  # our own folder: always private
    except OSError:
        pass  # Journal.open reports the problem with the path in one line
    return path


def _safe_streams() -> None:
    """Never crash on a message the terminal's encoding cannot show.

    With ``PYTHONIOENCODING=ascii`` (or a C locale), a file name with an accent
    would raise UnicodeEncodeError after the work is done; it is written as an
    escape (``\\xe9``) instead.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _time_zone_problem() -> str | None:
    """Why the local time zone cannot be used, or None (``TZ=UTC+24`` cannot)."""
    try:
        datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        zone = os.environ.get("TZ")
        named = f"the time zone TZ={zone!r}" if zone is not None else "the local time zone"
        return (
            f"{named} cannot be used (its offset from UTC is out of range); set TZ to a "
            "valid zone, such as TZ=Europe/Paris or TZ=UTC"
        )
    return None


def _restore_backup(path: Path, args: argparse.Namespace) -> int:
    try:
        path = resolve_journal_path(path)
    except JournalError as exc:
        return fail(str(exc))
    slots = [p for p in backups.backup_paths(path) if p.exists()]
    if args.list:
        if not slots:
            say(f"no backups beside {path}")
        for slot in slots:
            say(f"{slot}  {saved_at(slot)}")
        return 0
    source = args.source or backups.newest_good_backup(path)
    if source is None:
        return fail(f"no good backup beside {path}; nothing was changed")
    clash = journal_file_clash(path, Path(source))
    if clash is not None and clash.name in (path.name, f"{path.name}.lock"):
        return fail(
            f"{source} is the journal {path} itself (or its lock); give a backup "
            "with --from; nothing was changed"
        )
    lock = exclusive(path)
    if isinstance(lock, str):
        return fail(lock)
    try:
        if path.exists() and not args.force:
            try:
                verify(path, read_regular(path))
            except JournalError:
                pass
            else:
                return fail(f"{path} loads fine; add --force to replace it with {source} anyway")
        kept = backups.restore(path, Path(source), datetime.now())
    except JournalError as exc:
        return fail(f"{exc}; nothing was changed")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return fail(f"could not restore {source}: {reason}; nothing was changed")
    finally:
        lock.release()
    say(f"restored {source} to {path}")
    if kept is not None:
        say(f"the previous file was kept as {kept}")
    return 0


def _accept_edit(path: Path, args: argparse.Namespace) -> int:
    from winback_tui.store.accept import accept_edit, review_edit

    path = path.resolve()
    lock = exclusive(path)
    if isinstance(lock, str):
        return fail(lock)
    try:
        # A sealed table cannot be edited by hand: an encrypted journal that does
        # not match its index is damaged, never edited, and has no edit to keep.
        try:
            sealed = Journal.encryption(path) is not None
        except JournalCorruptError as exc:
            return fail(
                f"{exc}; an encrypted journal cannot be edited by hand, so there is no edit "
                f"to keep. Restore the newest good backup with: winback restore-backup --db {path}"
            )
        except JournalError:
            sealed = False  # unreadable: said below, as for a plain journal
        if sealed:
            print(f"{path} is encrypted and loads as it is; there is nothing to accept")
            return 0
        try:
            review = review_edit(path)
        except FileNotFoundError:
            return fail(f"{path} does not exist; nothing was changed")
        except OSError as exc:
            return fail(f"cannot read {path}: {exc.strerror}; nothing was changed")
        except JournalError as exc:
            return fail(
                f"{exc}; there is no edit to keep. Restore the newest good backup with: "
                f"winback restore-backup --db {path}"
            )
        if review is None:
            print(f"{path} loads as it is; there is nothing to accept")
            return 0
        print(f"{path} does not match its index: {', '.join(review.tables)}")
        for line in review.lines:
            print(line)
        if not args.yes:
            if not sys.stdin.isatty():
                return fail("add --yes to keep this edit; nothing was changed")
            answer = input("Keep this edit and write a new index? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                return fail("nothing was changed")
        try:
            accept_edit(review)
        except JournalError as exc:
            return fail(str(exc))
        except OSError as exc:
            return fail(f"could not write {path}: {exc.strerror}; nothing was changed")
    finally:
        lock.release()
    print(f"kept the edit; {path} has a new index and opens again")
    return 0


def _write_stdout(payload: bytes) -> int:
    try:
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # The reader stopped early (| head): not an error worth a message.
        # Point stdout at /dev/null so the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 0


def _export(path: Path, args: argparse.Namespace) -> int:
    # Imported here: starting the app should not pay for the exporters.
    from winback_tui.store.convert import seal_export
    from winback_tui.store.crypt import Vault
    from winback_tui.store.export import (
        export_json,
        export_markdown,
        open_for_export,
        write_export,
    )

    try:
        vault = unlock_journal(path, args)
        journal = open_for_export(path, vault=vault)
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return journal_failure(exc)
    from winback_tui.app_settings import journal_pins

    # The config file's pause length shows in a draft's state, as in the app.
    journal.pin_settings(journal_pins(settings_for(args)))
    try:
        if args.format == "json":
            payload = export_json(journal)
        elif args.format == "csv":
            from winback_tui.store.export_csv import export_csv

            payload = export_csv(journal)
        else:
            payload = export_markdown(journal, exported=journal.now()).encode("utf-8")
    finally:
        journal.close()
    if args.encrypt:
        if args.format != "json":
            return fail("only a JSON export can be encrypted (--format json); nothing was written")
        try:
            if vault is None:
                new = new_secret(args.passphrase_file, "Passphrase for the export")
                vault, _code = Vault.create(new, recovery=False)
        except NoSecret as exc:
            return fail(str(exc))
        payload = seal_export(payload, vault)
    if args.output is None:
        return _write_stdout(payload)
    output = Path(args.output).expanduser()
    try:
        write_export(output, payload, force=args.force, journal=journal.path)
    except JournalError as exc:
        return fail(f"{exc}; nothing was written")
    except FileExistsError:
        return fail(f"{output} already exists; choose another name or add --force to replace it")
    except IsADirectoryError:
        return fail(f"{output} is a folder; give a file name for --output")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return fail(f"could not write {output}: {reason}; nothing was written")
    if args.encrypt:
        say(f"exported {journal.path} to {output} (encrypted)")
    else:
        hint = "; add --encrypt to encrypt it" if vault is not None else ""
        say(f"exported {journal.path} to {output} (plain text, not encrypted{hint})")
    return 0


def _import(path: Path, args: argparse.Namespace) -> int:
    from winback_tui.store.convert import export_header, open_export
    from winback_tui.store.importer import import_export, read_export

    def unseal(raw: bytes) -> bytes:
        header = export_header(args.file, raw)
        if header is None:
            return raw
        file = getattr(args, "passphrase_file", None)
        vault = header.unlock(args.file, secret(file, f"Passphrase of {args.file}: "))
        return open_export(args.file, raw, vault)

    try:
        incoming = read_export(args.file, unseal=unseal)
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return fail(str(exc))
    try:
        journal = Journal.open(path, vault=unlock_journal(path, args))
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return journal_failure(exc)
    try:
        if journal.unwritable:
            return fail(f"{journal.read_only_reason}; nothing was written")
        if journal.read_only:
            return fail(
                f"{journal.path} is open in another winback; close it and import again; "
                "nothing was written"
            )
        report = import_export(journal, incoming, merge=args.merge)
    except JournalError as exc:
        return fail(str(exc))
    finally:
        journal.close()
    say(f"{report.summary()}; from {incoming.path} into {journal.path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    install_excepthook()
    _safe_streams()
    args = parse_arguments(argv)
    problem = _time_zone_problem()
    if problem is not None:
        return fail(problem)
    path = journal_path(args)
    if args.command == "restore-backup":
        return _restore_backup(path, args)
    if args.command == "accept-edit":
        return _accept_edit(path, args)
    if args.command == "export":
        return _export(path, args)
    if args.command == "import":
        return _import(path, args)
    if args.command == "config":
        return config_command(path, args)
    crypt_commands = {
        "encrypt": encrypt_command,
        "passphrase": passphrase_command,
        "decrypt": decrypt_command,
    }
    if args.command in crypt_commands:
        return crypt_commands[args.command](path, args)
    capture_commands = {"write": write_command, "urge": urge_command}
    if args.command in capture_commands:
        return capture_commands[args.command](path, args)
    # Start-up allocates hundreds of thousands of objects that all live as long
    # as the app (Textual's classes and styles, the journal's tables). The cyclic
    # collector would walk them again and again while they are built, for
    # nothing: it stays off until the first screen shows, and then all of it
    # (the journal too) is frozen out of the full passes (see app_run.run_app).
    gc.disable()
    try:
        return _start_app(path, args)
    finally:
        gc.enable()


def _start_app(path: Path, args: argparse.Namespace) -> int:
    """Open the journal (or its unlock screen) in the app; the collector is off."""
    # Before Textual is imported and before any thread: a child reads the
    # segment files on the other core meanwhile (winback_tui.store.precheck).
    try:
        precheck = Precheck.start(resolve_journal_path(path))
    except JournalError:
        precheck = None  # opening the journal reports it
    try:
        return _run_app(path, args, precheck)
    finally:
        if precheck is not None:
            precheck.close()


def _run_app(path: Path, args: argparse.Namespace, precheck: Precheck | None) -> int:
    from winback_tui.wire import low_bandwidth_wanted

    settings = settings_for(args)
    for line in settings.problems:
        warn(line)  # shown again inside the app, where a full screen hides stderr
    wanted = low_bandwidth_wanted(args.low_bandwidth or settings.low_bandwidth, os.environ)
    try:
        header = Journal.encryption(path)
        vault = None
        if header is not None and args.passphrase_file is not None:
            vault = header.unlock(path, secret_from_file(args.passphrase_file))
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return journal_failure(exc)
    if header is not None and vault is None:
        # Imported late so sub-commands and --help never pay for Textual.
        from winback_tui.app_run import run_locked_app

        return run_locked_app(
            path,
            header,
            gc_paused=True,
            low_bandwidth=wanted,
            settings=settings,
            precheck=precheck,
        )
    try:
        journal = Journal.open(path, background_backup=True, vault=vault, precheck=precheck)
    except JournalError as exc:
        return journal_failure(exc)
    from winback_tui.app_run import run_app

    try:
        return run_app(journal, gc_paused=True, low_bandwidth=wanted, settings=settings)
    finally:
        journal.close()
