"""Builders for test data: articles written by hand, stored through the real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reader.core.types import ArticleInput, SourceKind
from reader.library import Library

BASE_TIME = datetime(2025, 11, 3, 9, 15, tzinfo=UTC)


def make_input(
    title: str = "An article",
    text: str = "Some words about nothing in particular.",
    *,
    url: str | None = None,
    published: datetime | None = None,
    author: str | None = None,
    kind: SourceKind = SourceKind.URL,
    language: str | None = "en",
) -> ArticleInput:
    """A stored-ready article for tests; its HTML is the text in paragraphs."""
    from reader.core.text import word_count
    from reader.services.sanitize import text_to_html

    return ArticleInput(
        title=title,
        source_kind=kind,
        url=url,
        canonical_url=url,
        author=author,
        published=published,
        content_html=text_to_html(text),
        text=text,
        language=language,
        word_count=word_count(text),
    )


def add_articles(library: Library, count: int, *, same_date: bool = False) -> list[int]:
    """``count`` saved articles, one minute apart (or all at one instant), via the store."""
    from reader.store import articles as store_articles

    def write() -> list[int]:
        ids: list[int] = []
        for i in range(count):
            when = BASE_TIME if same_date else BASE_TIME - timedelta(minutes=i)
            ids.append(
                store_articles.insert_article(
                    make_input(
                        f"Article {i}", f"Body number {i} with common words", published=when
                    ),
                    now=BASE_TIME,
                )
            )
        return ids

    return library.writer.run(write)
