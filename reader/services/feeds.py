"""Turning the bytes of a feed into entries ready to store.

RSS 0.9x/1.0/2.0, RDF and Atom go through feedparser, which is fed bytes we fetched ourselves
(it never fetches) with our own decision on the character encoding. Common, well-formed RSS and
Atom documents are read faster by :mod:`reader.services.feed_lxml` into what feedparser would
make of them; whatever it is not sure of still goes to feedparser. JSON Feed goes through
:mod:`reader.services.jsonfeed`. feedparser's sanitizer and relative-link rewriting are turned
off: :func:`reader.services.sanitize.sanitize_html` supersedes both and is several times faster.
Both build their entries with :mod:`reader.services.parsed_feed`.

Everything here is pure and picklable, so it can run in a worker process:
:func:`parse_within_budget` runs a large document in one, which is stopped when it takes too long.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import feedparser

from reader.core.errors import FeedError
from reader.core.limits import (
    DEFAULT_KEEP_ITEMS,
    MAX_FEED_DESCRIPTION_CHARS,
    MAX_TITLE_CHARS,
    cut_line,
)
from reader.core.types import Enclosure
from reader.core.urls import safe_link
from reader.services.feed_bounds import cap_people, keep_newest
from reader.services.jsonfeed import parse_json_feed
from reader.services.parsed_feed import (
    ParsedEntry,
    ParsedFeed,
    absolute,
    clean_categories,
    language_code,
    make_entry,
    plain_text,
    unique_entries,
)
from reader.services.sanitize import text_to_html

if TYPE_CHECKING:
    from reader.services.parse_pool import BudgetPool

log = logging.getLogger(__name__)

# Documents up to this size are parsed in the calling process: with author fields capped and
# items limited, their work is bounded by their size, and a worker would cost more to start.
INLINE_PARSE_BYTES = 64 * 1024

# -- encodings ------------------------------------------------------------------------------

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_XML_DECL_FULL = re.compile(rb"^\s*<\?xml[^>]*\?>")
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)


def _charset_of(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    # Latin-1 labels mean windows-1252 on the web: the C1 range holds curly quotes there.
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def decode_document(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The document as text and the encoding it was read with.

    Order of belief: a byte-order mark; valid UTF-8 (a document that decodes as UTF-8 and is not
    plain ASCII is UTF-8 whatever it claims); the HTTP charset; the XML declaration; a guess
    from the bytes; windows-1252 with replacement characters as the last resort.
    """
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, "replace"), name
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _XML_DECL.match(content[:512])
    for label in (_charset_of(content_type), declared.group(1).decode() if declared else None):
        codec = _codec(label)
        if codec and codec not in ("utf-8", "utf-16", "utf-32"):
            try:
                return content.decode(codec), codec
            except UnicodeDecodeError:
                continue
    if not _mostly_non_latin(content):
        return content.decode("cp1252", "replace"), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(content, cp_isolation=list(_GUESSABLE)).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return content.decode("cp1252", "replace"), "cp1252"


