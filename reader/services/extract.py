"""Article extraction from a web page: the article's own title, author, date and body.

No single library gets all of it right, so the parts are chosen by agreement:

- the body: trafilatura's article, unless readability-lxml found clearly more of it, or
  trafilatura's recall setting found the same article and half as much again (an article
  split over several containers); paragraphs the recall setting found between the article's
  own are put back. Blocks at either edge that neither readability nor trafilatura's
  precision setting took are dropped (a kicker, a "read this next" list, a sign-up form),
  and so is a second copy of the article printed for another layout. When nothing gives
  enough text, the whole sanitized page body is kept, and the notes say so.
- the title: the page's ``<h1>`` when a meta title (og:title, JSON-LD headline, ``<title>``)
  agrees with it, else the meta title with the site's name cut off.
- the date: the one shown under the headline, then the URL, the meta ``published`` fields,
  ``<time>`` elements, htmldate and JSON-LD.
"""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from reader.core.errors import ExtractionError
from reader.core.types import ExtractedPage
from reader.services.encoding import repair_mojibake
from reader.services.sanitize import html_to_text, sanitize_html

log = logging.getLogger(__name__)

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def _clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(text)]


# -- parsing -----------------------------------------------------------------------------------

# A ``</body>`` or ``</html>`` in the middle of a page (templates that close the document and
# then print more) makes libxml2 drop everything after it; browsers ignore it.
_EARLY_CLOSE = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _prepare_html(html: str) -> str:
    html = repair_mojibake(_XML_DECLARATION.sub("", html, count=1))
    return _EARLY_CLOSE.sub("", html)


def parse_html(html: str) -> lxml.html.HtmlElement:
    """An lxml tree of a whole page; raises :class:`ExtractionError` for non-HTML."""
    return _parse_prepared(_prepare_html(html))


def _parse_prepared(prepared: str) -> lxml.html.HtmlElement:
    if not prepared.strip():
        raise ExtractionError("the page is empty")
    try:
        tree = lxml.html.document_fromstring(prepared)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"the page is not readable HTML: {exc}") from exc
    return tree


# Collapsed sections (accordions, tabs, "read more" folds) hold the article's own text, which
# the page's script shows once the reader clicks them open. Hidden elements elsewhere (menus,
# pop-ups, templates) stay hidden.
_FOLDS = re.compile(
    r"accordi|collaps|tab-?pane|tabpanel|tab-content|faq|expand|toggle|reveal|read-?more|"
    r"show-?more|panel",
    re.IGNORECASE,
)
_FOLD_REACH = 3
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)
_HIDDEN = etree.XPath(
    "//*[@hidden or contains(translate(@style, 'DISPLAYNOE ', 'displaynoe'), 'display:none')]"
)


def _names(el: etree._Element) -> str:
    return " ".join((el.get("class") or "", el.get("id") or "", el.get("role") or ""))


def open_folds(tree: lxml.html.HtmlElement) -> bool:
    """Show the collapsed sections of a page (in place); returns whether there were any."""
    opened = False
    for el in _HIDDEN(tree):
        if not any(
            _FOLDS.search(_names(a)) for a in (el, *islice(el.iterancestors(), _FOLD_REACH))
        ):
            continue
        if el.get("hidden") is not None:
            del el.attrib["hidden"]
        style = el.get("style")
        if style is not None:
            el.set("style", _DISPLAY_NONE.sub("", style))
        opened = True
    return opened


# -- facts the page states about itself ----------------------------------------------------------


@dataclass
class PageFacts:
    """What a page says about itself in ``<head>``, JSON-LD and headings."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    title_tag: str = ""
    h1s: list[str] = field(default_factory=list)
    lang: str | None = None
    canonical: str | None = None
    saved_from: str | None = None
    times: list[str] = field(default_factory=list)

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    def articles(self) -> Iterator[dict[str, Any]]:
        """JSON-LD objects that describe a page's main content, most specific first."""
        ranked = sorted(self.jsonld, key=lambda obj: 0 if _is_article_type(obj) else 1)
        yield from ranked


_ARTICLE_TYPES = re.compile(
    r"(Article|BlogPosting|Posting|Report|NewsArticle|Review|Recipe|HowTo)$"
)


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def _is_article_type(obj: dict[str, Any]) -> bool:
    return any(_ARTICLE_TYPES.search(k) for k in _types(obj))


