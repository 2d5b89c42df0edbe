"""Article queries: keyset-paged lists, one-article reads, inserts and state changes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import peewee

from reader.core.bounded import bound_article
from reader.core.errors import NotFoundError
from reader.core.types import Article, ArticleFilter, ArticleInput, PageCursor, Stats
from reader.core.urls import site_hosts
from reader.store import models as m
from reader.store.convert import article_from_row, enclosures_to_json
from reader.store.tags import get_or_create_tag, tags_for_articles

# The columns lists need; the bodies stay in article_content.
_LIST_COLUMNS = (
    m.Article.id,
    m.Article.feed,
    m.Article.source_kind,
    m.Article.guid,
    m.Article.url,
    m.Article.canonical_url,
    m.Article.title,
    m.Article.author,
    m.Article.published,
    m.Article.updated,
    m.Article.added,
    m.Article.sort_date,
    m.Article.summary,
    m.Article.language,
    m.Article.site_name,
    m.Article.image_url,
    m.Article.word_count,
    m.Article.read,
    m.Article.starred,
    m.Article.archived,
    m.Article.note,
    m.Article.enclosures,
    m.Article.published_date_only,
)


def content_hash(item: ArticleInput) -> str:
    digest = hashlib.sha256()
    for part in (item.title, item.author or "", item.summary or "", item.content_html):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _where(flt: ArticleFilter) -> peewee.Expression | None:
    conditions: list[peewee.Expression] = []
    if flt.unread:
        conditions.append(m.Article.read == False)  # noqa: E712
    if flt.starred:
        conditions.append(m.Article.starred == True)  # noqa: E712
    if flt.archived is not None:
        conditions.append(m.Article.archived == flt.archived)
    if flt.saved:
        conditions.append(m.Article.feed.is_null())
    if flt.feed_id is not None:
        conditions.append(m.Article.feed == flt.feed_id)
    if flt.folder_id is not None:
        folder_ids = folder_and_descendants(flt.folder_id)
        feeds = m.Feed.select(m.Feed.id).where(m.Feed.folder.in_(folder_ids))
        conditions.append(m.Article.feed.in_(feeds))
    if flt.tag is not None:
        tagged = (
            m.ArticleTag.select(m.ArticleTag.article_id).join(m.Tag).where(m.Tag.name == flt.tag)
        )
        conditions.append(m.Article.id.in_(tagged))
    if flt.since is not None:
        conditions.append(m.Article.sort_date >= flt.since)
    if flt.article_ids is not None:
        conditions.append(m.Article.id.in_(list(flt.article_ids)))
    if not conditions:
        return None
    expr = conditions[0]
    for cond in conditions[1:]:
        expr = expr & cond
    return expr


def folder_and_descendants(folder_id: int) -> list[int]:
    ids = [folder_id]
    frontier = [folder_id]
    while frontier:
        children = [
            r for (r,) in m.Folder.select(m.Folder.id).where(m.Folder.parent.in_(frontier)).tuples()
        ]
        frontier = [c for c in children if c not in ids]
        ids.extend(frontier)
    return ids


def _feed_titles(feed_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {f for f in feed_ids if f is not None}
    if not wanted:
        return {}
    return dict(m.Feed.select(m.Feed.id, m.Feed.title).where(m.Feed.id.in_(list(wanted))).tuples())


def _to_articles(rows: Sequence[m.Article]) -> list[Article]:
    titles = _feed_titles(r.feed_id for r in rows)
    tags = tags_for_articles([r.id for r in rows])
    return [
        article_from_row(
            r, feed_title=titles.get(r.feed_id) if r.feed_id else None, tags=tags.get(r.id, ())
        )
        for r in rows
    ]


def list_articles(
    flt: ArticleFilter,
    *,
    after: PageCursor | None = None,
    limit: int = 200,
    newest_first: bool = True,
) -> list[Article]:
    """One page of articles, keyset-paged on ``(sort_date, id)``; never OFFSET."""
    query = m.Article.select(*_LIST_COLUMNS)
    where = _where(flt)
    if after is not None:
        # Written out rather than as a row-value comparison: peewee would skip the field
        # conversion of the datetime inside a Tuple.
        if newest_first:
            keyset = (m.Article.sort_date < after.sort_date) | (
                (m.Article.sort_date == after.sort_date) & (m.Article.id < after.id)
            )
        else:
            keyset = (m.Article.sort_date > after.sort_date) | (
                (m.Article.sort_date == after.sort_date) & (m.Article.id > after.id)
            )
        where = keyset if where is None else where & keyset
    if where is not None:
        query = query.where(where)
    if newest_first:
        query = query.order_by(m.Article.sort_date.desc(), m.Article.id.desc())
    else:
        query = query.order_by(m.Article.sort_date.asc(), m.Article.id.asc())
    return _to_articles(list(query.limit(limit)))


def count_articles(flt: ArticleFilter) -> int:
    query = m.Article.select(peewee.fn.COUNT(m.Article.id))
    where = _where(flt)
    if where is not None:
        query = query.where(where)
    return int(query.scalar() or 0)


def articles_by_ids(ids: Sequence[int]) -> list[Article]:
    """Articles in the order of ``ids`` (missing ones are left out)."""
    rows: dict[int, m.Article] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in m.Article.select(*_LIST_COLUMNS).where(m.Article.id.in_(chunk)):
            rows[row.id] = row
    ordered = [rows[i] for i in ids if i in rows]
    return _to_articles(ordered)


def get_article(article_id: int, *, with_content: bool = True) -> Article:
    row = m.Article.select(*_LIST_COLUMNS).where(m.Article.id == article_id).first()
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    feed_title = None
    if row.feed_id is not None:
        feed_title = m.Feed.select(m.Feed.title).where(m.Feed.id == row.feed_id).scalar()
    html = text = None
    if with_content:
        content = m.ArticleContent.get_or_none(m.ArticleContent.article == article_id)
        html = content.html if content else ""
        text = content.text if content else ""
    tags = tags_for_articles([article_id]).get(article_id, ())
    return article_from_row(row, feed_title=feed_title, tags=tags, html=html, text=text)


def find_by_url(url: str) -> int | None:
    """A saved or feed article whose canonical URL is ``url``."""
    found = (
        m.Article.select(m.Article.id)
        .where(m.Article.canonical_url == url)
        .order_by(m.Article.id)
        .limit(1)
        .scalar()
    )
    return int(found) if found is not None else None


def find_by_title(title: str) -> list[int]:
    """Articles titled ``title`` (compared without regard to case), oldest first."""
    cleaned = " ".join(title.split())
    if not cleaned:
        return []
    query = (
        m.Article.select(m.Article.id)
        .where(peewee.fn.lower(m.Article.title) == cleaned.lower())
        .order_by(m.Article.id)
        .limit(20)
    )
    return [int(r) for (r,) in query.tuples()]


def insert_article(
    item: ArticleInput,
    *,
    now: datetime,
    feed_id: int | None = None,
    entry_key: str | None = None,
    tags: Iterable[str] = (),
    read: bool = False,
    starred: bool = False,
    archived: bool = False,
    added: datetime | None = None,
    fetch_status: str = "ok",
) -> int:
    """Store a new article, its body, tags and search row in the caller's transaction."""
    item = bound_article(item)
    added = added or now
    published = item.published
    canonical_url = item.canonical_url or item.url
    host_rev, url_host_rev = site_hosts(item.url, canonical_url)
    row = m.Article.create(
        feed=feed_id,
        source_kind=item.source_kind.value,
        entry_key=entry_key,
        guid=item.guid,
        url=item.url,
        canonical_url=canonical_url,
        host_rev=host_rev,
        url_host_rev=url_host_rev,
        title=item.title,
        author=item.author,
        published=published,
        published_date_only=bool(published and item.published_date_only),
        updated=item.updated,
        added=added,
        sort_date=published or added,
        summary=item.summary,
        language=item.language,
        site_name=item.site_name,
        image_url=item.image_url,
        word_count=item.word_count,
        read=read,
        starred=starred,
        archived=archived,
        read_at=now if read else None,
        enclosures=enclosures_to_json(item.enclosures),
        content_hash=content_hash(item),
        fetch_status=fetch_status,
    )
    m.ArticleContent.create(article=row.id, html=item.content_html, text=item.text)
    names: list[str] = []
    for name in tags:
        tag = get_or_create_tag(name)
        m.ArticleTag.insert(article=row.id, tag=tag.id).on_conflict_ignore().execute()
        names.append(tag.name)
    from reader.store import search_index

    search_index.index_article(
        m.database_proxy.obj,
        article_id=row.id,
        title=item.title,
        author=item.author,
        text=item.text,
        tags=sorted(set(names)),
    )
    return int(row.id)


