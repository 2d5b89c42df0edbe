"""Articles and feeds for the window's tests, stored through the real library and store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from reader.core.types import SourceKind
from reader.library import Library
from reader.store import articles as store_articles
from tests.factories import BASE_TIME, make_input


def add_feed_with_articles(
    library: Library,
    title: str,
    count: int,
    *,
    folder: str | None = None,
    start: datetime = BASE_TIME,
    tags: Sequence[str] = (),
    words: str = "plain words",
) -> tuple[int, list[int]]:
    """A feed (not fetched) with ``count`` unread articles an hour apart, newest first."""
    feed = library.add_feed(
        f"https://{title.lower().replace(' ', '-')}.example/feed.xml", folder=folder, title=title
    )
    ids: list[int] = []

    def write() -> None:
        for i in range(count):
            item = make_input(
                f"{title} article {i}",
                f"{title} body {i} with {words}",
                url=f"https://{title.lower().replace(' ', '-')}.example/{i}",
                published=start - timedelta(hours=i),
                kind=SourceKind.FEED,
            )
            ids.append(store_articles.insert_article(item, now=start, feed_id=feed.id, tags=tags))

    library.writer.run(write)
    return feed.id, ids


def add_saved(
    library: Library,
    title: str,
    *,
    published: datetime = BASE_TIME,
    tags: Sequence[str] = (),
    text: str = "A saved article about nothing much.",
    url: str | None = None,
) -> int:
    def write() -> int:
        return store_articles.insert_article(
            make_input(title, text, published=published, url=url), now=published, tags=tags
        )

    return library.writer.run(write)
