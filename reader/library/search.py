"""Search, saved searches, rules and tag housekeeping: finding articles and organising them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import tzinfo

from reader.core.errors import UserError
from reader.core.query import Query, SavedSearch, parse_query
from reader.core.rules import Rule, RuleAction, parse_action
from reader.core.types import Article, PageCursor
from reader.library.base import LibraryBase
from reader.store import articles as store_articles
from reader.store import rules as store_rules
from reader.store import saved_searches as store_saved
from reader.store import search as store_search
from reader.store import tags as store_tags
from reader.store.search import CompiledQuery, Order

log = logging.getLogger(__name__)

__all__ = ["Order", "SearchMixin"]

_MAX_QUERY_LENGTH = 2000


def _check_query_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError("the query is empty")
    if len(cleaned) > _MAX_QUERY_LENGTH:
        raise UserError(f"a query can be at most {_MAX_QUERY_LENGTH} characters long")
    return cleaned


class SearchMixin(LibraryBase):
    # The time zone calendar days in queries (on:2024-05-01, after:today) are read in; None is
    # the computer's own.
    search_timezone: tzinfo | None = None

    # -- searching ---------------------------------------------------------------------------
    def parse_query(self, text: str) -> Query:
        """What a typed query means (with notes on what was read as plain words)."""
        return parse_query(text)

    def _compile(self, query: str | Query) -> CompiledQuery:
        parsed = parse_query(query) if isinstance(query, str) else query
        now = self.now()
        tz = self.search_timezone or now.astimezone().tzinfo
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
        return store_search.search(self._compile(parsed), limit=limit, order=chosen, after=after)

    def count_search(self, query: str | Query, *, unread_only: bool = False) -> int:
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return 0
        return store_search.count(self._compile(parsed), unread_only=unread_only)

    def search_ids(self, query: str | Query) -> list[int]:
        """Every matching article id, newest first (for exports and bulk actions)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return []
        return store_search.all_ids(self._compile(parsed))

    def matching_articles(self, query: str | Query, article_ids: Sequence[int]) -> list[int]:
        """Which of ``article_ids`` match ``query``."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return []
        return store_search.matching_among(self._compile(parsed), article_ids)

    # -- saved searches ----------------------------------------------------------------------
    def save_search(self, name: str, query: str, *, replace: bool = False) -> SavedSearch:
        """Keep ``query`` as a smart view called ``name``."""
        query = _check_query_text(query)
        with self.transaction():
            saved = store_saved.save_search(name, query, replace=replace)
        self.notify("saved-searches", [saved.id])
        return saved

    def list_saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        """Saved searches in sidebar order, with their unread and total counts (live)."""
        found = store_saved.list_saved_searches()
        if not counts:
            return found
        return [self._with_counts(s) for s in found]

    def _with_counts(self, saved: SavedSearch) -> SavedSearch:
        from dataclasses import replace

        compiled = self._compile(saved.query)
        total, unread = store_search.count_with_unread(compiled)
        return replace(saved, unread=unread, total=total)

    def get_saved_search(self, ref: str | int, *, counts: bool = False) -> SavedSearch:
        saved = store_saved.get_saved_search(ref)
        return self._with_counts(saved) if counts else saved

    def saved_search_unread_counts(self) -> dict[int, int]:
        """Unread matches of every saved search, by id (for the sidebar)."""
        return {
            s.id: store_search.count(self._compile(s.query), unread_only=True)
            for s in store_saved.list_saved_searches()
        }

    def rename_saved_search(self, ref: str | int, new_name: str) -> SavedSearch:
        with self.transaction():
            saved = store_saved.rename_saved_search(ref, new_name)
        self.notify("saved-searches", [saved.id])
        return saved

    def update_saved_search(self, ref: str | int, query: str) -> SavedSearch:
        query = _check_query_text(query)
        with self.transaction():
            saved = store_saved.set_query(ref, query)
        self.notify("saved-searches", [saved.id])
        return saved

    def move_saved_search(self, ref: str | int, position: int) -> None:
        with self.transaction():
            store_saved.move_saved_search(ref, position)
        self.notify("saved-searches", None)

    def delete_saved_search(self, ref: str | int) -> SavedSearch:
        with self.transaction():
            saved = store_saved.delete_saved_search(ref)
        self.notify("saved-searches", [saved.id])
        return saved

    # -- rules -------------------------------------------------------------------------------
    def add_rule(self, query: str, action: RuleAction | str, argument: str | None = None) -> Rule:
        """When a new article matches ``query``: tag it (``argument`` is the tag), mark it
        read, star it or archive it."""
        query = _check_query_text(query)
        kind, arg = parse_action(str(action), argument)
        if arg is not None:
            arg = store_tags.clean_tag_name(arg)
        with self.transaction():
            rule = store_rules.add_rule(query, kind, arg)
        self.notify("rules", [rule.id])
        return rule

    def list_rules(self) -> list[Rule]:
        return store_rules.list_rules()

    def get_rule(self, rule_id: int) -> Rule:
        return store_rules.get_rule(rule_id)

    def update_rule(
        self,
        rule_id: int,
        *,
        query: str | None = None,
        action: RuleAction | str | None = None,
        argument: str | None = None,
        enabled: bool | None = None,
    ) -> Rule:
        kind: RuleAction | None = None
        arg: str | None = None
        if action is not None:
            kind, arg = parse_action(str(action), argument)
            if arg is not None:
                arg = store_tags.clean_tag_name(arg)
        with self.transaction():
            rule = store_rules.update_rule(
                rule_id,
                query=_check_query_text(query) if query is not None else None,
                action=kind,
                argument=arg,
                enabled=enabled,
            )
        self.notify("rules", [rule.id])
        return rule

    def remove_rule(self, rule_id: int) -> Rule:
        with self.transaction():
            rule = store_rules.remove_rule(rule_id)
        self.notify("rules", [rule.id])
        return rule

    def preview_rule(self, query: str, *, limit: int = 50) -> tuple[int, list[Article]]:
        """The articles already in the library that ``query`` matches: how many, and the
        newest ``limit`` of them."""
        parsed = parse_query(query)
        if parsed.is_empty:
            return 0, []
        compiled = self._compile(parsed)
        total = store_search.count(compiled)
        return total, store_search.search(compiled, limit=limit, order=Order.NEWEST)

    def apply_rules(
        self, article_ids: Sequence[int], *, rules: Sequence[Rule] | None = None
    ) -> dict[int, list[int]]:
        """Run the enabled rules (in order) on the given articles; returns, by rule id, the
        articles each rule changed. Later rules see what earlier ones did."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        candidates = rules if rules is not None else store_rules.list_rules()
        active = [r for r in candidates if r.enabled]
        if not active:
            return {}

        def apply() -> dict[int, list[int]]:
            changed: dict[int, list[int]] = {}
            for rule in active:
                try:
                    # A savepoint each: one failing rule leaves no half-done work behind
                    # and does not keep new articles from the others.
                    with self.transaction():
                        matched = store_search.matching_among(self._compile(rule.query), ids)
                        if matched:
                            _apply_action(rule, matched, self)
                except Exception:
                    log.exception("rule %d (%s) failed", rule.id, rule.query)
                    continue
                if matched:
                    changed[rule.id] = matched
            return changed

        if threading.current_thread().name.startswith("folio-writer"):
            with self.transaction():
                changed = apply()
        else:
            changed = self.submit_write(apply).result()
        touched = sorted({i for found in changed.values() for i in found})
        if touched:
            self.notify("articles", touched)
            if any(r.action is RuleAction.TAG for r in active if r.id in changed):
                self.notify("tags", touched)
        return changed

    def on_articles_added(self, article_ids: Sequence[int]) -> None:
        """New articles arrived (refresh, save, import): the rules run on them."""
        self.apply_rules(article_ids)
        super().on_articles_added(article_ids)

    # -- tags ---------------------------------------------------------------------------------
    def set_tag_color(self, name: str, color: str | None) -> None:
        """Give a tag a colour (``#rrggbb``), or take it away with None or ""."""
        value = _check_color(color)
        with self.transaction():
            store_tags.set_tag_color(name, value)
        self.notify("tags", None)

    def tag_color(self, name: str) -> str | None:
        color: str | None = store_tags.get_tag(name).color
        return color

    def merge_tags(self, sources: Sequence[str], target: str) -> None:
        """Fold ``sources`` into ``target`` (created if missing): their articles and feeds get
        ``target`` instead."""
        target_name = store_tags.clean_tag_name(target)
        with self.transaction():
            for name in sources:
                if store_tags.clean_tag_name(name).casefold() != target_name.casefold():
                    store_tags.rename_tag(name, target_name)
        self.notify("tags", None)


def _apply_action(rule: Rule, article_ids: list[int], lib: LibraryBase) -> None:
    if rule.action is RuleAction.TAG:
        assert rule.argument is not None
        for article_id in article_ids:
            store_tags.add_tags(article_id, [rule.argument])
    elif rule.action is RuleAction.READ:
        store_articles.set_state(article_ids, now=lib.now(), read=True)
    elif rule.action is RuleAction.STAR:
        store_articles.set_state(article_ids, now=lib.now(), starred=True)
    else:
        store_articles.set_state(article_ids, now=lib.now(), archived=True)


def _check_color(color: str | None) -> str | None:
    if color is None or not color.strip():
        return None
    value = color.strip().lower()
    if not value.startswith("#"):
        value = "#" + value
    digits = value[1:]
    if len(digits) == 3 and all(c in "0123456789abcdef" for c in digits):
        value = "#" + "".join(c * 2 for c in digits)
    elif len(digits) != 6 or any(c not in "0123456789abcdef" for c in digits):
        raise UserError(f"not a colour: {color!r} (use #rrggbb, for example #3a7bd5)")
    return value
