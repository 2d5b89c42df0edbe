"""Feeds that attack the reader: too many items, parsing that never ends, servers that drip, a
megabyte of title. Each against a real loopback server and a real library file."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer

from reader.core.errors import FetchError
from reader.core.types import ArticleFilter
from reader.library import Library
from tests.drip_server import drip_server, feed_head
from tests.factories import BASE_TIME
from tests.library.feed_docs import FeedServer


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def _dated_feed(count: int, *, title: str = "Busy") -> bytes:
    """``count`` items, oldest first (as some podcast feeds list them)."""
    items = "".join(
        f"<item><title>Item {n}</title><guid>g{n}</guid>"
        f"<pubDate>{format_datetime(BASE_TIME - timedelta(hours=count - n))}</pubDate></item>"
        for n in range(count)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
        f"<link>https://site.example/</link>{items}</channel></rss>"
    ).encode()


def _titles(library: Library, feed_id: int) -> set[str]:
    return {a.title for a in library.list_articles(ArticleFilter(feed_id=feed_id), limit=5000)}


def test_a_refresh_keeps_the_newest_items_and_says_so(library: Library, feeds: FeedServer) -> None:
    feed = library.add_feed(feeds.add("/busy.xml", _dated_feed(1500)))
    summary = library.refresh()
    assert summary.new_articles == 1000
    assert _titles(library, feed.id) == {f"Item {n}" for n in range(500, 1500)}
    assert "Busy: kept the newest 1,000 of its 1,500 items" in summary.notes
    assert library.get_feed(feed.id).notice == "kept the newest 1,000 of its 1,500 items"
    assert library.get_feed(feed.id).last_error is None


def test_the_number_kept_is_the_feeds_own(library: Library, feeds: FeedServer) -> None:
    feed = library.add_feed(feeds.add("/busy.xml", _dated_feed(40)))
    library.set_feed_options(feed.id, keep_items=10)
    assert library.get_feed(feed.id).keep_items == 10
    summary = library.refresh()
    assert summary.new_articles == 10
    assert _titles(library, feed.id) == {f"Item {n}" for n in range(30, 40)}
    # Once the feed fits, the notice goes.
    library.set_feed_options(feed.id, keep_items=100)
    feeds.update("/busy.xml", _dated_feed(41))
    library.refresh(force=True)
    assert library.get_feed(feed.id).notice is None


def test_the_number_kept_has_bounds(library: Library, feeds: FeedServer) -> None:
    from reader.core.errors import UserError

    feed = library.add_feed(feeds.add("/a.xml", _dated_feed(2)))
    with pytest.raises(UserError, match="from 1 to 100,000 items"):
        library.set_feed_options(feed.id, keep_items=0)


def test_a_new_subscription_says_when_it_kept_only_the_newest(
    library: Library, feeds: FeedServer
) -> None:
    result = library.subscribe(feeds.add("/busy.xml", _dated_feed(1200)))
    assert result.new_articles == 1000
    assert any("kept the newest 1,000 of its 1,200 items" in note for note in result.notes)
    assert result.feed.notice == "kept the newest 1,000 of its 1,200 items"


def test_a_parse_that_overruns_its_budget_is_a_feed_error(
    db_path: object, feeds: FeedServer
) -> None:
    # Unclosed tags send feedparser down its slow path: seconds for this document.
    slow = _dated_feed(3).replace(b"</channel>", b"<b>" * 80_000 + b"</channel>")
    with Library(db_path) as library:  # type: ignore[arg-type]
        library.parse_budget = 0.05
        bad = library.add_feed(feeds.add("/slow.xml", slow))
        good = library.add_feed(feeds.add("/good.xml", _dated_feed(3, title="Good")))
        summary = library.refresh()
        [failure] = summary.errors
        assert failure.feed_id == bad.id
        assert "took longer than 0.05 s, so it was stopped" in failure.message
        assert library.get_feed(bad.id).error_count == 1
        assert len(_titles(library, good.id)) == 3


def test_a_server_that_drips_cannot_hold_a_refresh(library: Library) -> None:
    library.configure_http(timeout=0.5, connect_timeout=0.5)
    with drip_server(feed_head(10) + b"x" * 10, b"", interval=0.05) as server:
        feed = library.add_feed(server.url("/feed.xml"))
        summary = library.refresh()
        assert not server.gave_up
    [failure] = summary.errors
    assert failure.feed_id == feed.id
    assert failure.message == "timed out fetching from 127.0.0.1 after 0.5 s"


def test_a_server_that_drips_cannot_hold_a_subscription_or_a_save(library: Library) -> None:
    library.configure_http(timeout=0.5, connect_timeout=0.5)
    body = b"<html><body><p>" + b"word " * 20_000 + b"</p></body></html>"
    with drip_server(feed_head(len(body), "text/html"), body, drip_head=False) as server:
        with pytest.raises(FetchError, match=r"timed out fetching from 127\.0\.0\.1 after 0\.5 s"):
            library.subscribe(server.url("/site"))
        with pytest.raises(FetchError, match=r"timed out fetching from 127\.0\.0\.1 after 0\.5 s"):
            library.save(server.url("/article"))
        assert not server.gave_up
    assert library.list_feeds() == []


def test_a_megabyte_title_is_not_copied_into_every_article(
    library: Library, feeds: FeedServer
) -> None:
    doc = _dated_feed(200).replace(
        b"<title>Busy</title>", b"<title>" + b"t" * 1_000_000 + b"</title>"
    )
    feed = library.add_feed(feeds.add("/big-title.xml", doc))
    library.refresh()
    articles = library.list_articles(ArticleFilter(feed_id=feed.id), limit=500)
    assert len(articles) == 200
    assert all(len(a.site_name or "") <= 300 for a in articles)
    assert len(library.get_feed(feed.id).title) <= 500
    library.close()
    # 200 copies of a megabyte were 211 MB; now the file stays small.
    size = sum(p.stat().st_size for p in library.path.parent.glob(library.path.name + "*"))
    assert size < 5 * 1024 * 1024


def test_a_quarter_megabyte_author_is_stored_short(library: Library, feeds: FeedServer) -> None:
    """feedparser's e-mail search took minutes on this; the author is cut before parsing."""
    blob = ("a.b-" * 65_536).encode()
    doc = _dated_feed(2).replace(
        b"<guid>g0</guid>", b"<guid>g0</guid><author>" + blob + b"</author>"
    )
    feed = library.add_feed(feeds.add("/author.xml", doc))
    summary = library.refresh()
    assert not summary.errors
    authors = [a.author for a in library.list_articles(ArticleFilter(feed_id=feed.id))]
    assert sorted(len(a or "") for a in authors) == [0, 256]
