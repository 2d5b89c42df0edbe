"""What sync reads and writes in the library: accounts, links to server ids, the queue.

Reads run on any thread; writes run inside the caller's transaction (the library's writer).
Everything comes back as core types (:mod:`reader.core.sync`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import peewee

from reader.core import sync as model
from reader.core.errors import DuplicateError, NotFoundError
from reader.core.identity import link_title_key
from reader.core.types import ArticleInput
from reader.core.updates import FeedUpdate
from reader.core.urls import normalize_url
from reader.store import feeds as store_feeds
from reader.store import models as m
from reader.store.articles import content_hash, set_state
from reader.store.convert import enclosures_to_json
from reader.store.fields import from_micros, to_micros
from reader.store.tags import add_tags, remove_tags, tags_for_articles
from reader.store.transfer import ArticleRow, TagCache, insert_articles

_CHUNK = 500
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SyncAccount:
    id: int
    url: str
    username: str
    secret: str
    added: datetime
    last_attempt: datetime | None
    last_success: datetime | None
    status: str
    message: str | None
    labels: bool | None


@dataclass(frozen=True, slots=True)
class NewItem:
    """A server item to store: its article (matched to an existing one, or new), state and
    labels. ``article_id`` is set when the item matched an article the library had."""

    remote_id: int
    feed_id: int
    key: str
    article: ArticleInput
    read: bool
    starred: bool
    labels: tuple[str, ...] = ()
    # The server's time of the item's last change, where it gives one.
    updated: datetime | None = None


def _db() -> peewee.SqliteDatabase:
    return m.database_proxy.obj


def _time(value: Any) -> datetime | None:
    return None if value is None else from_micros(int(value))


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class SyncStore:
    """The library as the sync engine sees it."""

    # -- the account ---------------------------------------------------------------------------
    def account(self) -> SyncAccount | None:
        row = (
            _db()
            .execute_sql(
                'SELECT "id", "url", "username", "secret", "added", "last_attempt",'
                ' "last_success", "status", "message", "labels" FROM "sync_account"'
                ' ORDER BY "id" LIMIT 1'
            )
            .fetchone()
        )
        if row is None:
            return None
        return SyncAccount(
            id=row[0],
            url=row[1],
            username=row[2],
            secret=row[3],
            added=from_micros(row[4]),
            last_attempt=_time(row[5]),
            last_success=_time(row[6]),
            status=row[7],
            message=row[8],
            labels=None if row[9] is None else bool(row[9]),
        )

    def add_account(self, *, url: str, username: str, secret: str, now: datetime) -> int:
        if self.account() is not None:
            raise DuplicateError(
                "Folio syncs with one account at a time; remove the current one first"
                " ('folio account remove')"
            )
        cursor = _db().execute_sql(
            'INSERT INTO "sync_account" ("url", "username", "secret", "added", "status")'
            " VALUES (?, ?, ?, ?, 'new')",
            (url, username, secret, to_micros(now)),
        )
        return int(cursor.lastrowid)

    def remove_account(self, account_id: int) -> None:
        db = _db()
        if not db.execute_sql('DELETE FROM "sync_account" WHERE "id" = ?', (account_id,)).rowcount:
            raise NotFoundError("there is no sync account")
        # Links and items go with the account (foreign keys); the queue is the library's.
        db.execute_sql('DELETE FROM "sync_change"')

    def record_attempt(self, account_id: int, now: datetime) -> None:
        _db().execute_sql(
            'UPDATE "sync_account" SET "last_attempt" = ? WHERE "id" = ?',
            (to_micros(now), account_id),
        )

    def set_status(
        self,
        account_id: int,
        *,
        status: str,
        message: str | None,
        success: datetime | None = None,
    ) -> None:
        if success is not None:
            _db().execute_sql(
                'UPDATE "sync_account" SET "status" = ?, "message" = ?, "last_success" = ?'
                ' WHERE "id" = ?',
                (status, message, to_micros(success), account_id),
            )
        else:
            _db().execute_sql(
                'UPDATE "sync_account" SET "status" = ?, "message" = ? WHERE "id" = ?',
                (status, message, account_id),
            )

    def set_labels(self, account_id: int, labels: bool | None) -> None:
        _db().execute_sql(
            'UPDATE "sync_account" SET "labels" = ? WHERE "id" = ?',
            (None if labels is None else int(labels), account_id),
        )

    def set_applying(self, account_id: int, applying: bool) -> None:
        """While set (inside one transaction only), the library's changes are the server's
        and the queue's triggers stay quiet."""
        _db().execute_sql(
            'UPDATE "sync_account" SET "applying" = ? WHERE "id" = ?', (int(applying), account_id)
        )

    # -- the queue -----------------------------------------------------------------------------
    def pending(self, entity: model.Entity | None = None) -> list[model.PendingChange]:
        sql = (
            'SELECT "id", "entity", "entity_id", "field", "changed_at", "detail", "error",'
            ' "retry_after" FROM "sync_change"'
        )
        params: tuple[Any, ...] = ()
        if entity is not None:
            sql += ' WHERE "entity" = ?'
            params = (entity.value,)
        return [
            model.PendingChange(
                id=r[0],
                entity=model.Entity(r[1]),
                entity_id=r[2],
                field=r[3],
                changed_at=from_micros(r[4]),
                detail=r[5],
                error=r[6],
                retry_after=_time(r[7]),
            )
            for r in _db().execute_sql(sql + ' ORDER BY "id"', params)
        ]

    def pending_count(self) -> int:
        """Changes waiting to be sent (a failed subscription waiting to be retried counts)."""
        row = _db().execute_sql('SELECT count(*) FROM "sync_change"').fetchone()
        return int(row[0])

    def change_times(self, change_ids: Sequence[int]) -> dict[int, datetime]:
        found: dict[int, datetime] = {}
        for chunk in _chunks(list(change_ids)):
            rows = _db().execute_sql(
                'SELECT "id", "changed_at" FROM "sync_change"'
                f' WHERE "id" IN ({_marks(len(chunk))})',
                tuple(chunk),
            )
            found.update((r[0], from_micros(r[1])) for r in rows)
        return found

    def acknowledge(self, changes: Sequence[model.PendingChange]) -> None:
        """Drop rows that were sent, unless changed again since they were read."""
        _db().cursor().executemany(
            'DELETE FROM "sync_change" WHERE "id" = ? AND "changed_at" = ?',
            [(c.id, to_micros(c.changed_at)) for c in changes],
        )

    def note_failure(
        self,
        entity: model.Entity,
        entity_id: int,
        field: str,
        *,
        error: str,
        retry_after: datetime,
        now: datetime,
    ) -> None:
        _db().execute_sql(
            'INSERT INTO "sync_change" ("entity", "entity_id", "field", "changed_at", "error",'
            ' "retry_after") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("entity", "entity_id",'
            ' "field") DO UPDATE SET "error" = excluded."error",'
            ' "retry_after" = excluded."retry_after"',
            (entity.value, entity_id, field, to_micros(now), error, to_micros(retry_after)),
        )

    def folder_change_times(self) -> dict[int, datetime]:
        """Feed id → the last time it moved here: its own moves, and renames or moves of any
        folder above it (those change its path, so its label on the server)."""
        times: dict[int, datetime] = {}
        for change in self.pending(model.Entity.FEED):
            if change.field == model.FOLDER_FIELD:
                times[change.entity_id] = change.changed_at
        folder_times = {c.entity_id: c.changed_at for c in self.pending(model.Entity.FOLDER)}
        if not folder_times:
            return times
        parents = {f.id: f.parent_id for f in m.Folder.select(m.Folder.id, m.Folder.parent)}
        for feed_id, feed_folder in m.Feed.select(m.Feed.id, m.Feed.folder).tuples():
            seen: set[int] = set()
            folder_id = feed_folder
            while folder_id is not None and folder_id not in seen:
                seen.add(folder_id)
                when = folder_times.get(folder_id)
                if when is not None and (feed_id not in times or when > times[feed_id]):
                    times[feed_id] = when
                folder_id = parents.get(folder_id)
        return times

    # -- feeds -----------------------------------------------------------------------------------
    def local_feeds(self) -> list[model.LocalFeed]:
        return [model.LocalFeed(f.id, f.url, f.title, f.folder) for f in store_feeds.list_feeds()]

    def links(self, account_id: int) -> list[model.FeedLink]:
        rows = _db().execute_sql(
            'SELECT "feed_id", "remote_id", "local_title", "remote_title", "local_folder",'
            ' "remote_label" FROM "sync_feed" WHERE "account_id" = ?',
            (account_id,),
        )
        return [model.FeedLink(r[0], r[1], r[2], r[3], r[4] or None, r[5]) for r in rows]

    def link_feed(self, account_id: int, link: model.FeedLink) -> None:
        _db().execute_sql(
            'INSERT OR REPLACE INTO "sync_feed" ("feed_id", "account_id", "remote_id",'
            ' "local_title", "remote_title", "local_folder", "remote_label")'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                link.feed_id,
                account_id,
                link.remote_id,
                link.local_title,
                link.remote_title,
                link.local_folder or "",
                link.remote_label,
            ),
        )

    def add_feed(self, sub: model.Subscription, *, now: datetime) -> int:
        """A feed the server has and the library lacks."""
        folder_id = store_feeds.ensure_folder(sub.label) if sub.label.strip() else None
        existing = store_feeds.find_feed(sub.url)
        if existing is not None:
            return existing
        return store_feeds.add_feed(
            sub.url, title=sub.title, site_url=sub.site_url, folder_id=folder_id, now=now
        )

    def set_feed_title(self, feed_id: int, title: str) -> None:
        store_feeds.update_feed(feed_id, FeedUpdate(title=title))

    def set_feed_folder(self, feed_id: int, path: str | None) -> None:
        folder_id = store_feeds.ensure_folder(path) if path and path.strip() else None
        store_feeds.update_feed(feed_id, FeedUpdate(folder_id=folder_id))

    def remove_feed(self, feed_id: int) -> None:
        """As the user's own removal does: starred and tagged articles stay, as saved ones."""
        store_feeds.remove_feed(feed_id)

    # -- items ------------------------------------------------------------------------------------
    def known_items(self, account_id: int) -> dict[int, model.KnownItem]:
        rows = _db().execute_sql(
            'SELECT "remote_id", "article_id", "read", "starred", "labels" FROM "sync_item"'
            ' WHERE "account_id" = ?',
            (account_id,),
        )
        return {
            r[0]: model.KnownItem(
                remote_id=r[0],
                article_id=r[1],
                read=bool(r[2]),
                starred=bool(r[3]),
                labels=None if r[4] is None else frozenset(json.loads(r[4])),
            )
            for r in rows
        }

    def local_states(
        self, article_ids: Sequence[int], *, with_labels: bool
    ) -> dict[int, model.LocalState]:
        states: dict[int, model.LocalState] = {}
        ids = list(article_ids)
        tags = tags_for_articles(ids) if with_labels else {}
        for chunk in _chunks(ids):
            rows = _db().execute_sql(
                'SELECT "id", "read", "starred" FROM "article"'
                f' WHERE "id" IN ({_marks(len(chunk))})',
                tuple(chunk),
            )
            for article_id, read, starred in rows:
                states[article_id] = model.LocalState(
                    bool(read), bool(starred), frozenset(tags.get(article_id, ()))
                )
        return states

    def match_articles(self, feed_id: int, items: Sequence[NewItem]) -> dict[int, int]:
        """Remote id → an article the library already has for it: the same feed's entry
        with the same key, else the same link (and title, when several share the link).
        Articles already linked to another item are not taken."""
        keys = [i.key for i in items]
        urls = sorted({i.article.canonical_url for i in items if i.article.canonical_url})
        rows = store_feeds.known_entries(feed_id, keys, urls)
        linked = self._linked_articles([r[0] for r in rows])
        by_key: dict[str, int] = {}
        by_url: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for article_id, key, url, title, _ in rows:
            if article_id in linked:
                continue
            if key:
                by_key.setdefault(key, article_id)
            if url:
                by_url[normalize_url(url)].append((article_id, title))
        found: dict[int, int] = {}
        taken: set[int] = set()
        for item in items:
            match = by_key.get(item.key)
            if match is None and item.article.canonical_url:
                candidates = [
                    c
                    for c in by_url.get(normalize_url(item.article.canonical_url), ())
                    if c[0] not in taken
                ]
                wanted = link_title_key(item.article.canonical_url, item.article.title)
                exact = [
                    c
                    for c in candidates
                    if link_title_key(item.article.canonical_url, c[1]) == wanted
                ]
                pick = exact or (candidates if len(candidates) == 1 else [])
                match = pick[0][0] if pick else None
            if match is not None and match not in taken:
                found[item.remote_id] = match
                taken.add(match)
        return found

    def _linked_articles(self, article_ids: Sequence[int]) -> set[int]:
        linked: set[int] = set()
        for chunk in _chunks(list(article_ids)):
            rows = _db().execute_sql(
                'SELECT "article_id" FROM "sync_item"'
                f' WHERE "article_id" IN ({_marks(len(chunk))})',
                tuple(chunk),
            )
            linked.update(r[0] for r in rows)
        return linked

    def insert_items(self, items: Sequence[NewItem], *, now: datetime) -> dict[int, int]:
        """New articles for server items; returns remote id → article id."""
        rows: list[ArticleRow] = []
        feed_tags: dict[int, list[str]] = {}
        for item in items:
            if item.feed_id not in feed_tags:
                feed_tags[item.feed_id] = store_feeds.feed_tag_names(item.feed_id)
            tags = list(dict.fromkeys([*feed_tags[item.feed_id], *item.labels]))
            rows.append(_article_row(item, now, tags))
        ids = insert_articles(rows, tags=TagCache())
        return {item.remote_id: article_id for item, article_id in zip(items, ids, strict=True)}

    def save_items(
        self,
        account_id: int,
        rows: Mapping[int, tuple[int | None, bool, bool, frozenset[str] | None]],
    ) -> None:
        """Link items to articles with the state both sides now hold."""
        _db().cursor().executemany(
            'INSERT INTO "sync_item" ("account_id", "remote_id", "article_id", "read", "starred",'
            ' "labels") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("account_id", "remote_id")'
            ' DO UPDATE SET "article_id" = excluded."article_id", "read" = excluded."read",'
            ' "starred" = excluded."starred", "labels" = excluded."labels"',
            [
                (
                    account_id,
                    remote_id,
                    article_id,
                    int(read),
                    int(starred),
                    None if labels is None else json.dumps(sorted(labels), ensure_ascii=False),
                )
                for remote_id, (article_id, read, starred, labels) in rows.items()
            ],
        )

    def set_baselines(
        self,
        account_id: int,
        baselines: Mapping[int, tuple[bool, bool, frozenset[str] | None]],
    ) -> None:
        _db().cursor().executemany(
            'UPDATE "sync_item" SET "read" = ?, "starred" = ?, "labels" = ?'
            ' WHERE "account_id" = ? AND "remote_id" = ?',
            [
                (
                    int(read),
                    int(starred),
                    None if labels is None else json.dumps(sorted(labels), ensure_ascii=False),
                    account_id,
                    remote_id,
                )
                for remote_id, (read, starred, labels) in baselines.items()
            ],
        )

    def forget_items(self, account_id: int, remote_ids: Sequence[int]) -> None:
        _db().cursor().executemany(
            'DELETE FROM "sync_item" WHERE "account_id" = ? AND "remote_id" = ?',
            [(account_id, r) for r in remote_ids],
        )

    def set_flags(
        self,
        article_ids: Sequence[int],
        *,
        now: datetime,
        read: bool | None = None,
        starred: bool | None = None,
    ) -> None:
        set_state(list(article_ids), now=now, read=read, starred=starred)

    def change_tags(
        self, added: Mapping[int, Sequence[str]], removed: Mapping[int, Sequence[str]]
    ) -> None:
        for article_id, names in added.items():
            add_tags(article_id, names)
        for article_id, names in removed.items():
            remove_tags(article_id, names)


def _article_row(item: NewItem, now: datetime, tags: list[str]) -> ArticleRow:
    article = item.article
    columns: dict[str, Any] = {
        "feed_id": item.feed_id,
        "source_kind": article.source_kind.value,
        "entry_key": item.key,
        "guid": article.guid,
        "url": article.url,
        "canonical_url": article.canonical_url or article.url,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "updated": article.updated,
        "added": now,
        "sort_date": article.published or now,
        "summary": article.summary,
        "language": article.language,
        "site_name": article.site_name,
        "image_url": article.image_url,
        "word_count": article.word_count,
        "enclosures": enclosures_to_json(article.enclosures),
        "content_hash": content_hash(article),
        "fetch_status": "ok",
        "read": item.read,
        "read_at": now if item.read else None,
        "starred": item.starred,
    }
    return ArticleRow(columns=columns, html=article.content_html, text=article.text, tags=tags)
