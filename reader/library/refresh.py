"""Refreshing feeds.

Refresh retrieves in parallel and stores serially: a thread pool fetches (a few connections
per host at most), worker processes parse (parsing and sanitizing are CPU-bound, and a parse
that overruns its time budget has its worker stopped: see library/parsers.py), and the
library's writer stores each feed in one short transaction, entries and search index
together; nothing is parsed, sanitized or fetched while a transaction is open. Feeds that did
not change (304, or the same bytes again) cost neither a parse nor a write of their own: their
new schedules are written together, in batches.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from reader.core import schedule
from reader.core.errors import DuplicateError, FetchError, NotFoundError
from reader.core.identity import link_title_key
from reader.core.limits import DEFAULT_KEEP_ITEMS
from reader.core.types import Feed
from reader.core.updates import KEEP, FeedUpdate
from reader.library.context import LibraryContext
from reader.library.parsers import FeedParsers
from reader.library.saving import Saving
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from reader.store import settings as store_settings
from reader.store import transfer as store_transfer
from reader.store.convert import enclosures_to_json

if TYPE_CHECKING:
    from reader.services.http import FetchResponse, HttpClient
    from reader.services.parsed_feed import ParsedEntry, ParsedFeed

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


def retention_days() -> int | None:
    """Read feed articles are deleted this many days after being read; None keeps them."""
    value = store_settings.get_setting(RETENTION_KEY)
    return int(value) if isinstance(value, int) and value > 0 else None


def refresh_interval() -> timedelta:
    """How long after a refresh a feed is due again, unless it has an interval of its own."""
    value = store_settings.get_setting(INTERVAL_KEY)
    minutes = int(value) if isinstance(value, int) and value > 0 else 60
    return timedelta(minutes=minutes)


def feed_interval(feed: Feed, library_interval: timedelta) -> timedelta:
    """The feed's own interval when it has one, else the library's."""
    return timedelta(minutes=feed.refresh_minutes) if feed.refresh_minutes else library_interval


def rescheduled(feed: Feed, library_interval: timedelta) -> datetime | None:
    """When ``feed`` is due after its interval changed: its last fetch plus the new interval
    (a feed never fetched, or failing and backing off, keeps its time: None)."""
    if feed.last_fetched is None or feed.error_count or feed.disabled:
        return None
    interval = feed_interval(feed, library_interval)
    return feed.last_fetched + interval + schedule.spread(feed.id, interval)


# -- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedFailure:
    feed_id: int
    title: str
    url: str
    message: str


class RefreshOutcome(enum.StrEnum):
    """What refreshing one feed came to."""

    UPDATED = "updated"  # parsed and stored
    NOT_MODIFIED = "not-modified"  # the server answered 304
    UNCHANGED = "unchanged"  # the same bytes as last time: not parsed again
    ERROR = "error"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    """Sent to the ``progress`` callback as each feed finishes."""

    done: int
    total: int
    new_articles: int
    errors: int
    feed_id: int
    feed_title: str
    status: RefreshOutcome
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


@dataclass(slots=True)
class _Outcome:
    """What happened to one feed, as a fetch worker reports it."""

    feed: Feed
    status: RefreshOutcome
    new_ids: list[int] = field(default_factory=list)
    updated: int = 0
    error: str | None = None
    # What to write in the next batch (feeds that needed no transaction of their own).
    pending: FeedUpdate | None = None
    icon: tuple[str | None, bytes | None] | None = None
    notes: list[str] = field(default_factory=list)
    # Where the parsed feed says its icon and site are (for the icon lookup).
    icon_url: str | None = None
    site_url: str | None = None


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Refresher:
    """Fetches feeds and stores what is new, parsing them with ``parsers``; the article pages
    of feeds that ask for their full text are fetched with ``saving``."""

    def __init__(self, context: LibraryContext, saving: Saving, parsers: FeedParsers) -> None:
        self._ctx = context
        self._saving = saving
        self._parsers = parsers
        self._lock = threading.Lock()
        # Feeds a refresh running now is fetching.
        self._in_flight: set[int] = set()

    def due_feeds(self, *, force: bool = False) -> list[Feed]:
        """Feeds to refresh now: the due ones, or with ``force`` all that are not disabled,
        except those whose server asked us (429, 503) to come back later."""
        now = self._ctx.now()
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
        now = self._ctx.now()
        if feed_ids is not None:
            wanted = list(dict.fromkeys(int(i) for i in feed_ids))
            feeds = store_feeds.feeds_by_ids(wanted)
            missing = set(wanted) - {f.id for f in feeds}
            if missing:
                raise NotFoundError(f"no feed with id {min(missing)}")
        else:
            feeds = self.due_feeds(force=force)
        # A refresh already running (a timer's, say) keeps its feeds; this one skips them.
        with self._lock:
            feeds = [f for f in feeds if f.id not in self._in_flight]
            self._in_flight.update(f.id for f in feeds)
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
            with self._lock:
                self._in_flight.difference_update(f.id for f in feeds)

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
            interval=refresh_interval(),
            retention=retention_days(),
            explicit=explicit,
            cancel=cancel or threading.Event(),
            icon_done=icon_done,
        )
        workers = max(1, min(jobs or DEFAULT_JOBS, total))
        counters = _Counters()
        pending: list[tuple[int, FeedUpdate]] = []
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
                if outcome.error is not None and outcome.status is RefreshOutcome.ERROR:
                    feed = outcome.feed
                    errors.append(
                        FeedFailure(feed.id, feed.title or feed.url, feed.url, outcome.error)
                    )
                notes.extend(outcome.notes)
                if outcome.new_ids:
                    new_ids.extend(outcome.new_ids)
                    self._ctx.events.notify("articles", outcome.new_ids)
                    self._ctx.events.articles_added.publish(outcome.new_ids)
                if outcome.status is RefreshOutcome.UPDATED:
                    self._ctx.events.notify("feeds", [outcome.feed.id])
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
                            error=outcome.error,
                        ),
                    )
        if pending or icons:
            writes.append(self._write_batch(pending, icons, now))
        for write in writes:
            write.result()
        if writes:
            self._ctx.events.notify("feeds", None)
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
        pending: list[tuple[int, FeedUpdate]],
        icons: list[tuple[int, str | None, bytes | None]],
        now: datetime,
    ) -> Future[None]:
        def write() -> None:
            for feed_id, update in pending:
                try:
                    store_feeds.update_feed(feed_id, update)
                except DuplicateError:
                    # A permanent redirect onto an address another subscription already has:
                    # keep the old address rather than lose the schedule.
                    store_feeds.update_feed(feed_id, replace(update, url=KEEP))
                except NotFoundError:
                    pass  # unsubscribed while it was being fetched
            for feed_id, mime, data in icons:
                store_feeds.set_icon(feed_id, mime, data, now)

        return self._ctx.writer.submit(write, bulk=True)

    @staticmethod
    def _report(progress: Callable[[RefreshProgress], None], event: RefreshProgress) -> None:
        # A failing progress display must not stop the refresh it displays.
        try:
            progress(event)
        except Exception:
            log.exception("the refresh progress callback failed")

    def _refresh_one(self, feed: Feed, ctx: _RefreshContext) -> _Outcome:
        """Fetch, parse and store one feed. Runs on a fetch thread; never raises."""
        if ctx.cancel.is_set():
            return _Outcome(feed, RefreshOutcome.CANCELLED)
        try:
            outcome = self._fetch_and_store(feed, ctx)
        except Exception as exc:
            log.exception("refreshing %s failed", feed.url)
            message = f"internal error: {type(exc).__name__}: {exc}"
            outcome = _Outcome(
                feed,
                RefreshOutcome.ERROR,
                error=message,
                pending=self._failure_update(feed, ctx, message),
            )
        wants_icon = feed.id not in ctx.icon_done and not ctx.cancel.is_set()
        if outcome.status is not RefreshOutcome.ERROR and wants_icon:
            outcome.icon = self._find_icon(feed, outcome)
        return outcome

    def _find_icon(self, feed: Feed, outcome: _Outcome) -> tuple[str | None, bytes | None]:
        site_url = outcome.site_url or feed.site_url
        return lookup_icon(self._ctx.http.client(), feed.url, outcome.icon_url, site_url)

    def _failure_update(
        self,
        feed: Feed,
        ctx: _RefreshContext,
        message: str,
        *,
        retry_after: datetime | None = None,
        gone: bool = False,
    ) -> FeedUpdate:
        errors = feed.error_count + 1
        return FeedUpdate(
            error_count=errors,
            last_error=message,
            last_fetched=ctx.now,
            next_fetch=schedule.next_fetch(
                ctx.now,
                feed_id=feed.id,
                error_count=errors,
                interval=feed_interval(feed, ctx.interval),
                retry_after=retry_after,
            ),
            disabled=True if gone else KEEP,
        )

    def _success_update(
        self, feed: Feed, ctx: _RefreshContext, response: FetchResponse
    ) -> FeedUpdate:
        update = FeedUpdate(
            error_count=0,
            last_error=None,
            last_fetched=ctx.now,
            next_fetch=schedule.next_fetch(
                ctx.now, feed_id=feed.id, interval=feed_interval(feed, ctx.interval)
            ),
        )
        # A 304 may carry fresh validators; a 200 always replaces them (or clears them).
        if response.etag or not response.not_modified:
            update = replace(update, etag=response.etag)
        if response.last_modified or not response.not_modified:
            update = replace(update, last_modified=response.last_modified)
        if response.permanent_redirect and response.permanent_redirect != feed.url:
            update = replace(update, url=response.permanent_redirect)
        if feed.disabled and ctx.explicit:
            update = replace(update, disabled=False)
        return update

    def _fetch_and_store(self, feed: Feed, ctx: _RefreshContext) -> _Outcome:
        from reader.services.discovery import FEED_ACCEPT
        from reader.services.http import HttpStatusError

        client = self._ctx.http.client()
        try:
            response = client.get(
                feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT
            )
        except HttpStatusError as exc:
            message = str(exc)
            if exc.status == 410:
                message = f"{exc}; the feed is gone, so it is no longer refreshed"
            update = self._failure_update(
                feed, ctx, message, retry_after=exc.retry_after, gone=exc.status == 410
            )
            return _Outcome(feed, RefreshOutcome.ERROR, error=message, pending=update)
        except FetchError as exc:
            update = self._failure_update(feed, ctx, str(exc))
            return _Outcome(feed, RefreshOutcome.ERROR, error=str(exc), pending=update)
        if response.not_modified:
            update = self._success_update(feed, ctx, response)
            return _Outcome(feed, RefreshOutcome.NOT_MODIFIED, pending=update)
        digest = content_hash(response.content)
        if digest == feed.content_hash:
            update = self._success_update(feed, ctx, response)
            return _Outcome(feed, RefreshOutcome.UNCHANGED, pending=update)
        if ctx.cancel.is_set():
            return _Outcome(feed, RefreshOutcome.CANCELLED)
        parsed = self._parse(feed, response, ctx)
        if isinstance(parsed, str):
            update = self._failure_update(feed, ctx, parsed)
            return _Outcome(feed, RefreshOutcome.ERROR, error=parsed, pending=update)
        if ctx.cancel.is_set():
            return _Outcome(feed, RefreshOutcome.CANCELLED)
        from reader.services.feeds import trim_notice

        notice = trim_notice(parsed, feed.keep_items or DEFAULT_KEEP_ITEMS)
        update = replace(
            self._success_update(feed, ctx, response), content_hash=digest, notice=notice
        )
        if parsed.title and not feed.title:
            update = replace(update, title=parsed.title)
        if parsed.site_url and parsed.site_url != feed.site_url:
            update = replace(update, site_url=parsed.site_url)

        def write() -> tuple[list[int], int]:
            try:
                store_feeds.update_feed(feed.id, update)
            except DuplicateError:
                store_feeds.update_feed(feed.id, replace(update, url=KEEP))
            return store_entries(
                feed.id,
                parsed.entries,
                ctx.now,
                retention=ctx.retention,
                update_existing=not feed.fetch_full_text,
            )

        try:
            new_ids, updated = self._ctx.writer.run(write, bulk=True)
        except NotFoundError:
            notes = [f"{feed.url} was removed during the refresh"]
            return _Outcome(feed, RefreshOutcome.CANCELLED, notes=notes)
        notes = [f"{feed.title or feed.url}: {warning}" for warning in parsed.warnings]
        if notice:
            notes.append(f"{feed.title or parsed.title or feed.url}: {notice}")
        if feed.fetch_full_text and new_ids:
            notes.extend(self._full_text(new_ids))
        return _Outcome(
            feed,
            RefreshOutcome.UPDATED,
            new_ids=new_ids,
            updated=updated,
            notes=notes,
            icon_url=parsed.icon_url,
            site_url=parsed.site_url,
        )

    def _full_text(self, article_ids: list[int]) -> list[str]:
        try:
            return self._saving.fetch_full_text_for(article_ids)
        except Exception:
            log.exception("fetching full text failed")
            return ["fetching the full text of new articles failed"]

    def _parse(self, feed: Feed, response: FetchResponse, ctx: _RefreshContext) -> ParsedFeed | str:
        """The parsed feed (its ``keep_items`` newest items), or why there is none."""
        from reader.services.feeds import parse_within_budget

        return parse_within_budget(
            response.content,
            url=response.url,
            headers=response.headers,
            now=ctx.now,
            max_items=feed.keep_items or DEFAULT_KEEP_ITEMS,
            pool=self._parsers.pool(),
        )


# -- storing entries ---------------------------------------------------------------------------


def store_entries(
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


def lookup_icon(
    client: HttpClient, feed_url: str, icon_url: str | None, site_url: str | None
) -> tuple[str | None, bytes | None]:
    """``(mime, bytes)``, or ``(None, None)`` to remember that there is none."""
    try:
        from reader.services.favicon import fetch_icon

        found = fetch_icon(client, icon_url=icon_url, site_url=site_url, feed_url=feed_url)
    except Exception:
        log.exception("looking for the icon of %s failed", feed_url)
        found = None
    return found if found is not None else (None, None)


# -- helpers ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _RefreshContext:
    now: datetime
    interval: timedelta
    retention: int | None
    explicit: bool
    cancel: threading.Event
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
        if outcome.status is RefreshOutcome.ERROR:
            self.errors += 1
        elif outcome.status is RefreshOutcome.NOT_MODIFIED:
            self.not_modified += 1
        elif outcome.status is RefreshOutcome.UNCHANGED:
            self.unchanged += 1
        elif outcome.status is RefreshOutcome.CANCELLED:
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
        "published_date_only": item.published_date_only,
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
