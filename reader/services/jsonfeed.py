"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read,
turned into the same entries as RSS and Atom."""

from __future__ import annotations

import heapq
import json
from datetime import UTC, datetime
from typing import Any

from dateutil import parser as date_parser

from reader.core.bounded import sane_date
from reader.core.errors import FeedError
from reader.core.limits import (
    DEFAULT_KEEP_ITEMS,
    MAX_FEED_DESCRIPTION_CHARS,
    MAX_TITLE_CHARS,
    cut_line,
)
from reader.core.types import Enclosure
from reader.core.urls import safe_link
from reader.services.json_input import JsonTooDeep, load_json
from reader.services.parsed_feed import (
    ParsedEntry,
    ParsedFeed,
    absolute,
    clean_categories,
    language_code,
    make_entry,
    plain_text,
    unique_entries,
)
from reader.services.sanitize import text_to_html


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        # The standard library's reader is many times faster, and reads what feeds mostly write.
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = date_parser.isoparse(text)
        except (ValueError, OverflowError):
            try:
                parsed = date_parser.parse(text)
            except (ValueError, OverflowError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    # A year-1 date west of UTC does not exist in UTC: unknown, not a crash.
    try:
        return sane_date(parsed.astimezone(UTC))
    except (OverflowError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _authors(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    names: list[str] = []
    for source in (item, feed):
        people = source.get("authors")
        if not isinstance(people, list):
            # Version 1.0 had a single "author" object.
            single = source.get("author")
            people = [single] if isinstance(single, dict) else []
        names = [p["name"] for p in people if isinstance(p, dict) and _text(p.get("name"))]
        if names:
            break
    return ", ".join(names) if names else None


def _attachments(item: dict[str, Any], base: str) -> tuple[Enclosure, ...]:
    found: list[Enclosure] = []
    for attachment in item.get("attachments") or ():
        if not isinstance(attachment, dict):
            continue
        url = absolute(_text(attachment.get("url")), base)
        if not url:
            continue
        size = attachment.get("size_in_bytes")
        found.append(
            Enclosure(
                url=url,
                type=_text(attachment.get("mime_type")),
                length=size if isinstance(size, int) and size >= 0 else None,
            )
        )
    return tuple(found)


def _newest(items: list[Any], limit: int) -> list[Any]:
    """The ``limit`` newest items, in the feed's order (by their dates; by their order when
    most have none, as feeds list the newest first)."""
    if len(items) <= limit:
        return items

    def stamp(item: Any) -> datetime | None:
        if not isinstance(item, dict):
            return None
        return _date(item.get("date_published")) or _date(item.get("date_modified"))

    dates = [stamp(item) for item in items]
    if sum(1 for d in dates if d is not None) * 2 < len(items):
        return items[:limit]
    newest = datetime.max.replace(tzinfo=UTC)
    chosen = set(heapq.nlargest(limit, range(len(items)), key=lambda i: (dates[i] or newest, -i)))
    return [item for index, item in enumerate(items) if index in chosen]


def parse_json_feed(
    content: bytes, *, url: str, now: datetime, max_items: int = DEFAULT_KEEP_ITEMS
) -> ParsedFeed:
    try:
        data = load_json(content.decode("utf-8-sig", "replace"))
    except json.JSONDecodeError as exc:
        raise FeedError(f"{url} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except JsonTooDeep as exc:
        raise FeedError(f"{url} is not a JSON Feed: {exc}") from None
    if not isinstance(data, dict):
        raise FeedError(f"{url} is JSON but not a JSON Feed")
    version = data.get("version")
    items = data.get("items")
    if not (isinstance(version, str) and "jsonfeed.org" in version) and not isinstance(items, list):
        raise FeedError(f"{url} is JSON but not a JSON Feed")
    kind = (
        "json11" if isinstance(version, str) and version.rstrip("/").endswith("1.1") else "json10"
    )
    title = cut_line(plain_text(_text(data.get("title"))), MAX_TITLE_CHARS) or ""
    site_url = safe_link(absolute(_text(data.get("home_page_url")), url))
    base = site_url or url
    feed_language = language_code(_text(data.get("language")))
    entries: list[ParsedEntry] = []
    all_items = items if isinstance(items, list) else []
    read = _newest(all_items, max_items)
    for item in read:
        if not isinstance(item, dict):
            continue
        guid = item.get("id")
        guid_text = str(guid) if isinstance(guid, str | int) and str(guid).strip() else None
        link = absolute(_text(item.get("url")) or _text(item.get("external_url")), base)
        html = _text(item.get("content_html"))
        plain = _text(item.get("content_text"))
        content_html = html if html is not None else (text_to_html(plain) if plain else None)
        summary = _text(item.get("summary"))
        attachments = _attachments(item, base)
        image = _text(item.get("image")) or _text(item.get("banner_image"))
        tags = item.get("tags")
        entries.append(
            make_entry(
                feed_url=url,
                now=now,
                guid=guid_text,
                link=link,
                title=_text(item.get("title")),
                content_html=content_html,
                content_base=link or base,
                summary_html=text_to_html(summary) if summary else None,
                summary_base=None,
                author=_authors(item, data),
                published=_date(item.get("date_published")),
                updated=_date(item.get("date_modified")),
                site_name=title or None,
                language=language_code(_text(item.get("language"))) or feed_language,
                image_url=absolute(image, base),
                enclosures=attachments,
                categories=clean_categories(
                    t for t in (tags if isinstance(tags, list) else ()) if isinstance(t, str)
                ),
            )
        )
    icon = _text(data.get("favicon")) or _text(data.get("icon"))
    return ParsedFeed(
        title=title,
        site_url=site_url,
        entries=unique_entries(entries),
        kind=kind,
        description=cut_line(plain_text(_text(data.get("description"))), MAX_FEED_DESCRIPTION_CHARS)
        or None,
        icon_url=safe_link(absolute(icon, url)) if icon else None,
        language=feed_language,
        warnings=(),
        found_entries=len(all_items) if len(read) < len(all_items) else 0,
    )
