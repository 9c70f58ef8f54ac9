"""Time from a key to the finished screen over a slow SSH link, against a bare Textual app.

The installed ``winback`` runs behind a real ``sshd``, reached through a slow
link that this script builds itself, inside new network, PID and mount
namespaces (``unshare --net --pid --mount``; the namespace's loopback is its only
interface, so nothing leaves the machine, and the kernel ends every process in
it when the script ends):

- ``lo`` at MTU 1,500, shaped by ``tc qdisc … tbf`` to ``--rate`` (256 kbit/s;
  these machines' kernels have no ``netem``; ``ssh_link.py`` says why the bucket
  and queue are what they are);
- a throwaway sshd on ``127.0.0.1`` (own host key, key-only login with a
  throwaway client key, its files in a temporary folder);
- the ssh client in a real pty (80×24, ``TERM=xterm-256color``,
  ``COLORTERM=truecolor`` given to the remote command), with ``delay_relay.py``
  as its ProxyCommand holding every chunk half of ``--rtt-ms`` (100 ms) each
  way.

sshd sets ``SSH_CONNECTION``, so winback goes frugal by itself, as it does for
a real user. The remote command starts winback with ``HOME`` (and the XDG
folders) in a new temporary folder: a new journal, so the tour of
``screen_tour.py`` starts with the first paint and the welcome, then makes every
screen change (steps 1-4 and their flip, the journal, the timeline, home, help,
support and closing each overlay), and in the journal goes into the editor,
types one character and comes out again. The bare Textual app of
``baseline_screens_app.py`` makes the same moves through the same link; its
typed character is the stock ``TextArea`` of ``baseline_textarea_app.py``.

For every move the script notes the time from the key to the finished screen
(the last byte before the output settles: no byte for ``--quiet`` ms, 300) and
the bytes written meanwhile, and prints the medians over ``--runs`` next to the
baseline's. Before the tours a link check measures the key echo of a remote
``cat`` (the round trip as a user feels it) and the payload rate of 64 KiB.

Goal (issue 20): every screen change within 400 ms at 256 kbit/s and 100 ms
round trip. The script says which moves miss it, with their bytes.

It skips, with one line saying why (and ``{"skipped": …}`` as ``--json``), where
the machine cannot make the link: not root, no ``unshare``, ``ip``, ``tc``,
``sshd``, ``ssh`` or ``ssh-keygen``, no namespace, ``tbf`` refused. Each move
has a timeout (``--timeout``) and the whole run a time limit (``--time-limit``);
sshd, the relays and every child end with it and the temporary folder goes.

Run from the repository root as root (about 3 minutes; ``--quick`` 1)::

    .venv/bin/python benchmarks/bench_ssh.py [--quick] [--runs 3] [--rate 256kbit]
        [--rtt-ms 100] [--json PATH]

The figures are noisy on a loaded machine: the baseline runs in the same run,
through the same link, one session after winback's.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "e2e"))
sys.path.insert(0, str(HERE))

import ssh_link  # noqa: E402
from jsonout import stats, write  # noqa: E402
from ptyterm import ExitTimeout, PtyTerm  # noqa: E402
from screen_tour import (  # noqa: E402
    BASELINE,
    CLOSING,
    JOURNAL_TYPING,
    TYPED,
    WINBACK,
    Change,
    Move,
    has,
    take,
)

WINBACK_EXE = Path(sys.executable).parent / "winback"
#: Issue 20's goal for every screen change, at 256 kbit/s and 100 ms round trip.
GOAL_MS = 400.0
#: The link the goal is set for.
GOAL_RATE, GOAL_RTT_MS = "256kbit", 100.0
#: What ``baseline_textarea_app.py`` shows once it is up (its MARKER; not imported,
#: so this script does not load Textual).
TEXTAREA_MARKER = "Keystroke baseline ready"
#: The move label of the first paint: no key, the connection's time included.
FIRST_PAINT = "first paint (welcome)"
#: What the link check's remote shell prints before it echoes keys.
LINK_READY = "link-ready"
#: Bytes the link check fetches to measure the payload rate.
RATE_PROBE = 64 * 1024
#: Exit status of a run that was skipped (the machine cannot make the link).
SKIPPED = 0


class TimeLimit(Exception):
    """The run's ``--time-limit`` has passed."""


