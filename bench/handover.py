"""How long ``folio FILE`` takes when a window is open on the library: the second process's
run (start, hand over, end) and the time until the article is in the library.

    .venv/bin/python bench/handover.py            # 10 hand-overs
    .venv/bin/python bench/handover.py --runs 30

The window runs offscreen in its own process, on a temporary library and settings.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TEXT = (
    "Handed over page {n}\n\n"
    "Small islands that depend on diesel generators are testing tidal turbines anchored in the"
    " channels between them. The currents are strong and predictable.\n"
)


def count_articles(db: Path) -> int:
    from reader.library import Library

    with Library(db) as lib:
        return lib.count_articles()


def wait_for(condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    from reader.app.single_instance import server_name

    with tempfile.TemporaryDirectory(prefix="folio-bench-") as folder:
        root = Path(folder)
        (root / "run").mkdir(mode=0o700)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(root / "run"),
            XDG_CONFIG_HOME=str(root / "config"),
            XDG_STATE_HOME=str(root / "state"),
        )
        os.environ.update(env)
        db = root / "library.sqlite"
        command = [sys.executable, str(REPO / "main.py"), "--db", str(db)]
        window = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_for(lambda: Path(server_name(db)).exists(), 60)
            process_s: list[float] = []
            cpu_s: list[float] = []
            saved_s: list[float] = []
            for n in range(runs):
                page = root / f"page-{n}.txt"
                page.write_text(TEXT.format(n=n), encoding="utf-8")
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([*command, str(page)], env=env, check=True)
                process_s.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu_s.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                wait_for(lambda n=n: count_articles(db) == n + 1, 60)
                saved_s.append(time.perf_counter() - start)
        finally:
            window.send_signal(signal.SIGTERM)
            window.wait(timeout=60)
    # On a busy machine wall time grows; the CPU time of the second process says what it costs.
    figures = (
        ("second folio process", process_s),
        ("  its CPU time", cpu_s),
        ("until saved", saved_s),
    )
    for label, values in figures:
        print(
            f"{label:22} median {statistics.median(values) * 1000:6.0f} ms"
            f"   max {max(values) * 1000:6.0f} ms   ({runs} runs)"
        )


if __name__ == "__main__":
    main()
