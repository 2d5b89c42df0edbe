"""When to fetch a feed next: a regular interval, exponential backoff on failures, and the
server's own ``Retry-After`` when it gives one."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from reader.core.errors import UserError

DEFAULT_INTERVAL = timedelta(hours=1)
# How often a feed may be fetched: the library's interval and a feed's own both lie in here.
MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 7 * 24 * 60
# The first retry after a failure comes after this much, then twice as long each time.
FIRST_BACKOFF = timedelta(minutes=15)
MAX_BACKOFF = timedelta(days=1)
# Spreads feeds over a tenth of the interval so a library's feeds do not all fall due at once.
_SPREAD = 0.1


def spread(feed_id: int, interval: timedelta) -> timedelta:
    """A fixed per-feed offset in ``[0, interval/10)``; the same feed always gets the same one."""
    fraction = ((feed_id * 2654435761) % 1000) / 1000
    return interval * _SPREAD * fraction


def backoff(error_count: int, interval: timedelta = DEFAULT_INTERVAL) -> timedelta:
    """The wait after ``error_count`` consecutive failures: 15 min, 30 min, 1 h … at most a day
    (and never less than the regular interval once the doubling passes it)."""
    if error_count <= 0:
        return interval
    # 2**n overflows timedelta long before the cap matters; cap the exponent first.
    delay: timedelta = FIRST_BACKOFF * (2 ** min(error_count - 1, 16))
    return min(delay, max(MAX_BACKOFF, interval))


def next_fetch(
    now: datetime,
    *,
    feed_id: int = 0,
    error_count: int = 0,
    interval: timedelta = DEFAULT_INTERVAL,
    retry_after: datetime | None = None,
) -> datetime:
    """When the feed is due again. ``retry_after`` (from a 429 or 503) is a floor: we never come
    back sooner than the server asked, and never sooner than our own backoff either."""
    delay = backoff(error_count, interval) if error_count > 0 else interval
    when = now + delay + spread(feed_id, interval)
    if retry_after is not None and retry_after > when:
        when = retry_after
    return when


def is_due(next_fetch_at: datetime | None, now: datetime) -> bool:
    return next_fetch_at is None or next_fetch_at <= now


_INTERVAL = re.compile(
    r"\s*(\d+)\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)?\s*", re.IGNORECASE
)
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}


def parse_interval(text: str) -> int:
    """A refresh interval as typed ("30m", "2h", "1 day", "90": minutes) in minutes; a
    :class:`UserError` saying what is expected when it is none, or out of range."""
    match = _INTERVAL.fullmatch(text)
    if match is None:
        raise UserError(
            f"not a refresh interval: {text.strip()!r} (write minutes, hours or days: 30m, 2h, 1d)"
        )
    unit = (match.group(2) or "m")[0].lower()
    minutes = int(match.group(1)) * _UNIT_MINUTES[unit]
    check_interval(minutes)
    return minutes


def check_interval(minutes: int) -> None:
    if not MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES:
        raise UserError("a refresh interval must be from 5 minutes to a week")


def describe_interval(minutes: int) -> str:
    """ "45 minutes", "1 hour", "1 hour 30 minutes", "2 days", for messages."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    for count, noun in ((days, "day"), (hours, "hour"), (mins, "minute")):
        if count:
            parts.append(f"{count} {noun}" if count == 1 else f"{count} {noun}s")
    return " ".join(parts) or "0 minutes"
