"""Encryption at rest: unlock time, and a save encrypted against the same save unencrypted.

Both journals (10,000 records from ``generate_journal``) are made in the same
run; the plain one is the baseline. Start-up in a real pty with an encrypted
journal (launch, typed unlock, home) is a row of ``bench_startup.py``.

The save is noisy (fsync): run it several times. Its cost is mostly the file's
size: every save writes the whole file (unchanged tables are copied, never
re-sealed). A sealed table is its JSON compressed (zlib, level 1), then sealed,
then base64 (4/3 of the sealed bytes); the changed table is compressed and
sealed again on each save. ``file_bytes`` gives both files' sizes: how well the
generated text compresses decides how much smaller the encrypted file is, and
real writing compresses less well than generated text.

Run: python benchmarks/bench_crypt.py [--records 10000] [--repeats 20] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from generate_journal import generate
from journal_copy import copy_journal, journal_bytes

from winback_tui.store import Journal
from winback_tui.store.convert import encrypt_journal

PASS = "benchmark passphrase"


def _save_ms(path: Path, repeats: int, **open_args: object) -> float:
    times = []
    with Journal.open(path, **open_args) as journal:  # type: ignore[arg-type]
        for number in range(repeats):
            start = time.perf_counter()
            journal.save_reflection(1, "what-went-wrong", f"one more answer {number}")
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="winback-bench-crypt-"))
    try:
        plain = folder / "plain" / "journal.json"
        generate(plain, records=args.records)
        sealed = folder / "sealed" / "journal.json"
        sealed.parent.mkdir(mode=0o700)
        copy_journal(plain, sealed)
        encrypt_journal(sealed, PASS)
        unlocks = []
        for _ in range(5):
            start = time.perf_counter()
            header = Journal.encryption(sealed)
            assert header is not None
            vault = header.unlock(sealed, PASS)
            unlocks.append((time.perf_counter() - start) * 1000)
        opens = {}
        for name, path, extra in (("plain", plain, {}), ("encrypted", sealed, {"vault": vault})):
            start = time.perf_counter()
            Journal.open(path, **extra).close()  # type: ignore[arg-type]
            opens[name] = (time.perf_counter() - start) * 1000
        base = _save_ms(plain, args.repeats)
        enc = _save_ms(sealed, args.repeats, vault=vault)
        result = {
            "records": args.records,
            "unlock_ms_median": statistics.median(unlocks),
            "unlock_ms_max": max(unlocks),
            "open_ms": opens,
            "save_ms": {"plain": base, "encrypted": enc, "ratio": enc / base},
            "file_bytes": {"plain": journal_bytes(plain), "encrypted": journal_bytes(sealed)},
        }
        print(json.dumps(result, indent=2))
        if args.json:
            args.json.write_text(json.dumps(result))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
