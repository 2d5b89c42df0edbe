"""The publication date of a page: under the headline, in the URL, in the metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import lxml.html

from reader.services.extract.facts import PageFacts, clean, words_of

# -- dates -----------------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_VISIBLE_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d[-/]\d\d[-/]\d\d"
    r"|\d{1,2}/\d{1,2}/(?:19|20)\d\d"
    r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)\b",
    re.IGNORECASE,
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
    """A publication date as the page states it: ``local`` keeps the page's own offset (its
    calendar day), ``utc`` is what the library stores."""

    local: datetime
    source: str

    @property
    def utc(self) -> datetime:
        return self.local.astimezone(UTC)


def parse_date(value: str, *, day_first: bool = False) -> datetime | None:
    """A date or date-time string in any common spelling; ``None`` when it is not one.

    A date without a time is placed at noon UTC, so it shows as the same day everywhere."""
    from dateutil import parser as date_parser

    text = clean(value)
    if not text or not re.search(r"\d", text):
        return None
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}.*", text):
        day_first = True
    try:
        parsed = date_parser.parse(text, dayfirst=day_first, fuzzy=True, default=_NOON)
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if not 1990 <= parsed.year <= datetime.now(UTC).year + 1:
        return None
    return parsed


_NOON = datetime(2000, 1, 1, 12, 0)


def _day_first(lang: str | None) -> bool:
    """Whether ``03/10/2023`` is the 3rd of October where the page comes from: everywhere
    but in American English."""
    code = (lang or "").replace("_", "-").lower()
    return bool(code) and code not in ("en", "en-us") and not code.startswith("en-us")


_DAY_MONTH_NAME = re.compile(r"\b\d{1,2}(?:\.\s*|\s+|-)[^\W\d_]{3,10}\.?(?:\s+|-)(?:19|20)\d\d\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b")
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+(?:19|20)\d\d\b", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.I)


def _visible_dates(
    text: str, *, day_first: bool, lang: str | None
) -> list[tuple[int, int, datetime]]:
    """The dates written in ``text`` as ``(start, end, date)``, in order: English spellings,
    and a day and a month name in another language ("3. März 2025", "04-ago-2021")."""
    found = []
    for match in _VISIBLE_DATE.finditer(text):
        value = parse_date(match.group(), day_first=day_first)
        if value is not None:
            found.append((match.start(), match.end(), value))
    foreign = [m for m in _DAY_MONTH_NAME.finditer(text) if not _VISIBLE_DATE.fullmatch(m[0])]
    if foreign:
        from reader.services.textdates import parse_date as parse_text_date

        code = (lang or "").replace("_", "-").split("-")[0].lower() or None
        for match in foreign:
            # Only a real month name counts: "5 Things 2025" is no date.
            value = parse_text_date(match.group(), code)
            if value is not None and not any(
                match.start() < end and start < match.end() for start, end, _ in found
            ):
                found.append((match.start(), match.end(), value))
        found.sort(key=lambda item: item[0])
    return found


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


def _jsonld_published(facts: PageFacts) -> datetime | None:
    for obj in facts.articles():
        for key in ("datePublished", "dateCreated", "uploadDate"):
            stated = obj.get(key)
            if isinstance(stated, str):
                found = parse_date(stated)
                if found:
                    return found
    return None


def _meta_published(facts: PageFacts) -> datetime | None:
    for name in _PUBLISHED_META:
        for value in facts.meta.get(name, ()):
            found = parse_date(value)
            if found:
                return found
    return None


def _meta_modified(facts: PageFacts) -> datetime | None:
    for name in ("article:modified_time", "og:updated_time", "datemodified", "last-modified"):
        for value in facts.meta.get(name, ()):
            found = parse_date(value)
            if found:
                return found
    return None


def _earlier_publication(
    found: datetime, published: datetime | None, modified: datetime | None
) -> datetime | None:
    """``published`` when ``found`` is the page's modification date and the page states an
    earlier publication date; otherwise None."""
    if published is None or modified is None:
        return None
    return published if found.date() == modified.date() and published < modified else None


def find_date(
    tree: lxml.html.HtmlElement,
    facts: PageFacts,
    url: str | None,
    *,
    heading: str | None,
    fallback: str | None,
) -> PageDate | None:
    """The publication date: under the headline, in the URL, in the metadata, then
    ``fallback`` (htmldate's guess, through trafilatura) and ``<time>`` elements."""
    byline = _byline_text(tree, heading, _BYLINE_REACH)
    day_first = _day_first(facts.lang)
    if not day_first and _NUMERIC_DATE.search(byline) and _ambiguous_english(facts.lang):
        day_first = _writes_day_first(tree)
    updated: datetime | None = None
    shown: list[tuple[int, int, datetime]] = []
    for start, end, written in _visible_dates(byline, day_first=day_first, lang=facts.lang):
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
            best, end = min(best, other), next_end
        # A date shown without a label that is the page's modification date is an update
        # stamp; the metadata's earlier publication date is the one wanted.
        earlier = _earlier_publication(best, _meta_published(facts), _meta_modified(facts))
        if earlier is not None:
            return PageDate(earlier, "meta")
        return PageDate(best, "byline")
    if url:
        url_match = _URL_DATE.search(urlsplit(url).path)
        if url_match:
            found = parse_date("-".join(url_match.groups()))
            if found:
                return PageDate(found, "url")
    for name in _PUBLISHED_META:
        for value in facts.meta.get(name, ()):
            found = parse_date(value)
            if found:
                return PageDate(found, "meta")
    if updated is not None:
        return PageDate(updated, "byline")
    for value in facts.times:
        found = parse_date(value)
        if found:
            return PageDate(found, "time")
    if fallback:
        found = parse_date(fallback)
        # htmldate answers "1 January" when all it found was a year (a copyright line).
        if found and (found.month, found.day) != (1, 1):
            # What htmldate found may be the page's modification date, with the publication
            # stated in the structured data.
            stated = _earlier_publication(found, _jsonld_published(facts), _meta_modified(facts))
            if stated is not None:
                return PageDate(stated, "json-ld")
            return PageDate(found, "htmldate")
    stated = _jsonld_published(facts)
    if stated is not None:
        return PageDate(stated, "json-ld")
    return None
