"""Column types: UTC datetimes stored as integer microseconds since the epoch.

Integers sort and compare exactly in SQL, which keyset paging relies on, and they cannot
carry a local timezone by mistake.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import peewee

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_micros(value: datetime) -> int:
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; Folio keeps UTC datetimes only")
    return (value - _EPOCH) // timedelta(microseconds=1)


def from_micros(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


class UTCDateTimeField(peewee.BigIntegerField):  # type: ignore[misc]
    def db_value(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return to_micros(value)
        return int(value)

    def python_value(self, value: Any) -> datetime | None:
        if value is None:
            return None
        return from_micros(int(value))
