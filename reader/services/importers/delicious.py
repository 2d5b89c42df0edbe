"""Delicious's JSON export: a list of bookmarks with their tags (a list, or one text), the
user's description, and the date saved in seconds since 1970 (or, in some copies, ISO 8601)."""

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
    text_or_none,
)

# Keys of the other JSON lists Folio reads; an entry with one of them is not Delicious's.
_OTHERS = ("created_at", "is_saved", "is_archived", "is_read", "savedAt", "href")


def _signature(entry: dict[str, object]) -> bool:
    return (
        "url" in entry
        and "created" in entry
        and any(k in entry for k in ("tags", "owner", "others", "private", "description"))
        and not any(k in entry for k in _OTHERS)
    )


def looks_like_delicious(data: Any) -> bool:
    return most_match(data, _signature)


def parse_delicious(data: Any) -> Iterator[Entry]:
    if not isinstance(data, list):
        raise ImportFormatError("the file is not a Delicious export (expected a list)")
    for entry in json_entries(data, "a bookmark"):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        position, row = entry
        url = check_url(row.get("url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        toread = row.get("toread")
        yield ImportItem(
            url=url,
            title=clean_title(row.get("title")),
            added=parse_date(row.get("created")),
            tags=tag_names(row.get("tags"), "name", "tag"),
            # Delicious marked what was still to read; without the mark, nothing was read.
            read=toread is not None and not flag(toread),
            note=text_or_none(row.get("description")),
            position=position,
        )
