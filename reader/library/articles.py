"""Reading, marking, tagging and deleting articles, and the tags themselves (search lives in
library/search.py)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.errors import NotFoundError, UserError
from reader.core.types import Article, ArticleFilter, PageCursor, Stats, Tag
from reader.library.context import LibraryContext
from reader.store import articles as store_articles
from reader.store import tags as store_tags


class Articles:
    def __init__(self, context: LibraryContext) -> None:
        self._ctx = context

    # -- reading -----------------------------------------------------------------------------
    def list_articles(
        self,
        flt: ArticleFilter | None = None,
        *,
        after: PageCursor | None = None,
        limit: int = 200,
        newest_first: bool = True,
    ) -> list[Article]:
        if limit < 1:
            raise UserError("the limit must be at least 1")
        return store_articles.list_articles(
            flt or ArticleFilter(), after=after, limit=limit, newest_first=newest_first
        )

    def count_articles(self, flt: ArticleFilter | None = None) -> int:
        return store_articles.count_articles(flt or ArticleFilter())

    def get_article(self, article_id: int) -> Article:
        return store_articles.get_article(article_id)

    def feed_article_ids(self, feed_id: int) -> list[int]:
        """The ids of a feed's articles that have a web address, newest first (those whose
        full article can be fetched)."""
        return store_articles.feed_article_ids(feed_id)

    def stats(self) -> Stats:
        return store_articles.stats(self._ctx.path, self._ctx.schema_version)

    # -- state ---------------------------------------------------------------------------------
    def mark(
        self,
        article_ids: Sequence[int],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        archived: bool | None = None,
    ) -> int:
        ids = list(dict.fromkeys(article_ids))
        now = self._ctx.now()

        def write() -> int:
            _require(ids)
            return store_articles.set_state(
                ids, now=now, read=read, starred=starred, archived=archived
            )

        changed = self._ctx.writer.run(write)
        self._ctx.events.notify("articles", ids)
        return changed

    def mark_all_read(self, flt: ArticleFilter | None = None) -> list[int]:
        """Mark every unread article matching ``flt`` read; returns their ids (for undo)."""
        now = self._ctx.now()

        def write() -> list[int]:
            ids = store_articles.unread_ids(flt or ArticleFilter())
            store_articles.set_state(ids, now=now, read=True)
            return ids

        ids = self._ctx.writer.run(write)
        self._ctx.events.notify("articles", ids)
        return ids

    def delete_articles(self, article_ids: Sequence[int]) -> int:
        ids = list(dict.fromkeys(article_ids))

        def write() -> int:
            _require(ids)
            return store_articles.delete_articles(ids)

        deleted = self._ctx.writer.run(write)
        self._ctx.events.notify("articles", ids)
        return deleted

    def set_note(self, article_id: int, note: str | None) -> None:
        self._ctx.writer.run(lambda: store_articles.set_note(article_id, note or None))
        self._ctx.events.notify("articles", [article_id])

    # -- tags ------------------------------------------------------------------------------------
    def add_tags(self, article_id: int, names: Sequence[str]) -> None:
        self._ctx.writer.run(lambda: store_tags.add_tags(article_id, names))
        self._ctx.events.notify("tags", [article_id])

    def remove_tags(self, article_id: int, names: Sequence[str]) -> None:
        self._ctx.writer.run(lambda: store_tags.remove_tags(article_id, names))
        self._ctx.events.notify("tags", [article_id])

    def list_tags(self) -> list[Tag]:
        return store_tags.list_tags()

    def rename_tag(self, old: str, new: str) -> None:
        self._ctx.writer.run(lambda: store_tags.rename_tag(old, new))
        self._ctx.events.notify("tags", None)

    def delete_tag(self, name: str) -> None:
        self._ctx.writer.run(lambda: store_tags.delete_tag(name))
        self._ctx.events.notify("tags", None)

    def set_tag_color(self, name: str, color: str | None) -> None:
        """Give a tag a colour (``#rrggbb``), or take it away with None or ""."""
        value = _check_color(color)
        self._ctx.writer.run(lambda: store_tags.set_tag_color(name, value))
        self._ctx.events.notify("tags", None)

    def tag_color(self, name: str) -> str | None:
        color: str | None = store_tags.get_tag(name).color
        return color

    def merge_tags(self, sources: Sequence[str], target: str) -> None:
        """Fold ``sources`` into ``target`` (created if missing): their articles and feeds get
        ``target`` instead."""
        target_name = store_tags.clean_tag_name(target)

        def write() -> None:
            for name in sources:
                if store_tags.clean_tag_name(name).casefold() != target_name.casefold():
                    store_tags.rename_tag(name, target_name)

        self._ctx.writer.run(write)
        self._ctx.events.notify("tags", None)


def _require(ids: list[int]) -> None:
    missing = sorted(set(ids) - store_articles.existing_ids(ids))
    if missing:
        raise NotFoundError("no article with id " + ", ".join(str(i) for i in missing))


def _check_color(color: str | None) -> str | None:
    if color is None or not color.strip():
        return None
    value = color.strip().lower()
    if not value.startswith("#"):
        value = "#" + value
    digits = value[1:]
    if len(digits) == 3 and all(c in "0123456789abcdef" for c in digits):
        value = "#" + "".join(c * 2 for c in digits)
    elif len(digits) != 6 or any(c not in "0123456789abcdef" for c in digits):
        raise UserError(f"not a colour: {color!r} (use #rrggbb, for example #3a7bd5)")
    return value
