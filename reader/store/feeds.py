"""Feeds and folders."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import peewee

from reader.core.errors import DuplicateError, NotFoundError, UserError
from reader.core.types import Feed, Folder
from reader.core.updates import KEEP, FeedUpdate, Keep
from reader.store import models as m
from reader.store.articles import delete_articles
from reader.store.convert import feed_from_row


def _folder_paths(rows: dict[int, m.Folder] | None = None) -> dict[int, str]:
    if rows is None:
        rows = {f.id: f for f in m.Folder.select()}
    paths: dict[int, str] = {}

    def path(folder_id: int, seen: frozenset[int] = frozenset()) -> str:
        if folder_id in paths:
            return paths[folder_id]
        row = rows[folder_id]
        if row.parent_id is None or row.parent_id in seen or row.parent_id not in rows:
            result = str(row.name)
        else:
            result = path(row.parent_id, seen | {folder_id}) + "/" + row.name
        paths[folder_id] = result
        return result

    for folder_id in rows:
        path(folder_id)
    return paths


def list_folders() -> list[Folder]:
    query = m.Folder.select().order_by(m.Folder.position, peewee.fn.lower(m.Folder.name))
    return [Folder(f.id, f.name, f.parent_id, f.position) for f in query]


def folder_path(folder_id: int) -> str:
    return _folder_paths()[folder_id]


def find_folder(path: str) -> int | None:
    """The folder at ``path`` ("News/Tech"), or None."""
    parent: int | None = None
    for part in _split_path(path):
        cond = m.Folder.parent.is_null() if parent is None else m.Folder.parent == parent
        row = m.Folder.select(m.Folder.id).where(cond & (m.Folder.name == part)).first()
        if row is None:
            return None
        parent = row.id
    return parent


def _split_path(path: str) -> list[str]:
    parts = [" ".join(p.split()) for p in path.split("/")]
    parts = [p for p in parts if p]
    if not parts:
        raise UserError("a folder name cannot be empty")
    return parts


def _in_parent(parent: int | None) -> peewee.Expression:
    return m.Folder.parent.is_null() if parent is None else m.Folder.parent == parent


def _sibling_named(parent: int | None, name: str) -> m.Folder | None:
    """The folder called ``name`` (in any case) directly inside ``parent``."""
    # Compared in Python: SQLite's lower() leaves letters beyond ASCII as they are.
    wanted = name.casefold()
    for row in m.Folder.select().where(_in_parent(parent)).order_by(m.Folder.id):
        if str(row.name).casefold() == wanted:
            found: m.Folder = row
            return found
    return None


def ensure_folder(path: str) -> int:
    """The folder at ``path``, created (with its parents) if missing. A folder that exists
    under another case ("news" for "News") is the one meant."""
    parent: int | None = None
    for part in _split_path(path):
        row = _sibling_named(parent, part)
        if row is None:
            position = m.Folder.select().where(_in_parent(parent)).count()
            row = m.Folder.create(name=part, parent=parent, position=position)
        parent = row.id
    assert parent is not None
    return parent


def _folder_row(folder_id: int) -> m.Folder:
    row: m.Folder | None = m.Folder.get_or_none(m.Folder.id == folder_id)
    if row is None:
        raise NotFoundError(f"no folder with id {folder_id}")
    return row


def rename_folder(folder_id: int, name: str) -> None:
    name = " ".join(name.split())
    if not name or "/" in name:
        raise UserError("a folder name cannot be empty or contain '/'")
    row = _folder_row(folder_id)
    clash = _sibling_named(row.parent_id, name)
    if clash is not None and clash.id != folder_id:
        raise DuplicateError(f"there is already a folder “{clash.name}” there")
    m.Folder.update(name=name).where(m.Folder.id == folder_id).execute()


def move_folder(folder_id: int, parent_id: int | None) -> None:
    row = _folder_row(folder_id)
    if parent_id is not None:
        from reader.store.articles import folder_and_descendants

        if parent_id in folder_and_descendants(folder_id):
            raise UserError("a folder cannot be moved into itself")
        _folder_row(parent_id)
    clash = _sibling_named(parent_id, row.name)
    if clash is not None and clash.id != folder_id:
        raise DuplicateError(f"there is already a folder “{clash.name}” there")
    m.Folder.update(parent=parent_id).where(m.Folder.id == folder_id).execute()


def delete_folder(folder_id: int) -> None:
    """Delete a folder; its feeds (and those of its subfolders) move to the top level."""
    if m.Folder.get_or_none(m.Folder.id == folder_id) is None:
        raise NotFoundError(f"no folder with id {folder_id}")
    m.Folder.delete().where(m.Folder.id == folder_id).execute()


def add_feed(
    url: str,
    *,
    title: str = "",
    site_url: str | None = None,
    folder_id: int | None = None,
    now: datetime,
) -> int:
    if m.Feed.select().where(m.Feed.url == url).exists():
        raise DuplicateError(f"already subscribed to {url}")
    position = m.Feed.select().count()
    row = m.Feed.create(
        url=url, title=title, site_url=site_url, folder=folder_id, position=position, added=now
    )
    return int(row.id)


def find_feed(url: str) -> int | None:
    found = m.Feed.select(m.Feed.id).where(m.Feed.url == url).scalar()
    return int(found) if found is not None else None


def _counts(feed_ids: list[int] | None = None) -> tuple[dict[int, int], dict[int, int]]:
    unread_expr = peewee.fn.SUM(peewee.Case(None, [(m.Article.read == False, 1)], 0))  # noqa: E712
    query = m.Article.select(m.Article.feed, peewee.fn.COUNT(m.Article.id), unread_expr).where(
        m.Article.feed.is_null(False)
    )
    if feed_ids is not None:
        query = query.where(m.Article.feed.in_(feed_ids))
    unread: dict[int, int] = {}
    total: dict[int, int] = {}
    for feed_id, count, unread_count in query.group_by(m.Article.feed).tuples():
        total[feed_id] = int(count)
        unread[feed_id] = int(unread_count or 0)
    return unread, total


def _feed_tags() -> dict[int, tuple[str, ...]]:
    result: dict[int, list[str]] = defaultdict(list)
    for feed_id, name in m.FeedTag.select(m.FeedTag.feed_id, m.Tag.name).join(m.Tag).tuples():
        result[feed_id].append(name)
    return {k: tuple(sorted(v)) for k, v in result.items()}


def list_feeds() -> list[Feed]:
    paths = _folder_paths()
    unread, total = _counts()
    tags = _feed_tags()
    rows = m.Feed.select().order_by(m.Feed.position, peewee.fn.lower(m.Feed.title))
    return [
        feed_from_row(
            r,
            folder=paths.get(r.folder_id) if r.folder_id else None,
            unread=unread.get(r.id, 0),
            total=total.get(r.id, 0),
            tags=tags.get(r.id, ()),
        )
        for r in rows
    ]


def get_feed(feed_id: int) -> Feed:
    row = m.Feed.get_or_none(m.Feed.id == feed_id)
    if row is None:
        raise NotFoundError(f"no feed with id {feed_id}")
    unread, total = _counts([feed_id])
    folder = _folder_paths().get(row.folder_id) if row.folder_id else None
    return feed_from_row(
        row,
        folder=folder,
        unread=unread.get(feed_id, 0),
        total=total.get(feed_id, 0),
        tags=_feed_tags().get(feed_id, ()),
    )


def update_feed(feed_id: int, update: FeedUpdate) -> None:
    """Write the fields of ``update`` that are not left at KEEP."""
    f = m.Feed
    columns: dict[peewee.Field, object] = {}
    for column, value in (
        (f.title, update.title),
        (f.url, update.url),
        (f.site_url, update.site_url),
        (f.folder, update.folder_id),
        (f.etag, update.etag),
        (f.last_modified, update.last_modified),
        (f.content_hash, update.content_hash),
        (f.last_fetched, update.last_fetched),
        (f.next_fetch, update.next_fetch),
        (f.error_count, update.error_count),
        (f.last_error, update.last_error),
        (f.disabled, update.disabled),
        (f.fetch_full_text, update.fetch_full_text),
        (f.keep_items, update.keep_items),
        (f.notice, update.notice),
        (f.refresh_minutes, update.refresh_minutes),
    ):
        if value is not KEEP:
            columns[column] = value
    if not isinstance(update.url, Keep):
        other = f.select(f.id).where((f.url == update.url) & (f.id != feed_id)).scalar()
        if other is not None:
            raise DuplicateError(f"another feed already has the address {update.url}")
    if not columns:
        if not f.select().where(f.id == feed_id).exists():
            raise NotFoundError(f"no feed with id {feed_id}")
        return
    if not f.update(columns).where(f.id == feed_id).execute():
        raise NotFoundError(f"no feed with id {feed_id}")


def remove_feed(feed_id: int) -> int:
    """Remove a feed and its articles, except those the user starred, tagged or highlighted,
    which become saved articles. Returns the number of articles deleted."""
    if m.Feed.get_or_none(m.Feed.id == feed_id) is None:
        raise NotFoundError(f"no feed with id {feed_id}")
    keep = m.Article.select(m.Article.id).where(
        (m.Article.feed == feed_id)
        & (
            (m.Article.starred == True)  # noqa: E712
            | m.Article.id.in_(m.ArticleTag.select(m.ArticleTag.article))
            | m.Article.id.in_(m.Highlight.select(m.Highlight.article))
        )
    )
    m.Article.update(feed=None).where(m.Article.id.in_(keep)).execute()
    doomed = [
        r for (r,) in m.Article.select(m.Article.id).where(m.Article.feed == feed_id).tuples()
    ]
    deleted = delete_articles(doomed)
    m.Feed.delete().where(m.Feed.id == feed_id).execute()
    return deleted


def set_feed_tags(feed_id: int, names: list[str]) -> None:
    from reader.store.tags import get_or_create_tag

    m.FeedTag.delete().where(m.FeedTag.feed == feed_id).execute()
    for name in names:
        tag = get_or_create_tag(name)
        m.FeedTag.insert(feed=feed_id, tag=tag.id).on_conflict_ignore().execute()


# -- refresh ------------------------------------------------------------------------------


def feeds_by_ids(feed_ids: list[int] | None = None) -> list[Feed]:
    """Feeds without their counts (cheap): what a refresh needs to know."""
    query = m.Feed.select().order_by(m.Feed.position, m.Feed.id)
    if feed_ids is not None:
        query = query.where(m.Feed.id.in_(feed_ids))
    return [feed_from_row(r, folder=None, unread=0, total=0) for r in query]


def feed_tag_names(feed_id: int) -> list[str]:
    query = m.FeedTag.select(m.Tag.name).join(m.Tag).where(m.FeedTag.feed == feed_id)
    return sorted(name for (name,) in query.tuples())


def known_entries(
    feed_id: int, keys: list[str], canonical_urls: list[str]
) -> list[tuple[int, str | None, str | None, str, str | None]]:
    """Stored articles of a feed whose entry key or canonical URL is among those given:
    ``(id, entry_key, canonical_url, title, content_hash)``."""
    a = m.Article
    found: dict[int, tuple[int, str | None, str | None, str, str | None]] = {}
    columns = (a.id, a.entry_key, a.canonical_url, a.title, a.content_hash)
    for values, column in ((keys, a.entry_key), (canonical_urls, a.canonical_url)):
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            query = a.select(*columns).where((a.feed == feed_id) & column.in_(chunk))
            for row in query.tuples():
                found[row[0]] = row
    return list(found.values())


def delete_old_read(feed_id: int, cutoff: datetime, keep_keys: list[str]) -> int:
    """Delete a feed's articles read before ``cutoff``, except starred, archived, tagged,
    annotated or highlighted ones, and except entries still in the feed (``keep_keys``), which
    would otherwise come back as new on the next refresh."""
    a = m.Article
    read_when = peewee.fn.COALESCE(a.read_at, a.added)
    query = a.select(a.id, a.entry_key).where(
        (a.feed == feed_id)
        & (a.read == True)  # noqa: E712
        & (a.starred == False)  # noqa: E712
        & (a.archived == False)  # noqa: E712
        & a.note.is_null()
        & (read_when < cutoff)
        & a.id.not_in(m.ArticleTag.select(m.ArticleTag.article))
        & a.id.not_in(m.Highlight.select(m.Highlight.article))
    )
    keep = set(keep_keys)
    doomed = [article_id for article_id, key in query.tuples() if key not in keep]
    return delete_articles(doomed) if doomed else 0


# -- icons --------------------------------------------------------------------------------


def get_icon(feed_id: int) -> tuple[str | None, bytes | None, datetime] | None:
    """``(mime, data, fetched)`` of a feed's cached icon; data is None when it has none."""
    row = m.FeedIcon.get_or_none(m.FeedIcon.feed == feed_id)
    if row is None:
        return None
    data = bytes(row.data) if row.data is not None else None
    return (row.mime, data, row.fetched)


