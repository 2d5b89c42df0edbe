"""Reading, marking, tagging and deleting articles (search lives in library/search.py)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.errors import NotFoundError, UserError
from reader.core.types import Article, ArticleFilter, PageCursor, Stats, Tag
from reader.library.base import LibraryBase
from reader.store import articles as store_articles
from reader.store import tags as store_tags


class ArticlesMixin(LibraryBase):
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

    def stats(self) -> Stats:
        return store_articles.stats(self.path, self.schema_version)

    # -- state ---------------------------------------------------------------------------------
    def _require(self, article_ids: Sequence[int]) -> list[int]:
        ids = list(dict.fromkeys(article_ids))
        missing = sorted(set(ids) - store_articles.existing_ids(ids))
        if missing:
            raise NotFoundError("no article with id " + ", ".join(str(i) for i in missing))
        return ids

    def mark(
        self,
        article_ids: Sequence[int],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        archived: bool | None = None,
    ) -> int:
        with self.transaction():
            ids = self._require(article_ids)
            changed = store_articles.set_state(
                ids, now=self.now(), read=read, starred=starred, archived=archived
            )
        self.notify("articles", ids)
        return changed

    def mark_all_read(self, flt: ArticleFilter | None = None) -> list[int]:
        """Mark every unread article matching ``flt`` read; returns their ids (for undo)."""
        with self.transaction():
            ids = store_articles.unread_ids(flt or ArticleFilter())
            store_articles.set_state(ids, now=self.now(), read=True)
        self.notify("articles", ids)
        return ids

    def delete_articles(self, article_ids: Sequence[int]) -> int:
        with self.transaction():
            ids = self._require(article_ids)
            deleted = store_articles.delete_articles(ids)
        self.notify("articles", ids)
        return deleted

    def set_note(self, article_id: int, note: str | None) -> None:
        with self.transaction():
            store_articles.set_note(article_id, note or None)
        self.notify("articles", [article_id])

    # -- tags ------------------------------------------------------------------------------------
    def add_tags(self, article_id: int, names: Sequence[str]) -> None:
        with self.transaction():
            store_tags.add_tags(article_id, names)
        self.notify("tags", [article_id])

    def remove_tags(self, article_id: int, names: Sequence[str]) -> None:
        with self.transaction():
            store_tags.remove_tags(article_id, names)
        self.notify("tags", [article_id])

    def list_tags(self) -> list[Tag]:
        return store_tags.list_tags()

    def rename_tag(self, old: str, new: str) -> None:
        with self.transaction():
            store_tags.rename_tag(old, new)
        self.notify("tags", None)

    def delete_tag(self, name: str) -> None:
        with self.transaction():
            store_tags.delete_tag(name)
        self.notify("tags", None)