# Single-byte and East Asian encodings seen on the web; a guess is made among these only.
_GUESSABLE = (
    "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp874", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip
_MARKUP = re.compile(rb"<[^>]*>")
_ASCII_LETTERS = re.compile(rb"[A-Za-z]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")


def _mostly_non_latin(content: bytes) -> bool:
    """Whether the text between tags is mostly high bytes. Western European text has a few
    accented letters among ASCII ones (windows-1252 reads it); Cyrillic, Greek or East Asian
    text is nearly all high bytes, and only then is a statistical guess better than 1252."""
    sample = _MARKUP.sub(b" ", content[:65536])
    high = len(_HIGH_BYTES.findall(sample))
    latin = len(_ASCII_LETTERS.findall(sample))
    return high > 0 and high >= 0.3 * (high + latin)


def _as_utf8_xml(content: bytes, content_type: str | None) -> tuple[bytes, str]:
    """UTF-8 bytes whose XML declaration (if any) says UTF-8, and the encoding we read."""
    text, encoding = decode_document(content, content_type)
    data = text.encode("utf-8")
    head = _XML_DECL_FULL.match(data[:512])
    if head is not None:
        data = b'<?xml version="1.0" encoding="utf-8"?>' + data[head.end() :]
    return data, encoding


# -- small conversions --------------------------------------------------------------------


def struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed dates are UTC struct_time; None when missing or nonsensical."""
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


_CLOCK = re.compile(r"\d:\d\d")


def is_date_only(written: object) -> bool:
    """Whether a feed wrote a date without a time of day ("2024-03-05", "5 Mar 2024");
    feedparser then answers midnight UTC, which is no time the publisher gave."""
    return isinstance(written, str) and bool(written.strip()) and not _CLOCK.search(written)


# -- feedparser -----------------------------------------------------------------------------


def _looks_like_json(content: bytes, content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in ("application/feed+json", "application/json") or media.endswith("+json"):
        return True
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def looks_like_html(content: bytes) -> bool:
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in head and b"<rss" not in head and b"<feed" not in head
    )


# Entries are read with plain dict lookups: FeedParserDict.get goes through feedparser's key
# aliases on every call, and the keys read here are the ones it stores.
_g = dict.get


def _best_content(entry: Any) -> tuple[str | None, str | None, str | None]:
    """The fullest body an entry has: (html, xml:base, type)."""
    best: tuple[str | None, str | None, str | None] = (None, None, None)
    best_len = -1
    for item in _g(entry, "content") or ():
        value = _g(item, "value") or ""
        if len(value) > best_len:
            best = (value, _g(item, "base"), _g(item, "type"))
            best_len = len(value)
    return best


def _as_html(value: str | None, kind: str | None) -> str | None:
    if value is None:
        return None
    if kind == "text/plain":
        return text_to_html(value)
    return value


def _enclosures(entry: Any, base: str) -> tuple[Enclosure, ...]:
    found: list[Enclosure] = []
    seen: set[str] = set()
    for item in _g(entry, "links") or ():
        if _g(item, "rel") != "enclosure":
            continue
        url = absolute(_g(item, "href") or _g(item, "url"), base)
        if not url or url in seen:
            continue
        seen.add(url)
        length_text = str(_g(item, "length") or "").strip()
        length = int(length_text) if length_text.isdigit() else None
        found.append(Enclosure(url=url, type=(_g(item, "type") or None), length=length))
    return tuple(found)


def _image(entry: Any, enclosures: tuple[Enclosure, ...], base: str) -> str | None:
    for item in _g(entry, "media_thumbnail") or ():
        if _g(item, "url"):
            return absolute(item["url"], base)
    for item in _g(entry, "media_content") or ():
        medium = (_g(item, "medium") or "").lower()
        kind = (_g(item, "type") or "").lower()
        if _g(item, "url") and (medium == "image" or kind.startswith("image/")):
            return absolute(item["url"], base)
    for enclosure in enclosures:
        if (enclosure.type or "").startswith("image/"):
            return enclosure.url
    return None


def _author(entry: Any) -> str | None:
    detail = _g(entry, "author_detail") or {}
    name = _g(detail, "name") or _g(entry, "author")
    if not name:
        authors = [str(_g(a, "name")) for a in _g(entry, "authors") or () if _g(a, "name")]
        name = ", ".join(authors) if authors else None
    return str(name) if name else None


def _read_fast(data: bytes, url: str, language: str | None) -> dict[str, Any] | None:
    """The document as :mod:`reader.services.feed_lxml` reads it, or None when it leaves the
    document to feedparser."""
    from reader.services.feed_lxml import Refused, read_feed

    try:
        return read_feed(data, url=url, language=language)
    except Refused as exc:
        log.debug("%s is read by feedparser: %s", url, exc)
    except Exception:
        # A fault of ours; feedparser reads the document all the same.
        log.warning("the fast reading of %s failed", url, exc_info=True)
    return None


def fast_reading_refused(
    content: bytes, *, url: str, headers: Mapping[str, str] | None = None
) -> str | None:
    """Why the fast reader leaves this RSS or Atom document to feedparser, or None when it
    reads it (for tests and benchmarks: :func:`parse_feed` decides by itself)."""
    from reader.services.feed_lxml import Refused, read_feed

    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    data, _ = _as_utf8_xml(content, lowered.get("content-type"))
    try:
        read_feed(keep_newest(cap_people(data), DEFAULT_KEEP_ITEMS).data, url=url)
    except Refused as exc:
        return str(exc)
    return None


def _parse_xml(
    content: bytes,
    url: str,
    headers: Mapping[str, str],
    now: datetime,
    max_items: int,
    *,
    fast: bool = True,
) -> ParsedFeed:
    data, encoding = _as_utf8_xml(content, headers.get("content-type"))
    kept = keep_newest(cap_people(data), max_items)
    data = kept.data
    # Both readers get the same bounded bytes, and either runs inside the caller's budget.
    result = _read_fast(data, url, headers.get("content-language")) if fast else None
    if result is None:
        result = feedparser.parse(
            io.BytesIO(data),
            response_headers={
                "content-type": "application/xml; charset=utf-8",
                "content-location": url,
                **(
                    {"content-language": headers["content-language"]}
                    if "content-language" in headers
                    else {}
                ),
            },
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    feed = result.get("feed") or {}
    version = result.get("version") or ""
    entries_raw = result.get("entries") or []
    if not version and not entries_raw:
        if looks_like_html(content):
            raise FeedError(f"{url} is a web page, not a feed")
        problem = result.get("bozo_exception")
        detail = f": {_one_line(problem)}" if problem else ""
        raise FeedError(f"{url} is not a feed that Folio can read{detail}")
    warnings: list[str] = []
    if result.get("bozo") and result.get("bozo_exception") is not None:
        problem = result["bozo_exception"]
        if not isinstance(problem, feedparser.CharacterEncodingOverride):
            warnings.append(
                f"the feed is not well-formed ({_one_line(problem)}); read what could be"
            )
    title = cut_line(plain_text(feed.get("title")), MAX_TITLE_CHARS) or ""
    site_url = safe_link(absolute(feed.get("link"), url))
    language = language_code(feed.get("language"))
    icon = feed.get("icon") or _g(feed.get("image") or {}, "href") or feed.get("logo")
    entries: list[ParsedEntry] = []
    for raw in entries_raw:
        content_value, content_base, content_type = _best_content(raw)
        summary_detail = _g(raw, "summary_detail") or {}
        summary_value = _g(raw, "summary")
        base = content_base or _g(summary_detail, "base") or url
        enclosures = _enclosures(raw, base)
        entries.append(
            make_entry(
                feed_url=url,
                now=now,
                guid=_g(raw, "id"),
                link=absolute(_g(raw, "link"), base),
                title=_g(raw, "title"),
                content_html=_as_html(content_value, content_type),
                content_base=content_base,
                summary_html=_as_html(summary_value, _g(summary_detail, "type")),
                summary_base=_g(summary_detail, "base"),
                author=_author(raw),
                published=struct_to_datetime(
                    dict.get(raw, "published_parsed") or dict.get(raw, "created_parsed")
                ),
                # Whichever date the entry is shown with: its publication, else its update.
                published_date_only=is_date_only(
                    dict.get(raw, "published") or dict.get(raw, "created")
                    if dict.get(raw, "published_parsed") or dict.get(raw, "created_parsed")
                    else dict.get(raw, "updated")
                ),
                # Read past feedparser's key mapping, which would answer "updated" with
                # "published" (and warn about it).
                updated=struct_to_datetime(dict.get(raw, "updated_parsed")),
                site_name=title or None,
                language=language_code(_g(raw, "language")) or language,
                image_url=_image(raw, enclosures, base),
                enclosures=enclosures,
                categories=clean_categories(
                    _g(t, "label") or _g(t, "term") for t in _g(raw, "tags") or ()
                ),
            )
        )
    return ParsedFeed(
        title=title,
        site_url=site_url,
        entries=unique_entries(entries),
        kind=version or "xml",
        description=cut_line(plain_text(feed.get("subtitle")), MAX_FEED_DESCRIPTION_CHARS) or None,
        icon_url=safe_link(absolute(icon, url)) if icon else None,
        language=language,
        warnings=tuple(warnings) + ((f"read as {encoding}",) if encoding != "utf-8" else ()),
        found_entries=kept.found if kept.trimmed else 0,
    )


def _one_line(problem: object) -> str:
    text = str(problem).strip().splitlines()
    return text[0] if text else type(problem).__name__


def parse_feed(
    content: bytes,
    *,
    url: str,
    headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
    max_items: int = DEFAULT_KEEP_ITEMS,
    fast: bool = True,
) -> ParsedFeed:
    """Parse a fetched feed. ``headers`` are the response headers (any case); ``url`` is where
    the bytes came from (relative links resolve against it). Only the ``max_items`` newest
    items are read. Raises :class:`FeedError` when the bytes are not a feed.

    RSS and Atom documents are read by :mod:`reader.services.feed_lxml` when it can read them
    exactly as feedparser does, else by feedparser; ``fast=False`` asks for feedparser only
    (the reference the fast reader is tested against)."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    now = now or datetime.now(UTC)
    if not content.strip():
        raise FeedError(f"{url} sent an empty document, not a feed")
    if _looks_like_json(content, lowered.get("content-type")):
        return parse_json_feed(content, url=url, now=now, max_items=max_items)
    return _parse_xml(content, url, lowered, now, max_items, fast=fast)


def parse_or_message(
    content: bytes, url: str, headers: dict[str, str], now: datetime, max_items: int
) -> ParsedFeed | str:
    """:func:`parse_feed` for a worker process: a document that is not a feed comes back as
    its message, the user's problem rather than an exception to carry across."""
    try:
        return parse_feed(content, url=url, headers=headers, now=now, max_items=max_items)
    except FeedError as exc:
        return str(exc)


def parse_within_budget(
    content: bytes,
    *,
    url: str,
    headers: Mapping[str, str],
    now: datetime,
    max_items: int = DEFAULT_KEEP_ITEMS,
    pool: BudgetPool | None,
) -> ParsedFeed | str:
    """Parse a feed, in one of ``pool``'s workers unless it is small; the parsed feed, or a
    one-line message saying why there is none (not a feed, too slow to read, reader crashed)."""
    plain_headers = dict(headers)
    if pool is None or len(content) <= INLINE_PARSE_BYTES:
        return parse_or_message(content, url, plain_headers, now, max_items)
    from reader.services.parse_pool import BudgetExceeded, WorkerLost

    try:
        return pool.run(parse_or_message, content, url, plain_headers, now, max_items)
    except BudgetExceeded:
        return (
            f"reading {url} took longer than {pool.budget:g} s, so it was stopped"
            " (the feed is very large or broken)"
        )
    except WorkerLost:
        return f"reading {url} failed: the process reading it ended (out of memory?)"


def bounded_parser(pool: BudgetPool | None) -> Callable[..., ParsedFeed]:
    """:func:`parse_feed` as discovery calls it, run by :func:`parse_within_budget`."""

    def parse(content: bytes, *, url: str, headers: Mapping[str, str], now: datetime) -> ParsedFeed:
        result = parse_within_budget(content, url=url, headers=headers, now=now, pool=pool)
        if isinstance(result, str):
            raise FeedError(result)
        return result

    return parse


def trim_notice(parsed: ParsedFeed, limit: int) -> str | None:
    """What to tell the user when a refresh read only the newest items of a feed."""
    if not parsed.trimmed:
        return None
    return f"kept the newest {limit:,} of its {parsed.found_entries:,} items"
