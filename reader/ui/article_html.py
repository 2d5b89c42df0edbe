"""The document the article pane shows: a header (source, title, byline) over the content.

The content is the stored, sanitized HTML (later with highlights marked in it), adapted here
to what Qt's rich text can draw in a column that fits the pane: a code block becomes a padded
one-cell table whose lines wrap, a table spans the column, and a Markdown task item gets a
check box. Pictures are fitted to the column by the browser (see ``ArticleBrowser``), which
knows its width.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.highlights import Highlight
from reader.core.local_time import as_local
from reader.core.types import Article

# Links inside the document that the pane handles itself: the article's note, and a
# highlight listed under the text.
NOTE_SCHEME = "folio-note"
HIGHLIGHT_SCHEME = "folio-highlight"

_SOURCE_NAMES = {
    "url": QT_TRANSLATE_NOOP("ArticleHtml", "Saved from the web"),
    "html-file": QT_TRANSLATE_NOOP("ArticleHtml", "Saved page"),
    "text-file": QT_TRANSLATE_NOOP("ArticleHtml", "Saved text"),
}


_IMAGE_PARAGRAPH = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.IGNORECASE)
# Qt's rich text knows neither <figure> nor <figcaption>: a div and a paragraph stand in.
_FIGURE_TAG = re.compile(r"</?fig(?:ure|caption)\s*>", re.IGNORECASE)
_FIGURE_TAGS = {
    "<figure>": '<div class="figure">',
    "</figure>": "</div>",
    "<figcaption>": '<p class="caption">',
    "</figcaption>": "</p>",
}
_CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre\s*>", re.IGNORECASE | re.DOTALL)
# The line break a code block ends with would show as an empty line at the foot of its box.
_TRAILING_LINES = re.compile(r"\s+((?:</code>\s*)?</pre\s*>)\Z", re.IGNORECASE)
_TABLE = re.compile(r"<table\b([^>]*)>", re.IGNORECASE)
# "[ ] " or "[x] " at the start of a list item (Markdown's task lists), perhaps inside the
# item's first paragraph or a mark that begins there.
_TASK_ITEM = re.compile(
    r"<li\b([^>]*)>((?:\s*<(?:p|mark|span)\b[^>]*>)*\s*)\[([ xX])\][ \t\u00a0]+",
    re.IGNORECASE,
)


def mark_figures(html: str) -> str:
    """Paragraphs that hold only a picture, and figures, get their own spacing (class
    "figure"); a figure's caption is a paragraph Qt knows how to draw."""
    html = _IMAGE_PARAGRAPH.sub(r'<p class="figure">\1</p>', html)
    return _FIGURE_TAG.sub(lambda m: _FIGURE_TAGS[m.group(0).lower().replace(" ", "")], html)


def box_code_blocks(html: str) -> str:
    """Each ``<pre>`` inside a one-cell table: Qt pads and colours a table cell, not a block.
    Its lines wrap (the reading CSS says ``pre-wrap``) rather than widen the pane."""

    def box(match: re.Match[str]) -> str:
        block = _TRAILING_LINES.sub(lambda end: end.group(1), match.group(0))
        return (
            '<table class="code" width="100%" cellspacing="0" cellpadding="10">'
            f"<tr><td>{block}</td></tr></table>"
        )

    return _CODE_BLOCK.sub(box, html)


def fit_tables(html: str) -> str:
    """Tables span the text column, never wider: their cells wrap instead."""

    def widen(match: re.Match[str]) -> str:
        attributes = match.group(1)
        if "width=" in attributes.lower():
            attributes = re.sub(r"\swidth\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", "", attributes)
        return f'<table{attributes} width="100%" cellspacing="0" cellpadding="4">'

    return _TABLE.sub(lambda m: m.group(0) if 'class="code"' in m.group(1) else widen(m), html)


def check_task_items(html: str) -> str:
    """List items written "[ ] …" or "[x] …" (Markdown task lists) drawn with check boxes."""

    def check(match: re.Match[str]) -> str:
        attributes, opening, state = match.group(1), match.group(2), match.group(3)
        if "class=" in attributes.lower():
            return match.group(0)
        kind = "unchecked" if state == " " else "checked"
        return f'<li{attributes} class="{kind}">{opening}'

    return _TASK_ITEM.sub(check, html)


def reading_html(content: str) -> str:
    """The article's HTML as the pane draws it (see the module's description)."""
    content = mark_figures(content)
    content = check_task_items(content)
    content = box_code_blocks(content)
    return fit_tables(content)


def long_date(value: datetime, *, with_time: bool = False, date_only: bool = False) -> str:
    """ "3 March 2025" in local time, with ", 14:20" when asked; a date the source gave
    without a time (stored at that day's noon UTC) is that day, with no time."""
    local = value.astimezone(UTC) if date_only else as_local(value)
    day_format = QCoreApplication.translate("ArticleHtml", "d MMMM yyyy")
    day = QLocale().toString(QDate(local.year, local.month, local.day), day_format)
    if not with_time or date_only:
        return day
    clock = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return QCoreApplication.translate("ArticleHtml", "{day}, {time}").format(day=day, time=clock)


