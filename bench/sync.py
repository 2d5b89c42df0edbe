"""Sync speed against a real Miniflux on 127.0.0.1: a first sync of 10,000 items, then a sync
with nothing new.

    nice .venv/bin/python bench/sync.py            # 10,000 items in 20 feeds
    nice .venv/bin/python bench/sync.py --items 2000

Miniflux comes from the tests' cache (``python3 tests/miniflux.py prepare``) and runs with its
own PostgreSQL in a temporary folder; the feeds it ingests are served from this process.
Targets: first sync under 60 s, a sync with nothing new under 1 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.library import Library  # noqa: E402
from tests.miniflux import MinifluxServer, prepare  # noqa: E402

FEEDS = 20
BASE = datetime(2026, 1, 1, tzinfo=UTC)


def feed_document(number: int, items: int) -> bytes:
    entries = []
    for i in range(items):
        date = format_datetime(BASE + timedelta(minutes=number * items + i))
        entries.append(
            f"<item><title>Feed {number} entry {i}</title>"
            f"<link>https://bench.example/{number}/{i}</link>"
            f"<guid isPermaLink='false'>bench:{number}:{i}</guid><pubDate>{date}</pubDate>"
            f"<description><![CDATA[<p>Entry {i} of feed {number}. "
            + "Some words about the matter at hand, and a few more. " * 8
            + "</p>]]></description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Bench feed {number}</title><link>https://bench.example/{number}/</link>"
        f"<description>d</description>{''.join(entries)}</channel></rss>"
    ).encode()


def serve(documents: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = documents.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    per_feed = max(1, args.items // FEEDS)
    documents = {f"/feed-{n}.xml": feed_document(n, per_feed) for n in range(FEEDS)}
    feeds = serve(documents)
    with MinifluxServer(prepare()) as miniflux:
        started = time.monotonic()
        category = miniflux.api("POST", "/v1/categories", {"title": "Bench"})["id"]
        for path in documents:
            url = f"http://127.0.0.1:{feeds.server_port}{path}"
            miniflux.api("POST", "/v1/feeds", {"feed_url": url, "category_id": category})
        total = miniflux.api("GET", "/v1/entries?limit=1")["total"]
        print(
            f"Miniflux ingested {total} items from {FEEDS} feeds in"
            f" {time.monotonic() - started:.1f} s"
        )
        with tempfile.TemporaryDirectory() as folder:
            library = Library(Path(folder) / "library.sqlite")
            try:
                library.sync.add_account(miniflux.url, miniflux.user, miniflux.password)
                started = time.monotonic()
                first = library.sync.sync()
                first_seconds = time.monotonic() - started
                started = time.monotonic()
                again = library.sync.sync()
                noop_seconds = time.monotonic() - started
                ids = [a.id for a in library.list_articles(limit=1000)]
                library.mark(ids, read=True)
                started = time.monotonic()
                sent = library.sync.sync()
                send_seconds = time.monotonic() - started
            finally:
                library.close()
    feeds.shutdown()
    print(
        f"first sync:        {first_seconds:6.2f} s  ({first.new_articles} new articles;"
        f" target < 60 s)"
    )
    print(f"nothing new:       {noop_seconds:6.2f} s  ({again.new_articles} new; target < 1 s)")
    print(f"1,000 marked read: {send_seconds:6.2f} s  ({sent.sent} changes sent)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
