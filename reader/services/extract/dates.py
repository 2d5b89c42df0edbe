"""The publication date of a page: under the headline, in the URL, in the metadata."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from urllib.parse import urlsplit

import lxml.html

from reader.services.extract.facts import PageFacts, clean, words_of
from reader.services.textdates import find_dates, implied_zone

# -- dates -----------------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_UPDATED = re.compile(r"(updat|modifi|revis|aktualisiert|mis à jour)\w*\W*(on|am|le)?\W*$", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|$|-)")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "pubdate",
    "publishdate",
    "publish-date",
    "datepublished",
    "date",
    "dc.date",
    "dcterms.created",
)
# A byline date is printed right under the headline; further down dates belong to other things.
_BYLINE_REACH = 300
_KICKER_REACH = 60


@dataclass(frozen=True, slots=True)
class PageDate:
    """A publication date as the page means it. ``local`` is in the zone the page states,
    else the one it implies, else the user's own (so its calendar day is the page's); a page
    that gives only a day is ``date_only``, at the start of that day. ``utc`` is what the
    library stores: a day without a time at its noon, the same day almost everywhere."""

    local: datetime
    source: str
    date_only: bool = False

    @property
    def utc(self) -> datetime:
        if self.date_only:
            return datetime.combine(self.local.date(), time(12), UTC)
        return self.local.astimezone(UTC)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# dateutil fills in what a string leaves out from a default; two defaults with different
# times tell whether the string had a time of its own.
_MIDNIGHT = datetime(2000, 1, 1)
_ODD_TIME = datetime(2000, 1, 1, 13, 37, 11)


def read_date(
    value: str, *, day_first: bool = False, zone: tzinfo | None = None, source: str = ""
) -> PageDate | None:
    """A date or date-time string in any common spelling; ``None`` when it is not one. A time
    without a zone is read in ``zone`` (the page's), else in the user's own."""
    from dateutil import parser as date_parser

    text = clean(value)
    if not text or not re.search(r"\d", text):
        return None
    if _ISO_DAY.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return _checked(datetime.combine(day, time(), zone or UTC), source, date_only=True)
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}.*", text):
        day_first = True
    try:
        parsed = date_parser.parse(text, dayfirst=day_first, fuzzy=True, default=_MIDNIGHT)
        probe = date_parser.parse(text, dayfirst=day_first, fuzzy=True, default=_ODD_TIME)
    except (ValueError, OverflowError):
        return None
    if (parsed.hour, parsed.minute) != (probe.hour, probe.minute):
        day_only = parsed.replace(tzinfo=parsed.tzinfo or zone or UTC)
        return _checked(day_only, source, date_only=True)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone) if zone is not None else parsed.astimezone()
    return _checked(parsed, source)


def _checked(value: datetime, source: str, *, date_only: bool = False) -> PageDate | None:
    if not 1990 <= value.year <= datetime.now(UTC).year + 1:
        return None
    return PageDate(value, source, date_only)


def parse_date(
    value: str, *, day_first: bool = False, zone: tzinfo | None = None
) -> datetime | None:
    """:func:`read_date` as the library stores it (UTC; a day without a time at noon)."""
    found = read_date(value, day_first=day_first, zone=zone)
    return found.utc if found else None


def _day_first(lang: str | None) -> bool:
    """Whether ``03/10/2023`` is the 3rd of October where the page comes from: everywhere
    but in American English."""
    code = (lang or "").replace("_", "-").lower()
    return bool(code) and code not in ("en", "en-us") and not code.startswith("en-us")


_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b")
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+(?:19|20)\d\d\b", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.I)


def _visible_dates(
    text: str, *, day_first: bool, zone: tzinfo | None
) -> list[tuple[int, int, PageDate]]:
    """The dates written in ``text`` as ``(start, end, date)``, in order, in any of the
    languages :mod:`reader.services.textdates` reads, with the time written beside them."""
    # textdates puts the month first in "03/10/2023" for English only.
    found = find_dates(text, None if day_first else "en")
    return [
        (item.start, item.end, PageDate(item.local(zone), "byline", not item.has_time))
        for item in found
    ]


def _ambiguous_english(lang: str | None) -> bool:
    """ "en" (or nothing) says English but not whose: "03/10/2023" could be either day."""
    code = (lang or "").replace("_", "-").lower()
    return code in ("", "en")


def _writes_day_first(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page writes its dates in words day first ("9 December 2024") more often
    than month first ("December 9, 2024"): its numeric dates then put the day first too."""
    body = tree.find("body")
    text = body.text_content() if body is not None else ""
    return len(_DAY_MONTH.findall(text)) > len(_MONTH_DAY.findall(text))


def _byline_text(tree: lxml.html.HtmlElement, heading: str | None, reach: int) -> str:
    """The text printed right after the page's headline (where bylines and dates go)."""
    body = tree.find("body")
    if body is None:
        return ""
    h1s = list(body.iter("h1"))
    if not h1s:
        return ""
    wanted = words_of(heading or "")
    start = next((h for h in h1s if wanted and words_of(h.text_content()) == wanted), h1s[0])
    before: list[str] = []
    pieces: list[str] = []
    size = 0
    started = False
    for el in body.iter():
        if el is start:
            started = True
            if el.tail:
                pieces.append(el.tail)
            continue
        if start in el.iterancestors():
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            continue
        for part in (el.text, el.tail):
            if part and part.strip():
                (pieces if started else before).append(part.strip())
                size += len(part.strip()) + 1 if started else 0
        if size > reach:
            break
    # A kicker line above the headline ("News · 3 March 2025") counts as part of the byline.
    lead = " ".join(before)[-_KICKER_REACH:] if before else ""
    return (lead + " | " if lead else "") + " ".join(pieces)[:reach]


def _jsonld_published(facts: PageFacts, zone: tzinfo | None) -> PageDate | None:
    for obj in facts.articles():
        for key in ("datePublished", "dateCreated", "uploadDate"):
            stated = obj.get(key)
            if isinstance(stated, str):
                found = read_date(stated, zone=zone, source="json-ld")
                if found:
                    return found
    return None


def _meta_published(facts: PageFacts, zone: tzinfo | None) -> PageDate | None:
    for name in _PUBLISHED_META:
        for value in facts.meta.get(name, ()):
            found = read_date(value, zone=zone, source="meta")
            if found:
                return found
    return None


def _meta_modified(facts: PageFacts, zone: tzinfo | None) -> PageDate | None:
    for name in ("article:modified_time", "og:updated_time", "datemodified", "last-modified"):
        for value in facts.meta.get(name, ()):
            found = read_date(value, zone=zone, source="meta")
            if found:
                return found
    return None


def _time_elements(facts: PageFacts, zone: tzinfo | None) -> list[PageDate]:
    found = (read_date(value, zone=zone, source="time") for value in facts.times)
    return [item for item in found if item is not None]


def _earlier_publication(
    found: PageDate, published: PageDate | None, modified: PageDate | None
) -> PageDate | None:
    """``published`` when ``found`` is the page's modification date and the page states an
    earlier publication date; otherwise None."""
    if published is None or modified is None:
        return None
    return published if _same_day(found, modified) and published.utc < modified.utc else None


# The zones furthest from UTC either way: a day shown without a time starts at its midnight
# 14 hours ahead of UTC and ends at its midnight 12 hours behind.
_EARLIEST_ZONE = timedelta(hours=14)
_LATEST_ZONE = timedelta(hours=12)


def _same_day(shown: PageDate, moment: PageDate) -> bool:
    """Whether ``moment`` falls on the day ``shown``. A day printed without a time is in the
    site's own zone, which its metadata need not state ("2023-09-28T00:49Z" is the 27th in
    New York): any moment of that day somewhere on Earth counts."""
    if not shown.date_only:
        return shown.local.date() == moment.local.date()
    start = datetime.combine(shown.local.date(), time(), UTC) - _EARLIEST_ZONE
    end = datetime.combine(shown.local.date(), time(), UTC) + timedelta(days=1) + _LATEST_ZONE
    return start <= moment.utc < end


def _with_time(day: PageDate, stated: Sequence[PageDate | None]) -> PageDate:
    """A day shown without a time takes the time the page states for that day elsewhere
    (its metadata, its ``<time>`` elements)."""
    if not day.date_only:
        return day
    for other in stated:
        if other is not None and not other.date_only and other.local.date() == day.local.date():
            return replace(other, source=day.source)
    return day


def find_date(
    tree: lxml.html.HtmlElement,
    facts: PageFacts,
    url: str | None,
    *,
    heading: str | None,
    fallback: Callable[[], str | None] | None,
) -> PageDate | None:
    """The publication date: under the headline, in the URL, in the metadata, then
    ``<time>`` elements, ``fallback`` (htmldate's guess, asked only when needed) and JSON-LD.
    Times without a zone are read in the zone the page implies."""
    zone = implied_zone(url, facts.lang)
    byline = _byline_text(tree, heading, _BYLINE_REACH)
    day_first = _day_first(facts.lang)
    if not day_first and _NUMERIC_DATE.search(byline) and _ambiguous_english(facts.lang):
        day_first = _writes_day_first(tree)
    published = _meta_published(facts, zone)
    times = _time_elements(facts, zone)
    updated: PageDate | None = None
    shown: list[tuple[int, int, PageDate]] = []
    for start, end, written in _visible_dates(byline, day_first=day_first, zone=zone):
        if _UPDATED.search(byline[max(0, start - 30) : start]):
            # "Updated on …": the publication date, when the page states it, is better.
            updated = updated or written
            continue
        shown.append((start, end, written))
    if shown:
        _, end, best = shown[0]
        # "May 21, 2025 April 24, 2025": an updated and a published date side by side, the
        # label left to an icon; the earlier one is the publication.
        for next_start, next_end, other in shown[1:]:
            if next_start - end > 25:
                break
            best, end = min((best, other), key=lambda item: item.utc), next_end
        # A date shown without a label that is the page's modification date is an update
        # stamp; the metadata's earlier publication date is the one wanted.
        earlier = _earlier_publication(best, published, _meta_modified(facts, zone))
        if earlier is not None:
            return earlier
        return _with_time(best, [published, _jsonld_published(facts, zone), *times])
    if url:
        url_match = _URL_DATE.search(urlsplit(url).path)
        if url_match:
            found = read_date("-".join(url_match.groups()), zone=zone, source="url")
            if found:
                return _with_time(found, [published, _jsonld_published(facts, zone), *times])
    if published is not None:
        return published
    if updated is not None:
        return _with_time(updated, times)
    if times:
        return times[0]
    guessed = fallback() if fallback is not None else None
    if guessed:
        found = read_date(guessed, zone=zone, source="htmldate")
        # htmldate answers "1 January" when all it found was a year (a copyright line).
        if found and (found.local.month, found.local.day) != (1, 1):
            # What htmldate found may be the page's modification date, with the publication
            # stated in the structured data.
            stated = _earlier_publication(
                found, _jsonld_published(facts, zone), _meta_modified(facts, zone)
            )
            return stated or _with_time(found, [_jsonld_published(facts, zone)])
    return _jsonld_published(facts, zone)