def _walk_jsonld(value: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            _walk_jsonld(item, out, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            out.append(value)
        graph = value.get("@graph")
        if graph is not None:
            _walk_jsonld(graph, out, depth + 1)
        main = value.get("mainEntity")
        if isinstance(main, dict | list):
            _walk_jsonld(main, out, depth + 1)


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)


def page_facts(tree: lxml.html.HtmlElement, html: str = "") -> PageFacts:
    facts = PageFacts()
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content is not None and content.strip():
            facts.meta.setdefault(key, []).append(_clean(content))
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except ValueError:
            continue
        _walk_jsonld(data, facts.jsonld)
    title = tree.find(".//title")
    if title is not None:
        facts.title_tag = _clean(title.text_content())
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            facts.h1s.append(text)
    root_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    facts.lang = root_lang or facts.first("og:locale", "content-language", "language") or None
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            facts.canonical = link.get("href", "").strip()
            break
    for el in tree.iter("time"):
        value = el.get("datetime")
        if value:
            facts.times.append(value.strip())
    match = _SAVED_FROM.search(html[:4096])
    if match:
        facts.saved_from = match.group(1)
    return facts


def _jsonld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return _clean(value) or None
    if isinstance(value, list):
        for item in value:
            found = _jsonld_text(item)
            if found:
                return found
    if isinstance(value, dict):
        return _jsonld_text(value.get("name"))
    return None


# -- site name and title -----------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»/~]|::)\s+")


def _squash(text: str) -> str:
    return "".join(_tokens(text))


def site_name(facts: PageFacts, url: str | None) -> str | None:
    name = facts.first("og:site_name", "application-name", "apple-mobile-web-app-title")
    if name:
        return name
    for obj in facts.articles():
        publisher = obj.get("publisher")
        found = _jsonld_text(publisher)
        if found:
            return found
    for obj in facts.jsonld:
        if "WebSite" in _types(obj) or "Organization" in _types(obj):
            found = _jsonld_text(obj.get("name"))
            if found:
                return found
    return None


def _domain(host: str) -> str:
    words = host.removeprefix("www.").split(".")
    return ("".join(words[:-1]) if len(words) > 1 else "".join(words)).replace("-", "")


def _is_site_part(part: str, site: str | None, host: str, *, slack: int = 100) -> bool:
    """Does ``part`` name the site (its name, or its domain give or take ``slack`` letters)?"""
    squashed = _squash(part)
    if not squashed:
        return True
    if site and (squashed == _squash(site) or squashed in _squash(site)):
        return True
    domain = _domain(host)
    if len(squashed) < 4 or not domain:
        return False
    return squashed in domain or (domain in squashed and len(squashed) <= len(domain) + slack)


def strip_site_name(title: str, site: str | None, url: str | None) -> str:
    """``Headline | Site`` → ``Headline`` (also ``Site - Headline``)."""
    host = (urlsplit(url).hostname or "") if url else ""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # Cut from the end, then from the start, while a part names the site.
    changed = True
    while changed and len(parts) > 1:
        changed = False
        if _is_site_part(parts[-1], site, host):
            title = title[: title.rfind(parts[-1])]
            title = _SEPARATORS_END.sub("", title)
            parts = parts[:-1]
            changed = True
        elif _is_site_part(parts[0], site, host):
            title = title[len(parts[0]) :]
            title = _SEPARATORS_START.sub("", title)
            parts = parts[1:]
            changed = True
    return title.strip()


_SEPARATORS_END = re.compile(r"\s*(?:[|\-–—:·•»/~]|::)\s*$")
_SEPARATORS_START = re.compile(r"^\s*(?:[|\-–—:·•»/~]|::)\s*")


def _meta_titles(facts: PageFacts, site: str | None, url: str | None) -> list[str]:
    found: list[str] = []
    headline = None
    for obj in facts.articles():
        if _is_article_type(obj):
            headline = _jsonld_text(obj.get("headline"))
            if headline:
                break
    for value in (facts.first("og:title"), headline, facts.first("twitter:title"), facts.title_tag):
        if value:
            stripped = strip_site_name(value, site, url)
            if stripped and stripped not in found:
                found.append(stripped)
    return found


_SEGMENT_BREAKS = re.compile(r"\s+(?:[|\-–—:·•»/~]|::)\s+|(?<=\w):\s+")


def _segments(title: str) -> tuple[list[str], list[str]]:
    """``A | B | C`` → prefixes ``A``, ``A | B`` and suffixes ``B | C``, ``C``."""
    prefixes: list[str] = []
    suffixes: list[str] = []
    for match in _SEGMENT_BREAKS.finditer(title):
        # "Blog name: Headline" has a suffix; "Headline: subtitle" keeps its subtitle.
        if match.group().startswith(" "):
            prefixes.append(title[: match.start()].strip())
        suffixes.append(title[match.end() :].strip())
    return prefixes, suffixes


def _contains(outer: list[str], inner: list[str]) -> bool:
    size = len(inner)
    return any(outer[i : i + size] == inner for i in range(len(outer) - size + 1))


def choose_title(facts: PageFacts, url: str | None, site: str | None) -> str:
    """The article's headline, in the spelling the page's metadata uses when they agree."""
    metas = _meta_titles(facts, site, url)
    raw_metas = [t for t in (facts.first("og:title"), facts.title_tag) if t]
    site_tokens = _tokens(site or "")
    host = (urlsplit(url).hostname or "") if url else ""
    h1s: list[str] = []
    for heading in dict.fromkeys(facts.h1s[:10]):
        h1 = strip_site_name(heading, site, url)
        tokens = _tokens(h1)
        # An <h1> holding the site's name (a logo) or a part the metadata titles cut off as
        # the site's is not the headline.
        if not tokens or tokens == site_tokens or _is_site_part(h1, site, host, slack=6):
            continue
        if any(_tokens(s) == tokens for t in raw_metas for s in _segments(t)[1]) and not any(
            _tokens(m) == tokens for m in metas
        ):
            continue
        h1s.append(h1)
    # An <h1> that a meta title confirms is the headline; the meta spelling wins because
    # headings are often styled (upper case, soft hyphens, a line break inside).
    for h1 in h1s:
        tokens = _tokens(h1)
        for meta in metas:
            if _tokens(meta) == tokens:
                return meta
    for h1 in h1s:
        tokens = _tokens(h1)
        for meta in metas:
            prefixes, suffixes = _segments(meta)
            for prefix in prefixes:
                if _tokens(prefix) == tokens:
                    return prefix
            for suffix in suffixes:
                if _tokens(suffix) == tokens:
                    return h1
    for h1 in h1s:
        tokens = _tokens(h1)
        for meta in metas:
            meta_tokens = _tokens(meta)
            # The heading adds a date or a byline around the headline (but a heading with a
            # subtitle of its own is the headline).
            if (
                len(meta_tokens) >= 3
                and _contains(tokens, meta_tokens)
                and not any(_tokens(p) == meta_tokens for p in _segments(h1)[0])
            ):
                return meta
            # The metadata adds an SEO tail after the headline.
            if len(tokens) >= 3 and meta_tokens[: len(tokens)] == tokens:
                return h1
    headings = [h for h in h1s if len(_tokens(h)) >= 3]
    if len(headings) == 1:
        return headings[0]
    if metas:
        return metas[0]
    return h1s[0] if h1s else ""


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

    text = _clean(value)
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
    wanted = _tokens(heading or "")
    start = next((h for h in h1s if wanted and _tokens(h.text_content()) == wanted), h1s[0])
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


# -- the article body ------------------------------------------------------------------------------

# Below this many words an extraction is "too little" and the next method is tried.
_MIN_WORDS = 40
# readability's version wins when its text not found in trafilatura's is at least this share
# of trafilatura's and reads as prose (words per paragraph), not as a list of links.
_EXTRA_SHARE = 0.2
_PROSE_WORDS = 8
# ... or, whatever it adds, when it also holds this share of trafilatura's article.
_SAME_ARTICLE = 0.8


@dataclass(frozen=True, slots=True)
class _Body:
    html: str
    text: str
    method: str
    words: int


def _body_from(html: str, method: str, base_url: str | None) -> _Body:
    clean = sanitize_html(html, base_url)
    text = html_to_text(clean)
    return _Body(clean, text, method, len(_WORD.findall(text)))


def _trafilatura(
    prepared: str,
    url: str | None,
    tree: lxml.html.HtmlElement,
    *,
    metadata: bool = True,
    favor: str | None = None,
) -> tuple[_Body | None, Any]:
    import trafilatura
    from trafilatura.htmlprocessing import build_html_output

    try:
        # Asking trafilatura for links, images or formatting changes which parts it takes
        # for the article (for the worse, on the dev set); they are put back afterwards from
        # the page itself.
        document = trafilatura.bare_extraction(
            prepared,
            url=url,
            with_metadata=metadata,
            include_comments=False,
            include_tables=True,
            favor_precision=favor == "precision",
            favor_recall=favor == "recall",
        )
    except Exception:
        # trafilatura raises assorted errors on odd markup; the other methods still run.
        log.warning("trafilatura failed on %s", url or "a page", exc_info=True)
        return None, None
    if not isinstance(document, trafilatura.settings.Document) or document.body is None:
        return None, None
    _mend_lists(document.body)
    _mend_cells(document.body)
    html = restore_markup(build_html_output(document), tree)
    method = "trafilatura" if favor is None else f"trafilatura ({favor})"
    return _body_from(html, method, url), document


def _mend_lists(body: etree._Element) -> None:
    """Keep ordered lists ordered: trafilatura's HTML output turns every list into ``<ul>``,
    which loses the numbers of a list of steps or a ranking."""
    for listing in body.iter("list"):
        if listing.get("rend") == "ol":
            listing.tag = "ol"
            listing.attrib.clear()


def _mend_cells(body: etree._Element) -> None:
    """Put table cells trafilatura left outside any table (a spec table inside a list item)
    back into rows. An HTML parser drops such cells' tags, which glued "Resolution" and
    "Up to 2K" into one word. A header cell starts a row."""
    orphans = [cell for cell in body.iter("td", "th") if cell.getparent().tag not in ("row", "tr")]
    left = set(orphans)
    for cell in orphans:
        if cell not in left:
            continue
        run = [cell]
        following = cell.getnext()
        while following in left and not (run[-1].tail or "").strip():
            run.append(following)
            following = following.getnext()
        left.difference_update(run)
        table = etree.Element("table")
        cell.addprevious(table)
        row: etree._Element | None = None
        for member in run:
            if row is None or member.tag == "th":
                row = etree.SubElement(table, "row")
            if member.tag == "th":
                member.set("role", "head")
            member.tag = "cell"
            table.tail, member.tail = member.tail, None
            row.append(member)


# Elements whose inline content (links, emphasis, code) is copied back into the article.
_RESTORED = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd",
             "dt", "figcaption", "pre")  # fmt: skip
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")


