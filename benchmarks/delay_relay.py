"""A small delaying relay for ``bench_ssh.py``: stdin/stdout on one side, TCP on the other.

``bench_ssh.py`` gives it to the ssh client as its ``ProxyCommand``: the client
speaks SSH over this process's stdin and stdout, and the relay carries those
bytes to sshd over TCP on the network namespace's loopback (``HOST PORT``),
holding every chunk ``--delay-ms`` milliseconds before passing it on, each way.
With half the round trip each way, every byte pays the whole round trip once
there and back, while chunks behind it keep flowing (a delay line, not a
stop-and-wait link).

Why stdin/stdout rather than a TCP proxy with a port of its own: every byte on
loopback leaves through ``lo`` and its ``tbf`` qdisc, so a TCP proxy between
the client and sshd would put each byte through the rate limit twice (client
to proxy, proxy to sshd) and halve the rate. Here only the relay-to-sshd leg is
TCP, so the shaped rate is the rate of the link.

Standard library only, no output of its own (its stderr is the ssh client's,
which is the benchmark's terminal): it ends quietly when either side closes.

Run by ssh, as::

    python delay_relay.py --delay-ms 50 127.0.0.1 42022
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import socket
import sys
import threading
import time
from collections.abc import Callable

#: Most bytes read at once from either side.
CHUNK = 1 << 16

Reader = Callable[[], bytes]
Writer = Callable[[bytes], None]


def delay_line(read: Reader, write: Writer, close: Callable[[], None], delay: float) -> None:
    """Copy ``read`` to ``write``, each chunk ``delay`` seconds after it was read.

    A reader thread stamps each chunk as it arrives; this thread writes it when
    its time has come, so the delay does not add up over consecutive chunks.
    ``close`` runs once the reading side has ended and everything is written.
    """
    held: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()

    def take() -> None:
        while True:
            try:
                data = read()
            except OSError:
                data = b""
            held.put((time.monotonic() + delay, data))
            if not data:
                return

    threading.Thread(target=take, daemon=True).start()
    while True:
        due, data = held.get()
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        if not data:
            break
        try:
            write(data)
        except OSError:
            break
    with contextlib.suppress(OSError):
        close()


def write_fd(fd: int) -> Writer:
    """A writer that writes all of each chunk to ``fd``."""

    def write(data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]

    return write


def relay(host: str, port: int, delay: float) -> None:
    """Carry stdin to ``host:port`` and back to stdout, ``delay`` seconds each way."""
    sock = socket.create_connection((host, port), timeout=30)
    sock.settimeout(None)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()

    def stop_sending() -> None:
        sock.shutdown(socket.SHUT_WR)

    def stop_answering() -> None:
        os.close(stdout)

    up = threading.Thread(
        target=delay_line,
        args=(lambda: os.read(stdin, CHUNK), sock.sendall, stop_sending, delay),
        daemon=True,
    )
    up.start()
    delay_line(lambda: sock.recv(CHUNK), write_fd(stdout), stop_answering, delay)
    # sshd has closed the connection: nothing more can go either way.
    sock.close()


def main() -> int:
    """Parse ``--delay-ms HOST PORT`` and relay until either side closes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, default=50.0, help="delay each way (50)")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    args = parser.parse_args()
    try:
        relay(args.host, args.port, args.delay_ms / 1000)
    except (OSError, KeyboardInterrupt):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
