"""What every feed format produces: parsed feeds and their entries, and the one builder of
an entry (sanitized HTML, plain text, identity, every field within its limit) that RSS, Atom and
JSON Feed share.

Everything here is pure and picklable, so it can run in a worker process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from reader.core.bounded import bound_article, sane_date
from reader.core.identity import entry_key
from reader.core.text import word_count
from reader.core.types import ArticleInput, Enclosure, SourceKind
from reader.core.urls import is_http_url, normalize_url, safe_link
from reader.services.sanitize import html_to_text, sanitize_html

SUMMARY_CHARS = 500
_MAX_CATEGORY = 100
_MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry: its identity within the feed and the article to store."""

    key: str
    article: ArticleInput


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    site_url: str | None
    entries: tuple[ParsedEntry, ...]
    kind: str = ""
    description: str | None = None
    icon_url: str | None = None
    language: str | None = None
    # Things wrong with the document that did not stop us reading it.
    warnings: tuple[str, ...] = ()
    # How many items the document had when it had more than were read (the newest of them);
    # 0 when every item was read.
    found_entries: int = 0

    @property
    def trimmed(self) -> bool:
        return self.found_entries > 0


# -- small conversions --------------------------------------------------------------------


def clamp_date(value: datetime | None, now: datetime) -> datetime | None:
    """Dates in the future are taken as now: a wrong clock must not pin an entry to the top."""
    if value is None:
        return None
    return min(value, now)


def plain_text(value: str | None) -> str:
    """A title or name as one line of plain text (markup dropped, whitespace collapsed)."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        value = html_to_text(value)
    return " ".join(value.split())


def summary_of(text: str) -> str | None:
    """The start of ``text``, cut at a word boundary, for list previews."""
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def title_from_text(text: str, fallback: str) -> str:
    words = " ".join(text.split())
    if not words:
        return fallback
    if len(words) <= 80:
        return words
    return words[:80].rsplit(" ", 1)[0] + "…"


def clean_categories(names: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        label = " ".join((name or "").split())
        if label and len(label) <= _MAX_CATEGORY and label.lower() not in seen:
            seen[label.lower()] = label
    return tuple(seen.values())


def language_code(value: str | None) -> str | None:
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def absolute(url: str | None, base: str) -> str | None:
    if not url or not url.strip():
        return None
    from urllib.parse import urljoin

    return urljoin(base, url.strip())


def make_entry(
    *,
    feed_url: str,
    now: datetime,
    guid: str | None,
    link: str | None,
    title: str | None,
    content_html: str | None,
    content_base: str | None,
    summary_html: str | None,
    summary_base: str | None,
    author: str | None,
    published: datetime | None,
    updated: datetime | None,
    site_name: str | None,
    language: str | None,
    image_url: str | None,
    enclosures: tuple[Enclosure, ...],
    categories: tuple[str, ...],
    published_date_only: bool = False,
) -> ParsedEntry:
    """Sanitize an entry's HTML and build what the store takes. Shared by every format."""
    link = safe_link(link)
    body_html = sanitize_html(content_html, content_base or feed_url) if content_html else ""
    summary_clean = ""
    if summary_html:
        summary_clean = (
            body_html
            if summary_html == content_html
            else sanitize_html(summary_html, summary_base or feed_url)
        )
    if not body_html:
        body_html = summary_clean
    text = html_to_text(body_html)
    summary_text = text if summary_clean is body_html else html_to_text(summary_clean)
    link = link.strip() if link else None
    canonical = normalize_url(link) if link and is_http_url(link) else link
    clean_title = plain_text(title)[:_MAX_TITLE]
    if not clean_title:
        clean_title = title_from_text(text, link or "Untitled")
    published = clamp_date(sane_date(published), now)
    updated = clamp_date(sane_date(updated), now)
    shown = published or updated
    if shown is not None and published_date_only:
        # A day without a time: its noon, the same day almost everywhere, shown as the day.
        shown = min(shown.replace(hour=12, minute=0, second=0, microsecond=0), now)
    article = ArticleInput(
        title=clean_title,
        source_kind=SourceKind.FEED,
        # The link as stored carries no tracking parameters either (utm_* and the like).
        url=canonical,
        canonical_url=canonical,
        guid=guid.strip() if guid and guid.strip() else None,
        author=plain_text(author) or None,
        published=shown,
        published_date_only=bool(shown and published_date_only),
        updated=updated,
        summary=summary_of(summary_text),
        content_html=body_html,
        text=text,
        language=language,
        site_name=site_name,
        image_url=image_url,
        word_count=word_count(text),
        enclosures=enclosures,
        categories=categories,
    )
    # Every field within its limit and only safe links: what the store would make of it, so
    # the content hash taken here is the stored one.
    article = bound_article(article)
    key = entry_key(guid=guid, link=link, title=clean_title, content=body_html or summary_clean)
    return ParsedEntry(key=key, article=article)


def unique_entries(entries: Iterable[ParsedEntry]) -> tuple[ParsedEntry, ...]:
    """Entries with duplicate keys dropped (the first one wins, as feeds list newest first)."""
    seen: set[str] = set()
    result: list[ParsedEntry] = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            result.append(entry)
    return tuple(result)
