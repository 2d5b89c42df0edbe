"""Subscribing, feed options, folders and OPML through the library API."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.core.errors import DuplicateError, FeedError, FetchError, NotFoundError, UserError
from reader.core.types import ArticleFilter
from reader.library import Library
from tests.library.feed_docs import FeedServer, simple_feed


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def test_subscribe_to_a_feed_stores_its_articles(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/feed.xml", simple_feed("Blog", 3))
    result = library.subscribe(url, folder="Reading/Blogs")
    assert result.feed.url == url
    assert result.feed.title == "Blog"
    assert result.feed.site_url == feeds.server.url_for("/site/")
    assert result.feed.folder == "Reading/Blogs"
    assert result.new_articles == 3
    assert result.feed.total == 3
    assert result.feed.etag is not None
    # The first fetch already happened: the next refresh is a conditional one.
    assert library.refresh([result.feed.id]).not_modified == 1


def test_subscribe_fetches_the_icon(
    library: Library, httpserver: HTTPServer, feeds: FeedServer
) -> None:
    ico = b"\x00\x00\x01\x00" + b"\x01" * 20
    httpserver.expect_request("/favicon.ico").respond_with_data(ico, content_type="image/x-icon")
    result = library.subscribe(feeds.add("/feed.xml", simple_feed("Blog", 1)))
    assert library.feed_icon(result.feed.id) == ("image/x-icon", ico)


def test_subscribe_through_a_page(
    library: Library, httpserver: HTTPServer, feeds: FeedServer
) -> None:
    main = feeds.add("/main.xml", simple_feed("Main", 1))
    other = feeds.add("/other.xml", simple_feed("Other", 1))
    page = (
        f'<html><head><link rel="alternate" type="application/rss+xml" href="{main}">'
        f'<link rel="alternate" type="application/atom+xml" href="{other}"></head></html>'
    )
    httpserver.expect_request("/").respond_with_data(page, content_type="text/html")
    result = library.subscribe(httpserver.url_for("/"), title="My own title")
    assert result.feed.url == main
    assert result.feed.title == "My own title"
    assert result.alternatives == (other,)


def test_second_subscription_is_refused(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/feed.xml", simple_feed("Blog", 1))
    first = library.subscribe(url)
    with pytest.raises(DuplicateError, match=f"feed {first.feed.id}"):
        library.subscribe(url)
    # Also when reached through a page that points at it.
    feeds.server.expect_request("/").respond_with_data(
        f'<html><head><link rel="alternate" type="application/rss+xml" href="{url}"></head></html>',
        content_type="text/html",
    )
    with pytest.raises(DuplicateError):
        library.subscribe(feeds.server.url_for("/"))
    assert len(library.list_feeds()) == 1


def test_subscribe_errors_are_user_errors(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/404").respond_with_data(b"", status=404)
    httpserver.expect_request("/page").respond_with_data(
        b"<html><body>x</body></html>", content_type="text/html"
    )
    with pytest.raises(UserError, match="not a web address"):
        library.subscribe("not a url")
    with pytest.raises(FetchError, match="404"):
        library.subscribe(httpserver.url_for("/404"))
    with pytest.raises(FeedError, match="no feed found"):
        library.subscribe(httpserver.url_for("/page"))
    assert library.list_feeds() == []


def test_feed_options(library: Library) -> None:
    feed = library.add_feed("https://a.example/rss", title="A")
    changed = library.set_feed_options(
        feed.id, title="  New   name ", fetch_full_text=True, folder="X/Y"
    )
    assert changed.title == "New name"
    assert changed.fetch_full_text
    assert changed.folder == "X/Y"
    moved = library.move_feed(feed.id, None)
    assert moved.folder is None
    assert moved.title == "New name"
    readdressed = library.set_feed_options(feed.id, url="https://b.example/rss")
    assert readdressed.url == "https://b.example/rss"
    assert readdressed.etag is None
    other = library.add_feed("https://c.example/rss")
    with pytest.raises(DuplicateError):
        library.set_feed_options(other.id, url="https://b.example/rss")
    with pytest.raises(UserError):
        library.set_feed_options(feed.id, title="   ")
    with pytest.raises(NotFoundError):
        library.set_feed_options(999, title="x")


def test_folders(library: Library) -> None:
    news = library.create_folder("News")
    tech = library.create_folder("News/Tech")
    assert library.create_folder("News/Tech") == tech
    feed = library.add_feed("https://a.example/rss", folder="News/Tech")
    assert library.folder_paths() == [(news, "News"), (tech, "News/Tech")]
    library.rename_folder("News/Tech", "Science")
    assert library.get_feed(feed.id).folder == "News/Science"
    library.move_folder("News/Science", None)
    assert library.get_feed(feed.id).folder == "Science"
    with pytest.raises(UserError):
        library.move_folder("News", "News")
    library.delete_folder(tech)
    assert library.get_feed(feed.id).folder is None
    with pytest.raises(NotFoundError):
        library.delete_folder("Nowhere")


def test_folder_names_are_unique_among_siblings_in_any_case(library: Library) -> None:
    news = library.create_folder("News")
    assert library.create_folder("news") == news  # the same folder, as it is spelled
    uber = library.create_folder("Über")
    assert library.create_folder("über") == uber
    tech = library.create_folder("News/Tech")
    science = library.create_folder("Science")
    with pytest.raises(DuplicateError, match="already a folder “News”"):
        library.rename_folder(science, "NEWS")
    with pytest.raises(DuplicateError):
        library.rename_folder(science, "ÜBER")
    library.rename_folder(news, "NEWS")  # only its case changes: allowed
    library.create_folder("Tech")
    with pytest.raises(DuplicateError, match="already a folder “Tech”"):
        library.move_folder(tech, None)  # a top-level "Tech" is there
    with pytest.raises(NotFoundError):
        library.move_folder(tech, 999)
    assert sorted(path for _id, path in library.folder_paths()) == [
        "NEWS", "NEWS/Tech", "Science", "Tech", "Über",
    ]  # fmt: skip


def test_remove_feed_keeps_starred_and_tagged(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/feed.xml", simple_feed("Blog", 3))
    result = library.subscribe(url)
    ids = [a.id for a in library.list_articles(ArticleFilter(feed_id=result.feed.id))]
    library.mark([ids[0]], starred=True)
    library.add_tags(ids[1], ["keep"])
    deleted = library.remove_feed(result.feed.id)
    assert deleted == 1
    assert library.count_articles(ArticleFilter(saved=True)) == 2


OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Subs</title></head><body>
  <outline text="Loose" xmlUrl="https://loose.example/rss" htmlUrl="https://loose.example/"/>
  <outline text="News">
    <outline text="World" xmlUrl="https://world.example/rss"/>
    <outline text="Tech"><outline text="Gadgets" xmlUrl="https://gadgets.example/feed"/></outline>
  </outline>
  <outline text="Empty"/>
  <outline text="Broken" xmlUrl="mailto:someone@example.org"/>
  <outline text="World again" xmlUrl="https://world.example/rss"/>
</body></opml>"""