def winback_moves() -> tuple[Move, ...]:
    """winback's tour, with the journal editor's moves right after ``w journal``."""
    at = [m.label for m in WINBACK].index("w journal") + 1
    return WINBACK[:at] + JOURNAL_TYPING + WINBACK[at:]


#: The stock TextArea app: its first paint, then the typed character.
TEXTAREA_MOVES: tuple[Move, ...] = (
    Move("first paint (stock TextArea app)", None, has(TEXTAREA_MARKER)),
    Move(JOURNAL_TYPING[1].label, TYPED, has(TYPED + TEXTAREA_MARKER)),
)


@dataclass
class Subject:
    """One program run through the link, and what its tour cost each time."""

    name: str
    argv: list[str]
    moves: tuple[Move, ...]
    quit_key: str = "q"
    runs: list[list[Change]] = field(default_factory=list)


def subjects() -> list[Subject]:
    """winback, the bare screens app, the stock TextArea app (for the typed character)."""
    return [
        Subject("winback", [str(WINBACK_EXE)], winback_moves()),
        Subject(
            "baseline",
            [sys.executable, str(HERE / "baseline_screens_app.py"), "--welcome"],
            BASELINE,
        ),
        Subject(
            "baseline typing",
            [sys.executable, str(HERE / "baseline_textarea_app.py")],
            TEXTAREA_MOVES,
            quit_key="\x11",  # ctrl+q: q would be typed into the TextArea
        ),
    ]


# ----------------------------------------------------------------- skipping


