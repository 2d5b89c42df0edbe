"""Queries the window needs fast: list pages, the bare sidebar lists, counts in one go, search
pages.

Rows are read as plain tuples rather than model objects: on a page of a hundred articles that
is the difference between a few milliseconds and a few tens. Each query runs on an index or
makes one pass over a table, so a library of 100,000 articles still answers quickly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import peewee

from reader.core.errors import NotFoundError
from reader.core.types import Article, ArticleFilter, Feed, PageCursor, SourceKind, Tag
from reader.store import models as m
from reader.store.articles import _where, folder_and_descendants
from reader.store.convert import enclosures_from_json
from reader.store.feeds import _feed_tags, _folder_paths
from reader.store.fields import from_micros, to_micros

_A = m.Article
_PAGE_COLUMNS = (
    _A.id,
    _A.feed,
    _A.source_kind,
    _A.guid,
    _A.url,
    _A.canonical_url,
    _A.title,
    _A.author,
    _A.published,
    _A.updated,
    _A.added,
    _A.sort_date,
    _A.language,
    _A.site_name,
    _A.image_url,
    _A.word_count,
    _A.read,
    _A.starred,
    _A.archived,
    _A.note,
    _A.enclosures,
    _A.published_date_only,
)


def limit_page_cache(kib: int) -> None:
    """Let the calling thread's connection keep at most ``kib`` KiB of pages in memory.

    The operating system caches the file anyway; a reader that scans (counts, say) would
    otherwise keep tens of megabytes of its own copy, one per thread."""
    m.database_proxy.obj.execute_sql(f"PRAGMA cache_size = -{max(int(kib), 64)}")


def _tags_for(article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    result: dict[int, list[str]] = defaultdict(list)
    if not article_ids:
        return {}
    db = m.database_proxy.obj
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = db.execute_sql(
            "SELECT article_tag.article_id, tag.name FROM article_tag"
            " JOIN tag ON tag.id = article_tag.tag_id"
            f" WHERE article_tag.article_id IN ({marks}) ORDER BY tag.name COLLATE NOCASE",
            chunk,
        ).fetchall()
        for article_id, name in rows:
            result[int(article_id)].append(name)
    return {k: tuple(v) for k, v in result.items()}


def _feed_titles(feed_ids: set[int]) -> dict[int, str]:
    if not feed_ids:
        return {}
    ids = sorted(feed_ids)
    rows = m.database_proxy.obj.execute_sql(
        f"SELECT id, title FROM feed WHERE id IN ({','.join('?' * len(ids))})", ids
    ).fetchall()
    return {int(i): t for i, t in rows}


# Positions of the datetime columns in _PAGE_COLUMNS: published, updated, added, sort_date.
_DATE_COLUMNS = (8, 9, 10, 11)


def _page_rows(query: peewee.Query) -> list[tuple[Any, ...]]:
    """Rows of a query on ``_PAGE_COLUMNS``, read straight from the cursor.

    peewee's row iteration costs more than the query itself on a page of a hundred rows, so
    the statement it builds is run directly and the dates converted here."""
    sql, params = query.sql()
    return _converted(m.database_proxy.obj.execute_sql(sql, params).fetchall())


def _converted(rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    converted: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(row)
        for i in _DATE_COLUMNS:
            if values[i] is not None:
                values[i] = from_micros(values[i])
        converted.append(tuple(values))
    return converted


def _articles(rows: Sequence[tuple[Any, ...]]) -> list[Article]:
    """List results (no bodies, no summary) from rows of ``_PAGE_COLUMNS``."""
    ids = [int(r[0]) for r in rows]
    titles = _feed_titles({int(r[1]) for r in rows if r[1] is not None})
    tags = _tags_for(ids)
    result: list[Article] = []
    for r in rows:
        (
            article_id,
            feed_id,
            source_kind,
            guid,
            url,
            canonical_url,
            title,
            author,
            published,
            updated,
            added,
            sort_date,
            language,
            site_name,
            image_url,
            word_count,
            read,
            starred,
            archived,
            note,
            enclosures,
            published_date_only,
        ) = r
        result.append(
            Article(
                id=article_id,
                title=title,
                source_kind=SourceKind(source_kind),
                added=added,
                sort_date=sort_date,
                url=url,
                canonical_url=canonical_url,
                guid=guid,
                feed_id=feed_id,
                feed_title=titles.get(feed_id) if feed_id is not None else None,
                author=author,
                published=published,
                published_date_only=bool(published_date_only),
                updated=updated,
                language=language,
                site_name=site_name,
                image_url=image_url,
                word_count=word_count,
                read=bool(read),
                starred=bool(starred),
                archived=bool(archived),
                tags=tags.get(article_id, ()),
                note=note,
                enclosures=enclosures_from_json(enclosures),
            )
        )
    return result


_PAGE_SELECT = (
    "SELECT a.id, a.feed_id, a.source_kind, a.guid, a.url, a.canonical_url, a.title, a.author,"
    " a.published, a.updated, a.added, a.sort_date, a.language, a.site_name, a.image_url,"
    " a.word_count, a.read, a.starred, a.archived, a.note, a.enclosures,"
    " a.published_date_only FROM article AS a"
)


def _filter_sql(flt: ArticleFilter) -> tuple[list[str], list[Any]]:
    """The conditions of ``flt`` as SQL on ``article AS a``, the same ones ``_where`` builds
    through peewee. Written out because building a statement with peewee costs more than
    running it, on every page of a list (tests check both give the same rows)."""
    conditions: list[str] = []
    params: list[Any] = []
    if flt.unread:
        conditions.append("a.read = 0")
    if flt.starred:
        conditions.append("a.starred = ?")  # a parameter, so the starred index applies
        params.append(1)
    if flt.archived is not None:
        conditions.append("a.archived = ?")
        params.append(1 if flt.archived else 0)
    if flt.saved:
        conditions.append("a.feed_id IS NULL")
    if flt.feed_id is not None:
        conditions.append("a.feed_id = ?")
        params.append(flt.feed_id)
    if flt.folder_id is not None:
        folders = folder_and_descendants(flt.folder_id)
        marks = ",".join("?" * len(folders))
        conditions.append(f"a.feed_id IN (SELECT id FROM feed WHERE folder_id IN ({marks}))")
        params.extend(folders)
    if flt.tag is not None:
        conditions.append(
            "a.id IN (SELECT article_tag.article_id FROM article_tag"
            " JOIN tag ON tag.id = article_tag.tag_id WHERE tag.name = ?)"
        )
        params.append(flt.tag)
    if flt.since is not None:
        conditions.append("a.sort_date >= ?")
        params.append(to_micros(flt.since))
    if flt.article_ids is not None:
        ids = list(flt.article_ids)
        conditions.append(f"a.id IN ({','.join('?' * len(ids))})" if ids else "0")
        params.extend(ids)
    return conditions, params


def list_page(
    flt: ArticleFilter,
    *,
    after: PageCursor | None = None,
    limit: int = 100,
    newest_first: bool = True,
) -> list[Article]:
    """One page of a list, keyset-paged on ``(sort_date, id)``; never OFFSET."""
    conditions, params = _filter_sql(flt)
    if after is not None:
        op = "<" if newest_first else ">"
        stamp = to_micros(after.sort_date)
        conditions.append(f"(a.sort_date {op} ? OR (a.sort_date = ? AND a.id {op} ?))")
        params.extend([stamp, stamp, after.id])
    direction = "DESC" if newest_first else "ASC"
    sql = _PAGE_SELECT
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += f" ORDER BY a.sort_date {direction}, a.id {direction} LIMIT ?"
    params.append(limit)
    return _articles(_converted(m.database_proxy.obj.execute_sql(sql, params).fetchall()))


def articles_by_ids(article_ids: Sequence[int]) -> list[Article]:
    """List results for the given ids that still exist, in the order given."""
    rows: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        for row in _page_rows(_A.select(*_PAGE_COLUMNS).where(_A.id.in_(chunk))):
            rows[int(row[0])] = row
    return _articles([rows[i] for i in article_ids if i in rows])


def article_with_body(article_id: int) -> Article:
    """One article with its HTML and text, in two statements (the pane's read)."""
    query = (
        _A.select(*_PAGE_COLUMNS, _A.summary, m.ArticleContent.html, m.ArticleContent.text)
        .join(m.ArticleContent, peewee.JOIN.LEFT_OUTER, on=(m.ArticleContent.article == _A.id))
        .where(_A.id == article_id)
    )
    rows = _page_rows(query)
    if not rows:
        raise NotFoundError(f"no article with id {article_id}")
    row = rows[0]
    columns = len(_PAGE_COLUMNS)
    summary, html, text = row[columns:]
    article = _articles([row[:columns]])[0]
    return replace(article, summary=summary, content_html=html or "", text=text or "")


def matching_ids(flt: ArticleFilter, article_ids: Sequence[int]) -> set[int]:
    """Which of the given articles ``flt`` lists."""
    found: set[int] = set()
    where = _where(flt)
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        cond = _A.id.in_(chunk)
        if where is not None:
            cond = cond & where
        found.update(int(i) for (i,) in _A.select(_A.id).where(cond).tuples())
    return found


def count_many(
    filters: Mapping[str, ArticleFilter], *, exclude_ids: Sequence[int] = ()
) -> dict[str, int]:
    """How many articles match each filter, all counted in one pass over the table.

    ``exclude_ids`` are left out of every count (articles about to be deleted)."""
    if not filters:
        return {}
    names = list(filters)
    columns: list[peewee.Node] = []
    for name in names:
        where = _where(filters[name])
        if where is None:
            columns.append(peewee.fn.COUNT(_A.id))
        else:
            columns.append(peewee.fn.SUM(peewee.Case(None, [(where, 1)], 0)))
    query = _A.select(*columns)
    if exclude_ids:
        query = query.where(_A.id.not_in(list(exclude_ids)))
    row = query.tuples().first()
    if row is None:
        return dict.fromkeys(names, 0)
    return {name: int(value or 0) for name, value in zip(names, row, strict=True)}


def feed_unread_counts(*, exclude_ids: Sequence[int] = ()) -> dict[int, int]:
    """Unread articles per feed, read off the (feed, read) index."""
    where = _A.feed.is_null(False) & (_A.read == False)  # noqa: E712
    if exclude_ids:
        where = where & _A.id.not_in(list(exclude_ids))
    query = _A.select(_A.feed, peewee.fn.COUNT(_A.id)).where(where).group_by(_A.feed).tuples()
    return {int(feed_id): int(count) for feed_id, count in query}


def tag_unread_counts(*, exclude_ids: Sequence[int] = ()) -> dict[int, int]:
    """Unread articles per tag id."""
    # CROSS JOIN keeps SQLite walking the tag links and probing articles by key, instead of
    # scanning every article.
    sql = (
        "SELECT article_tag.tag_id, count(*) FROM article_tag"
        " CROSS JOIN article ON article.id = article_tag.article_id"
        " WHERE article.read = 0"
    )
    params = list(exclude_ids)
    if params:
        sql += f" AND article.id NOT IN ({','.join('?' * len(params))})"
    rows = m.database_proxy.obj.execute_sql(sql + " GROUP BY article_tag.tag_id", params).fetchall()
    return {int(tag_id): int(count) for tag_id, count in rows}


def library_is_empty() -> bool:
    """No article and no feed: a new library."""
    row = m.database_proxy.obj.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM article) OR EXISTS (SELECT 1 FROM feed)"
    ).fetchone()
    return not row[0]


