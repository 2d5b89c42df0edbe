"""What the window's sidebar and article list ask of the library.

The smart views (Unread, Today, Starred, Saved, Archive, All) are defined here once, so the
article list and the unread counts beside each view can never disagree.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from reader.core.types import Article, ArticleFilter, Feed, PageCursor, Tag
from reader.library.context import LibraryContext
from reader.store import views as store_views


class SmartView(enum.StrEnum):
    UNREAD = "unread"
    TODAY = "today"
    STARRED = "starred"
    SAVED = "saved"
    ARCHIVE = "archive"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class SidebarCounts:
    """Unread articles in each smart view, feed (by id) and tag (by name)."""

    views: dict[SmartView, int]
    feeds: dict[int, int]
    tags: dict[str, int]


def local_midnight(now: datetime) -> datetime:
    """The start of the local calendar day containing ``now``, in UTC."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def smart_view_filter(view: SmartView, *, now: datetime) -> ArticleFilter:
    """The articles a smart view lists. Archived articles leave the everyday views."""
    if view is SmartView.UNREAD:
        return ArticleFilter(unread=True, archived=False)
    if view is SmartView.TODAY:
        return ArticleFilter(archived=False, since=local_midnight(now))
    if view is SmartView.STARRED:
        return ArticleFilter(starred=True)
    if view is SmartView.SAVED:
        return ArticleFilter(saved=True, archived=False)
    if view is SmartView.ARCHIVE:
        return ArticleFilter(archived=True)
    return ArticleFilter(archived=False)


class Views:
    """Fast reads for the window: pages without bodies, sidebar lists, counts in one go."""

    def __init__(self, context: LibraryContext) -> None:
        self._ctx = context

    def smart_view_filter(self, view: SmartView) -> ArticleFilter:
        return smart_view_filter(view, now=self._ctx.now())

    def limit_read_cache(self, kib: int = 4096) -> None:
        """Keep the calling thread's page cache small: for threads that only read, such as
        a window's, where the operating system's file cache does the caching."""
        store_views.limit_page_cache(kib)

    def list_page(
        self,
        flt: ArticleFilter,
        *,
        after: PageCursor | None = None,
        limit: int = 100,
        newest_first: bool = True,
    ) -> list[Article]:
        """Like :meth:`list_articles`, leaving out the summary, and quicker on long lists."""
        return store_views.list_page(flt, after=after, limit=limit, newest_first=newest_first)

    def open_article(self, article_id: int) -> Article:
        """Like :meth:`get_article` (body included), read in fewer statements for the pane."""
        return store_views.article_with_body(article_id)

    def list_brief(self, article_ids: Sequence[int]) -> list[Article]:
        """The given articles that still exist, in the order given, as list results."""
        return store_views.articles_by_ids(list(article_ids))

    def matching_ids(self, flt: ArticleFilter, article_ids: Sequence[int]) -> set[int]:
        """Which of the given articles a list with filter ``flt`` holds."""
        return store_views.matching_ids(flt, list(article_ids))

    def sidebar_counts(self, *, exclude_ids: Sequence[int] = ()) -> SidebarCounts:
        """Unread counts for every smart view, feed and tag: three queries in all.

        ``exclude_ids`` are not counted (articles whose deletion waits for its undo)."""
        now = self._ctx.now()
        filters = {
            view.value: replace(smart_view_filter(view, now=now), unread=True) for view in SmartView
        }
        counts = store_views.count_many(filters, exclude_ids=exclude_ids)
        names = {tag.id: tag.name for tag in store_views.tags_without_counts()}
        by_tag = store_views.tag_unread_counts(exclude_ids=exclude_ids)
        return SidebarCounts(
            views={view: counts[view.value] for view in SmartView},
            feeds=store_views.feed_unread_counts(exclude_ids=exclude_ids),
            tags={name: by_tag.get(tag_id, 0) for tag_id, name in names.items()},
        )

    def list_feeds_brief(self, feed_ids: Sequence[int] | None = None) -> list[Feed]:
        """Feeds (all, or those given) with folder and state, without counting articles."""
        return store_views.feeds_without_counts(feed_ids)

    def is_empty(self) -> bool:
        """Whether the library holds neither articles nor feeds (a first run)."""
        return store_views.library_is_empty()

    def feeds_with_icons(self) -> set[int]:
        """Ids of the feeds whose icon is stored."""
        return store_views.feeds_with_icons()

    def list_tag_names(self) -> list[Tag]:
        """Every tag, without counting its articles."""
        return store_views.tags_without_counts()
