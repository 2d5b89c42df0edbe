from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from reader.services.textdates import find_dates, implied_zone, parse_date, with_clock_from

NOV_3 = date(2025, 11, 3)
AT_0915 = time(9, 15)


@pytest.mark.parametrize(
    ("text", "language", "day", "clock"),
    [
        ("03.11.2025", "de", NOV_3, None),
        ("3.11.2025", "de", NOV_3, None),
        ("03.11.2025 09:15 Uhr", "de", NOV_3, AT_0915),
        ("Aktualisiert am 03.11.2025, 9.15 Uhr", "de", NOV_3, AT_0915),
        ("03.11.2025 | 09:15 Uhr", "de", NOV_3, AT_0915),
        ("09:15 Uhr, 03.11.2025", "de", NOV_3, AT_0915),
        ("3. November 2025", "de", NOV_3, None),
        ("Veröffentlicht: 3. Nov. 2025", "de", NOV_3, None),
        ("14. März 2025", "de", date(2025, 3, 14), None),
        ("November 3, 2025", "en", NOV_3, None),
        ("Posted Nov. 3rd, 2025 at 9:15 am", "en", NOV_3, AT_0915),
        ("November 3, 2025 9:15 PM", "en", NOV_3, time(21, 15)),
        ("5 March 2024, 14:20", "en", date(2024, 3, 5), time(14, 20)),
        ("3 November 2025", "en", NOV_3, None),
        ("2025-11-03", None, NOV_3, None),
        ("2025-11-03T09:15:00Z", None, NOV_3, AT_0915),
        ("2025/11/03", None, NOV_3, None),
        ("Publié le 3 novembre 2025 à 09h15", "fr", NOV_3, AT_0915),
        ("1er août 2025", "fr", date(2025, 8, 1), None),
        ("3 de noviembre de 2025", "es", NOV_3, None),
        ("3 novembre 2025", "it", NOV_3, None),
        ("3 listopada 2025", "pl", NOV_3, None),
        ("3 november 2025", "nl", NOV_3, None),
        ("03-Nov-2025", "en", NOV_3, None),
        ("el 03-nov-2025 9:15", "es", NOV_3, AT_0915),
    ],
)
def test_reads_local_formats_with_their_time_of_day(
    text: str, language: str | None, day: date, clock: time | None
) -> None:
    (found,) = find_dates(text, language)
    assert (found.day, found.clock) == (day, clock)


def test_a_date_without_a_time_stays_a_date() -> None:
    (found,) = find_dates("3. November 2025", "de")
    assert not found.has_time
    # Stored at noon UTC, which is the same day almost everywhere; shown as the day alone.
    assert found.moment() == datetime(2025, 11, 3, 12, tzinfo=UTC)
    assert parse_date("3. November 2025", "de") == datetime(2025, 11, 3, 12, tzinfo=UTC)


def test_a_time_keeps_the_zone_written_with_it() -> None:
    (iso,) = find_dates("2025-11-03T10:15:00+01:00")
    assert iso.moment() == datetime(2025, 11, 3, 9, 15, tzinfo=UTC)
    (named,) = find_dates("Updated 11:32 AM EDT, Thu October 24, 2024", "en")
    assert named.local() == datetime(2024, 10, 24, 11, 32, tzinfo=timezone(timedelta(hours=-4)))
    # A zone written with the time wins over the one the page implies.
    assert named.moment(ZoneInfo("Europe/Berlin")) == datetime(2024, 10, 24, 15, 32, tzinfo=UTC)


def test_a_time_without_a_zone_is_read_in_the_pages_zone() -> None:
    berlin = implied_zone("https://www.example.de/news/1", None)
    (found,) = find_dates("24.10.2024 11:32 Uhr", "de")
    assert found.local(berlin) == datetime(2024, 10, 24, 11, 32, tzinfo=ZoneInfo("Europe/Berlin"))
    assert found.moment(berlin) == datetime(2024, 10, 24, 9, 32, tzinfo=UTC)
    (winter,) = find_dates("05.03.2024 14:20", "de")
    assert winter.moment(berlin) == datetime(2024, 3, 5, 13, 20, tzinfo=UTC)


def test_a_time_without_a_zone_on_a_page_that_implies_none_is_the_users(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time as time_module

    monkeypatch.setenv("TZ", "America/New_York")
    time_module.tzset()
    try:
        (found,) = find_dates("March 5, 2024 at 2:20 pm", "en")
        assert found.moment(None) == datetime(2024, 3, 5, 19, 20, tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time_module.tzset()


@pytest.mark.parametrize(
    ("url", "language", "zone"),
    [
        ("https://www.zeitung.de/politik/artikel", "en", "Europe/Berlin"),
        ("https://news.example.co.uk/a", None, "Europe/London"),
        ("https://example.com/a", "de-AT", "Europe/Vienna"),
        ("https://example.com/a", "de", "Europe/Berlin"),
        ("https://example.com/a", "pl", "Europe/Warsaw"),
        # English, Spanish, a country in several zones: nothing implied.
        ("https://example.com/a", "en", None),
        ("https://example.com/a", "es", None),
        ("https://example.com.br/a", "pt-BR", None),
        (None, None, None),
    ],
)
def test_the_zone_a_page_implies(url: str | None, language: str | None, zone: str | None) -> None:
    found = implied_zone(url, language)
    assert (str(found) if found else None) == zone


def test_a_time_on_the_next_line_joins_its_date() -> None:
    (found,) = find_dates("24.10.2024", "de")
    joined = with_clock_from(found, "11:32 Uhr")
    assert joined.clock == time(11, 32)
    assert with_clock_from(found, "11 Kommentare").clock is None


def test_numeric_day_and_month_order_follows_the_language() -> None:
    assert [d.day for d in find_dates("11/03/2025", "en")] == [NOV_3]
    assert [d.day for d in find_dates("03/11/2025", "fr")] == [NOV_3]
    assert [d.day for d in find_dates("03/11/2025", None)] == [NOV_3]
    # A first number above 12 can only be the day, whatever the language.
    assert [d.day for d in find_dates("25/12/2025", "en")] == [date(2025, 12, 25)]


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
    text = "Published 2 March 2025, updated 03.11.2025 09:15 Uhr"
    found = find_dates(text, "de")
    assert [(d.day, d.clock) for d in found] == [(date(2025, 3, 2), None), (NOV_3, AT_0915)]
    assert [date.has_time for date in found] == [False, True]
    assert text[found[0].start : found[0].end] == "2 March 2025"
