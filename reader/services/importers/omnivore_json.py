"""Omnivore's single-file JSON export, as its API gave it (the export scripts people ran when
Omnivore closed): a list of articles, or the API's {"search": {"edges": [{"node": …}]}}.

An article carries what the .zip's metadata does (see omnivore.py), and may carry its
content, its highlights ({quote, annotation}) and the note the user wrote on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    json_entries,
    most_match,
    parse_date,
    text_or_none,
)
from reader.services.importers.omnivore import DELETED, entry_item, is_deleted


def _articles(data: Any) -> Any:
    """The list of articles: the file itself, or the nodes of the API's search answer."""
    if not isinstance(data, dict):
        return data
    inner = data.get("data")
    answer = inner if isinstance(inner, dict) else data
    search = answer.get("search")
    edges = search.get("edges") if isinstance(search, dict) else None
    if not isinstance(edges, list):
        return None
    return [e.get("node") if isinstance(e, dict) else e for e in edges]


def _signature(entry: dict[str, object]) -> bool:
    return ("url" in entry or "originalArticleUrl" in entry) and (
        "savedAt" in entry or "slug" in entry
    )


def looks_like_omnivore_json(data: Any) -> bool:
    return most_match(_articles(data), _signature)


def _highlight(mark: dict[str, Any]) -> ImportHighlight | None:
    """A highlight of the API's (quote, annotation, color, createdAt), or None without a
    quote."""
    quote = str(mark.get("quote") or "").strip()
    if not quote:
        return None
    return ImportHighlight(
        quote,
        note=text_or_none(mark.get("annotation")),
        color=text_or_none(mark.get("color")),
        created=parse_date(mark.get("createdAt")),
    )


def _highlights(row: dict[str, Any]) -> tuple[ImportHighlight, ...]:
    found: list[ImportHighlight] = []
    for mark in row.get("highlights") or []:
        # A mark of type NOTE is the note on the whole article (see _note).
        if isinstance(mark, dict) and mark.get("type") != "NOTE":
            highlight = _highlight(mark)
            if highlight is not None:
                found.append(highlight)
    if not found:
        # Some export scripts flattened a single highlight onto the article itself, whose
        # createdAt is the article's.
        flat = _highlight(row)
        if flat is not None:
            found.append(replace(flat, created=None))
    return tuple(found)


def _note(row: dict[str, Any]) -> str | None:
    """The note on the whole article: a highlight of type NOTE (how Omnivore kept it)."""
    notes = [
        str(mark.get("annotation") or "").strip()
        for mark in row.get("highlights") or []
        if isinstance(mark, dict) and mark.get("type") == "NOTE"
    ]
    return "\n\n".join(n for n in notes if n) or None


def parse_omnivore_json(data: Any) -> Iterator[Entry]:
    articles = _articles(data)
    if not isinstance(articles, list):
        raise ImportFormatError("the file is not an Omnivore export (expected a list of articles)")
    for entry in json_entries(articles, "an article"):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        position, row = entry
        url = check_url(row.get("url") or row.get("originalArticleUrl"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        if is_deleted(row):
            yield ImportProblem(position, f"deleted in Omnivore: {url}", reason=DELETED)
            continue
        content = row.get("content")
        item = entry_item(
            row,
            url,
            position,
            content=content if isinstance(content, str) and content.strip() else None,
            highlights=_highlights(row),
        )
        note = _note(row)
        yield item if note is None else replace(item, note=note)
