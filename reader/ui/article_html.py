"""The document the article pane shows: a header (source, title, byline) over the content."""

from __future__ import annotations

import html
import re
from datetime import datetime

from PySide6.QtCore import QDate, QLocale

from reader.core.local_time import as_local
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


def long_date(value: datetime) -> str:
    local = as_local(value)
    return QLocale().toString(QDate(local.year, local.month, local.day), "d MMMM yyyy")


def byline(article: Article) -> str:
    parts: list[str] = []
    if article.author:
        parts.append(f"By {article.author}")
    when = article.published or article.added
    parts.append(long_date(when))
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
