"""Names, text, links and dates as feedparser reads them: the vocabulary of the fast reader,
:mod:`reader.services.feed_lxml`."""

from __future__ import annotations

import contextlib
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from lxml import etree


class Refused(Exception):
    """The document has something this reader does not read exactly as feedparser does."""


ATOM = "http://www.w3.org/2005/Atom"
RSS10 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML = "http://www.w3.org/XML/1998/namespace"
XML_BASE = f"{{{_XML}}}base"
XML_LANG = f"{{{_XML}}}lang"

# Namespaces as feedparser names them (it matches them ignoring case). The first group are the
# feed formats' own: their elements have no prefix. Elements of other namespaces it knows are
# named with its prefix, whatever prefix the document uses.
_CORE = frozenset(
    {
        "",
        "http://backend.userland.com/rss",
        "http://blogs.law.harvard.edu/tech/rss",
        RSS10,
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://purl.org/atom/ns#",
        ATOM.lower(),
        "http://purl.org/rss/1.0/modules/rss091#",
    }
)
_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://search.yahoo.com/mrss": "media",
    "http://search.yahoo.com/mrss/": "media",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://example.com/dtds/podcast-1.0.dtd": "itunes",
    "http://wellformedweb.org/commentapi/": "wfw",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://purl.org/rss/1.0/modules/threading/": "thr",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://www.georss.org/georss": "georss",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    RDF: "rdf",
    _XML: "xml",
}
# Prefixes feedparser gives meaning to. An element in a namespace feedparser does not know is
# named with the document's own prefix, so one of these would mean something it does not.
_KNOWN_PREFIXES = frozenset(
    {
        "admin", "ag", "annotate", "audio", "blogchannel", "cc", "creativecommons", "co",
        "content", "cp", "dc", "dcterms", "email", "ev", "feedburner", "fm", "foaf", "geo",
        "georss", "gml", "icbm", "image", "itunes", "l", "media", "pingback", "prism", "rdf",
        "rdfs", "ref", "reqv", "search", "slash", "soap", "ss", "str", "sub", "sy", "szf",
        "taxo", "thr", "ti", "trackback", "wfw", "wiki", "xhtml", "xlink", "xml", "psc",
    }
)  # fmt: skip
# Namespaces feedparser knows whose elements never reach what Folio reads (beyond those above).
HARMLESS_NAMESPACES = frozenset({"wfw", "slash", "sy", "thr", "feedburner", "georss", "geo"})

# Item elements (by feedparser's name for them) that set nothing Folio reads.
HARMLESS_IN_ITEM = frozenset(
    {
        "comments", "rights", "copyright", "contributor", "expirationdate", "source",
        "dc:rights", "dc:publisher", "dc:contributor", "dc:type", "dc:format", "dc:identifier",
        "dc:source", "dc:relation", "dc:coverage", "dcterms:license", "dcterms:rightsholder",
        "itunes:duration", "itunes:explicit", "itunes:episode", "itunes:season",
        "itunes:episodetype", "itunes:block", "itunes:order", "itunes:isclosedcaptioned",
        "itunes:image", "itunes:subtitle", "itunes:title", "media:credit", "media:rating",
        "media:copyright", "media:restriction",
        "media:license", "media:player", "media:hash", "media:embed", "media:text",
        "media:community", "media:status", "media:price", "media:peerlink", "media:location",
        "media:rights", "media:scenes", "media:subtitle", "media:backlinks", "media:comments",
        "media:responses",
    }
)  # fmt: skip
# Channel or feed elements that set nothing Folio reads.
HARMLESS_IN_FEED = frozenset(
    {
        "generator", "copyright", "rights", "managingeditor", "webmaster", "pubdate",
        "lastbuilddate", "published", "updated", "modified", "issued", "created", "docs",
        "ttl", "cloud", "rating", "skiphours", "skipdays", "category", "author", "contributor",
        "textinput", "expirationdate", "dc:rights", "dc:publisher", "dc:creator", "dc:date",
        "dc:subject", "dc:contributor", "dc:type", "dc:format", "dc:identifier", "dc:source",
        "dcterms:modified", "dcterms:created", "dcterms:issued", "dcterms:license",
        "itunes:author", "itunes:owner", "itunes:category", "itunes:keywords",
        "itunes:explicit", "itunes:block", "itunes:type", "itunes:complete",
        "itunes:new-feed-url", "media:credit", "media:rating", "media:copyright",
        "media:restriction", "media:license", "media:thumbnail", "media:category",
        "media:keywords",
    }
)  # fmt: skip

