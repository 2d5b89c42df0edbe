"""Keeping an article's images: recognising images, fetching, deduplicating, rewriting."""

from __future__ import annotations

import hashlib

from pytest_httpserver import HTTPServer

from reader.core.errors import FetchError
from reader.services.http import HttpClient
from reader.services.images import (
    MAX_IMAGE_BYTES,
    SCHEME,
    image_urls,
    localize_images,
    rewrite_images,
    sniff_image,
)
from tests.services.test_mhtml import PNG

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00"
    b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_sniff_image() -> None:
    assert sniff_image(PNG) == "image/png"
    assert sniff_image(GIF) == "image/gif"
    assert sniff_image(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>") is None
    assert sniff_image(b"<html>not an image</html>") is None


def test_image_urls_and_rewrite() -> None:
    html = (
        '<p>Text</p><img src="https://a.example/1.png"><picture><source srcset="https://a.example/2.webp">'
        '<img src="https://a.example/2.png"></picture><img src="https://a.example/1.png">'
    )
    assert image_urls(html) == ["https://a.example/1.png", "https://a.example/2.png"]
    rewritten = rewrite_images(html, {"https://a.example/1.png": "ab" * 32})
    assert rewritten.count(f'src="{SCHEME}{"ab" * 32}"') == 2
    assert "2.png" not in rewritten and "srcset" not in rewritten
    assert "<p>Text</p>" in rewritten


def test_localize_fetches_checks_and_deduplicates(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a.png").respond_with_data(PNG, content_type="image/png")
    # The same picture under a second address is stored once.
    httpserver.expect_request("/copy.png").respond_with_data(PNG, content_type="image/png")
    # A server that calls an image something else is not believed: the bytes decide.
    httpserver.expect_request("/g").respond_with_data(GIF, content_type="application/octet-stream")
    httpserver.expect_request("/page.png").respond_with_data(
        b"<html>oops</html>", content_type="image/png"
    )
    httpserver.expect_request("/gone.png").respond_with_data("", status=404)
    httpserver.expect_request("/huge.png").respond_with_data(
        PNG + b"\0" * (MAX_IMAGE_BYTES + 1), content_type="image/png"
    )
    names = ("a.png", "copy.png", "g", "page.png", "gone.png", "huge.png")
    html = "".join(f'<img src="{httpserver.url_for("/" + n)}" alt="{n}">' for n in names)
    with HttpClient(max_bytes=MAX_IMAGE_BYTES) as client:

        def fetch(url: str) -> tuple[str | None, bytes]:
            response = client.get(url)
            return response.content_type, response.content

        result = localize_images(html, fetch)
    assert [image.mime for image in result.images] == ["image/png", "image/gif"]
    assert result.failed == 3
    assert result.mapping == {
        httpserver.url_for("/a.png"): sha(PNG),
        httpserver.url_for("/copy.png"): sha(PNG),
        httpserver.url_for("/g"): sha(GIF),
    }
    assert "http" not in result.html
    assert result.html.count(SCHEME) == 3


def test_known_and_bundled_images_are_not_fetched() -> None:
    def fetch(url: str) -> tuple[str | None, bytes]:
        raise FetchError(f"no network for {url}")

    html = '<img src="https://a.example/k.png"><img src="https://a.example/m.png">'
    result = localize_images(
        html,
        fetch,
        known={"https://a.example/k.png": sha(GIF)},
        resources={"https://a.example/m.png": ("image/png", PNG)},
    )
    assert result.failed == 0
    assert [image.sha256 for image in result.images] == [sha(PNG)]
    assert result.mapping["https://a.example/k.png"] == sha(GIF)
