"""Article storage: keyset paging, filters, state, and the search index kept in step."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.core.errors import NotFoundError
from reader.core.types import ArticleFilter, PageCursor
from reader.library import Library
from reader.store import articles as store_articles
from tests.factories import BASE_TIME, add_articles, make_input


def _all_pages(library: Library, flt: ArticleFilter, *, newest_first: bool, size: int) -> list[int]:
    seen: list[int] = []
    cursor: PageCursor | None = None
    while True:
        page = library.list_articles(flt, after=cursor, limit=size, newest_first=newest_first)
        if not page:
            return seen
        seen.extend(a.id for a in page)
        cursor = PageCursor(page[-1].sort_date, page[-1].id)


@pytest.mark.parametrize("same_date", [False, True])
@pytest.mark.parametrize("newest_first", [True, False])
def test_keyset_paging_visits_every_article_once_in_order(
    library: Library, same_date: bool, newest_first: bool
) -> None:
    ids = add_articles(library, 457, same_date=same_date)
    seen = _all_pages(library, ArticleFilter(), newest_first=newest_first, size=50)
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(set(seen))
    dates = [library.get_article(i).sort_date for i in seen[:3]]
    if newest_first:
        assert dates == sorted(dates, reverse=True)
    else:
        assert dates == sorted(dates)


def test_paging_uses_the_sort_date_index_not_offset(library: Library) -> None:
    add_articles(library, 5)
    plan = library.writer.database.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM article"
        " WHERE sort_date < ? OR (sort_date = ? AND id < ?)"
        " ORDER BY sort_date DESC, id DESC LIMIT 200",
        (1, 1, 1),
    ).fetchall()
    assert any("article_sort_date_id" in str(row) for row in plan)


def test_filters_combine(library: Library) -> None:
    ids = add_articles(library, 6)
    library.mark(ids[:3], read=True)
    library.mark([ids[1]], starred=True)
    library.mark([ids[2]], archived=True)
    library.add_tags(ids[4], ["research"])
    assert library.count_articles(ArticleFilter(unread=True)) == 3
    assert [a.id for a in library.list_articles(ArticleFilter(starred=True))] == [ids[1]]
    assert [a.id for a in library.list_articles(ArticleFilter(archived=True))] == [ids[2]]
    assert [a.id for a in library.list_articles(ArticleFilter(tag="Research"))] == [ids[4]]
    assert library.count_articles(ArticleFilter(saved=True)) == 6
    since = library.get_article(ids[1]).sort_date
    assert library.count_articles(ArticleFilter(since=since)) == 2


def test_datetimes_come_back_as_utc(library: Library) -> None:
    (article_id,) = add_articles(library, 1)
    article = library.get_article(article_id)
    assert article.published == BASE_TIME
    assert article.added.tzinfo is not None
    assert article.added.utcoffset() is not None
    assert article.added.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_naive_datetimes_are_refused(library: Library) -> None:
    with pytest.raises(ValueError, match="naive"):
        library.writer.run(
            lambda: store_articles.insert_article(
                make_input(published=datetime(2025, 1, 1)), now=BASE_TIME
            )
        )


def test_update_keeps_state_tags_and_note(library: Library) -> None:
    article_id = library.writer.run(
        lambda: store_articles.insert_article(
            make_input("Old title", "old body", url="https://example.org/a"), now=BASE_TIME
        )
    )
    library.mark([article_id], read=True, starred=True)
    library.add_tags(article_id, ["keep"])
    library.set_note(article_id, "my note")
    fresh = make_input("New title", "a fresh body", url="https://example.org/a")
    changed = library.writer.run(lambda: store_articles.update_article(article_id, fresh))
    assert changed
    article = library.get_article(article_id)
    assert (article.title, article.read, article.starred, article.tags, article.note) == (
        "New title",
        True,
        True,
        ("keep",),
        "my note",
    )
    assert [a.id for a in library.search("fresh")] == [article_id]
    assert library.search("old") == []
    assert not library.writer.run(lambda: store_articles.update_article(article_id, fresh))


def test_search_index_follows_tags_and_deletes(library: Library) -> None:
    first, second = add_articles(library, 2)
    library.add_tags(first, ["Gardening"])
    assert [a.id for a in library.search("gardening")] == [first]
    library.rename_tag("Gardening", "Allotment")
    assert library.search("gardening") == []
    assert [a.id for a in library.search("allotment")] == [first]
    library.delete_tag("Allotment")
    assert library.search("allotment") == []
    library.delete_articles([first])
    assert [a.id for a in library.search("body")] == [second]
    with pytest.raises(NotFoundError):
        library.get_article(first)


def test_stats_count_everything(library: Library) -> None:
    ids = add_articles(library, 4)
    library.mark(ids[:1], read=True)
    library.mark(ids[1:2], starred=True)
    library.add_tags(ids[2], ["x", "y"])
    stats = library.stats()
    assert (stats.articles, stats.unread, stats.starred, stats.saved, stats.tags) == (4, 3, 1, 4, 2)
    assert stats.database_bytes > 0


def test_big_batches_are_chunked(library: Library) -> None:
    ids = add_articles(library, 1200)
    assert library.mark(ids, read=True) == 1200
    assert library.count_articles(ArticleFilter(unread=True)) == 0
    assert library.delete_articles(ids) == 1200
    assert library.count_articles() == 0


def test_utc_helper_round_trip() -> None:
    from reader.store.fields import from_micros, to_micros

    moment = datetime(2031, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    assert from_micros(to_micros(moment)) == moment
