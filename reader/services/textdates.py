"""Dates written in running text, in the forms people and sites use in many languages.

``03.11.2025``, ``03.11.2025 09:15 Uhr``, ``3. November 2025``, ``November 3, 2025``,
``3 novembre 2025``, ``3 de noviembre de 2025``, ``2025-11-03T09:15:00+01:00``, ``Nov 3, 2025``,
``03-Nov-2025``, ``11/03/2025`` (month first only for English, where that is the custom; day
first elsewhere, and whenever the first number cannot be a month).

A date with no time zone is taken as UTC: a saved text says nothing about where it was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

# Month names and their usual abbreviations, lower case without accents, per language. The
# genitive forms (Polish, Czech, Russian …) are what follows a day number.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jaenner", "janner", "janvier", "janv", "enero", "ene",
        "gennaio", "gen", "janeiro", "januari", "stycznia", "styczen", "ledna", "leden",
        "ocak", "januar", "tammikuuta", "janvāris", "января", "январь", "ιανουαριου"),
    2: ("february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "febbraio",
        "fevereiro", "februari", "lutego", "luty", "unora", "unor", "subat", "helmikuuta",
        "февраля", "февраль", "φεβρουαριου"),
    3: ("march", "mar", "marz", "maerz", "mars", "marzo", "marco", "maart", "marca", "marzec",
        "brezna", "brezen", "mart", "maaliskuuta", "марта", "март", "μαρτιου"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecien",
        "dubna", "duben", "nisan", "huhtikuuta", "апреля", "апрель", "απριλιου"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "kvetna",
        "kveten", "mayis", "toukokuuta", "мая", "май", "μαιου"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca",
        "czerwiec", "cervna", "cerven", "haziran", "kesakuuta", "июня", "июнь", "ιουνιου"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca",
        "lipiec", "cervence", "cervenec", "temmuz", "heinakuuta", "июля", "июль", "ιουλιου"),
    8: ("august", "aug", "aout", "agosto", "ago", "augustus", "augusti", "sierpnia",
        "sierpien", "srpna", "srpen", "agustos", "elokuuta", "августа", "август",
        "αυγουστου"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro",
        "wrzesnia", "wrzesien", "zari", "eylul", "syyskuuta", "сентября", "сентябрь",
        "σεπτεμβριου"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
         "outubro", "out", "pazdziernika", "pazdziernik", "rijna", "rijen", "ekim",
         "lokakuuta", "октября", "октябрь", "οκτωβριου"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad",
         "kasim", "marraskuuta", "ноября", "ноябрь", "νοεμβριου"),
    12: ("december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dicembre",
         "dezembro", "desember", "grudnia", "grudzien", "prosince", "prosinec", "aralik",
         "joulukuuta", "декабря", "декабрь", "δεκεμβριου"),
}  # fmt: skip

_MONTHS: dict[str, int] = {}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names:
        _MONTHS.setdefault(_name, _number)

# Longest first, so "september" wins over "sep" and "marz" over "mar".
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_ALT})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th|er|e|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:(?:\s+(?:um|at|a|a las|alle|om|kl\.?|o|-)\s+|\s*,?\s*|T)"
    r"(?P<hour>[0-2]?\d)[:h.](?P<minute>[0-5]\d)(?!\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-][01]\d:?[0-5]\d)?(?:\s*uhr)?)?"
)

_PATTERNS = [
    # 2025-11-03, 2025/11/03, 2025.11.03, with an optional time (ISO 8601 and friends)
    re.compile(rf"\b{_YEAR}[-/.](?P<nmonth>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d){_TIME}", re.I),
    # 03.11.2025, 3/11/2025, 11-03-2025
    re.compile(
        rf"\b(?P<first>[0-3]?\d)(?P<sep>[./-])(?P<second_>[0-3]?\d)(?P=sep){_YEAR}\b{_TIME}",
        re.I,
    ),
    # 3. November 2025, 3 novembre 2025, 3 de noviembre de 2025, 3rd of November, 2025
    re.compile(
        rf"\b{_DAY}\s*(?:de\s+|of\s+)?{_MONTH}\s*,?\s*(?:de\s+|del\s+)?{_YEAR}\b{_TIME}",
        re.I,
    ),
    # November 3, 2025; Nov. 3rd 2025
    re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}\b{_TIME}", re.I),
    # 03-Nov-2025, 04-ago-2021 (logs, forums, some content systems)
    re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b{_TIME}", re.I),
]


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a text, where it was (character offsets) and whether it had a time."""

    value: datetime
    start: int
    end: int
    has_time: bool


def _fold(text: str) -> str:
    """Lower case without accents, so "Août" and "März" match their plain spellings. Length
    is kept, so offsets into the folded text are offsets into the original."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0] if char.isalpha() else char
        out.append(base.lower() if len(base.lower()) == 1 else char)
    return "".join(out)


def _timezone(value: str | None) -> timezone:
    if not value or value.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = 1 if value[0] == "+" else -1
    digits = value[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _build(
    match: re.Match[str], year: int, month: int, day: int, language: str | None
) -> FoundDate | None:
    hour = minute = second = 0
    has_time = match.group("hour") is not None
    if has_time:
        hour = int(match.group("hour"))
        minute = int(match.group("minute"))
        second = int(match.group("second") or 0)
        ampm = (match.group("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    try:
        value = datetime(
            year, month, day, hour, minute, second, tzinfo=_timezone(match.group("tz"))
        )
    except ValueError:
        return None
    return FoundDate(value.astimezone(UTC), match.start(), match.end(), has_time)


def _numeric_order(first: int, second: int, language: str | None) -> tuple[int, int] | None:
    """(month, day) of two numbers written before a year."""
    if first > 12 and second <= 12:
        return second, first
    if second > 12 and first <= 12:
        return first, second
    if first > 12 or second > 12:
        return None
    if language == "en":
        return first, second
    return second, first


def find_dates(text: str, language: str | None = None) -> list[FoundDate]:
    """Every date written in ``text``, in order of position (overlaps resolved to the first)."""
    if not _ANY_YEAR.search(text):
        return []  # every form below has a year; most lines have none
    folded = _fold(text)
    found: list[FoundDate] = []
    for index, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(folded):
            year = int(match.group("year"))
            if index == 0:
                month, day = int(match.group("nmonth")), int(match.group("day"))
            elif index == 1:
                if match.group("sep") == ".":
                    order: tuple[int, int] | None = (
                        int(match.group("second_")),
                        int(match.group("first")),
                    )
                else:
                    order = _numeric_order(
                        int(match.group("first")), int(match.group("second_")), language
                    )
                if order is None:
                    continue
                month, day = order
            else:
                month, day = _MONTHS[match.group("month").lower()], int(match.group("day"))
            date = _build(match, year, month, day, language)
            if date is not None and not any(
                date.start < other.end and other.start < date.end for other in found
            ):
                found.append(date)
    return sorted(found, key=lambda date: date.start)


def parse_date(text: str, language: str | None = None) -> datetime | None:
    """The first date written in ``text`` (timezone-aware, UTC), or ``None``."""
    dates = find_dates(text, language)
    return dates[0].value if dates else None
