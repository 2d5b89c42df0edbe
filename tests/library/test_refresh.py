"""Refreshing feeds against a real loopback server, stored in a real library file."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.core.types import ArticleFilter
from reader.core.updates import FeedUpdate
from reader.library import Library
from reader.library.refresh import RefreshOutcome, RefreshProgress
from tests.library.feed_docs import FeedServer, Item, rss, simple_feed
from tests.services.article_pages import article_page


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def _feed_articles(library: Library, feed_id: int) -> list[str]:
    return [a.title for a in library.list_articles(ArticleFilter(feed_id=feed_id), limit=1000)]


def test_first_refresh_stores_entries_and_feed_facts(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/a.xml", simple_feed("Feed A", 5))
    feed = library.add_feed(url)
    summary = library.refresh()
    assert summary.total == 1
    assert summary.new_articles == 5
    assert not summary.errors
    stored = library.get_feed(feed.id)
    assert stored.title == "Feed A"
    assert stored.site_url == feeds.server.url_for("/site/")
    assert stored.etag is not None
    assert stored.last_modified is not None and stored.last_modified.endswith(" GMT")
    assert stored.last_fetched is not None
    assert stored.next_fetch is not None and stored.next_fetch > stored.last_fetched
    assert stored.error_count == 0
    titles = _feed_articles(library, feed.id)
    # Newest first: the feed's first entry (hour 0) is the oldest by date.
    assert titles[0] == "Feed A entry 4"
    assert sorted(titles) == sorted(f"Feed A entry {i}" for i in range(5))
    found = library.search("entry")
    assert len(found) == 5


def test_not_due_feeds_are_left_alone(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/a.xml", simple_feed("A", 2))
    library.add_feed(url)
    library.refresh()
    assert library.refresh().total == 0
    assert feeds.count("/a.xml") == 1
    assert library.refresh(force=True).total == 1


def test_304_with_etag_costs_no_parse(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/a.xml", simple_feed("A", 3))
    feed = library.add_feed(url)
    library.refresh()
    summary = library.refresh(force=True)
    assert summary.not_modified == 1
    assert summary.new_articles == 0
    _, headers = feeds.requests[-1]
    assert headers["if-none-match"] == library.get_feed(feed.id).etag


def test_304_with_last_modified_only(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/a.xml", simple_feed("A", 3))
    feed = library.add_feed(url)
    library.refresh()
    # Forget the ETag: the server then matches on If-Modified-Since alone.
    from reader.store import feeds as store_feeds

    library.writer.run(lambda: store_feeds.update_feed(feed.id, FeedUpdate(etag=None)))
    summary = library.refresh(force=True)
    assert summary.not_modified == 1
    _, headers = feeds.requests[-1]
    assert "if-none-match" not in headers
    assert headers["if-modified-since"] == library.get_feed(feed.id).last_modified


def test_identical_bytes_without_validators_cost_no_parse(
    library: Library, feeds: FeedServer
) -> None:
    feeds.validators = False
    url = feeds.add("/a.xml", simple_feed("A", 3))
    library.add_feed(url)
    library.refresh()
    summary = library.refresh(force=True)
    assert summary.unchanged == 1
    assert summary.not_modified == 0
    feeds.update("/a.xml", simple_feed("A", 4))
    summary = library.refresh(force=True)
    assert summary.new_articles == 1


def test_new_and_updated_entries(library: Library, feeds: FeedServer) -> None:
    items = [Item("g1", "One", "https://s.example/1"), Item("g2", "Two", "https://s.example/2")]
    url = feeds.add("/a.xml", rss("A", items))
    feed = library.add_feed(url)
    library.refresh()
    by_title = {a.title: a for a in library.list_articles(ArticleFilter(feed_id=feed.id))}
    one = by_title["One"]
    library.mark([one.id], read=True, starred=True)
    library.add_tags(one.id, ["keep"])
    items[0] = Item("g1", "One, revised", "https://s.example/1", body="<p>New body</p>")
    items.insert(0, Item("g3", "Three", "https://s.example/3"))
    feeds.update("/a.xml", rss("A", items))
    summary = library.refresh(force=True)
    assert summary.new_articles == 1
    assert summary.updated_articles == 1
    revised = library.get_article(one.id)
    assert revised.title == "One, revised"
    assert "New body" in (revised.content_html or "")
    assert revised.read and revised.starred
    assert revised.tags == ("keep",)
    assert len(_feed_articles(library, feed.id)) == 3


def test_changed_guid_with_same_link_and_title_is_not_duplicated(
    library: Library, feeds: FeedServer
) -> None:
    url = feeds.add("/a.xml", rss("A", [Item("old-guid", "Same", "https://s.example/same")]))
    feed = library.add_feed(url)
    library.refresh()
    [article] = library.list_articles(ArticleFilter(feed_id=feed.id))
    library.mark([article.id], read=True)
    feeds.update("/a.xml", rss("A", [Item("new-guid", "Same", "https://s.example/same")]))
    summary = library.refresh(force=True)
    assert summary.new_articles == 0
    [again] = library.list_articles(ArticleFilter(feed_id=feed.id))
    assert again.id == article.id
    assert again.read


def test_two_entries_sharing_link_and_title_stay_two(library: Library, feeds: FeedServer) -> None:
    doc = rss(
        "A", [Item("a", "Same", "https://s.example/x"), Item("b", "Same", "https://s.example/x")]
    )
    url = feeds.add("/a.xml", doc)
    feed = library.add_feed(url)
    library.refresh()
    library.refresh(force=True)
    assert len(_feed_articles(library, feed.id)) == 2


def test_feed_tags_apply_but_categories_are_only_offered(
    library: Library, feeds: FeedServer
) -> None:
    doc = rss("A", [Item("g1", "Tagged", "https://s.example/1", categories=("Python",))])
    url = feeds.add("/a.xml", doc)
    feed = library.add_feed(url)
    library.set_feed_tags(feed.id, ["from-feed"])
    library.refresh()
    [article] = library.list_articles(ArticleFilter(feed_id=feed.id))
    assert article.tags == ("from-feed",)


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_updates_the_stored_url(
    library: Library, httpserver: HTTPServer, feeds: FeedServer, status: int
) -> None:
    new_url = feeds.add("/new.xml", simple_feed("Moved", 1))
    httpserver.expect_request("/old.xml").respond_with_data(
        b"", status=status, headers={"Location": new_url}
    )
    feed = library.add_feed(httpserver.url_for("/old.xml"))
    summary = library.refresh()
    assert summary.new_articles == 1
    assert library.get_feed(feed.id).url == new_url


def test_temporary_redirect_keeps_the_stored_url(
    library: Library, httpserver: HTTPServer, feeds: FeedServer
) -> None:
    new_url = feeds.add("/new.xml", simple_feed("Moved", 1))
    httpserver.expect_request("/old.xml").respond_with_data(
        b"", status=302, headers={"Location": new_url}
    )
    feed = library.add_feed(httpserver.url_for("/old.xml"))
    library.refresh()
    assert library.get_feed(feed.id).url == httpserver.url_for("/old.xml")


def test_404_counts_failures_and_backs_off(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone.xml").respond_with_data(b"no", status=404)
    feed = library.add_feed(httpserver.url_for("/gone.xml"))
    summary = library.refresh()
    assert len(summary.errors) == 1
    assert "404" in summary.errors[0].message
    first = library.get_feed(feed.id)
    assert first.error_count == 1
    assert first.last_error is not None and "404" in first.last_error
    assert first.next_fetch is not None and first.last_fetched is not None
    first_wait = first.next_fetch - first.last_fetched
    library.refresh(force=True)
    second = library.get_feed(feed.id)
    assert second.error_count == 2
    assert second.next_fetch is not None and second.last_fetched is not None
    assert second.next_fetch - second.last_fetched > first_wait
    assert not second.disabled


def test_410_disables_the_feed(library: Library, httpserver: HTTPServer, feeds: FeedServer) -> None:
    httpserver.expect_oneshot_request("/dead.xml").respond_with_data(b"", status=410)
    feed = library.add_feed(httpserver.url_for("/dead.xml"))
    library.refresh()
    dead = library.get_feed(feed.id)
    assert dead.disabled
    assert dead.last_error is not None and "410" in dead.last_error
    assert library.refresh(force=True).total == 0
    # Naming it asks for it: if it is back, it is enabled again.
    feeds.add("/dead.xml", simple_feed("Back", 1))
    summary = library.refresh([feed.id])
    assert summary.new_articles == 1
    assert not library.get_feed(feed.id).disabled


def test_429_honours_retry_after(db_path: Path, httpserver: HTTPServer) -> None:
    now = datetime(2025, 11, 3, 12, 0, tzinfo=UTC)
    httpserver.expect_request("/busy.xml").respond_with_data(
        b"", status=429, headers={"Retry-After": "7200"}
    )
    with Library(db_path, clock=lambda: now) as lib:
        feed = lib.add_feed(httpserver.url_for("/busy.xml"))
        summary = lib.refresh()
        assert "429" in summary.errors[0].message
        busy = lib.get_feed(feed.id)
        assert busy.next_fetch is not None
        # The server's two hours, measured from the real clock, beat our 15-minute backoff.
        assert busy.next_fetch >= datetime.now(UTC) + timedelta(seconds=7100)
        assert busy.error_count == 1


def test_too_slow_server_is_an_error(library: Library, httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(10)
        return Response(b"late")

    httpserver.expect_request("/slow.xml").respond_with_handler(slow)
    library.configure_http(timeout=0.3, connect_timeout=0.3)
    feed = library.add_feed(httpserver.url_for("/slow.xml"))
    try:
        summary = library.refresh()
    finally:
        release.set()
    assert "timed out" in summary.errors[0].message
    assert library.get_feed(feed.id).error_count == 1


def test_oversize_feed_is_an_error(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/big.xml", simple_feed("Big", 200))
    library.configure_http(max_bytes=10_000)
    feed = library.add_feed(url)
    summary = library.refresh()
    assert "larger than" in summary.errors[0].message
    assert library.get_feed(feed.id).total == 0


def test_broken_xml_keeps_what_can_be_read(library: Library, feeds: FeedServer) -> None:
    doc = simple_feed("Broken", 2).replace(b"</channel></rss>", b"<item><title>cut")
    url = feeds.add("/broken.xml", doc)
    feed = library.add_feed(url)
    summary = library.refresh()
    assert not summary.errors
    assert summary.new_articles >= 2
    assert any("not well-formed" in note for note in summary.notes)
    assert library.get_feed(feed.id).error_count == 0


def test_not_a_feed_is_an_error_kept_on_the_feed(library: Library, feeds: FeedServer) -> None:
    url = feeds.add("/page.xml", b"<!DOCTYPE html><html><body>hello</body></html>")
    feed = library.add_feed(url)
    summary = library.refresh()
    assert "web page" in summary.errors[0].message
    assert library.get_feed(feed.id).last_error == summary.errors[0].message


def test_many_feeds_in_parallel_with_progress(library: Library, feeds: FeedServer) -> None:
    ids = [
        library.add_feed(feeds.add(f"/f{i}.xml", simple_feed(f"F{i}", 4, prefix=f"f{i}-"))).id
        for i in range(8)
    ]
    events: list[RefreshProgress] = []
    summary = library.refresh(jobs=4, progress=events.append)
    assert summary.total == summary.done == 8
    assert summary.new_articles == 32
    assert len(summary.new_article_ids) == 32
    assert [e.done for e in events] == list(range(1, 9))
    assert events[-1].new_articles == 32
    assert {e.feed_id for e in events} == set(ids)
    assert all(e.status is RefreshOutcome.UPDATED for e in events)
    assert library.count_articles(ArticleFilter()) == 32


def test_cancel_stops_before_fetching(library: Library, feeds: FeedServer) -> None:
    for i in range(3):
        library.add_feed(feeds.add(f"/f{i}.xml", simple_feed(f"F{i}", 1)))
    cancel = threading.Event()
    cancel.set()
    summary = library.refresh(cancel=cancel)
    assert summary.cancelled
    assert summary.done == 0
    assert not feeds.requests


def test_unknown_feed_id(library: Library) -> None:
    from reader.core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        library.refresh([999])


def serve_pages(httpserver: HTTPServer, prefix: str, count: int) -> None:
    """The linked pages of a simple feed's entries, each an article of its own."""
    for i in range(count):
        page = article_page(
            headline=f"Story {prefix}{i}",
            paragraphs=(f"The whole page of story {prefix}{i}, fetched. " * 8,) * 4,
        )
        httpserver.expect_request(f"/site/{prefix}{i}").respond_with_data(
            page.encode(), content_type="text/html; charset=utf-8"
        )


