"""Finding a feed's icon on a loopback server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from reader.services.favicon import fetch_icon, icon_links, sniff_image
from reader.services.http import HttpClient

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40
ICO = b"\x00\x00\x01\x00" + b"\1" * 40


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(timeout=5, trust_env=False) as c:
        yield c


def test_sniff_image() -> None:
    assert sniff_image(PNG) == "image/png"
    assert sniff_image(ICO) == "image/x-icon"
    assert sniff_image(b"GIF89a...") == "image/gif"
    assert sniff_image(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff_image(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert sniff_image(b'  <svg xmlns="http://www.w3.org/2000/svg"/>') == "image/svg+xml"
    assert sniff_image(b"<html>not found</html>") is None


def test_icon_links_prefer_plain_icons() -> None:
    page = b"""<html><head><link rel="apple-touch-icon" href="/touch.png">
    <link rel="shortcut icon" href="/fav.ico"><link rel="icon" href="img/i.png"></head></html>"""
    assert icon_links(page, "https://s.example/a/") == [
        "https://s.example/fav.ico",
        "https://s.example/a/img/i.png",
        "https://s.example/touch.png",
    ]


def test_declared_icon_first(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/logo.png").respond_with_data(PNG, content_type="image/png")
    found = fetch_icon(
        client,
        icon_url=httpserver.url_for("/logo.png"),
        site_url=None,
        feed_url=httpserver.url_for("/feed"),
    )
    assert found == ("image/png", PNG)


def test_site_page_icon_then_favicon_ico(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/").respond_with_data(
        '<html><head><link rel="icon" href="/missing.png"></head></html>', content_type="text/html"
    )
    httpserver.expect_request("/missing.png").respond_with_data(b"nope", status=404)
    httpserver.expect_request("/favicon.ico").respond_with_data(ICO, content_type="image/x-icon")
    found = fetch_icon(
        client,
        icon_url=None,
        site_url=httpserver.url_for("/"),
        feed_url=httpserver.url_for("/feed"),
    )
    assert found == ("image/x-icon", ICO)


def test_html_served_as_an_icon_is_refused(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/favicon.ico").respond_with_data(
        b"<html>soft 404</html>", content_type="image/x-icon"
    )
    assert (
        fetch_icon(client, icon_url=None, site_url=None, feed_url=httpserver.url_for("/feed"))
        is None
    )


def test_oversize_icon_is_refused(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/favicon.ico").respond_with_data(
        PNG + b"\0" * 300_000, content_type="image/png"
    )
    assert (
        fetch_icon(client, icon_url=None, site_url=None, feed_url=httpserver.url_for("/feed"))
        is None
    )
