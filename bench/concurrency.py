"""Everything at once: a refresh, a big import and edits from the window and from ``folio``.

A library with N feeds (served from 127.0.0.1 by a separate process, as bench/refresh.py makes
them) and a few hundred saved links gets, all at the same time:

  - in a "window" process, the library API used the way the window uses it: a refresh of
    every feed on one thread, the import of a Folio export of M articles with their HTML on
    another, and one-row edits (a new tag on an article) on a third, every few hundred ms;
  - ``folio tag ID TAG`` commands, two at a time, as separate processes, until the window
    process is done.

It prints the edits made, the edits found stored afterwards, and every "database is locked"
error (edits, feeds of the refresh, the import): the last must be 0, and stored must equal
made.

    python bench/concurrency.py [--feeds 500] [--items 20000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
LOCKED = "database is locked"
SAVED_LINKS = 300
EDIT_PAUSE = 0.25


def _refresh_bench() -> Any:
    """bench/refresh.py, for its feed generator and server (importable by name, so that the
    server's process can be spawned from it)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import refresh

    return refresh


def write_saved_links(path: Path) -> None:
    lines = ["title,url,time_added,tags,status"]
    for i in range(SAVED_LINKS):
        lines.append(f"Saved {i},https://saved.example/{i},{1_700_000_000 + i},,unread")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_folio_export(path: Path, count: int, seed: int) -> None:
    """A Folio export of ``count`` saved articles, each with a few KB of HTML to sanitize."""
    rng = random.Random(seed)
    words = ["garden", "river", "station", "paper", "letter", "engine", "quiet", "travel"]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "folio-library", "version": 1, "articles": [')
        for n in range(count):
            paragraphs = []
            for _ in range(rng.randint(4, 12)):
                sentence = " ".join(rng.choice(words) for _ in range(rng.randint(20, 40)))
                paragraphs.append(
                    f'<p>{sentence} <a href="https://links.example/{n}?utm_source=x">link</a></p>'
                )
            html = "".join(paragraphs)
            added = (start + timedelta(minutes=n)).isoformat()
            row = {
                "id": n + 1,
                "source_kind": "url",
                "url": f"https://imported.example/{n}",
                "canonical_url": f"https://imported.example/{n}",
                "title": f"Imported article {n}",
                "added": added,
                "sort_date": added,
                "language": "en",
                "fetch_status": "ok",
                "html": html,
                "text": "",
                "tags": [rng.choice(words)],
            }
            out.write(("," if n else "") + json.dumps(row))
        out.write("]}")


# -- the window process ---------------------------------------------------------------------------


def window_side(db: str, export: str, results: Any) -> None:
    """The library driven as the window drives it: refresh and import on their own threads,
    one-row edits handed over from a third."""
    sys.path.insert(0, str(ROOT))
    from reader.library import Library

    library = Library(Path(db))
    outcome: dict[str, Any] = {"made": [], "edit_errors": [], "refresh_errors": [], "import": ""}
    busy = threading.Event()
    busy.set()

    def refresh() -> None:
        summary = library.refresh()
        outcome["refresh_errors"] = [f.message for f in summary.errors]
        outcome["refresh"] = summary.line()

    def import_file() -> None:
        try:
            report = library.import_file(Path(export))
            outcome["import"] = report.summary()
        except Exception as exc:
            outcome["import"] = f"failed: {exc}"

    workers = [threading.Thread(target=refresh), threading.Thread(target=import_file)]
    for worker in workers:
        worker.start()
    ids = [a.id for a in library.list_articles(limit=SAVED_LINKS)]
    number = 0
    while any(w.is_alive() for w in workers):
        article = ids[number % len(ids)]
        tag = f"w{number}"
        try:
            library.add_tags(article, [tag])
            outcome["made"].append((article, tag))
        except Exception as exc:
            outcome["edit_errors"].append(str(exc))
        number += 1
        time.sleep(EDIT_PAUSE)
    for worker in workers:
        worker.join()
    writer = getattr(library, "writer", None)  # the library's one writer, where it has one
    outcome["longest"] = getattr(writer, "longest_transaction", None)
    outcome["longest_cpu"] = getattr(writer, "longest_transaction_cpu", None)
    library.close()
    results.put(outcome)


# -- folio commands -----------------------------------------------------------------------------


def cli_side(db: Path, ids: list[int], stop: threading.Event, prefix: str) -> dict[str, Any]:
    made: list[tuple[int, str]] = []
    errors: list[str] = []
    number = 0
    while not stop.is_set():
        article = ids[number % len(ids)]
        tag = f"{prefix}{number}"
        done = subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(db), "tag", str(article), tag],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            made.append((article, tag))
        else:
            errors.append(done.stderr.strip())
        number += 1
    return {"made": made, "errors": errors}


def stored_edits(db: Path, edits: list[tuple[int, str]]) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            'SELECT a."article_id", t."name" FROM "article_tag" a'
            ' JOIN "tag" t ON t."id" = a."tag_id"'
        ).fetchall()
    present = {(int(a), str(n)) for a, n in rows}
    return sum(1 for edit in edits if edit in present)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    refresh_bench = _refresh_bench()
    receive, send = multiprocessing.Pipe(duplex=False)
    spawn = multiprocessing.get_context("spawn")
    server = spawn.Process(
        target=refresh_bench.serve, args=(send, options.feeds, options.seed, 0.0), daemon=True
    )
    server.start()
    port, _ = receive.recv()
    origin = f"http://127.0.0.1:{port}"
    sys.path.insert(0, str(ROOT))
    from reader.library import Library

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        links = Path(folder) / "saved.csv"
        export = Path(folder) / "export.json"
        write_saved_links(links)
        write_folio_export(export, options.items, options.seed)
        with Library(db) as library:
            for index in range(options.feeds):
                library.add_feed(f"{origin}/feeds/{index}.xml")
            library.import_file(links)
            ids = [a.id for a in library.list_articles(limit=SAVED_LINKS)]
        print(
            f"{options.feeds} feeds from {origin}, an export of {options.items} articles"
            f" ({export.stat().st_size / 1e6:.0f} MB), {len(ids)} saved links to edit;"
            f" {os.cpu_count()} cores"
        )
        results = spawn.Queue()
        started = time.perf_counter()
        window = spawn.Process(target=window_side, args=(str(db), str(export), results))
        window.start()
        stop = threading.Event()
        cli_results: list[dict[str, Any]] = []
        runners = [
            threading.Thread(target=lambda p=prefix: cli_results.append(cli_side(db, ids, stop, p)))
            for prefix in ("c", "d")
        ]
        for runner in runners:
            runner.start()
        outcome = results.get()
        window.join()
        stop.set()
        for runner in runners:
            runner.join()
        seconds = time.perf_counter() - started
        window_made = outcome["made"]
        cli_made = [edit for result in cli_results for edit in result["made"]]
        cli_errors = [error for result in cli_results for error in result["errors"]]
        attempted = len(window_made) + len(outcome["edit_errors"]) + len(cli_made) + len(cli_errors)
        stored = stored_edits(db, window_made + cli_made)
        locked = {
            "window edits": sum(LOCKED in e for e in outcome["edit_errors"]),
            "folio edits": sum(LOCKED in e for e in cli_errors),
            "refresh feeds": sum(LOCKED in e for e in outcome["refresh_errors"]),
            "import": int(LOCKED in outcome["import"]),
        }
        print(f"all done in {seconds:.0f} s")
        print(f"  refresh: {outcome.get('refresh', '')}")
        print(f"  import:  {outcome['import']}")
        print(
            f"edits made {len(window_made) + len(cli_made)} of {attempted} attempted"
            f" (window {len(window_made)}, folio {len(cli_made)}); edits stored {stored}"
        )
        print(f'"{LOCKED}" errors: {sum(locked.values())} ({locked})')
        if outcome.get("longest") is not None:
            print(
                f"longest write transaction in the window process: {outcome['longest']:.2f} s"
                f" ({outcome['longest_cpu']:.2f} s of processor time)"
            )
        other = [e for e in outcome["edit_errors"] + cli_errors if LOCKED not in e]
        if other:
            print(f"other edit errors: {len(other)}, first: {other[0][:200]}")
    server.terminate()


if __name__ == "__main__":
    main()
