"""Lists other services read: Netscape bookmark HTML, a Pocket-style CSV, and highlights in
the CSV layout Readwise imports."""

from __future__ import annotations

import csv
import html
from collections.abc import Iterable
from datetime import UTC
from pathlib import Path

from reader.core.types import Article
from reader.services.exporters.common import HighlightSource, Progress, safe_url


def _epoch(article: Article) -> int:
    return int(article.added.timestamp())


def write_netscape_bookmarks(
    path: Path, articles: Iterable[Article], *, total: int = 0, progress: Progress | None = None
) -> int:
    """One bookmark per article with a URL; tags in TAGS, unread ones marked TOREAD."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(
            "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
            '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n'
            "<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n"
        )
        for done, article in enumerate(articles, start=1):
            # A bookmark is a link a browser follows: only to the web.
            url = safe_url(article)
            if url:
                attrs = [f'HREF="{html.escape(url)}"', f'ADD_DATE="{_epoch(article)}"']
                if article.updated:
                    attrs.append(f'LAST_MODIFIED="{int(article.updated.timestamp())}"')
                if article.tags:
                    attrs.append(f'TAGS="{html.escape(",".join(article.tags))}"')
                if not article.read:
                    attrs.append('TOREAD="1"')
                title = html.escape(article.title or url, quote=False)
                out.write(f"    <DT><A {' '.join(attrs)}>{title}</A>\n")
                if article.note:
                    out.write(f"    <DD>{html.escape(article.note, quote=False)}\n")
                count += 1
            if progress:
                progress(done, total)
        out.write("</DL><p>\n")
    return count


def write_pocket_csv(
    path: Path, articles: Iterable[Article], *, total: int = 0, progress: Progress | None = None
) -> int:
    """title,url,time_added,tags,status as Pocket wrote them (tags joined by |)."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["title", "url", "time_added", "tags", "status"])
        for done, article in enumerate(articles, start=1):
            url = safe_url(article)
            if url:
                writer.writerow(
                    [
                        article.title,
                        url,
                        _epoch(article),
                        "|".join(t.replace("|", " ") for t in article.tags),
                        "archive" if article.archived else "unread",
                    ]
                )
                count += 1
            if progress:
                progress(done, total)
    return count


# Readwise's import layout (readwise.io/import_bulk): one highlight a row.
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")


def write_readwise_csv(
    path: Path,
    articles: Iterable[Article],
    *,
    highlights: HighlightSource,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Every highlight of the articles, in the order of each article's text; Location is its
    place among the article's highlights, Date when it was made (UTC). Returns the number of
    highlights written."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(READWISE_COLUMNS)
        for done, article in enumerate(articles, start=1):
            for number, highlight in enumerate(highlights(article), start=1):
                writer.writerow(
                    [
                        highlight.quote,
                        article.title,
                        article.author or "",
                        article.url or "",
                        highlight.note or "",
                        number,
                        highlight.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                    ]
                )
                count += 1
            if progress:
                progress(done, total)
    return count