def update_article(article_id: int, item: ArticleInput, *, entry_key: str | None = None) -> bool:
    """Replace an article's content and metadata, keeping read, star, archive, tags and note.

    Returns False when nothing changed (same content hash).
    """
    item = bound_article(item)
    row = m.Article.get_or_none(m.Article.id == article_id)
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    new_hash = content_hash(item)
    same_date = item.published is None or (
        item.published == row.published and item.published_date_only == row.published_date_only
    )
    if (
        row.content_hash == new_hash
        and same_date
        and (entry_key is None or row.entry_key == entry_key)
    ):
        return False
    published = item.published or row.published
    url = item.url or row.url
    canonical_url = item.canonical_url or item.url or row.canonical_url
    host_rev, url_host_rev = site_hosts(url, canonical_url)
    fields = {
        m.Article.source_kind: item.source_kind.value,
        m.Article.guid: item.guid or row.guid,
        m.Article.url: url,
        m.Article.canonical_url: canonical_url,
        m.Article.host_rev: host_rev,
        m.Article.url_host_rev: url_host_rev,
        m.Article.title: item.title,
        m.Article.author: item.author,
        m.Article.published: published,
        m.Article.published_date_only: (
            item.published_date_only if item.published else row.published_date_only
        ),
        m.Article.updated: item.updated,
        m.Article.sort_date: published or row.added,
        m.Article.summary: item.summary,
        m.Article.language: item.language,
        m.Article.site_name: item.site_name,
        m.Article.image_url: item.image_url,
        m.Article.word_count: item.word_count,
        m.Article.enclosures: enclosures_to_json(item.enclosures),
        m.Article.content_hash: new_hash,
        m.Article.fetch_status: "ok",
        m.Article.fetch_error: None,
    }
    if entry_key is not None:
        fields[m.Article.entry_key] = entry_key
    m.Article.update(fields).where(m.Article.id == article_id).execute()
    m.ArticleContent.insert(
        article=article_id, html=item.content_html, text=item.text
    ).on_conflict_replace().execute()
    # Imported here rather than above: a command that only reads articles needs neither.
    from reader.store import highlights, search_index

    # Highlights follow the text wherever it moved.
    highlights.content_changed(article_id, item.content_html)
    tags = tags_for_articles([article_id]).get(article_id, ())
    search_index.index_article(
        m.database_proxy.obj,
        article_id=article_id,
        title=item.title,
        author=item.author,
        # Search finds the article by its notes and the quotes that could not be placed.
        text=highlights.search_text(item.text, highlights.annotation_text(article_id)),
        tags=tags,
    )
    return True


