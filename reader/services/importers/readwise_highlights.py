"""Readwise's highlights CSVs: its export (Highlight, Book Title, Book Author, Note, Color,
Tags, Highlighted at, Document tags, …) and the import layout Readwise reads and Folio writes
(Highlight, Title, Author, URL, Note, Location, Date). Readwise Reader's CSV of saved documents
is another file: see readwise_reader.py.

Rows are highlights; an article is the rows that share an address (or, in the export, which
names articles only by title, a title). An article without an address can only be one the
library already has: it comes as an item of kind BY_TITLE, looked up by its title when the
file is imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportItem, ImportKind, ImportProblem
from reader.core.urls import is_http_url
from reader.services.importers.common import (
    NOT_WEB,
    Entry,
    cell,
    clean_title,
    csv_rows,
    decode_text,
    header_index,
    parse_date,
    split_tags,
)
from reader.services.importers.readwise_reader import looks_like_reader_csv


def looks_like_highlights_csv(header: list[str]) -> bool:
    """A row of highlights: Highlight, and the article's title or address (Reader's document
    list has neither a Highlight column nor this shape)."""
    names = {h.strip().lower() for h in header}
    return "highlight" in names and bool({"url", "title", "book title"} & names)


@dataclass(slots=True)
class _Article:
    position: str
    url: str | None
    title: str
    author: str | None
    tags: list[str] = field(default_factory=list)
    highlights: list[ImportHighlight] = field(default_factory=list)
    added: datetime | None = None


def parse_highlights_csv(data: bytes) -> Iterator[Entry]:
    index: dict[str, int] | None = None
    articles: dict[str, _Article] = {}
    for row in csv_rows(decode_text(data), ""):
        if isinstance(row, ImportProblem):
            yield row
            continue
        position, values = row
        if index is None:
            if not looks_like_highlights_csv(values):
                raise ImportFormatError(_not_highlights(values))
            index = header_index(values)
            continue
        if not any(v.strip() for v in values):
            continue
        quote = cell(values, index, "highlight")
        if not quote:
            yield ImportProblem(position, "no highlighted text")
            continue
        url = cell(values, index, "url") or None
        title = clean_title(cell(values, index, "title") or cell(values, index, "book title"))
        if url is not None and not is_http_url(url):
            shown = url if len(url) <= 80 else url[:77] + "…"
            yield ImportProblem(position, f"not a web address: {shown}", reason=NOT_WEB)
            continue
        if url is None and not title:
            yield ImportProblem(position, "neither an address nor a title says whose it is")
            continue
        key = url or f"title:{title.casefold()}"
        article = articles.get(key)
        if article is None:
            author = cell(values, index, "author") or cell(values, index, "book author")
            article = articles[key] = _Article(position, url, title, author or None)
        created = parse_date(cell(values, index, "date") or cell(values, index, "highlighted at"))
        if created is not None and (article.added is None or created < article.added):
            article.added = created
        # "Tags" are the highlight's own; the article's are "Document tags".
        article.tags.extend(split_tags(cell(values, index, "document tags"), ","))
        article.highlights.append(
            ImportHighlight(
                quote,
                note=cell(values, index, "note") or None,
                color=cell(values, index, "color") or None,
                created=created,
            )
        )
    if index is None:
        raise ImportFormatError("the file is empty")
    for article in articles.values():
        yield ImportItem(
            url=article.url,
            title=article.title,
            author=article.author,
            added=article.added,
            tags=tuple(dict.fromkeys(article.tags)),
            highlights=tuple(article.highlights),
            position=article.position,
            kind=ImportKind.LINK if article.url else ImportKind.BY_TITLE,
        )


def _not_highlights(header: list[str]) -> str:
    if looks_like_reader_csv(header):
        return (
            "the file is Readwise Reader's list of documents, not a Readwise highlights CSV;"
            " import it as readwise-reader"
        )
    return (
        "the file is not a Readwise highlights CSV (expected the columns Highlight and Title"
        " or Book Title)"
    )
