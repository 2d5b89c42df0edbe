"""Pages saved articles were extracted from, kept compressed for re-extraction."""

from __future__ import annotations

import zlib
from datetime import datetime

from reader.core.types import KeptSource
from reader.store import models as m


def keep_source(article_id: int, source: KeptSource, *, now: datetime) -> None:
    """Keep (or replace) the source of ``article_id``."""
    m.ArticleSource.insert(
        article=article_id,
        data=zlib.compress(source.data, 6),
        size=len(source.data),
        name=source.name,
        suffix=source.suffix,
        url=source.url,
        charset=source.charset,
        content_type=source.content_type,
        kept=now,
    ).on_conflict_replace().execute()


def get_source(article_id: int) -> KeptSource | None:
    row = m.ArticleSource.get_or_none(m.ArticleSource.article == article_id)
    if row is None:
        return None
    try:
        data = zlib.decompress(bytes(row.data))
    except zlib.error:
        # A damaged copy is no copy: the page is fetched again instead.
        return None
    return KeptSource(
        data=data,
        name=str(row.name),
        suffix=str(row.suffix),
        url=row.url,
        charset=row.charset,
        content_type=row.content_type,
    )


def with_sources() -> set[int]:
    """Articles whose source is kept."""
    return {int(r) for (r,) in m.ArticleSource.select(m.ArticleSource.article_id).tuples()}


def drop_sources() -> int:
    """Forget every kept source; returns how many there were."""
    return int(m.ArticleSource.delete().execute())
