"""Shared pieces of the sync tests: a library with an account on a fake server."""

from __future__ import annotations

from reader.core.types import Article, ArticleFilter
from reader.library import Library
from tests.fake_greader import FakeGReader


def connect(library: Library, server: FakeGReader) -> None:
    library.sync.add_account(server.url, server.user, server.password)


def articles(library: Library) -> list[Article]:
    return library.list_articles(ArticleFilter(), limit=100_000)


def by_title(library: Library) -> dict[str, Article]:
    return {a.title: a for a in articles(library)}