def feeds_with_icons() -> set[int]:
    """Feeds that have an icon stored (the others need not be asked for one)."""
    query = m.FeedIcon.select(m.FeedIcon.feed).where(m.FeedIcon.data.is_null(False)).tuples()
    return {int(feed_id) for (feed_id,) in query}


def tags_without_counts() -> list[Tag]:
    query = m.Tag.select(m.Tag.id, m.Tag.name, m.Tag.color).order_by(peewee.fn.lower(m.Tag.name))
    return [Tag(id=int(i), name=n, color=c) for i, n, c in query.tuples()]


def feeds_without_counts(feed_ids: Sequence[int] | None = None) -> list[Feed]:
    """Feeds in sidebar order (all, or those given), with folder and tags but without
    article counts."""
    paths = _folder_paths()
    tags = _feed_tags()
    f = m.Feed
    query = (
        f.select(
            f.id,
            f.url,
            f.title,
            f.site_url,
            f.folder,
            f.last_fetched,
            f.error_count,
            f.last_error,
            f.disabled,
            f.fetch_full_text,
            f.notice,
        )
        .order_by(f.position, peewee.fn.lower(f.title))
        .tuples()
    )
    if feed_ids is not None:
        query = query.where(f.id.in_(list(feed_ids)))
    return [
        Feed(
            id=int(feed_id),
            url=url,
            title=title,
            site_url=site_url,
            folder_id=folder_id,
            folder=paths.get(folder_id) if folder_id else None,
            last_fetched=last_fetched,
            error_count=int(error_count or 0),
            last_error=last_error,
            disabled=bool(disabled),
            fetch_full_text=bool(fetch_full_text),
            tags=tags.get(int(feed_id), ()),
            notice=notice,
        )
        for (
            feed_id,
            url,
            title,
            site_url,
            folder_id,
            last_fetched,
            error_count,
            last_error,
            disabled,
            fetch_full_text,
            notice,
        ) in query
    ]
