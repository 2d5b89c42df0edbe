"""Search at 100,000 articles: index building, and every kind of query, beside plain FTS5.

    .venv/bin/python bench/search.py [--articles N] [--db PATH] [--runs N]

Builds a library of generated articles (about 250 words each, in English, German and French
word shapes, over 300 feeds in 20 folders, a third of them tagged) by bulk inserts, timing the
full-text index on its own. Beside it, the same rows go into a plain FTS5 table (Porter
stemming, SQLite's defaults) in a file of its own: the peer, timed the same way.

Then each kind of query runs through the library API with results loaded and snippets made, as
the window and ``folio search`` get them: ranked by relevance and newest first, median of
``--runs`` runs, wall clock with CPU time in brackets. The peer runs the same query the plain
way: the FTS5 match joined to the article table with the same filters, ``ORDER BY rank`` or
by date, the same rows loaded.

Targets: index building >= 6,000 articles/s; every query kind <= 20 ms median, relevance or
newest first.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START, parse_query  # noqa: E402
from reader.core.types import Article  # noqa: E402
from reader.core.urls import site_hosts  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.store import search_index  # noqa: E402
from reader.store.fields import to_micros  # noqa: E402
from reader.store.search import compile_query, load_articles  # noqa: E402

NOW = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
FEEDS = 300
FOLDERS = 20
TAGS = 50
WORDS_PER_ARTICLE = (120, 380)
LIMIT = 100
SPAN = 3 * 365 * 86400  # seconds of history
QUERY_TARGET_MS = 20.0
INDEX_TARGET = 6000  # articles/s

PEER_TABLE = "plain"
# The plain way to stem in SQLite: the Porter tokenizer (English only) wrapped around the one
# Folio uses.
PEER_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS peer.{PEER_TABLE} USING fts5(title, author, text, tags,"
    " tokenize = 'porter unicode61 remove_diacritics 2')"
)

_CONSONANTS = "bcdfghklmnprstvwz"
_VOWELS = "aeiou"
# Endings and how often they come, per language: most words appear bare.
_ENDINGS = {
    "en": (["", "s", "ing", "ed", "er", "ly", "ness", "ation"], [60, 15, 7, 7, 4, 3, 2, 2]),
    "de": (
        ["", "en", "er", "ung", "ungen", "schaft", "schaften", "lich"],
        [60, 14, 8, 6, 4, 3, 2, 3],
    ),
    "fr": (["", "s", "ent", "ement", "ation", "ité", "é", "ée"], [60, 15, 6, 4, 4, 3, 5, 3]),
}
# Words the queries look for, planted among the generated ones at known rates.
COMMON = "report"  # in most articles
FREQUENT = "weather"  # in about one in ten
RARE = "quetzalcoatl"  # in about ten
PHRASE = ("harbour", "lighthouse")  # a pair that appears side by side now and then


def _stems(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < count:
        syllables = rng.randint(1, 3)
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
        if rng.random() < 0.5:
            word += rng.choice(_CONSONANTS)
        seen.add(word)
    return sorted(seen)


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.stems = _stems(self.rng, 20_000)
        self.rng.shuffle(self.stems)
        # Zipf's law with the exponent of news text: about 21,000 distinct words in 125,000.
        weights = [1 / (rank + 1) ** 1.1 for rank in range(len(self.stems))]
        self.cum = list(itertools.accumulate(weights))
        self.names = [
            f"{w.title()} {v.title()}"
            for w, v in zip(self.stems[500:1000], self.stems[1000:1500], strict=True)
        ]

    def words(self, count: int, lang: str) -> list[str]:
        endings, weights = _ENDINGS[lang]
        picked = self.rng.choices(self.stems, cum_weights=self.cum, k=count)
        tails = self.rng.choices(endings, weights, k=count)
        return [w + t for w, t in zip(picked, tails, strict=True)]

    def text(self, lang: str) -> str:
        count = self.rng.randint(*WORDS_PER_ARTICLE)
        words = self.words(count, lang)
        if self.rng.random() < 0.7:
            words[self.rng.randrange(len(words))] = COMMON
        if self.rng.random() < 0.1:
            words[self.rng.randrange(len(words))] = FREQUENT
        if self.rng.random() < 0.004:
            at = self.rng.randrange(len(words) - 1)
            words[at : at + 2] = PHRASE
        sentences = []
        for start in range(0, len(words), 14):
            chunk = words[start : start + 14]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
        return " ".join(sentences)


def peer_path(path: Path) -> Path:
    return path.with_name(path.stem + "-plain-fts5.sqlite")


def _peer_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("ATTACH DATABASE ? AS peer", (str(peer_path(path)),))
    con.execute("PRAGMA peer.journal_mode = wal")
    con.execute("PRAGMA peer.synchronous = normal")
    con.execute(PEER_FTS)
    return con


@dataclass
class BuildTimes:
    """Seconds spent indexing, wall clock and CPU, by Folio and by the peer; and in all."""

    index: float = 0.0
    index_cpu: float = 0.0
    peer: float = 0.0
    peer_cpu: float = 0.0
    total: float = 0.0


def _peer_insert(
    con: sqlite3.Connection, rows: Sequence[tuple[Any, ...]], times: BuildTimes
) -> None:
    began = time.perf_counter()
    began_cpu = time.process_time()
    con.execute("BEGIN")
    con.executemany(
        f"INSERT INTO peer.{PEER_TABLE} (rowid, title, author, text, tags) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    con.execute("COMMIT")
    times.peer += time.perf_counter() - began
    times.peer_cpu += time.process_time() - began_cpu


def build(path: Path, articles: int) -> BuildTimes:
    """Create the library and the peer's index of the same rows, timing both."""
    times = BuildTimes()
    gen = Generator()
    rng = gen.rng
    started = time.perf_counter()
    lib = Library(path, clock=lambda: NOW)
    db = lib.writer.database

    def write_setup() -> None:
        for folder in range(1, FOLDERS + 1):
            db.execute_sql(
                'INSERT INTO "folder" ("id", "name", "parent_id", "position")'
                " VALUES (?, ?, NULL, ?)",
                (folder, f"Folder {gen.stems[folder]}", folder),
            )
        for number in range(1, FEEDS + 1):
            host = gen.stems[number + 100]
            db.execute_sql(
                'INSERT INTO "feed" ("id", "url", "title", "site_url", "folder_id", "position",'
                ' "added", "error_count", "disabled", "fetch_full_text")'
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
                (
                    number,
                    f"https://{host}.example/feed.xml",
                    f"The {host.title()} Journal",
                    f"https://{host}.example/",
                    number % FOLDERS + 1,
                    number,
                    to_micros(NOW),
                ),
            )
        for tag in range(1, TAGS + 1):
            db.execute_sql(
                'INSERT INTO "tag" ("id", "name") VALUES (?, ?)',
                (tag, f"topic-{gen.stems[tag + 50]}"),
            )

    lib.writer.run(write_setup)
    rare_ids = set(rng.sample(range(1, articles + 1), min(10, articles)))
    peer = _peer_connection(path)
    batch = 2000
    for start in range(1, articles + 1, batch):
        rows = []
        contents = []
        tag_rows = []
        index_rows = []
        tag_names: dict[int, list[str]] = {}
        for article_id in range(start, min(start + batch, articles + 1)):
            lang = rng.choices(["en", "de", "fr"], weights=[75, 17, 8])[0]
            feed: int | None = rng.randint(1, FEEDS) if rng.random() < 0.9 else None
            title = " ".join(gen.words(rng.randint(4, 9), lang)).capitalize()
            text = gen.text(lang)
            if article_id in rare_ids:
                text += f" {RARE.title()} appears here."
            if feed and rng.random() < 0.85:
                # Feed articles arrive as they are published: over three years, in id order.
                age = (articles - article_id) / articles * SPAN + rng.uniform(0, 2 * 86400)
            else:
                # Saved and imported ones can be of any age.
                age = rng.uniform(0, SPAN)
            published = NOW - timedelta(seconds=age)
            host = gen.stems[(feed or rng.randint(1, FEEDS)) + 100]
            author = rng.choice(gen.names)
            url = f"https://{host}.example/{article_id}"
            rows.append(
                (
                    article_id, feed, "feed" if feed else "url", url, url, *site_hosts(url, url),
                    title, author, to_micros(published), to_micros(NOW), to_micros(published),
                    lang, len(text.split()), int(rng.random() < 0.7), int(rng.random() < 0.02),
                    int(rng.random() < 0.05),
                )
            )  # fmt: skip
            contents.append((article_id, "", text))
            names = []
            if rng.random() < 0.33:
                for tag in rng.sample(range(1, TAGS + 1), rng.randint(1, 2)):
                    tag_rows.append((article_id, tag))
                    names.append(f"topic-{gen.stems[tag + 50]}")
            tag_names[article_id] = names
            index_rows.append(
                search_index.IndexRow(article_id, title, author, text, sorted(names), lang)
            )

        def write_batch(
            rows: list[Any], contents: list[Any], tag_rows: list[Any], index_rows: list[Any]
        ) -> tuple[float, float]:
            cursor = db.cursor()
            cursor.executemany(
                'INSERT INTO "article" ("id", "feed_id", "source_kind", "url", "canonical_url",'
                ' "host_rev", "url_host_rev", "title", "author", "published", "added",'
                ' "sort_date", "language", "word_count", "read", "starred", "archived",'
                ' "fetch_status")'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok')",
                rows,
            )
            cursor.executemany(
                'INSERT INTO "article_content" ("article_id", "html", "text") VALUES (?, ?, ?)',
                contents,
            )
            cursor.executemany(
                'INSERT INTO "article_tag" ("article_id", "tag_id") VALUES (?, ?)', tag_rows
            )
            began = time.perf_counter()
            began_cpu = time.process_time()
            search_index.index_articles(db, index_rows)
            return time.perf_counter() - began, time.process_time() - began_cpu

        seconds, cpu = lib.writer.run(partial(write_batch, rows, contents, tag_rows, index_rows))
        times.index += seconds
        times.index_cpu += cpu
        _peer_insert(
            peer,
            [(r.article_id, r.title, r.author or "", r.text, " ".join(r.tags)) for r in index_rows],
            times,
        )
    lib.writer.call(lambda: db.execute_sql("PRAGMA optimize"))
    lib.close()
    peer.close()
    times.total = time.perf_counter() - started
    return times


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall-clock and CPU milliseconds of ``fn``, and its last result (the slowest
    run's wall clock is kept in ``SLOWEST_RUN``)."""
    fn()  # warm the caches, as a second search in the window would find them
    wall = []
    cpu = []
    result: object = None
    for _ in range(runs):
        began = time.perf_counter()
        began_cpu = time.thread_time()
        result = fn()
        cpu.append(time.thread_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    SLOWEST_RUN[0] = max(wall) * 1000
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000, result


# The slowest run of the last timed(): a median hides a query that is slow now and then.
SLOWEST_RUN = [0.0]


class Peer:
    """The same queries the plain way, on the plain FTS5 table beside the library."""

    def __init__(self, path: Path) -> None:
        self.con = _peer_connection(path)

    def close(self) -> None:
        self.con.close()

    def search(self, text: str, *, newest: bool) -> list[Article]:
        # No word forms: the Porter tokenizer stems words itself.
        compiled = compile_query(parse_query(text), now=NOW, tz=UTC, languages=[])
        where = compiled.sql.where().replace(search_index.FTS_TABLE, PEER_TABLE)
        table = f"peer.{PEER_TABLE}"
        snippet = f"snippet({PEER_TABLE}, 2, ?, ?, '…', 16)"
        marks = [HIGHLIGHT_START, HIGHLIGHT_END]
        rows: list[tuple[Any, ...]]
        if compiled.match is not None and not newest:
            rows = self.con.execute(
                f"SELECT {PEER_TABLE}.rowid, {snippet} FROM {table}"
                f" JOIN article a ON a.id = {PEER_TABLE}.rowid"
                f" WHERE {PEER_TABLE} MATCH ? AND {where} ORDER BY rank LIMIT ?",
                [*marks, compiled.match, *compiled.sql.params, LIMIT],
            ).fetchall()
        else:
            condition, params = where, list(compiled.sql.params)
            if compiled.match is not None:
                condition += f" AND a.id IN (SELECT rowid FROM {table} WHERE {PEER_TABLE} MATCH ?)"
                params.append(compiled.match)
            elif compiled.exclude is not None:
                condition += (
                    f" AND a.id NOT IN (SELECT rowid FROM {table} WHERE {PEER_TABLE} MATCH ?)"
                )
                params.append(compiled.exclude)
            ids = [
                r[0]
                for r in self.con.execute(
                    f"SELECT a.id FROM article a WHERE {condition}"
                    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ?",
                    [*params, LIMIT],
                )
            ]
            rows = [(i, None) for i in ids]
            if compiled.highlight is not None and ids:
                found = dict(
                    self.con.execute(
                        f"SELECT rowid, {snippet} FROM {table} WHERE {PEER_TABLE} MATCH ?"
                        f" AND rowid IN ({','.join('?' * len(ids))})",
                        [*marks, compiled.highlight, *ids],
                    ).fetchall()
                )
                rows = [(i, found.get(i)) for i in ids]
        return load_articles([r[0] for r in rows], {r[0]: r[1] for r in rows if r[1]})


def fill_peer(path: Path) -> None:
    """The peer's table filled from a library made before, timing the peer alone."""
    times = BuildTimes()
    con = _peer_connection(path)
    last = 0
    count = 0
    while True:
        rows = con.execute(
            f"SELECT rowid, title, author, text, tags FROM {search_index.FTS_TABLE}"
            " WHERE rowid > ? ORDER BY rowid LIMIT 2000",
            (last,),
        ).fetchall()
        if not rows:
            break
        _peer_insert(con, rows, times)
        last = rows[-1][0]
        count += len(rows)
    con.close()
    print(
        f"plain FTS5 (Porter) filled with {count:,} rows: {count / times.peer:,.0f} rows/s"
        f" ({count / times.peer_cpu:,.0f} CPU)"
    )


def build_report(path: Path, times: BuildTimes, articles: int) -> None:
    print(f"built {articles:,} articles in {times.total:.1f} s")
    rate = articles / times.index
    peer_rate = articles / times.peer
    print(
        f"index build, articles/s (wall clock; CPU in brackets), target >= {INDEX_TARGET:,}:\n"
        f"  Folio (FTS5 + word forms): {rate:7,.0f} ({articles / times.index_cpu:,.0f})"
        f"  {'met' if rate >= INDEX_TARGET else 'NOT MET'}\n"
        f"  plain FTS5 (Porter):       {peer_rate:7,.0f} ({articles / times.peer_cpu:,.0f})"
    )


def queries(lib: Library) -> list[tuple[str, str]]:
    some_tag = lib.writer.database.execute_sql(
        'SELECT "name" FROM "tag" ORDER BY "id" LIMIT 1'
    ).fetchone()[0]
    feed_word = (
        lib.writer.database.execute_sql('SELECT "title" FROM "feed" WHERE "id" = 7')
        .fetchone()[0]
        .split()[1]
    )
    folder = lib.writer.database.execute_sql(
        'SELECT "name" FROM "folder" WHERE "id" = 3'
    ).fetchone()[0]
    author = lib.writer.database.execute_sql(
        'SELECT "author" FROM "article" WHERE "id" = 5'
    ).fetchone()[0]
    # The first word of a title: common words come first in them as anywhere.
    title_word = (
        lib.writer.database.execute_sql('SELECT "title" FROM "article" WHERE "id" = 3')
        .fetchone()[0]
        .split()[0]
    )
    site = f"{feed_word.lower()}.example"
    return [
        ("common word", COMMON),
        ("common word, other form", COMMON + "ing"),
        ("rare word", RARE),
        ("phrase", f'"{PHRASE[0]} {PHRASE[1]}"'),
        ("prefix", "lightho*"),
        ("two words", f"{COMMON} {PHRASE[0]}"),
        ("word OR word", f"{PHRASE[0]} OR {PHRASE[1]}"),
        ("word in the title", f"title:{title_word.lower()}"),
        ("author", f'author:"{author}"'),
        ("filters only: tag + unread", f"tag:{some_tag} is:unread"),
        ("filters only: feed + date", f"feed:{feed_word} after:90d"),
        ("filters only: site", f"site:{site}"),
        ("words + filters", f"{FREQUENT} is:unread after:30d"),
        ("words + tag", f"{FREQUENT} tag:{some_tag}"),
        ("words + feed + date", f"{FREQUENT} feed:{feed_word} after:1y"),
        ("common word + unread + date", f"{COMMON} is:unread after:30d"),
        ("common word + unread", f"{COMMON} is:unread"),
        ("common word + tag", f"{COMMON} tag:{some_tag}"),
        ("common word + folder", f'{COMMON} folder:"{folder}"'),
        ("common word + site", f"{COMMON} site:{site}"),
        ("common word + language", f"{COMMON} lang:de"),
        ("common word + starred", f"{COMMON} is:starred"),
        ("common word - rare word", f"{COMMON} -{PHRASE[0]}"),
        ("common word - frequent word", f"{COMMON} -{FREQUENT}"),
        ("common word - tag", f"{COMMON} -tag:{some_tag}"),
        ("exclusion only: unread - word", f"is:unread -{COMMON}"),
        ("exclusion only: tag - word", f"tag:{some_tag} -{COMMON}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the library in this file (built if missing)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", help="run only the query kinds whose label holds this")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.sqlite"
    if not path.exists():
        build_report(path, build(path, args.articles), args.articles)
    else:
        print(f"using {path} (Folio's index build is timed only when the library is made)")
        if not peer_path(path).exists():
            fill_peer(path)
    lib = Library(path, clock=lambda: NOW)
    peer = Peer(path)
    print(
        f"\nmedians of {args.runs} runs in ms, wall clock (CPU): the {LIMIT} best by relevance"
        f" and the newest {LIMIT}, loaded with snippets (each with its slowest run); the count;"
        " the same two by the peer"
    )
    print(
        f"{'query kind':30} {'relevance':>13} {'worst':>6} {'newest':>13} {'worst':>6}"
        f" {'count':>13}"
        f"  {'peer rel.':>9} {'peer new.':>9}  matches  query"
    )
    worst: dict[str, tuple[float, str]] = {}
    for label, text in queries(lib):
        if args.only and args.only not in label:
            continue
        rel_ms, rel_cpu, found = timed(partial(lib.search, text, limit=LIMIT), args.runs)
        rel_worst = SLOWEST_RUN[0]
        new_ms, new_cpu, _ = timed(
            partial(lib.search, text, limit=LIMIT, order="newest"), args.runs
        )
        new_worst = SLOWEST_RUN[0]
        count_ms, count_cpu, total = timed(partial(lib.count_search, text), args.runs)
        peer_rel, _, _ = timed(partial(peer.search, text, newest=False), args.runs)
        peer_new, _, _ = timed(partial(peer.search, text, newest=True), args.runs)
        assert isinstance(found, list)
        for key, value in (("relevance", rel_ms), ("newest", new_ms)):
            worst[key] = max(worst.get(key, (0.0, "")), (value, label))
        for key, value in (("relevance, one run", rel_worst), ("newest, one run", new_worst)):
            worst[key] = max(worst.get(key, (0.0, "")), (value, label))
        for key, value in (("peer relevance", peer_rel), ("peer newest", peer_new)):
            worst[key] = max(worst.get(key, (0.0, "")), (value, label))
        print(
            f"{label:30} {rel_ms:6.1f} ({rel_cpu:4.1f}) {rel_worst:6.1f}"
            f" {new_ms:6.1f} ({new_cpu:4.1f}) {new_worst:6.1f}"
            f" {count_ms:6.1f} ({count_cpu:4.1f})  {peer_rel:9.1f} {peer_new:9.1f}"
            f"  {total:>7}  {text}"
        )
    lib.save_search("Unread topic", queries(lib)[9][1], replace=True)
    lib.save_search("Common this month", f"{COMMON} after:30d", replace=True)
    lib.save_search("Lighthouses", "lighthouse*", replace=True)
    views_ms, views_cpu, _ = timed(lib.list_saved_searches, args.runs)
    print(f"\n3 saved searches with live counts: {views_ms:.1f} ms ({views_cpu:.1f} CPU)")
    print(f"slowest medians, target <= {QUERY_TARGET_MS:.0f} ms for every kind and order:")
    for key in ("relevance", "newest", "peer relevance", "peer newest"):
        if key in worst:
            value, label = worst[key]
            verdict = (
                ""
                if key.startswith("peer")
                else ("  met" if value <= QUERY_TARGET_MS else "  NOT MET")
            )
            print(f"  {key:15} {value:6.1f} ms  ({label}){verdict}")
    print("slowest single runs (the target is for medians):")
    for key in ("relevance, one run", "newest, one run"):
        if key in worst:
            value, label = worst[key]
            print(f"  {key:18} {value:6.1f} ms  ({label})")
    peer.close()
    lib.close()
    folder.cleanup()


if __name__ == "__main__":
    main()
