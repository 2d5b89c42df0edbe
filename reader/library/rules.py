"""Rules: what to do with new articles a search matches (tag, mark read, star, archive)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from reader.core.query import parse_query
from reader.core.rules import Rule, RuleAction, parse_action
from reader.core.types import Article
from reader.library.context import LibraryContext
from reader.library.search import Search, check_query_text
from reader.store import articles as store_articles
from reader.store import rules as store_rules
from reader.store import search as store_search
from reader.store import tags as store_tags
from reader.store.search import Order

log = logging.getLogger(__name__)


class Rules:
    def __init__(self, context: LibraryContext, search: Search) -> None:
        self._ctx = context
        self._search = search

    def add_rule(self, query: str, action: RuleAction | str, argument: str | None = None) -> Rule:
        """When a new article matches ``query``: tag it (``argument`` is the tag), mark it
        read, star it or archive it."""
        query = check_query_text(query)
        kind, arg = parse_action(str(action), argument)
        if arg is not None:
            arg = store_tags.clean_tag_name(arg)
        rule = self._ctx.writer.run(lambda: store_rules.add_rule(query, kind, arg))
        self._ctx.events.notify("rules", [rule.id])
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
        checked = check_query_text(query) if query is not None else None
        rule = self._ctx.writer.run(
            lambda: store_rules.update_rule(
                rule_id, query=checked, action=kind, argument=arg, enabled=enabled
            )
        )
        self._ctx.events.notify("rules", [rule.id])
        return rule

    def remove_rule(self, rule_id: int) -> Rule:
        rule = self._ctx.writer.run(lambda: store_rules.remove_rule(rule_id))
        self._ctx.events.notify("rules", [rule.id])
        return rule

    def preview_rule(self, query: str, *, limit: int = 50) -> tuple[int, list[Article]]:
        """The articles already in the library that ``query`` matches: how many, and the
        newest ``limit`` of them."""
        parsed = parse_query(query)
        if parsed.is_empty:
            return 0, []
        compiled = self._search.compile(parsed)
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
        now = self._ctx.now()

        def apply_one(rule: Rule) -> list[int]:
            matched = store_search.matching_among(self._search.compile(rule.query), ids)
            if matched:
                _apply_action(rule, matched, now)
            return matched

        def apply() -> dict[int, list[int]]:
            changed: dict[int, list[int]] = {}
            for rule in active:
                try:
                    # A savepoint each: one failing rule leaves no half-done work behind
                    # and does not keep new articles from the others.
                    matched = self._ctx.writer.run(partial(apply_one, rule))
                except Exception:
                    log.exception("rule %d (%s) failed", rule.id, rule.query)
                    continue
                if matched:
                    changed[rule.id] = matched
            return changed

        changed = self._ctx.writer.run(apply, bulk=True)
        touched = sorted({i for found in changed.values() for i in found})
        if touched:
            self._ctx.events.notify("articles", touched)
            if any(r.action is RuleAction.TAG for r in active if r.id in changed):
                self._ctx.events.notify("tags", touched)
        return changed

    def apply_to_new(self, article_ids: list[int]) -> None:
        """New articles arrived (a refresh, a save, an import): the rules run on them."""
        self.apply_rules(article_ids)


def _apply_action(rule: Rule, article_ids: list[int], now: datetime) -> None:
    if rule.action is RuleAction.TAG:
        assert rule.argument is not None
        for article_id in article_ids:
            store_tags.add_tags(article_id, [rule.argument])
    elif rule.action is RuleAction.READ:
        store_articles.set_state(article_ids, now=now, read=True)
    elif rule.action is RuleAction.STAR:
        store_articles.set_state(article_ids, now=now, starred=True)
    else:
        store_articles.set_state(article_ids, now=now, archived=True)
