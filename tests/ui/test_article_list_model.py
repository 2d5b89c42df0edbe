"""The article list model: keyset pages, order, live changes, and Qt's model rules."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from reader.core.types import ArticleFilter
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.article_list_model import (
    ARTICLE_ROLE,
    PAGE_SIZE,
    ArticleListModel,
    FilterSource,
    SearchSource,
)
from reader.ui.sidebar_keys import FeedKey, QueryKey, ViewKey
from tests.factories import BASE_TIME, add_articles
from tests.ui.keyboard import check_model
from tests.ui.library_data import add_feed_with_articles, add_saved


def all_source(newest_first: bool = True) -> FilterSource:
    return FilterSource(ViewKey(SmartView.ALL), "All", ArticleFilter(), newest_first)


def load_everything(model: ArticleListModel) -> None:
    while model.canFetchMore():
        model.fetchMore()


def test_pages_arrive_as_the_view_asks(library: Library, qtmodeltester: ModelTester) -> None:
    ids = add_articles(library, PAGE_SIZE * 2 + 50)
    model = ArticleListModel(library)
    model.set_source(all_source())
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 2
    load_everything(model)
    assert model.rowCount() == len(ids)
    assert not model.canFetchMore()
    # add_articles makes each article a minute older than the one before.
    assert model.loaded_ids() == ids
    assert model.total == len(ids)
    check_model(qtmodeltester, model)


def test_equal_dates_page_without_gaps_or_repeats(library: Library) -> None:
    ids = add_articles(library, PAGE_SIZE + 30, same_date=True)
    model = ArticleListModel(library)
    model.set_source(all_source())
    load_everything(model)
    assert sorted(model.loaded_ids()) == sorted(ids)
    assert len(set(model.loaded_ids())) == len(ids)
    assert model.loaded_ids() == sorted(ids, reverse=True)


def test_oldest_first(library: Library) -> None:
    ids = add_articles(library, 130)
    model = ArticleListModel(library)
    model.set_source(all_source(newest_first=False))
    load_everything(model)
    assert model.loaded_ids() == list(reversed(ids))


def test_filters_by_feed_and_unread(library: Library) -> None:
    feed_a, a_ids = add_feed_with_articles(library, "Alpha", 5)
    _feed_b, _b_ids = add_feed_with_articles(library, "Beta", 4)
    library.mark(a_ids[:2], read=True)
    model = ArticleListModel(library)
    model.set_source(FilterSource(FeedKey(feed_a), "Alpha", ArticleFilter(feed_id=feed_a)))
    assert model.loaded_ids() == a_ids
    model.set_source(
        FilterSource(FeedKey(feed_a), "Alpha unread", ArticleFilter(feed_id=feed_a, unread=True))
    )
    assert model.loaded_ids() == a_ids[2:]
    article = model.data(model.index(0), ARTICLE_ROLE)
    assert article.feed_title == "Alpha"
    assert model.data(model.index(0), Qt.ItemDataRole.DisplayRole) == "Alpha article 2"


def test_changes_update_insert_and_remove_rows(
    library: Library, qtmodeltester: ModelTester
) -> None:
    feed_id, ids = add_feed_with_articles(library, "Alpha", 3)
    model = ArticleListModel(library)
    model.set_source(FilterSource(FeedKey(feed_id), "Alpha", ArticleFilter(feed_id=feed_id)))
    check_model(qtmodeltester, model)

    library.mark([ids[1]], starred=True)
    model.apply_changes([ids[1]])
    assert model.article_by_id(ids[1]).starred  # type: ignore[union-attr]

    # A new article dated between the first two goes between them.
    from reader.store import articles as store_articles
    from tests.factories import make_input

    late = make_input("Late arrival", published=BASE_TIME - timedelta(minutes=30))
    newcomer = library.writer.run(
        lambda: store_articles.insert_article(late, now=BASE_TIME, feed_id=feed_id)
    )
    saved_elsewhere = add_saved(library, "Not in this feed")
    model.apply_changes([newcomer, saved_elsewhere])
    assert model.loaded_ids() == [ids[0], newcomer, ids[1], ids[2]]

    library.delete_articles([ids[0]])
    model.apply_changes([ids[0]])
    assert model.loaded_ids() == [newcomer, ids[1], ids[2]]
    assert model.total == 3


def test_hidden_rows_stay_out_until_unhidden(library: Library) -> None:
    ids = add_articles(library, 5)
    model = ArticleListModel(library)
    model.set_source(all_source())
    model.hide(ids[1:3])
    assert model.loaded_ids() == [ids[0], ids[3], ids[4]]
    model.reload()
    assert model.loaded_ids() == [ids[0], ids[3], ids[4]]
    model.unhide(ids[1:3])
    model.apply_changes(ids[1:3])
    assert model.loaded_ids() == ids


def test_fetch_until_loads_pages_up_to_an_article(library: Library) -> None:
    ids = add_articles(library, PAGE_SIZE * 3)
    model = ArticleListModel(library)
    model.set_source(all_source())
    row = model.fetch_until(ids[PAGE_SIZE * 2 + 5])
    assert row == PAGE_SIZE * 2 + 5
    assert model.rowCount() == PAGE_SIZE * 3


def test_search_source_pages_by_id(library: Library, qtmodeltester: ModelTester) -> None:
    ids = [add_saved(library, f"Harbour note {i}", text=f"harbour lights {i}") for i in range(130)]
    add_saved(library, "Something else", text="meadow")
    model = ArticleListModel(library)
    model.set_source(SearchSource(QueryKey("harbour"), "Search", "harbour"))
    load_everything(model)
    assert model.loaded_ids() == sorted(ids, reverse=True)
    assert model.total == 130
    check_model(qtmodeltester, model)
    model.set_source(SearchSource(QueryKey("?!"), "Search", "?!"))
    assert model.rowCount() == 0
    assert model.total == 0