def set_icon(feed_id: int, mime: str | None, data: bytes | None, now: datetime) -> None:
    if not m.Feed.select().where(m.Feed.id == feed_id).exists():
        return
    m.FeedIcon.insert(
        feed=feed_id, mime=mime, data=data, fetched=now
    ).on_conflict_replace().execute()


def icon_checked_since(feed_ids: list[int], since: datetime) -> set[int]:
    """Feeds whose icon was fetched (or found missing) at or after ``since``."""
    found: set[int] = set()
    for start in range(0, len(feed_ids), 500):
        chunk = feed_ids[start : start + 500]
        query = m.FeedIcon.select(m.FeedIcon.feed_id).where(
            m.FeedIcon.feed.in_(chunk)
            & ((m.FeedIcon.fetched >= since) | m.FeedIcon.data.is_null(False))
        )
        found.update(r for (r,) in query.tuples())
    return found


def folder_tree() -> list[tuple[int, str, int | None]]:
    """Every folder as ``(id, path, parent_id)``, parents before children."""
    # One read: the paths and the rows they are sorted by must come from the same state (a
    # folder made by the writer between two reads would have no path).
    folders = {f.id: f for f in m.Folder.select()}
    paths = _folder_paths(folders)
    rows = sorted(
        folders.values(), key=lambda f: (paths[f.id].count("/"), f.position, paths[f.id].lower())
    )
    return [(f.id, paths[f.id], f.parent_id) for f in rows]
