"""Building the small feeds of the differential test of the two feed readers.

A :class:`Case` is a document with its response headers and whether the fast reader is expected
to read it itself (``fast``) or to leave it to feedparser. Whatever it does, the entries stored
must be the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

URL = "https://example.org/blog/feed.xml"


@dataclass(frozen=True)
class Case:
    name: str
    document: bytes
    fast: bool
    headers: dict[str, str] = field(default_factory=dict)
    url: str = URL


def rss(items: str, *, channel: str = "", version: str = "2.0", namespaces: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="{version}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:atom="http://www.w3.org/2005/Atom" '
        f"{namespaces}>\n<channel>\n<title>Example blog</title>\n"
        "<link>https://example.org/</link>\n<description>Notes &amp; links</description>\n"
        f"{channel}{items}</channel>\n</rss>\n"
    )


def atom(entries: str, *, feed: str = "", attributes: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" {attributes}>\n'
        "<title>Atom example</title>\n<id>urn:example:feed</id>\n"
        '<link rel="alternate" type="text/html" href="https://example.org/"/>\n'
        '<link rel="self" href="https://example.org/feed.atom"/>\n'
        f"<updated>2025-05-01T10:00:00Z</updated>\n{feed}{entries}</feed>\n"
    )


def item(body: str) -> str:
    return f"<item>{body}</item>\n"


def entry(body: str) -> str:
    return f"<entry>{body}</entry>\n"


BODY = (
    "<p>First <b>bold</b> words with <a href='/rel/page?utm_source=rss&amp;x=1'>a link</a>"
    "<img src='img/a.png' alt='pic'> and a <img src='https://t.example/p.gif' width='1'"
    " height='1'> pixel.</p><ul><li>one</li><li>two</li></ul><script>alert(1)</script>"
)


class Cases(list[Case]):
    """Cases as they are written down: a name, the document as text, and the expectation."""

    def add(
        self,
        name: str,
        text: str,
        *,
        fast: bool,
        headers: dict[str, str] | None = None,
        url: str = URL,
    ) -> None:
        self.append(Case(name, text.encode("utf-8"), fast, headers or {}, url))
