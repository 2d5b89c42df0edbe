"""Tags on articles and feeds. Every change also rewrites the article's search-index row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import cast

import peewee

from reader.core.errors import NotFoundError, UserError
from reader.core.types import Tag
from reader.store import models as m

# A name with any letter outside printable ASCII, as GLOB writes it.
_NON_ASCII = "*[^ -~]*"


def clean_tag_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError("a tag name cannot be empty")
    if len(cleaned) > 100:
        raise UserError("a tag name can be at most 100 characters long")
    return cleaned


def find_tag(name: str) -> m.Tag | None:
    """The tag spelled ``name`` in any case ("Python" finds "python", "ÜBER" finds "über").

    The name column compares without case only for ASCII letters (SQLite's NOCASE), so a
    name not found that way is compared with the tags that have other letters."""
    name = clean_tag_name(name)
    tag = m.Tag.get_or_none(m.Tag.name == name)
    if tag is not None:
        return cast(m.Tag, tag)
    key = name.casefold()
    for other in m.Tag.select().where(peewee.SQL('"name" GLOB ?', [_NON_ASCII])):
        if other.name.casefold() == key:
            return cast(m.Tag, other)
    return None


def get_or_create_tag(name: str) -> m.Tag:
    """The tag ``name`` names in any case, made with this spelling when there is none: tags
    differing only in case are one tag, spelled as it was first written."""
    name = clean_tag_name(name)
    tag = find_tag(name)
    if tag is None:
        tag = m.Tag.create(name=name)
    return cast(m.Tag, tag)


def tag_ids_by_folded_name() -> dict[str, tuple[int, str]]:
    """Every tag as {case-folded name: (id, name)}, for imports that look up many names."""
    return {name.casefold(): (i, name) for i, name in m.Tag.select(m.Tag.id, m.Tag.name).tuples()}


def tags_for_articles(article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    result: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        query = (
            m.ArticleTag.select(m.ArticleTag.article_id, m.Tag.name)
            .join(m.Tag)
            .where(m.ArticleTag.article.in_(chunk))
            .order_by(m.Tag.name)
            .tuples()
        )
        for article_id, name in query:
            result[article_id].append(name)
    return {k: tuple(v) for k, v in result.items()}


def _reindex_tags(article_id: int) -> None:
    from reader.store import search_index

    names = tags_for_articles([article_id]).get(article_id, ())
    search_index.update_tags(m.database_proxy.obj, article_id, names)


def add_tags(article_id: int, names: Iterable[str]) -> None:
    if not m.Article.select().where(m.Article.id == article_id).exists():
        raise NotFoundError(f"no article with id {article_id}")
    for name in names:
        tag = get_or_create_tag(name)
        m.ArticleTag.insert(article=article_id, tag=tag.id).on_conflict_ignore().execute()
    _reindex_tags(article_id)


def remove_tags(article_id: int, names: Iterable[str]) -> None:
    if not m.Article.select().where(m.Article.id == article_id).exists():
        raise NotFoundError(f"no article with id {article_id}")
    ids = [t.id for t in map(find_tag, names) if t is not None]
    if ids:
        m.ArticleTag.delete().where(
            (m.ArticleTag.article == article_id) & (m.ArticleTag.tag.in_(ids))
        ).execute()
    _reindex_tags(article_id)


def list_tags() -> list[Tag]:
    total = peewee.fn.COUNT(m.ArticleTag.article)
    unread = peewee.fn.SUM(peewee.Case(None, [(m.Article.read == False, 1)], 0))  # noqa: E712
    query = (
        m.Tag.select(
            m.Tag.id, m.Tag.name, m.Tag.color, total.alias("total"), unread.alias("unread")
        )
        .join(m.ArticleTag, peewee.JOIN.LEFT_OUTER)
        .join(m.Article, peewee.JOIN.LEFT_OUTER)
        .group_by(m.Tag.id)
        .order_by(peewee.fn.lower(m.Tag.name))
        .tuples()
    )
    return [Tag(id=i, name=n, color=c, total=t or 0, unread=u or 0) for i, n, c, t, u in query]


def _article_ids_with_tag(tag_id: int) -> list[int]:
    return [
        r
        for (r,) in m.ArticleTag.select(m.ArticleTag.article_id)
        .where(m.ArticleTag.tag == tag_id)
        .tuples()
    ]


def get_tag(name: str) -> m.Tag:
    tag = find_tag(name)
    if tag is None:
        raise NotFoundError(f"no tag named {name!r}")
    return tag


def rename_tag(old: str, new: str) -> None:
    """Rename a tag; renaming onto an existing tag merges the two."""
    tag = get_tag(old)
    new = clean_tag_name(new)
    target = find_tag(new)
    affected = _article_ids_with_tag(tag.id)
    if target is None or target.id == tag.id:
        tag.name = new
        tag.save()
    else:
        for article_id in affected:
            m.ArticleTag.insert(article=article_id, tag=target.id).on_conflict_ignore().execute()
        feed_ids = m.FeedTag.select(m.FeedTag.feed_id).where(m.FeedTag.tag == tag.id)
        for (feed_id,) in feed_ids.tuples():
            m.FeedTag.insert(feed=feed_id, tag=target.id).on_conflict_ignore().execute()
        tag.delete_instance(recursive=True)
    for article_id in affected:
        _reindex_tags(article_id)


def delete_tag(name: str) -> None:
    tag = get_tag(name)
    affected = _article_ids_with_tag(tag.id)
    tag.delete_instance(recursive=True)
    for article_id in affected:
        _reindex_tags(article_id)


def set_tag_color(name: str, color: str | None) -> None:
    tag = get_tag(name)
    tag.color = color
    tag.save()
