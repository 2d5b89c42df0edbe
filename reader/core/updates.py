"""Changes to stored things, as values the store takes.

A field left at :data:`KEEP` stays as it is; any other value, None included, is written.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Final


class Keep(enum.Enum):
    """The value of a field an update leaves alone."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """What to change about a subscription: its names, its place, its limits, and what a
    refresh learns (validators, schedule, errors, what it left out)."""

    title: str | Keep = KEEP
    url: str | Keep = KEEP
    site_url: str | Keep | None = KEEP
    folder_id: int | Keep | None = KEEP
    etag: str | Keep | None = KEEP
    last_modified: str | Keep | None = KEEP
    content_hash: str | Keep | None = KEEP
    last_fetched: datetime | Keep | None = KEEP
    next_fetch: datetime | Keep | None = KEEP
    error_count: int | Keep = KEEP
    last_error: str | Keep | None = KEEP
    disabled: bool | Keep = KEEP
    fetch_full_text: bool | Keep = KEEP
    # How many of its newest items a refresh reads (None: the default).
    keep_items: int | Keep | None = KEEP
    # What the last refresh has to tell the user ("kept the newest 1,000 of its 1,500 items").
    notice: str | Keep | None = KEEP
    # Its own refresh interval in minutes (None: the library's).
    refresh_minutes: int | Keep | None = KEEP

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is KEEP for f in fields(self))
