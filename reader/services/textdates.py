"""Dates written in running text, in the forms people and sites use in many languages.

``03.11.2025``, ``03.11.2025 09:15 Uhr``, ``3. November 2025``, ``November 3, 2025``,
``3 novembre 2025``, ``3 de noviembre de 2025``, ``2025-11-03T09:15:00+01:00``, ``Nov 3, 2025``,
``03-Nov-2025``, ``11/03/2025`` (month first only for English, where that is the custom; day
first elsewhere, and whenever the first number cannot be a month).

A time written with its zone ("+01:00", "Z", "CET", "EDT") is kept in that zone. A time
without one is read in the zone the page implies (:func:`implied_zone`: its country's domain,
its language's region, or a language spoken in one zone), else in the user's own. A date
without a time stays a date: :attr:`FoundDate.has_time` says so, and :meth:`FoundDate.moment`
places it at noon UTC, which is the same day almost everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
# Zone names written after a time, and their offsets from UTC in hours.
_ZONE_NAMES = {
    "cet": 1, "cest": 2, "mez": 1, "mesz": 2, "wet": 0, "west": 1, "eet": 2, "eest": 3,
    "bst": 1, "gmt": 0, "utc": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6,
    "mdt": -6, "mst": -7, "pdt": -7, "pst": -8, "aest": 10, "aedt": 11, "jst": 9,
}  # fmt: skip
_ZONE = (
    r"(?P<tz>(?<=\d)z|(?:utc|gmt)\s*[+-]\d{1,2}(?::?[0-5]\d)?|[+-][01]\d:?[0-5]\d|"
    r"cest|cet|mesz|mez|west|wet|eest|eet|bst|gmt|utc|edt|est|cdt|cst|mdt|mst|pdt|pst|"
    r"aest|aedt|jst)(?![a-z])"
)
_CLOCK = (
    r"(?P<hour>[0-2]?\d)[:h.](?P<minute>[0-5]\d)(?!\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?"
    rf"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:{_ZONE})?(?:\s*uhr)?"
)
# A time after a date: "3.11.2025 09:15 Uhr", "3 March 2025, 14:20", "March 3, 2025 at 2 pm",
# "03.11.2025 | 09:15", "2025-11-03T09:15:00+01:00".
_TIME = (
    r"(?:(?:\s+(?:um|at|a|a las|alle|om|kl\.?|o|-)\s+|\s*[,|•·–—/]?\s*|t)"
    rf"{_CLOCK})?"
)
# A time before a date: "11:32 Uhr, 24.10.2024", "11:32 AM EDT, Thu October 24, 2024".
_TIME_BEFORE = re.compile(
    rf"{_CLOCK}\s*(?:[,|•·–—/-]|\s)\s*(?:[^\W\d_]{{2,10}}\.?,?\s+)?$", re.IGNORECASE
)
_TIME_BEFORE_REACH = 40

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
_NOON = time(12)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a text: where it was (character offsets), its day, and the time of
    day and zone written with it, if any."""

    start: int
    end: int
    day: date
    clock: time | None = None
    zone: tzinfo | None = None

    @property
    def has_time(self) -> bool:
        return self.clock is not None

    def local(self, zone: tzinfo | None = None) -> datetime:
        """The date as the page means it: a time in the zone written with it, else in
        ``zone`` (the page's, see :func:`implied_zone`), else in the user's own; a date
        without a time at the start of its day, in ``zone`` or UTC."""
        if self.clock is None:
            return datetime.combine(self.day, time(), self.zone or zone or UTC)
        naive = datetime.combine(self.day, self.clock)
        stated = self.zone or zone
        return naive.replace(tzinfo=stated) if stated is not None else naive.astimezone()

    def moment(self, zone: tzinfo | None = None) -> datetime:
        """The date in UTC, as the library stores it: a date without a time at its noon."""
        if self.clock is None:
            return datetime.combine(self.day, _NOON, UTC)
        return self.local(zone).astimezone(UTC)