def set_state(
    article_ids: Sequence[int],
    *,
    now: datetime,
    read: bool | None = None,
    starred: bool | None = None,
    archived: bool | None = None,
) -> int:
    fields: dict[peewee.Field, object] = {}
    if read is not None:
        fields[m.Article.read] = read
        fields[m.Article.read_at] = now if read else None
    if starred is not None:
        fields[m.Article.starred] = starred
    if archived is not None:
        fields[m.Article.archived] = archived
    if not fields or not article_ids:
        return 0
    changed = 0
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        changed += m.Article.update(fields).where(m.Article.id.in_(chunk)).execute()
    return changed


def existing_ids(article_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        found.update(
            r for (r,) in m.Article.select(m.Article.id).where(m.Article.id.in_(chunk)).tuples()
        )
    return found


def unread_ids(flt: ArticleFilter) -> list[int]:
    query = m.Article.select(m.Article.id).where(m.Article.read == False)  # noqa: E712
    where = _where(flt)
    if where is not None:
        query = query.where(where)
    return [r for (r,) in query.tuples()]


def delete_articles(article_ids: Sequence[int]) -> int:
    from reader.store import search_index

    ids = list(article_ids)
    deleted = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        search_index.remove_articles(m.database_proxy.obj, chunk)
        deleted += m.Article.delete().where(m.Article.id.in_(chunk)).execute()
    return deleted


def set_note(article_id: int, note: str | None) -> None:
    if not m.Article.update(note=note).where(m.Article.id == article_id).execute():
        raise NotFoundError(f"no article with id {article_id}")
    from reader.store import highlights

    # Search finds an article by its note.
    highlights.reindex_article(article_id)


def stats(path: Path, schema_version: int) -> Stats:
    a = m.Article
    row = (
        a.select(
            peewee.fn.COUNT(a.id),
            peewee.fn.SUM(peewee.Case(None, [(a.read == False, 1)], 0)),  # noqa: E712
            peewee.fn.SUM(peewee.Case(None, [(a.starred == True, 1)], 0)),  # noqa: E712
            peewee.fn.SUM(peewee.Case(None, [(a.archived == True, 1)], 0)),  # noqa: E712
            peewee.fn.SUM(peewee.Case(None, [(a.feed.is_null(), 1)], 0)),
        )
        .tuples()
        .first()
    )
    total, unread, starred, archived, saved = (int(v or 0) for v in row)
    kept, kept_bytes = (
        int(v or 0)
        for v in m.ArticleSource.select(
            peewee.fn.COUNT(m.ArticleSource.article_id),
            peewee.fn.SUM(peewee.fn.LENGTH(m.ArticleSource.data)),
        )
        .tuples()
        .first()
    )
    size = 0
    for suffix in ("", "-wal"):
        p = Path(str(path) + suffix)
        if p.exists():
            size += p.stat().st_size
    return Stats(
        articles=total,
        unread=unread,
        starred=starred,
        archived=archived,
        saved=saved,
        feeds=m.Feed.select().count(),
        folders=m.Folder.select().count(),
        tags=m.Tag.select().count(),
        database_bytes=size,
        schema_version=schema_version,
        kept_pages=kept,
        kept_pages_bytes=kept_bytes,
    )


def saved_with_url() -> list[int]:
    """Saved (not feed) articles that have a web address, oldest first."""
    query = (
        m.Article.select(m.Article.id)
        .where(m.Article.feed.is_null() & m.Article.url.is_null(False))
        .order_by(m.Article.id)
    )
    return [int(r) for (r,) in query.tuples()]


def feed_article_ids(feed_id: int) -> list[int]:
    """A feed's articles that have a web address, newest first."""
    a = m.Article
    query = (
        a.select(a.id)
        .where((a.feed == feed_id) & a.url.is_null(False))
        .order_by(a.sort_date.desc(), a.id.desc())
    )
    return [int(r) for (r,) in query.tuples()]


def set_fetch_error(article_id: int, message: str | None) -> None:
    """Record why fetching an article's page failed (None clears it)."""
    m.Article.update(fetch_status="failed" if message else "ok", fetch_error=message).where(
        m.Article.id == article_id
    ).execute()
