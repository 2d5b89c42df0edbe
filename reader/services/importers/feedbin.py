"""Feedbin's starred-entries export (starred.json): a list of the entries the user starred, each
with its feed's content, author, address and the dates it was published and reached Feedbin.

Every entry in it is starred; the file says nothing of read or unread, so entries come in as
they would from a feed: unread, with their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_title,
    json_entries,
    most_match,
    parse_date,
    text_or_none,
)

# Keys of the other JSON lists with a "created_at"; an entry with one of them is not Feedbin's.
_OTHERS = ("is_saved", "is_archived", "is_starred", "is_read", "savedAt", "tags", "labels")


def _signature(entry: dict[str, object]) -> bool:
    return (
        "url" in entry
        and "published" in entry
        and ("created_at" in entry or "feed_id" in entry)
        and not any(k in entry for k in _OTHERS)
    )


def looks_like_feedbin(data: Any) -> bool:
    """A list (JSON Feed, which Feedbin also reads, is an object with "items")."""
    return most_match(data, _signature)


def parse_feedbin(data: Any) -> Iterator[Entry]:
    if not isinstance(data, list):
        raise ImportFormatError("the file is not a Feedbin starred export (expected a list)")
    for entry in json_entries(data, "an entry"):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        position, row = entry
        url = check_url(row.get("url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        content = text_or_none(row.get("content"))
        yield ImportItem(
            url=url,
            title=clean_title(row.get("title")),
            added=parse_date(row.get("created_at")),
            published=parse_date(row.get("published")),
            author=clean_title(row.get("author")) or None,
            starred=True,
            content_html=content,
            summary=clean_title(row.get("summary")) or None,
            position=position,
        )
