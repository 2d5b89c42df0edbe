"""wallabag 2.x's JSON export: a list of entries with their content, tags and annotations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_tags,
    clean_title,
    most_match,
    parse_date,
    unreadable,
)


def _signature(entry: dict[str, object]) -> bool:
    return "url" in entry and ("is_archived" in entry or "is_starred" in entry)


def looks_like_wallabag(data: Any) -> bool:
    return most_match(data, _signature)


def _flag(value: object) -> bool:
    return value in (1, True, "1", "true")


def _tag_names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return clean_tags(t.get("label") if isinstance(t, dict) else t for t in value)


def parse_wallabag(data: Any) -> Iterator[Entry]:
    if not isinstance(data, list):
        raise ImportFormatError("the file is not a wallabag export (expected a list of entries)")
    for number, entry in enumerate(data, start=1):
        position = f"entry {number}"
        if not isinstance(entry, dict):
            yield unreadable(position, "not an entry")
            continue
        url = check_url(entry.get("url") or entry.get("given_url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        quotes: list[ImportHighlight] = []
        notes: list[str] = []
        for annotation in entry.get("annotations") or []:
            if not isinstance(annotation, dict):
                continue
            quote = str(annotation.get("quote") or "").strip()
            text = str(annotation.get("text") or "").strip()
            if quote:
                quotes.append(
                    ImportHighlight(
                        quote, note=text or None, created=parse_date(annotation.get("created_at"))
                    )
                )
            elif text:
                # A note on no passage is a note on the article.
                notes.append(text)
        authors = entry.get("published_by")
        author = None
        if isinstance(authors, list):
            author = ", ".join(str(a) for a in authors if a) or None
        elif isinstance(authors, str):
            author = authors or None
        content = entry.get("content")
        archived = _flag(entry.get("is_archived"))
        yield ImportItem(
            url=url,
            title=clean_title(entry.get("title")),
            added=parse_date(entry.get("created_at")),
            updated=parse_date(entry.get("updated_at")),
            published=parse_date(entry.get("published_at")),
            author=author,
            tags=_tag_names(entry.get("tags")),
            read=archived,
            archived=archived,
            starred=_flag(entry.get("is_starred")),
            content_html=content if isinstance(content, str) and content.strip() else None,
            note="\n\n".join(notes) or None,
            highlights=tuple(quotes),
            site_name=str(entry.get("domain_name") or "") or None,
            image_url=str(entry.get("preview_picture") or "") or None,
            language=str(entry.get("language") or "") or None,
            position=position,
        )
