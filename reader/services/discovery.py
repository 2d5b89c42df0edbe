"""Finding the feed behind an address: the address itself, the feeds a page links to with
``<link rel="alternate">``, or a feed at one of the usual paths."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from reader.core.errors import FeedError, FetchError
from reader.services.feeds import decode_document, looks_like_html, parse_feed
from reader.services.http import FetchResponse, HttpClient
from reader.services.parsed_feed import ParsedFeed

# How discovery parses what it fetched: ``parse(content, url=, headers=, now=)``, raising
# FeedError when the bytes are not a feed.
FeedParser = Callable[..., ParsedFeed]

FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, application/rdf+xml;q=0.9,"
    " application/json;q=0.8, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, */*;q=0.5"
)
COMMON_PATHS = ("feed", "rss", "atom.xml", "index.xml", "feed.xml", "feed.json")

# Lower is better: RSS and Atom before JSON Feed before a generic JSON or XML link.
_TYPE_RANK = {
    "application/atom+xml": 0,
    "application/rss+xml": 0,
    "application/rdf+xml": 1,
    "application/feed+json": 1,
    "application/x.atom+xml": 1,
    "application/x-atom+xml": 1,
    "application/x-rss+xml": 1,
    "application/json": 2,
    "application/xml": 2,
    "text/xml": 2,
}
_COMMENT_WORDS = ("comment", "kommentar", "commentaire", "комментар")


@dataclass(frozen=True, slots=True)
class FeedLink:
    url: str
    type: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Discovery:
    """The feed chosen for an address, the response it came in, and what else was found."""

    url: str
    response: FetchResponse
    parsed: ParsedFeed
    alternatives: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def _is_comments(link: FeedLink) -> bool:
    haystack = f"{link.title or ''} {link.url}".lower()
    return any(word in haystack for word in _COMMENT_WORDS)


def feed_links(html: bytes | str, page_url: str, content_type: str | None = None) -> list[FeedLink]:
    """Feeds a page advertises in ``<link rel="alternate">``, best first: site feeds before
    comment feeds, RSS and Atom before JSON, then in the page's own order."""
    text = html if isinstance(html, str) else decode_document(html, content_type)[0]
    if not text.strip():
        return []
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return []
    base = page_url
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            base = urljoin(page_url, href.strip())
        break
    found: list[tuple[tuple[int, int, int], FeedLink]] = []
    seen: set[str] = set()
    for position, element in enumerate(root.iter("link")):
        rel = (element.get("rel") or "").lower().split()
        kind = (element.get("type") or "").split(";", 1)[0].strip().lower()
        href = (element.get("href") or "").strip()
        if "alternate" not in rel or kind not in _TYPE_RANK or not href:
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        link = FeedLink(url=url, type=kind, title=(element.get("title") or "").strip() or None)
        found.append(((int(_is_comments(link)), _TYPE_RANK[kind], position), link))
    found.sort(key=lambda item: item[0])
    return [link for _, link in found]


def common_feed_urls(page_url: str) -> list[str]:
    """The usual feed paths, next to the page first and then at the site's root."""
    parts = urlsplit(page_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    bases = [root]
    directory = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    if directory not in ("", "/"):
        bases.insert(0, urljoin(root, directory))
    urls: list[str] = []
    for base in bases:
        for path in COMMON_PATHS:
            url = urljoin(base, path)
            if url not in urls:
                urls.append(url)
    return urls


def _is_page(response: FetchResponse) -> bool:
    media = response.content_type or ""
    if media in ("text/html", "application/xhtml+xml"):
        return True
    return looks_like_html(response.content)


def _stored_url(requested: str, response: FetchResponse) -> str:
    """Where to fetch from next time: a permanent redirect's target, else the address asked."""
    return response.permanent_redirect or requested


def _try_feed(
    client: HttpClient, url: str, now: datetime, parse: FeedParser
) -> tuple[FetchResponse, ParsedFeed] | str:
    """Fetch and parse ``url``; the reason it is not a feed when it is not."""
    try:
        response = client.get(url, accept=FEED_ACCEPT)
    except FetchError as exc:
        return str(exc)
    if _is_page(response):
        return f"{url} is a web page"
    try:
        return response, parse(
            response.content, url=response.url, headers=response.headers, now=now
        )
    except FeedError as exc:
        return str(exc)


def discover(
    client: HttpClient, url: str, *, now: datetime, parse: FeedParser = parse_feed
) -> Discovery:
    """The feed at ``url``, or the best feed the page at ``url`` leads to.

    Raises :class:`FetchError` when ``url`` cannot be fetched and :class:`FeedError` when no
    feed is found.
    """
    response = client.get(url, accept=FEED_ACCEPT)
    if not _is_page(response):
        parsed = parse(response.content, url=response.url, headers=response.headers, now=now)
        return Discovery(url=_stored_url(url, response), response=response, parsed=parsed)
    page_url = response.url
    links = feed_links(response.content, page_url, response.headers.get("content-type"))
    notes: list[str] = []
    for index, link in enumerate(links):
        outcome = _try_feed(client, link.url, now, parse)
        if isinstance(outcome, str):
            notes.append(f"skipped {link.url}: {outcome}")
            continue
        feed_response, parsed = outcome
        others = tuple(other.url for other in links[index + 1 :])
        return Discovery(
            url=_stored_url(link.url, feed_response),
            response=feed_response,
            parsed=parsed,
            alternatives=others,
            notes=tuple(notes),
        )
    for candidate in _unique(common_feed_urls(page_url)):
        outcome = _try_feed(client, candidate, now, parse)
        if isinstance(outcome, str):
            continue
        feed_response, parsed = outcome
        return Discovery(
            url=_stored_url(candidate, feed_response),
            response=feed_response,
            parsed=parsed,
            notes=(*notes, f"found at a usual feed address; {url} does not link to it"),
        )
    if links:
        raise FeedError(f"the feeds {url} links to could not be read ({notes[0]})")
    paths = ", ".join("/" + p for p in COMMON_PATHS)
    raise FeedError(f"no feed found at {url}: the page links to none, and none of {paths} is one")


def _unique(urls: Iterable[str]) -> list[str]:
    result: list[str] = []
    for url in urls:
        if url not in result:
            result.append(url)
    return result