def byline(article: Article) -> str:
    parts: list[str] = []
    if article.author:
        parts.append(
            QCoreApplication.translate("ArticleHtml", "By {author}").format(author=article.author)
        )
    if article.published is not None:
        parts.append(
            long_date(article.published, with_time=True, date_only=article.published_date_only)
        )
    else:
        parts.append(long_date(article.added))
    minutes = article.reading_minutes
    if minutes:
        parts.append(
            QCoreApplication.translate("ArticleHtml", "{minutes} min read").format(minutes=minutes)
        )
    return " · ".join(parts)


def source_label(article: Article) -> str:
    if article.feed_title:
        return article.feed_title
    if article.site_name:
        return article.site_name
    return QCoreApplication.translate(
        "ArticleHtml",
        _SOURCE_NAMES.get(article.source_kind.value, QT_TRANSLATE_NOOP("ArticleHtml", "Saved")),
    )


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{html.escape(part).replace(chr(10), '<br/>')}</p>"
        for part in re.split(r"\n\s*\n", text.strip())
        if part.strip()
    )


def header_document(article: Article, css: str, *, note: str | None = None) -> str:
    """What comes above the article's own text: source, title, byline and its note."""
    return f"<html><head><style>{css}</style></head><body>{_header(article, note)}</body></html>"


def _header(article: Article, note: str | None) -> str:
    title = html.escape(article.title or QCoreApplication.translate("ArticleHtml", "(untitled)"))
    link = article.url or article.canonical_url
    if link and link.startswith(("http://", "https://")):
        title = f'<a href="{html.escape(link, quote=True)}">{title}</a>'
    if note:
        label = html.escape(QCoreApplication.translate("ArticleHtml", "NOTE"))
        edit = html.escape(QCoreApplication.translate("ArticleHtml", "Edit"))
        # A one-cell table: the only block Qt's rich text pads and colours.
        note_html = (
            '<table class="note" width="100%" cellspacing="0" cellpadding="10"><tr><td>'
            f'<p class="note-label">{label} · <a href="{NOTE_SCHEME}:edit">{edit}</a></p>'
            f"{_paragraphs(note)}</td></tr></table>"
        )
        add_note = ""
    else:
        note_html = ""
        add = html.escape(QCoreApplication.translate("ArticleHtml", "Add a note"))
        add_note = f' · <a href="{NOTE_SCHEME}:edit">{add}</a>'
    return (
        f'<p class="source">{html.escape(source_label(article).upper())}</p>'
        f'<h1 class="title">{title}</h1>'
        f'<p class="meta">{html.escape(byline(article))}{add_note}</p>'
        f"{note_html}"
    )


def unplaced_list(highlights: list[Highlight]) -> str:
    """Highlights that could not be placed in the text, listed under it with their notes."""
    if not highlights:
        return ""
    edit = html.escape(QCoreApplication.translate("ArticleHtml", "Edit"))
    title = html.escape(
        QCoreApplication.translate("ArticleHtml", "Could not be placed in the text")
    )
    help_text = html.escape(
        QCoreApplication.translate(
            "ArticleHtml",
            "These highlights no longer match the article as it is now; their quotes and notes"
            " are kept.",
        )
    )
    items = []
    for highlight in highlights:
        note = (
            f'<p class="unplaced-note">{html.escape(highlight.note)}</p>' if highlight.note else ""
        )
        items.append(
            f'<p class="unplaced-quote">“{html.escape(highlight.quote)}”'
            f' <a href="{HIGHLIGHT_SCHEME}:{highlight.id}">{edit}</a></p>{note}'
        )
    return (
        '<table class="note unplaced" width="100%" cellspacing="0" cellpadding="10"><tr><td>'
        f'<p class="unplaced-title">{title}</p>'
        f'<p class="unplaced-help">{help_text}</p>' + "".join(items) + "</td></tr></table>"
    )


def article_document(
    article: Article,
    css: str,
    *,
    content_html: str | None = None,
    note: str | None = None,
    unplaced: list[Highlight] | None = None,
) -> str:
    """The whole HTML document for one article. ``content_html`` (the article's own when
    None) is already sanitized; it may carry marks, such as highlights. ``note`` is shown
    above the text, ``unplaced`` highlights under it."""
    source = article.content_html if content_html is None else content_html
    content = reading_html(source or "")
    if not content.strip():
        summary = article.summary or ""
        empty = QCoreApplication.translate(
            "ArticleHtml", "This article has no text. Open it in the browser to read it."
        )
        content = (
            f"<p>{html.escape(summary)}</p>"
            if summary
            else f'<p class="empty">{html.escape(empty)}</p>'
        )
    return (
        f"<html><head><style>{css}</style></head><body>"
        f"{_header(article, note)}"
        f"{content}"
        f"{unplaced_list(unplaced or [])}"
        "</body></html>"
    )


def placeholder_document(message: str, css: str) -> str:
    return (
        f"<html><head><style>{css}</style></head><body>"
        f'<p class="empty" align="center"><br/><br/><br/>{html.escape(message)}</p>'
        "</body></html>"
    )
