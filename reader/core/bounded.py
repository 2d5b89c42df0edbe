"""What may be stored: every field of an article within its limit, links that can only be
followed, dates that can be shown in any time zone.

The store applies this to every article it writes, whatever made it (a feed, a saved page, an
import), so no source can make a row unbounded or a link that runs something. Applying it twice
changes nothing, so content hashes taken before and after agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from reader.core.limits import (
    MAX_AUTHOR_CHARS,
    MAX_CONTENT_HTML_CHARS,
    MAX_ENCLOSURES,
    MAX_GUID_CHARS,
    MAX_LANGUAGE_CHARS,
    MAX_NOTE_CHARS,
    MAX_SITE_NAME_CHARS,
    MAX_SUMMARY_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS_PER_ARTICLE,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    cut_html,
    cut_line,
    cut_text,
    drop_controls,
)
from reader.core.types import ArticleInput, Enclosure
from reader.core.urls import safe_link

# Dates outside these years are a placeholder ("0001-01-01" from Go and Hugo for "no date") or
# a typo, never when something was written; converting them to some local times overflows.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def sane_date(value: datetime | None) -> datetime | None:
    """``value`` when it is a real date (1900 to 9000), else None: unknown."""
    if value is None or value.tzinfo is None:
        return value  # a naive datetime is a bug the store refuses, loudly
    try:
        return value if EARLIEST <= value < LATEST else None
    except (OverflowError, ValueError):
        return None


def _summary(value: str | None) -> str | None:
    if value is None:
        return None
    return drop_controls(cut_text(value, MAX_SUMMARY_CHARS)) or None


def _optional_line(value: str | None, limit: int) -> str | None:
    return cut_line(value, limit) or None


def bound_enclosures(enclosures: tuple[Enclosure, ...]) -> tuple[Enclosure, ...]:
    kept: list[Enclosure] = []
    for enclosure in enclosures:
        url = safe_link(enclosure.url)
        if url is None:
            continue
        kind = cut_line(enclosure.type, 255) or None
        length = enclosure.length if isinstance(enclosure.length, int) else None
        if length is not None and not 0 <= length < 2**62:
            length = None
        if (url, kind, length) == (enclosure.url, enclosure.type, enclosure.length):
            kept.append(enclosure)
        else:
            kept.append(Enclosure(url=url, type=kind, length=length))
        if len(kept) == MAX_ENCLOSURES:
            break
    return tuple(kept)


def bound_tags(names: tuple[str, ...]) -> tuple[str, ...]:
    result: list[str] = []
    for name in names[: MAX_TAGS_PER_ARTICLE * 2]:
        cleaned = cut_text(" ".join(drop_controls(name).split()), MAX_TAG_CHARS).strip()
        if cleaned and cleaned not in result:
            result.append(cleaned)
        if len(result) == MAX_TAGS_PER_ARTICLE:
            break
    return tuple(result)


def bound_article(item: ArticleInput) -> ArticleInput:
    """``item`` with every field within its limit, only safe links and only sane dates."""
    changes: dict[str, Any] = {
        "title": cut_line(item.title, MAX_TITLE_CHARS) or "",
        "url": safe_link(item.url),
        "canonical_url": safe_link(item.canonical_url),
        "guid": cut_text(item.guid, MAX_GUID_CHARS) if item.guid else item.guid,
        "author": _optional_line(item.author, MAX_AUTHOR_CHARS),
        "published": sane_date(item.published),
        "updated": sane_date(item.updated),
        "summary": _summary(item.summary),
        "content_html": cut_html(item.content_html, MAX_CONTENT_HTML_CHARS),
        "text": cut_text(item.text, MAX_TEXT_CHARS),
        "language": _optional_line(item.language, MAX_LANGUAGE_CHARS),
        "site_name": _optional_line(item.site_name, MAX_SITE_NAME_CHARS),
        "image_url": safe_link(item.image_url),
        "enclosures": bound_enclosures(item.enclosures),
        "categories": bound_tags(item.categories),
    }
    changed = {k: v for k, v in changes.items() if v != getattr(item, k)}
    return replace(item, **changed) if changed else item


# Columns of an article row (imports, documents) and how each is bounded.
_LINES = {
    "title": MAX_TITLE_CHARS,
    "author": MAX_AUTHOR_CHARS,
    "site_name": MAX_SITE_NAME_CHARS,
    "language": MAX_LANGUAGE_CHARS,
}
_LINKS = ("url", "canonical_url", "image_url")
# Dates that may be unknown, and dates a row must have (left out, the store supplies them).
_OPTIONAL_DATES = ("published", "updated", "read_at")
_REQUIRED_DATES = ("added", "sort_date")


def _insane(value: Any) -> bool:
    """Whether a date column's value (a datetime, or ISO text from a document) is out of range."""
    when = value
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return False  # not a date at all: the store says so when it converts it
    if not isinstance(when, datetime):
        return False
    return sane_date(when) is None


def _bound_enclosure_json(value: str) -> str | None:
    try:
        items = json.loads(value)
    except (ValueError, RecursionError):
        return None
    if not isinstance(items, list):
        return None
    enclosures = tuple(
        Enclosure(str(i["url"]), i.get("type"), i.get("length"))
        for i in items
        if isinstance(i, dict) and isinstance(i.get("url"), str)
    )
    bounded = bound_enclosures(enclosures)
    if not bounded:
        return None
    if bounded == enclosures:
        return value
    return json.dumps([{"url": e.url, "type": e.type, "length": e.length} for e in bounded])


def bound_columns(columns: Mapping[str, Any]) -> dict[str, Any]:
    """An article row's columns (by name) bounded as :func:`bound_article` bounds an article."""
    result = dict(columns)
    for name, limit in _LINES.items():
        value = result.get(name)
        if isinstance(value, str):
            line = cut_line(value, limit)
            result[name] = line if line or name == "title" else None
    for name in _LINKS:
        value = result.get(name)
        if value is not None:
            result[name] = safe_link(value) if isinstance(value, str) else None
    for name in _OPTIONAL_DATES:
        if result.get(name) is not None and _insane(result[name]):
            result[name] = None
    for name in _REQUIRED_DATES:
        if result.get(name) is not None and _insane(result[name]):
            del result[name]
    guid = result.get("guid")
    if isinstance(guid, str):
        result["guid"] = cut_text(guid, MAX_GUID_CHARS)
    if isinstance(result.get("summary"), str):
        result["summary"] = _summary(result["summary"])
    if isinstance(result.get("note"), str):
        result["note"] = cut_text(result["note"], MAX_NOTE_CHARS)
    if isinstance(result.get("enclosures"), str):
        result["enclosures"] = _bound_enclosure_json(result["enclosures"])
    return result


def bound_body(html: str | None, text: str | None) -> tuple[str, str]:
    """An article's stored HTML and plain text within their limits."""
    return (
        cut_html(html or "", MAX_CONTENT_HTML_CHARS),
        cut_text(text or "", MAX_TEXT_CHARS),
    )
