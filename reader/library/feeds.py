"""Subscriptions, folders, refreshing and OPML.

Refresh retrieves in parallel and stores serially: a thread pool fetches (a few connections
per host at most), a process pool parses (parsing and sanitizing are CPU-bound), and the
library's single writer thread stores each feed in one transaction, entries and search index
together. Feeds that did not change (304, or the same bytes again) cost neither a parse nor a
write of their own: their new schedules are written together, in batches.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core import schedule
from reader.core.errors import (
    DiskFullError,
    DuplicateError,
    FeedError,
    FetchError,
    LibraryError,
    NotFoundError,
    UserError,
)
from reader.core.identity import link_title_key
from reader.core.types import Feed, Folder
from reader.core.urls import is_http_url
from reader.library.base import LibraryBase
from reader.services.atomic_files import written_whole
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from reader.store import file_guard
from reader.store import settings as store_settings
from reader.store import transfer as store_transfer
from reader.store.convert import enclosures_to_json
from reader.store.failures import is_disk_full

if TYPE_CHECKING:
    from reader.services.feeds import ParsedEntry, ParsedFeed
    from reader.services.http import FetchResponse

# The network and parsing services (httpx, feedparser, lxml) are imported where they are used:
# every command opens the library, and most never fetch a feed.

log = logging.getLogger(__name__)

# A stored entry as matching needs it: (id, entry_key, canonical_url, title, content_hash).
_KnownRow = tuple[int, str | None, str | None, str, str | None]

DEFAULT_JOBS = 16
RETENTION_KEY = "retention_days"
INTERVAL_KEY = "refresh_interval_minutes"
# Icons are looked for once; a feed without one is asked again after this long.
ICON_RECHECK = timedelta(days=30)
# Schedules of feeds that did not change are written together, this many at a time.
_BATCH = 200
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
class FeedFailure:
    feed_id: int
    title: str
    url: str
    message: str


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    """Sent to the ``progress`` callback as each feed finishes."""

    done: int
    total: int
    new_articles: int
    errors: int
    feed_id: int
    feed_title: str
    # "updated" (parsed and stored), "not-modified" (304), "unchanged" (same bytes),
    # "error" or "cancelled".
    status: str
    feed_new: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    total: int
    done: int
    new_articles: int
    updated_articles: int
    not_modified: int
    unchanged: int
    errors: tuple[FeedFailure, ...]
    cancelled: bool
    seconds: float
    new_article_ids: tuple[int, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()

    def line(self) -> str:
        """One line for a status bar or a terminal."""
        if self.total == 0:
            return "No feeds are due; nothing to refresh (use --all to refresh every feed)"
        feeds = "feed" if self.total == 1 else "feeds"
        parts = [f"{self.new_articles} new article{'' if self.new_articles == 1 else 's'}"]
        if self.updated_articles:
            parts.append(f"{self.updated_articles} updated")
        if self.errors:
            parts.append(f"{len(self.errors)} error{'' if len(self.errors) == 1 else 's'}")
        verb = "Stopped after" if self.cancelled else "Refreshed"
        done = f"{self.done} of {self.total}" if self.cancelled else str(self.total)
        return f"{verb} {done} {feeds} in {self.seconds:.1f} s: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class OpmlImportReport:
    added: tuple[str, ...]
    existing: tuple[str, ...]
    folders_created: int
    problems: tuple[str, ...]

    def summary(self) -> str:
        text = f"Imported {len(self.added)} feeds"
        if self.existing:
            text += f"; {len(self.existing)} already subscribed"
        if self.folders_created:
            text += f"; {self.folders_created} folders created"
        if self.problems:
            text += f"; {len(self.problems)} skipped"
        return text


@dataclass(slots=True)
class _Outcome:
    """What happened to one feed, as a fetch worker reports it."""

    feed: Feed
    status: str
    new_ids: list[int] = field(default_factory=list)
    updated: int = 0
    error: str | None = None
    # Columns to write in the next batch (feeds that needed no transaction of their own).
    pending: dict[str, Any] | None = None
    icon: tuple[str | None, bytes | None] | None = None
    notes: list[str] = field(default_factory=list)
    # Where the parsed feed says its icon and site are (for the icon lookup).
    icon_url: str | None = None
    site_url: str | None = None


# -- parsing in worker processes ---------------------------------------------------------


def _parse_in_worker(
    content: bytes, url: str, headers: dict[str, str], now: datetime
) -> ParsedFeed | str:
    """Runs in a parser process. A feed that is not a feed comes back as its message: a
    user's problem, not an exception to unpickle."""
    from reader.services.feeds import parse_feed

    try:
        return parse_feed(content, url=url, headers=headers, now=now)
    except FeedError as exc:
        return str(exc)


