"""Saving through the library API: URLs on a loopback server, files, stdin, images, updates."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reader.core.errors import ExtractionError, FetchError, NotFoundError, UserError
from reader.core.types import SourceKind
from reader.core.updates import FeedUpdate
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from tests.factories import make_input
from tests.services.article_pages import PARAGRAPHS, article_page
from tests.services.test_images import GIF
from tests.services.test_mhtml import PNG, build_mhtml


def serve_page(httpserver: HTTPServer, path: str, html: str, **headers: str) -> str:
    httpserver.expect_request(path).respond_with_data(
        html.encode("utf-8"), content_type="text/html; charset=utf-8", headers=headers
    )
    return httpserver.url_for(path)


class Events:
    """Collects the library's change notifications."""

    def __init__(self, lib: Library) -> None:
        self.seen: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        lib.add_listener(self.record)

    def record(self, kind: str, detail: Any) -> None:
        with self._lock:
            self.seen.append((kind, detail))


def test_save_url_stores_article_and_images(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/img/bed.png").respond_with_data(PNG, content_type="image/png")
    httpserver.expect_request("/img/tree.gif").respond_with_data(GIF, content_type="image/gif")
    images = (httpserver.url_for("/img/bed.png"), httpserver.url_for("/img/tree.gif"))
    url = serve_page(httpserver, "/gardens", article_page(images=images))
    events = Events(library)

    result = library.save(url + "?utm_source=feed#top", tags=["garden"])

    article = result.article
    assert result.created
    assert article.title == "Why Gardens Grow"
    assert article.url == url
    assert article.source_kind == SourceKind.URL
    assert article.tags == ("garden",)
    assert article.site_name == "The Plot"
    assert article.word_count > 80
    assert all(p in (article.text or "") for p in PARAGRAPHS)
    html = article.content_html or ""
    assert "127.0.0.1" not in html.split("<a")[0]
    png_sha = hashlib.sha256(PNG).hexdigest()
    assert f"folio-image:{png_sha}" in html
    assert library.image(png_sha) == ("image/png", PNG)
    assert library.image(f"folio-image:{hashlib.sha256(GIF).hexdigest()}") == ("image/gif", GIF)
    assert library.image("0" * 64) is None
    assert ("articles", [article.id]) in events.seen
    assert library.search("compost")[0].id == article.id


def test_saving_a_url_again_updates_instead_of_duplicating(
    library: Library, httpserver: HTTPServer
) -> None:
    url = serve_page(httpserver, "/gardens", article_page())
    first = library.save(url)
    library.mark([first.article.id], read=True, starred=True)
    library.set_note(first.article.id, "lovely")

    again = library.save(url + "?fbclid=abc", tags=["later"])

    assert not again.created
    assert again.article.id == first.article.id
    assert any("already in the library" in note for note in again.notes)
    assert again.article.read and again.article.starred
    assert again.article.note == "lovely"
    assert again.article.tags == ("later",)
    assert library.count_articles() == 1


@pytest.mark.parametrize("status", [404, 410, 500])
def test_http_errors_save_nothing(library: Library, httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/missing").respond_with_data("nope", status=status)
    with pytest.raises(FetchError) as caught:
        library.save(httpserver.url_for("/missing"))
    assert str(status) in str(caught.value) or "not found" in str(caught.value)
    assert library.count_articles() == 0


def test_pdf_and_image_addresses_become_link_items(
    library: Library, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/paper.pdf").respond_with_data(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf"
    )
    httpserver.expect_request("/photo").respond_with_data(
        PNG, content_type="application/octet-stream"
    )
    pdf = library.save(httpserver.url_for("/paper.pdf"))
    assert pdf.article.title == "paper.pdf"
    assert pdf.article.enclosures[0].type == "application/pdf"
    assert any("PDF document" in note for note in pdf.notes)
    photo = library.save(httpserver.url_for("/photo"))
    assert photo.article.enclosures[0].type == "image/png"
    assert any("saved as a link" in note for note in photo.notes)


def test_other_binary_responses_are_refused(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/archive.zip").respond_with_data(
        b"PK\x03\x04" + bytes(range(256)) * 4, content_type="application/zip"
    )
    with pytest.raises(ExtractionError, match="application/zip, not a web page"):
        library.save(httpserver.url_for("/archive.zip"))
    assert library.count_articles() == 0


def test_too_large_responses_are_refused(library: Library, httpserver: HTTPServer) -> None:
    library.configure_http(max_bytes=64 * 1024)
    big = article_page(paragraphs=PARAGRAPHS * 400)
    url = serve_page(httpserver, "/big", big)
    with pytest.raises(FetchError, match="larger than"):
        library.save(url)
    assert library.count_articles() == 0


def test_page_in_a_legacy_encoding(library: Library, httpserver: HTTPServer) -> None:
    page = article_page(charset="windows-1252", headline="Café Noël Gardens")
    httpserver.expect_request("/legacy").respond_with_data(
        page.encode("cp1252"), content_type="text/html"
    )
    result = library.save(httpserver.url_for("/legacy"))
    assert result.article.title == "Café Noël Gardens"


def test_save_html_file_takes_its_address_from_the_page(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "saved.htm"
    path.write_text(
        "<!-- saved from url=(0035)https://plot.example/gardens?ref=x -->\n" + article_page()
    )
    result = library.save(str(path))
    assert result.article.source_kind == SourceKind.HTML_FILE
    assert result.article.url == "https://plot.example/gardens?ref=x"
    assert result.article.title == "Why Gardens Grow"


def test_save_mhtml_uses_the_images_inside(library: Library, tmp_path: Path) -> None:
    html = article_page(images=("https://plot.example/img/bed.png",))
    path = tmp_path / "page.mhtml"
    path.write_bytes(build_mhtml(html))
    result = library.save_file(path)
    assert result.article.url == "https://plot.example/gardens"
    sha = hashlib.sha256(PNG).hexdigest()
    assert f"folio-image:{sha}" in (result.article.content_html or "")
    assert library.image(sha) == ("image/png", PNG)


def test_save_text_and_markdown_files(library: Library, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Why Gardens Grow\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    saved = library.save(str(text), title="My notes")
    assert saved.article.title == "My notes"
    assert saved.article.source_kind == SourceKind.TEXT_FILE
    assert PARAGRAPHS[1] in (saved.article.text or "")
    markdown = tmp_path / "notes.md"
    markdown.write_text("# Soil\n\n" + PARAGRAPHS[1] + "\n", encoding="utf-8")
    assert library.save(str(markdown)).article.word_count > 10


def test_save_text_from_stdin_bytes(library: Library) -> None:
    data = ("\ufeffWhy Gardens Grow\n\n" + "\n\n".join(PARAGRAPHS)).encode("utf-8")
    result = library.save_text(data, tags=["inbox"])
    assert result.created
    assert result.article.tags == ("inbox",)
    assert PARAGRAPHS[0] in (result.article.text or "")


def test_bad_files_say_why_and_save_nothing(library: Library, tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(ExtractionError, match="empty"):
        library.save(str(empty))
    binary = tmp_path / "photo.txt"
    binary.write_bytes(PNG * 50)
    with pytest.raises(ExtractionError, match="binary"):
        library.save(str(binary))
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ExtractionError, match="50 MB"):
        library.save(str(huge))
    with pytest.raises(UserError, match="no such file"):
        library.save(str(tmp_path / "absent.html"))
    with pytest.raises(UserError, match=r"https://example\.org"):
        library.save("example.org")
    with pytest.raises(UserError, match="folder"):
        library.save_file(tmp_path)
    assert library.count_articles() == 0


def test_extract_stores_nothing(library: Library, httpserver: HTTPServer) -> None:
    url = serve_page(httpserver, "/gardens", article_page())
    page = library.extract(url + "?utm_medium=x")
    assert page.title == "Why Gardens Grow"
    assert page.url == url
    assert library.count_articles() == 0


def test_reextract_keeps_tags_state_and_note(library: Library, httpserver: HTTPServer) -> None:
    html = {"page": article_page(paragraphs=PARAGRAPHS[:2])}
    httpserver.expect_request("/gardens").respond_with_handler(
        lambda request: Response(html["page"], content_type="text/html")
    )
    saved = library.save(httpserver.url_for("/gardens"), tags=["garden"])
    article_id = saved.article.id
    library.mark([article_id], read=True, starred=True)
    library.set_note(article_id, "keep")
    html["page"] = article_page(paragraphs=PARAGRAPHS)

    # Extracted again from the page kept at save time: the site's new version is not read.
    assert library.reextract([article_id]) == []
    article = library.get_article(article_id)
    assert PARAGRAPHS[1] in (article.text or "") and PARAGRAPHS[3] not in (article.text or "")
    assert article.tags == ("garden",) and article.read and article.starred

    assert library.reextract([article_id], refetch=True) == []

    article = library.get_article(article_id)
    assert PARAGRAPHS[3] in (article.text or "")
    assert article.tags == ("garden",) and article.read and article.starred
    assert article.note == "keep"
    assert library.reextract(None) == []
    with pytest.raises(NotFoundError):
        library.reextract([9999])


def test_reextract_reads_the_kept_page_without_the_network(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(httpserver, "/kept", article_page(paragraphs=PARAGRAPHS[:3]))
    from_web = library.save(url).article.id
    page_file = tmp_path / "saved page.html"
    page_file.write_text(article_page(paragraphs=PARAGRAPHS[1:]), encoding="utf-8")
    from_file = library.save(str(page_file)).article.id
    from_stdin = library.save_text(b"A page saved as text.\n\n" + PARAGRAPHS[0].encode())
    untitled_file = tmp_path / "garden notes.html"
    untitled_file.write_text(
        "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>",
        encoding="utf-8",
    )
    untitled = library.save(str(untitled_file)).article
    assert untitled.title == "garden notes"
    stats = library.stats()
    assert stats.kept_pages == 4 and 0 < stats.kept_pages_bytes < stats.database_bytes
    # The site goes away; the kept copies are all re-extraction needs.
    httpserver.clear()
    httpserver.expect_request("/kept").respond_with_data("gone", status=404)
    assert library.reextract(None) == []
    assert PARAGRAPHS[2] in (library.get_article(from_web).text or "")
    assert PARAGRAPHS[3] in (library.get_article(from_file).text or "")
    assert PARAGRAPHS[0] in (library.get_article(from_stdin.article.id).text or "")
    # A page without a title of its own keeps the article's (here the file's name).
    assert library.get_article(untitled.id).title == "garden notes"
    # Asking for the page as it is now reports the dead address and keeps the article whole.
    failures = library.reextract([from_web], refetch=True)
    assert len(failures) == 1 and "404" in failures[0]
    assert PARAGRAPHS[2] in (library.get_article(from_web).text or "")
    # A file has no address to fetch again: its kept copy is used even when asked to refetch.
    assert library.reextract([from_file], refetch=True) == []
    # Deleting an article deletes its kept page.
    library.delete_articles([from_web])
    assert library.stats().kept_pages == 3


def add_feed_article(library: Library, url: str, *, summary: str) -> int:
    def write() -> int:
        feed_id = store_feeds.add_feed("https://feeds.example/rss", title="Feed", now=library.now())
        store_feeds.update_feed(feed_id, FeedUpdate(fetch_full_text=True))
        item = make_input("Feed title", summary, url=url, kind=SourceKind.FEED)
        return store_articles.insert_article(item, now=library.now(), feed_id=feed_id)

    return library.writer.run(write)


def test_full_text_for_feed_articles(library: Library, httpserver: HTTPServer) -> None:
    url = serve_page(httpserver, "/story", article_page())
    article_id = add_feed_article(library, url, summary="Only a teaser.")

    assert library.fetch_full_text_for([article_id]) == []

    article = library.get_article(article_id)
    assert article.title == "Feed title"
    assert article.feed_id is not None
    assert all(p in (article.text or "") for p in PARAGRAPHS)
    assert library.stats().kept_pages == 0  # a feed's pages are fetched again, not kept
    assert library.reextract([article_id]) == []
    assert library.stats().kept_pages == 0


def test_full_text_failure_keeps_the_summary(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    article_id = add_feed_article(library, httpserver.url_for("/gone"), summary="The teaser.")

    failures = library.fetch_full_text_for([article_id])

    assert len(failures) == 1 and "Feed title" in failures[0] and "404" in failures[0]
    assert library.get_article(article_id).text == "The teaser."


def test_cache_images_of_a_feed_article(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/p.png").respond_with_data(PNG, content_type="image/png")
    article_id = add_feed_article(library, "https://feeds.example/a", summary="x")
    html = f'<p>Look:</p><img src="{httpserver.url_for("/p.png")}">'

    def write() -> None:
        from reader.store import images as store_images

        store_images.set_article_html(article_id, html)

    library.writer.run(write)

    assert library.cache_images(article_id) == 1

    stored = library.get_article(article_id).content_html or ""
    assert "127.0.0.1" not in stored
    assert f"folio-image:{hashlib.sha256(PNG).hexdigest()}" in stored


def test_file_urls_are_files(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(article_page(), encoding="utf-8")
    assert library.save(path.as_uri()).article.title == "Why Gardens Grow"


def test_saving_a_feed_articles_page_keeps_it_in_its_feed(
    library: Library, httpserver: HTTPServer
) -> None:
    url = serve_page(httpserver, "/story", article_page())
    article_id = add_feed_article(library, url, summary="Only a teaser.")

    result = library.save(url)

    assert not result.created
    assert result.article.id == article_id
    assert result.article.feed_id is not None
    assert result.article.source_kind == SourceKind.FEED
    assert PARAGRAPHS[3] in (result.article.text or "")


def test_stylesheets_and_scripts_are_not_pages(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/site.css").respond_with_data(
        "body { color: black; }\n" * 20, content_type="text/css"
    )
    with pytest.raises(ExtractionError, match="text/css, not a web page"):
        library.save(httpserver.url_for("/site.css"))
    assert library.count_articles() == 0


def test_plain_text_responses_are_saved_as_text(library: Library, httpserver: HTTPServer) -> None:
    text = "Why Gardens Grow\n\n" + "\n\n".join(PARAGRAPHS)
    httpserver.expect_request("/notes.txt").respond_with_data(
        text, content_type="text/plain; charset=utf-8"
    )
    result = library.save(httpserver.url_for("/notes.txt"))
    assert result.article.source_kind == SourceKind.URL
    assert PARAGRAPHS[2] in (result.article.text or "")
