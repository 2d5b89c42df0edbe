"""Saving a local file: tracking pixels are never fetched, and remote images can be left remote."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.library import Library
from tests.services.article_pages import PARAGRAPHS, article_page
from tests.services.test_mhtml import PNG


def _requested(httpserver: HTTPServer) -> list[str]:
    return [request.path for request, _ in httpserver.log]


def _page_with_pixels(httpserver: HTTPServer) -> str:
    """A page with a photo and pixels that only the page's own markup gives away."""
    for path in ("/photo.png", "/pixel.gif", "/hidden.gif", "/tiny.gif"):
        httpserver.expect_request(path).respond_with_data(PNG, content_type="image/png")
    photo = httpserver.url_for("/photo.png")
    pixels = (
        f'<p><img src="{httpserver.url_for("/pixel.gif")}" width="1" height="1" alt=""></p>'
        f'<figure><img src="{httpserver.url_for("/hidden.gif")}" style="display:none"></figure>'
        f'<p><IMG SRC={httpserver.url_for("/tiny.gif")} STYLE="width:1px;height:1px"></p>'
        '<p><img src="https://www.google-analytics.com/collect?v=1&tid=UA-1" alt=""></p>'
    )
    return article_page(images=(photo,), after_article="").replace(
        f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>{pixels}"
    )


def test_a_local_pages_tracking_pixels_are_never_fetched(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page_with_pixels(httpserver), encoding="utf-8")
    result = library.save(str(page))
    assert _requested(httpserver) == ["/photo.png"]
    html = result.article.content_html or ""
    assert f"folio-image:{hashlib.sha256(PNG).hexdigest()}" in html
    assert "gif" not in html and "google-analytics" not in html
    assert not any("could not be downloaded" in note for note in result.notes)


def test_a_markdown_files_tracker_image_is_never_fetched(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/chart.png").respond_with_data(PNG, content_type="image/png")
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Notes\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n"
        f"![chart]({httpserver.url_for('/chart.png')})\n\n"
        "![](https://www.facebook.com/tr?id=1&ev=PageView)\n\n"
        '<img src="https://pixel.wp.com/g.gif?blog=1" width="1" height="1">\n',
        encoding="utf-8",
    )
    result = library.save(str(notes))
    assert _requested(httpserver) == ["/chart.png"]
    html = result.article.content_html or ""
    assert "facebook" not in html and "pixel.wp.com" not in html


def test_images_of_local_files_can_be_left_remote(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page_with_pixels(httpserver), encoding="utf-8")
    assert library.fetch_file_images
    library.set_fetch_file_images(False)
    assert not library.fetch_file_images
    result = library.save(str(page))
    assert _requested(httpserver) == []
    html = result.article.content_html or ""
    # The photo stays remote (loaded in the window only when asked); the pixels are gone.
    assert httpserver.url_for("/photo.png") in html
    assert "gif" not in html
    # Asked for once, the images of a file are fetched all the same.
    again = library.save(str(page), images=True)
    assert _requested(httpserver) == ["/photo.png"]
    assert "folio-image:" in (again.article.content_html or "")


def test_a_single_save_can_leave_images_remote(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page_with_pixels(httpserver), encoding="utf-8")
    result = library.save_file(page, images=False)
    assert _requested(httpserver) == []
    assert httpserver.url_for("/photo.png") in (result.article.content_html or "")
    assert library.fetch_file_images  # the setting is unchanged


def test_web_pages_still_fetch_their_images_when_files_do_not(
    library: Library, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/photo.png").respond_with_data(PNG, content_type="image/png")
    page = article_page(images=(httpserver.url_for("/photo.png"),))
    httpserver.expect_request("/article").respond_with_data(page, content_type="text/html")
    library.set_fetch_file_images(False)
    result = library.save(httpserver.url_for("/article"))
    assert "/photo.png" in _requested(httpserver)
    assert "folio-image:" in (result.article.content_html or "")


@pytest.mark.parametrize("state", ["off", "on"])
def test_the_setting_on_the_command_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    from reader.cli import main

    assert main(["--db", str(db_path), "file-images", state]) == 0
    out = capsys.readouterr().out
    assert ("leaves its images remote" if state == "off" else "downloads its images") in out
    with Library(db_path) as lib:
        assert lib.fetch_file_images is (state == "on")


def test_save_no_images_on_the_command_line(
    db_path: Path, httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    page = tmp_path / "page.html"
    page.write_text(_page_with_pixels(httpserver), encoding="utf-8")
    assert main(["--db", str(db_path), "save", str(page), "--no-images"]) == 0
    assert "Saved: Why Gardens Grow" in capsys.readouterr().out
    assert _requested(httpserver) == []