def _start_parser(parent_pid: int) -> None:
    from reader.services.parent_watch import exit_with_parent

    exit_with_parent(parent_pid)  # not left running, 100 MB between them, if we are killed
    import reader.services.feeds  # noqa: F401  (imports feedparser, lxml and nh3 once)


def _usable_cores() -> int:
    """The cores this process may run on (a container or affinity mask may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class FeedsMixin(LibraryBase):
    _parsers: ProcessPoolExecutor | None = None

    # -- shared resources ------------------------------------------------------------------
    def _resources_lock(self) -> threading.Lock:
        lock: threading.Lock | None = self.__dict__.get("_feeds_lock")
        if lock is None:
            lock = self.__dict__.setdefault("_feeds_lock", threading.Lock())
        return lock

    def _parser_pool(self) -> ProcessPoolExecutor | None:
        """Worker processes for parsing, started on first need; None on a single core."""
        workers = min(_usable_cores(), 4)
        if workers < 2:
            return None
        with self._resources_lock():
            if self._parsers is None:
                try:
                    # Spawned workers are clean interpreters (no copy of this process's threads
                    # or locks) and our own children, so their CPU time is accounted to us.
                    self._parsers = ProcessPoolExecutor(
                        max_workers=workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_start_parser,
                        initargs=(os.getpid(),),
                    )
                except (OSError, NotImplementedError, ValueError):
                    log.warning("no worker processes for parsing; parsing in threads")
                    return None
            return self._parsers

    def _drop_parser_pool(self) -> None:
        with self._resources_lock():
            pool, self._parsers = self._parsers, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._resources_lock():
            pool, self._parsers = self._parsers, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        super().close()

    # -- settings ---------------------------------------------------------------------------
    @property
    def retention_days(self) -> int | None:
        """Read feed articles are deleted this many days after being read; None keeps them."""
        value = store_settings.get_setting(RETENTION_KEY)
        return int(value) if isinstance(value, int) and value > 0 else None

    def set_retention(self, days: int | None) -> None:
        if days is not None and not 1 <= days <= 36_500:
            raise UserError("retention must be a number of days from 1 to 36500, or off")
        with self.transaction():
            store_settings.set_setting(RETENTION_KEY, days)

    @property
    def refresh_interval(self) -> timedelta:
        value = store_settings.get_setting(INTERVAL_KEY)
        minutes = int(value) if isinstance(value, int) and value > 0 else 60
        return timedelta(minutes=minutes)

    def set_refresh_interval(self, minutes: int) -> None:
        if not 5 <= minutes <= 7 * 24 * 60:
            raise UserError("the refresh interval must be from 5 minutes to a week")
        with self.transaction():
            store_settings.set_setting(INTERVAL_KEY, minutes)

    # -- subscriptions ----------------------------------------------------------------------
    def add_feed(self, url: str, *, folder: str | None = None, title: str | None = None) -> Feed:
        """Subscribe without fetching (the first refresh fills in title and articles)."""
        url = _clean_url(url)
        with self.transaction():
            folder_id = store_feeds.ensure_folder(folder) if folder else None
            feed_id = store_feeds.add_feed(
                url, title=title or "", folder_id=folder_id, now=self.now()
            )
            feed = store_feeds.get_feed(feed_id)
        self.notify("feeds", [feed_id])
        return feed

    def subscribe(
        self, url: str, *, folder: str | None = None, title: str | None = None
    ) -> SubscribeResult:
        """Subscribe to the feed at ``url``, or to the best feed the page at ``url`` offers.

        The feed is fetched once, and its articles stored, before this returns.
        """
        url = _clean_url(url)
        _refuse_duplicate(url)
        now = self.now()
        from reader.services.discovery import discover

        found = discover(self.http_client(), url, now=now)
        if found.url != url:
            _refuse_duplicate(found.url)
        parsed = found.parsed
        response = found.response
        interval = self.refresh_interval

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
                etag=response.etag,
                last_modified=response.last_modified,
                content_hash=_content_hash(response.content),
                last_fetched=now,
                next_fetch=schedule.next_fetch(now, feed_id=feed_id, interval=interval),
            )
            new_ids, _ = self._store_entries(feed_id, parsed.entries, now)
            return feed_id, new_ids

        feed_id, new_ids = self.submit_write(write).result()
        mime, data = self._lookup_icon(found.url, parsed.icon_url, parsed.site_url)
        self.submit_write(lambda: store_feeds.set_icon(feed_id, mime, data, now)).result()
        self.notify("feeds", [feed_id])
        if new_ids:
            self.notify("articles", new_ids)
            self._articles_added(new_ids)
        notes = list(found.notes) + list(parsed.warnings)
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
        with self.transaction():
            deleted = store_feeds.remove_feed(feed.id)
        self.notify("feeds", [feed.id])
        self.notify("articles", None)
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
    ) -> Feed:
        """Change what the user may change about a feed. ``folder=None`` moves it to the top
        level; leaving ``folder`` out leaves it where it is."""
        fields: dict[str, Any] = {}
        if title is not None:
            cleaned = " ".join(title.split())
            if not cleaned:
                raise UserError("a feed title cannot be empty")
            fields["title"] = cleaned
        if url is not None:
            new_url = _clean_url(url)
            fields["url"] = new_url
            # A new address starts over: old validators and schedule belong to the old one.
            fields.update(etag=None, last_modified=None, content_hash=None, next_fetch=None)
            fields.update(error_count=0, last_error=None, disabled=False)
        if fetch_full_text is not None:
            fields["fetch_full_text"] = fetch_full_text
        if disabled is not None:
            fields["disabled"] = disabled
            if not disabled:
                fields.update(error_count=0, next_fetch=None)
        with self.transaction():
            store_feeds.get_feed(feed_id)
            if folder is not _UNSET:
                fields["folder"] = store_feeds.ensure_folder(folder) if folder else None
            if fields:
                store_feeds.update_feed(feed_id, **fields)
            feed = store_feeds.get_feed(feed_id)
        self.notify("feeds", [feed_id])
        return feed

    def move_feed(self, feed_id: int, folder: str | None) -> Feed:
        """Put a feed in the folder at path ``folder`` ("News/Tech"; created if missing), or at
        the top level for None."""
        return self.set_feed_options(feed_id, folder=folder)

    def set_feed_tags(self, feed_id: int, names: Sequence[str]) -> Feed:
        """Tags every new article of this feed gets."""
        with self.transaction():
            store_feeds.get_feed(feed_id)
            store_feeds.set_feed_tags(feed_id, list(names))
            feed = store_feeds.get_feed(feed_id)
        self.notify("feeds", [feed_id])
        self.notify("tags", None)
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
        with self.transaction():
            folder_id = store_feeds.ensure_folder(path)
        self.notify("feeds", None)
        return folder_id

    def rename_folder(self, ref: str | int, name: str) -> None:
        folder_id = self.resolve_folder(ref)
        with self.transaction():
            store_feeds.rename_folder(folder_id, name)
        self.notify("feeds", None)

    def move_folder(self, ref: str | int, parent: str | int | None) -> None:
        folder_id = self.resolve_folder(ref)
        parent_id = self.resolve_folder(parent) if parent is not None else None
        with self.transaction():
            store_feeds.move_folder(folder_id, parent_id)
        self.notify("feeds", None)

    def delete_folder(self, ref: str | int) -> None:
        """Delete a folder and its subfolders; their feeds move to the top level."""
        folder_id = self.resolve_folder(ref)
        with self.transaction():
            store_feeds.delete_folder(folder_id)
        self.notify("feeds", None)

    # -- refresh ----------------------------------------------------------------------------
    def due_feeds(self, *, force: bool = False) -> list[Feed]:
        """Feeds to refresh now: the due ones, or with ``force`` all that are not disabled,
        except those whose server asked us (429, 503) to come back later."""
        now = self.now()
        return [
            f
            for f in store_feeds.feeds_by_ids()
            if not f.disabled
            and (schedule.is_due(f.next_fetch, now) or (force and not _asked_to_wait(f, now)))
        ]

    def refresh(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        jobs: int | None = None,
        force: bool = False,
        progress: Callable[[RefreshProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> RefreshSummary:
        """Fetch feeds and store their new entries; safe to call from a background thread.

        With ``feed_ids`` those feeds are refreshed whatever their schedule (a disabled one
        too: naming it is asking for it); without, the feeds that are due, or with ``force``
        every feed that is not disabled. ``progress`` is called (from this thread) as each
        feed finishes; setting ``cancel`` stops the refresh between feeds.
        """
        started = time.monotonic()
        now = self.now()
        if feed_ids is not None:
            wanted = list(dict.fromkeys(int(i) for i in feed_ids))
            feeds = store_feeds.feeds_by_ids(wanted)
            missing = set(wanted) - {f.id for f in feeds}
            if missing:
                raise NotFoundError(f"no feed with id {min(missing)}")
        else:
            feeds = self.due_feeds(force=force)
        # A refresh already running (a timer's, say) keeps its feeds; this one skips them.
        with self._resources_lock():
            in_flight: set[int] = self.__dict__.setdefault("_in_flight", set())
            feeds = [f for f in feeds if f.id not in in_flight]
            in_flight.update(f.id for f in feeds)
        try:
            return self._refresh_feeds(
                feeds,
                now=now,
                started=started,
                explicit=feed_ids is not None,
                jobs=jobs,
                progress=progress,
                cancel=cancel,
            )
        finally:
            with self._resources_lock():
                in_flight.difference_update(f.id for f in feeds)

    def _refresh_feeds(
        self,
        feeds: list[Feed],
        *,
        now: datetime,
        started: float,
        explicit: bool,
        jobs: int | None,
        progress: Callable[[RefreshProgress], None] | None,
        cancel: threading.Event | None,
    ) -> RefreshSummary:
        total = len(feeds)
        if not feeds:
            return RefreshSummary(0, 0, 0, 0, 0, 0, (), False, time.monotonic() - started)
        icon_done = store_feeds.icon_checked_since([f.id for f in feeds], now - ICON_RECHECK)
        context = _RefreshContext(
            now=now,
            interval=self.refresh_interval,
            retention=self.retention_days,
            explicit=explicit,
            cancel=cancel or threading.Event(),
            parse_inline=total <= 2,
            icon_done=icon_done,
        )
        workers = max(1, min(jobs or DEFAULT_JOBS, total))
        counters = _Counters()
        pending: list[tuple[int, dict[str, Any]]] = []
        icons: list[tuple[int, str | None, bytes | None]] = []
        writes: list[Future[None]] = []
        errors: list[FeedFailure] = []
        notes: list[str] = []
        new_ids: list[int] = []
        with ThreadPoolExecutor(workers, thread_name_prefix="folio-fetch") as pool:
            futures = [pool.submit(self._refresh_one, feed, context) for feed in feeds]
            for future in as_completed(futures):
                outcome = future.result()
                counters.count(outcome)
                if outcome.pending is not None:
                    pending.append((outcome.feed.id, outcome.pending))
                if outcome.icon is not None:
                    icons.append((outcome.feed.id, *outcome.icon))
                if len(pending) + len(icons) >= _BATCH:
                    writes.append(self._write_batch(pending, icons, now))
                    pending, icons = [], []
                if outcome.error is not None and outcome.status == "error":
                    feed = outcome.feed
                    errors.append(
                        FeedFailure(feed.id, feed.title or feed.url, feed.url, outcome.error)
                    )
                notes.extend(outcome.notes)
                if outcome.new_ids:
                    new_ids.extend(outcome.new_ids)
                    self.notify("articles", outcome.new_ids)
                    self._articles_added(outcome.new_ids)
                if outcome.status == "updated":
                    self.notify("feeds", [outcome.feed.id])
                if progress is not None:
                    feed = outcome.feed
                    self._report(
                        progress,
                        RefreshProgress(
                            done=counters.done,
                            total=total,
                            new_articles=counters.new,
                            errors=counters.errors,
                            feed_id=feed.id,
                            feed_title=feed.title or feed.url,
                            status=outcome.status,
                            feed_new=len(outcome.new_ids),
                            error=outcome.error,
                        ),
                    )
        if pending or icons:
            writes.append(self._write_batch(pending, icons, now))
        for write in writes:
            write.result()
        if writes:
            self.notify("feeds", None)
        return RefreshSummary(
            total=total,
            done=counters.done - counters.cancelled,
            new_articles=counters.new,
            updated_articles=counters.updated,
            not_modified=counters.not_modified,
            unchanged=counters.unchanged,
            errors=tuple(errors),
            cancelled=counters.cancelled > 0,
            seconds=time.monotonic() - started,
            new_article_ids=tuple(new_ids),
            notes=tuple(notes),
        )

    def _write_batch(
        self,
        pending: list[tuple[int, dict[str, Any]]],
        icons: list[tuple[int, str | None, bytes | None]],
        now: datetime,
    ) -> Future[None]:
        def write() -> None:
            for feed_id, fields in pending:
                try:
                    store_feeds.update_feed(feed_id, **fields)
                except DuplicateError:
                    # A permanent redirect onto an address another subscription already has:
                    # keep the old address rather than lose the schedule.
                    fields.pop("url", None)
                    store_feeds.update_feed(feed_id, **fields)
                except NotFoundError:
                    pass  # unsubscribed while it was being fetched
            for feed_id, mime, data in icons:
                store_feeds.set_icon(feed_id, mime, data, now)

        return self.submit_write(write)

    @staticmethod
    def _report(progress: Callable[[RefreshProgress], None], event: RefreshProgress) -> None:
        # A failing progress display must not stop the refresh it displays.
        try:
            progress(event)
        except Exception:
            log.exception("the refresh progress callback failed")

    def _articles_added(self, article_ids: list[int]) -> None:
        try:
            self.on_articles_added(article_ids)
        except Exception:
            log.exception("handling new articles failed")

    def _refresh_one(self, feed: Feed, ctx: _RefreshContext) -> _Outcome:
        """Fetch, parse and store one feed. Runs on a fetch thread; never raises."""
        if ctx.cancel.is_set():
            return _Outcome(feed, "cancelled")
        try:
            outcome = self._fetch_and_store(feed, ctx)
        except LibraryError:
            # The disk or the library file failed (full, damaged): no other feed could be
            # stored either, so the refresh stops with this one message.
            ctx.cancel.set()
            raise
        except Exception as exc:
            log.exception("refreshing %s failed", feed.url)
            message = f"internal error: {type(exc).__name__}: {exc}"
            outcome = _Outcome(
                feed, "error", error=message, pending=self._failure_fields(feed, ctx, message)
            )
        if outcome.status != "error" and feed.id not in ctx.icon_done and not ctx.cancel.is_set():
            outcome.icon = self._find_icon(feed, outcome)
        return outcome

    def _find_icon(self, feed: Feed, outcome: _Outcome) -> tuple[str | None, bytes | None]:
        return self._lookup_icon(feed.url, outcome.icon_url, outcome.site_url or feed.site_url)

    def _lookup_icon(
        self, feed_url: str, icon_url: str | None, site_url: str | None
    ) -> tuple[str | None, bytes | None]:
        """``(mime, bytes)``, or ``(None, None)`` to remember that there is none."""
        try:
            from reader.services.favicon import fetch_icon

            found = fetch_icon(
                self.http_client(), icon_url=icon_url, site_url=site_url, feed_url=feed_url
            )
        except Exception:
            log.exception("looking for the icon of %s failed", feed_url)
            found = None
        return found if found is not None else (None, None)

    def _failure_fields(
        self, feed: Feed, ctx: _RefreshContext, message: str, *, retry_after: datetime | None = None
    ) -> dict[str, Any]:
        errors = feed.error_count + 1
        return {
            "error_count": errors,
            "last_error": message,
            "last_fetched": ctx.now,
            "next_fetch": schedule.next_fetch(
                ctx.now,
                feed_id=feed.id,
                error_count=errors,
                interval=ctx.interval,
                retry_after=retry_after,
            ),
        }

    def _success_fields(
        self, feed: Feed, ctx: _RefreshContext, response: FetchResponse
    ) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "error_count": 0,
            "last_error": None,
            "last_fetched": ctx.now,
            "next_fetch": schedule.next_fetch(ctx.now, feed_id=feed.id, interval=ctx.interval),
        }
        # A 304 may carry fresh validators; a 200 always replaces them (or clears them).
        if response.etag or not response.not_modified:
            fields["etag"] = response.etag
        if response.last_modified or not response.not_modified:
            fields["last_modified"] = response.last_modified
        if response.permanent_redirect and response.permanent_redirect != feed.url:
            fields["url"] = response.permanent_redirect
        if feed.disabled and ctx.explicit:
            fields["disabled"] = False
        return fields

    def _fetch_and_store(self, feed: Feed, ctx: _RefreshContext) -> _Outcome:
        from reader.services.discovery import FEED_ACCEPT
        from reader.services.http import HttpStatusError

        client = self.http_client()
        try:
            response = client.get(
                feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT
            )
        except HttpStatusError as exc:
            fields = self._failure_fields(feed, ctx, str(exc), retry_after=exc.retry_after)
            if exc.status == 410:
                fields["disabled"] = True
                fields["last_error"] = f"{exc}; the feed is gone, so it is no longer refreshed"
            return _Outcome(feed, "error", error=fields["last_error"], pending=fields)
        except FetchError as exc:
            return _Outcome(
                feed, "error", error=str(exc), pending=self._failure_fields(feed, ctx, str(exc))
            )
        if response.not_modified:
            return _Outcome(feed, "not-modified", pending=self._success_fields(feed, ctx, response))
        digest = _content_hash(response.content)
        if digest == feed.content_hash:
            return _Outcome(feed, "unchanged", pending=self._success_fields(feed, ctx, response))
        if ctx.cancel.is_set():
            return _Outcome(feed, "cancelled")
        parsed = self._parse(response, ctx)
        if isinstance(parsed, str):
            return _Outcome(
                feed, "error", error=parsed, pending=self._failure_fields(feed, ctx, parsed)
            )
        if ctx.cancel.is_set():
            return _Outcome(feed, "cancelled")
        fields = self._success_fields(feed, ctx, response)
        fields["content_hash"] = digest
        if parsed.title and not feed.title:
            fields["title"] = parsed.title
        if parsed.site_url and parsed.site_url != feed.site_url:
            fields["site_url"] = parsed.site_url

        def write() -> tuple[list[int], int]:
            try:
                store_feeds.update_feed(feed.id, **fields)
            except DuplicateError:
                fields.pop("url", None)
                store_feeds.update_feed(feed.id, **fields)
            return self._store_entries(
                feed.id,
                parsed.entries,
                ctx.now,
                retention=ctx.retention,
                update_existing=not feed.fetch_full_text,
            )

        try:
            new_ids, updated = self.submit_write(write).result()
        except NotFoundError:
            return _Outcome(feed, "cancelled", notes=[f"{feed.url} was removed during the refresh"])
        notes = [f"{feed.title or feed.url}: {warning}" for warning in parsed.warnings]
        if feed.fetch_full_text and new_ids:
            notes.extend(self._full_text(new_ids))
        return _Outcome(
            feed,
            "updated",
            new_ids=new_ids,
            updated=updated,
            notes=notes,
            icon_url=parsed.icon_url,
            site_url=parsed.site_url,
        )

    def _full_text(self, article_ids: list[int]) -> list[str]:
        try:
            return list(self.fetch_full_text_for(article_ids))
        except NotImplementedError:
            return []
        except Exception:
            log.exception("fetching full text failed")
            return ["fetching the full text of new articles failed"]

    def _parse(self, response: FetchResponse, ctx: _RefreshContext) -> ParsedFeed | str:
        pool = None if ctx.parse_inline else self._parser_pool()
        if pool is not None:
            try:
                return pool.submit(
                    _parse_in_worker,
                    response.content,
                    response.url,
                    dict(response.headers),
                    ctx.now,
                ).result()
            except BrokenProcessPool:
                log.warning("a parser process died; parsing in this process from now on")
                self._drop_parser_pool()
                ctx.parse_inline = True
        return _parse_in_worker(response.content, response.url, dict(response.headers), ctx.now)

    def _store_entries(
        self,
        feed_id: int,
        entries: Sequence[ParsedEntry],
        now: datetime,
        *,
        retention: int | None = None,
        update_existing: bool = True,
    ) -> tuple[list[int], int]:
        """Insert new entries and update changed ones, in the caller's transaction.

        Returns the new article ids and the number of updated articles. Entries are matched by
        key, then (for a guid that changed) by link and title. Without ``update_existing``
        (feeds whose articles hold the fetched page, not the feed's text) known entries are
        left as they are.
        """
        keys = [e.key for e in entries]
        current = set(keys)
        urls = sorted({e.article.canonical_url for e in entries if e.article.canonical_url})
        known = store_feeds.known_entries(feed_id, keys, urls)
        by_key = {stored[1]: stored for stored in known if stored[1]}
        by_link_title: dict[tuple[str, str], _KnownRow] = {}
        for stored in known:
            pair = link_title_key(stored[2], stored[3])
            # Only rows whose own key left the feed may be taken over by a new key.
            if pair is not None and stored[1] not in current:
                by_link_title.setdefault(pair, stored)
        tags = store_feeds.feed_tag_names(feed_id)
        fresh: list[store_transfer.ArticleRow] = []
        updated = 0
        # Feeds list newest first; storing oldest first gives newer entries higher ids, which
        # keeps them on top among entries with the same date.
        for entry in reversed(entries):
            item = entry.article
            row: _KnownRow | None = by_key.get(entry.key)
            if row is None:
                pair = link_title_key(item.canonical_url, item.title)
                row = by_link_title.pop(pair, None) if pair is not None else None
            if row is None:
                fresh.append(_article_row(feed_id, entry, now, tags))
                continue
            if not update_existing:
                continue
            changed = row[4] != store_articles.content_hash(item) or row[1] != entry.key
            if changed and store_articles.update_article(row[0], item, entry_key=entry.key):
                updated += 1
        # New entries go in as one batch: a row at a time through the ORM costs more than
        # parsing them did.
        new_ids = store_transfer.insert_articles(fresh, tags=store_transfer.TagCache())
        if retention:
            store_feeds.delete_old_read(feed_id, now - timedelta(days=retention), keys)
        new_ids.reverse()
        return new_ids, updated

    # -- OPML ---------------------------------------------------------------------------------
    def import_opml(self, path: Path | str) -> OpmlImportReport:
        """Subscribe to the feeds of an OPML file (not fetched now: the next refresh does),
        keeping its folders. What cannot be imported is reported, not fatal."""
        path = Path(path)
        if not path.is_file():
            raise UserError(f"no such file: {path}")
        file_guard.refuse_library_file(path, self.path, "import a file exported from it instead")
        return self.import_opml_data(path.read_bytes())

    def import_opml_data(self, data: bytes) -> OpmlImportReport:
        from reader.services import opml as opml_format

        document = opml_format.parse_opml(data)
        now = self.now()

        def write() -> tuple[list[str], list[str], int]:
            added: list[str] = []
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
                store_feeds.add_feed(
                    item.url,
                    title=item.title or "",
                    site_url=item.site_url,
                    folder_id=folder_id,
                    now=now,
                )
                added.append(item.url)
            return added, existing, len(store_feeds.list_folders()) - before

        added, existing, folders = self.submit_write(write).result()
        self.notify("feeds", None)
        return OpmlImportReport(
            added=tuple(added),
            existing=tuple(existing),
            folders_created=folders,
            problems=document.problems,
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
        return opml_format.write_opml(items, folders=folders, now=self.now()), len(items)

    def export_opml(self, path: Path | str) -> int:
        """Write the subscriptions to ``path`` as OPML; returns the number of feeds."""
        target = Path(path)
        file_guard.refuse_library_file(target, self.path, "export to another file")
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


@dataclass(slots=True)
class _RefreshContext:
    now: datetime
    interval: timedelta
    retention: int | None
    explicit: bool
    cancel: threading.Event
    parse_inline: bool
    icon_done: set[int]


@dataclass(slots=True)
class _Counters:
    done: int = 0
    new: int = 0
    updated: int = 0
    errors: int = 0
    not_modified: int = 0
    unchanged: int = 0
    cancelled: int = 0

    def count(self, outcome: _Outcome) -> None:
        self.done += 1
        self.new += len(outcome.new_ids)
        self.updated += outcome.updated
        if outcome.status == "error":
            self.errors += 1
        elif outcome.status == "not-modified":
            self.not_modified += 1
        elif outcome.status == "unchanged":
            self.unchanged += 1
        elif outcome.status == "cancelled":
            self.cancelled += 1


def _article_row(
    feed_id: int, entry: ParsedEntry, now: datetime, tags: list[str]
) -> store_transfer.ArticleRow:
    item = entry.article
    columns: dict[str, Any] = {
        "feed_id": feed_id,
        "source_kind": item.source_kind.value,
        "entry_key": entry.key,
        "guid": item.guid,
        "url": item.url,
        "canonical_url": item.canonical_url or item.url,
        "title": item.title,
        "author": item.author,
        "published": item.published,
        "updated": item.updated,
        "added": now,
        "sort_date": item.published or now,
        "summary": item.summary,
        "language": item.language,
        "site_name": item.site_name,
        "image_url": item.image_url,
        "word_count": item.word_count,
        "enclosures": enclosures_to_json(item.enclosures),
        "content_hash": store_articles.content_hash(item),
        "fetch_status": "ok",
    }
    return store_transfer.ArticleRow(
        columns=columns, html=item.content_html, text=item.text, tags=tags
    )


def _asked_to_wait(feed: Feed, now: datetime) -> bool:
    """Whether the feed's server answered 429 or 503 with a time to come back not yet
    reached: even a forced refresh leaves it alone."""
    return bool(
        feed.error_count
        and feed.next_fetch is not None
        and feed.next_fetch > now
        and (feed.last_error or "").startswith(("HTTP 429", "HTTP 503"))
    )


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


def _refuse_duplicate(url: str) -> None:
    existing = store_feeds.find_feed(url)
    if existing is not None:
        feed = store_feeds.get_feed(existing)
        raise DuplicateError(
            f"already subscribed to {url} (feed {feed.id}: {feed.title or feed.url})"
        )
