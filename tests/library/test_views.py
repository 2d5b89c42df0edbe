"""The window's reads: the same answers as the general API, from fewer, cheaper statements."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from reader.core.types import ArticleFilter, PageCursor
from reader.library import Library
from reader.library.views import SmartView, local_midnight, smart_view_filter
from tests.factories import BASE_TIME, add_articles
from tests.ui.library_data import add_feed_with_articles, add_saved


def test_list_page_matches_list_articles_without_summaries(library: Library) -> None:
    alpha, a_ids = add_feed_with_articles(library, "Alpha", 30, tags=["python"], folder="News")
    add_feed_with_articles(library, "Beta", 20, folder="News/Tech")
    saved = add_articles(library, 30)
    library.mark(a_ids[::3], read=True)
    library.mark(a_ids[::5] + saved[::4], starred=True)
    library.mark(saved[::2], archived=True)
    folder = library.resolve_folder("News")
    filters = [
        ArticleFilter(),
        ArticleFilter(tag="python"),
        ArticleFilter(tag="PYTHON"),
        ArticleFilter(saved=True),
        ArticleFilter(unread=True, archived=False),
        ArticleFilter(starred=True),
        ArticleFilter(archived=True),
        ArticleFilter(feed_id=alpha),
        ArticleFilter(folder_id=folder),
        ArticleFilter(since=BASE_TIME - timedelta(hours=10)),
        ArticleFilter(article_ids=tuple(a_ids[:7] + saved[:3])),
        ArticleFilter(article_ids=()),
    ]
    for flt in filters:
        for newest_first in (True, False):
            expected = library.list_articles(flt, limit=25, newest_first=newest_first)
            got = library.list_page(flt, limit=25, newest_first=newest_first)
            assert got == [replace(a, summary=None) for a in expected]
            if not got:
                continue
            last = got[-1]
            after = PageCursor(last.sort_date, last.id)
            expected = library.list_articles(flt, after=after, limit=25, newest_first=newest_first)
            got = library.list_page(flt, after=after, limit=25, newest_first=newest_first)
            assert got == [replace(a, summary=None) for a in expected]


def test_open_article_matches_get_article(library: Library) -> None:
    _feed, ids = add_feed_with_articles(library, "Alpha", 2, tags=["x", "y"])
    saved = add_saved(library, "Saved", url="https://example.org/s")
    for article_id in [*ids, saved]:
        assert library.open_article(article_id) == library.get_article(article_id)


def test_sidebar_counts_match_the_lists(library: Library) -> None:
    alpha, a_ids = add_feed_with_articles(library, "Alpha", 5, tags=["python"])
    saved = add_saved(library, "Saved", tags=["python", "reading"])
    library.mark(a_ids[:2], read=True)
    library.mark(a_ids[2:3], starred=True)
    library.mark([saved], archived=True)
    counts = library.sidebar_counts()
    for view in SmartView:
        flt = replace(library.smart_view_filter(view), unread=True)
        assert counts.views[view] == library.count_articles(flt), view
    assert counts.feeds == {alpha: 3}
    assert counts.tags == {"python": 4, "reading": 1}
    # Articles waiting to be deleted are left out everywhere.
    counts = library.sidebar_counts(exclude_ids=[a_ids[3], saved])
    assert counts.feeds == {alpha: 2}
    assert counts.tags == {"python": 2, "reading": 0}
    assert counts.views[SmartView.ARCHIVE] == 0


def test_smart_views() -> None:
    now = BASE_TIME
    assert smart_view_filter(SmartView.UNREAD, now=now) == ArticleFilter(
        unread=True, archived=False
    )
    assert smart_view_filter(SmartView.ARCHIVE, now=now).archived is True
    assert smart_view_filter(SmartView.STARRED, now=now).archived is None
    today = smart_view_filter(SmartView.TODAY, now=now).since
    assert today == local_midnight(now)
    assert today is not None and timedelta(0) <= now - today < timedelta(days=1)


def test_matching_ids_and_brief_lists(library: Library) -> None:
    feed, ids = add_feed_with_articles(library, "Alpha", 3)
    other = add_saved(library, "Elsewhere")
    assert library.matching_ids(ArticleFilter(feed_id=feed), [*ids, other]) == set(ids)
    assert [a.id for a in library.list_brief([other, ids[0], 999_999])] == [other, ids[0]]


def test_bare_lists(library: Library) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News/Tech", tags=["t"])
    feeds = library.list_feeds_brief()
    assert [(f.title, f.folder) for f in feeds] == [("Alpha", "News/Tech")]
    assert library.list_feeds_brief([feeds[0].id]) == feeds
    assert [t.name for t in library.list_tag_names()] == ["t"]


def test_a_library_is_empty_until_it_has_an_article_or_a_feed(library: Library) -> None:
    assert library.is_empty()
    library.add_feed("https://example.org/feed.xml")
    assert not library.is_empty()
