"""A real pseudo-terminal to drive a full-screen program, for e2e tests and benchmarks.

The program runs in a fresh session with the pty as its controlling terminal, so it
gets what a real terminal gives: a window size, SIGWINCH when that changes, SIGHUP
when the terminal hangs up. Everything it writes is counted (with timestamps), kept
raw, and fed through an incremental UTF-8 decoder into a :class:`pyte.Screen`, so a
caller can ask what a user would see.

Where it lives: this file is the one copy. ``tests/e2e/conftest.py`` puts
``tests/e2e`` on ``sys.path`` so tests ``import ptyterm``; ``benchmarks/`` scripts do
the same with an explicit ``sys.path`` insert (benchmarks are run as plain scripts,
never by pytest).

Example::

    with PtyTerm([winback, "--db", str(db)], workdir=tmp, cols=80, rows=24) as term:
        term.wait_for("Assess the Situation")
        term.send("q")
        assert term.wait_exit(5) == 0
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import resource
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyte

#: Pause after a lone ESC so the program's ESCDELAY (about 100 ms) expires and it
#: reads the Escape key rather than the start of alt+key (see design.md).
ESCAPE_PAUSE = 0.3

# Box-drawing and block characters: borders and scrollbars a wrapped text may sit between.
_FRAME_CHARS = re.compile(r"[\s\u2500-\u259f]+")

Condition = str | Callable[[str], bool]

# Most bytes read in one go before the screen is updated (keeps a flood responsive).
_MAX_BATCH = 1 << 20


def squash(text: str) -> str:
    """Drop whitespace and box/block characters, so wrapped text still matches."""
    return _FRAME_CHARS.sub("", text)


def clean_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A small, predictable environment rooted in ``home`` (never the real one).

    Variables that change how a Textual app renders (``NO_COLOR``, ``TEXTUAL_*``) or
    which journal winback opens (``WINBACK_DB``) are left out on purpose.
    """
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TMPDIR": str(home / "tmp"),
    }
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "TMPDIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    env.update(extra or {})
    return env


class ExitTimeout(TimeoutError):
    """The program did not exit in time."""


