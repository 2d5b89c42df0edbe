"""Search results as the window and the command line list them: articles without their
bodies, with their feed's title, tags and snippet, read in plain SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
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
)  # fmt: skip
_SELECT_RESULTS = "SELECT " + ", ".join(f'"{c}"' for c in _RESULT_COLUMNS) + ' FROM "article"'


def _micros(value: int | None) -> datetime | None:
    return None if value is None else from_micros(int(value))


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
        values = dict(zip(_RESULT_COLUMNS, row, strict=True))
        feed_id = values["feed_id"]
        added = _micros(values["added"])
        sort_date = _micros(values["sort_date"])
        assert added is not None and sort_date is not None
        result.append(
            Article(
                id=article_id,
                title=values["title"],
                source_kind=SourceKind(values["source_kind"]),
                added=added,
                sort_date=sort_date,
                url=values["url"],
                canonical_url=values["canonical_url"],
                guid=values["guid"],
                feed_id=feed_id,
                feed_title=titles.get(feed_id) if feed_id is not None else None,
                author=values["author"],
                published=_micros(values["published"]),
                updated=_micros(values["updated"]),
                summary=values["summary"],
                language=values["language"],
                site_name=values["site_name"],
                image_url=values["image_url"],
                word_count=values["word_count"],
                read=bool(values["read"]),
                starred=bool(values["starred"]),
                archived=bool(values["archived"]),
                tags=tuple(tags.get(article_id, ())),
                note=values["note"],
                enclosures=enclosures_from_json(values["enclosures"]),
                snippet=snippets.get(article_id),
            )
        )
    return result