def test_new_articles_are_announced_and_full_text_feeds_get_their_pages(
    library: Library, feeds: FeedServer, httpserver: HTTPServer
) -> None:
    serve_pages(httpserver, "b", 3)
    plain = library.add_feed(feeds.add("/a.xml", simple_feed("A", 2, prefix="a")))
    full = library.add_feed(feeds.add("/b.xml", simple_feed("B", 3, prefix="b")))
    library.set_feed_options(full.id, fetch_full_text=True)
    added: list[int] = []
    library.context.events.articles_added.subscribe(added.extend)
    changes: list[tuple[str, object]] = []
    library.add_listener(lambda kind, detail: changes.append((kind, detail)))
    summary = library.refresh()
    assert sorted(added) == sorted(summary.new_article_ids)
    assert len(added) == 5
    for article in library.list_articles(ArticleFilter(feed_id=full.id)):
        assert "The whole page of story" in (library.get_article(article.id).text or "")
    for article in library.list_articles(ArticleFilter(feed_id=plain.id)):
        assert "whole page" not in (library.get_article(article.id).text or "")
    assert {kind for kind, _ in changes} >= {"articles", "feeds"}


def test_retention_deletes_old_read_articles_only(db_path: Path, feeds: FeedServer) -> None:
    clock = [datetime(2025, 11, 3, 12, 0, tzinfo=UTC)]
    with Library(db_path, clock=lambda: clock[0]) as lib:
        items = [Item(f"g{i}", f"Entry {i}", f"https://s.example/{i}") for i in range(6)]
        url = feeds.add("/a.xml", rss("A", items))
        feed = lib.add_feed(url)
        lib.refresh()
        by_title = {a.title: a.id for a in lib.list_articles(ArticleFilter(feed_id=feed.id))}
        lib.mark([by_title[f"Entry {i}"] for i in range(5)], read=True)
        lib.mark([by_title["Entry 1"]], starred=True)
        lib.add_tags(by_title["Entry 2"], ["kept"])
        lib.set_retention(30)
        clock[0] += timedelta(days=40)
        # Entry 3 is still in the feed: deleting it would only bring it back as new.
        feeds.update("/a.xml", rss("A", [items[3], Item("g9", "Fresh", "https://s.example/9")]))
        summary = lib.refresh(force=True)
        assert summary.new_articles == 1
        left = set(_feed_articles(lib, feed.id))
        assert left == {"Entry 1", "Entry 2", "Entry 3", "Entry 5", "Fresh"}


