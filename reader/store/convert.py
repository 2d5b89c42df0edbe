"""Rows to core types."""

from __future__ import annotations

import json
from typing import Any

from reader.core.types import Article, Enclosure, Feed, SourceKind
from reader.store import models as m


def enclosures_to_json(enclosures: tuple[Enclosure, ...]) -> str | None:
    if not enclosures:
        return None
    return json.dumps([{"url": e.url, "type": e.type, "length": e.length} for e in enclosures])


def enclosures_from_json(value: str | None) -> tuple[Enclosure, ...]:
    if not value:
        return ()
    items: list[dict[str, Any]] = json.loads(value)
    return tuple(Enclosure(i["url"], i.get("type"), i.get("length")) for i in items)


def article_from_row(
    row: m.Article,
    *,
    feed_title: str | None,
    tags: tuple[str, ...],
    html: str | None = None,
    text: str | None = None,
    snippet: str | None = None,
) -> Article:
    return Article(
        id=row.id,
        title=row.title,
        source_kind=SourceKind(row.source_kind),
        added=row.added,
        sort_date=row.sort_date,
        url=row.url,
        canonical_url=row.canonical_url,
        guid=row.guid,
        feed_id=row.feed_id,
        feed_title=feed_title,
        author=row.author,
        published=row.published,
        published_date_only=bool(row.published_date_only),
        updated=row.updated,
        summary=row.summary,
        language=row.language,
        site_name=row.site_name,
        image_url=row.image_url,
        word_count=row.word_count,
        read=row.read,
        starred=row.starred,
        archived=row.archived,
        tags=tags,
        note=row.note,
        enclosures=enclosures_from_json(row.enclosures),
        content_html=html,
        text=text,
        snippet=snippet,
    )


def feed_from_row(
    row: m.Feed, *, folder: str | None, unread: int, total: int, tags: tuple[str, ...] = ()
) -> Feed:
    return Feed(
        id=row.id,
        url=row.url,
        title=row.title,
        site_url=row.site_url,
        folder_id=row.folder_id,
        folder=folder,
        etag=row.etag,
        last_modified=row.last_modified,
        content_hash=row.content_hash,
        last_fetched=row.last_fetched,
        next_fetch=row.next_fetch,
        error_count=row.error_count,
        last_error=row.last_error,
        disabled=row.disabled,
        fetch_full_text=row.fetch_full_text,
        tags=tags,
        unread=unread,
        total=total,
        keep_items=row.keep_items,
        refresh_minutes=row.refresh_minutes,
        notice=row.notice,
    )
