"""Dates in the article list and the reading pane: a time where the source gave one, the
day alone where it gave only a day."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from reader.core.types import Article, SourceKind
from reader.ui.article_delegate import short_date
from reader.ui.article_html import byline


def _article(published: datetime, *, date_only: bool) -> Article:
    return Article(
        id=1,
        title="Why Gardens Grow",
        source_kind=SourceKind.URL,
        added=datetime(2025, 1, 1, tzinfo=UTC),
        sort_date=published,
        author="Ann Gardener",
        published=published,
        published_date_only=date_only,
    )


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> object:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_the_reading_pane_shows_a_time_only_where_there_is_one(qapp: object) -> None:
    timed = _article(datetime(2024, 3, 5, 14, 20, tzinfo=UTC), date_only=False)
    # 14:20 UTC is 9:20 in New York, written as the locale writes a time ("09:20", "9:20 AM").
    assert "5 March 2024, " in byline(timed) and re.search(r"\b0?9:20\b", byline(timed))
    day = _article(datetime(2024, 3, 5, 12, tzinfo=UTC), date_only=True)
    assert byline(day) == "By Ann Gardener · 5 March 2024"


@pytest.mark.usefixtures("new_york")
def test_the_list_shows_a_date_without_a_time_as_its_day(qapp: object) -> None:
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    assert ":" not in short_date(today, date_only=True)
    # Stored at noon UTC, the day is the source's wherever the reader is.
    late = datetime(2024, 3, 5, 12, tzinfo=UTC)
    assert short_date(late, now=datetime(2025, 6, 1, tzinfo=UTC), date_only=True) in (
        "5 Mar 2024",
        "5 Mar. 2024",
    )
