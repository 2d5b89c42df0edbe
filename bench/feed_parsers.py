"""Feed parsers for Folio's fast path, side by side: speed, and what they would make Folio store.

For each reader of RSS and Atom it prints

* its own parse speed on the feeds ``bench/refresh.py`` generates (CPU seconds, MB per CPU
  second), and the speed of the whole of ``parse_feed`` (bounding, parsing, sanitising,
  building the articles) when the fast path is that reader;
* on the differential corpus of ``tests/services/feed_corpus.py``: how many documents it reads
  to the same stored entries and feed fields as feedparser (field by field), how many differ,
  how many it refuses or fails on.

The readers: feedparser (the reference), Folio's own lxml reader (``reader.services.feed_lxml``),
and, when installed, ``fastfeedparser`` and ``feedparser-rs`` (``pip install fastfeedparser
feedparser-rs`` into .venv to measure them; Folio does not depend on them). Each third-party
reader is mapped onto the dictionary feedparser makes, as a fast path built on it would have
to; it has no way to refuse a document, so every difference is one a user would see.

    .venv/bin/python bench/feed_parsers.py [--feeds 60]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from refresh import make_feed  # noqa: E402

from reader.services import feeds  # noqa: E402
from reader.services.feed_lxml import Refused, read_feed  # noqa: E402
from tests.services.feed_corpus import CASES  # noqa: E402

NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
Reader = Callable[[bytes, str, str | None], dict[str, Any] | None]


def _struct(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).astimezone(UTC).timetuple()
        except ValueError:
            return None
    return value


def _fastfeedparser_reader() -> Reader | None:
    try:
        import fastfeedparser
    except ImportError:
        return None

    def read(data: bytes, url: str, language: str | None) -> dict[str, Any]:
        result = fastfeedparser.parse(data)
        entries = []
        for raw in result.entries:
            entry = dict(raw)
            entry["summary"] = raw.get("description")
            entry["summary_detail"] = {"type": "text/html", "base": None}
            entry["content"] = [
                {**c, "type": _type(c.get("type"))} for c in raw.get("content") or ()
            ]
            entry["published_parsed"] = _struct(raw.get("published"))
            entry["updated_parsed"] = _struct(raw.get("updated"))
            entry["links"] = list(raw.get("links") or ()) + [
                {"rel": "enclosure", **e} for e in raw.get("enclosures") or ()
            ]
            entries.append(entry)
        return {"version": "fast", "feed": dict(result.feed), "entries": entries, "bozo": False}

    return read


def _type(kind: str | None) -> str:
    return {"html": "text/html", "text": "text/plain", None: "text/html"}.get(kind, kind or "")


def _feedparser_rs_reader() -> Reader | None:
    try:
        import feedparser_rs
    except ImportError:
        return None

    def detail(value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        return {"type": getattr(value, "type", None), "base": None, "value": value.value}

    def read(data: bytes, url: str, language: str | None) -> dict[str, Any]:
        result = feedparser_rs.parse(data, sanitize_html=False, resolve_relative_uris=False)
        entries = []
        for raw in result.entries:
            author = raw.author_detail
            entries.append(
                {
                    "id": raw.id,
                    "link": raw.link,
                    "title": raw.title,
                    "summary": raw.summary,
                    "summary_detail": detail(raw.summary_detail),
                    "content": [
                        {"value": c.value, "type": c.type, "base": None} for c in raw.content or ()
                    ],
                    "author": raw.author,
                    "author_detail": {"name": author.name} if author else {},
                    "published_parsed": raw.published_parsed,
                    "updated_parsed": raw.updated_parsed,
                    "created_parsed": raw.created_parsed,
                    "language": raw.language,
                    "links": [
                        {"rel": link.rel, "href": link.href, "type": getattr(link, "type", None)}
                        for link in raw.links or ()
                        if link.rel != "enclosure"
                    ]
                    + [
                        {
                            "rel": "enclosure",
                            "href": e.href,
                            "type": e.type,
                            "length": getattr(e, "length", None),
                        }
                        for e in raw.enclosures or ()
                    ],
                    "media_thumbnail": [{"url": t.url} for t in raw.media_thumbnail or ()],
                    "media_content": [
                        {"url": c.url, "type": getattr(c, "type", None)}
                        for c in raw.media_content or ()
                    ],
                    "tags": [
                        {"term": t.term, "label": getattr(t, "label", None)} for t in raw.tags or ()
                    ],
                }
            )
        feed = result.feed
        image = getattr(feed, "image", None)
        return {
            "version": result.version,
            "feed": {
                "title": feed.title,
                "link": feed.link,
                "subtitle": feed.subtitle,
                "language": feed.language,
                "icon": getattr(feed, "icon", None),
                "image": {"href": image.href} if image is not None else {},
            },
            "entries": entries,
            "bozo": False,
        }

    return read


def _lxml_reader(data: bytes, url: str, language: str | None) -> dict[str, Any] | None:
    try:
        return read_feed(data, url=url, language=language)
    except Refused:
        return None


def _parse_with(reader: Reader | None, document: bytes, url: str, headers: dict[str, str]) -> Any:
    original = feeds._read_fast
    if reader is None:
        return feeds.parse_feed(document, url=url, headers=headers, now=NOW, fast=False)
    feeds._read_fast = reader  # type: ignore[assignment]
    try:
        return feeds.parse_feed(document, url=url, headers=headers, now=NOW)
    finally:
        feeds._read_fast = original


def _stored(parsed: Any) -> tuple[Any, ...]:
    """What Folio keeps of a parsed feed: its entries, and the feed's own fields (the format's
    name and the reading notes are not kept)."""
    return (
        parsed.entries,
        parsed.title,
        parsed.site_url,
        parsed.description,
        parsed.icon_url,
        parsed.language,
        parsed.found_entries,
    )


def _raw_speed(name: str, docs: list[bytes]) -> float:
    import io

    import feedparser

    parse: Callable[[bytes], Any]
    if name == "feedparser":

        def parse(d: bytes) -> Any:
            return feedparser.parse(io.BytesIO(d), sanitize_html=False, resolve_relative_uris=False)
    elif name == "lxml (Folio)":

        def parse(d: bytes) -> Any:
            return read_feed(d, url="http://127.0.0.1/")
    elif name == "fastfeedparser":
        import fastfeedparser

        parse = fastfeedparser.parse
    else:
        import feedparser_rs

        def parse(d: bytes) -> Any:
            return feedparser_rs.parse(d, sanitize_html=False, resolve_relative_uris=False)

    start = time.process_time()
    for document in docs:
        parse(document)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=60)
    options = parser.parse_args()
    origin = "http://127.0.0.1:8000"
    docs = [make_feed(index, 1, origin) for index in range(options.feeds)]
    megabytes = sum(map(len, docs)) / 1e6
    readers: dict[str, Reader | None] = {"feedparser": None, "lxml (Folio)": _lxml_reader}
    for name, factory in (
        ("fastfeedparser", _fastfeedparser_reader),
        ("feedparser-rs", _feedparser_rs_reader),
    ):
        reader = factory()
        if reader is None:
            print(f"{name} not installed: left out")
        else:
            readers[name] = reader
    print(f"{len(docs)} generated feeds, {megabytes:.1f} MB; corpus of {len(CASES)} documents")
    print(
        f"{'reader':<16}{'parse only':>22}{'parse_feed':>22}"
        f"{'corpus: same':>15}{'differ':>8}{'refused':>9}{'failed':>8}"
    )
    for name, reader in readers.items():
        raw = _raw_speed(name, docs)
        start = time.process_time()
        for index, document in enumerate(docs):
            _parse_with(reader, document, f"{origin}/feeds/{index}.xml", {})
        whole = time.process_time() - start
        same = differ = refused = failed = 0
        for case in CASES:
            reference = _parse_with(None, case.document, case.url, case.headers)
            if name == "lxml (Folio)" and feeds.fast_reading_refused(
                case.document, url=case.url, headers=case.headers
            ):
                refused += 1
                continue
            try:
                result = _parse_with(reader, case.document, case.url, case.headers)
            except Exception:
                failed += 1
                continue
            if _stored(result) == _stored(reference):
                same += 1
            else:
                differ += 1
        print(
            f"{name:<16}{raw:7.2f} s {megabytes / raw:6.1f} MB/s"
            f"{whole:7.2f} s {megabytes / whole:6.2f} MB/s"
            f"{same:>15}{differ:>8}{refused:>9}{failed:>8}"
        )
    print("(CPU seconds in this process; 'refused' documents go to feedparser, so are the same)")


if __name__ == "__main__":
    main()
