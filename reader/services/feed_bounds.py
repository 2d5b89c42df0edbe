"""Bounding the work a feed document can cause, before feedparser reads it.

Two passes over the bytes, each linear and each leaving a document it has nothing to do with
exactly as it was:

* :func:`cap_people` shortens the text of author-like elements. feedparser looks for an e-mail
  address in each of them with a regular expression whose time grows with the square of the
  text: 64 KB of ``<author>`` took 25 s, 256 KB several minutes.
* :func:`keep_newest` cuts a document with more items than a refresh keeps down to the newest
  of them, judged by their dates (by their order when most have none), so half a million items
  cost a scan instead of two minutes and a gigabyte of parsing.

Both work on the raw bytes with bounded patterns rather than on a parsed tree: they run before
the one real parse, and a document only an error-tolerant parser can read stays readable.
"""

from __future__ import annotations

import email.utils
import heapq
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.core.limits import MAX_AUTHOR_CHARS

# Elements feedparser takes a person from (RSS, Atom, Dublin Core, iTunes), with any prefix.
_PERSON_START = re.compile(
    rb"<((?:[A-Za-z_][\w.-]{0,40}:)?(?:author|name|email|creator|publisher|contributor"
    rb"|managingEditor|webMaster))(?=[\s/>])[^<>]{0,1024}>",
    re.IGNORECASE,
)
_CDATA_OPEN = b"<![CDATA["


def _cut_point(data: bytes, start: int, limit: int) -> int:
    """Where to cut text starting at ``start`` after about ``limit`` bytes: never inside a
    UTF-8 character or an entity (``&amp;`` cut to ``&am`` would no longer be XML)."""
    cut = start + limit
    while cut > start and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    amp = data.rfind(b"&", max(start, cut - 12), cut)
    if amp != -1 and data.find(b";", amp, cut) == -1:
        cut = amp
    return cut


def cap_people(data: bytes, limit: int = MAX_AUTHOR_CHARS) -> bytes:
    """``data`` with the text of every author-like element cut to ``limit`` bytes."""
    pieces: list[bytes] = []
    kept = 0  # data[:kept] is in pieces
    pos = 0
    while True:
        found = _PERSON_START.search(data, pos)
        if found is None:
            break
        start = found.end()
        if data[found.start() : start].endswith(b"/>"):
            pos = start
            continue
        if data.startswith(_CDATA_OPEN, start):
            start += len(_CDATA_OPEN)
            end = data.find(b"]]>", start)
        else:
            end = data.find(b"<", start)
        if end == -1:
            end = len(data)
        if end - start > limit:
            pieces.append(data[kept : _cut_point(data, start, limit)])
            kept = end
        pos = max(end, start)
    if not pieces:
        return data
    pieces.append(data[kept:])
    return b"".join(pieces)


# -- keeping the newest items ------------------------------------------------------------------

# What delimits items: their tags (RSS and RDF <item>, Atom <entry>, with any prefix), and the
# parts of a document where a tag is only text.
_ITEM_TOKEN = re.compile(
    rb"<!\[CDATA\[|<!--|<(/?)(?:[A-Za-z_][\w.-]{0,40}:)?(?:item|entry)(?=[\s/>])"
)
# An item's date: the first such element's text (in a CDATA section or not).
_DATE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]{0,40}:)?(pubDate|published|issued|date|created|updated|modified)"
    rb"(?:\s[^<>]{0,256})?>\s*(?:<!\[CDATA\[)?\s*([^<\]]{4,80})"
)
_PUBLISHED = frozenset({b"pubDate", b"published", b"issued", b"date", b"created"})
_HINTS = (b"<item", b"<entry", b":item", b":entry")


@dataclass(frozen=True, slots=True)
class Kept:
    """A document cut to its newest items: the bytes, and how many items it had before."""

    data: bytes
    found: int
    kept: int

    @property
    def trimmed(self) -> bool:
        return self.kept < self.found


def _timestamp(text: bytes) -> float | None:
    """Seconds since 1970 of an RSS (RFC 822) or Atom (ISO 8601) date; None when neither.
    Only ordering matters here, and this runs once per item of a huge feed: no datetimes."""
    value = text.decode("ascii", "ignore").strip()
    if not value:
        return None
    if value[:1].isdigit():
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            try:
                return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()
            except (OverflowError, OSError, ValueError):
                return None
    parts = email.utils.parsedate_tz(value)
    if parts is None:
        return None
    try:
        return float(email.utils.mktime_tz(parts))
    except (OverflowError, ValueError):
        return None


def _item_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the outermost items, in document order."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    pos = 0
    while True:
        token = _ITEM_TOKEN.search(data, pos)
        if token is None:
            break
        text = token.group(0)
        if text == b"<![CDATA[":
            end = data.find(b"]]>", token.end())
            pos = len(data) if end == -1 else end + 3
            continue
        if text == b"<!--":
            end = data.find(b"-->", token.end())
            pos = len(data) if end == -1 else end + 3
            continue
        close = data.find(b">", token.end())
        if close == -1:
            break
        pos = close + 1
        if token.group(1):  # an end tag
            if depth > 0:
                depth -= 1
                if depth == 0:
                    spans.append((start, pos))
        elif data[close - 1 : close] != b"/":  # a start tag that is not also its end
            if depth == 0:
                start = token.start()
            depth += 1
    return spans


def _item_date(data: bytes, start: int, end: int) -> float | None:
    """When the item was published (or else updated), if it says."""
    updated: float | None = None
    for number, found in enumerate(_DATE.finditer(data, start, end)):
        stamp = _timestamp(found.group(2))
        if stamp is not None:
            if found.group(1) in _PUBLISHED:
                return stamp
            updated = updated if updated is not None else stamp
        if number >= 4:
            break
    return updated


def keep_newest(data: bytes, limit: int) -> Kept:
    """``data`` with only its ``limit`` newest items; the others are cut out of it."""
    if sum(data.count(hint) for hint in _HINTS) <= limit:
        return Kept(data, 0, 0)
    spans = _item_spans(data)
    if len(spans) <= limit:
        return Kept(data, len(spans), len(spans))
    # Without a single date element there is nothing to read item by item.
    dated = _DATE.search(data) is not None
    dates = [_item_date(data, start, end) if dated else None for start, end in spans]
    if sum(1 for d in dates if d is not None) * 2 < len(spans):
        # Mostly undated: feeds list their newest items first.
        chosen = set(range(limit))
    else:
        # Undated items count as new, as they are stored: dated "now".
        chosen = set(
            heapq.nlargest(
                limit,
                range(len(spans)),
                key=lambda i: (dates[i] if dates[i] is not None else float("inf"), -i),
            )
        )
    pieces: list[bytes] = []
    kept = 0
    for index, (start, end) in enumerate(spans):
        if index not in chosen:
            pieces.append(data[kept:start])
            kept = end
    pieces.append(data[kept:])
    return Kept(b"".join(pieces), len(spans), limit)
