from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.services.textdates import find_dates, parse_date

NOV_3 = datetime(2025, 11, 3, tzinfo=UTC)
NOV_3_0915 = datetime(2025, 11, 3, 9, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("03.11.2025", "de", NOV_3),
        ("3.11.2025", "de", NOV_3),
        ("03.11.2025 09:15 Uhr", "de", NOV_3_0915),
        ("Aktualisiert am 03.11.2025, 9.15 Uhr", "de", NOV_3_0915),
        ("3. November 2025", "de", NOV_3),
        ("Veröffentlicht: 3. Nov. 2025", "de", NOV_3),
        ("14. März 2025", "de", datetime(2025, 3, 14, tzinfo=UTC)),
        ("November 3, 2025", "en", NOV_3),
        ("Posted Nov. 3rd, 2025 at 9:15 am", "en", NOV_3_0915),
        ("November 3, 2025 9:15 PM", "en", datetime(2025, 11, 3, 21, 15, tzinfo=UTC)),
        ("3 November 2025", "en", NOV_3),
        ("2025-11-03", None, NOV_3),
        ("2025-11-03T09:15:00Z", None, NOV_3_0915),
        ("2025-11-03T10:15:00+01:00", None, NOV_3_0915),
        ("2025/11/03", None, NOV_3),
        ("Publié le 3 novembre 2025 à 09h15", "fr", NOV_3_0915),
        ("1er août 2025", "fr", datetime(2025, 8, 1, tzinfo=UTC)),
        ("3 de noviembre de 2025", "es", NOV_3),
        ("3 novembre 2025", "it", NOV_3),
        ("3 listopada 2025", "pl", NOV_3),
        ("3 november 2025", "nl", NOV_3),
        ("03-Nov-2025", "en", NOV_3),
        ("el 03-nov-2025 9:15", "es", NOV_3_0915),
    ],
)
def test_parses_local_formats(text: str, language: str | None, expected: datetime) -> None:
    assert parse_date(text, language) == expected


def test_numeric_day_and_month_order_follows_the_language() -> None:
    assert parse_date("11/03/2025", "en") == NOV_3
    assert parse_date("03/11/2025", "fr") == NOV_3
    assert parse_date("03/11/2025", None) == NOV_3
    # A first number above 12 can only be the day, whatever the language.
    assert parse_date("25/12/2025", "en") == datetime(2025, 12, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "It was 1999",
        "Version 2.4 is out",
        "31.02.2025",  # no such day
        "2025-13-01",  # no such month
        "Call 0800 123 45 67",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_finds_every_date_in_order() -> None:
    found = find_dates("Published 2 March 2025, updated 03.11.2025 09:15 Uhr", "de")
    assert [date.value for date in found] == [datetime(2025, 3, 2, tzinfo=UTC), NOV_3_0915]
    assert [date.has_time for date in found] == [False, True]
    text = "Published 2 March 2025, updated 03.11.2025 09:15 Uhr"
    assert text[found[0].start : found[0].end] == "2 March 2025"
