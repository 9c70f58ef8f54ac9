"""A slow SSH link inside a network namespace, for ``bench_ssh.py``.

Everything here runs inside the namespaces ``bench_ssh.py`` makes with
``unshare --net --pid --mount`` (so only the namespace's own ``lo`` exists and
nothing can leave the machine; when the benchmark ends, the kernel ends every
process in it):

- :func:`shape_loopback`: ``lo`` up, its MTU set to 1,500 (with loopback's
  64 KiB MTU, every packet is larger than any sensible bucket and ``tbf`` drops
  it: the link stalls), then ``tc qdisc add dev lo root tbf rate RATE burst
  BURST latency LATENCY``;
- :func:`private_dirs`: ``/run`` and ``/var/log`` overlaid, in the private
  mount namespace, by folders in the scratch directory: sshd needs
  ``/run/sshd`` and writes login records (wtmp, lastlog); the machine's own
  stay untouched;
- :class:`Sshd`: a throwaway sshd with its own host key, config and
  authorized key in the scratch directory, listening on ``127.0.0.1`` only;
- :func:`ssh_argv`: the ssh client command, with ``delay_relay.py`` as its
  ``ProxyCommand`` adding the round trip.

Why these ``tbf`` figures (see :data:`BURST`, :data:`LATENCY`).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

HERE = Path(__file__).resolve().parent

#: The port sshd listens on, inside the namespace (nothing else is there).
PORT = 42022

#: The loopback MTU the link uses: an Ethernet frame's, as on a real slow link.
MTU = 1500

#: tbf's bucket: just over two full frames (3,072 B). A bucket smaller than one
#: frame drops every full frame; a big one lets a whole screen through at
#: loopback speed after a pause. Two frames are about 96 ms of line time at
#: 256 kbit/s, so a screen of several KB still pays nearly all of it at the rate.
BURST = "3kb"

#: How long a packet may wait in tbf's queue before it is dropped. Generous on
#: purpose: a drop on loopback costs TCP its 200 ms minimum retransmission
#: timeout, which is not what a slow link is about. At 256 kbit/s the queue
#: (rate × latency + burst, about 160 KB) holds the largest screen (about 60 KB)
#: with room to spare; a real link's modem buffer is as deep.
LATENCY = "5s"

#: Tools the link needs; each missing one is a reason to skip.
TOOLS = ("unshare", "ip", "tc", "sshd", "ssh", "ssh-keygen")


class LinkError(RuntimeError):
    """The link could not be made (a tool refused); the message says which."""


def find_tool(name: str) -> str | None:
    """The path of ``name`` on PATH or in ``/usr/sbin`` and ``/sbin`` (sshd, ip, tc)."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/bin:/bin")


def missing_tool() -> str | None:
    """The first tool of :data:`TOOLS` this machine lacks, or ``None``."""
    return next((name for name in TOOLS if find_tool(name) is None), None)


def _run(argv: list[str], what: str) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        error = (done.stderr or done.stdout).strip().splitlines()
        raise LinkError(f"{what} refused ({shlex.join(argv)}): {error[-1] if error else '?'}")
    return done.stdout


def shape_loopback(rate: str, burst: str = BURST, latency: str = LATENCY) -> None:
    """Bring ``lo`` up at :data:`MTU` and shape it with ``tbf``.

    Raises:
        LinkError: ``ip`` or ``tc`` refused (no tbf in this kernel, for one), or
            the namespace holds more than ``lo``.
    """
    ip, tc = find_tool("ip") or "ip", find_tool("tc") or "tc"
    links = _run([ip, "-o", "link", "show"], "ip link").splitlines()
    names = [line.split(":")[1].strip() for line in links if line.strip()]
    if names != ["lo"]:
        raise LinkError(f"the new network namespace holds {names}, not only lo")
    _run([ip, "link", "set", "lo", "up"], "ip link set lo up")
    _run([ip, "link", "set", "lo", "mtu", str(MTU)], "ip link set lo mtu")
    shape = ("rate", rate, "burst", burst, "latency", latency)
    _run(
        [tc, "qdisc", "add", "dev", "lo", "root", "tbf", *shape],
        "tc qdisc add … tbf",
    )


def qdisc_counters() -> dict[str, int]:
    """What ``lo``'s qdisc has seen: bytes and packets sent, drops, overlimits."""
    text = _run([find_tool("tc") or "tc", "-s", "qdisc", "show", "dev", "lo"], "tc -s qdisc")
    found = re.search(
        r"Sent (\d+) bytes (\d+) pkt \(dropped (\d+), overlimits (\d+)", text, re.MULTILINE
    )
    if found is None:
        return {}
    sent, packets, dropped, overlimits = (int(g) for g in found.groups())
    return {"sent_bytes": sent, "packets": packets, "dropped": dropped, "overlimits": overlimits}


