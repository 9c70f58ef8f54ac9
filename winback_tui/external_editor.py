"""Open a text in the person's own editor (``$VISUAL`` / ``$EDITOR``) and read it back.

The process-and-file half of "Your editor": which command to run, a private
scratch file to hand it, running it, reading back what it left, and removing
every trace afterwards. No Textual here: the app's widgets suspend the screen
around :func:`edit_text`, and ``winback write`` calls it from the shell.

Where the scratch file lives (see :func:`scratch_parent`): the per-user runtime
folder (``$XDG_RUNTIME_DIR``) when there is a private one. It is a RAM disk on
most Linux systems, emptied at logout and never backed up or synced, so a
journal's words (an encrypted journal's, above all) do not reach a lasting disk
while the editor has them. Without one, the journal's own folder (already
private, 0700), and only as a last resort the system's temporary folder. In
every case the file sits in a folder made for it alone (0700, the file 0600),
which also catches the swap and backup files an editor might add beside it;
the whole folder goes once the editor is done, and :func:`sweep_leftovers`
removes those of a winback that was killed while an editor was open.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

#: Every scratch folder's name starts with this and the owning process id, so
#: a sweep recognises ours and leaves a running winback's folder alone.
FOLDER_PREFIX = "winback-edit-"

_FOLDER_RE = re.compile(re.escape(FOLDER_PREFIX) + r"(\d+)-[^/]+")

#: The scratch file's name inside its folder (an editor shows it in its title).
FILE_STEM = "winback"

#: Options that keep vim and neovim from writing copies of the text elsewhere:
#: ``-n`` no swap file; ``-i NONE`` no viminfo (vim) / ShaDa (neovim) file, which
#: would keep registers, i.e. pieces of the text; and no backup, no write-backup
#: and no persistent undo file. ``--cmd`` sets them before the person's vimrc,
#: ``-c`` again after it (and after the file is loaded), so a vimrc that turns
#: undo files or backups on does not win; a file is written only after both.
VIM_OPTIONS: tuple[str, ...] = (
    "-n",
    "-i",
    "NONE",
    "--cmd",
    "set noswapfile nobackup nowritebackup noundofile",
    "-c",
    "set noswapfile nobackup nowritebackup noundofile",
)

_VIM_NAMES = frozenset({"vim", "nvim", "gvim", "mvim", "rvim", "vimx"})


@dataclass(frozen=True)
class EditOutcome:
    """What came back from the editor.

    Attributes:
        text: the text the editor left, or None when the editor failed (exited
            non-zero, was not found, was killed) or left nothing to read; the
            caller then keeps its own text exactly as it was.
        problem: a one-line message for the person, or None when all went well.
        replaced_bytes: bytes that were not valid UTF-8 were replaced with ``�``.
    """

    text: str | None
    problem: str | None
    replaced_bytes: bool = False


# ---------------------------------------------------------------- the command
def editor_command(configured: str | None, environ: Mapping[str, str]) -> list[str] | None:
    """The editor to run, as an argument list, or None when none is set.

    The config file's ``editor`` wins, then ``$VISUAL``, then ``$EDITOR``; a
    value may carry arguments (``code --wait``) and is split as a shell would
    (quotes, no expansion). A value with unbalanced quotes is taken whole, as
    one program name, so running it fails with a message naming it.
    """
    for value in (configured, environ.get("VISUAL"), environ.get("EDITOR")):
        if value is None or not value.strip():
            continue
        try:
            parts = shlex.split(value)
        except ValueError:
            parts = [value.strip()]
        if parts:
            return parts
    return None


def program_name(command: Sequence[str]) -> str:
    """The editor's bare name (``vim`` for ``/usr/bin/vim`` or ``vim.basic``)."""
    name = os.path.basename(command[0]) if command else ""
    return name.split(".", 1)[0] if name.startswith(("vim.", "nvim.")) else name


def is_vim(command: Sequence[str]) -> bool:
    """Whether the command runs vim or neovim (``vi`` counts when it is vim underneath)."""
    if not command:
        return False
    name = program_name(command)
    if name in _VIM_NAMES:
        return True
    if name == "vi":
        # Debian's vi is vim through /etc/alternatives; busybox's or nvi is not,
        # and would refuse vim's options.
        found = shutil.which(command[0])
        if found is not None:
            return program_name([os.path.realpath(found)]) in _VIM_NAMES
    return False


def full_command(command: Sequence[str], path: Path) -> list[str]:
    """The argument list that opens ``path``: vim's privacy options, then the file."""
    extra = list(VIM_OPTIONS) if is_vim(command) else []
    return [*command, *extra, str(path)]


