"""The command line writes dates (and counts) as the user's locale does; JSON keeps ISO dates.

A real ``folio`` process on a real library file, under the locale variables a shell sets.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.cli.locale_format import count, day_and_time, day_column, locale_name
from reader.core.updates import FeedUpdate
from reader.library import Library
from reader.library.sync import AccountStatus
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from tests.factories import make_input

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.subprocess

TIMED = datetime(2026, 12, 4, 14, 20, tzinfo=UTC)
# A day without a time, kept at its noon UTC.
DAY_ONLY = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
FETCHED = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
HIGHLIGHTED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)

# What each locale prints: the list's day, the timed article's date in full, the date-only
# article's day in the list and in full, a feed's last fetch, a highlight's day, 1234 counted.
EXPECTED = {
    "de_DE.UTF-8": (
        "4. Dez. 2026",
        "4. Dezember 2026, 14:20",
        "5. März 2026",
        "5. März 2026",
        "28. Nov. 2026",
        "1. Dez. 2026",
        "1.234",
    ),
    "en_US.UTF-8": (
        "Dec 4, 2026",
        "December 4, 2026, 2:20 PM",
        "Mar 5, 2026",
        "March 5, 2026",
        "Nov 28, 2026",
        "Dec 1, 2026",
        "1,234",
    ),
    "en_GB.UTF-8": (
        "4 Dec 2026",
        "4 December 2026, 14:20",
        "5 Mar 2026",
        "5 March 2026",
        "28 Nov 2026",
        "1 Dec 2026",
        "1,234",
    ),
    "C": (
        "2026-12-04",
        "2026-12-04 14:20",
        "2026-03-05",
        "2026-03-05",
        "2026-11-28",
        "2026-12-01",
        "1234",
    ),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """A library with a timed article, a date-only one, 1,232 more, a feed and a highlight."""
    path = tmp_path_factory.mktemp("locale") / "library.sqlite"
    with Library(path, clock=lambda: HIGHLIGHTED) as lib:

        def write() -> tuple[int, int]:
            timed = store_articles.insert_article(
                make_input("Heat pumps in winter", published=TIMED), now=TIMED
            )
            day_only = store_articles.insert_article(
                dataclasses.replace(
                    make_input("Mulching in spring", published=DAY_ONLY),
                    published_date_only=True,
                ),
                now=TIMED,
            )
            for i in range(1232):
                store_articles.insert_article(
                    make_input(f"Older note {i}", published=datetime(2020, 1, 1, tzinfo=UTC)),
                    now=TIMED,
                )
            feed = store_feeds.add_feed("https://example.org/feed", title="The Plot", now=TIMED)
            store_feeds.update_feed(feed, FeedUpdate(last_fetched=FETCHED))
            return timed, day_only

        timed, day_only = lib.writer.run(write)
        lib.highlights.add_quote(timed, "Some words")
    return path, timed, day_only


def folio(db: Path, locale: dict[str, str], *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG",)}
    env.update(TZ="UTC", **locale)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _meta(shown: str) -> list[str]:
    """The parts of the line under the title in ``folio show``: source, author, date, length."""
    return shown.splitlines()[1].split(" · ")


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_dates_follow_the_locale_and_json_stays_iso(
    library: tuple[Path, int, int], lang: str
) -> None:
    db, timed, day_only = library
    day, full, only_day, only_full, fetched, highlighted, counted = EXPECTED[lang]
    locale = {"LANG": lang}

    listed = folio(db, locale, "list", "--limit", "2").splitlines()
    assert f" {day}" in listed[0] and "Heat pumps in winter" in listed[0]
    assert f" {only_day}" in listed[1] and "Mulching in spring" in listed[1]
    # The titles line up whatever the month is called.
    assert listed[0].index("Heat pumps") == listed[1].index("Mulching")

    assert full in _meta(folio(db, locale, "show", str(timed)))
    shown = _meta(folio(db, locale, "show", str(day_only)))
    assert only_full in shown
    # A day without a time shows no time, in any locale.
    assert not any(":" in part or "AM" in part or "PM" in part for part in shown)

    feeds = folio(db, locale, "feeds")
    assert feeds.splitlines()[0].endswith(f"0/0  {fetched}")
    [line, _quote] = folio(db, locale, "highlights").splitlines()
    assert f"  {highlighted} " in line and line.endswith("  Heat pumps in winter  [article 1]")
    assert f"{counted} articles" in folio(db, locale, "stats")

    # JSON is for programs: the same ISO dates under every locale.
    items = json.loads(folio(db, locale, "list", "--limit", "2", "--json"))
    assert [i["published"] for i in items] == ["2026-12-04T14:20:00Z", "2026-03-05"]
    [feed] = json.loads(folio(db, locale, "feeds", "--json"))
    assert feed["last_fetched"] == "2026-11-28T08:00:00Z"


def test_lc_all_then_lc_time_then_lang(library: tuple[Path, int, int]) -> None:
    db, timed, _ = library
    german = {"LANG": "en_US.UTF-8", "LC_TIME": "de_DE.UTF-8"}
    assert "4. Dezember 2026, 14:20" in _meta(folio(db, german, "show", str(timed)))
    plain = {"LANG": "de_DE.UTF-8", "LC_TIME": "de_DE.UTF-8", "LC_ALL": "C.UTF-8"}
    assert "2026-12-04 14:20" in _meta(folio(db, plain, "show", str(timed)))
    # A locale CLDR does not know keeps Folio's own form rather than failing.
    unknown = {"LANG": "xx_YY.UTF-8"}
    assert "2026-12-04 14:20" in _meta(folio(db, unknown, "show", str(timed)))


def test_locale_names_as_posix_reads_them() -> None:
    assert locale_name("LC_TIME", {"LANG": "de_DE.UTF-8"}) == "de_DE"
    assert locale_name("LC_TIME", {"LANG": "de_DE.UTF-8", "LC_TIME": "en_GB"}) == "en_GB"
    assert locale_name("LC_NUMERIC", {"LC_TIME": "en_GB", "LANG": "de_AT@euro"}) == "de_AT"
    assert locale_name("LC_TIME", {"LC_ALL": "POSIX", "LANG": "de_DE.UTF-8"}) is None
    assert locale_name("LC_TIME", {"LC_ALL": "", "LANG": "C.UTF-8"}) is None
    assert locale_name("LC_TIME", {}) is None


def test_the_sync_line_and_counts_in_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    status = AccountStatus(
        url="https://rss.example.org",
        username="alice",
        status="ok",
        message=None,
        last_success=TIMED,
        last_attempt=TIMED,
        pending=2,
        password_in="file",
        labels=None,
    )
    assert status.line(when=day_and_time).startswith("Synced 4. Dezember 2026, ")
    assert count(1_234_567) == "1.234.567"
    # A missing date keeps its column blank, as wide as the locale's widest day.
    assert day_column(None) == " " * len("28. Sept. 2026")
    # CLDR's narrow no-break space ("2:20 PM") is a plain space on the terminal.
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    american = day_and_time(TIMED)
    assert american.endswith((" AM", " PM")) and "\u202f" not in american
