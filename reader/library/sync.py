"""Sync through the Google Reader API: one engine, given everything it uses.

:class:`SyncEngine` takes its parts in its constructor (the library's sync store, a function
that runs a write on the library's writer, an HTTP client, a clock, an event callback and the
password store), so it works inside any composition of the library. One sync:

1. logs in, reads the server's folders, labels and subscriptions;
2. brings subscriptions in line both ways (:func:`reader.core.sync.plan_subscriptions`);
3. reads the id lists (all, unread, starred, each label) and decides item by item and field by
   field what goes where (:func:`reader.core.sync.plan_items`), sends the local changes in
   batches, then applies the server's in one transaction;
4. fetches the contents of items the library lacks, in batches, a few at a time, matching
   each to an article the library already has from the same feed before adding it.

The queue of local changes (filled by triggers, :mod:`reader.store.sync_schema`) is emptied
only after what it holds reached the server, so a sync cut short anywhere (server down, wrong
password, a timeout, the process killed) loses nothing: the next one starts over from the same
state and finds less to do.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core import sync as model
from reader.core.errors import NotFoundError, UserError
from reader.core.urls import is_http_url

if TYPE_CHECKING:
    from reader.services.greader import GReaderClient
    from reader.services.http import HttpClient
    from reader.services.secrets import SecretStore
    from reader.store.sync import NewItem, SyncAccount, SyncStore

log = logging.getLogger(__name__)

T = TypeVar("T")
EventCallback = Callable[[str, Any], None]

# Contents requests in flight at once: enough to hide the server's latency, few enough to be
# polite to a small server.
FETCH_THREADS = 3
# A feed the server could not subscribe to (it could not fetch it, say) is tried again after
# this long, not at every sync: each try makes the server fetch the feed.
SUBSCRIBE_RETRY = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did."""

    new_articles: int = 0
    sent: int = 0
    received: int = 0
    feeds_here: int = 0
    feeds_there: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = ()
    new_article_ids: tuple[int, ...] = field(default=(), repr=False)

    def line(self) -> str:
        return f"Synced in {self.seconds:.1f} s: {self.summary()}"

    def summary(self) -> str:
        parts = [f"{self.new_articles} new article{'' if self.new_articles == 1 else 's'}"]
        if self.sent:
            parts.append(f"{self.sent} change{'' if self.sent == 1 else 's'} sent")
        if self.received:
            parts.append(f"{self.received} received")
        if self.feeds_here or self.feeds_there:
            parts.append(f"feeds: {self.feeds_here} added here, {self.feeds_there} there")
        if self.notes:
            parts.append("; ".join(self.notes))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class AccountStatus:
    """An account as the user sees it: one line says how its sync stands."""

    url: str
    username: str
    status: str
    message: str | None
    last_success: datetime | None
    last_attempt: datetime | None
    pending: int
    password_in: str
    labels: bool | None

    def line(self, when: Callable[[datetime], str] | None = None) -> str:
        """How the sync stands; ``when`` writes the time of the last good sync (by default as
        ``2026-12-04 14:20``)."""
        waiting = f"{self.pending} change{'' if self.pending == 1 else 's'} waiting"
        if self.status == "new":
            return f"Not synced yet; {waiting}"
        last_success = self.last_success
        shown = "never" if last_success is None else (when or _when)(last_success)
        if self.status == "error":
            last = f" (last good sync {shown})" if last_success else ""
            return f"Sync failed: {self.message}{last}; {waiting}"
        summary = f" ({self.message})" if self.message else ""
        return f"Synced {shown}{summary}; {waiting}"


