"""Finding feeds behind page addresses, against a loopback server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from reader.core.errors import FeedError, FetchError
from reader.services.discovery import common_feed_urls, discover, feed_links
from reader.services.http import HttpClient

NOW = datetime(2025, 6, 1, tzinfo=UTC)

RSS = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>Found it</title>"
    b"<link>https://s.example/</link><description>d</description>"
    b"<item><title>Entry</title><guid>1</guid></item></channel></rss>"
)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(timeout=5, trust_env=False) as c:
        yield c


def test_feed_links_ranked() -> None:
    page = b"""<html><head>
      <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed">
      <link rel="alternate" type="application/feed+json" href="/feed.json">
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" title="Posts" href="atom">
      <link rel="alternate" type="application/rss+xml" href="https://s.example/rss">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body></body></html>"""
    links = feed_links(page, "https://s.example/blog/")
    assert [link.url for link in links] == [
        "https://s.example/blog/atom",
        "https://s.example/rss",
        "https://s.example/feed.json",
        "https://s.example/comments/feed",
    ]
    assert links[0].title == "Posts"
    assert links[0].type == "application/atom+xml"


def test_feed_links_respect_base_element() -> None:
    page = (
        b'<html><head><base href="https://cdn.example/x/">'
        b"<link rel=alternate type=application/rss+xml href=feed></head></html>"
    )
    assert [link.url for link in feed_links(page, "https://s.example/")] == [
        "https://cdn.example/x/feed"
    ]


def test_feed_links_of_nothing() -> None:
    assert feed_links(b"", "https://s.example/") == []
    assert feed_links(b"<html><body>no head</body></html>", "https://s.example/") == []


def test_common_feed_urls_next_to_the_page_then_root() -> None:
    urls = common_feed_urls("https://s.example/blog/post.html")
    assert urls[0] == "https://s.example/blog/feed"
    assert "https://s.example/feed.json" in urls
    assert urls[-1] == "https://s.example/feed.json"
    assert common_feed_urls("https://s.example/")[0] == "https://s.example/feed"


def test_a_feed_address_is_taken_as_it_is(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    found = discover(client, httpserver.url_for("/feed.xml"), now=NOW)
    assert found.url == httpserver.url_for("/feed.xml")
    assert found.parsed.title == "Found it"
    assert found.alternatives == ()


def test_a_page_leads_to_its_best_feed(httpserver: HTTPServer, client: HttpClient) -> None:
    page = (
        "<html><head>"
        '<link rel="alternate" type="application/rss+xml" href="/broken.xml">'
        '<link rel="alternate" type="application/rss+xml" href="/main.xml">'
        '<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments.xml">'
        "</head><body>Hi</body></html>"
    )
    httpserver.expect_request("/").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/broken.xml").respond_with_data(b"gone", status=404)
    httpserver.expect_request("/main.xml").respond_with_data(
        RSS, content_type="application/rss+xml"
    )
    found = discover(client, httpserver.url_for("/"), now=NOW)
    assert found.url == httpserver.url_for("/main.xml")
    assert found.alternatives == (httpserver.url_for("/comments.xml"),)
    assert any("404" in note for note in found.notes)


def test_a_page_without_links_tries_usual_paths(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/").respond_with_data(
        "<html><body>plain</body></html>", content_type="text/html"
    )
    httpserver.expect_request("/index.xml").respond_with_data(RSS, content_type="text/xml")
    found = discover(client, httpserver.url_for("/"), now=NOW)
    assert found.url == httpserver.url_for("/index.xml")
    assert "usual feed address" in found.notes[-1]


def test_a_page_with_no_feed_at_all(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/").respond_with_data(
        "<html><body>plain</body></html>", content_type="text/html"
    )
    with pytest.raises(FeedError, match="no feed found"):
        discover(client, httpserver.url_for("/"), now=NOW)


def test_a_permanently_moved_feed_is_stored_at_its_new_address(
    httpserver: HTTPServer, client: HttpClient
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        b"", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(RSS, content_type="application/rss+xml")
    found = discover(client, httpserver.url_for("/old"), now=NOW)
    assert found.url == httpserver.url_for("/new")


def test_an_unreachable_address_is_a_fetch_error(
    httpserver: HTTPServer, client: HttpClient
) -> None:
    httpserver.expect_request("/missing").respond_with_data(b"", status=404)
    with pytest.raises(FetchError, match="404"):
        discover(client, httpserver.url_for("/missing"), now=NOW)
