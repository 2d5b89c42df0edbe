"""Bulk queries for import, export and backup.

Imports write a few hundred rows per transaction, through ``executemany`` with ids chosen up
front (the caller holds the write lock) instead of one ``Model.create`` per row. What an import
writes is recorded in :class:`ImportWrites`, so that an import that fails half-way can be undone
(:func:`undo_import`), and a Folio document is checked whole (:func:`check_document`) before any
of it is written.
Exports read whole tables by column name, so a column added to a model later is carried without
changing this module. Values keep their JSON spelling when read back: datetimes as ISO-8601
text, blobs as base64.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import peewee

from reader.core.bounded import bound_body, bound_columns
from reader.core.types import Article
from reader.core.urls import site_hosts
from reader.store import highlights as store_highlights
from reader.store import models as m
from reader.store import search_index
from reader.store.fields import UTCDateTimeField, from_micros, to_micros
from reader.store.import_writes import ImportWrites
from reader.store.tags import clean_tag_name, find_tag, tag_ids_by_folded_name

_CHUNK = 500

# Document section -> table, in the order a document is loaded.
TABLES: dict[str, type[m.BaseModel]] = {
    "folders": m.Folder,
    "tags": m.Tag,
    "feeds": m.Feed,
    "feed_icons": m.FeedIcon,
    "images": m.Image,
    "articles": m.Article,
    "saved_searches": m.SavedSearch,
    "rules": m.Rule,
    "settings": m.Setting,
}


def library_database() -> peewee.SqliteDatabase:
    return m.database_proxy.obj


def model_fields(model: type[m.BaseModel]) -> list[peewee.Field]:
    return list(model._meta.sorted_fields)


def to_db(fld: peewee.Field, value: Any) -> Any:
    """A document value (or a Python one) as the column stores it; ValueError, naming the
    column, for a value it cannot hold (peewee would store a word in a number column as it is,
    and fail only when the row is read back)."""
    if value is None:
        return None
    if type(value) is str and type(fld) is peewee.TextField:
        return value  # most columns: nothing to convert
    try:
        if isinstance(fld, UTCDateTimeField):
            if isinstance(value, str):
                parsed = datetime.fromisoformat(value)
                value = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
            elif not isinstance(value, datetime):
                from_micros(int(value))  # a time it can be read back as
        elif isinstance(fld, peewee.BlobField) and isinstance(value, str):
            value = base64.b64decode(value)
        elif isinstance(fld, peewee.BooleanField):
            value = bool(value)
        elif isinstance(fld, peewee.IntegerField | peewee.ForeignKeyField) and not isinstance(
            value, int
        ):
            value = int(value)
        return fld.db_value(value)
    except (ValueError, TypeError, OverflowError) as exc:
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise ValueError(f"its {fld.column_name} cannot be {shown}") from exc


def converter(fld: peewee.Field) -> Any:
    """A fast ``to_db`` for one column, for values already of the column's Python type (the
    bulk insert calls it a few hundred thousand times)."""
    generic = partial(to_db, fld)
    if type(fld) is peewee.TextField:
        return lambda v: v if type(v) is str else generic(v)
    if type(fld) is peewee.BooleanField:
        return lambda v: 1 if v else 0
    if type(fld) in (peewee.IntegerField, peewee.BigIntegerField, peewee.ForeignKeyField):
        return lambda v: v if type(v) is int else generic(v)
    if isinstance(fld, UTCDateTimeField):
        return lambda v: to_micros(v) if isinstance(v, datetime) else generic(v)
    return generic


def column_default(fld: peewee.Field) -> Any:
    default = fld.default
    return default() if callable(default) else default


# -- reading whole tables -------------------------------------------------------------------------


def dump_table(section: str, *, where: peewee.Expression | None = None) -> Iterator[dict[str, Any]]:
    """Rows of a table as {column: Python value}, in id order, a page at a time."""
    model = TABLES[section]
    fields = model_fields(model)
    names = [f.column_name for f in fields]
    pk = model._meta.primary_key
    query = model.select(*fields)
    if where is not None:
        query = query.where(where)
    if isinstance(pk, peewee.CompositeKey):
        yield from (dict(zip(names, row, strict=True)) for row in query.tuples())
        return
    query = query.order_by(pk)
    last: Any = None
    while True:
        page = query if last is None else query.where(pk > last)
        rows = list(page.limit(_CHUNK).tuples())
        for row in rows:
            yield dict(zip(names, row, strict=True))
        if len(rows) < _CHUNK:
            return
        last = rows[-1][names.index(pk.column_name)]


def feed_tag_names() -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    query = m.FeedTag.select(m.FeedTag.feed_id, m.Tag.name).join(m.Tag).order_by(m.Tag.name)
    for feed_id, name in query.tuples():
        result.setdefault(feed_id, []).append(name)
    return result


def article_ids(*, only: Sequence[int] | None = None) -> list[int]:
    """Every article id (or those of ``only`` that exist), ascending."""
    if only is None:
        return [r for (r,) in m.Article.select(m.Article.id).order_by(m.Article.id).tuples()]
    found: set[int] = set()
    for start in range(0, len(only), _CHUNK):
        chunk = list(only[start : start + _CHUNK])
        found.update(
            r for (r,) in m.Article.select(m.Article.id).where(m.Article.id.in_(chunk)).tuples()
        )
    return sorted(found)


# Index keys worked out from other columns: documents leave them out, loading works them out.
_DERIVED_ARTICLE_COLUMNS = frozenset({"host_rev", "url_host_rev"})


def dump_articles(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """Full article rows (columns, ``html``, ``text``, ``tags``, ``images``, ``highlights``
    and the kept ``source`` page when there is one) for ``ids``."""
    fields = [f for f in model_fields(m.Article) if f.column_name not in _DERIVED_ARTICLE_COLUMNS]
    names = [f.column_name for f in fields]
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        rows = {
            row[0]: dict(zip(names, row, strict=True))
            for row in m.Article.select(*fields).where(m.Article.id.in_(chunk)).tuples()
        }
        contents = {
            a: (h, t)
            for a, h, t in m.ArticleContent.select(
                m.ArticleContent.article_id, m.ArticleContent.html, m.ArticleContent.text
            )
            .where(m.ArticleContent.article.in_(chunk))
            .tuples()
        }
        tags: dict[int, list[str]] = {}
        for article_id, name in (
            m.ArticleTag.select(m.ArticleTag.article_id, m.Tag.name)
            .join(m.Tag)
            .where(m.ArticleTag.article.in_(chunk))
            .order_by(m.Tag.name)
            .tuples()
        ):
            tags.setdefault(article_id, []).append(name)
        images: dict[int, list[dict[str, str]]] = {}
        for article_id, url, sha in (
            m.ArticleImage.select(m.ArticleImage.article_id, m.ArticleImage.url, m.Image.sha256)
            .join(m.Image)
            .where(m.ArticleImage.article.in_(chunk))
            .order_by(m.ArticleImage.article_id, m.ArticleImage.url)
            .tuples()
        ):
            images.setdefault(article_id, []).append({"url": url, "sha256": sha})
        highlights = store_highlights.export_rows(chunk)
        source_fields = [f for f in model_fields(m.ArticleSource) if f.column_name != "article_id"]
        sources = {
            row[0]: dict(zip([f.column_name for f in source_fields], row[1:], strict=True))
            for row in m.ArticleSource.select(m.ArticleSource.article_id, *source_fields)
            .where(m.ArticleSource.article.in_(chunk))
            .tuples()
        }
        for article_id in chunk:
            row = rows.get(article_id)
            if row is None:
                continue
            html, text = contents.get(article_id, (None, None))
            row["html"] = html
            row["text"] = text
            row["tags"] = tags.get(article_id, [])
            row["images"] = images.get(article_id, [])
            if article_id in highlights:
                row["highlights"] = highlights[article_id]
            if article_id in sources:
                # The page the article came from, still compressed as the library keeps it.
                row["source"] = sources[article_id]
            yield row


def image_rows_for(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """The stored images the articles ``ids`` use."""
    wanted: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        wanted.update(
            r
            for (r,) in m.ArticleImage.select(m.ArticleImage.image_id)
            .where(m.ArticleImage.article.in_(chunk))
            .tuples()
        )
    ordered = sorted(wanted)
    for start in range(0, len(ordered), _CHUNK):
        yield from dump_table("images", where=m.Image.id.in_(ordered[start : start + _CHUNK]))


def image_data(sha256: str) -> tuple[str, bytes] | None:
    row = m.Image.select(m.Image.mime, m.Image.data).where(m.Image.sha256 == sha256).first()
    return None if row is None else (row.mime, bytes(row.data))


def article_image_urls(article_id: int) -> dict[str, str]:
    """{URL as written in the article: sha256 of the stored image}."""
    query = (
        m.ArticleImage.select(m.ArticleImage.url, m.Image.sha256)
        .join(m.Image)
        .where(m.ArticleImage.article == article_id)
        .tuples()
    )
    return dict(query)


def library_is_empty() -> bool:
    return not any(
        model.select().exists()
        for model in (m.Article, m.Feed, m.Folder, m.Tag, m.SavedSearch, m.Rule)
    )


# -- writing articles in bulk ---------------------------------------------------------------------


@dataclass(slots=True)
class ArticleRow:
    """One article to insert: its columns by name (missing ones take the model's default),
    its body, its tag names and the stored images its HTML refers to (URL, image id)."""

    columns: dict[str, Any]
    html: str = ""
    text: str = ""
    tags: Sequence[str] = ()
    images: Sequence[tuple[str, int]] = field(default_factory=tuple)
    # The kept source's columns by name (see :class:`m.ArticleSource`), or None.
    source: Mapping[str, Any] | None = None
    # Highlights as a Folio export writes them (see store.highlights.export_rows), already
    # placed in this article's text.
    highlights: Sequence[Mapping[str, Any]] = ()


def existing_by_url(urls: Sequence[str]) -> dict[str, int]:
    """Articles whose canonical URL is one of ``urls``: {url: article id} (on the index)."""
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(urls))
    db = library_database()
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute_sql(
            f'SELECT "canonical_url", "id" FROM "article" WHERE "canonical_url" IN ({marks})'
            ' ORDER BY "id" DESC',
            chunk,
        ).fetchall()
        # Newest first, so the oldest article with the URL is the one kept.
        found.update(dict(rows))
    return found


def existing_notes(hashes: Sequence[str]) -> dict[str, int]:
    """Saved notes (articles with no address and no feed) whose content hash is one of
    ``hashes``: {hash: article id}, the oldest note for each."""
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(h for h in hashes if h))
    db = library_database()
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute_sql(
            'SELECT "content_hash", "id" FROM "article" WHERE "canonical_url" IS NULL'
            f' AND "url" IS NULL AND "feed_id" IS NULL AND "content_hash" IN ({marks})'
            ' ORDER BY "id" DESC',
            chunk,
        ).fetchall()
        found.update(dict(rows))
    return found


# id, title, author, text, tag names, language
_SearchRow = tuple[int, str, str, str, tuple[str, ...], str | None]


class TagCache:
    """Tag ids by name compared without case, created on demand: a name the library has in
    another case is that tag ("Python" is the library's "python"), and a new one keeps the
    spelling it first came with. The library's tags are read once, when first needed. The
    tags it creates are recorded in ``writes`` (set it for each transaction: a tag made in one
    that was rolled back is not there)."""

    def __init__(self, writes: ImportWrites | None = None) -> None:
        self._ids: dict[str, tuple[int, str]] | None = None
        self.writes = writes

    def get(self, name: str) -> tuple[int, str]:
        cleaned = clean_tag_name(name)
        key = cleaned.casefold()
        if self._ids is None:
            self._ids = tag_ids_by_folded_name()
        if key not in self._ids:
            # Another writer may have made it since the tags were read.
            row = find_tag(cleaned)
            if row is None:
                row = m.Tag.create(name=cleaned)
                if self.writes is not None:
                    self.writes.tag_ids.append(int(row.id))
            self._ids[key] = (row.id, row.name)
        return self._ids[key]

    def remember(self, tag_id: int, name: str) -> None:
        if self._ids is not None:
            self._ids[name.casefold()] = (tag_id, name)


class ArticleConverter:
    """An article's column values as the article table stores them, in its column order."""

    def __init__(self) -> None:
        self.fields = [f for f in model_fields(m.Article) if f.column_name != "id"]
        self._converters = [(f.column_name, converter(f), f) for f in self.fields]
        source_fields = [f for f in model_fields(m.ArticleSource) if f.column_name != "article_id"]
        self.source_fields = source_fields
        self._source_converters = [(f.column_name, converter(f)) for f in source_fields]

    def values(self, row_columns: Mapping[str, Any]) -> tuple[dict[str, Any], list[Any]]:
        """The columns within their limits, with those worked out from others filled in, and
        their stored values."""
        # Whatever made the row (a feed, an import, a document), it is stored within bounds.
        columns = bound_columns(row_columns)
        if columns.get("sort_date") is None:
            columns["sort_date"] = columns.get("published") or columns.get("added") or m.utc_now()
        # Derived from the addresses, whatever a document says.
        url, canonical = (columns.get(k) for k in ("url", "canonical_url"))
        columns["host_rev"], columns["url_host_rev"] = site_hosts(
            None if url is None else str(url), None if canonical is None else str(canonical)
        )
        values: list[Any] = []
        for name, convert, fld in self._converters:
            value = columns.get(name)
            if value is None and (name not in columns or not fld.null):
                # Left out, or empty where the column cannot be: the column's default.
                value = column_default(fld)
            values.append(None if value is None else convert(value))
        return columns, values

    def source_values(self, source: Mapping[str, Any]) -> list[Any]:
        return [convert(source.get(name)) for name, convert in self._source_converters]


def _next_id(model: type[m.BaseModel]) -> int:
    return int(model.select(peewee.fn.MAX(model._meta.primary_key)).scalar() or 0) + 1


def insert_articles(
    rows: Sequence[ArticleRow], *, tags: TagCache, keep_ids: bool = False
) -> list[int]:
    """Insert ``rows`` with their bodies, tags, images and search rows in the caller's
    transaction (which must hold the write lock); returns the new ids in order."""
    if not rows:
        return []
    convert = ArticleConverter()
    fields = convert.fields
    source_fields = convert.source_fields
    next_id = _next_id(m.Article)
    ids: list[int] = []
    article_params: list[list[Any]] = []
    content_params: list[tuple[int, str, str]] = []
    tag_params: list[tuple[int, int]] = []
    image_params: list[tuple[int, str, int]] = []
    source_params: list[list[Any]] = []
    search_params: list[_SearchRow] = []
    for row in rows:
        columns, converted = convert.values(row.columns)
        html, text = bound_body(row.html, row.text)
        article_id = int(columns["id"]) if keep_ids and columns.get("id") is not None else next_id
        next_id = max(next_id, article_id + 1)
        ids.append(article_id)
        values: list[Any] = [article_id, *converted]
        article_params.append(values)
        content_params.append((article_id, html, text))
        names: list[str] = []
        for tag_name in row.tags:
            tag_id, stored = tags.get(tag_name)
            tag_params.append((article_id, tag_id))
            names.append(stored)
        for url, image_id in row.images:
            image_params.append((article_id, url, image_id))
        if row.source is not None:
            source_params.append([article_id, *convert.source_values(row.source)])
        # Notes are found by search too (see store.highlights).
        annotations = store_highlights.annotations_of(columns.get("note"), row.highlights)
        search_params.append(
            (
                article_id,
                str(columns.get("title") or ""),
                str(columns.get("author") or ""),
                store_highlights.search_text(text, annotations),
                tuple(sorted(set(names))),
                columns.get("language"),
            )
        )
    db = library_database()
    column_list = ", ".join(['"id"', *(f'"{f.column_name}"' for f in fields)])
    marks = ", ".join("?" * (len(fields) + 1))
    cursor = db.cursor()
    cursor.executemany(f'INSERT INTO "article" ({column_list}) VALUES ({marks})', article_params)
    cursor.executemany(
        'INSERT INTO "article_content" ("article_id", "html", "text") VALUES (?, ?, ?)',
        content_params,
    )
    cursor.executemany(
        'INSERT OR IGNORE INTO "article_tag" ("article_id", "tag_id") VALUES (?, ?)', tag_params
    )
    cursor.executemany(
        'INSERT OR IGNORE INTO "article_image" ("article_id", "url", "image_id") VALUES (?, ?, ?)',
        image_params,
    )
    source_list = ", ".join(['"article_id"', *(f'"{f.column_name}"' for f in source_fields)])
    cursor.executemany(
        f'INSERT OR REPLACE INTO "article_source" ({source_list})'
        f" VALUES ({', '.join('?' * (len(source_fields) + 1))})",
        source_params,
    )
    for article_id, row in zip(ids, rows, strict=True):
        if row.highlights:
            store_highlights.insert_exported(article_id, row.highlights, keep_ids=keep_ids)
    _index(db, search_params)
    return ids


def _index(db: peewee.SqliteDatabase, rows: list[_SearchRow]) -> None:
    """Search rows for new articles through the index's bulk writer, which also records the
    word forms that stemmed search needs."""
    search_index.index_articles(
        db,
        [
            search_index.IndexRow(
                article_id=i, title=t, author=a or None, text=x, tags=g, language=lang
            )
            for i, t, a, x, g, lang in rows
        ],
    )


def add_missing_tags(
    wanted: Mapping[int, Sequence[str]], *, tags: TagCache, writes: ImportWrites | None = None
) -> list[int]:
    """Give existing articles the tags they lack; returns the ids that changed."""
    from reader.store.tags import add_tags, tags_for_articles

    ids = [i for i, names in wanted.items() if names]
    have = tags_for_articles(ids)
    changed: list[int] = []
    for article_id in ids:
        present = {n.casefold() for n in have.get(article_id, ())}
        missing = list(
            {clean_tag_name(n).casefold(): clean_tag_name(n) for n in wanted[article_id]}.values()
        )
        missing = [n for n in missing if n.casefold() not in present]
        if missing:
            for name in missing:
                tags.get(name)  # a tag made here is one the import made
            add_tags(article_id, missing)
            changed.append(article_id)
            if writes is not None:
                writes.article_tags.append((article_id, missing))
    return changed


# -- links waiting to be fetched ------------------------------------------------------------------


def pending_links(*, limit: int, after_id: int = 0) -> list[tuple[int, str, str]]:
    """(id, url, title) of links waiting to be fetched, oldest id first."""
    query = (
        m.Article.select(m.Article.id, m.Article.url, m.Article.title)
        .where((m.Article.fetch_status == "pending") & (m.Article.id > after_id))
        .order_by(m.Article.id)
        .limit(limit)
        .tuples()
    )
    return [(i, u or "", t or "") for i, u, t in query]


def count_pending() -> int:
    return int(m.Article.select().where(m.Article.fetch_status == "pending").count())


def set_fetch_failed(article_id: int, message: str) -> None:
    m.Article.update(fetch_status="failed", fetch_error=message).where(
        m.Article.id == article_id
    ).execute()


def _failed_links(article_ids: Sequence[int] | None) -> peewee.Expression:
    # Saved links only: a feed article whose full text could not be fetched is marked failed
    # too, but it is no link waiting for its page.
    where = (m.Article.fetch_status == "failed") & m.Article.feed.is_null()
    if article_ids is not None:
        where &= m.Article.id.in_(list(article_ids))
    return where


def requeue_failed(article_ids: Sequence[int] | None = None) -> int:
    """Put the links whose fetch failed (all, or those given) back in the queue."""
    return int(
        m.Article.update(fetch_status="pending", fetch_error=None)
        .where(_failed_links(article_ids))
        .execute()
    )


def failed_links(*, limit: int = 10_000) -> list[tuple[int, str, str, str]]:
    """(id, url, title, why) of saved links whose page could not be fetched, newest first."""
    query = (
        m.Article.select(m.Article.id, m.Article.url, m.Article.title, m.Article.fetch_error)
        .where(_failed_links(None))
        .order_by(m.Article.id.desc())
        .limit(limit)
        .tuples()
    )
    return [(i, u or "", t or "", e or "") for i, u, t, e in query]


def count_failed_links() -> int:
    return int(m.Article.select().where(_failed_links(None)).count())


# -- whole articles for the article exporters ---------------------------------------------------


def articles_with_content(ids: Sequence[int]) -> Iterator[Article]:
    """Articles in the order of ``ids``, bodies filled in, a page at a time."""
    from dataclasses import replace

    from reader.store.articles import articles_by_ids

    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        bodies = {
            a: (h, t)
            for a, h, t in m.ArticleContent.select(
                m.ArticleContent.article_id, m.ArticleContent.html, m.ArticleContent.text
            )
            .where(m.ArticleContent.article.in_(chunk))
            .tuples()
        }
        for article in articles_by_ids(chunk):
            html, text = bodies.get(article.id, ("", ""))
            yield replace(article, content_html=html, text=text)


def article_ids_by_date(*, newest_first: bool = True) -> list[int]:
    order = (
        (m.Article.sort_date.desc(), m.Article.id.desc())
        if newest_first
        else (m.Article.sort_date.asc(), m.Article.id.asc())
    )
    return [r for (r,) in m.Article.select(m.Article.id).order_by(*order).tuples()]


# -- library files ------------------------------------------------------------------------------


def check_library_file(path: Path, newest_version: int) -> int:
    """The schema version of the Folio library at ``path``; LibraryError if it is not one."""
    import sqlite3

    from reader.core.errors import LibraryError

    if not path.is_file():
        raise LibraryError(f"no such file: {path}")
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise LibraryError(f"{path} is not a Folio library (not an SQLite database)")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(f"cannot open {path}: {exc}") from exc
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if version < 1 or not {"article", "feed", "folder", "tag", "article_content"} <= tables:
            raise LibraryError(f"{path} is an SQLite database but not a Folio library")
        if version > newest_version:
            raise LibraryError(
                f"{path} was written by a newer Folio (library version {version}, this Folio"
                f" reads up to {newest_version})"
            )
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise LibraryError(f"{path} is damaged: {check}")
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path} cannot be read as a library: {exc}") from exc
    finally:
        connection.close()
    return version