def _when(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class AddedAccount:
    status: AccountStatus
    # Said when the password could not go to the system keyring.
    warning: str | None = None
    connection: str | None = None


def clean_server_url(url: str) -> str:
    text = url.strip().rstrip("/")
    if text and "://" not in text:
        text = "https://" + text
    if not is_http_url(text):
        raise UserError(f"not a server address: {url.strip()!r} (expected https://…)")
    return text


class SyncEngine:
    """Sync of one library with one Google Reader API account."""

    def __init__(
        self,
        *,
        store: SyncStore,
        submit_write: Callable[[Callable[[], Any]], Future[Any]],
        http: Callable[[], HttpClient],
        clock: Callable[[], datetime],
        on_event: EventCallback,
        secrets: SecretStore | None = None,
    ) -> None:
        self._store = store
        self._submit = submit_write
        self._http = http
        self._clock = clock
        self._on_event = on_event
        self._secrets = secrets
        self._running = threading.Lock()

    # -- accounts ---------------------------------------------------------------------------------
    def _secret_store(self) -> SecretStore:
        if self._secrets is None:
            from reader.services.secrets import SecretStore

            self._secrets = SecretStore()
        return self._secrets

    def _client(self, url: str, username: str, password: str) -> GReaderClient:
        from reader.services.greader import GReaderClient

        return GReaderClient(self._http(), url, username, password)

    def test_connection(self, url: str, username: str, password: str) -> str:
        """Log in and read the subscriptions; one line that says what was found."""
        client = self._client(clean_server_url(url), username.strip(), password)
        client.login()
        subscriptions = client.subscriptions()
        labels = client.has_labels(client.tags())
        count = len(subscriptions)
        has = "with labels" if labels else "without labels"
        return (
            f"Connected to {client.base} as {username.strip()}: {count}"
            f" subscription{'' if count == 1 else 's'}, {has}"
        )

    def add_account(
        self, url: str, username: str, password: str, *, check: bool = True
    ) -> AddedAccount:
        """Keep an account (after a test of the connection unless ``check`` is False). The
        password goes to the keyring, or to a file only the user can read."""
        from reader.services.secrets import secret_key

        url = clean_server_url(url)
        username = username.strip()
        if not username or not password:
            raise UserError("a sync account needs a user name and an API password")
        if self._store.account() is not None:
            raise UserError(
                "Folio syncs with one account at a time; remove the current one first"
                " ('folio account remove')"
            )
        connection = self.test_connection(url, username, password) if check else None
        secrets = self._secret_store()
        key = secret_key(url, username)
        stored = secrets.store(key, password)
        now = self._clock()
        try:
            self._submit(
                lambda: self._store.add_account(
                    url=url, username=username, secret=stored.where, now=now
                )
            ).result()
        except BaseException:
            secrets.delete(key, stored.where)
            raise
        self._on_event("sync", None)
        status = self.status()
        assert status is not None
        return AddedAccount(status, stored.warning, connection)

    def remove_account(self) -> AccountStatus:
        """Forget the account and its password. The library keeps everything it holds."""
        from reader.services.secrets import secret_key

        account = self._require_account()
        status = self.status()
        assert status is not None
        self._submit(lambda: self._store.remove_account(account.id)).result()
        self._secret_store().delete(secret_key(account.url, account.username), account.secret)
        self._on_event("sync", None)
        return status

    def status(self) -> AccountStatus | None:
        account = self._store.account()
        if account is None:
            return None
        return AccountStatus(
            url=account.url,
            username=account.username,
            status=account.status,
            message=account.message,
            last_success=account.last_success,
            last_attempt=account.last_attempt,
            pending=self._store.pending_count(),
            password_in=account.secret,
            labels=account.labels,
        )

    def _require_account(self) -> SyncAccount:
        account = self._store.account()
        if account is None:
            raise NotFoundError(
                "there is no sync account; add one with 'folio account add URL USER'"
            )
        return account

    # -- sync ---------------------------------------------------------------------------------
    def sync(
        self,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> SyncReport:
        """Sync now. Raises a :class:`UserError` with one line when it cannot finish; what
        was done stays done and the rest is left for the next sync."""
        from reader.services.greader import SyncError
        from reader.services.secrets import secret_key

        account = self._require_account()
        if not self._running.acquire(blocking=False):
            raise UserError("a sync of this library is already running")
        started = time.monotonic()
        now = self._clock()
        try:
            self._submit(lambda: self._store.record_attempt(account.id, now)).result()
            password = self._secret_store().load(
                secret_key(account.url, account.username), account.secret
            )
            if password is None:
                raise UserError(
                    "the account's password is missing; remove the account and add it again"
                )
            client = self._client(account.url, account.username, password)
            run = _Run(
                self,
                account,
                client=client,
                now=now,
                cancel=cancel or threading.Event(),
                progress=progress,
            )
            report = run.execute(started)
        except (UserError, SyncError) as exc:
            message = str(exc)
            self._finish(account.id, "error", message, None)
            raise UserError(f"sync failed: {message}") from None
        except Exception as exc:
            log.exception("sync failed")
            self._finish(account.id, "error", f"internal error: {type(exc).__name__}: {exc}", None)
            raise
        finally:
            self._running.release()
        self._finish(account.id, "ok", report.summary(), now)
        return report

    def _finish(self, account_id: int, status: str, message: str, success: datetime | None) -> None:
        try:
            self._submit(
                lambda: self._store.set_status(
                    account_id, status=status, message=message, success=success
                )
            ).result()
        except Exception:
            log.exception("could not record the sync's outcome")
        self._on_event("sync", None)

    # -- what a run uses --------------------------------------------------------------------------
    def _apply(self, account_id: int, fn: Callable[[], T]) -> T:
        """Write the server's changes: the queue's triggers stay quiet for this transaction."""

        def write() -> T:
            self._store.set_applying(account_id, True)
            result = fn()
            self._store.set_applying(account_id, False)
            return result

        result: T = self._submit(write).result()
        return result

    def _emit(self, kind: str, detail: Any = None) -> None:
        try:
            self._on_event(kind, detail)
        except Exception:
            log.exception("a sync event listener failed")


class _Run:
    """One sync of one account: the steps, and what they learn along the way."""

    def __init__(
        self,
        engine: SyncEngine,
        account: SyncAccount,
        *,
        client: GReaderClient,
        now: datetime,
        cancel: threading.Event,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.engine = engine
        self.store = engine._store
        self.account = account
        self.client = client
        self.now = now
        self.cancel = cancel
        self.progress = progress
        self.previous = account.last_success
        self.notes: list[str] = []
        self.sent = 0
        self.received = 0
        self.feeds_here = 0
        self.feeds_there = 0
        self.labels = False

    def execute(self, started: float) -> SyncReport:
        self.client.login()
        tags = self.client.tags()
        # Asked once; a server that later lists labels in tag/list has them from then on.
        labels = tags.labels is not None or (
            self.account.labels if self.account.labels is not None else self.client.has_labels(tags)
        )
        self.labels = labels
        if labels != self.account.labels:
            self.engine._submit(lambda: self.store.set_labels(self.account.id, labels)).result()
        feed_of_stream = self._subscriptions()
        new_ids = self._items(feed_of_stream, (tags.labels or frozenset()) if labels else None)
        return SyncReport(
            new_articles=len(new_ids),
            sent=self.sent,
            received=self.received,
            feeds_here=self.feeds_here,
            feeds_there=self.feeds_there,
            seconds=time.monotonic() - started,
            notes=tuple(self.notes),
            new_article_ids=tuple(new_ids),
        )

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise UserError("stopped; the rest is left for the next sync")

    # -- subscriptions ------------------------------------------------------------------------
    def _subscriptions(self) -> dict[str, int]:
        """Subscriptions both ways; returns the feed id of each server feed stream."""
        from reader.services.greader import SyncError

        feed_changes = self.store.pending(model.Entity.FEED)
        folder_changes = self.store.pending(model.Entity.FOLDER)
        times = {
            (c.entity_id, c.field): c.changed_at
            for c in feed_changes
            if c.field == model.TITLE_FIELD
        }
        times.update(
            ((feed_id, model.FOLDER_FIELD), when)
            for feed_id, when in self.store.folder_change_times().items()
        )
        removed = {
            c.detail: c for c in feed_changes if c.field == model.UNSUBSCRIBE_FIELD and c.detail
        }
        server = self.client.subscriptions()
        plan = model.plan_subscriptions(
            server,
            self.store.local_feeds(),
            self.store.links(self.account.id),
            removed_here=list(removed),
            changes=times,
            previous_sync=self.previous,
            now=self.now,
        )
        changed_there = False
        for remote_id in plan.unsubscribe:
            self.client.unsubscribe(remote_id)
            changed_there = True
        retry = {
            c.entity_id: c
            for c in feed_changes
            if c.field == model.SUBSCRIBE_FIELD and c.retry_after is not None
        }
        failed: list[tuple[model.LocalFeed, str, model.PendingChange | None]] = []
        for feed in plan.subscribe:
            previous = retry.get(feed.feed_id)
            if previous is not None and previous.retry_after and previous.retry_after > self.now:
                failed.append((feed, previous.error or "", previous))
                continue
            try:
                self.client.subscribe(
                    feed.url, title=feed.title or None, label=model.folder_label(feed.folder)
                )
                self.feeds_there += 1
                changed_there = True
            except SyncError as exc:
                if exc.status is None or exc.status == 401:
                    raise
                failed.append((feed, str(exc), None))
        renamed = self._push_labels(plan.push_label, server)
        for remote_id, title in plan.push_title:
            self.client.edit_subscription(remote_id, title=title)
        for remote_id, old, new in plan.push_label:
            if (old, new) not in renamed:
                self.client.edit_subscription(remote_id, label=new, old=old)
        if plan.push_title or plan.push_label:
            changed_there = True
        self.sent += len(plan.push_title) + len(plan.push_label) + len(plan.unsubscribe)
        if changed_there:
            server = self.client.subscriptions()
        if plan.held_removals:
            self.notes.append(
                f"the server no longer lists {plan.held_removals} of this library's feeds;"
                " they were kept here"
            )
        if failed:
            self.notes.append(
                f"{len(failed)} feed{'' if len(failed) == 1 else 's'} could not be added on"
                f" the server ({failed[0][1]})"
            )
        result = self.engine._apply(
            self.account.id,
            lambda: self._write_subscriptions(plan, server, feed_changes + folder_changes, failed),
        )
        if plan.create_local or plan.remove_local or plan.pull_title or plan.pull_folder:
            self.engine._emit("feeds", None)
        return result

    def _push_labels(
        self, moves: Sequence[tuple[str, str, str]], server: Sequence[model.Subscription]
    ) -> set[tuple[str, str]]:
        """A folder renamed here moves all its feeds from one label to a new one: rename the
        label on the server instead (one request, and other apps keep their view of it)."""
        by_pair: dict[tuple[str, str], int] = defaultdict(int)
        for _, old, new in moves:
            if old and new:
                by_pair[(old, new)] += 1
        labels_in_use: dict[str, int] = defaultdict(int)
        for sub in server:
            labels_in_use[sub.label.casefold()] += 1
        renamed: set[tuple[str, str]] = set()
        for (old, new), count in by_pair.items():
            if labels_in_use[old.casefold()] == count and not labels_in_use[new.casefold()]:
                self.client.rename_label(old, new)
                renamed.add((old, new))
        return renamed

    def _write_subscriptions(
        self,
        plan: model.SubscriptionPlan,
        server: Sequence[model.Subscription],
        snapshot: Sequence[model.PendingChange],
        failed: Sequence[tuple[model.LocalFeed, str, model.PendingChange | None]],
    ) -> dict[str, int]:
        store = self.store
        for feed_id in plan.remove_local:
            store.remove_feed(feed_id)
        for feed_id, title in plan.pull_title:
            store.set_feed_title(feed_id, title)
        for feed_id, folder in plan.pull_folder:
            store.set_feed_folder(feed_id, folder)
        links = {link.remote_id: link.feed_id for link in store.links(self.account.id)}
        local = {f.feed_id: f for f in store.local_feeds()}
        by_url = {model.url_key(f.url): f.feed_id for f in local.values()}
        feed_of_stream: dict[str, int] = {}
        for sub in server:
            linked = links.get(sub.remote_id) or by_url.get(model.url_key(sub.url))
            if linked is None:
                linked = store.add_feed(sub, now=self.now)
                self.feeds_here += 1
                local[linked] = model.LocalFeed(linked, sub.url, sub.title, sub.label or None)
            feed = local.get(linked)
            if feed is None:
                continue
            feed_of_stream[sub.remote_id] = linked
            store.link_feed(
                self.account.id,
                model.FeedLink(
                    feed_id=linked,
                    remote_id=sub.remote_id,
                    local_title=feed.title,
                    remote_title=sub.title,
                    local_folder=feed.folder,
                    remote_label=sub.label,
                ),
            )
        unlinked = {feed.feed_id for feed, _, _ in failed}
        store.acknowledge(
            [
                c
                for c in snapshot
                if not (c.field == model.SUBSCRIBE_FIELD and c.entity_id in unlinked)
            ]
        )
        for feed, error, previous in failed:
            if previous is not None:
                continue
            store.note_failure(
                model.Entity.FEED,
                feed.feed_id,
                model.SUBSCRIBE_FIELD,
                error=error,
                retry_after=self.now + SUBSCRIBE_RETRY,
                now=self.now,
            )
        return feed_of_stream

    # -- items ---------------------------------------------------------------------------------
    def _items(self, feed_of_stream: dict[str, int], labels: frozenset[str] | None) -> list[int]:
        client = self.client
        all_ids = client.item_ids(model.READING_LIST)
        unread = client.item_ids(model.READING_LIST, exclude=model.READ)
        starred = client.item_ids(model.STARRED)
        label_ids: dict[str, frozenset[int]] | None = None
        if labels is not None:
            label_ids = {
                name: frozenset(client.item_ids(model.label_stream(name))) for name in labels
            }
        server = model.ServerState(
            ids=frozenset(all_ids | starred),
            unread=frozenset(unread),
            starred=frozenset(starred),
            labels=label_ids,
        )
        self._check_cancel()
        snapshot = self.store.pending(model.Entity.ARTICLE)
        changes = model.change_times(snapshot)
        known = self.store.known_items(self.account.id)
        local = self.store.local_states(
            [k.article_id for k in known.values() if k.article_id is not None],
            with_labels=labels is not None,
        )
        plan = model.plan_items(
            known, server, local, changes, previous_sync=self.previous, labels=labels is not None
        )
        self._push(plan)
        self.engine._apply(self.account.id, lambda: self._write_items(plan))
        touched = plan.set_read + plan.set_unread + plan.set_star + plan.set_unstar
        if touched:
            self.engine._emit("articles", sorted(set(touched)))
        if plan.add_tags or plan.remove_tags:
            self.engine._emit("tags", None)
        new_ids = self._new_items(plan.fetch, server, feed_of_stream, changes)
        # Every change read at the start has now reached the server or lost to a later one.
        self.engine._submit(lambda: self.store.acknowledge(snapshot)).result()
        return new_ids

    def _push(self, plan: model.ItemPlan) -> None:
        client = self.client
        client.edit_tag(plan.push_read, add=model.READ)
        client.edit_tag(plan.push_unread, remove=model.READ)
        client.edit_tag(plan.push_star, add=model.STARRED)
        client.edit_tag(plan.push_unstar, remove=model.STARRED)
        for name, ids in plan.push_label_add.items():
            client.edit_tag(ids, add=model.label_stream(name))
        for name, ids in plan.push_label_remove.items():
            client.edit_tag(ids, remove=model.label_stream(name))
        self.sent += plan.pushes

    def _write_items(self, plan: model.ItemPlan) -> None:
        store = self.store
        store.set_flags(plan.set_read, now=self.now, read=True)
        store.set_flags(plan.set_unread, now=self.now, read=False)
        store.set_flags(plan.set_star, now=self.now, starred=True)
        store.set_flags(plan.set_unstar, now=self.now, starred=False)
        store.change_tags(plan.add_tags, plan.remove_tags)
        store.forget_items(self.account.id, plan.forget)
        store.set_baselines(self.account.id, plan.baselines)
        self.received += plan.pulls

    # -- new items ------------------------------------------------------------------------------
    def _new_items(
        self,
        remote_ids: Sequence[int],
        server: model.ServerState,
        feed_of_stream: dict[str, int],
        changes: dict[tuple[int, str], datetime],
    ) -> list[int]:
        if not remote_ids:
            return []
        from reader.services.greader import iter_batches

        feed_urls = {f.feed_id: f.url for f in self.store.local_feeds()}
        total = len(remote_ids)
        done = 0
        new_ids: list[int] = []
        merged = model.ItemPlan()
        with ThreadPoolExecutor(FETCH_THREADS, thread_name_prefix="folio-sync") as pool:
            batches = iter(iter_batches(remote_ids))
            pending: list[Future[list[NewItem]]] = []
            for batch in _take(batches, FETCH_THREADS):
                pending.append(pool.submit(self._fetch, batch, server, feed_of_stream, feed_urls))
            while pending:
                items = pending.pop(0).result()
                if not self.cancel.is_set():
                    for batch in _take(batches, 1):
                        pending.append(
                            pool.submit(self._fetch, batch, server, feed_of_stream, feed_urls)
                        )
                added = self._store_batch(items, changes, merged)
                new_ids.extend(added)
                done += len(items)
                if self.progress is not None:
                    self.progress(min(done, total), total)
            self._check_cancel()
        if merged.pushes:
            self._push(merged)
            self.engine._submit(
                lambda: self.store.set_baselines(self.account.id, merged.baselines)
            ).result()
        if new_ids:
            self.engine._emit("articles-added", new_ids)
            self.engine._emit("articles", new_ids)
        return new_ids

    def _fetch(
        self,
        batch: list[int],
        server: model.ServerState,
        feed_of_stream: dict[str, int],
        feed_urls: dict[int, str],
    ) -> list[NewItem]:
        """Runs on a fetch thread: the items' contents, sanitized, ready to store."""
        from reader.services.greader import to_entry
        from reader.store.sync import NewItem

        items: list[NewItem] = []
        for remote in self.client.contents(batch):
            feed_id = feed_of_stream.get(remote.feed_stream)
            if feed_id is None:
                continue
            entry = to_entry(remote, feed_url=feed_urls.get(feed_id, ""), now=self.now)
            items.append(
                NewItem(
                    remote_id=remote.remote_id,
                    feed_id=feed_id,
                    key=entry.key,
                    article=entry.article,
                    read=server.is_read(remote.remote_id),
                    starred=remote.remote_id in server.starred,
                    labels=tuple(sorted(server.labels_of(remote.remote_id))),
                    updated=remote.updated,
                )
            )
        return items

    def _store_batch(
        self, items: list[NewItem], changes: dict[tuple[int, str], datetime], merged: model.ItemPlan
    ) -> list[int]:
        return self.engine._apply(self.account.id, lambda: self._store_new(items, changes, merged))

    def _store_new(
        self,
        items: Sequence[NewItem],
        changes: dict[tuple[int, str], datetime],
        merged: model.ItemPlan,
    ) -> list[int]:
        """One batch in one transaction: matched items link to the article the library has
        (their states merge), the others become new articles."""
        store = self.store
        by_feed: dict[int, list[NewItem]] = defaultdict(list)
        for item in items:
            by_feed[item.feed_id].append(item)
        matches: dict[int, int] = {}
        for feed_id, feed_items in by_feed.items():
            matches.update(store.match_articles(feed_id, feed_items))
        fresh = [i for i in items if i.remote_id not in matches]
        created = store.insert_items(fresh, now=self.now)
        local = store.local_states(list(matches.values()), with_labels=self.labels)
        rows: dict[int, tuple[int | None, bool, bool, frozenset[str] | None]] = {}
        plan = model.ItemPlan()
        for item in items:
            server_labels = frozenset(item.labels) if self.labels else None
            if item.remote_id in created:
                rows[item.remote_id] = (
                    created[item.remote_id],
                    item.read,
                    item.starred,
                    server_labels,
                )
                continue
            article_id = matches[item.remote_id]
            # Linked with the server's state as the baseline; what the merge sends becomes the
            # baseline only once the server has it.
            rows[item.remote_id] = (article_id, item.read, item.starred, server_labels)
            model.plan_new_item(
                plan,
                item.remote_id,
                article_id=article_id,
                local=local.get(article_id),
                server_read=item.read,
                server_starred=item.starred,
                server_labels=server_labels,
                changes=changes,
                # The server's own time of the item's last change (Miniflux gives it), when it
                # falls after the last sync.
                remote_at=model.remote_change_time(item.updated, self.previous, self.now),
            )
        store.save_items(self.account.id, rows)
        store.set_flags(plan.set_read, now=self.now, read=True)
        store.set_flags(plan.set_unread, now=self.now, read=False)
        store.set_flags(plan.set_star, now=self.now, starred=True)
        store.set_flags(plan.set_unstar, now=self.now, starred=False)
        store.change_tags(plan.add_tags, plan.remove_tags)
        self.received += plan.pulls
        _merge(merged, plan)
        return list(created.values())


def _take(items: Iterable[T], count: int) -> list[T]:
    taken: list[T] = []
    iterator = iter(items)
    for _ in range(count):
        try:
            taken.append(next(iterator))
        except StopIteration:
            break
    return taken


def _merge(into: model.ItemPlan, plan: model.ItemPlan) -> None:
    into.push_read += plan.push_read
    into.push_unread += plan.push_unread
    into.push_star += plan.push_star
    into.push_unstar += plan.push_unstar
    for name, ids in plan.push_label_add.items():
        into.push_label_add.setdefault(name, []).extend(ids)
    for name, ids in plan.push_label_remove.items():
        into.push_label_remove.setdefault(name, []).extend(ids)
    into.baselines.update(plan.baselines)
