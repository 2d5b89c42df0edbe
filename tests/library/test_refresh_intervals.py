"""How often feeds are refreshed: the library's interval, a feed's own, and what changing
either does to feeds already scheduled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.core import schedule
from reader.core.errors import UserError
from reader.library import Library
from tests.library.feed_docs import FeedServer, simple_feed

START = datetime(2025, 11, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def _due_ids(lib: Library) -> list[int]:
    return [f.id for f in lib.refresher.due_feeds()]


def test_a_feed_with_its_own_interval_falls_due_by_it(db_path: Path, feeds: FeedServer) -> None:
    clock = [START]
    with Library(db_path, clock=lambda: clock[0]) as lib:
        hourly = lib.add_feed(feeds.add("/hourly.xml", simple_feed("Hourly", 2)))
        quick = lib.add_feed(feeds.add("/quick.xml", simple_feed("Quick", 2)))
        lib.set_feed_options(quick.id, refresh_minutes=15)
        assert lib.get_feed(quick.id).refresh_minutes == 15
        assert lib.refresh().total == 2
        quick_next = lib.get_feed(quick.id).next_fetch
        assert quick_next is not None
        assert START + timedelta(minutes=15) <= quick_next < START + timedelta(minutes=17)
        clock[0] = START + timedelta(minutes=20)
        assert _due_ids(lib) == [quick.id]
        clock[0] = START + timedelta(minutes=70)
        assert sorted(_due_ids(lib)) == sorted([hourly.id, quick.id])


def test_changing_an_interval_reschedules_feeds_already_fetched(
    db_path: Path, feeds: FeedServer
) -> None:
    clock = [START]
    with Library(db_path, clock=lambda: clock[0]) as lib:
        plain = lib.add_feed(feeds.add("/a.xml", simple_feed("A", 1)))
        own = lib.add_feed(feeds.add("/b.xml", simple_feed("B", 1)))
        lib.set_feed_options(own.id, refresh_minutes=240)
        lib.refresh()
        clock[0] = START + timedelta(minutes=35)
        assert _due_ids(lib) == []
        # The library's interval now half an hour: the feed without its own is due already,
        # the one with its own keeps it.
        lib.set_refresh_interval(30)
        assert lib.refresh_interval == timedelta(minutes=30)
        assert _due_ids(lib) == [plain.id]
        # Back to the library's interval for the second feed: due too.
        lib.set_feed_options(own.id, refresh_minutes=None)
        assert lib.get_feed(own.id).refresh_minutes is None
        assert sorted(_due_ids(lib)) == sorted([plain.id, own.id])


def test_intervals_out_of_range_are_refused_and_change_nothing(
    library: Library, feeds: FeedServer
) -> None:
    feed = library.add_feed(feeds.add("/a.xml", simple_feed("A", 1)))
    for minutes in (0, 4, 7 * 24 * 60 + 1):
        with pytest.raises(UserError, match="from 5 minutes to a week"):
            library.set_feed_options(feed.id, refresh_minutes=minutes)
        with pytest.raises(UserError, match="from 5 minutes to a week"):
            library.set_refresh_interval(minutes)
    assert library.get_feed(feed.id).refresh_minutes is None
    assert library.refresh_interval == timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("30m", 30), ("30", 30), ("2h", 120), ("1 day", 1440), ("1w", 10080), (" 45 min ", 45)],
)
def test_intervals_are_read_as_people_write_them(text: str, minutes: int) -> None:
    assert schedule.parse_interval(text) == minutes


@pytest.mark.parametrize("text", ["", "soon", "2x", "3m", "8 days", "-5m"])
def test_unreadable_intervals_say_what_is_expected(text: str) -> None:
    with pytest.raises(UserError):
        schedule.parse_interval(text)


def test_intervals_are_described_in_words() -> None:
    assert schedule.describe_interval(45) == "45 minutes"
    assert schedule.describe_interval(60) == "1 hour"
    assert schedule.describe_interval(90) == "1 hour 30 minutes"
    assert schedule.describe_interval(2880) == "2 days"