# Elements that set nothing Folio reads may hold only these (feedparser files what is inside
# them under them); anything else inside would be read as if it were the item's or the feed's.
SCOPED_CHILDREN = {
    "source": frozenset(
        {"title", "id", "link", "updated", "author", "name", "email", "uri", "subtitle",
         "rights", "icon", "logo", "generator", "category"}
    ),
    "contributor": frozenset({"name", "email", "uri"}),
    "author": frozenset({"name", "email", "uri"}),
    "itunes:owner": frozenset({"itunes:name", "itunes:email"}),
    "itunes:category": frozenset({"itunes:category"}),
    "textinput": frozenset({"title", "description", "name", "link"}),
    "skiphours": frozenset({"hour"}),
    "media:community": frozenset({"media:starrating", "media:statistics", "media:tags"}),
    "skipdays": frozenset({"day"}),
}  # fmt: skip

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TYPE_NAMES = {"text": "text/plain", "plain": "text/plain", "html": "text/html"}
# Characters that mean "could be HTML" in a field feedparser would then guess the type of.
HTML_HINT = re.compile(r"</\w+>|&#?\w+;")
# What feedparser takes for an e-mail address in an author's name.
EMAIL = re.compile(
    r"(([a-zA-Z0-9_\-.+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(]?))(\?subject=\S+)?"
)
ENTITY_IN_LINK = re.compile(r"&([A-Za-z0-9_]+);")
# The scheme's characters as feedparser writes them: "+-." there is the range "+,-.".
_EXTRA_SLASHES = re.compile(r"^([A-Za-z][A-Za-z0-9+,\-.]*://)(/*)(.*?)")
# C1 control characters, which feeds mean as windows-1252's printable ones.
_C1 = {
    code: char for code in range(0x80, 0xA0) if (char := bytes([code]).decode("cp1252", "ignore"))
}


def xml_parser() -> etree.XMLParser:
    # No entities from DTDs, no network, no huge text nodes: a hostile document gets a syntax
    # error here and goes to feedparser, inside the same time budget.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
    )


# -- values as feedparser leaves them ---------------------------------------------------------


def cleaned(value: str) -> str:
    """Element text as feedparser hands it on: stripped, UTF-8 read as Latin-1 decoded once
    more, C1 characters as windows-1252's."""
    value = value.strip()
    if value.isascii():
        return value
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("latin-1").decode("utf-8")
    return value.translate(_C1)


def text_of(element: Any) -> str:
    if len(element):
        raise Refused(f"markup inside <{_local(element)}>")
    return cleaned(element.text or "")


def join(base: str, uri: str) -> str:
    uri = _EXTRA_SLASHES.sub(r"\1\3", uri)
    try:
        return urljoin(base, uri)
    except ValueError:
        return ""


def _local(element: Any) -> str:
    return str(etree.QName(element).localname)


def name_of(element: Any) -> str:
    """The element's name as feedparser knows it: ``title``, ``dc:creator``, ``other:thing``."""
    tag = element.tag
    if not isinstance(tag, str):
        raise Refused("an entity reference")
    if tag[0] != "{":
        return tag.lower()
    uri, _, local = tag[1:].partition("}")
    lowered = uri.lower()
    local = local.lower()
    if lowered in _CORE or "backend.userland.com/rss" in lowered:
        return local
    prefix = _PREFIXES.get(lowered)
    if prefix is not None:
        return f"{prefix}:{local}"
    given = element.prefix
    if not given or given.lower() in _KNOWN_PREFIXES:
        raise Refused(f"namespace {uri} under the prefix {given!r}")
    return f"other:{local}"


