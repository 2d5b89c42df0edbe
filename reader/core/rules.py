"""Rules: when a new article matches a query, do something to it. Plain values and checks."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reader.core.errors import UserError


class RuleAction(enum.StrEnum):
    TAG = "tag"
    READ = "read"
    STAR = "star"
    ARCHIVE = "archive"


ACTION_LABELS = {
    RuleAction.TAG: "add tag",
    RuleAction.READ: "mark read",
    RuleAction.STAR: "star",
    RuleAction.ARCHIVE: "archive",
}

_ALIASES = {
    "tag": RuleAction.TAG,
    "add-tag": RuleAction.TAG,
    "read": RuleAction.READ,
    "mark-read": RuleAction.READ,
    "star": RuleAction.STAR,
    "starred": RuleAction.STAR,
    "archive": RuleAction.ARCHIVE,
    "archived": RuleAction.ARCHIVE,
}


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    query: str
    action: RuleAction
    argument: str | None = None
    enabled: bool = True
    position: int = 0

    def describe(self) -> str:
        """ "when QUERY: add tag x" — one line for lists."""
        what = ACTION_LABELS[self.action]
        if self.action is RuleAction.TAG:
            what += f" {self.argument}"
        return f"when {self.query}: {what}"


def parse_action(text: str, argument: str | None = None) -> tuple[RuleAction, str | None]:
    """An action as written ("tag", "tag:news", "read", "star", "archive") and its argument.

    Raises UserError for an unknown action or a tag action without a tag name.
    """
    name, colon, rest = text.strip().partition(":")
    action = _ALIASES.get(name.strip().lower())
    if action is None:
        raise UserError(
            f"unknown rule action {text.strip()!r} (use tag:NAME, read, star or archive)"
        )
    if action is RuleAction.TAG:
        tag = " ".join((rest if colon else (argument or "")).split())
        if not tag:
            raise UserError("a tag rule needs the tag's name (tag:NAME)")
        return action, tag
    if colon and rest.strip():
        raise UserError(f"the action {action.value!r} takes no argument")
    return action, None
