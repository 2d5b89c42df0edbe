"""Importing large exports.

Generates a Pocket CSV of 20,000 links (tags, both statuses, a few broken rows), imports it into
a new library and prints how long that takes before any page is fetched (target: <= 10 s) and
how long a second import of the same file takes (it adds nothing); then imports it once more
while another thread reads pages of 200 articles as the window does, and prints how long those
reads took.

Then does the same (first and second import) for a file of 20,000 items in each of the other
formats read since: wallabag 1.x, Omnivore JSON, Delicious, Readability, elCurator, Readwise
Reader CSV, Readwise's highlights CSV (two highlights an article), Raindrop.io CSV and HTML, and
Feedbin's starred entries (whose items carry their text, which is sanitized and indexed on the
way in), plus a Shaarli bookmark file.

    nice python bench/import.py [--items N] [--cli] [--formats pocket,feedbin,…]
"""

from __future__ import annotations

import argparse
import html
import json
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
from reader.services.importers import FORMATS  # noqa: E402

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


class Fake:
    """Titles, addresses, tags and dates for generated items, the same on every run."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)

    def title(self) -> str:
        return " ".join(self.rng.sample(WORDS, 5)).title()

    def url(self, i: int) -> str:
        return f"https://site{self.rng.randint(1, 400)}.example/posts/{i}"

    def tags(self) -> list[str]:
        return self.rng.sample(WORDS, self.rng.randint(0, 3))

    def epoch(self, i: int) -> int:
        return 1_600_000_000 + i * 37

    def iso(self, i: int) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.epoch(i)))

    def body(self) -> str:
        # A short article: what the formats that carry text bring, sanitized on the way in.
        words = " ".join(self.rng.choice(WORDS) for _ in range(60))
        return f"<p>{words}.</p><p><a href='https://x.example/'>{words[:80]}</a></p>" * 3

    def coin(self, p: float = 0.5) -> bool:
        return self.rng.random() < p


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def gen_wallabag_v1(count: int, f: Fake) -> str:
    return json.dumps(
        [
            {
                "id": str(i),
                "title": f.title(),
                "url": f.url(i),
                "is_read": "1" if f.coin(0.6) else "0",
                "is_fav": "1" if f.coin(0.1) else "0",
                "content": f.body(),
                "user_id": "1",
                "tags": ",".join(f.tags()),
            }
            for i in range(count)
        ]
    )


def gen_omnivore(count: int, f: Fake) -> str:
    return json.dumps(
        [
            {
                "title": f.title(),
                "slug": f"slug-{i}",
                "url": f.url(i),
                "savedAt": f.iso(i),
                "isArchived": f.coin(0.6),
                "readingProgressPercent": f.rng.randint(0, 100),
                "labels": [{"name": t} for t in f.tags()],
                "state": "SUCCEEDED",
                "description": f.title(),
            }
            for i in range(count)
        ]
    )


def gen_delicious(count: int, f: Fake) -> str:
    return json.dumps(
        [
            {
                "title": f.title(),
                "tags": f.tags(),
                "url": f.url(i),
                "description": f.title(),
                "created": str(f.epoch(i)),
                "owner": "me",
                "private": "0",
            }
            for i in range(count)
        ]
    )


def gen_readability(count: int, f: Fake) -> str:
    bookmarks = [
        {
            "article__excerpt": f.title(),
            "favorite": f.coin(0.1),
            "date_archived": None,
            "article__url": f.url(i),
            "date_added": f.iso(i).rstrip("Z"),
            "date_favorited": None,
            "article__title": f.title(),
            "archive": f.coin(0.6),
        }
        for i in range(count)
    ]
    return json.dumps({"bookmarks": bookmarks, "recommendations": []})


def gen_elcurator(count: int, f: Fake) -> str:
    return json.dumps(
        [
            {
                "created_at": f.iso(i).replace("T", " ").replace("Z", " UTC"),
                "title": f.title(),
                "url": f.url(i),
                "description": None,
                "tags": f.tags(),
                "is_saved": f.coin(0.2),
            }
            for i in range(count)
        ]
    )


def gen_feedbin(count: int, f: Fake) -> str:
    return json.dumps(
        [
            {
                "id": i,
                "title": f.title(),
                "author": "Someone",
                "content": f.body(),
                "url": f.url(i),
                "published": f.iso(i),
                "created_at": f.iso(i + 1),
            }
            for i in range(count)
        ]
    )


def gen_readwise_reader(count: int, f: Fake) -> str:
    lines = ["Title,URL,Document tags,Saved date,Reading progress,Location,Seen"]
    for i in range(count):
        tags = repr(f.tags())
        where = f.rng.choice(["new", "later", "shortlist", "archive"])
        lines.append(
            f"{_csv_cell(f.title())},{f.url(i)},{_csv_cell(tags)},"
            f"{f.iso(i).replace('T', ' ').replace('Z', '+00:00')},{f.rng.random():.2f},{where},True"
        )
    return "\n".join(lines) + "\n"


def gen_readwise_highlights(count: int, f: Fake) -> str:
    # The layout Readwise imports (and Folio exports): a row per highlight, two an article.
    lines = ["Highlight,Title,Author,URL,Note,Location,Date"]
    for i in range(count):
        title, url = _csv_cell(f.title()), f.url(i)
        for n in range(2):
            note = _csv_cell(f.title()) if f.coin(0.3) else ""
            lines.append(
                f"{_csv_cell(f.title())},{title},Someone,{url},{note},{n},"
                f"{f.iso(i).replace('T', ' ').rstrip('Z')}"
            )
    return "\n".join(lines) + "\n"


def gen_raindrop(count: int, f: Fake) -> str:
    lines = ["id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite"]
    for i in range(count):
        folder = f.rng.choice(["Unsorted", "Reading", "Reading/Python"])
        lines.append(
            f"{i},{_csv_cell(f.title())},,{_csv_cell(f.title())},{f.url(i)},{folder},"
            f"{_csv_cell(', '.join(f.tags()))},{f.iso(i)},,,{'true' if f.coin(0.1) else 'false'}"
        )
    return "\n".join(lines) + "\n"


def _netscape(count: int, f: Fake, title: str, tag_separator: str) -> str:
    lines = [
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
        f"<TITLE>{title}</TITLE>",
        f"<H1>{title}</H1>",
        "<DL><p>",
    ]
    for i in range(count):
        tags = tag_separator.join(f.tags())
        lines.append(
            f'<DT><A HREF="{f.url(i)}" ADD_DATE="{f.epoch(i)}" TAGS="{tags}">'
            f"{html.escape(f.title())}</A>"
        )
        if f.coin(0.3):
            lines.append(f"<DD>{html.escape(f.title())}")
    lines.append("</DL><p>")
    return "\n".join(lines) + "\n"


def gen_raindrop_html(count: int, f: Fake) -> str:
    return _netscape(count, f, "Raindrop.io Bookmarks", ",")


def gen_shaarli(count: int, f: Fake) -> str:
    return _netscape(count, f, "Shaarli export of all bookmarks", " ")


GENERATORS = {
    "wallabag-v1": ("wallabag.json", gen_wallabag_v1),
    "omnivore": ("omnivore.json", gen_omnivore),
    "delicious": ("delicious.json", gen_delicious),
    "readability": ("readability.json", gen_readability),
    "elcurator": ("elcurator.json", gen_elcurator),
    "readwise-reader": ("Reader.csv", gen_readwise_reader),
    "readwise-highlights": ("readwise.csv", gen_readwise_highlights),
    "raindrop": ("raindrop.csv", gen_raindrop),
    "raindrop-html": ("raindrop.html", gen_raindrop_html),
    "feedbin": ("starred.json", gen_feedbin),
    "bookmarks": ("shaarli.html", gen_shaarli),
}


def time_format(folder: Path, fmt: str, count: int) -> None:
    name, generate_file = GENERATORS[fmt]
    source = folder / name
    source.write_text(generate_file(count, Fake()), encoding="utf-8")
    with Library(folder / f"{fmt}.sqlite") as lib:
        start, cpu = time.perf_counter(), time.process_time()
        report = lib.import_file(source)
        took = time.perf_counter() - start
        cpu = time.process_time() - cpu
        start = time.perf_counter()
        again = lib.import_file(source)
        second = time.perf_counter() - start
    label = FORMATS[fmt].split(" ", 1)[1]
    print(
        f"{label:<32} {source.stat().st_size / 1e6:5.1f} MB  first {took:6.2f} s"
        f" (cpu {cpu:5.2f} s; {report.added:,} added, {report.with_content:,} with text)"
        f"  second {second:5.2f} s (added {again.added})"
    )


def import_in_process(folder: Path, source: Path) -> None:
    with Library(folder / "library.sqlite") as lib:
        start, cpu = time.perf_counter(), time.process_time()
        report = lib.import_file(source)
        took = time.perf_counter() - start
        cpu = time.process_time() - cpu
        print(report.summary())
        print(
            f"first import:   {took:6.2f} s  ({report.added / took:,.0f} articles/s;"
            f" {cpu:.2f} s of processor time)"
        )
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
    parser.add_argument(
        "--formats",
        default=",".join(["pocket", *GENERATORS]),
        help="the formats to time, separated by commas (default: all)",
    )
    options = parser.parse_args()
    formats = [f.strip() for f in options.formats.split(",") if f.strip()]
    with tempfile.TemporaryDirectory() as folder:
        if "pocket" in formats:
            source = Path(folder) / "part_000000.csv"
            generate(source, options.items)
            print(f"{options.items} rows, {source.stat().st_size / 1e6:.1f} MB")
            import_in_process(Path(folder), source)
            if options.cli:
                import_with_cli(Path(folder) / "cli.sqlite", source)
        others = [f for f in formats if f in GENERATORS]
        if others:
            print(f"\n{options.items:,} items in each format:")
        for fmt in others:
            time_format(Path(folder), fmt, options.items)


if __name__ == "__main__":
    main()
