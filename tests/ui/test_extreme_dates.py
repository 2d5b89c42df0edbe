"""The list painter and the reading pane show any stored date, in any time zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from reader.ui.article_delegate import short_date
from reader.ui.article_html import long_date


@pytest.fixture
def west_of_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "when", [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)]
)
@pytest.mark.usefixtures("west_of_utc")
def test_dates_at_the_ends_of_the_calendar_are_shown(qapp: QApplication, when: datetime) -> None:
    now = datetime(2025, 11, 3, 12, tzinfo=UTC)
    assert str(when.year) in short_date(when, now)
    assert str(when.year) in long_date(when)
