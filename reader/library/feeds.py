"""Subscriptions, folders and OPML (refreshing them is library/refresh.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from reader.core import schedule
from reader.core.errors import (
    DiskFullError,
    DuplicateError,
    FeedError,
    NotFoundError,
    UserError,
)
from reader.core.limits import DEFAULT_KEEP_ITEMS, MAX_KEEP_ITEMS
from reader.core.types import Feed, Folder
from reader.core.updates import FeedUpdate
from reader.core.urls import is_http_url
from reader.library.context import LibraryContext
from reader.library.parsers import FeedParsers
from reader.library.refresh import (
    INTERVAL_KEY,
    RETENTION_KEY,
    content_hash,
    lookup_icon,
    refresh_interval,
    rescheduled,
    retention_days,
    store_entries,
)
from reader.services.atomic_files import written_whole
from reader.store import feeds as store_feeds
from reader.store import file_guard
from reader.store import settings as store_settings
from reader.store.failures import is_disk_full

_UNSET: Any = object()


# -- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    feed: Feed
    new_articles: int = 0
    # Other feeds the page offered, best first.
    alternatives: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OpmlImportReport:
    added: tuple[str, ...]
    existing: tuple[str, ...]
    folders_created: int
    problems: tuple[str, ...]
    # The new subscriptions' ids, in the order of ``added`` (none fetched yet).
    added_ids: tuple[int, ...] = ()

    def summary(self) -> str:
        text = f"Imported {len(self.added)} feeds"
        if self.existing:
            text += f"; {len(self.existing)} already subscribed"
        if self.folders_created:
            text += f"; {self.folders_created} folders created"
        if self.problems:
            text += f"; {len(self.problems)} skipped"
        return text


class Feeds:
    """Subscriptions and their folders; a new subscription's feed is parsed with ``parsers``."""

    def __init__(self, context: LibraryContext, parsers: FeedParsers) -> None:
        self._ctx = context
        self._parsers = parsers

    # -- settings ---------------------------------------------------------------------------
    @property
    def retention_days(self) -> int | None:
        """Read feed articles are deleted this many days after being read; None keeps them."""
        return retention_days()

    def set_retention(self, days: int | None) -> None:
        if days is not None and not 1 <= days <= 36_500:
            raise UserError("retention must be a number of days from 1 to 36500, or off")
        self._ctx.writer.run(lambda: store_settings.set_setting(RETENTION_KEY, days))

    @property
    def refresh_interval(self) -> timedelta:
        return refresh_interval()

    def set_refresh_interval(self, minutes: int) -> None:
        """How long after a refresh a feed is due again (feeds with an interval of their own
        keep it). Feeds already scheduled are due again by the new interval."""
        schedule.check_interval(minutes)
        interval = timedelta(minutes=minutes)

        def write() -> None:
            store_settings.set_setting(INTERVAL_KEY, minutes)
            for feed in store_feeds.feeds_by_ids():
                if not feed.refresh_minutes:
                    _reschedule(feed, interval)

        self._ctx.writer.run(write)
        self._ctx.events.notify("feeds", None)

    # -- subscriptions ----------------------------------------------------------------------
    def add_feed(self, url: str, *, folder: str | None = None, title: str | None = None) -> Feed:
        """Subscribe without fetching (the first refresh fills in title and articles)."""
        url = _clean_url(url)
        now = self._ctx.now()

        def write() -> Feed:
            folder_id = store_feeds.ensure_folder(folder) if folder else None
            feed_id = store_feeds.add_feed(url, title=title or "", folder_id=folder_id, now=now)
            return store_feeds.get_feed(feed_id)

        feed = self._ctx.writer.run(write)
        self._ctx.events.notify("feeds", [feed.id])
        return feed

    def subscribe(
        self, url: str, *, folder: str | None = None, title: str | None = None
    ) -> SubscribeResult:
        """Subscribe to the feed at ``url``, or to the best feed the page at ``url`` offers.

        The feed is fetched once, and its articles stored, before this returns.
        """
        url = _clean_url(url)
        _refuse_duplicate(url)
        now = self._ctx.now()
        from reader.services.discovery import discover
        from reader.services.feeds import bounded_parser, trim_notice

        client = self._ctx.http.client()
        found = discover(client, url, now=now, parse=bounded_parser(self._parsers.pool()))
        if found.url != url:
            _refuse_duplicate(found.url)
        parsed = found.parsed
        if not parsed.entries and not parsed.title:
            # An XML document whose root happens to be <feed> or <rss>, and nothing in it:
            # subscribing would list a bare address that never gets an article.
            raise FeedError(
                f"{found.url} is not a feed Folio can subscribe to: it has no title and no articles"
            )
        response = found.response
        interval = refresh_interval()
        notice = trim_notice(parsed, DEFAULT_KEEP_ITEMS)

        def write() -> tuple[int, list[int]]:
            folder_id = store_feeds.ensure_folder(folder) if folder else None
            feed_id = store_feeds.add_feed(
                found.url,
                title=(title or "").strip() or parsed.title,
                site_url=parsed.site_url,
                folder_id=folder_id,
                now=now,
            )
            store_feeds.update_feed(
                feed_id,
                FeedUpdate(
                    etag=response.etag,
                    last_modified=response.last_modified,
                    content_hash=content_hash(response.content),
                    notice=notice,
                    last_fetched=now,
                    next_fetch=schedule.next_fetch(now, feed_id=feed_id, interval=interval),
                ),
            )
            new_ids, _ = store_entries(feed_id, parsed.entries, now)
            return feed_id, new_ids

        feed_id, new_ids = self._ctx.writer.run(write)
        mime, data = lookup_icon(client, found.url, parsed.icon_url, parsed.site_url)
        self._ctx.writer.run(lambda: store_feeds.set_icon(feed_id, mime, data, now))
        self._ctx.events.notify("feeds", [feed_id])
        if new_ids:
            self._ctx.events.notify("articles", new_ids)
            self._ctx.events.articles_added.publish(new_ids)
        notes = list(found.notes) + list(parsed.warnings)
        if notice:
            notes.append(f"{notice}; the others were left out")
        return SubscribeResult(
            feed=store_feeds.get_feed(feed_id),
            new_articles=len(new_ids),
            alternatives=found.alternatives,
            notes=tuple(notes),
        )

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
        if feed_id is None and is_http_url(text):
            feed_id = store_feeds.find_feed(text.rstrip("/")) or store_feeds.find_feed(text + "/")
        if feed_id is None:
            raise NotFoundError(f"no feed with id or address {text!r}")
        return store_feeds.get_feed(feed_id)

    def remove_feed(self, ref: str | int) -> int:
        feed = self.resolve_feed(ref)
        deleted = self._ctx.writer.run(lambda: store_feeds.remove_feed(feed.id))
        self._ctx.events.notify("feeds", [feed.id])
        self._ctx.events.notify("articles", None)
        return deleted

    def set_feed_options(
        self,
        feed_id: int,
        *,
        title: str | None = None,
        url: str | None = None,
        folder: str | None = _UNSET,
        fetch_full_text: bool | None = None,
        disabled: bool | None = None,
        keep_items: int | None = None,
        refresh_minutes: int | None = _UNSET,
    ) -> Feed:
        """Change what the user may change about a feed. ``folder=None`` moves it to the top
        level; leaving ``folder`` out leaves it where it is. ``keep_items`` is how many of its
        newest items a refresh reads; ``refresh_minutes`` how often it is fetched (None: as
        often as the library's interval says)."""
        update = FeedUpdate()
        if refresh_minutes is not _UNSET:
            if refresh_minutes is not None:
                schedule.check_interval(refresh_minutes)
            update = replace(update, refresh_minutes=refresh_minutes)
        if keep_items is not None:
            if not 1 <= keep_items <= MAX_KEEP_ITEMS:
                raise UserError(f"a feed can keep from 1 to {MAX_KEEP_ITEMS:,} items per refresh")
            update = replace(update, keep_items=keep_items)
        if title is not None:
            cleaned = " ".join(title.split())
            if not cleaned:
                raise UserError("a feed title cannot be empty")
            update = replace(update, title=cleaned)
        if url is not None:
            # A new address starts over: old validators and schedule belong to the old one.
            update = replace(
                update,
                url=_clean_url(url),
                etag=None,
                last_modified=None,
                content_hash=None,
                next_fetch=None,
                error_count=0,
                last_error=None,
                disabled=False,
            )
        if fetch_full_text is not None:
            update = replace(update, fetch_full_text=fetch_full_text)
        if disabled is not None:
            update = replace(update, disabled=disabled)
            if not disabled:
                update = replace(update, error_count=0, next_fetch=None)

        def write() -> Feed:
            store_feeds.get_feed(feed_id)
            change = update
            if folder is not _UNSET:
                folder_id = store_feeds.ensure_folder(folder) if folder else None
                change = replace(change, folder_id=folder_id)
            if not change.is_empty:
                store_feeds.update_feed(feed_id, change)
            feed = store_feeds.get_feed(feed_id)
            if refresh_minutes is not _UNSET and url is None:
                _reschedule(feed, refresh_interval())
                feed = store_feeds.get_feed(feed_id)
            return feed

        feed = self._ctx.writer.run(write)
        self._ctx.events.notify("feeds", [feed_id])
        return feed

    def move_feed(self, feed_id: int, folder: str | None) -> Feed:
        """Put a feed in the folder at path ``folder`` ("News/Tech"; created if missing), or at
        the top level for None."""
        return self.set_feed_options(feed_id, folder=folder)

    def set_feed_tags(self, feed_id: int, names: Sequence[str]) -> Feed:
        """Tags every new article of this feed gets."""

        def write() -> Feed:
            store_feeds.get_feed(feed_id)
            store_feeds.set_feed_tags(feed_id, list(names))
            return store_feeds.get_feed(feed_id)

        feed = self._ctx.writer.run(write)
        self._ctx.events.notify("feeds", [feed_id])
        self._ctx.events.notify("tags", None)
        return feed

    def feed_icon(self, feed_id: int) -> tuple[str, bytes] | None:
        """The feed's cached icon as ``(mime, bytes)``; icons are fetched during refresh."""
        cached = store_feeds.get_icon(feed_id)
        if cached is None or cached[1] is None:
            return None
        return (cached[0] or "image/x-icon", cached[1])

    # -- folders ----------------------------------------------------------------------------
    def list_folders(self) -> list[Folder]:
        return store_feeds.list_folders()

    def folder_paths(self) -> list[tuple[int, str]]:
        """Every folder as ``(id, "Parent/Child")``, parents first."""
        return [(folder_id, path) for folder_id, path, _ in store_feeds.folder_tree()]

    def resolve_folder(self, ref: str | int) -> int:
        """A folder named by its id or its path."""
        text = str(ref).strip()
        if text.isdigit() and any(f.id == int(text) for f in store_feeds.list_folders()):
            return int(text)
        found = store_feeds.find_folder(text)
        if found is None:
            raise NotFoundError(f"no folder {text!r}")
        return found

    def create_folder(self, path: str) -> int:
        """The folder at ``path``, created with its parents if missing."""
        folder_id = self._ctx.writer.run(lambda: store_feeds.ensure_folder(path))
        self._ctx.events.notify("feeds", None)
        return folder_id

    def rename_folder(self, ref: str | int, name: str) -> None:
        folder_id = self.resolve_folder(ref)
        self._ctx.writer.run(lambda: store_feeds.rename_folder(folder_id, name))
        self._ctx.events.notify("feeds", None)

    def move_folder(self, ref: str | int, parent: str | int | None) -> None:
        folder_id = self.resolve_folder(ref)
        parent_id = self.resolve_folder(parent) if parent is not None else None
        self._ctx.writer.run(lambda: store_feeds.move_folder(folder_id, parent_id))
        self._ctx.events.notify("feeds", None)

    def delete_folder(self, ref: str | int) -> None:
        """Delete a folder and its subfolders; their feeds move to the top level."""
        folder_id = self.resolve_folder(ref)
        self._ctx.writer.run(lambda: store_feeds.delete_folder(folder_id))
        self._ctx.events.notify("feeds", None)

    # -- OPML ---------------------------------------------------------------------------------
    def import_opml(self, path: Path | str) -> OpmlImportReport:
        """Subscribe to the feeds of an OPML file (not fetched now: the next refresh does),
        keeping its folders. What cannot be imported is reported, not fatal."""
        path = Path(path)
        if not path.is_file():
            raise UserError(f"no such file: {path}")
        file_guard.refuse_library_file(
            path, self._ctx.path, "import a file exported from it instead"
        )
        return self.import_opml_data(path.read_bytes())

    def import_opml_data(self, data: bytes) -> OpmlImportReport:
        from reader.services import opml as opml_format

        document = opml_format.parse_opml(data)
        now = self._ctx.now()

        def write() -> tuple[list[str], list[str], int, list[int]]:
            added: list[str] = []
            added_ids: list[int] = []
            existing: list[str] = []
            before = len(store_feeds.list_folders())
            for folder in document.folders:
                store_feeds.ensure_folder("/".join(folder))
            for item in document.feeds:
                if store_feeds.find_feed(item.url) is not None:
                    existing.append(item.url)
                    continue
                folder_id = (
                    store_feeds.ensure_folder("/".join(item.folder)) if item.folder else None
                )
                feed_id = store_feeds.add_feed(
                    item.url,
                    title=item.title or "",
                    site_url=item.site_url,
                    folder_id=folder_id,
                    now=now,
                )
                added.append(item.url)
                added_ids.append(feed_id)
            return added, existing, len(store_feeds.list_folders()) - before, added_ids

        added, existing, folders, added_ids = self._ctx.writer.run(write)
        self._ctx.events.notify("feeds", None)
        return OpmlImportReport(
            added=tuple(added),
            existing=tuple(existing),
            folders_created=folders,
            problems=document.problems,
            added_ids=tuple(added_ids),
        )

    def export_opml_data(self) -> tuple[bytes, int]:
        """The subscriptions as OPML bytes, and how many feeds they hold."""
        from reader.services import opml as opml_format

        feeds = store_feeds.list_feeds()
        items = [
            opml_format.OpmlFeed(
                url=f.url,
                title=f.title or None,
                site_url=f.site_url,
                folder=tuple(f.folder.split("/")) if f.folder else (),
            )
            for f in feeds
        ]
        folders = [tuple(path.split("/")) for _, path, _ in store_feeds.folder_tree()]
        return opml_format.write_opml(items, folders=folders, now=self._ctx.now()), len(items)

    def export_opml(self, path: Path | str) -> int:
        """Write the subscriptions to ``path`` as OPML; returns the number of feeds. The file
        appears whole or not at all."""
        target = Path(path)
        file_guard.refuse_library_file(target, self._ctx.path, "export to another file")
        data, count = self.export_opml_data()
        try:
            with written_whole(target) as partial:
                partial.write_bytes(data)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(
                    f"the disk is full; {target} was not written (free some space and try again)"
                ) from None
            raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
        return count


# -- helpers ----------------------------------------------------------------------------------


def _clean_url(url: str) -> str:
    """An address as typed: surrounding space dropped, ``https://`` added to a bare host."""
    text = url.strip()
    if (
        text
        and "://" not in text
        and not text.startswith(("feed:", "/"))
        and "." in text.split("/", 1)[0]
    ):
        text = "https://" + text
    if text.lower().startswith("feed://"):
        text = "http://" + text[7:]
    elif text.lower().startswith("feed:"):
        text = text[5:]
    if not is_http_url(text):
        raise UserError(f"not a web address: {url.strip()!r} (expected http:// or https://)")
    return text


def _reschedule(feed: Feed, library_interval: timedelta) -> None:
    """Make ``feed`` due by its interval as it is now (in the caller's transaction)."""
    when = rescheduled(feed, library_interval)
    if when is not None and when != feed.next_fetch:
        store_feeds.update_feed(feed.id, FeedUpdate(next_fetch=when))


def _refuse_duplicate(url: str) -> None:
    existing = store_feeds.find_feed(url)
    if existing is not None:
        feed = store_feeds.get_feed(existing)
        raise DuplicateError(
            f"already subscribed to {url} (feed {feed.id}: {feed.title or feed.url})"
        )
