"""Start-up time of commands that open no window.

Runs ``folio --help`` and ``folio list --json`` on an empty library as real processes and prints
the median and worst wall time of each (target: under 0.3 s).

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# An installed Folio runs from compiled bytecode (pip compiles it at install time); a shell
# with PYTHONDONTWRITEBYTECODE set would make every run recompile every module instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def folio(args: list[str]) -> None:
    command = [sys.executable, str(ROOT / "main.py"), *args]
    subprocess.run(command, check=True, capture_output=True, env=ENV)


def time_command(args: list[str], runs: int) -> list[float]:
    folio(args)  # warm-up: bytecode written, files in the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        folio(args)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "empty.sqlite")
        folio(["--db", db, "stats"])
        for label, args in (
            ("folio --help", ["--help"]),
            ("folio list --json (empty library)", ["--db", db, "list", "--json"]),
        ):
            times = time_command(args, options.runs)
            median = statistics.median(times) * 1000
            print(f"{label:38} median {median:6.0f} ms   worst {max(times) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
