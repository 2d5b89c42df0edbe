"""Search results as the window and the command line list them: articles without their
bodies, with their feed's title, tags and snippet, read in plain SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import peewee

from reader.core.types import Article, SourceKind
from reader.store import models as m
from reader.store.convert import enclosures_from_json
from reader.store.fields import from_micros


def _db() -> peewee.SqliteDatabase:
    return m.database_proxy.obj


_RESULT_COLUMNS = (
    "id", "feed_id", "source_kind", "guid", "url", "canonical_url", "title", "author",
    "published", "updated", "added", "sort_date", "summary", "language", "site_name",
    "image_url", "word_count", "read", "starred", "archived", "note", "enclosures",
    "published_date_only",
)  # fmt: skip
_SELECT_RESULTS = "SELECT " + ", ".join(f'"{c}"' for c in _RESULT_COLUMNS) + ' FROM "article"'


_KINDS = {kind.value: kind for kind in SourceKind}


def load_articles(ids: Sequence[int], snippets: dict[int, str] | None = None) -> list[Article]:
    """List results (no bodies) for ``ids`` in that order, the missing left out: plain SQL,
    as a page of a hundred results must load in a few milliseconds."""
    if not ids:
        return []
    db = _db()
    rows: dict[int, tuple[Any, ...]] = {}
    tags: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.execute_sql(f'{_SELECT_RESULTS} WHERE "id" IN ({marks})', chunk):
            rows[int(row[0])] = row
        for article_id, name in db.execute_sql(
            'SELECT at."article_id", t."name" FROM "article_tag" at JOIN "tag" t'
            f' ON t."id" = at."tag_id" WHERE at."article_id" IN ({marks}) ORDER BY t."name"',
            chunk,
        ):
            tags.setdefault(int(article_id), []).append(name)
    feed_ids = sorted({r[1] for r in rows.values() if r[1] is not None})
    titles: dict[int, str] = {}
    if feed_ids:
        marks = ",".join("?" * len(feed_ids))
        titles = dict(
            db.execute_sql(f'SELECT "id", "title" FROM "feed" WHERE "id" IN ({marks})', feed_ids)
        )
    snippets = snippets or {}
    result = []
    for article_id in ids:
        row = rows.get(article_id)
        if row is None:
            continue
        (
            _, feed_id, kind, guid, url, canonical_url, title, author, published, updated,
            added, sort_date, summary, language, site_name, image_url, word_count, read,
            starred, archived, note, enclosures, published_date_only,
        ) = row  # fmt: skip
        result.append(
            Article(
                id=article_id,
                title=title,
                source_kind=_KINDS[kind],
                added=from_micros(added),
                sort_date=from_micros(sort_date),
                url=url,
                canonical_url=canonical_url,
                guid=guid,
                feed_id=feed_id,
                feed_title=titles.get(feed_id) if feed_id is not None else None,
                author=author,
                published=None if published is None else from_micros(published),
                published_date_only=bool(published_date_only),
                updated=None if updated is None else from_micros(updated),
                summary=summary,
                language=language,
                site_name=site_name,
                image_url=image_url,
                word_count=word_count,
                read=bool(read),
                starred=bool(starred),
                archived=bool(archived),
                tags=tuple(tags.get(article_id, ())),
                note=note,
                enclosures=enclosures_from_json(enclosures),
                snippet=snippets.get(article_id),
            )
        )
    return result