def private_dirs(scratch: Path) -> list[Path]:
    """Overlay ``/run`` and ``/var/log`` with folders of ``scratch`` (private mounts).

    Returns:
        The mount points, to unmount (newest first) before ``scratch`` goes.

    Raises:
        LinkError: the overlay could not be mounted.
    """
    mount = find_tool("mount") or "mount"
    mounted: list[Path] = []
    for target in (Path("/run"), Path("/var/log")):
        if not target.is_dir():
            continue
        layer = scratch / "overlay" / target.name
        (layer / "upper").mkdir(parents=True)
        (layer / "work").mkdir()
        options = f"lowerdir={target},upperdir={layer / 'upper'},workdir={layer / 'work'}"
        _run([mount, "-t", "overlay", "overlay", "-o", options, str(target)], f"overlay {target}")
        mounted.insert(0, target)
    (Path("/run") / "sshd").mkdir(mode=0o755, exist_ok=True)
    return mounted


def unmount(points: list[Path]) -> None:
    """Lazily unmount ``points`` (errors ignored: the namespace ends anyway)."""
    umount = find_tool("umount") or "umount"
    for point in points:
        subprocess.run([umount, "-l", str(point)], capture_output=True, check=False)


def _keygen(path: Path) -> None:
    _run(
        [find_tool("ssh-keygen") or "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)],
        "ssh-keygen",
    )


class Sshd:
    """A throwaway sshd on ``127.0.0.1:PORT``, key-only, its files in ``folder``.

    Use as a context manager: the server runs (``-D -e``, in this process group)
    until the block ends, then is terminated (killed if it lingers).
    """

    def __init__(self, folder: Path, port: int = PORT) -> None:
        self.folder = folder
        self.port = port
        self.host_key = folder / "host_ed25519"
        self.client_key = folder / "client_ed25519"
        self.config = folder / "sshd_config"
        self.log = folder / "sshd.log"
        self.process: subprocess.Popen[bytes] | None = None

    def write_files(self) -> None:
        """Host key, client key, authorized_keys and sshd_config."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _keygen(self.host_key)
        _keygen(self.client_key)
        public = (self.client_key.with_suffix(".pub")).read_text(encoding="ascii").strip()
        authorized = self.folder / "authorized_keys"
        # restrict: no forwarding of any kind, no agent, no X11; pty: the one thing needed.
        authorized.write_text(f"restrict,pty {public}\n", encoding="ascii")
        authorized.chmod(0o600)
        lines = [
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {self.host_key}",
            f"PidFile {self.folder / 'sshd.pid'}",
            f"AuthorizedKeysFile {authorized}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            f"AllowUsers {_user()}",
            "UsePAM no",
            "StrictModes no",
            "UseDNS no",
            "PrintMotd no",
            "PrintLastLog no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            "PermitTTY yes",
            "LogLevel INFO",
        ]
        self.config.write_text("\n".join(lines) + "\n", encoding="ascii")

    def start(self, timeout: float = 15.0) -> None:
        """Start sshd and wait until it accepts connections.

        Raises:
            LinkError: it exited or did not listen in time (its log is in the message).
        """
        self.write_files()
        sshd = find_tool("sshd") or "/usr/sbin/sshd"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sshd, "-D", "-e", "-f", str(self.config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LinkError(f"sshd exited with {self.process.returncode}: {self.log_tail()}")
            if "Server listening on 127.0.0.1" in self.log_text():
                return
            time.sleep(0.05)
        raise LinkError(f"sshd did not listen within {timeout:.0f} s: {self.log_tail()}")

    def log_text(self) -> str:
        """What sshd has logged so far."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self) -> str:
        """sshd's last log line (for error messages)."""
        lines = self.log_text().strip().splitlines()
        return lines[-1] if lines else "(no log)"

    def stop(self) -> None:
        """Terminate sshd (and kill it after 5 s); reap it."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def __enter__(self) -> Sshd:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def remote_command(home: Path, argv: list[str], env: dict[str, str] | None = None) -> str:
    """The shell command sshd runs: ``argv`` in ``home``, with ``home`` as HOME.

    sshd's own variables (``SSH_CONNECTION``, ``SSH_TTY``, ``TERM`` from the
    client) are kept; HOME and the XDG folders point into ``home``, so winback
    opens a new journal there; ``COLORTERM=truecolor`` as a modern terminal says.
    """
    for sub in (".local/share", ".config", ".cache", ".local/state", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    settings = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TMPDIR": str(home / "tmp"),
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        **(env or {}),
    }
    assignments = [f"{key}={value}" for key, value in settings.items()]
    return f"cd {shlex.quote(str(home))} && exec env {shlex.join([*assignments, *argv])}"


def ssh_argv(sshd: Sshd, delay_ms: float, command: str) -> list[str]:
    """The ssh client command: a pty, key-only, through :mod:`delay_relay`.

    ``-F /dev/null`` and the known-hosts options keep the machine's and the
    user's own ssh settings out of it; ``-e none`` so no typed ``~`` is taken
    for an escape; ``LogLevel=ERROR`` so no warning lands on the measured screen.
    """
    relay = shlex.join(
        [sys.executable, str(HERE / "delay_relay.py"), "--delay-ms", f"{delay_ms:g}"]
    )
    return [
        find_tool("ssh") or "ssh",
        "-F",
        "/dev/null",
        "-tt",
        "-e",
        "none",
        "-p",
        str(sshd.port),
        "-i",
        str(sshd.client_key),
        "-l",
        _user(),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "IdentityAgent=none",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "GlobalKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=20",
        "-o",
        f"ProxyCommand={relay} %h %p",
        "127.0.0.1",
        command,
    ]
