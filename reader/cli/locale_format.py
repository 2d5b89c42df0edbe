"""Dates and counts as the user's locale writes them: "4. Dez. 2026" under German, "Dec 4, 2026"
under American English, "4 Dec 2026" under British English.

The locale is the one POSIX names for the category (``LC_ALL``, then ``LC_TIME`` or
``LC_NUMERIC``, then ``LANG``); the C and POSIX locales, and a locale CLDR does not know, keep
Folio's own form (``2026-12-04``, ``2026-12-04 14:20``), which scripts may read. Babel brings the
CLDR data with it, so a locale the system never generated still works. It is imported on the
first date printed: commands printing none (JSON output among them) do not pay for it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

from reader.core.local_time import as_local

if TYPE_CHECKING:
    from babel import Locale

# The day alone in the list columns, and with its month spelled out where one date stands alone.
_SHORT_DAY = "yMMMd"
_LONG_DAY = "long"

# CLDR keeps a time's parts together with no-break spaces ("2:20\u202fPM"); a terminal needs
# no such hint, and someone grepping the output types a plain space.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def locale_name(category: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The locale set for ``category`` (``"LC_TIME"``, ``"LC_NUMERIC"``), as ``de_DE``; None for
    the C or POSIX locale or none at all."""
    env = os.environ if environ is None else environ
    value = next((env[name] for name in ("LC_ALL", category, "LANG") if env.get(name)), "")
    name = value.split(".", 1)[0].split("@", 1)[0]
    return None if name in ("", "C", "POSIX") else name


@cache
def _locale(name: str | None) -> Locale | None:
    if name is None:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def _time_locale() -> Locale | None:
    return _locale(locale_name("LC_TIME"))


def _day_of(value: datetime, date_only: bool) -> datetime:
    # A day without a time is stored at its noon UTC: that day, wherever the reader is.
    return value.astimezone(UTC) if date_only else as_local(value)


def short_day(value: datetime, *, date_only: bool = False) -> str:
    """The day of ``value``: "4. Dez. 2026"; ``2026-12-04`` under the C locale."""
    day = _day_of(value, date_only)
    locale = _time_locale()
    if locale is None:
        return day.date().isoformat()
    from babel.dates import format_skeleton

    return format_skeleton(_SHORT_DAY, day, locale=locale).translate(_SPACES)


def day_and_time(value: datetime, *, date_only: bool = False) -> str:
    """A date standing alone, with its time unless only the day is known:
    "4. Dezember 2026, 14:20"; ``2026-12-04 14:20`` under the C locale."""
    moment = _day_of(value, date_only)
    locale = _time_locale()
    if locale is None:
        return moment.date().isoformat() if date_only else moment.strftime("%Y-%m-%d %H:%M")
    from babel.dates import format_date, format_time

    day = format_date(moment, _LONG_DAY, locale=locale)
    if date_only:
        return day.translate(_SPACES)
    # The medium glue joins them with a comma where the language does ("{1}, {0}"); the long
    # one would add words ("um", "at").
    glue = str(locale.datetime_formats["medium"])
    time = format_time(moment, "short", locale=locale)
    return glue.replace("{1}", day).replace("{0}", time).translate(_SPACES)


@cache
def _column_width(name: str | None) -> int:
    locale = _locale(name)
    if locale is None:
        return len("2026-12-04")
    from babel.dates import format_skeleton

    return max(
        display_width(format_skeleton(_SHORT_DAY, datetime(2026, month, 28), locale=locale))
        for month in range(1, 13)
    )


def day_column(value: datetime | None, *, date_only: bool = False) -> str:
    """:func:`short_day` padded to the widest day of the locale, so what follows lines up; blank
    for no date."""
    text = "" if value is None else short_day(value, date_only=date_only)
    width = _column_width(locale_name("LC_TIME"))
    return text + " " * max(0, width - display_width(text))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def count(number: int) -> str:
    """A count with the locale's digit grouping: "1.234" under German, "1,234" under English;
    ``1234`` under the C locale."""
    locale = _locale(locale_name("LC_NUMERIC"))
    if locale is None:
        return str(number)
    from babel.numbers import format_decimal

    return format_decimal(number, locale=locale).translate(_SPACES)
