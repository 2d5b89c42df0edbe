"""Showing a stored UTC time in the user's zone, whatever the time."""

from __future__ import annotations

from datetime import UTC, datetime


def as_local(value: datetime) -> datetime:
    """``value`` in the local time zone; in UTC when it has no local time (the first or last
    hours of year 1 or 9999 fall outside the calendar once moved, and libraries written before
    such dates were refused may hold them)."""
    try:
        return value.astimezone()
    except (OverflowError, OSError, ValueError):
        return value.astimezone(UTC) if value.tzinfo is not None else value
