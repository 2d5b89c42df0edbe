"""Sync against a real Miniflux on 127.0.0.1 (started once per session, see tests/miniflux.py).

The feeds Miniflux subscribes to are served from this process, so everything stays on the
loopback interface."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from reader.core.errors import UserError
from reader.library import Library
from tests.library.feed_docs import Item, rss
from tests.library.sync_helpers import articles, by_title
from tests.miniflux import MinifluxServer

_names = itertools.count(1)


@pytest.fixture
def account(library: Library, miniflux: MinifluxServer) -> Iterator[MinifluxServer]:
    library.sync.add_account(miniflux.url, miniflux.user, miniflux.password)
    yield miniflux
    # The server outlives the test: leave it without this test's feeds.
    for feed in miniflux.api("GET", "/v1/feeds").get("items", []):
        miniflux.api("DELETE", f"/v1/feeds/{feed['id']}")


def serve_feed(httpserver: HTTPServer, title: str, count: int) -> str:
    n = next(_names)
    path = f"/feed-{n}.xml"
    items = [
        Item(f"urn:{n}:{i}", f"{title} entry {i}", f"https://site.example/{n}/{i}")
        for i in range(count)
    ]
    httpserver.expect_request(path).respond_with_data(
        rss(title, items), content_type="application/rss+xml"
    )
    return httpserver.url_for(path)


def subscribe_there(miniflux: MinifluxServer, url: str, category: str = "All") -> int:
    categories = miniflux.api("GET", "/v1/categories").get("items", [])
    found = [c for c in categories if c["title"] == category]
    if found:
        category_id = found[0]["id"]
    else:
        category_id = miniflux.api("POST", "/v1/categories", {"title": category})["id"]
    created = miniflux.api("POST", "/v1/feeds", {"feed_url": url, "category_id": category_id})
    return int(str(created["feed_id"]))


def entries_of(miniflux: MinifluxServer, feed_id: int) -> list[dict[str, Any]]:
    answer = miniflux.api("GET", f"/v1/feeds/{feed_id}/entries?limit=1000")
    return list(answer["entries"])


def test_a_first_sync_and_changes_both_ways(
    library: Library, account: MinifluxServer, httpserver: HTTPServer
) -> None:
    url = serve_feed(httpserver, "Real feed", 5)
    feed_id = subscribe_there(account, url, "Reading")
    report = library.sync.sync()
    assert report.new_articles == 5
    [feed] = library.list_feeds()
    assert (feed.url, feed.folder, feed.title) == (url, "Reading", "Real feed")
    got = by_title(library)
    assert set(got) == {f"Real feed entry {i}" for i in range(5)}
    # Read and starred here…
    library.mark([got["Real feed entry 0"].id], read=True, starred=True)
    # …and on another device, through Miniflux's own API.
    other = next(e for e in entries_of(account, feed_id) if e["title"] == "Real feed entry 1")
    account.api("PUT", "/v1/entries", {"entry_ids": [other["id"]], "status": "read"})
    report = library.sync.sync()
    assert report.sent == 2 and report.received == 1
    entries = {e["title"]: e for e in entries_of(account, feed_id)}
    assert entries["Real feed entry 0"]["status"] == "read"
    assert entries["Real feed entry 0"]["starred"] is True
    assert library.get_article(got["Real feed entry 1"].id).read
    # Nothing new: nothing moves, and Miniflux's toggling is never triggered.
    again = library.sync.sync()
    assert (again.new_articles, again.sent, again.received) == (0, 0, 0)
    entries = {e["title"]: e for e in entries_of(account, feed_id)}
    assert entries["Real feed entry 0"]["status"] == "read"
    status = library.sync.status()
    assert status is not None and status.labels is False


def test_subscriptions_made_here_are_made_there(
    library: Library, account: MinifluxServer, httpserver: HTTPServer
) -> None:
    url = serve_feed(httpserver, "Local feed", 3)
    library.add_feed(url, folder="Mine", title="Local feed")
    report = library.sync.sync()
    assert report.feeds_there == 1
    # Miniflux fetched the feed itself when subscribing: its entries come back linked to the
    # same feed, not as a second one.
    assert report.new_articles == 3
    feeds = account.api("GET", "/v1/feeds")["items"]
    assert [(f["feed_url"], f["category"]["title"]) for f in feeds] == [(url, "Mine")]
    assert len(library.list_feeds()) == 1
    library.set_feed_options(library.list_feeds()[0].id, title="Renamed here")
    library.sync.sync()
    feeds = account.api("GET", "/v1/feeds")["items"]
    assert feeds[0]["title"] == "Renamed here"
    library.remove_feed(url)
    library.sync.sync()
    assert account.api("GET", "/v1/feeds")["items"] == []


def test_a_wrong_password_is_one_clear_line(library: Library, miniflux: MinifluxServer) -> None:
    with pytest.raises(UserError, match="refused the user name or password"):
        library.sync.add_account(miniflux.url, miniflux.user, "not-the-password")
    assert articles(library) == []
