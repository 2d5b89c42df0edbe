"""What an import wrote, and undoing it.

An import writes in many short transactions (so that the window and other ``folio`` commands
are never kept waiting long), so a failure half-way cannot simply be rolled back. Instead every
row an import creates, and every value it replaces, is recorded; :func:`undo_import` takes them
out again, a batch per call, leaving alone what the user made meanwhile (a tag the import
created but the user has since given an article stays).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.store import highlights as store_highlights
from reader.store import models as m
from reader.store.articles import delete_articles
from reader.store.tags import remove_tags

_BATCH = 500


@dataclass(slots=True)
class ImportWrites:
    """Everything an import has written so far, and what it changed, so that it can be undone
    (see :func:`undo_import`)."""

    article_ids: list[int] = field(default_factory=list)
    folder_ids: list[int] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)
    feed_ids: list[int] = field(default_factory=list)
    image_ids: list[int] = field(default_factory=list)
    saved_search_ids: list[int] = field(default_factory=list)
    rule_ids: list[int] = field(default_factory=list)
    # Tags given to articles the library already had: (article id, tag names).
    article_tags: list[tuple[int, list[str]]] = field(default_factory=list)
    # Highlights given to articles the library already had (those of the import's own
    # articles go with them).
    highlight_ids: list[int] = field(default_factory=list)
    # Values replaced, to put back: setting key -> stored JSON (None: there was none), tag
    # id -> colour.
    settings_before: dict[str, str | None] = field(default_factory=dict)
    tag_colors_before: dict[int, str | None] = field(default_factory=dict)

    def absorb(self, other: ImportWrites) -> None:
        """Add what ``other`` recorded (a transaction's writes, once it has committed)."""
        self.article_ids.extend(other.article_ids)
        self.folder_ids.extend(other.folder_ids)
        self.tag_ids.extend(other.tag_ids)
        self.feed_ids.extend(other.feed_ids)
        self.image_ids.extend(other.image_ids)
        self.saved_search_ids.extend(other.saved_search_ids)
        self.rule_ids.extend(other.rule_ids)
        self.article_tags.extend(other.article_tags)
        self.highlight_ids.extend(other.highlight_ids)
        for key, value in other.settings_before.items():
            self.settings_before.setdefault(key, value)
        for tag_id, color in other.tag_colors_before.items():
            self.tag_colors_before.setdefault(tag_id, color)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.article_ids,
                self.folder_ids,
                self.tag_ids,
                self.feed_ids,
                self.image_ids,
                self.saved_search_ids,
                self.rule_ids,
                self.article_tags,
                self.highlight_ids,
                self.settings_before,
                self.tag_colors_before,
            )
        )


def undo_import(writes: ImportWrites) -> bool:
    """Take out (part of) what an import wrote, in the caller's transaction. Returns True when
    everything is undone; call again (in a new transaction) while it returns False."""
    if writes.article_ids:
        chunk = writes.article_ids[-_BATCH:]
        del writes.article_ids[-_BATCH:]
        delete_articles(chunk)
        return not writes.article_ids and _undo_the_rest(writes)
    return _undo_the_rest(writes)


def _undo_the_rest(writes: ImportWrites) -> bool:
    _undo_highlights(writes.highlight_ids)
    writes.highlight_ids.clear()
    tagged = [article_id for article_id, _ in writes.article_tags]
    existing: set[int] = set()
    for start in range(0, len(tagged), _BATCH):
        chunk = tagged[start : start + _BATCH]
        query = m.Article.select(m.Article.id).where(m.Article.id.in_(chunk))
        existing.update(i for (i,) in query.tuples())
    for article_id, names in writes.article_tags:
        if article_id in existing:
            remove_tags(article_id, names)
    writes.article_tags.clear()
    if writes.feed_ids:
        # Articles a refresh may have stored meanwhile for a feed the import brought.
        doomed = [
            i
            for (i,) in m.Article.select(m.Article.id)
            .where(m.Article.feed.in_(writes.feed_ids))
            .tuples()
        ]
        delete_articles(doomed)
        m.Feed.delete().where(m.Feed.id.in_(writes.feed_ids)).execute()
        writes.feed_ids.clear()
    if writes.saved_search_ids:
        m.SavedSearch.delete().where(m.SavedSearch.id.in_(writes.saved_search_ids)).execute()
        writes.saved_search_ids.clear()
    if writes.rule_ids:
        m.Rule.delete().where(m.Rule.id.in_(writes.rule_ids)).execute()
        writes.rule_ids.clear()
    for key, value in writes.settings_before.items():
        if value is None:
            m.Setting.delete().where(m.Setting.key == key).execute()
        else:
            m.Setting.insert(key=key, value=value).on_conflict_replace().execute()
    writes.settings_before.clear()
    for tag_id, color in writes.tag_colors_before.items():
        m.Tag.update(color=color).where(m.Tag.id == tag_id).execute()
    writes.tag_colors_before.clear()
    if writes.image_ids:
        used = m.ArticleImage.select(m.ArticleImage.image)
        m.Image.delete().where(m.Image.id.in_(writes.image_ids) & m.Image.id.not_in(used)).execute()
        writes.image_ids.clear()
    if writes.tag_ids:
        on_articles = m.ArticleTag.select(m.ArticleTag.tag)
        on_feeds = m.FeedTag.select(m.FeedTag.tag)
        m.Tag.delete().where(
            m.Tag.id.in_(writes.tag_ids) & m.Tag.id.not_in(on_articles) & m.Tag.id.not_in(on_feeds)
        ).execute()
        writes.tag_ids.clear()
    _undo_folders(writes.folder_ids)
    writes.folder_ids.clear()
    return True


def _undo_highlights(highlight_ids: list[int]) -> None:
    """Take out the highlights an import gave to articles the library had; their articles are
    found by search without those highlights' notes again."""
    h = m.Highlight
    for start in range(0, len(highlight_ids), _BATCH):
        chunk = highlight_ids[start : start + _BATCH]
        articles = {a for (a,) in h.select(h.article_id).where(h.id.in_(chunk)).tuples()}
        h.delete().where(h.id.in_(chunk)).execute()
        for article_id in sorted(articles):
            store_highlights.reindex_article(article_id)


def _undo_folders(folder_ids: list[int]) -> None:
    """The import's folders that hold nothing now, innermost first."""
    remaining = set(folder_ids)
    while remaining:
        with_feeds = {
            f
            for (f,) in m.Feed.select(m.Feed.folder_id).where(m.Feed.folder.in_(remaining)).tuples()
        }
        parents = {
            p
            for (p,) in m.Folder.select(m.Folder.parent_id)
            .where(m.Folder.parent.is_null(False))
            .tuples()
        }
        empty = remaining - with_feeds - parents
        if not empty:
            return
        m.Folder.delete().where(m.Folder.id.in_(empty)).execute()
        remaining -= empty