def test_retention_setting(library: Library) -> None:
    from reader.core.errors import UserError

    assert library.retention_days is None
    library.set_retention(14)
    assert library.retention_days == 14
    library.set_retention(None)
    assert library.retention_days is None
    with pytest.raises(UserError):
        library.set_retention(0)


def test_icon_is_fetched_once_and_cached(
    library: Library, httpserver: HTTPServer, feeds: FeedServer
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    doc = simple_feed("A", 1).replace(
        b"<description>d</description>",
        b"<description>d</description><image><url>/icon.png</url><title>A</title><link>https://site.example/</link></image>",
    )
    url = feeds.add("/a.xml", doc)
    httpserver.expect_request("/icon.png").respond_with_data(png, content_type="image/png")
    feed = library.add_feed(url)
    assert library.feed_icon(feed.id) is None
    library.refresh()
    assert library.feed_icon(feed.id) == ("image/png", png)
    library.refresh(force=True)
    icon_requests = [entry for entry in httpserver.log if entry[0].path == "/icon.png"]
    assert len(icon_requests) == 1


def test_a_second_refresh_skips_feeds_already_being_fetched(
    library: Library, httpserver: HTTPServer
) -> None:
    entered = threading.Event()
    release = threading.Event()

    def slow(request: Request) -> Response:
        entered.set()
        release.wait(10)
        return Response(simple_feed("Slow", 1), content_type="application/rss+xml")

    httpserver.expect_request("/slow.xml").respond_with_handler(slow)
    feed = library.add_feed(httpserver.url_for("/slow.xml"))
    results = []
    first = threading.Thread(target=lambda: results.append(library.refresh()))
    first.start()
    try:
        assert entered.wait(10)
        second = library.refresh([feed.id])
        assert second.total == 0
    finally:
        release.set()
        first.join(10)
    assert results[0].new_articles == 1


def test_forced_refresh_still_honours_retry_after(library: Library, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy.xml").respond_with_data(
        b"", status=503, headers={"Retry-After": "3600"}
    )
    feed = library.add_feed(httpserver.url_for("/busy.xml"))
    library.refresh()
    assert library.refresh(force=True).total == 0
    # Naming the feed is asking for it regardless.
    assert library.refresh([feed.id]).total == 1


def test_full_text_feeds_keep_the_fetched_page(
    library: Library, feeds: FeedServer, httpserver: HTTPServer
) -> None:
    serve_pages(httpserver, "e", 3)
    feed = library.add_feed(feeds.add("/a.xml", simple_feed("A", 2)))
    library.set_feed_options(feed.id, fetch_full_text=True)
    library.refresh()
    feeds.update("/a.xml", simple_feed("A", 3))
    summary = library.refresh(force=True)
    assert summary.new_articles == 1
    assert summary.updated_articles == 0
    articles = library.list_articles(ArticleFilter(feed_id=feed.id))
    assert len(articles) == 3
    for article in articles:
        assert "The whole page of story" in (library.get_article(article.id).text or "")