def attributes_of(element: Any) -> dict[str, str]:
    """Attributes by lower-case name (``rel`` and ``type`` values in lower case too), without
    the namespaced ones feedparser would name differently."""
    found: dict[str, str] = {}
    for key, value in element.attrib.items():
        if key[0] == "{":
            if key in (XML_BASE, XML_LANG):
                continue
            if key in (f"{{{RDF}}}about", f"{{{RDF}}}resource"):
                found["rdf:" + key.rpartition("}")[2]] = value
                continue
            raise Refused("a namespaced attribute")
        name = key.lower()
        found[name] = value.lower() if name in ("rel", "type") else value
    return found


def harmless(element: Any, name: str) -> bool:
    """Whether an element sets nothing Folio reads, however deep: unknown ones hold only
    unknown ones, the others only what feedparser files under them."""
    if name.startswith("other:"):
        return all(name_of(inner).startswith("other:") for inner in element.iterdescendants())
    allowed = SCOPED_CHILDREN.get(name, frozenset())
    for child in element:
        part = name_of(child)
        if part not in allowed or not harmless(child, part if len(child) else "other:"):
            raise Refused(f"<{part}> in <{name}>")
    return True


def base_of(element: Any, base: str) -> str:
    value = element.get(XML_BASE)
    if value is None:
        value = element.get("base")
    if value is None:
        return base
    joined = join(base, value) if base else value
    if not joined.startswith(("http://", "https://")):
        raise Refused("a base address that is not a web address")
    return joined


def content_type(attributes: dict[str, str], default: str) -> str:
    if "mode" in attributes or "src" in attributes:
        raise Refused("content that is encoded or elsewhere")
    kind = attributes.get("type", default)
    kind = TYPE_NAMES.get(kind, kind)
    if kind not in ("text/plain", "text/html"):
        raise Refused(f"content of type {kind}")
    return kind


# -- dates ---------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ZONES = {
    "ut": 0, "gmt": 0, "utc": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6,
    "mdt": -6, "mst": -7, "pdt": -7, "pst": -8,
}  # fmt: skip
_RFC822 = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([a-z]+|[+-]\d{2}:?\d{2})",
    re.IGNORECASE,
)
_W3C = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?"
)


def date_of(value: str) -> time.struct_time | None:
    """A date in one of the forms feeds use, as feedparser reads it (a UTC time tuple)."""
    if not value:
        return None
    found = _W3C.fullmatch(value)
    if found is not None:
        year, month, day, hour, minute, second, zone = found.groups()
        offset = 0
        if zone and zone != "Z":
            offset = int(zone[1:3]) * 60 + int(zone[4:6])
            offset = -offset if zone[0] == "-" else offset
    else:
        found = _RFC822.fullmatch(value)
        if found is None:
            raise Refused(f"the date {value[:40]!r}")
        day, name, year, hour, minute, second, zone = found.groups()
        month_number = _MONTHS.get(name.lower())
        if month_number is None:
            raise Refused(f"the date {value[:40]!r}")
        month = str(month_number)
        if zone[0] in "+-":
            digits = zone[1:].replace(":", "")
            offset = int(digits[:2]) * 60 + int(digits[2:])
            offset = -offset if zone[0] == "-" else offset
        elif zone.lower() in _ZONES:
            offset = _ZONES[zone.lower()] * 60
        else:
            raise Refused(f"the time zone {zone[:10]!r}")
    try:
        stamp = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
        return (stamp - timedelta(minutes=offset)).replace(tzinfo=UTC).timetuple()
    except (ValueError, OverflowError):
        raise Refused(f"the date {value[:40]!r}") from None
