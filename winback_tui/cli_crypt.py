"""The command line of encryption at rest: passphrases, and encrypt, passphrase, decrypt.

Passphrases come from the terminal (asked twice when new) or, for scripts and
tests only, from the first line of ``--passphrase-file``; never from the
environment or an argument.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from winback_tui.cli_common import exclusive, fail, journal_failure, say
from winback_tui.store import Journal, JournalError
from winback_tui.store.journal import resolve_journal_path
from winback_tui.store.paths import read_regular

if TYPE_CHECKING:
    from winback_tui.store.crypt import Header, Vault
    from winback_tui.store.lock import JournalLock


class NoSecret(Exception):
    """A passphrase could not be had; the message says why (nothing was changed)."""


def secret_from_file(path: Path) -> str:
    try:
        text = read_regular(Path(path).expanduser()).decode("utf-8", "surrogateescape")
    except OSError as exc:
        raise NoSecret(f"cannot read {path}: {exc.strerror}; nothing was changed") from exc
    line = text.split("\n", 1)[0].removesuffix("\r")
    if not line:
        raise NoSecret(f"{path} holds no passphrase on its first line; nothing was changed")
    return line


def _ask(prompt: str) -> str:
    import getpass

    try:
        with open("/dev/tty"):
            pass
    except OSError:
        what = prompt.strip().rstrip(":").lower()
        raise NoSecret(
            f"no terminal to ask on ({what}); give --passphrase-file; nothing was changed"
        ) from None
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise NoSecret("no passphrase given; nothing was changed") from None


def secret(file: Path | None, prompt: str) -> str:
    """A passphrase: from ``file`` (scripts and tests) or asked on the terminal."""
    return secret_from_file(file) if file is not None else _ask(prompt)


def new_secret(file: Path | None, what: str = "New passphrase") -> str:
    """A new passphrase: from ``file``, or asked twice on the terminal."""
    if file is not None:
        return secret_from_file(file)
    first = _ask(f"{what}: ")
    if not first:
        raise NoSecret("an empty passphrase is no passphrase; nothing was changed")
    if _ask(f"{what} again: ") != first:
        raise NoSecret("the two passphrases differ; nothing was changed")
    return first


def unlock_journal(path: Path, args: argparse.Namespace) -> Vault | None:
    """The vault of an encrypted journal at ``path`` (asking for its passphrase), or None.

    Raises:
        JournalError: damaged, or the passphrase is wrong.
        NoSecret: no passphrase could be had.
    """
    header = Journal.encryption(path)
    if header is None:
        return None
    passphrase = secret(getattr(args, "passphrase_file", None), f"Passphrase for {path}: ")
    return header.unlock(path, passphrase)


def encrypt_command(path: Path, args: argparse.Namespace) -> int:
    from winback_tui.store.convert import encrypt_journal

    try:
        path = resolve_journal_path(path)
        if Journal.encryption(path) is not None:
            return fail(
                f"{path} is already encrypted; change its passphrase with: "
                f"winback passphrase --db {path}"
            )
        Journal.open(path).close()  # a damaged journal is refused here; a missing one made
    except JournalError as exc:
        return journal_failure(exc)
    lock = exclusive(path)
    if isinstance(lock, str):
        return fail(lock)
    try:
        say(
            f"Encrypting {path}. Choose a passphrase you will remember: without it, or the "
            "recovery code shown next, nobody can read what you wrote, not even winback."
        )
        passphrase = new_secret(args.passphrase_file)
        _vault, code, converted = encrypt_journal(path, passphrase)
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return fail(f"{exc}; nothing was changed")
    except OSError as exc:
        return fail(f"could not encrypt {path}: {exc.strerror}; nothing was changed")
    finally:
        lock.release()
    say(f"encrypted {path}")
    for copy in converted.copies:
        say(f"encrypted its copy {copy}")
    for copy, why in converted.left:
        say(f"NOT encrypted: {copy} ({why}); it may hold plain text: delete it when sure")
    say("")
    say("Your recovery code, shown only this once. Write it down and keep it apart:")
    say("")
    say(f"    {code}")
    say("")
    say(
        "With your passphrase or this code the journal opens. Without both, the text is "
        "gone for good: it cannot be recovered by anyone."
    )
    return 0


def _encrypted_and_locked(path: Path, not_encrypted: str) -> int | tuple[Path, Header, JournalLock]:
    """The journal at ``path``, its header and its lock, held; or the exit status.

    ``not_encrypted`` is what to say about a plain journal (``{path}`` is filled in).
    """
    try:
        path = resolve_journal_path(path)
        header = Journal.encryption(path)
    except JournalError as exc:
        return journal_failure(exc)
    if header is None:
        return fail(not_encrypted.format(path=path))
    lock = exclusive(path)
    if isinstance(lock, str):
        return fail(lock)
    return path, header, lock


def passphrase_command(path: Path, args: argparse.Namespace) -> int:
    from winback_tui.store.convert import change_passphrase

    opened = _encrypted_and_locked(
        path, "{path} is not encrypted; encrypt it with: winback encrypt --db {path}"
    )
    if isinstance(opened, int):
        return opened
    path, header, lock = opened
    try:
        if args.recover:
            code = secret(args.recovery_code_file, "Recovery code: ")
            vault = header.recover(path, code)
        else:
            vault = header.unlock(path, secret(args.passphrase_file, "Current passphrase: "))
        change_passphrase(path, vault, new_secret(args.new_passphrase_file))
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(
            f"could not change the passphrase of {path}: {exc.strerror}; the old one still opens it"
        )
    finally:
        lock.release()
    say(f"the passphrase of {path} is changed; the old one opens neither it nor its backups")
    return 0


def decrypt_command(path: Path, args: argparse.Namespace) -> int:
    from winback_tui.store.convert import decrypt_journal

    opened = _encrypted_and_locked(path, "{path} is not encrypted; nothing was changed")
    if isinstance(opened, int):
        return opened
    path, header, lock = opened
    try:
        vault = header.unlock(path, secret(args.passphrase_file, f"Passphrase for {path}: "))
        if not args.yes:
            if not sys.stdin.isatty():
                return fail("add --yes to decrypt; nothing was changed")
            answer = input(
                "Write the journal and its backups as plain text, readable by anyone who "
                "can read the files? [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                return fail("nothing was changed")
        converted = decrypt_journal(path, vault)
    except NoSecret as exc:
        return fail(str(exc))
    except JournalError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"could not decrypt {path}: {exc.strerror}; it is still encrypted")
    finally:
        lock.release()
    say(f"decrypted {path}: it is plain JSON again")
    for copy in converted.copies:
        say(f"decrypted its copy {copy}")
    for copy, why in converted.left:
        say(f"left encrypted: {copy} ({why})")
    return 0
