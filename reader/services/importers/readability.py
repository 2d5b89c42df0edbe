"""Readability's JSON export: {"bookmarks": [...], "recommendations": [...]}, each bookmark with
article__url, article__title, article__excerpt, date_added, archive and favorite (and the dates
it was archived and favourited). Some tools wrote the bookmarks list alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_title,
    flag,
    json_entries,
    most_match,
    parse_date,
    tag_names,
)


def _signature(entry: dict[str, object]) -> bool:
    return "article__url" in entry


def _bookmarks(data: Any) -> Any:
    return data.get("bookmarks") if isinstance(data, dict) else data


def looks_like_readability(data: Any) -> bool:
    return most_match(_bookmarks(data), _signature)


def parse_readability(data: Any) -> Iterator[Entry]:
    bookmarks = _bookmarks(data)
    if not isinstance(bookmarks, list):
        raise ImportFormatError("the file is not a Readability export (no list of bookmarks)")
    for entry in json_entries(bookmarks, "a bookmark"):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        position, row = entry
        url = check_url(row.get("article__url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        archived = flag(row.get("archive")) or bool(parse_date(row.get("date_archived")))
        starred = flag(row.get("favorite")) or bool(parse_date(row.get("date_favorited")))
        yield ImportItem(
            url=url,
            title=clean_title(row.get("article__title")),
            added=parse_date(row.get("date_added")),
            tags=tag_names(row.get("tags"), "text", "name"),
            read=archived,
            archived=archived,
            starred=starred,
            summary=clean_title(row.get("article__excerpt")) or None,
            position=position,
        )
