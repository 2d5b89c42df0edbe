"""Full-text search over the FTS5 index, ranked by bm25 with the title weighted highest."""

from __future__ import annotations

from reader.core.types import Article
from reader.store import models as m
from reader.store.articles import articles_by_ids
from reader.store.search_index import FTS_TABLE

# bm25 weights for title, author, text, tags.
_WEIGHTS = "10.0, 3.0, 1.0, 5.0"


def search(fts_query: str, *, limit: int = 100) -> list[Article]:
    db = m.database_proxy.obj
    rows = db.execute_sql(
        f"SELECT rowid, snippet({FTS_TABLE}, 2, '[', ']', '…', 12) FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH ? ORDER BY bm25({FTS_TABLE}, {_WEIGHTS}) LIMIT ?",
        (fts_query, limit),
    ).fetchall()
    snippets = {int(r[0]): r[1] for r in rows}
    articles = articles_by_ids([int(r[0]) for r in rows])
    from dataclasses import replace

    return [replace(a, snippet=snippets.get(a.id)) for a in articles]


def count(fts_query: str) -> int:
    db = m.database_proxy.obj
    row = db.execute_sql(
        f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (fts_query,)
    ).fetchone()
    return int(row[0])
