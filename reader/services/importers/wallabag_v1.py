"""wallabag 1.x's JSON export: a list of entries with their content, read and favourite flags
and tags as one text. (wallabag 2.x writes another shape: see wallabag.py.)

Version 1 kept no dates, and wrote a placeholder title ("Untitled", in the reader's language)
when it could not fetch a page: such an entry comes in as a link to fetch again.
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
    flag,
    json_entries,
    most_match,
    parse_date,
    split_written_tags,
    tag_names,
)

# What wallabag 1.x wrote as the title of a page it could not fetch.
_UNTITLED = frozenset(
    t.casefold()
    for t in (
        "Untitled",
        "Sans titre",
        "Ohne Titel",
        "Sin título",
        "Senza titolo",
        "Sem título",
        "Без названия",
        "Без назви",
        "Bez tytułu",
        "Bez názvu",
        "No title found",
    )
)


def _signature(entry: dict[str, object]) -> bool:
    return "url" in entry and ("is_read" in entry or "is_fav" in entry)


def looks_like_wallabag_v1(data: Any) -> bool:
    return most_match(data, _signature)


def parse_wallabag_v1(data: Any) -> Iterator[Entry]:
    if not isinstance(data, list):
        raise ImportFormatError("the file is not a wallabag 1.x export (expected a list)")
    for entry in json_entries(data, "an entry"):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        position, row = entry
        url = check_url(row.get("url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        title = clean_title(row.get("title"))
        fetched = title.casefold() not in _UNTITLED
        content = row.get("content")
        if not (fetched and isinstance(content, str) and content.strip()):
            content = None
        tags = row.get("tags")
        read = flag(row.get("is_read"))
        yield ImportItem(
            url=url,
            title=title if fetched else "",
            added=parse_date(row.get("created_at") or row.get("date")),
            updated=parse_date(row.get("updated_at")),
            tags=split_written_tags(tags) if isinstance(tags, str) else tag_names(tags, "label"),
            # wallabag calls an article it has read archived, in both versions.
            read=read,
            archived=read,
            starred=flag(row.get("is_fav")),
            content_html=content,
            position=position,
        )
