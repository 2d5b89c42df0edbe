"""Search: a parsed :class:`~reader.core.query.Query` run as SQL plus an FTS5 match.

The query is compiled into one FTS5 expression and conditions on the article table
(:mod:`~reader.store.search_compile`); the planner decides which side leads and how the index
is read (:mod:`~reader.store.search_plan`, :mod:`~reader.store.search_fts`). Results are
ranked by bm25 with the title weighted highest, or listed in date order, and carry
highlighted snippets of their text (:mod:`~reader.store.search_results`).
"""

from __future__ import annotations

import enum

from reader.core.types import Article, PageCursor
from reader.store.search_compile import CompiledQuery, Sql, compile_query
from reader.store.search_plan import (
    RANK_POOL,
    all_ids,
    count,
    count_with_unread,
    dated_ids,
    dated_page,
    matching_among,
    ranked_ids,
    ranked_page,
)
from reader.store.search_results import load_articles

__all__ = [
    "RANK_POOL",
    "CompiledQuery",
    "Order",
    "Sql",
    "all_ids",
    "compile_query",
    "count",
    "count_with_unread",
    "dated_ids",
    "load_articles",
    "matching_among",
    "ranked_ids",
    "search",
]


class Order(enum.StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


def search(
    compiled: CompiledQuery,
    *,
    limit: int = 100,
    order: Order = Order.RELEVANCE,
    after: PageCursor | None = None,
) -> list[Article]:
    """Matching articles with snippets. Ranked when the query has words and ``order`` is
    RELEVANCE (``after`` is then ignored: a ranked list has one page); else by date."""
    if order is Order.RELEVANCE and compiled.match is not None:
        ids, snippets = ranked_page(compiled, limit=limit)
    else:
        ids, snippets = dated_page(
            compiled, limit=limit, after=after, newest_first=order is not Order.OLDEST
        )
    return load_articles(ids, snippets)
