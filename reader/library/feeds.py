"""Subscriptions and folders."""

from __future__ import annotations

from reader.core.errors import NotFoundError, UserError
from reader.core.types import Feed, Folder
from reader.core.urls import is_http_url
from reader.library.base import LibraryBase
from reader.store import feeds as store_feeds


class FeedsMixin(LibraryBase):
    def add_feed(self, url: str, *, folder: str | None = None, title: str | None = None) -> Feed:
        url = url.strip()
        if not is_http_url(url):
            raise UserError(f"not a web address: {url!r} (expected http:// or https://)")
        with self.transaction():
            folder_id = store_feeds.ensure_folder(folder) if folder else None
            feed_id = store_feeds.add_feed(url, title=title or "", folder_id=folder_id, now=self.now())
            feed = store_feeds.get_feed(feed_id)
        self.notify("feeds", [feed_id])
        return feed

    def list_feeds(self) -> list[Feed]:
        return store_feeds.list_feeds()

    def get_feed(self, feed_id: int) -> Feed:
        return store_feeds.get_feed(feed_id)

    def resolve_feed(self, ref: str | int) -> Feed:
        """A feed named by its id or its URL."""
        text = str(ref).strip()
        if text.isdigit():
            return store_feeds.get_feed(int(text))
        feed_id = store_feeds.find_feed(text)
        if feed_id is None:
            raise NotFoundError(f"no feed with id or address {text!r}")
        return store_feeds.get_feed(feed_id)

    def remove_feed(self, ref: str | int) -> int:
        feed = self.resolve_feed(ref)
        with self.transaction():
            deleted = store_feeds.remove_feed(feed.id)
        self.notify("feeds", [feed.id])
        return deleted

    def list_folders(self) -> list[Folder]:
        return store_feeds.list_folders()
