"""One self-contained HTML file: a contents list, then every article, images inlined."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from reader.core.anchoring_html import mark_article
from reader.core.highlights import LIGHT_BACKGROUNDS, Highlight, mark_css
from reader.core.limits import drop_controls
from reader.core.types import Article
from reader.services.exporters.common import (
    HighlightSource,
    ImageSource,
    Progress,
    data_url,
    inner_html,
    no_highlights,
    no_images,
    parse_fragment,
    rewrite_images,
    safe_url,
)

_STYLE = (
    """
body { font: 18px/1.55 Georgia, serif; max-width: 42em; margin: 2em auto; padding: 0 1em;
       color: #222; background: #fdfdfb; }
h1, h2, nav { font-family: system-ui, sans-serif; }
.meta { color: #666; font: 14px system-ui, sans-serif; }
article { border-top: 1px solid #ddd; margin-top: 3em; padding-top: 1em; }
img { max-width: 100%; height: auto; }
pre { overflow-x: auto; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; color: #444; }
mark.hl { border-radius: 2px; }
aside.note, aside.highlights { font: 15px/1.45 system-ui, sans-serif; background: #f4f3ee;
       padding: 0.6em 1em; border-radius: 6px; margin: 1em 0; }
aside.highlights li { margin-bottom: 0.8em; }
aside.highlights blockquote { margin: 0; border-left-width: 4px; color: #222; }
aside.highlights .lost { color: #777; font-style: italic; }
"""
    + mark_css()
    + "".join(
        f"aside.highlights blockquote.q-{color.value} {{ border-left-color: {value}; }}\n"
        for color, value in LIGHT_BACKGROUNDS.items()
    )
)


def _highlights_html(highlights: list[Highlight]) -> str:
    """The article's highlights with their notes, after its text."""
    items: list[str] = []
    for highlight in sorted(highlights, key=lambda h: not h.placed):
        quote = html.escape(highlight.quote).replace("\n", "<br>")
        parts = [f'<blockquote class="q-{highlight.color.value}">{quote}</blockquote>']
        if not highlight.placed:
            parts.append('<p class="lost">No longer found in the article\'s text.</p>')
        if highlight.note:
            note = html.escape(highlight.note).replace("\n", "<br>")
            parts.append(f'<p class="note">{note}</p>')
        items.append(f"<li>{''.join(parts)}</li>")
    return f'<aside class="highlights"><h2>Highlights</h2><ol>{"".join(items)}</ol></aside>'


def _meta(article: Article) -> str:
    parts = [p for p in (article.feed_title or article.site_name, article.author) if p]
    if article.published:
        parts.append(article.published.strftime("%Y-%m-%d"))
    if article.tags:
        parts.append("#" + " #".join(article.tags))
    text = " · ".join(html.escape(p) for p in parts)
    url = safe_url(article)
    if url:
        link = f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
        text = f"{text}<br>{link}" if text else link
    return text


def write_html(
    path: Path,
    articles: Iterable[Article],
    *,
    title: str,
    exported: datetime,
    images: ImageSource = no_images,
    highlights: HighlightSource = no_highlights,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    def inline(sha: str, mime: str, data: bytes) -> str:
        return data_url(mime, data)

    bodies: list[str] = []
    contents: list[str] = []
    for number, article in enumerate(articles, start=1):
        anchor = f"article-{number}"
        marked = mark_article(article.content_html or "", highlights(article))
        root = parse_fragment(marked.html)
        rewrite_images(root, article, images, inline)
        note = ""
        if article.note:
            text = html.escape(article.note).replace("\n", "<br>")
            note = f'<aside class="note"><h2>Notes</h2><p>{text}</p></aside>\n'
        listed = _highlights_html(marked.highlights) + "\n" if marked.highlights else ""
        bodies.append(
            f'<article id="{anchor}">\n<h1>{html.escape(article.title)}</h1>\n'
            f'<p class="meta">{_meta(article)}</p>\n{note}{inner_html(root)}\n{listed}</article>'
        )
        contents.append(f'<li><a href="#{anchor}">{html.escape(article.title)}</a></li>')
        if progress:
            progress(number, total)
    stamp = exported.astimezone().strftime("%Y-%m-%d %H:%M")
    document = (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f'<p class="meta">{len(bodies)} articles, exported {stamp}</p>\n'
        f"<nav><ol>\n{chr(10).join(contents)}\n</ol></nav>\n"
        + "\n".join(bodies)
        + "\n</body>\n</html>\n"
    )
    # Control characters (an older library's titles may hold escape sequences) go: the file
    # may well be printed on a terminal.
    path.write_text(drop_controls(document), encoding="utf-8")
    return len(bodies)
