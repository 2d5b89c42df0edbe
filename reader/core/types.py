"""Value types shared by every layer: frozen dataclasses with timezone-aware UTC datetimes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class SourceKind(enum.StrEnum):
    """Where an article came from."""

    FEED = "feed"
    URL = "url"
    HTML_FILE = "html-file"
    TEXT_FILE = "text-file"


@dataclass(frozen=True, slots=True)
class Enclosure:
    url: str
    type: str | None = None
    length: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article as a service produced it (a feed entry, an extracted page), ready to store.

    ``content_html`` is already sanitized; ``text`` is its plain-text rendering for search.
    """

    title: str
    source_kind: SourceKind
    url: str | None = None
    canonical_url: str | None = None
    guid: str | None = None
    author: str | None = None
    published: datetime | None = None
    # The source gave a day but no time of day: ``published`` is that day's noon (UTC), a
    # place to sort it, and is shown as the date alone.
    published_date_only: bool = False
    updated: datetime | None = None
    summary: str | None = None
    content_html: str = ""
    text: str = ""
    language: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    word_count: int = 0
    enclosures: tuple[Enclosure, ...] = ()
    categories: tuple[str, ...] = ()
    # Extra facts the extractor wants the user to see ("fell back to readability").
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What extraction made of a page or a text: the article and its metadata.

    ``html`` is sanitized; ``text`` is its plain text (paragraphs separated by blank lines).
    ``method`` names what produced the body ("trafilatura", "readability", "body", "plain-text",
    "markdown"); ``notes`` are things the user should hear ("fell back to the whole page").
    """

    title: str
    html: str
    text: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    # The page gave a day but no time of day (see ArticleInput.published_date_only).
    published_date_only: bool = False
    site_name: str | None = None
    language: str | None = None
    image_url: str | None = None
    description: str | None = None
    method: str = ""
    notes: tuple[str, ...] = ()
    # Tags the source itself names (a Markdown file's front matter).
    tags: tuple[str, ...] = ()

    def as_article_input(
        self,
        *,
        kind: SourceKind,
        url: str | None,
        canonical_url: str | None = None,
        title: str | None = None,
        enclosures: tuple[Enclosure, ...] = (),
    ) -> ArticleInput:
        """The extracted article, ready to store; ``title`` overrides the page's own."""
        from reader.core.text import word_count

        return ArticleInput(
            title=(title or self.title or url or "Untitled").strip(),
            source_kind=kind,
            url=url,
            canonical_url=canonical_url or url,
            author=self.author,
            published=self.published,
            published_date_only=self.published_date_only,
            summary=self.description,
            content_html=self.html,
            text=self.text,
            language=self.language,
            site_name=self.site_name,
            image_url=self.image_url,
            word_count=word_count(self.text),
            enclosures=enclosures,
            notes=self.notes,
        )


@dataclass(frozen=True, slots=True)
class KeptSource:
    """The page or file a saved article was extracted from, as it came: what re-extraction
    reads instead of fetching the page again."""

    data: bytes
    name: str
    suffix: str = ""
    url: str | None = None
    charset: str | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Folder:
    id: int
    name: str
    parent_id: int | None
    position: int


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str
    site_url: str | None = None
    folder_id: int | None = None
    folder: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    last_fetched: datetime | None = None
    next_fetch: datetime | None = None
    error_count: int = 0
    last_error: str | None = None
    disabled: bool = False
    fetch_full_text: bool = False
    tags: tuple[str, ...] = ()
    unread: int = 0
    total: int = 0
    # How many of its newest items a refresh reads (None: the default), and what the last
    # refresh had to say that is not an error ("kept the newest 1,000 of its 500,000 items").
    keep_items: int | None = None
    notice: str | None = None
    # How often it is fetched, in minutes (None: the library's refresh interval).
    refresh_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article as the library holds it.

    ``content_html`` and ``text`` are ``None`` in list results, which leave the body in the
    database; :meth:`reader.library.Library.get_article` fills them.
    """

    id: int
    title: str
    source_kind: SourceKind
    added: datetime
    sort_date: datetime
    url: str | None = None
    canonical_url: str | None = None
    guid: str | None = None
    feed_id: int | None = None
    feed_title: str | None = None
    author: str | None = None
    published: datetime | None = None
    # Only the day of ``published`` is known (see ArticleInput.published_date_only).
    published_date_only: bool = False
    updated: datetime | None = None
    summary: str | None = None
    language: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    word_count: int = 0
    read: bool = False
    starred: bool = False
    archived: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None
    enclosures: tuple[Enclosure, ...] = ()
    content_html: str | None = None
    text: str | None = None
    snippet: str | None = None

    @property
    def reading_minutes(self) -> int:
        from reader.core.text import reading_minutes

        return reading_minutes(self.word_count)


@dataclass(frozen=True, slots=True)
class Tag:
    id: int
    name: str
    color: str | None = None
    total: int = 0
    unread: int = 0


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a list shows. All given conditions must hold."""

    unread: bool = False
    starred: bool = False
    archived: bool | None = None
    saved: bool = False
    feed_id: int | None = None
    folder_id: int | None = None
    tag: str | None = None
    since: datetime | None = None
    article_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class PageCursor:
    """Where the next page of a newest-first (or oldest-first) list starts: keyset paging."""

    sort_date: datetime
    id: int


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    unread: int
    starred: int
    archived: int
    saved: int
    feeds: int
    folders: int
    tags: int
    database_bytes: int
    schema_version: int
    # Pages kept with saved articles for re-extraction, and their compressed size.
    kept_pages: int = 0
    kept_pages_bytes: int = 0


@dataclass(frozen=True, slots=True)
class SaveResult:
    article: Article
    created: bool
    notes: tuple[str, ...] = field(default=())
