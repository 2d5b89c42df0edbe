"""Small feeds written for the tests, and a loopback feed server whose answers a test can
change between refreshes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import format_datetime
from hashlib import sha1

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.factories import BASE_TIME


@dataclass
class Item:
    guid: str | None
    title: str
    link: str | None = None
    body: str = "<p>Body</p>"
    categories: tuple[str, ...] = ()


SITE = "https://site.example/"


def rss(title: str, items: list[Item], *, site: str = SITE) -> bytes:
    parts = []
    for n, item in enumerate(items):
        guid = f"<guid isPermaLink='false'>{item.guid}</guid>" if item.guid else ""
        link = f"<link>{item.link}</link>" if item.link else ""
        cats = "".join(f"<category>{c}</category>" for c in item.categories)
        date = format_datetime(BASE_TIME.replace(hour=n % 24))
        parts.append(
            f"<item><title>{item.title}</title>{link}{guid}<pubDate>{date}</pubDate>{cats}"
            f"<description><![CDATA[{item.body}]]></description></item>"
        )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
        f"<link>{site}</link><description>d</description>{''.join(parts)}</channel></rss>"
    ).encode()


def simple_feed(title: str, count: int, *, prefix: str = "e") -> bytes:
    return rss(
        title,
        [
            Item(f"{prefix}{i}", f"{title} entry {i}", f"https://site.example/{prefix}{i}")
            for i in range(count)
        ],
    )


@dataclass
class FeedServer:
    """Serves ``docs[path]`` with validators, honouring conditional GET when asked to.

    ``validators``: send ETag and Last-Modified and answer 304 when they match.
    """

    server: HTTPServer
    docs: dict[str, bytes] = field(default_factory=dict)
    validators: bool = True
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, path: str, doc: bytes) -> str:
        """Serve ``doc`` at ``path``; its links to https://site.example/ point at this server
        instead, so that nothing (icons, say) is looked for beyond 127.0.0.1."""
        self.docs[path] = self.local(doc)
        self.server.expect_request(path).respond_with_handler(self._handler)
        return self.server.url_for(path)

    def update(self, path: str, doc: bytes) -> None:
        """Serve a new version of the document at ``path``."""
        self.docs[path] = self.local(doc)

    def local(self, doc: bytes) -> bytes:
        return doc.replace(SITE.encode(), self.server.url_for("/site/").encode())

    def _handler(self, request: Request) -> Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.requests.append((request.path, headers))
        doc = self.docs[request.path]
        digest = sha1(doc).hexdigest()
        etag = f'"{digest}"'
        # Each version of a document gets its own modification time.
        stamp = format_datetime(BASE_TIME + timedelta(seconds=int(digest[:6], 16)), usegmt=True)
        if self.validators:
            if "if-none-match" in headers:
                fresh = headers["if-none-match"] == etag
            else:
                fresh = headers.get("if-modified-since") == stamp
            if fresh:
                return Response(b"", status=304, headers={"ETag": etag})
            return Response(
                doc,
                content_type="application/rss+xml",
                headers={"ETag": etag, "Last-Modified": stamp},
            )
        return Response(doc, content_type="application/rss+xml")

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)
