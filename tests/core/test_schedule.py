from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from reader.core.schedule import MAX_BACKOFF, backoff, is_due, next_fetch, spread

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_success_waits_one_interval_plus_a_fixed_spread() -> None:
    when = next_fetch(NOW, feed_id=7, interval=HOUR)
    assert NOW + HOUR <= when < NOW + HOUR * 1.1
    assert when == next_fetch(NOW, feed_id=7, interval=HOUR)
    assert spread(7, HOUR) != spread(8, HOUR)


def test_backoff_doubles_up_to_a_day() -> None:
    delays = [backoff(n, HOUR) for n in range(1, 12)]
    assert delays[:3] == [timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1)]
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[-1] == MAX_BACKOFF
    assert backoff(10_000, HOUR) == MAX_BACKOFF


def test_failures_use_backoff() -> None:
    when = next_fetch(NOW, feed_id=0, error_count=3, interval=HOUR)
    assert when == NOW + timedelta(hours=1)


def test_retry_after_is_a_floor() -> None:
    later = NOW + timedelta(hours=6)
    assert next_fetch(NOW, error_count=1, retry_after=later) == later
    soon = NOW + timedelta(seconds=30)
    assert next_fetch(NOW, error_count=1, retry_after=soon) == NOW + timedelta(minutes=15)


def test_is_due() -> None:
    assert is_due(None, NOW)
    assert is_due(NOW, NOW)
    assert not is_due(NOW + timedelta(seconds=1), NOW)
