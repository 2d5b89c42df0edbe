"""The full-text index: an FTS5 table whose rowid is the article id.

It holds plain text (never HTML) and is written in the same transaction as the article, so
search and library can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee

FTS_TABLE = "article_search"

CREATE_FTS_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, author, text, tags, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)


def index_article(
    db: peewee.Database,
    *,
    article_id: int,
    title: str,
    author: str | None,
    text: str,
    tags: Iterable[str],
) -> None:
    db.execute_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (article_id,))
    db.execute_sql(
        f"INSERT INTO {FTS_TABLE} (rowid, title, author, text, tags) VALUES (?, ?, ?, ?, ?)",
        (article_id, title, author or "", text, " ".join(tags)),
    )


def update_tags(db: peewee.Database, article_id: int, tags: Iterable[str]) -> None:
    db.execute_sql(f"UPDATE {FTS_TABLE} SET tags = ? WHERE rowid = ?", (" ".join(tags), article_id))


def remove_articles(db: peewee.Database, article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