def _fold(text: str) -> str:
    """Lower case without accents, so "Août" and "März" match their plain spellings. Length
    is kept, so offsets into the folded text are offsets into the original."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0] if char.isalpha() else char
        out.append(base.lower() if len(base.lower()) == 1 else char)
    return "".join(out)


def _zone(value: str | None) -> tzinfo | None:
    if not value:
        return None
    value = value.lower().replace(" ", "")
    if value in _ZONE_NAMES:
        hours = _ZONE_NAMES[value]
        return UTC if hours == 0 else timezone(timedelta(hours=hours))
    value = value.removeprefix("utc").removeprefix("gmt")
    sign = 1 if value[0] == "+" else -1
    digits = value[1:].replace(":", "")
    hour_digits, minute_digits = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
    offset = timedelta(hours=int(hour_digits), minutes=int(minute_digits))
    return UTC if not offset else timezone(sign * offset)


def _clock(match: re.Match[str]) -> time | None:
    if match.group("hour") is None:
        return None
    hour = int(match.group("hour"))
    minute = int(match.group("minute"))
    second = int(match.group("second") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    return time(hour, minute, second)


def _build(match: re.Match[str], year: int, month: int, day: int, folded: str) -> FoundDate | None:
    try:
        found_day = date(year, month, day)
    except ValueError:
        return None
    clock = _clock(match)
    zone = _zone(match.group("tz")) if clock is not None else None
    start = match.start()
    if clock is None:
        # "11:32 AM EDT, Thu October 24, 2024": the time written before the date.
        before = _TIME_BEFORE.search(folded[max(0, start - _TIME_BEFORE_REACH) : start])
        if before is not None:
            clock = _clock(before)
            zone = _zone(before.group("tz")) if clock is not None else None
            if clock is not None:
                start -= len(before.group(0))
    return FoundDate(start, match.end(), found_day, clock, zone)


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
            date_found = _build(match, year, month, day, folded)
            if date_found is not None and not any(
                date_found.start < other.end and other.start < date_found.end for other in found
            ):
                found.append(date_found)
    return sorted(found, key=lambda item: item.start)


_CLOCK_ONLY = re.compile(rf"^\W*(?:um|at|a las|à|alle|om|kl\.?)?\s*{_CLOCK}\W*$", re.IGNORECASE)


def with_clock_from(found: FoundDate, text: str) -> FoundDate:
    """``found`` with the time of day that ``text`` holds alone ("11:32 Uhr", "2:20 pm"): a
    page saved as text often puts a date and its time on lines of their own."""
    if found.clock is not None:
        return found
    match = _CLOCK_ONLY.match(_fold(text.strip()))
    clock = _clock(match) if match else None
    if match is None or clock is None:
        return found
    return FoundDate(found.start, found.end, found.day, clock, _zone(match.group("tz")))


def parse_date(
    text: str, language: str | None = None, zone: tzinfo | None = None
) -> datetime | None:
    """The first date written in ``text`` in UTC (see :meth:`FoundDate.moment`), or
    ``None``."""
    dates = find_dates(text, language)
    return dates[0].moment(zone) if dates else None


# Countries in one time zone (or one for most of their people), by their domain and region
# code. Countries that span several zones (the US, Canada, Australia, Brazil, Russia …) imply
# none: their pages' times are read in the user's zone.
_COUNTRY_ZONES = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "li": "Europe/Vaduz",
    "fr": "Europe/Paris", "be": "Europe/Brussels", "nl": "Europe/Amsterdam",
    "lu": "Europe/Luxembourg", "it": "Europe/Rome", "es": "Europe/Madrid",
    "pt": "Europe/Lisbon", "uk": "Europe/London", "gb": "Europe/London", "ie": "Europe/Dublin",
    "pl": "Europe/Warsaw", "cz": "Europe/Prague", "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "gr": "Europe/Athens",
    "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "hr": "Europe/Zagreb",
    "si": "Europe/Ljubljana", "rs": "Europe/Belgrade", "ee": "Europe/Tallinn",
    "lv": "Europe/Riga", "lt": "Europe/Vilnius", "ua": "Europe/Kyiv", "tr": "Europe/Istanbul",
    "il": "Asia/Jerusalem", "in": "Asia/Kolkata", "jp": "Asia/Tokyo", "kr": "Asia/Seoul",
    "sg": "Asia/Singapore", "hk": "Asia/Hong_Kong", "tw": "Asia/Taipei",
    "nz": "Pacific/Auckland", "za": "Africa/Johannesburg", "is": "Atlantic/Reykjavik",
}  # fmt: skip
# Languages spoken in one zone, or in neighbouring countries that share it (French: France,
# Belgium, Switzerland and Luxembourg far outnumber the pages from elsewhere).
_LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "nl": "Europe/Amsterdam", "it": "Europe/Rome",
    "pl": "Europe/Warsaw",
    "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest",
    "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo",
    "nn": "Europe/Oslo", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "el": "Europe/Athens",
    "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "hr": "Europe/Zagreb",
    "sl": "Europe/Ljubljana", "et": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius", "uk": "Europe/Kyiv", "tr": "Europe/Istanbul",
    "he": "Asia/Jerusalem", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "is": "Atlantic/Reykjavik",
}  # fmt: skip


@lru_cache(maxsize=64)
def _zone_named(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def implied_zone(url: str | None, language: str | None) -> tzinfo | None:
    """The time zone a page implies for times it writes without one: its country's domain
    (".de" → Europe/Berlin), else the region of its language tag ("en-GB"), else a language
    spoken in one zone ("de"). ``None`` when nothing says: the user's own zone applies."""
    host = (urlsplit(url).hostname or "") if url else ""
    country = host.rsplit(".", 1)[-1] if "." in host else ""
    if country in _COUNTRY_ZONES:
        return _zone_named(_COUNTRY_ZONES[country])
    code = (language or "").replace("_", "-").lower().split("-")
    if len(code) > 1 and code[1] in _COUNTRY_ZONES:
        return _zone_named(_COUNTRY_ZONES[code[1]])
    if code[0] in _LANGUAGE_ZONES:
        return _zone_named(_LANGUAGE_ZONES[code[0]])
    return None
