"""Search and saved searches: finding articles (rules, which act on what a search finds, are in
library/rules.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import tzinfo

from reader.core.errors import UserError
from reader.core.query import Query, SavedSearch, parse_query
from reader.core.types import Article, PageCursor
from reader.library.context import LibraryContext
from reader.store import saved_searches as store_saved
from reader.store import search as store_search
from reader.store.search import CompiledQuery, Order

__all__ = ["Order", "Search", "check_query_text"]

_MAX_QUERY_LENGTH = 2000


def check_query_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError("the query is empty")
    if len(cleaned) > _MAX_QUERY_LENGTH:
        raise UserError(f"a query can be at most {_MAX_QUERY_LENGTH} characters long")
    return cleaned


class Search:
    def __init__(self, context: LibraryContext) -> None:
        self._ctx = context
        # The time zone calendar days in queries (on:2024-05-01, after:today) are read in;
        # None is the computer's own.
        self.timezone: tzinfo | None = None

    # -- searching ---------------------------------------------------------------------------
    def parse_query(self, text: str) -> Query:
        """What a typed query means (with notes on what was read as plain words)."""
        return parse_query(text)

    def compile(self, query: str | Query) -> CompiledQuery:
        """A query ready for the store, its dates read in :attr:`timezone`."""
        parsed = parse_query(query) if isinstance(query, str) else query
        now = self._ctx.now()
        tz = self.timezone or now.astimezone().tzinfo
        assert tz is not None
        return store_search.compile_query(parsed, now=now, tz=tz)

    def search(
        self,
        query: str | Query,
        *,
        limit: int = 100,
        order: Order | str = Order.RELEVANCE,
        after: PageCursor | None = None,
    ) -> list[Article]:
        """Articles matching ``query`` in the search language, with highlighted snippets.

        Any typed string is valid. A query with words is ranked by relevance (title first)
        unless ``order`` is "newest" or "oldest", which page with ``after``; a query of
        filters only lists newest first. An empty query matches nothing.
        """
        if limit < 1:
            raise UserError("the limit must be at least 1")
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return []
        try:
            chosen = Order(order)
        except ValueError:
            choices = ", ".join(o.value for o in Order)
            raise UserError(f"unknown order {order!r} (use {choices})") from None
        return store_search.search(self.compile(parsed), limit=limit, order=chosen, after=after)

    def count_search(self, query: str | Query, *, unread_only: bool = False) -> int:
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return 0
        return store_search.count(self.compile(parsed), unread_only=unread_only)

    def search_ids(self, query: str | Query) -> list[int]:
        """Every matching article id, newest first (for exports and bulk actions)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return []
        return store_search.all_ids(self.compile(parsed))

    def matching_articles(self, query: str | Query, article_ids: Sequence[int]) -> list[int]:
        """Which of ``article_ids`` match ``query``."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return []
        return store_search.matching_among(self.compile(parsed), article_ids)

    # -- saved searches ----------------------------------------------------------------------
    def save_search(self, name: str, query: str, *, replace: bool = False) -> SavedSearch:
        """Keep ``query`` as a smart view called ``name``."""
        query = check_query_text(query)
        saved = self._ctx.writer.run(lambda: store_saved.save_search(name, query, replace=replace))
        self._ctx.events.notify("saved-searches", [saved.id])
        return saved

    def list_saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        """Saved searches in sidebar order, with their unread and total counts (live)."""
        found = store_saved.list_saved_searches()
        if not counts:
            return found
        return [self._with_counts(s) for s in found]

    def _with_counts(self, saved: SavedSearch) -> SavedSearch:
        compiled = self.compile(saved.query)
        total, unread = store_search.count_with_unread(compiled)
        return dataclasses.replace(saved, unread=unread, total=total)

    def get_saved_search(self, ref: str | int, *, counts: bool = False) -> SavedSearch:
        saved = store_saved.get_saved_search(ref)
        return self._with_counts(saved) if counts else saved

    def saved_search_unread_counts(self) -> dict[int, int]:
        """Unread matches of every saved search, by id (for the sidebar)."""
        return {
            s.id: store_search.count(self.compile(s.query), unread_only=True)
            for s in store_saved.list_saved_searches()
        }

    def rename_saved_search(self, ref: str | int, new_name: str) -> SavedSearch:
        saved = self._ctx.writer.run(lambda: store_saved.rename_saved_search(ref, new_name))
        self._ctx.events.notify("saved-searches", [saved.id])
        return saved

    def update_saved_search(self, ref: str | int, query: str) -> SavedSearch:
        query = check_query_text(query)
        saved = self._ctx.writer.run(lambda: store_saved.set_query(ref, query))
        self._ctx.events.notify("saved-searches", [saved.id])
        return saved

    def move_saved_search(self, ref: str | int, position: int) -> None:
        self._ctx.writer.run(lambda: store_saved.move_saved_search(ref, position))
        self._ctx.events.notify("saved-searches", None)

    def delete_saved_search(self, ref: str | int) -> SavedSearch:
        saved = self._ctx.writer.run(lambda: store_saved.delete_saved_search(ref))
        self._ctx.events.notify("saved-searches", [saved.id])
        return saved
