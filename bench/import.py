"""Importing a large Pocket export.

Generates a Pocket CSV of 20,000 links (tags, both statuses, a few broken rows), imports it into
a new library and prints how long that takes before any page is fetched (target: <= 10 s) and
how long a second import of the same file takes (it adds nothing); then imports it once more
while another thread reads pages of 200 articles as the window does, and prints how long those
reads took.

    python bench/import.py [--items N] [--cli]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.types import ArticleFilter  # noqa: E402
from reader.library import Library  # noqa: E402

WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "python",
    "rust",
    "reading",
    "later",
    "science",
    "news",
    "essay",
    "long",
]


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    lines = ["title,url,time_added,tags,status"]
    for i in range(count):
        if i % 997 == 0:
            lines.append(f"Broken {i},,{1_600_000_000 + i},,unread")
            continue
        tags = "|".join(rng.sample(WORDS, rng.randint(0, 3)))
        status = "archive" if rng.random() < 0.6 else "unread"
        title = " ".join(rng.sample(WORDS, 5)).title().replace(",", "")
        host = f"site{rng.randint(1, 400)}.example"
        lines.append(
            f'"{title}",https://{host}/posts/{i}?utm_source=pocket,{1_600_000_000 + i},'
            f"{tags},{status}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def import_in_process(folder: Path, source: Path) -> None:
    with Library(folder / "library.sqlite") as lib:
        start = time.perf_counter()
        report = lib.import_file(source)
        took = time.perf_counter() - start
        print(report.summary())
        print(f"first import:   {took:6.2f} s  ({report.added / took:,.0f} articles/s)")
        start = time.perf_counter()
        again = lib.import_file(source)
        print(f"second import:  {time.perf_counter() - start:6.2f} s  (added {again.added})")
        print(f"links waiting to be fetched: {lib.count_pending()}")
    with Library(folder / "busy.sqlite") as lib:
        stop = threading.Event()
        reads: list[float] = []

        def window_reads() -> None:
            # What the window's thread does while an import runs: it reloads a page of the
            # article list after the changes each batch announces (a few times a second).
            while not stop.is_set():
                begin = time.perf_counter()
                lib.list_articles(ArticleFilter(), limit=200)
                reads.append(time.perf_counter() - begin)
                stop.wait(0.1)

        reader = threading.Thread(target=window_reads)
        reader.start()
        start = time.perf_counter()
        lib.import_file(source)
        took = time.perf_counter() - start
        stop.set()
        reader.join()
        reads.sort()
        print(
            f"import with the window reading meanwhile: {took:6.2f} s; pages of 200 read in"
            f" {reads[len(reads) // 2] * 1000:.0f} ms (median), {reads[-1] * 1000:.0f} ms (worst)"
        )


def import_with_cli(db: Path, source: Path) -> None:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(source)],
        check=True,
        capture_output=True,
    )
    print(f"folio import (whole process): {time.perf_counter() - start:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--cli", action="store_true", help="also time 'folio import' as a process")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "part_000000.csv"
        generate(source, options.items)
        print(f"{options.items} rows, {source.stat().st_size / 1e6:.1f} MB")
        import_in_process(Path(folder), source)
        if options.cli:
            import_with_cli(Path(folder) / "cli.sqlite", source)


if __name__ == "__main__":
    main()
