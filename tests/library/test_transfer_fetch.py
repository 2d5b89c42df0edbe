"""Links imported without their text are fetched later, from a loopback server; OPML import
and export go through the subscription code."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from pytest_httpserver import HTTPServer

from reader.core.types import ArticleFilter
from reader.library import Library
from reader.store import models as m
from tests.services.test_mhtml import PNG

PAGE = """<!DOCTYPE html><html><head><title>Sourdough at home</title></head><body>
<article><h1>Sourdough at home</h1>
<p>Feeding a starter takes flour, water and patience; the loaf rewards all three.</p>
<p>Bake it hot, let it rest, and slice it only when it has cooled completely.</p>
</article></body></html>"""


def import_links(library: Library, tmp_path: Path, urls: list[str]) -> None:
    rows = "".join(f",{url},1700000000,bread,unread\n" for url in urls)
    path = tmp_path / "links.csv"
    path.write_text("title,url,time_added,tags,status\n" + rows, encoding="utf-8")
    report = library.import_file(path)
    assert report.pending == len(urls)


def test_fetch_pending_fills_links_and_records_failures(
    library: Library, tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/bread").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    good, bad = httpserver.url_for("/bread"), httpserver.url_for("/gone")
    import_links(library, tmp_path, [good, bad])
    seen: list[tuple[int, int]] = []
    report = library.fetch_pending(progress=lambda d, t: seen.append((d, t)), jobs=2)
    assert (report.fetched, report.failed, report.remaining) == (1, 1, 0)
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert report.problems and report.problems[0].startswith(bad)
    article = next(a for a in library.list_articles() if a.url == good)
    full = library.get_article(article.id)
    assert full.title == "Sourdough at home"
    assert full.text is not None and "starter" in full.text
    assert full.tags == ("bread",)  # kept from the import
    assert [a.id for a in library.search("sourdough")] == [article.id]
    rows = {r.url: (r.fetch_status, r.fetch_error) for r in m.Article.select()}
    assert rows[good] == ("ok", None)
    assert rows[bad][0] == "failed" and rows[bad][1]
    # The same file again adds nothing, fetched or not.
    again_import = library.import_file(tmp_path / "links.csv")
    assert again_import.added == 0 and again_import.existing == 2
    # Failed links are tried again only when asked.
    assert library.fetch_pending().fetched == 0
    httpserver.clear()
    httpserver.expect_request("/gone").respond_with_data(PAGE, content_type="text/html")
    again = library.fetch_pending(retry_failed=True)
    assert again.fetched == 1 and library.count_pending() == 0


def test_fetched_links_keep_their_images_in_the_library(
    library: Library, tmp_path: Path, httpserver: HTTPServer
) -> None:
    page = PAGE.replace(
        "<p>Bake it hot", '<p><img src="/img/loaf.png" alt="A loaf"></p><p>Bake it hot'
    )
    httpserver.expect_request("/bread").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/img/loaf.png").respond_with_data(PNG, content_type="image/png")
    url = httpserver.url_for("/bread")
    import_links(library, tmp_path, [url])
    assert library.fetch_pending().fetched == 1
    article = library.get_article(next(a.id for a in library.list_articles()))
    sha = hashlib.sha256(PNG).hexdigest()
    # The pane shows the copy in the library; nothing remote is left in the article.
    assert f"folio-image:{sha}" in (article.content_html or "")
    assert "/img/loaf.png" not in (article.content_html or "")
    assert library.image(sha) == ("image/png", PNG)


def test_cancelled_fetch_leaves_links_waiting(
    library: Library, tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    import_links(library, tmp_path, [httpserver.url_for("/a"), httpserver.url_for("/b")])
    cancel = threading.Event()
    cancel.set()
    report = library.fetch_pending(cancel=cancel)
    assert report.fetched == 0 and report.remaining == 2
    # After a restart (a new Library on the same file) the links are still queued.
    path = library.path
    library.close()
    reopened = Library(path)
    try:
        assert reopened.count_pending() == 2
        assert reopened.count_articles(ArticleFilter(unread=True)) == 2
    finally:
        reopened.close()


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subs</title></head><body>
<outline text="Tech"><outline type="rss" text="One" xmlUrl="https://one.example/feed.xml"/></outline>
<outline type="rss" text="Two" xmlUrl="https://two.example/rss"/>
</body></opml>"""


def test_opml_import_and_export_go_through_the_feeds_code(library: Library, tmp_path: Path) -> None:
    source = tmp_path / "subs.opml"
    source.write_text(OPML, encoding="utf-8")
    report = library.import_file(source)
    assert report.feeds_added == 2 and report.added == 0
    assert "2 feeds subscribed" in report.summary()
    again = library.import_file(source)
    assert again.feeds_added == 0 and again.feeds_existing == 2
    out = tmp_path / "out.opml"
    assert library.export_file(out) == 2
    assert "https://one.example/feed.xml" in out.read_text(encoding="utf-8")