def cannot_run() -> str | None:
    """Why this machine cannot make the link, checked before any namespace (or None)."""
    if os.geteuid() != 0:
        return "not root: making a network namespace, tc and sshd need root"
    tool = ssh_link.missing_tool()
    if tool is not None:
        return f"no {tool} on this machine"
    probe = subprocess.run(
        [ssh_link.find_tool("unshare") or "unshare", *UNSHARE, "true"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return f"cannot make a network namespace ({reason})"
    return None


def skip(reason: str, args: argparse.Namespace) -> int:
    """Say in one line why the benchmark does not run; ``--json`` says it too."""
    print(f"bench_ssh: skipped: {reason}", flush=True)
    write(args.json, "ssh", args.quick, {"skipped": reason})
    return SKIPPED


#: New network, PID and mount namespaces; the kernel ends all of it with us.
UNSHARE = ("--net", "--pid", "--fork", "--kill-child", "--mount", "--mount-proc")


def outside(args: argparse.Namespace, argv: list[str]) -> int:
    """Check the machine, then run this script again inside the namespaces."""
    if not WINBACK_EXE.exists():
        print(f"bench_ssh: no winback beside {sys.executable}; install it first", file=sys.stderr)
        return 2
    reason = cannot_run()
    if reason is not None:
        return skip(reason, args)
    command = [ssh_link.find_tool("unshare") or "unshare", *UNSHARE]
    command += [sys.executable, str(Path(__file__).resolve()), "--inside", *argv]
    with subprocess.Popen(command, start_new_session=True) as child:
        try:
            return child.wait(args.time_limit + 30)
        except subprocess.TimeoutExpired:
            # unshare --kill-child takes the namespace's first process and with it
            # every process in the namespace (sshd, ssh, relays, the programs).
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            print(f"bench_ssh: killed after {args.time_limit + 30:.0f} s", file=sys.stderr)
            return 1


# ------------------------------------------------------------------ the link


@dataclass
class Link:
    """The link as set up: its figures, sshd, and where things go."""

    rate: str
    rtt_ms: float
    scratch: Path
    sshd: ssh_link.Sshd
    sessions: int = 0

    def session_dirs(self) -> tuple[Path, Path]:
        """A new client folder (the pty's HOME) and remote HOME for one session."""
        self.sessions += 1
        base = self.scratch / f"session-{self.sessions}"
        return base / "client", base / "remote"

    def argv(self, remote_home: Path, program: list[str]) -> list[str]:
        """The ssh command that runs ``program`` in ``remote_home`` through the link."""
        command = ssh_link.remote_command(remote_home, program)
        return ssh_link.ssh_argv(self.sshd, self.rtt_ms / 2, command)


def link_check(link: Link, args: argparse.Namespace) -> dict[str, Any]:
    """The key echo of a remote ``cat`` in a pty, and the rate of a 64 KiB fetch."""
    client, remote = link.session_dirs()
    echoes: list[float] = []
    # The marker comes from the far end: by then ssh has the local pty in raw mode,
    # so what comes back after a key is the remote pty's echo, not the local one's.
    program = ["sh", "-c", f"echo {LINK_READY}; exec cat"]
    with PtyTerm(link.argv(remote, program), workdir=client, cols=args.cols, rows=args.rows) as t:
        t.wait_for(LINK_READY, timeout=args.timeout)
        t.wait_quiet(0.3, timeout=args.timeout)
        for _ in range(3 if args.quick else 7):
            mark = t.mark()
            sent = time.monotonic()
            t.send("x")
            t.wait_for(partial(answered, t, mark), timeout=args.timeout)
            echoes.append((t.chunks[-1][0] - sent) * 1000)
            t.wait_quiet(0.1, timeout=args.timeout)
        t.send("\r\x04")
        _leave(t, 5)
    client, remote = link.session_dirs()
    argv = link.argv(remote, ["head", "-c", str(RATE_PROBE), "/dev/urandom"])
    argv.remove("-tt")  # raw bytes: no pty in the way
    with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE) as fetch:
        assert fetch.stdout is not None
        got, after_first, first, last = 0, 0, 0.0, 0.0
        while chunk := os.read(fetch.stdout.fileno(), 1 << 16):
            last = time.monotonic()
            if not got:
                first = last
            else:
                after_first += len(chunk)  # the first chunk's own time is not seen
            got += len(chunk)
        fetch.wait(args.timeout)
    seconds = last - first
    return {
        "echo_ms": stats(echoes),
        "probe_bytes": got,
        "probe_s": seconds,
        "payload_kbit_s": after_first * 8 / seconds / 1000 if seconds > 0 else None,
    }


def answered(term: PtyTerm, mark: int, screen: str) -> bool:
    """Whether anything came back after ``mark`` (``screen`` is not looked at)."""
    return term.bytes_since(mark) > 0


def _leave(term: PtyTerm, timeout: float) -> None:
    """Wait for the session to end; kill it (and so its relay) if it lingers."""
    try:
        term.wait_exit(timeout)
    except ExitTimeout:
        term.close()


def run_once(subject: Subject, link: Link, args: argparse.Namespace) -> list[Change]:
    """One ssh session: start the program through the link and make every move."""
    client, remote = link.session_dirs()
    argv = link.argv(remote, subject.argv)
    with PtyTerm(argv, workdir=client, cols=args.cols, rows=args.rows) as term:
        try:
            changes = [
                take(term, move, quiet=args.quiet / 1000, timeout=args.timeout)
                for move in subject.moves
            ]
        except TimeoutError:
            print(f"{subject.name}: a screen did not show\n{term.dump()}", file=sys.stderr)
            raise
        if args.verbose:
            print(term.dump())
        term.send(subject.quit_key)
        _leave(term, 15)
    return changes


# ------------------------------------------------------------------ results


def per_move(subject: Subject) -> dict[str, dict[str, Any]]:
    """Each move's milliseconds and bytes over the runs, by label."""
    return {
        move.label: {
            "ms": stats(run[index].seconds * 1000 for run in subject.runs),
            "bytes": stats(run[index].bytes for run in subject.runs),
        }
        for index, move in enumerate(subject.moves)
    }


def verdict(moves: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The goal check: every move made with a key, by its median, within :data:`GOAL_MS`."""
    misses = [
        {"move": label, "ms": m["ms"]["median"], "bytes": m["bytes"]["median"]}
        for label, m in moves.items()
        if not label.startswith("first paint") and m["ms"]["median"] > GOAL_MS
    ]
    return {"goal_ms": GOAL_MS, "within_goal": not misses, "misses": misses}


def merged(found: list[Subject]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per-move results of winback and of the baseline (its typed character included)."""
    named = {s.name: s for s in found}
    results = {"winback": per_move(named["winback"]), "baseline": per_move(named["baseline"])}
    typing = per_move(named["baseline typing"])
    results["baseline"][JOURNAL_TYPING[1].label] = typing[JOURNAL_TYPING[1].label]
    return results


def link_ms(size: float | None, kbit_s: float | None, rtt_ms: float) -> float | None:
    """About what the link alone costs a move of ``size`` bytes: a round trip, then the bytes."""
    if size is None or not kbit_s:
        return None
    return rtt_ms + size * 8 / kbit_s


def cell(figure: dict[str, Any] | None, key: str, width: int) -> str:
    """A median as a right-aligned cell (``-`` when the move has no such figure)."""
    if figure is None or figure[key]["median"] is None:
        return "-".rjust(width)
    return f"{figure[key]['median']:,.0f}".rjust(width)


def describe_misses(outcome: dict[str, Any]) -> str:
    """``yes``, or ``NO`` with each missing move's time and bytes."""
    if outcome["within_goal"]:
        return "yes"
    parts = [f"{m['move']} {m['ms']:,.0f} ms, {m['bytes']:,.0f} B" for m in outcome["misses"]]
    return "NO, misses: " + "; ".join(parts)


def print_report(
    results: dict[str, dict[str, dict[str, Any]]],
    verdicts: dict[str, dict[str, Any]],
    check: dict[str, Any],
    counters: dict[str, int],
    args: argparse.Namespace,
    runs: int,
) -> None:
    """The table: one row per move, winback's time and bytes beside the baseline's."""
    one, five, fifteen = os.getloadavg()
    print(
        f"\nslow-link benchmark: through a real sshd, lo shaped by tbf {args.rate}"
        f" (burst {ssh_link.BURST}, latency {ssh_link.LATENCY}, MTU {ssh_link.MTU}),"
        f" {args.rtt_ms:g} ms round trip ({args.rtt_ms / 2:g} ms each way in the relay);"
        f" {args.cols}×{args.rows}, TERM=xterm-256color, COLORTERM=truecolor; median of"
        f" {runs} run(s), a move ends after {args.quiet:.0f} ms without output;"
        f" Python {platform.python_version()}, Textual {version('textual')},"
        f" load {one:.2f} {five:.2f} {fifteen:.2f}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    echo = check["echo_ms"]
    rate = check["payload_kbit_s"]
    print(
        f"link check: key echo of a remote cat {echo['median']:,.0f} ms median"
        f" ({echo['min']:,.0f}-{echo['max']:,.0f}, n={echo['n']});"
        f" {check['probe_bytes']:,} B fetched at {rate or 0:,.0f} kbit/s payload;"
        f" tbf dropped {counters.get('dropped', '?')} of {counters.get('packets', '?')} packets"
    )
    print(
        f"{'move':33s} {'winback ms':>10s} {'bytes':>7s} {'link':>5s}"
        f" {'baseline ms':>11s} {'bytes':>7s} {'link':>5s}"
    )
    for label in results["winback"]:
        ours, base = results["winback"][label], results["baseline"].get(label)
        links = []
        for figure in (ours, base):
            size = None if figure is None else figure["bytes"]["median"]
            least = None if label == FIRST_PAINT else link_ms(size, rate, args.rtt_ms)
            links.append("-".rjust(5) if least is None else f"{least:,.0f}".rjust(5))
        print(
            f"{label:33s} {cell(ours, 'ms', 10)} {cell(ours, 'bytes', 7)} {links[0]}"
            f" {cell(base, 'ms', 11)} {cell(base, 'bytes', 7)} {links[1]}"
        )
    print(
        "link: the round trip plus the bytes at the link check's payload rate, about what"
        " the link alone costs that move (tbf's small bucket lets a small screen beat it);"
        " the rest of the time is the program's own;"
        " first paint counts from starting ssh (connection, login, start-up); the"
        " baseline's typed character is a stock TextArea app's;"
        f" {' and '.join(sorted(CLOSING))} close overlays."
    )
    standard = args.rate == GOAL_RATE and args.rtt_ms == GOAL_RTT_MS
    where = "" if standard else f" (set for {GOAL_RATE} and {GOAL_RTT_MS:g} ms; this link differs)"
    print(f"goal: every move made with a key within {GOAL_MS:.0f} ms{where}")
    for name in ("winback", "baseline"):
        print(f"  {name}: {describe_misses(verdicts[name])}")


def inside(args: argparse.Namespace) -> int:
    """In the namespaces: make the link, run the tours, report; clean up in any case."""

    def out_of_time(signum: int, frame: FrameType | None) -> None:
        raise TimeLimit

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.time_limit))
    found = subjects()
    stopped: str | None = None
    with tempfile.TemporaryDirectory(prefix="winback-ssh-") as folder:
        scratch = Path(folder)
        mounts: list[Path] = []
        link = Link(args.rate, args.rtt_ms, scratch, ssh_link.Sshd(scratch / "sshd"))
        try:
            try:
                ssh_link.shape_loopback(args.rate)
                mounts = ssh_link.private_dirs(scratch)
                link.sshd.start()
            except ssh_link.LinkError as error:
                return skip(str(error), args)
            check = link_check(link, args)
            for number in range(args.runs):
                try:
                    for subject in found:
                        subject.runs.append(run_once(subject, link, args))
                except TimeLimit:
                    stopped = f"stopped by the {args.time_limit:.0f} s limit in run {number + 1}"
                    break
                except TimeoutError:  # run_once has shown the screen
                    stopped = f"{subject.name}: a screen did not show in run {number + 1}"
                    break
            counters = ssh_link.qdisc_counters()
        except TimeLimit:
            print(f"bench_ssh: the {args.time_limit:.0f} s time limit passed before the tours")
            return 1
        finally:
            signal.alarm(0)
            link.sshd.stop()
            ssh_link.unmount(mounts)
    runs = min(len(s.runs) for s in found)
    for subject in found:
        del subject.runs[runs:]
    if runs == 0:
        print(f"bench_ssh: {stopped or 'no run finished'}", file=sys.stderr)
        return 1
    results = merged(found)
    verdicts = {name: verdict(moves) for name, moves in results.items()}
    print_report(results, verdicts, check, counters, args, runs)
    if stopped:
        print(f"note: {stopped}; the figures are of the {runs} run(s) before it.")
    write(
        args.json,
        "ssh",
        args.quick,
        {
            "rate": args.rate,
            "rtt_ms": args.rtt_ms,
            "tbf": {"burst": ssh_link.BURST, "latency": ssh_link.LATENCY, "mtu": ssh_link.MTU},
            "cols": args.cols,
            "rows": args.rows,
            "runs": runs,
            "quiet_ms": args.quiet,
            "goal_ms": GOAL_MS,
            "goal_link": {"rate": GOAL_RATE, "rtt_ms": GOAL_RTT_MS},
            "link_check": check,
            "qdisc": counters,
            "moves": list(results["winback"]),
            "closing": sorted(CLOSING),
            "stopped": stopped,
            "subjects": [
                {"name": name, "moves": moves, "verdict": verdicts[name]}
                for name, moves in results.items()
            ],
        },
    )
    return 0 if stopped is None else 1


#: A rate as ``tc`` takes it, in the units this script accepts (tc's: k = 1,000).
RATE = re.compile(r"^\d+(\.\d+)?([kmg]?bit|[kmg]?bps)$")


def rate_argument(text: str) -> str:
    """``--rate``: a number and a tc unit (``256kbit``, ``1mbit``, ``32kbps``)."""
    if not RATE.match(text.lower()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a rate like 256kbit, 1mbit or 32kbps")
    return text.lower()


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line (the same outside and, with ``--inside``, in the namespaces)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="sessions of each program (3)")
    parser.add_argument("--quick", action="store_true", help="one run of each")
    parser.add_argument(
        "--rate", type=rate_argument, default=GOAL_RATE, help="tbf rate, as tc takes it (256kbit)"
    )
    parser.add_argument(
        "--rtt-ms", type=float, default=GOAL_RTT_MS, help="round trip added by the relay (100)"
    )
    parser.add_argument("--quiet", type=float, default=300, help="ms without output end a move")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per move (20)")
    parser.add_argument(
        "--time-limit", type=float, default=480.0, help="seconds for the whole run (480)"
    )
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each final screen")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main() -> int:
    """Outside: check and re-run in the namespaces. Inside: measure."""
    argv = sys.argv[1:]
    args = parse(argv)
    if args.inside:
        return inside(args)
    return outside(args, argv)


if __name__ == "__main__":
    sys.exit(main())
