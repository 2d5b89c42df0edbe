"""Feed updates: what an update leaves alone, clears and refuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.core.errors import DuplicateError, NotFoundError
from reader.core.updates import FeedUpdate
from reader.library import Library
from reader.store import feeds as store_feeds

WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_an_update_writes_its_fields_and_leaves_the_others(library: Library) -> None:
    def write() -> int:
        feed_id = store_feeds.add_feed("https://a.example/feed", title="A", now=WHEN)
        store_feeds.update_feed(feed_id, FeedUpdate(etag='"v1"', error_count=3, last_error="x"))
        # None is a value: it clears; fields not named stay as they are.
        store_feeds.update_feed(feed_id, FeedUpdate(last_error=None, next_fetch=WHEN))
        return feed_id

    feed = library.get_feed(library.writer.run(write))
    assert (feed.title, feed.etag, feed.error_count) == ("A", '"v1"', 3)
    assert feed.last_error is None
    assert feed.next_fetch == WHEN
    assert FeedUpdate().is_empty and not FeedUpdate(last_error=None).is_empty


def test_an_update_refuses_another_feeds_address_and_a_missing_feed(library: Library) -> None:
    def write() -> int:
        store_feeds.add_feed("https://a.example/feed", now=WHEN)
        return store_feeds.add_feed("https://b.example/feed", now=WHEN)

    second = library.writer.run(write)
    with pytest.raises(DuplicateError):
        library.writer.run(
            lambda: store_feeds.update_feed(second, FeedUpdate(url="https://a.example/feed"))
        )
    with pytest.raises(NotFoundError):
        library.writer.run(lambda: store_feeds.update_feed(999, FeedUpdate(title="x")))
    with pytest.raises(NotFoundError):
        library.writer.run(lambda: store_feeds.update_feed(999, FeedUpdate()))
    assert library.get_feed(second).url == "https://b.example/feed"