class PtyTerm:
    """A program running in a real pty, with a pyte screen of what it shows.

    Args:
        argv: the command; ``argv[0]`` must be a path (no ``PATH`` search).
        workdir: a scratch folder; ``workdir/home`` becomes ``HOME`` and the cwd.
        cols: window width.
        rows: window height.
        env: extra environment variables on top of :func:`clean_env`.
        stderr_pipe: send the program's stderr to a pipe (read it with
            :attr:`stderr_text` after exit) instead of the pty.

    Attributes:
        pid: the child's process id (it is also its session and group id).
        raw: every byte the program wrote to the pty, in order.
        chunks: ``(monotonic time, byte count)`` for every read from the pty.
        started_at: ``time.monotonic()`` just before the fork.
        termios_before: the pty's termios attributes before the program started.
        rusage: the child's resource usage once it has been reaped.
    """

    def __init__(
        self,
        argv: Sequence[str | os.PathLike[str]],
        *,
        workdir: Path,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        stderr_pipe: bool = False,
    ) -> None:
        self.argv = [os.fspath(a) for a in argv]
        self.home = Path(workdir) / "home"
        self.home.mkdir(parents=True, exist_ok=True)
        self.env = clean_env(self.home, env)
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.raw = bytearray()
        self.chunks: list[tuple[float, int]] = []
        self.rusage: resource.struct_rusage | None = None
        self.status: int | None = None
        self._stderr = bytearray()
        self._stderr_fd: int | None = None
        self._eof = False
        self._master: int | None = None
        self._spawn(stderr_pipe)

    # ----------------------------------------------------------------- start
    def _spawn(self, stderr_pipe: bool) -> None:
        master, slave = os.openpty()
        _set_winsize(slave, self.cols, self.rows)
        self.termios_before = termios.tcgetattr(slave)
        err_r = err_w = -1
        if stderr_pipe:
            err_r, err_w = os.pipe()
        # Reports a failed exec from the child (closed unread when exec succeeds).
        exec_r, exec_w = os.pipe()
        self.started_at = time.monotonic()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child only execs
            try:
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                os.dup2(slave, 0)
                os.dup2(slave, 1)
                os.dup2(err_w if stderr_pipe else slave, 2)
                os.chdir(self.home)
                os.execve(self.argv[0], self.argv, self.env)
            except BaseException as exc:
                with contextlib.suppress(BaseException):
                    os.write(exec_w, f"{type(exc).__name__}: {exc}".encode())
            finally:
                os._exit(127)
        self.pid = pid
        os.close(slave)
        os.close(exec_w)
        if stderr_pipe:
            os.close(err_w)
            os.set_blocking(err_r, False)
            self._stderr_fd = err_r
        self._master = master
        os.set_blocking(master, False)
        failure = _read_all(exec_r)
        os.close(exec_r)
        if failure:
            self._reap(block=True)
            self.close()
            raise OSError(f"could not start {self.argv[0]}: {failure.decode(errors='replace')}")

    # ----------------------------------------------------------------- input
    def send(self, data: bytes | str) -> None:
        """Type ``data`` (a str is UTF-8 encoded) into the terminal."""
        if isinstance(data, str):
            data = data.encode()
        view = memoryview(data)
        while view:
            if self._master is None:
                raise OSError("the terminal has been hung up")
            try:
                written = os.write(self._master, view)
            except BlockingIOError:
                self.pump(0.01)  # the program is not reading; keep its output flowing
                continue
            view = view[written:]

    def send_escape(self) -> None:
        """Press Escape alone, then wait out the program's ESCDELAY (reading output)."""
        self.send(b"\x1b")
        self.pump(ESCAPE_PAUSE)

    def resize(self, cols: int, rows: int) -> None:
        """Change the window size; the kernel (and we, to be sure) send SIGWINCH."""
        if self._master is None:
            raise OSError("the terminal has been hung up")
        self.cols, self.rows = cols, rows
        _set_winsize(self._master, cols, rows)
        self.screen.resize(rows, cols)
        self.signal(signal.SIGWINCH)

    def signal(self, sig: int) -> None:
        """Send ``sig`` to the program (ignored once it has been reaped)."""
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def hangup(self) -> None:
        """Close the terminal, as a dropped SSH link does (the kernel sends SIGHUP)."""
        self.pump(0)
        if self._master is not None:
            os.close(self._master)
            self._master = None

    # ---------------------------------------------------------------- output
    def pump(self, duration: float = 0.0) -> None:
        """Read whatever the program writes for ``duration`` seconds (at least once)."""
        deadline = time.monotonic() + duration
        while True:
            self._read_once(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline:
                return

    def _read_once(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for output and feed it; return True if any came."""
        fds = [fd for fd in (self._master, self._stderr_fd) if fd is not None]
        if self._eof and self._master in fds:
            fds.remove(self._master)
        if not fds:
            time.sleep(min(timeout, 0.01))
            return False
        ready, _, _ = select.select(fds, [], [], timeout)
        got = False
        for fd in ready:
            if fd == self._stderr_fd:
                self._read_stderr()
            else:
                got = self._read_pty() or got
        return got

    def _read_pty(self) -> bool:
        # A pty hands out at most about 4 KiB per read: take everything queued, then
        # feed the screen once, so a big frame is not delayed by parsing its start.
        assert self._master is not None
        data = bytearray()
        while len(data) < _MAX_BATCH:
            try:
                chunk = os.read(self._master, 1 << 16)
            except BlockingIOError:
                break
            except OSError:  # EIO: every slave descriptor is closed
                chunk = b""
            if not chunk:
                self._eof = True
                break
            self.chunks.append((time.monotonic(), len(chunk)))
            data.extend(chunk)
        if data:
            self._feed(bytes(data))
        return bool(data)

    def _read_stderr(self) -> None:
        assert self._stderr_fd is not None
        try:
            data = os.read(self._stderr_fd, 1 << 16)
        except BlockingIOError:
            return
        if data:
            self._stderr.extend(data)
        else:
            os.close(self._stderr_fd)
            self._stderr_fd = None

    def _feed(self, data: bytes) -> None:
        self.raw.extend(data)
        self.stream.feed(self._decoder.decode(data))

    def screen_lines(self) -> list[str]:
        """The screen's rows, right-padded to the width."""
        return list(self.screen.display)

    def screen_text(self) -> str:
        """The screen as text, one row per line."""
        return "\n".join(self.screen_lines())

    def contains(self, text: str) -> bool:
        """Whether ``text`` is on screen, also when wrapped over rows or inside a frame."""
        screen = self.screen_text()
        return text in screen or squash(text) in squash(screen)

    def mark(self) -> int:
        """A position in the output: pass it to :meth:`bytes_since`/:meth:`output_since`."""
        return len(self.raw)

    def bytes_since(self, mark: int) -> int:
        """How many bytes the program wrote after ``mark``."""
        return len(self.raw) - mark

    def output_since(self, mark: int) -> bytes:
        """The bytes the program wrote after ``mark``."""
        return bytes(self.raw[mark:])

    def bytes_after(self, moment: float) -> int:
        """How many bytes arrived at or after ``moment`` (a ``time.monotonic()`` value)."""
        return sum(size for at, size in self.chunks if at >= moment)

    @property
    def stderr_text(self) -> str:
        """What the program wrote on stderr (only with ``stderr_pipe=True``)."""
        return self._stderr.decode(errors="replace")

    # --------------------------------------------------------------- waiting
    def wait_for(self, condition: Condition, timeout: float = 10.0) -> float:
        """Wait until the screen shows ``condition``.

        Args:
            condition: a text (matched with :meth:`contains`) or a predicate on
                :meth:`screen_text`.
            timeout: seconds before giving up.

        Returns:
            The monotonic time at which the output that satisfied it arrived.

        Raises:
            TimeoutError: not seen in time, or the program exited first; the
                message holds the screen.
        """
        check: Callable[[str], bool]
        if isinstance(condition, str):
            text = condition

            def check(_: str) -> bool:
                return self.contains(text)

            what = repr(text)
        else:
            check, what = condition, getattr(condition, "__name__", "condition")
        start = time.monotonic()
        deadline = start + timeout
        if check(self.screen_text()):
            return self.chunks[-1][0] if self.chunks else start
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._eof or self._master is None:
                raise TimeoutError(f"{what} not on screen: {self._state(start)}\n{self.dump()}")
            if self._read_once(remaining) and check(self.screen_text()):
                return self.chunks[-1][0]

    def _state(self, since: float) -> str:
        """Say how a wait ended, for failure messages."""
        waited = time.monotonic() - since
        if self._master is None:
            return f"the terminal was hung up (waited {waited:.1f}s)"
        if not self._eof:
            return f"still running after {waited:.1f}s"
        with contextlib.suppress(ExitTimeout):
            code = self.wait_exit(1.0)
            stderr = f"; stderr: {self.stderr_text.strip()!r}" if self.stderr_text else ""
            return f"the program exited with {code} after {waited:.1f}s{stderr}"
        return f"the program closed the terminal after {waited:.1f}s"

    def wait_quiet(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._read_once(min(quiet, max(0.0, deadline - time.monotonic()))):
                return
        raise TimeoutError(f"output did not settle within {timeout:.1f}s\n{self.dump()}")

    def alive(self) -> bool:
        """Whether the program is still running (reaps it if it has exited)."""
        self._reap(block=False)
        return self.status is None

    def wait_exit(self, timeout: float = 5.0) -> int:
        """Wait for the program to exit, reading its output meanwhile.

        Returns:
            The exit code, or ``-signal`` if a signal ended it.

        Raises:
            ExitTimeout: still running after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while not self._reap(block=False):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ExitTimeout(f"still running after {timeout:.1f}s\n{self.dump()}")
            self._read_once(min(remaining, 0.02))
        # Whatever was still queued in the pty after the exit.
        while not self._eof and self._master is not None and self._read_once(0.05):
            pass
        while self._stderr_fd is not None:
            self._read_once(0.05)
        assert self.status is not None
        return os.waitstatus_to_exitcode(self.status)

    def _reap(self, *, block: bool) -> bool:
        if self.status is not None:
            return True
        try:
            pid, status, usage = os.wait4(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return False
        self.status, self.rusage = status, usage
        return True

    def group_alive(self) -> bool:
        """Whether any process is left in the program's process group."""
        try:
            os.killpg(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    @property
    def peak_rss_kib(self) -> int | None:
        """Peak resident set size of the program (KiB, Linux), once reaped."""
        return None if self.rusage is None else int(self.rusage.ru_maxrss)

    def termios_now(self) -> list[object]:
        """The pty's termios attributes now (the program may have exited)."""
        if self._master is None:
            raise OSError("the terminal has been hung up")
        return termios.tcgetattr(self._master)

    def dump(self) -> str:
        """The screen framed, for failure messages."""
        bar = "+" + "-" * self.cols + "+"
        body = "\n".join(f"|{line}|" for line in self.screen_lines())
        return f"{bar}\n{body}\n{bar}"

    # ---------------------------------------------------------------- ending
    def close(self) -> None:
        """Kill the program's whole process group if still there; release the pty."""
        if self.status is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
            self._reap(block=True)
        for fd in (self._master, self._stderr_fd):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._stderr_fd = None

    def __enter__(self) -> PtyTerm:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
    return b"".join(chunks)
