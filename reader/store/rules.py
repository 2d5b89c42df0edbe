"""Rules: stored queries with an action for new articles that match them."""

from __future__ import annotations

import peewee

from reader.core.errors import NotFoundError
from reader.core.rules import Rule, RuleAction
from reader.store import models as m


def _to_rule(row: m.Rule) -> Rule:
    return Rule(
        id=row.id,
        query=row.query,
        action=RuleAction(row.action),
        argument=row.argument,
        enabled=bool(row.enabled),
        position=row.position,
    )


def _row(rule_id: int) -> m.Rule:
    row: m.Rule | None = m.Rule.get_or_none(m.Rule.id == rule_id)
    if row is None:
        raise NotFoundError(f"no rule with id {rule_id}")
    return row


def list_rules(*, enabled_only: bool = False) -> list[Rule]:
    query = m.Rule.select().order_by(m.Rule.position, m.Rule.id)
    if enabled_only:
        query = query.where(m.Rule.enabled == True)  # noqa: E712
    return [_to_rule(r) for r in query]


def get_rule(rule_id: int) -> Rule:
    return _to_rule(_row(rule_id))


def add_rule(query: str, action: RuleAction, argument: str | None) -> Rule:
    position = int(m.Rule.select(peewee.fn.MAX(m.Rule.position)).scalar() or 0)
    row = m.Rule.create(
        query=query, action=action.value, argument=argument, enabled=True, position=position + 1
    )
    return _to_rule(row)


def update_rule(
    rule_id: int,
    *,
    query: str | None = None,
    action: RuleAction | None = None,
    argument: str | None = None,
    enabled: bool | None = None,
) -> Rule:
    row = _row(rule_id)
    if query is not None:
        row.query = query
    if action is not None:
        row.action = action.value
        row.argument = argument
    if enabled is not None:
        row.enabled = enabled
    row.save()
    return _to_rule(row)


def remove_rule(rule_id: int) -> Rule:
    row = _row(rule_id)
    rule = _to_rule(row)
    row.delete_instance()
    return rule
