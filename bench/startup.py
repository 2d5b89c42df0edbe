"""Start-up time of commands that open no window, next to a bare Python from the same run.

Runs ``python -c "import sqlite3"`` (the floor: an interpreter that opens nothing), ``folio
--help`` and ``folio list --json`` on an empty library as real processes, the three taking turns
so a busy machine slows them alike, and prints the median and worst wall time of each and the
median processor time (user + system, which a busy machine inflates far less). Target for
``folio list --json``: a median of at most 0.2 s.

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
TARGET_S = 0.2

# An installed Folio runs from compiled bytecode (pip compiles it at install time); a shell
# with PYTHONDONTWRITEBYTECODE set would make every run recompile every module instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall time and processor time (user + system) of one run of ``command``, in seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        assert proc.stderr is not None
        sys.exit(f"{' '.join(command)} failed: {proc.stderr.read().decode()}")
    if proc.stderr is not None:
        proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    folio = [sys.executable, str(ROOT / "main.py")]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "empty.sqlite")
        commands = {
            'python -c "import sqlite3"': [sys.executable, "-c", "import sqlite3"],
            "folio --help": [*folio, "--help"],
            "folio list --json (empty library)": [*folio, "--db", db, "list", "--json"],
        }
        for command in commands.values():
            run_once(command)  # warm-up: the library made, bytecode written, files cached
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(options.runs):
            for label, command in commands.items():
                times[label].append(run_once(command))
    for label, runs in times.items():
        wall = [w for w, _cpu in runs]
        cpu = [c for _w, c in runs]
        print(
            f"{label:36} median {statistics.median(wall) * 1000:4.0f} ms"
            f"  worst {max(wall) * 1000:4.0f} ms  processor {statistics.median(cpu) * 1000:4.0f} ms"
        )
    listing = statistics.median(w for w, _cpu in times["folio list --json (empty library)"])
    verdict = "met" if listing <= TARGET_S else "NOT met"
    print(
        f"folio list --json: median {listing:.3f} s over {options.runs} runs"
        f"  (target <= {TARGET_S} s: {verdict})"
    )


if __name__ == "__main__":
    main()