def test_import_opml_with_nested_folders(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_bytes(OPML)
    library.add_feed("https://world.example/rss", title="Already here")
    report = library.import_opml(path)
    assert report.added == (
        "https://loose.example/rss",
        "https://gadgets.example/feed",
    )
    assert report.existing == ("https://world.example/rss",)
    assert report.folders_created == 3
    assert len(report.problems) == 2
    assert "Imported 2 feeds" in report.summary()
    by_url = {f.url: f for f in library.list_feeds()}
    assert by_url["https://gadgets.example/feed"].folder == "News/Tech"
    assert by_url["https://gadgets.example/feed"].title == "Gadgets"
    assert by_url["https://loose.example/rss"].site_url == "https://loose.example/"
    assert by_url["https://world.example/rss"].title == "Already here"
    assert "Empty" in [path for _, path in library.folder_paths()]


def test_export_then_import_round_trips(library: Library, tmp_path: Path, db_path: Path) -> None:
    source = tmp_path / "in.opml"
    source.write_bytes(OPML)
    library.import_opml(source)
    target = tmp_path / "out.opml"
    assert library.export_opml(target) == 3
    with Library(tmp_path / "second.sqlite") as other:
        report = other.import_opml(target)
        assert report.problems == ()
        mine = {(f.url, f.title, f.site_url, f.folder) for f in library.list_feeds()}
        theirs = {(f.url, f.title, f.site_url, f.folder) for f in other.list_feeds()}
        assert mine == theirs
        assert [p for _, p in other.folder_paths()] == [p for _, p in library.folder_paths()]


def test_import_of_a_missing_or_bad_file(library: Library, tmp_path: Path) -> None:
    from reader.core.errors import ImportFormatError

    with pytest.raises(UserError, match="no such file"):
        library.import_opml(tmp_path / "missing.opml")
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<html>nope</html>")
    with pytest.raises(ImportFormatError):
        library.import_opml(bad)
    assert library.list_feeds() == []


def test_export_to_an_unwritable_place(library: Library, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot write"):
        library.export_opml(tmp_path / "no" / "such" / "dir.opml")
