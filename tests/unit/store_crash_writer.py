"""Writer for the crash test: saves reflections in a loop until it is killed.

Run by ``test_store_crash.py`` with ``sys.executable``. It imports only
``winback_tui.store`` (never Textual), the way a lightweight writer would.

Usage:
    store_crash_writer.py JOURNAL          save forever, printing ``saved N`` after
                                           each save has returned
    store_crash_writer.py JOURNAL --fork   a fork server: for each ``go`` line on
                                           stdin, fork a writer (which prints
                                           ``pid P`` first), wait for it to die,
                                           then print ``dead P STATUS``

The fork server exists because a fresh interpreter takes about 0.1 s to start:
forking an already-imported process makes hundreds of kills affordable, and each
forked writer is still a separate process that the kernel kills for real.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from winback_tui.store import Journal

PROMPTS = 3
STEP = 1
# Characters that exercise the encoder: accents, emoji, right-to-left, NUL, a lone
# surrogate. The filler repeats them.
_ALPHABET = "aé😀שׁ\x00\ud800 \n"


def prompt_for(n: int) -> str:
    """The prompt that save number ``n`` writes to."""
    return f"prompt-{n % PROMPTS}"


def text_for(n: int) -> str:
    """The exact text of save number ``n``.

    Even saves are big (20-220 kB) and odd ones small, and each prompt alternates
    between the two, so the file keeps growing and shrinking.
    """
    size = 20_000 + (n * 7919) % 200_000 if n % 2 == 0 else n % 50
    filler = (_ALPHABET * (size // len(_ALPHABET) + 1))[:size]
    return f"#{n}#{filler}"


def number_of(text: str) -> int:
    """The save number written at the start of a text by :func:`text_for`."""
    return int(text.split("#", 2)[1])


def last_saved(journal: Journal) -> int:
    """The highest save number in the journal, or -1 if it holds none."""
    return max((number_of(r.text) for r in journal.reflections()), default=-1)


def emit(line: str) -> None:
    """Write one whole line in a single system call.

    A SIGKILL can land between the two writes ``print`` may make (the text, then
    the newline, when stdout is unbuffered); a pipe write this small is atomic.
    """
    os.write(1, (line + "\n").encode())


def write_forever(path: Path) -> None:
    """Open the journal and save until killed."""
    journal = Journal.open(path)
    if journal.read_only:
        print("read-only", flush=True)
        os._exit(3)
    n = last_saved(journal) + 1
    while True:
        journal.save_reflection(STEP, prompt_for(n), text_for(n))
        emit(f"saved {n}")
        n += 1


def serve(path: Path) -> None:
    """Fork one writer per ``go`` line; report each one's death."""
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                emit(f"pid {os.getpid()}")
                write_forever(path)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        emit(f"dead {pid} {status}")


def main() -> None:
    """Check the layer rule, then write or serve."""
    if "textual" in sys.modules:
        print("textual was imported by winback_tui.store", flush=True)
        sys.exit(2)
    path = Path(sys.argv[1])
    if "--fork" in sys.argv[2:]:
        serve(path)
    else:
        write_forever(path)


if __name__ == "__main__":
    main()