def _image_source(img: etree._Element) -> str | None:
    for name in _IMAGE_SOURCES:
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
    if srcset:
        return srcset.split(",")[0].split()[0]
    return None


def restore_markup(plain_html: str, tree: lxml.html.HtmlElement) -> str:
    """Give a text-only article its links, emphasis and images back from the page.

    Each paragraph (list item, heading…) whose text equals an element of the page takes
    that element's inline markup; the page's images that sit between the article's
    paragraphs are put back after the paragraph they follow."""
    try:
        article = lxml.html.fragment_fromstring(plain_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return plain_html
    body = tree.find("body")
    if body is None:
        return plain_html
    order: dict[etree._Element, int] = {}
    by_text: dict[str, etree._Element] = {}
    for index, el in enumerate(body.iter()):
        order[el] = index
        if el.tag in _RESTORED:
            key = _clean(el.text_content())
            if key and key not in by_text:
                by_text[key] = el
    matched: list[tuple[int, etree._Element]] = []
    sources: list[etree._Element] = []
    for block in list(article.iter(*_RESTORED)):
        source = by_text.get(_clean(block.text_content()))
        if source is None:
            continue
        matched.append((order[source], block))
        sources.append(source)
        if any(isinstance(child.tag, str) for child in source):
            block.text = source.text
            for child in list(block):
                block.remove(child)
            for child in source:
                if isinstance(child.tag, str) and child.tag not in ("script", "style"):
                    block.append(deepcopy(child))
    if len(matched) >= 2:
        matched.sort(key=lambda pair: pair[0])
        sources.sort(key=lambda el: order[el])
        first, last = matched[0][0], matched[-1][0]
        positions = [position for position, _ in matched]
        last_added: dict[etree._Element, etree._Element] = {}
        closing = sources[-1].getparent()
        for img in body.iter("img"):
            at = order.get(img, -1)
            src = _image_source(img)
            # Between the article's paragraphs, or after the last one inside its container
            # (a closing figure).
            inside = first < at < last or (
                at > last and closing is not None and closing in img.iterancestors()
            )
            if not inside or not src:
                continue
            # After the last article paragraph that comes before the image in the page.
            before = max(i for i, position in enumerate(positions) if position < at)
            anchor = matched[before][1]
            while anchor.getparent() is not None and anchor.getparent() is not article:
                anchor = anchor.getparent()
            figure = etree.Element("figure")
            etree.SubElement(figure, "img", src=src, alt=img.get("alt") or "")
            last_added.get(anchor, anchor).addnext(figure)
            last_added[anchor] = figure
    return (article.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in article
    )


def _readability(prepared: str, url: str | None) -> _Body | None:
    from readability import Document

    try:
        summary = Document(prepared, url=url).summary(html_partial=True)
    except Exception:
        log.warning("readability failed on %s", url or "a page", exc_info=True)
        return None
    return _body_from(summary, "readability", url)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _tokens(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def _extra_prose(text: str, other: str) -> tuple[int, float]:
    """Words in paragraphs of ``text`` that ``other`` mostly lacks, and their mean length."""
    known = set(_shingles(other))
    words: list[int] = []
    for paragraph in text.split("\n"):
        grams = _shingles(paragraph)
        if not grams or not any(grams):
            continue
        shared = sum(1 for g in grams if g in known) / len(grams)
        if shared < 0.5:
            words.append(len(_WORD.findall(paragraph)))
    if not words:
        return 0, 0.0
    return sum(words), sum(words) / len(words)


def _choose_body(main: _Body | None, other: _Body | None) -> tuple[_Body | None, str | None]:
    """trafilatura's article, unless readability found clearly more of the article."""
    if other is None or other.words == 0:
        return main, None
    if main is None or main.words == 0:
        return other, "trafilatura found no article; used readability's"
    extra_words, extra_mean = _extra_prose(other.text, main.text)
    if extra_words > _EXTRA_SHARE * main.words and (
        extra_mean >= _PROSE_WORDS or _contained(main.text, other.text) >= _SAME_ARTICLE
    ):
        # readability holds clearly more: more prose, or the same article and then some.
        return other, None
    return main, None


def _contained(text: str, other: str) -> float:
    """The share of ``text``'s word 4-grams that ``other`` holds too."""
    grams = _shingles(text)
    total = sum(grams.values())
    if not total:
        return 0.0
    known = _shingles(other)
    return sum(min(count, known.get(gram, 0)) for gram, count in grams.items()) / total


# trafilatura's recall setting replaces the chosen article when it holds this many times its
# words and nearly all of it: the same article, which the other settings cut short.
_RECALL_GROWTH = 1.5
# Edges are trimmed only when readability holds more than this share of the article (it can then
# vouch for where the article starts and ends).
_WITNESSED = 0.5
# A repeated stretch of the article (pages that print it twice, for a print or mobile view) is
# dropped from this many blocks and words on.
# A block of this many words reads as a paragraph (see _trim_edges) ...
_PARAGRAPH_WORDS = 30
# ... and the article's edge passes over at most this many other blocks to reach the next one.
_EDGE_GAP = 6
_REPEAT_BLOCKS = 3
_REPEAT_WORDS = 100
_REPEAT_CANDIDATES = 16

_BLOCKS = frozenset((*_RESTORED, "div", "section", "article", "figure", "table", "tr", "ul", "ol",
                     "dl", "header", "footer", "aside", "main"))  # fmt: skip


def _prefer_recall(body: _Body | None, recall: _Body | None) -> _Body | None:
    """trafilatura's recall setting, when it finds the same article and much more of it (an
    article split over several containers, of which the other settings keep the first)."""
    if recall is None or recall.words == 0:
        return body
    if body is None or body.words == 0:
        return recall
    if recall.words >= _RECALL_GROWTH * body.words and _contained(body.text, recall.text) >= (
        _SAME_ARTICLE
    ):
        return recall
    return body


# A paragraph trafilatura's recall setting found inside the article, between two of its
# paragraphs, is put back when it has at least this many words (prose, not a button).
_HOLE_WORDS = 8
_ITEMS = frozenset(("li", "dt", "dd", "td", "th", "tr"))
_CONTAINERS = frozenset(("ul", "ol", "dl", "tr", "tbody", "thead", "tfoot", "table"))


def _fill_holes(body: _Body, recall: _Body) -> _Body:
    """Put back the paragraphs trafilatura's recall setting found between paragraphs of the
    chosen article: a gap in the middle of an article is worse to read than a line of chrome,
    and the other settings leave such gaps around embeds and pull quotes."""
    try:
        source = lxml.html.fragment_fromstring(recall.html, create_parent="div")
    except (etree.ParserError, ValueError):
        return body
    found = _leaf_blocks(source)
    held = _Witness(body.text)
    inside = [held.holds(words) for _, words in found]
    if inside.count(True) < 2:
        return body

    def edit(root: etree._Element) -> bool:
        by_key: dict[str, etree._Element] = {}
        for el, words in _leaf_blocks(root):
            by_key.setdefault(" ".join(words), el)
        first = inside.index(True)
        last = len(inside) - 1 - inside[::-1].index(True)
        anchor: etree._Element | None = None
        added = False
        for i in range(first, last + 1):
            el, words = found[i]
            if inside[i]:
                anchor = by_key.get(" ".join(words))
            elif anchor is not None and len(words) >= _HOLE_WORDS:
                copy = deepcopy(el)
                copy.tail = None
                # A paragraph goes after a list or table, not among its items or cells.
                while (
                    copy.tag not in _ITEMS
                    and anchor.getparent() is not None
                    and anchor.getparent() is not root
                    and anchor.getparent().tag in _CONTAINERS
                ):
                    anchor = anchor.getparent()
                anchor.addnext(copy)
                anchor = copy
                added = True
        return added

    return _edited(body, edit)


class _Witness:
    """Which blocks of text another extraction also holds."""

    def __init__(self, text: str) -> None:
        self._grams = set(_shingles(text))
        self._joined = " " + " ".join(_tokens(text)) + " "

    def holds(self, tokens: list[str]) -> bool:
        if len(tokens) < 4:
            return (" " + " ".join(tokens) + " ") in self._joined
        grams = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
        return sum(gram in self._grams for gram in grams) >= 0.5 * len(grams)


def _leaf_blocks(root: etree._Element) -> list[tuple[etree._Element, list[str]]]:
    """The innermost block elements holding text, in reading order, with their words."""
    found = []
    for el in root.iter():
        if el is root or el.tag not in _BLOCKS:
            continue
        if any(child.tag in _BLOCKS for child in el.iterdescendants()):
            continue
        words = _tokens(el.text_content())
        if words:
            found.append((el, words))
    return found


def _remove_blocks(root: etree._Element, blocks: list[etree._Element]) -> None:
    for el in blocks:
        parent = el.getparent()
        el.drop_tree()
        # Containers left holding nothing (a list whose items all went) go too.
        while (
            parent is not None
            and parent is not root
            and not _clean(parent.text_content())
            and next(parent.iter("img"), None) is None
        ):
            above = parent.getparent()
            parent.drop_tree()
            parent = above


def _edited(body: _Body, edit: Callable[[etree._Element], bool]) -> _Body:
    """``body`` after ``edit(root)`` changed its markup; ``edit`` returns whether it did."""
    if not body.html:
        return body
    try:
        root = lxml.html.fragment_fromstring(body.html, create_parent="div")
    except (etree.ParserError, ValueError):
        return body
    if not edit(root):
        return body
    html = (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
    text = html_to_text(html)
    words = len(_WORD.findall(text))
    return _Body(html, text, body.method, words) if words else body


def _strict(prepared: str, url: str | None, tree: lxml.html.HtmlElement) -> _Body | None:
    return _trafilatura(prepared, url, tree, metadata=False, favor="precision")[0]


def _trim_edges(
    body: _Body, readability: _Body | None, strict: Callable[[], _Body | None]
) -> _Body:
    """Drop what lies before and after the article at the edges of its container: a kicker,
    a "read this next" list, a sign-up form, an author's blurb.

    The article runs from the first to the last block readability took. It grows outward
    through paragraphs trafilatura's precision setting (``strict``, run only when needed)
    also took, passing over a few other blocks (a heading, a caption) on the way to the next
    such paragraph; a teaser list past the article's end is more than a few blocks of
    dates, labels and links."""
    if readability is None or _contained(body.text, readability.text) <= _WITNESSED:
        return body
    read = _Witness(readability.text)
    precise = strict()
    vouch = _Witness(precise.text) if precise is not None else None

    def edit(root: etree._Element) -> bool:
        blocks = _leaf_blocks(root)
        held = [read.holds(words) for _, words in blocks]
        if True not in held:
            return False
        first = held.index(True)
        last = len(held) - 1 - held[::-1].index(True)
        if vouch is not None:
            vouched = [len(words) >= _PARAGRAPH_WORDS and vouch.holds(words) for _, words in blocks]
            last = _reach(vouched, last, 1)
            first = _reach(vouched, first, -1)
        doomed = [el for i, (el, _) in enumerate(blocks) if i < first or i > last]
        _remove_blocks(root, doomed)
        return bool(doomed)

    return _edited(body, edit)


def _reach(vouched: list[bool], edge: int, step: int) -> int:
    """How far from ``edge`` (going by ``step``) the article runs: to each next vouched
    block no more than _EDGE_GAP blocks further on."""
    while True:
        ahead = range(edge + step, edge + step * (_EDGE_GAP + 2), step)
        nxt = next((i for i in ahead if 0 <= i < len(vouched) and vouched[i]), None)
        if nxt is None:
            return edge
        edge = nxt


def _drop_repeats(body: _Body) -> _Body:
    """Drop a stretch of the article that repeats an earlier one block for block (a page that
    holds the article twice, once for each layout). Single repeated blocks stay: articles
    repeat a line on purpose (a step of a recipe, a pull quote)."""

    def edit(root: etree._Element) -> bool:
        blocks = _leaf_blocks(root)
        keys = [" ".join(words) for _, words in blocks]
        where: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            where.setdefault(key, []).append(i)
        doomed: list[etree._Element] = []
        i = 0
        while i < len(keys):
            longest = 0
            earlier = where[keys[i]]
            # The last few copies of the block are enough to find where a repeat started,
            # and keep a page of a thousand identical lines from costing a thousand passes.
            before = bisect_left(earlier, i)
            for j in earlier[max(0, before - _REPEAT_CANDIDATES) : before]:
                n = 0
                while i + n < len(keys) and j + n < i and keys[j + n] == keys[i + n]:
                    n += 1
                longest = max(longest, n)
            words = sum(len(blocks[i + k][1]) for k in range(longest))
            if longest >= _REPEAT_BLOCKS and words >= _REPEAT_WORDS:
                doomed.extend(el for el, _ in blocks[i : i + longest])
                i += longest
            else:
                i += 1
        _remove_blocks(root, doomed)
        return bool(doomed)

    return _edited(body, edit)


# Whole blocks that are a control's label, not the article's words: buttons and links that
# trafilatura keeps when they sit inside the article's container.
_CONTROLS = frozenset((
    "advertisement", "advertisement continue reading below", "apply now", "back to top",
    "book now", "buy now", "check availability", "check price", "click here", "contact us",
    "continue reading", "copy link", "get a quote", "get started", "get the recipe",
    "jump to details", "jump to recipe", "learn more", "load more", "pin it", "print recipe",
    "read full review", "read more", "read review", "read reviews", "scroll to top", "see deal",
    "see details", "see more", "share", "share on facebook", "share on twitter", "share this",
    "share this article", "shop now", "show more", "sign up", "skip to content", "start course",
    "subscribe", "table of contents", "tweet", "view deal", "view details", "view in list",
    "view more", "where to buy",
))  # fmt: skip


def _drop_controls(body: _Body) -> _Body:
    """Drop blocks that only hold a button's or a link's label ("Read more", "Book now")."""

    def edit(root: etree._Element) -> bool:
        doomed = [el for el, words in _leaf_blocks(root) if " ".join(words).lower() in _CONTROLS]
        _remove_blocks(root, doomed)
        return bool(doomed)

    return _edited(body, edit)


def _drop_leading_title(body: _Body, title: str) -> _Body:
    """The reading pane shows the title above the body; the page's own copy of the headline
    at the top of the body would print it twice."""
    wanted = _tokens(title)
    if not wanted or not body.html:
        return body
    try:
        root = lxml.html.fragment_fromstring(body.html, create_parent="div")
    except (etree.ParserError, ValueError):
        return body
    first = root
    while len(first) and not (first.text or "").strip():
        first = first[0]
        if _tokens(first.text_content()) == wanted:
            break
    if first is root or _tokens(first.text_content()) != wanted:
        return body
    first.drop_tree()
    html = (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
    text = html_to_text(html)
    return _Body(html, text, body.method, len(_WORD.findall(text)))


def _whole_body(tree: lxml.html.HtmlElement, url: str | None) -> _Body:
    body = tree.find("body")
    source = etree.tostring(body if body is not None else tree, encoding="unicode", method="html")
    return _body_from(source, "body", url)


# -- other metadata ------------------------------------------------------------------------------


def _author(facts: PageFacts, fallback: str | None) -> str | None:
    if fallback:
        return _clean(fallback) or None
    for obj in facts.articles():
        found = _jsonld_text(obj.get("author"))
        if found:
            return found
    name = facts.first(
        "author", "article:author", "parsely-author", "sailthru.author", "dc.creator"
    )
    if name and not name.startswith(("http://", "https://")):
        return name
    return None


def _lead_image(facts: PageFacts, base: str | None) -> str | None:
    image = facts.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
    if not image:
        for obj in facts.articles():
            value = obj.get("image")
            if isinstance(value, dict):
                value = value.get("url")
            if isinstance(value, list) and value:
                value = value[0].get("url") if isinstance(value[0], dict) else value[0]
            if isinstance(value, str) and value.strip():
                image = value.strip()
                break
    if not image:
        return None
    absolute = urljoin(base, image) if base else image
    return absolute if absolute.startswith(("http://", "https://")) else None


def _language(facts: PageFacts, text: str) -> str | None:
    from reader.services.language import detect_language

    # What the text is written in beats what the template claims (sites ship "en" everywhere).
    detected = detect_language(text)
    if detected:
        return detected
    declared = (facts.lang or "").replace("_", "-").split("-")[0].strip().lower()
    return declared if re.fullmatch(r"[a-z]{2,3}", declared) else None


def find_page_url(facts: PageFacts, base: str | None = None) -> str | None:
    """Where a saved page came from: canonical link, og:url, or the "saved from url" comment."""
    for candidate in (facts.canonical, facts.first("og:url"), facts.saved_from):
        if not candidate:
            continue
        absolute = urljoin(base, candidate) if base else candidate
        if absolute.startswith(("http://", "https://")):
            return absolute
    return None


# -- the whole page --------------------------------------------------------------------------------


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article of a page. ``url`` is where it came from (None for a file whose
    origin is unknown: the page's own canonical link is then used to resolve links).

    Raises :class:`ExtractionError` when the page holds no text at all."""
    return _extract(html, url)[0]


def _extract(html: str, url: str | None) -> tuple[ExtractedPage, PageDate | None]:
    prepared = _prepare_html(html)
    tree = _parse_prepared(prepared)
    if open_folds(tree):
        prepared = lxml.html.tostring(tree, encoding="unicode")
    facts = page_facts(tree, html)
    page_url = url or find_page_url(facts)
    notes: list[str] = []

    main, document = _trafilatura(prepared, page_url, tree)
    other = _readability(prepared, page_url)
    body, note = _choose_body(main, other)
    if note:
        notes.append(note)
    recall, _ = _trafilatura(prepared, page_url, tree, metadata=False, favor="recall")
    body = _prefer_recall(body, recall)
    if body is not None and recall is not None and body is not recall:
        body = _fill_holes(body, recall)
    if body is not None:
        body = _drop_repeats(_trim_edges(body, other, lambda: _strict(prepared, page_url, tree)))
        body = _drop_controls(body)
    found = body.words if body else 0
    if found < _MIN_WORDS:
        # Too little: keep the whole page instead when it clearly holds more.
        whole = _whole_body(tree, page_url)
        if whole.words >= max(2 * found, found + 20):
            notes.append(
                "no article found on the page; kept the whole page"
                if found == 0
                else f"the article found was short ({found} words); kept the whole page"
            )
            body = whole
    if body is None or body.words == 0:
        raise ExtractionError("no text found on the page" + (f" {page_url}" if page_url else ""))

    site = site_name(facts, page_url) or (
        _clean(getattr(document, "sitename", None)) or None if document is not None else None
    )
    title = choose_title(facts, page_url, site)
    if not title and document is not None:
        title = _clean(document.title)
    trimmed = _drop_leading_title(body, title)
    if trimmed.words:
        body = trimmed
    date = find_date(
        tree,
        facts,
        page_url,
        heading=title,
        fallback=getattr(document, "date", None) if document is not None else None,
    )
    author = _author(facts, getattr(document, "author", None) if document is not None else None)
    description = facts.first("og:description", "description", "twitter:description")
    page = ExtractedPage(
        title=title,
        html=body.html,
        text=body.text,
        url=page_url,
        author=author,
        published=date.utc if date else None,
        site_name=site,
        language=_language(facts, body.text),
        image_url=_lead_image(facts, page_url),
        description=description,
        method=body.method,
        notes=tuple(notes),
    )
    return page, date


def extract_html(html: str, url: str | None) -> dict[str, Any]:
    """The scorer's contract: ``{"text", "title", "author", "date"}``, the date as the page
    states it (its own calendar day, not the UTC one)."""
    page, date = _extract(html, url)
    return {
        "text": page.text,
        "title": page.title,
        "author": page.author,
        "date": date.local.date().isoformat() if date else None,
    }
