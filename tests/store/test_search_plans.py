"""A query with words and filters gives the same results whichever side leads: the full-text
matches, or the articles passing the filters (the plan for a common word and a narrow filter).

The thresholds that choose a plan are lowered so that a small library takes each path; the
results are checked against bm25 and dates worked out independently."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core.query import HIGHLIGHT_START, parse_query
from reader.core.types import PageCursor
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import search as store_search
from tests.factories import make_input

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
COUNT = 240


def _published(number: int) -> datetime:
    # Mostly in id order, but every fifth article is much older than its id says.
    days = (COUNT - number) if number % 5 else (COUNT - number) * 3 + 400
    return NOW - timedelta(days=days, minutes=number)


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    with Library(db_path, clock=lambda: NOW) as lib:
        yield lib


@pytest.fixture
def built(library: Library) -> dict[int, datetime]:
    """Articles 1..COUNT: three in four say "common" (some of them twice, in texts of different
    lengths); tag "spread" on every seventh, tag "recent" on the last thirty."""
    library.search_timezone = UTC
    dates: dict[int, datetime] = {}

    def write() -> None:
        for number in range(1, COUNT + 1):
            words = ["filler"] * (3 + number % 11)
            if number % 4:
                words.insert(number % len(words), "common")
            if number % 3 == 0:
                words.append("common")
            tags = []
            if number % 7 == 0:
                tags.append("spread")
            if number > COUNT - 30:
                tags.append("recent")
            item = make_input(f"Article {number}", " ".join(words), published=_published(number))
            article_id = store_articles.insert_article(item, now=NOW, tags=tags)
            assert article_id == number
            dates[number] = _published(number)

    library.writer.run(write)
    library.mark([n for n in range(1, COUNT + 1) if n % 2], read=True)
    return dates


def _expected(query: str) -> set[int]:
    numbers = range(1, COUNT + 1)
    has_word = {n for n in numbers if n % 4 or n % 3 == 0}
    if "tag:spread" in query:
        return {n for n in has_word if n % 7 == 0}
    if "tag:recent" in query:
        found = {n for n in has_word if n > COUNT - 30}
        return {n for n in found if n % 2 == 0} if "is:unread" in query else found
    raise AssertionError(query)


def _bm25_order(library: Library, query: str, wanted: set[int]) -> list[int]:
    compiled = store_search.compile_query(parse_query(query), now=NOW, tz=UTC)
    rows = library.writer.database.execute_sql(
        "SELECT rowid FROM article_search WHERE article_search MATCH ?"
        f" ORDER BY bm25(article_search, {store_search._WEIGHTS}), rowid DESC",
        [compiled.match],
    ).fetchall()
    return [r[0] for r in rows if r[0] in wanted]


QUERIES = ["common tag:spread", "common tag:recent", "common tag:recent is:unread"]


@pytest.mark.parametrize("plan", ["matches lead", "filters lead", "filters lead, id list"])
@pytest.mark.parametrize("query", QUERIES)
def test_every_plan_ranks_dates_and_counts_alike(
    library: Library,
    built: dict[int, datetime],
    monkeypatch: pytest.MonkeyPatch,
    plan: str,
    query: str,
) -> None:
    if plan != "matches lead":
        # More full-text matches than this, and no more filtered articles: filters lead.
        monkeypatch.setattr(store_search, "_FEW", 50)
    if plan == "filters lead, id list":
        monkeypatch.setattr(store_search, "_MAX_BYTEMAP", 1)
    wanted = _expected(query)
    assert 5 < len(wanted) <= 50

    ranked = library.search(query, limit=COUNT)
    assert [a.id for a in ranked] == _bm25_order(library, query, wanted)
    assert all(a.snippet and HIGHLIGHT_START in a.snippet for a in ranked)
    assert [a.id for a in library.search(query, limit=3)] == [a.id for a in ranked[:3]]

    by_date = sorted(wanted, key=lambda n: (built[n], n), reverse=True)
    assert [a.id for a in library.search(query, limit=COUNT, order="newest")] == by_date
    assert [a.id for a in library.search(query, limit=COUNT, order="oldest")] == by_date[::-1]
    paged: list[int] = []
    after: PageCursor | None = None
    while page := library.search(query, limit=4, order="newest", after=after):
        paged.extend(a.id for a in page)
        after = PageCursor(page[-1].sort_date, page[-1].id)
    assert paged == by_date

    assert library.count_search(query) == len(wanted)
    assert sorted(library.search_ids(query)) == sorted(wanted)


def test_filters_lead_for_a_common_word_and_a_narrow_filter(
    library: Library, built: dict[int, datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan the tests above force is the one chosen, spread ids read the whole index and
    close ones only their range."""
    monkeypatch.setattr(store_search, "_FEW", 50)
    chosen: list[tuple[list[int] | None, bool]] = []
    among = store_search._among

    def recording(ids: list[int], *, bounded: bool = True) -> tuple[str, list[object]]:
        chosen.append((sorted(ids), bounded))
        return among(ids, bounded=bounded)

    monkeypatch.setattr(store_search, "_among", recording)
    library.count_search("common tag:spread")
    library.count_search("common tag:recent")
    assert chosen == [
        (list(range(7, COUNT + 1, 7)), False),
        (list(range(COUNT - 29, COUNT + 1)), True),
    ]
