"""Crash safety: ``folio`` killed with SIGKILL in the middle of its work loses nothing.

For each of refresh, import, save, reextract and backup, runs the real command on a library
as a process, kills it with SIGKILL at a random moment of its run (timed against an
uninterrupted run), and checks the library afterwards:

- ``PRAGMA integrity_check`` is ok;
- nothing committed before the run is lost or changed, and what the run committed is whole
  (a feed's entries all there or none, a saved article with its text and index row);
- the full-text index agrees with the tables (same rows, same titles, FTS5's own check);
- no process the killed command started is left running (its parser workers);
- the next run of the same command, left alone, succeeds and completes the work (nothing
  twice), and the next backup leaves no half-written file behind.

It prints, per command, how many kills landed while the command had done part of its work,
and every failed check. A local HTTP server on 127.0.0.1 serves the feeds and pages.

    nice python bench/crash_safety.py [--kills 20] [--only refresh,save] [--seed 1]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.library import Library  # noqa: E402

FOLIO = [sys.executable, str(ROOT / "main.py")]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

FEEDS = 60
ITEMS = 25
IMPORTED = 3000
SAVED_PAGES = 150
BACKUP_ARTICLES = 12_000

WORDS = (  # noqa: SIM905
    "heat pump district network insulation winter river station market garden window paper"
    " engine quiet bright travel summer theory method signal library stone harbour mountain"
    " question answer history future simple careful server client thread process"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng: random.Random, count: int) -> str:
    return "".join(f"<p>{sentence(rng, rng.randint(12, 30))}</p>" for _ in range(count))


# -- what the local server serves -------------------------------------------------------------


def feed_doc(index: int) -> bytes:
    rng = random.Random(index)
    items = "".join(
        f"<item><title>Feed {index} story {n}: {sentence(rng, 5)}</title>"
        f"<link>http://example.invalid/{index}/{n}</link>"
        f"<guid isPermaLink='false'>feed{index}-item{n}</guid>"
        f"<description><![CDATA[{paragraphs(rng, 8)}]]></description></item>"
        for n in range(ITEMS)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {index}</title><link>http://example.invalid/{index}/</link>"
        f"<description>d</description>{items}</channel></rss>"
    ).encode()


def page_doc(index: int) -> bytes:
    rng = random.Random(10_000 + index)
    title = f"Page {index}: {sentence(rng, 6)}"
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs(rng, 14)}"
        "</article><footer>Footer</footer></body></html>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        name = self.path.strip("/").split("?")[0]
        if name.startswith("feed") and name.endswith(".xml"):
            body, kind = feed_doc(int(name[4:-4])), "application/rss+xml"
        elif name.startswith("page") and name.endswith(".html"):
            body, kind = page_doc(int(name[4:-5])), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a killed client leaves broken connections behind; that is the point


# -- looking at a library ---------------------------------------------------------------------


@dataclass
class State:
    integrity: str
    articles: dict[int, tuple[str, str]]  # id -> (title, digest of its text)
    fts_problems: list[str]
    per_feed: dict[int, int]
    urls: Counter[str]
    sources: int


def look(db: Path) -> State:
    conn = sqlite3.connect(db)
    try:
        integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        rows = conn.execute(
            'SELECT a."id", a."title", c."text" FROM "article" a'
            ' LEFT JOIN "article_content" c ON c."article_id" = a."id"'
        ).fetchall()
        articles = {r[0]: (r[1], hashlib.sha1((r[2] or "").encode()).hexdigest()) for r in rows}
        problems = []
        indexed = dict(conn.execute("SELECT rowid, title FROM article_search").fetchall())
        if set(indexed) != set(articles):
            missing = len(set(articles) - set(indexed))
            extra = len(set(indexed) - set(articles))
            problems.append(f"{missing} articles not indexed, {extra} index rows without one")
        wrong = [i for i, (title, _) in articles.items() if i in indexed and indexed[i] != title]
        if wrong:
            problems.append(f"{len(wrong)} index rows with another title")
        empty = [i for i, (_, digest) in articles.items() if digest == hashlib.sha1().hexdigest()]
        if empty:
            problems.append(f"{len(empty)} articles without their text")
        try:
            conn.execute("INSERT INTO article_search(article_search) VALUES ('integrity-check')")
            conn.commit()
        except sqlite3.DatabaseError as exc:
            problems.append(f"FTS5 integrity-check: {exc}")
        per_feed = dict(
            conn.execute(
                'SELECT "feed_id", count(*) FROM "article" WHERE "feed_id" IS NOT NULL'
                ' GROUP BY "feed_id"'
            ).fetchall()
        )
        urls = Counter(u for (u,) in conn.execute('SELECT "url" FROM "article"') if u)
        sources = int(conn.execute('SELECT count(*) FROM "article_source"').fetchone()[0])
    finally:
        conn.close()
    return State(integrity, articles, problems, per_feed, urls, sources)


# -- running and killing ----------------------------------------------------------------------


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def run(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FOLIO, *args], capture_output=True, text=True, env=ENV, timeout=timeout, check=False
    )


@dataclass
class Kill:
    finished_first: bool  # the command ended before the kill came
    leftovers: int  # its processes still running a while after
    elapsed: float  # how long it ran


def run_and_kill(args: list[str], delay: float) -> Kill:
    process = subprocess.Popen(
        [*FOLIO, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    watched: set[int] = set()
    started = time.monotonic()
    deadline = started + delay
    pause = threading.Event()
    while time.monotonic() < deadline and process.poll() is None:
        watched |= children_of(process.pid)  # its parser workers, while it has them
        pause.wait(0.02)
    if process.poll() is not None:
        return Kill(finished_first=True, leftovers=0, elapsed=time.monotonic() - started)
    watched |= children_of(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    elapsed = time.monotonic() - started
    end = time.monotonic() + 15
    while any(alive(pid) for pid in watched) and time.monotonic() < end:
        pause.wait(0.05)
    leftovers = [pid for pid in watched if alive(pid)]
    for pid in leftovers:  # reported below; not left behind by the bench either
        os.kill(pid, signal.SIGKILL)
    return Kill(finished_first=False, leftovers=len(leftovers), elapsed=elapsed)


# -- the commands under test -------------------------------------------------------------------


@dataclass
class Case:
    name: str
    template: Path  # the library each round starts from (a copy of it)
    command: Callable[[Path, int], list[str]]  # (library, round) -> arguments
    judge: Callable[[State, State, int], tuple[bool, list[str]]]  # before, after, round
    complete: Callable[[State, int], list[str]]  # after the resumed run
    library: Path | None = None  # work on this library itself, not on a fresh copy each round


@dataclass
class Tally:
    kills: int = 0
    mid_work: int = 0
    finished_first: int = 0
    leftovers: int = 0
    failures: list[str] = field(default_factory=list)
    durations: list[float] = field(default_factory=list)
    writing: float = 0.0  # when an uninterrupted run began to write


def lost(before: State, after: State, *, compare_text: bool = True) -> list[str]:
    gone = [i for i in before.articles if i not in after.articles]
    changed = [
        i
        for i, value in before.articles.items()
        if i in after.articles
        and (after.articles[i] != value if compare_text else after.articles[i][0] != value[0])
    ]
    problems = []
    if gone:
        problems.append(f"{len(gone)} committed articles lost")
    if changed:
        problems.append(f"{len(changed)} committed articles changed")
    return problems


def written(db: Path) -> int:
    """Bytes written so far by a command: the library's -wal and any copy being made."""
    total = 0
    for path in (Path(f"{db}-wal"), *(db.parent / "backups").glob("*.partial")):
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def calibrate(args: list[str], db: Path) -> tuple[int, float, float]:
    """Run the command once, left alone: its exit code, how long it ran, and when it began
    to write (the kills aim at the writing, where a torn write would show)."""
    process = subprocess.Popen(
        [*FOLIO, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    started = time.monotonic()
    first = written(db)
    writing = 0.0
    pause = threading.Event()
    while process.poll() is None:
        if not writing and written(db) != first:
            writing = time.monotonic() - started
        pause.wait(0.01)
    return process.returncode, time.monotonic() - started, writing


def exercise(case: Case, kills: int, rng: random.Random, work: Path) -> Tally:
    tally = Tally()
    db = case.library or work / f"{case.name}.sqlite"
    if case.library is None:
        shutil.copy(case.template, db)
    code, duration, writing = calibrate(case.command(db, 0), db)
    if code != 0:
        tally.failures.append(f"the uninterrupted run failed with exit code {code}")
        return tally
    tally.durations.append(duration)
    tally.writing = writing
    number = 0
    # Until as many kills landed as asked: a run that ends before its kill does not count,
    # and teaches how long a run takes now (the machine may be busier or idler than at first).
    while tally.kills < kills and number < 3 * kills:
        number += 1
        if case.library is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.copy(case.template, db)
        before = look(db)
        # Half the kills anywhere in the run, half while it writes.
        start = writing if writing and number % 2 else 0.1 * duration
        kill = run_and_kill(case.command(db, number), rng.uniform(start, 0.95 * duration))
        if kill.finished_first:
            tally.finished_first += 1
            duration = min(duration, kill.elapsed)
        else:
            tally.kills += 1
        tally.leftovers += kill.leftovers
        after = look(db)
        where = f"{case.name} kill {number}"
        if after.integrity != "ok":
            tally.failures.append(f"{where}: integrity_check: {after.integrity}")
        tally.failures.extend(f"{where}: {p}" for p in after.fts_problems)
        partial, problems = case.judge(before, after, number)
        tally.mid_work += int(partial and not kill.finished_first)
        tally.failures.extend(f"{where}: {p}" for p in problems)
        if kill.leftovers:
            tally.failures.append(f"{where}: {kill.leftovers} of its processes outlived it")
        resumed = run(case.command(db, number))
        if resumed.returncode != 0:
            tally.failures.append(f"{where}: the next run failed: {resumed.stderr.strip()}")
            continue
        final = look(db)
        if final.integrity != "ok":
            tally.failures.append(f"{where}: after the next run: {final.integrity}")
        tally.failures.extend(f"{where}: after the next run: {p}" for p in final.fts_problems)
        tally.failures.extend(
            f"{where}: after the next run: {p}" for p in case.complete(final, number)
        )
    return tally


# -- building the libraries --------------------------------------------------------------------


def subscribed(path: Path, origin: str) -> None:
    with Library(path) as library:
        for n in range(FEEDS):
            library.add_feed(f"{origin}/feed{n}.xml")


def with_saved_pages(path: Path, origin: str) -> None:
    with Library(path) as library:
        for n in range(SAVED_PAGES):
            library.save(f"{origin}/page{n}.html")


def with_many_articles(path: Path, count: int) -> None:
    from datetime import UTC, datetime, timedelta

    from reader.core.text import word_count
    from reader.core.types import ArticleInput, SourceKind
    from reader.services.sanitize import text_to_html
    from reader.store import articles as store_articles

    rng = random.Random(3)
    now = datetime(2025, 6, 1, tzinfo=UTC)

    def insert(start: int) -> None:
        for n in range(start, min(count, start + 500)):
            text = "\n\n".join(sentence(rng, rng.randint(12, 30)) for _ in range(40))
            store_articles.insert_article(
                ArticleInput(
                    title=f"Article {n}: {sentence(rng, 5)}",
                    url=f"https://example.invalid/a/{n}",
                    source_kind=SourceKind.URL,
                    content_html=text_to_html(text),
                    text=text,
                    word_count=word_count(text),
                    language="en",
                    published=now - timedelta(minutes=n),
                ),
                now=now,
            )

    with Library(path) as library:
        for start in range(0, count, 500):
            library.writer.run(functools.partial(insert, start), bulk=True)


# -- judging each command -----------------------------------------------------------------------


def judge_refresh(before: State, after: State, _round: int) -> tuple[bool, list[str]]:
    problems = lost(before, after)
    torn = {f: n for f, n in after.per_feed.items() if n not in (0, ITEMS)}
    if torn:
        problems.append(f"{len(torn)} feeds stored in part: {sorted(torn.values())[:5]}")
    stored = sum(1 for n in after.per_feed.values() if n)
    return 0 < stored < FEEDS, problems


def complete_refresh(after: State, _round: int) -> list[str]:
    short = [f for f, n in after.per_feed.items() if n != ITEMS]
    if len(after.per_feed) != FEEDS or short:
        return [f"{FEEDS - len(after.per_feed) + len(short)} feeds not complete"]
    return []


def judge_import(before: State, after: State, _round: int) -> tuple[bool, list[str]]:
    problems = lost(before, after)
    doubled = [u for u, n in after.urls.items() if n > 1]
    if doubled:
        problems.append(f"{len(doubled)} articles imported twice")
    return 0 < len(after.articles) < IMPORTED, problems


def complete_import(after: State, _round: int) -> list[str]:
    problems = []
    if len(after.articles) != IMPORTED:
        problems.append(f"{len(after.articles)} articles, not {IMPORTED}")
    doubled = [u for u, n in after.urls.items() if n > 1]
    if doubled:
        problems.append(f"{len(doubled)} articles twice")
    return problems


def save_url(origin: str, number: int) -> str:
    return f"{origin}/page{1000 + number}.html"


def judge_save(origin: str) -> Callable[[State, State, int], tuple[bool, list[str]]]:
    def judge(before: State, after: State, number: int) -> tuple[bool, list[str]]:
        problems = lost(before, after)
        added = len(after.articles) - len(before.articles)
        if added not in (0, 1):
            problems.append(f"{added} articles from one save")
        if after.sources - before.sources != added:
            problems.append("an article saved without its page, or a page without its article")
        if after.urls[save_url(origin, number)] > 1:
            problems.append("the page saved twice")
        return added == 1, problems

    return judge


def complete_save(origin: str) -> Callable[[State, int], list[str]]:
    def complete(after: State, number: int) -> list[str]:
        count = after.urls[save_url(origin, number)]
        return [] if count == 1 else [f"the page is there {count} times"]

    return complete


def judge_reextract(before: State, after: State, _round: int) -> tuple[bool, list[str]]:
    # Re-extraction may change an article's text (a newer extractor); never its presence.
    problems = lost(before, after, compare_text=False)
    if len(after.articles) != len(before.articles):
        problems.append(f"{len(after.articles) - len(before.articles)} articles more")
    if after.sources != before.sources:
        problems.append("kept pages lost")
    return False, problems


def complete_reextract(template: State) -> Callable[[State, int], list[str]]:
    def complete(after: State, _round: int) -> list[str]:
        problems = lost(template, after, compare_text=False)
        if len(after.articles) != len(template.articles):
            problems.append(f"{len(after.articles)} articles, not {len(template.articles)}")
        return problems

    return complete


def judge_backup(work: Path) -> Callable[[State, State, int], tuple[bool, list[str]]]:
    seen: set[Path] = set()

    def judge(before: State, after: State, _round: int) -> tuple[bool, list[str]]:
        problems = lost(before, after)
        made = set((work / "backups").glob("*.sqlite")) - seen
        seen.update(made)
        partial = list((work / "backups").glob("*.partial"))
        return bool(partial), problems + [
            f"{p.name} is not a whole copy" for p in made if look(p).integrity != "ok"
        ]

    return judge


def complete_backup(work: Path, articles: int) -> Callable[[State, int], list[str]]:
    def complete(after: State, _round: int) -> list[str]:
        problems = []
        partial = list((work / "backups").glob("*.partial"))
        if partial:
            problems.append(f"{len(partial)} half-written copies left in the backups folder")
        newest = max((work / "backups").glob("*.sqlite"), key=lambda p: p.stat().st_mtime)
        copy = look(newest)
        if copy.integrity != "ok" or len(copy.articles) != articles:
            problems.append(f"the new backup {newest.name} is not whole")
        return problems

    return complete


# -- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=20, help="kills per command (default 20)")
    parser.add_argument("--only", default="refresh,import,save,reextract,backup")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("crash_safety.py reads /proc: run it on Linux")
        return 2
    rng = random.Random(options.seed)
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    wanted = options.only.split(",")
    with tempfile.TemporaryDirectory(prefix="folio-crash-") as folder:
        work = Path(folder)
        print("building the libraries…", flush=True)
        cases: list[Case] = []
        if "refresh" in wanted:
            subscribed(work / "feeds.template", origin)
            cases.append(
                Case(
                    "refresh",
                    work / "feeds.template",
                    lambda db, _n: ["--db", str(db), "refresh", "--all"],
                    judge_refresh,
                    complete_refresh,
                )
            )
        if "import" in wanted:
            source = work / "source.template"
            with_many_articles(source, IMPORTED)
            export = work / "everything.json"
            run(["--db", str(source), "export", str(export)])
            Library(work / "empty.template").close()
            cases.append(
                Case(
                    "import",
                    work / "empty.template",
                    lambda db, _n: ["--db", str(db), "import", str(export)],
                    judge_import,
                    complete_import,
                )
            )
        if "save" in wanted or "reextract" in wanted:
            with_saved_pages(work / "pages.template", origin)
        if "save" in wanted:
            cases.append(
                Case(
                    "save",
                    work / "pages.template",
                    lambda db, n: ["--db", str(db), "save", save_url(origin, n)],
                    judge_save(origin),
                    complete_save(origin),
                )
            )
        if "reextract" in wanted:
            cases.append(
                Case(
                    "reextract",
                    work / "pages.template",
                    lambda db, _n: ["--db", str(db), "reextract", "--all"],
                    judge_reextract,
                    complete_reextract(look(work / "pages.template")),
                )
            )
        if "backup" in wanted:
            big = work / "big" / "library.sqlite"
            big.parent.mkdir()
            with_many_articles(big, BACKUP_ARTICLES)
            size = big.stat().st_size / 1_048_576
            print(f"  backup library: {BACKUP_ARTICLES:,} articles, {size:.0f} MB", flush=True)
            cases.append(
                Case(
                    "backup",
                    big,
                    lambda db, _n: ["--db", str(db), "backup"],
                    judge_backup(big.parent),
                    complete_backup(big.parent, BACKUP_ARTICLES),
                    library=big,
                )
            )
        results = {}
        for case in cases:
            print(f"{case.name}: ", end="", flush=True)
            tally = exercise(case, options.kills, rng, work)
            results[case.name] = tally
            print(
                f"{tally.kills} kills ({tally.mid_work} with part of the work committed,"
                f" {tally.finished_first} runs done before the kill), an uninterrupted run"
                f" {tally.durations[0] if tally.durations else 0:.1f} s writing from"
                f" {tally.writing:.1f} s; {len(tally.failures)} failed checks",
                flush=True,
            )
            for failure in tally.failures[:20]:
                print(f"  FAIL {failure}")
        server.shutdown()
    failed = sum(len(t.failures) for t in results.values())
    print(json.dumps({name: t.kills for name, t in results.items()}))
    print("all checks passed" if not failed else f"{failed} checks failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
