"""The document the article pane shows: a header (source, title, byline) over the content."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QLocale, QTime

from reader.core.types import Article

_SOURCE_NAMES = {
    "url": "Saved from the web",
    "html-file": "Saved page",
    "text-file": "Saved text",
}


_IMAGE_PARAGRAPH = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.IGNORECASE)


def mark_figures(html: str) -> str:
    """Paragraphs that hold only a picture get their own spacing (class "figure")."""
    return _IMAGE_PARAGRAPH.sub(r'<p class="figure">\1</p>', html)


def long_date(value: datetime, *, with_time: bool = False, date_only: bool = False) -> str:
    """ "3 March 2025" in local time, with ", 14:20" when asked; a date the source gave
    without a time (stored at that day's noon UTC) is that day, with no time."""
    local = value.astimezone(UTC) if date_only else value.astimezone()
    day = QLocale().toString(QDate(local.year, local.month, local.day), "d MMMM yyyy")
    if not with_time or date_only:
        return day
    clock = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{day}, {clock}"


def byline(article: Article) -> str:
    parts: list[str] = []
    if article.author:
        parts.append(f"By {article.author}")
    if article.published is not None:
        parts.append(
            long_date(article.published, with_time=True, date_only=article.published_date_only)
        )
    else:
        parts.append(long_date(article.added))
    minutes = article.reading_minutes
    if minutes:
        parts.append(f"{minutes} min read")
    return " · ".join(parts)


def source_label(article: Article) -> str:
    if article.feed_title:
        return article.feed_title
    if article.site_name:
        return article.site_name
    return _SOURCE_NAMES.get(article.source_kind.value, "Saved")


def article_document(article: Article, css: str) -> str:
    """The whole HTML document for one article. ``content_html`` is already sanitized."""
    title = html.escape(article.title or "(untitled)")
    link = article.url or article.canonical_url
    if link and link.startswith(("http://", "https://")):
        title = f'<a href="{html.escape(link, quote=True)}">{title}</a>'
    content = mark_figures(article.content_html or "")
    if not content.strip():
        summary = article.summary or ""
        content = (
            f"<p>{html.escape(summary)}</p>"
            if summary
            else '<p class="empty">This article has no text. Open it in the browser to read it.</p>'
        )
    return (
        f"<html><head><style>{css}</style></head><body>"
        f'<p class="source">{html.escape(source_label(article).upper())}</p>'
        f'<h1 class="title">{title}</h1>'
        f'<p class="meta">{html.escape(byline(article))}</p>'
        f"{content}"
        "</body></html>"
    )


def placeholder_document(message: str, css: str) -> str:
    return (
        f"<html><head><style>{css}</style></head><body>"
        f'<p class="empty" align="center"><br/><br/><br/>{html.escape(message)}</p>'
        "</body></html>"
    )
