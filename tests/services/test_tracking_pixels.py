"""Telling tracking pixels from pictures before fetching anything."""

from __future__ import annotations

import pytest

from reader.services.images import image_urls, localize_images, rewrite_images
from reader.services.sanitize import drop_tracking_pixels, is_tracker_address, is_tracking_pixel


@pytest.mark.parametrize(
    "attributes",
    [
        {"src": "https://e.example/p.gif", "width": "1", "height": "1"},
        {"src": "https://e.example/p.gif", "width": "0"},
        {"src": "https://e.example/p.gif", "height": "2px"},
        {"src": "https://e.example/p.gif", "style": "display: none"},
        {"src": "https://e.example/p.gif", "style": "visibility:hidden;"},
        {"src": "https://e.example/p.gif", "style": "width:1px;height:1px"},
        {"src": "https://e.example/p.gif", "style": "opacity: 0"},
        {"src": "https://www.google-analytics.com/collect?v=1"},
        {"src": "https://www.facebook.com/tr?id=1"},
        {"src": "https://us5.list-manage.com/track/open.php?u=1"},
        {"src": "https://stats.wp.com/b.gif"},
    ],
)
def test_pixels_are_recognised(attributes: dict[str, str]) -> None:
    assert is_tracking_pixel(attributes)


@pytest.mark.parametrize(
    "attributes",
    [
        {"src": "https://e.example/photo.jpg"},
        {"src": "https://e.example/photo.jpg", "width": "640", "height": "480"},
        {"src": "https://e.example/photo.jpg", "style": "width: 100%"},
        {"src": "https://e.example/photo.jpg", "width": "auto"},
        {"src": "https://www.facebook.com/photos/1.jpg"},
    ],
)
def test_pictures_are_not_pixels(attributes: dict[str, str]) -> None:
    assert not is_tracking_pixel(attributes)


def test_tracker_hosts_match_their_subdomains_only() -> None:
    assert is_tracker_address("https://ssl.google-analytics.com/__utm.gif")
    assert not is_tracker_address("https://not-google-analytics.com.example/a.png")


def test_a_page_loses_its_pixels_however_they_are_written() -> None:
    page = (
        "<p>a<IMG SRC=x.gif WIDTH=1 HEIGHT=1>b<img src='photo.png' width='640'>"
        '<img src="z.gif" style="display: none"/><img\nsrc="w.gif"\nheight="1"></p>'
    )
    assert drop_tracking_pixels(page) == "<p>ab<img src='photo.png' width='640'></p>"


def test_a_page_without_images_is_returned_as_it_is() -> None:
    page = "<p>No pictures</p>"
    assert drop_tracking_pixels(page) is page


def test_an_unterminated_image_tag_costs_a_scan() -> None:
    page = "<img " * 500_000 + "src=x>"
    assert drop_tracking_pixels(page).endswith("<img src=x>")


def test_pixels_are_not_among_the_images_to_fetch() -> None:
    html = (
        '<p><img src="https://e.example/a.png"><img src="https://e.example/p.gif" width="1"'
        ' height="1"><img src="https://pixel.wp.com/g.gif"></p>'
    )
    assert image_urls(html) == ["https://e.example/a.png"]


def test_images_left_remote_stay_and_pixels_go() -> None:
    html = (
        '<p><img src="https://e.example/a.png" alt="a"><img src="https://e.example/p.gif"'
        ' width="1" height="1"></p>'
    )
    assert (
        rewrite_images(html, {}, keep_remote=True)
        == '<p><img src="https://e.example/a.png" alt="a"></p>'
    )
    assert rewrite_images(html, {}) == "<p></p>"


def test_without_fetching_only_the_pages_own_images_are_kept() -> None:
    fetched: list[str] = []

    def fetch(url: str) -> tuple[str | None, bytes]:
        fetched.append(url)
        raise AssertionError("nothing may be fetched")

    from tests.services.test_mhtml import PNG

    html = '<p><img src="https://e.example/own.png"><img src="https://e.example/remote.png"></p>'
    result = localize_images(
        html,
        fetch,
        resources={"https://e.example/own.png": ("image/png", PNG)},
        fetch_remote=False,
    )
    assert fetched == []
    assert len(result.images) == 1 and result.failed == 0
    assert 'src="https://e.example/remote.png"' in result.html
    assert "folio-image:" in result.html