# ------------------------------------------------------------ the scratch file
def _private_dir(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def scratch_parent(
    fallback: Path | None = None, environ: Mapping[str, str] | None = None
) -> Path | None:
    """Where the scratch folder goes: the private runtime folder, else ``fallback``.

    ``$XDG_RUNTIME_DIR`` counts only when it is a folder owned by this user and
    closed to everyone else. None means the system's temporary folder (the
    scratch folder is still 0700 there).
    """
    env = os.environ if environ is None else environ
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and _private_dir(Path(runtime)):
        return Path(runtime)
    if fallback is not None and fallback.is_dir():
        return fallback
    return None


@contextlib.contextmanager
def scratch_file(text: str, *, parent: Path | None = None, suffix: str = ".md") -> Iterator[Path]:
    """A private file holding ``text`` (UTF-8) for as long as the block runs.

    The folder is made for this file alone, mode 0700, the file 0600, whatever
    the umask; both are removed when the block ends, however it ends.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-", dir=parent))
    try:
        os.chmod(folder, 0o700)
        path = folder / f"{FILE_STEM}{suffix}"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(_as_file_text(text).encode("utf-8"))
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _as_file_text(text: str) -> str:
    # A text file ends with a newline; most editors add one on save anyway, so
    # writing it keeps an untouched text from reading back as "changed".
    return text if not text or text.endswith("\n") else text + "\n"


def _from_file_text(data: bytes, original: str) -> tuple[str, bool]:
    try:
        text, replaced = data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        text, replaced = data.decode("utf-8-sig", errors="replace"), True
    text = text.replace("\r\n", "\n")
    if text.endswith("\n") and not original.endswith("\n"):
        text = text[:-1]
    return text, replaced


def sweep_leftovers(parent: Path | None) -> list[Path]:
    """Remove scratch folders in ``parent`` left by a winback that is gone.

    A folder whose process still runs (another copy with its editor open) is
    left alone. Returns the folders removed.
    """
    folder = Path(tempfile.gettempdir()) if parent is None else parent
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _FOLDER_RE.fullmatch(name)
        if match is None:
            continue
        path = folder / name
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        if _alive(int(match.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # somebody else's process: not ours to judge
    except OverflowError:
        return False
    return True


# ------------------------------------------------------------------- running
def _ignore(signum: int, frame: FrameType | None) -> None:
    del signum, frame


@contextlib.contextmanager
def _keyboard_signals_to_editor() -> Iterator[None]:
    """Let ctrl+c and ctrl+\\ reach the editor only, as git does around its editor.

    The terminal sends them to the whole foreground group, winback too. A
    Python handler (not ``SIG_IGN``, which a child would inherit) goes back to
    the default in the editor when it starts, so the editor still gets them.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.signal(sig, _ignore) for sig in (signal.SIGINT, signal.SIGQUIT)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def run_editor(command: Sequence[str], path: Path) -> str | None:
    """Run the editor on ``path`` in this terminal and wait; return a problem or None."""
    argv = full_command(command, path)
    shown = command[0] if command else ""
    try:
        with _keyboard_signals_to_editor():
            process = subprocess.Popen(argv)  # inherits the terminal: stdin, stdout, stderr
            returncode = process.wait()
    except FileNotFoundError:
        return f"The editor “{shown}” was not found. Your text was left as it was."
    except PermissionError:
        return f"The editor “{shown}” could not be started (not allowed). Your text is unchanged."
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return f"The editor “{shown}” could not be started ({reason}). Your text is unchanged."
    if returncode < 0:
        try:
            why = signal.Signals(-returncode).name
        except ValueError:
            why = f"signal {-returncode}"
        return f"The editor was stopped ({why}). Your text was left as it was."
    if returncode != 0:
        return (
            f"The editor ended with an error (exit code {returncode}). "
            "Your text was left as it was."
        )
    return None


def edit_text(
    text: str,
    command: Sequence[str],
    *,
    parent: Path | None = None,
    suffix: str = ".md",
) -> EditOutcome:
    """Hand ``text`` to the editor in a private scratch file; block; read it back; clean up.

    The caller must have given up the terminal (the app suspends itself). On
    any failure the outcome's ``text`` is None and the caller keeps its own
    text: an editor that exits non-zero may have quit on purpose (vim's
    ``:cq``), so what it left is not taken as the person's intent.

    Args:
        text: what the editor opens with.
        command: the editor, from :func:`editor_command`.
        parent: the folder the scratch folder goes in (see :func:`scratch_parent`);
            None: the system's temporary folder.
        suffix: the scratch file's ending, which picks an editor's file type.
    """
    if not command:
        return EditOutcome(None, "No editor is set. Your text was left as it was.")
    try:
        with scratch_file(text, parent=parent, suffix=suffix) as path:
            problem = run_editor(command, path)
            if problem is not None:
                return EditOutcome(None, problem)
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                return EditOutcome(
                    None, "The editor left no file to read back. Your text was left as it was."
                )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return EditOutcome(
            None, f"Could not hand the text to the editor ({reason}). Your text is unchanged."
        )
    result, replaced = _from_file_text(data, text)
    if replaced:
        return EditOutcome(
            result,
            "Some of what the editor wrote was not valid UTF-8; those bytes are shown as �.",
            replaced_bytes=True,
        )
    return EditOutcome(result, None)
