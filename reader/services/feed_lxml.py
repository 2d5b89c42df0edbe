"""Reading common RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents with lxml, fast.

feedparser is Folio's reference parser, and it is slow: it builds its result from SAX events
in Python, element by element. Most feeds are simple, well-formed documents whose every element
is one of a few dozen; for those, :func:`read_feed` walks an lxml tree instead and builds the
same dictionaries feedparser would, restricted to the keys :mod:`reader.services.feeds` reads,
so one piece of code turns either into the entries Folio stores.

It refuses (raises :class:`Refused`) whatever it does not read exactly as feedparser does:
markup that is not well-formed, a DOCTYPE, elements it does not know the meaning of (in a
namespace feedparser gives meaning to), repeated single-valued elements, dates in any but the
usual forms, content it would have to decode or serialise. The caller then parses the document
with feedparser. ``tests/services/test_feed_lxml.py`` holds the differential test that keeps
the two in step.
"""

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


_ATOM = "http://www.w3.org/2005/Atom"
_RSS10 = "http://purl.org/rss/1.0/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML = "http://www.w3.org/XML/1998/namespace"
_XML_BASE = f"{{{_XML}}}base"
_XML_LANG = f"{{{_XML}}}lang"

# Namespaces as feedparser names them (it matches them ignoring case). The first group are the
# feed formats' own: their elements have no prefix. Elements of other namespaces it knows are
# named with its prefix, whatever prefix the document uses.
_CORE = frozenset(
    {
        "",
        "http://backend.userland.com/rss",
        "http://blogs.law.harvard.edu/tech/rss",
        _RSS10,
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://purl.org/atom/ns#",
        _ATOM.lower(),
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
    _RDF: "rdf",
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
_HARMLESS_NAMESPACES = frozenset({"wfw", "slash", "sy", "thr", "feedburner", "georss", "geo"})

# Item elements (by feedparser's name for them) that set nothing Folio reads.
_HARMLESS_IN_ITEM = frozenset(
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
_HARMLESS_IN_FEED = frozenset(
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
_SCOPED_CHILDREN = {
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

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TYPE_NAMES = {"text": "text/plain", "plain": "text/plain", "html": "text/html"}
# Characters that mean "could be HTML" in a field feedparser would then guess the type of.
_HTML_HINT = re.compile(r"</\w+>|&#?\w+;")
# What feedparser takes for an e-mail address in an author's name.
_EMAIL = re.compile(
    r"(([a-zA-Z0-9_\-.+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(]?))(\?subject=\S+)?"
)
_ENTITY_IN_LINK = re.compile(r"&([A-Za-z0-9_]+);")
# The scheme's characters as feedparser writes them: "+-." there is the range "+,-.".
_EXTRA_SLASHES = re.compile(r"^([A-Za-z][A-Za-z0-9+,\-.]*://)(/*)(.*?)")
# C1 control characters, which feeds mean as windows-1252's printable ones.
_C1 = {
    code: char for code in range(0x80, 0xA0) if (char := bytes([code]).decode("cp1252", "ignore"))
}


def _parser() -> etree.XMLParser:
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


def _cleaned(value: str) -> str:
    """Element text as feedparser hands it on: stripped, UTF-8 read as Latin-1 decoded once
    more, C1 characters as windows-1252's."""
    value = value.strip()
    if value.isascii():
        return value
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("latin-1").decode("utf-8")
    return value.translate(_C1)


def _text(element: Any) -> str:
    if len(element):
        raise Refused(f"markup inside <{_local(element)}>")
    return _cleaned(element.text or "")


def _join(base: str, uri: str) -> str:
    uri = _EXTRA_SLASHES.sub(r"\1\3", uri)
    try:
        return urljoin(base, uri)
    except ValueError:
        return ""


def _local(element: Any) -> str:
    return str(etree.QName(element).localname)


def _name(element: Any) -> str:
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


def _attributes(element: Any) -> dict[str, str]:
    """Attributes by lower-case name (``rel`` and ``type`` values in lower case too), without
    the namespaced ones feedparser would name differently."""
    found: dict[str, str] = {}
    for key, value in element.attrib.items():
        if key[0] == "{":
            if key in (_XML_BASE, _XML_LANG):
                continue
            if key in (f"{{{_RDF}}}about", f"{{{_RDF}}}resource"):
                found["rdf:" + key.rpartition("}")[2]] = value
                continue
            raise Refused("a namespaced attribute")
        name = key.lower()
        found[name] = value.lower() if name in ("rel", "type") else value
    return found


def _harmless(element: Any, name: str) -> bool:
    """Whether an element sets nothing Folio reads, however deep: unknown ones hold only
    unknown ones, the others only what feedparser files under them."""
    if name.startswith("other:"):
        return all(_name(inner).startswith("other:") for inner in element.iterdescendants())
    allowed = _SCOPED_CHILDREN.get(name, frozenset())
    for child in element:
        part = _name(child)
        if part not in allowed or not _harmless(child, part if len(child) else "other:"):
            raise Refused(f"<{part}> in <{name}>")
    return True


def _base(element: Any, base: str) -> str:
    value = element.get(_XML_BASE)
    if value is None:
        value = element.get("base")
    if value is None:
        return base
    joined = _join(base, value) if base else value
    if not joined.startswith(("http://", "https://")):
        raise Refused("a base address that is not a web address")
    return joined


def _content_type(attributes: dict[str, str], default: str) -> str:
    if "mode" in attributes or "src" in attributes:
        raise Refused("content that is encoded or elsewhere")
    kind = attributes.get("type", default)
    kind = _TYPE_NAMES.get(kind, kind)
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


def _date(value: str) -> time.struct_time | None:
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


# -- entries ---------------------------------------------------------------------------------

_TITLES = frozenset({"title", "dc:title"})
_SUMMARIES = frozenset(
    {"description", "summary", "dc:description", "media:description", "itunes:summary"}
)
# Summaries feedparser reads with the handler of RSS's <description>, whose content is HTML
# unless it says otherwise; the others are text unless they say otherwise.
_DESCRIPTIONS = frozenset({"description", "dc:description", "media:description"})
_ITUNES = "http://www.itunes.com/"
_AUTHORS = frozenset({"author", "dc:creator", "dc:author", "itunes:author"})
_PUBLISHED = frozenset({"pubdate", "published", "issued", "dcterms:issued"})
_UPDATED = frozenset({"updated", "modified", "dc:date", "dcterms:modified"})
_CREATED = frozenset({"created", "dcterms:created"})
_CATEGORIES = frozenset({"category", "dc:subject", "keywords", "media:category"})


class _Entry:
    """One item as feedparser would leave it, built element by element in document order."""

    def __init__(self, base: str, atom: bool) -> None:
        self.base = base
        self.atom = atom
        self.data: dict[str, Any] = {"links": []}
        self.seen: set[str] = set()
        self.has_content = False
        self.summaries = 0
        self.media_title: str | None = None

    def once(self, name: str) -> None:
        if name in self.seen:
            raise Refused(f"more than one <{name}> in an item")
        self.seen.add(name)

    def read(self, element: Any) -> None:
        name = _name(element)
        base = _base(element, self.base)
        if name in _TITLES:
            self.once("title")
            _content_type(_attributes(element), "text/plain")
            self.data["title"] = _text(element)
        elif name == "media:title":
            self.once("media:title")
            _content_type(_attributes(element), "text/plain")
            self.media_title = _text(element)
        elif name == "link":
            self.link(element, base)
        elif name in ("guid", "id"):
            self.once("guid")
            self.guid(element, base)
        elif name in _SUMMARIES:
            self.summary(element, name, base)
        elif name in ("content:encoded", "content"):
            self.content(element, name, base)
        elif name in _AUTHORS:
            self.once("author")
            self.author(element)
        elif name in _PUBLISHED:
            self.once("published")
            self.data["published_parsed"] = _date(_text(element))
        elif name in _UPDATED:
            self.once("updated")
            self.data["updated_parsed"] = _date(_text(element))
        elif name in _CREATED:
            self.once("created")
            self.data["created_parsed"] = _date(_text(element))
        elif name in _CATEGORIES:
            self.category(element, name)
        elif name == "itunes:category":
            self.itunes_category(element)
        elif name == "itunes:keywords":
            if element.attrib:
                raise Refused("itunes:keywords with attributes")
            tags: list[dict[str, str | None]] = self.data.setdefault("tags", [])
            for term in _text(element).split(","):
                if term.strip():
                    _add_tag(tags, term.strip(), _ITUNES, None)
        elif name in ("language", "dc:language"):
            self.once("language")
            self.data["language"] = _text(element)
        elif name == "enclosure":
            if len(element) or (element.text or "").strip():
                raise Refused("an enclosure with content")
            attributes = _attributes(element)
            href = attributes.pop("url", attributes.pop("uri", attributes.get("href")))
            if href:
                attributes["href"] = href
            attributes["rel"] = "enclosure"
            self.data["links"].append(attributes)
        elif name == "media:content":
            if len(element):
                raise Refused("media:content with elements inside")
            self.data.setdefault("media_content", []).append(_attributes(element))
        elif name == "media:thumbnail":
            if len(element) or (element.text or "").strip():
                raise Refused("media:thumbnail with content")
            self.data.setdefault("media_thumbnail", []).append(_attributes(element))
        elif name == "media:group":
            if element.attrib:
                raise Refused("media:group with attributes")
            for child in element:
                self.read(child)
        elif (
            name in _HARMLESS_IN_ITEM
            or name.startswith("other:")
            or name.partition(":")[0] in _HARMLESS_NAMESPACES
        ) and _harmless(element, name):
            pass
        else:
            raise Refused(f"<{name}> in an item")

    def link(self, element: Any, base: str) -> None:
        attributes = _attributes(element)
        href = attributes.get("url", attributes.get("uri", attributes.get("href")))
        if href is not None or len(attributes):
            if not href or len(element) or (element.text or "").strip():
                raise Refused("a link without an address, or with content")
            rel = attributes.get("rel", "alternate")
            kind = attributes.get("type", "application/atom+xml" if rel == "self" else "text/html")
            resolved = _join(base, href)
            self.data["links"].append({**attributes, "rel": rel, "type": kind, "href": resolved})
            if rel == "alternate" and _TYPE_NAMES.get(kind, kind) in _HTML_TYPES:
                self.data["link"] = resolved
            return
        self.once("text link")
        value = _text(element)
        if value:
            value = _join(base, value)
        value = _ENTITY_IN_LINK.sub(r"&\1", value.replace("&amp;", "&"))
        self.data["link"] = value
        self.data["links"].append({"rel": "alternate", "type": "text/html", "href": value})

    def guid(self, element: Any, base: str) -> None:
        attributes = _attributes(element)
        is_link = attributes.get("ispermalink", "true") == "true"
        value = element.text or ""
        if len(element):
            raise Refused("markup inside a guid")
        value = value.strip()
        if value and is_link:
            value = _join(base, value)
        self.data["id"] = _cleaned(value)
        if is_link:
            self.data.setdefault("link", self.data["id"])

    def summary(self, element: Any, name: str, base: str) -> None:
        self.summaries += 1
        if "summary" in self.data and not self.has_content:
            # A second summary before any content: feedparser makes it the content.
            kind = _content_type(_attributes(element), "text/plain")
            value = _text(element)
            if kind == "text/plain" and not self.atom and _HTML_HINT.search(value):
                raise Refused("text that feedparser would guess is HTML")
            self.has_content = True
            self.data.setdefault("content", []).append({"type": kind, "base": base, "value": value})
            return
        if self.summaries > 1:
            raise Refused("more than one summary in an item")
        default = "text/html" if name in _DESCRIPTIONS else "text/plain"
        kind = _content_type(_attributes(element), default)
        value = _text(element)
        if kind == "text/plain" and not self.atom and _HTML_HINT.search(value):
            raise Refused("text that feedparser would guess is HTML")
        self.data["summary"] = value
        self.data["summary_detail"] = {"type": kind, "base": base, "value": value}

    def finish(self) -> None:
        """What depends on the whole item: a media:title is the title only of an item that
        has no other (feedparser keeps the first title it reads at the shallowest depth)."""
        if self.media_title is None:
            return
        title = self.data.get("title")
        if title is None:
            self.data["title"] = self.media_title
        elif not title:
            raise Refused("an empty title beside a media:title")

    def itunes_category(self, element: Any) -> None:
        if (element.text or "").strip() or set(element.attrib) - {"text"}:
            raise Refused("an iTunes category with text or other attributes")
        tags: list[dict[str, str | None]] = self.data.setdefault("tags", [])
        _add_tag(tags, element.get("text"), _ITUNES, None)
        for child in element:
            if _name(child) != "itunes:category" or (child.tail or "").strip():
                raise Refused("an iTunes category holding something else")
            self.itunes_category(child)

    def content(self, element: Any, name: str, base: str) -> None:
        if name == "content" and not self.atom:
            raise Refused("Atom content in an RSS item")
        default = "text/html" if name == "content:encoded" else "text/plain"
        kind = _content_type(_attributes(element), default)
        value = _text(element)
        if kind == "text/plain" and not self.atom and _HTML_HINT.search(value):
            raise Refused("text that feedparser would guess is HTML")
        self.has_content = True
        self.data.setdefault("content", []).append({"type": kind, "base": base, "value": value})
        self.data.setdefault("summary", value)

    def author(self, element: Any) -> None:
        if _attributes(element):
            raise Refused("an author with attributes")
        if not len(element):
            self.author_text(_text(element))
            return
        if (element.text or "").strip():
            raise Refused("an author with text and elements")
        detail: dict[str, str] = {}
        for child in element:
            part = _name(child)
            if part not in ("name", "email", "uri") or part in detail or (child.tail or "").strip():
                raise Refused(f"<{part}> in an author")
            if len(child):
                raise Refused(f"markup inside <{part}>")
            # feedparser hands these on as they are, only stripped.
            detail[part] = (child.text or "").strip()
        name, email = detail.get("name"), detail.get("email")
        if name and email:
            self.data["author"] = f"{name} ({email})"
        elif name or email:
            self.data["author"] = name or email
        else:
            self.data["author"] = ""
        if name:
            self.data["author_detail"] = {"name": name}

    def author_text(self, value: str) -> None:
        self.data["author"] = value
        found = _EMAIL.search(value) if value else None
        if found is None:
            if value:
                self.data["author_detail"] = {"name": value}
            return
        name = value.replace(found.group(0), "")
        for pair in ("()", "<>", "&lt;&gt;"):
            name = name.replace(pair, "")
        name = name.strip()
        if name[:1] == "(":
            name = name[1:]
        if name[-1:] == ")":
            name = name[:-1]
        name = name.strip()
        if name:
            self.data["author_detail"] = {"name": name}

    def category(self, element: Any, name: str) -> None:
        attributes = _attributes(element)
        tags: list[dict[str, str | None]] = self.data.setdefault("tags", [])
        scheme = attributes.get("scheme", attributes.get("domain"))
        if name == "media:category" and "scheme" not in attributes:
            scheme = "http://search.yahoo.com/mrss/category_schema"
        _add_tag(tags, attributes.get("term"), scheme, attributes.get("label"))
        value = _text(element)
        if not value:
            return
        if tags and not tags[-1]["term"]:
            tags[-1]["term"] = value
        else:
            _add_tag(tags, value, None, None)


def _add_tag(
    tags: list[dict[str, str | None]], term: str | None, scheme: str | None, label: str | None
) -> None:
    if not term and not scheme and not label:
        return
    tag = {"term": term, "scheme": scheme, "label": label}
    if tag not in tags:
        tags.append(tag)


# -- the document ----------------------------------------------------------------------------


class _Feed:
    """The channel (or Atom feed) as feedparser would leave it."""

    def __init__(self, base: str, language: str | None, atom: bool) -> None:
        self.base = base
        self.atom = atom
        self.data: dict[str, Any] = {}
        if language:
            self.data["language"] = language.replace("_", "-")
        self.entries: list[dict[str, Any]] = []
        self.seen: set[str] = set()
        self.summary_seen = False

    def once(self, name: str) -> None:
        if name in self.seen:
            raise Refused(f"more than one <{name}> in the feed")
        self.seen.add(name)

    def read(self, element: Any, base: str) -> None:
        name = _name(element)
        base = _base(element, base)
        if name in ("item", "entry"):
            self.entry(element, base)
        elif name in _TITLES:
            self.once("title")
            _content_type(_attributes(element), "text/plain")
            self.data["title"] = _text(element)
        elif name == "link":
            self.link(element, base)
        elif name in ("description", "subtitle", "tagline", "dc:description", "itunes:subtitle"):
            # feedparser keeps the last of these; a description after a summary it reads as
            # the feed's content instead.
            if self.summary_seen and name in ("description", "dc:description"):
                raise Refused("a feed description after its summary")
            _content_type(_attributes(element), "text/plain")
            self.data["subtitle"] = _text(element)
        elif name in ("summary", "itunes:summary"):
            self.summary_seen = True
        elif name in ("language", "dc:language"):
            self.once("language")
            self.data["language"] = _text(element)
        elif name in ("icon", "logo"):
            self.once(name)
            if element.attrib:
                raise Refused(f"<{name}> with attributes")
            value = _text(element)
            self.data[name] = _join(base, value) if value else value
        elif name == "image":
            self.image(element, base)
        elif name == "itunes:image":
            self.once("itunes:image")
            href = element.get("href") or element.get("url")
            if href:
                self.data["image"] = {"href": href}
        elif name == "id":
            self.once("id")
            value = (element.text or "").strip()
            if len(element):
                raise Refused("markup inside an id")
            self.data.setdefault("link", _cleaned(_join(base, value) if value else value))
        elif name == "channel":
            raise Refused("a channel inside a channel")
        elif (
            name in _HARMLESS_IN_FEED
            or name.startswith("other:")
            or name.partition(":")[0] in _HARMLESS_NAMESPACES
        ) and _harmless(element, name):
            pass
        else:
            raise Refused(f"<{name}> in the feed")

    def entry(self, element: Any, base: str) -> None:
        attributes = _attributes(element)
        if set(attributes) - {"rdf:about"}:
            raise Refused("an item with attributes")
        entry = _Entry(base, self.atom)
        if attributes.get("rdf:about"):
            entry.data["id"] = attributes["rdf:about"]
        for child in element:
            entry.read(child)
        entry.finish()
        self.entries.append(entry.data)

    def link(self, element: Any, base: str) -> None:
        attributes = _attributes(element)
        href = attributes.get("url", attributes.get("uri", attributes.get("href")))
        if href is not None or len(attributes):
            if not href or len(element) or (element.text or "").strip():
                raise Refused("a link without an address, or with content")
            rel = attributes.get("rel", "alternate")
            kind = attributes.get("type", "application/atom+xml" if rel == "self" else "text/html")
            if rel == "alternate" and _TYPE_NAMES.get(kind, kind) in _HTML_TYPES:
                self.data["link"] = _join(base, href)
            return
        self.once("text link")
        value = _text(element)
        if value:
            value = _join(base, value)
        self.data["link"] = _ENTITY_IN_LINK.sub(r"&\1", value)

    def image(self, element: Any, base: str) -> None:
        attributes = set(_attributes(element))
        if attributes == {"rdf:resource"} and not len(element):
            # An RDF channel's reference to its image, described further down.
            self.data.setdefault("image", {})
            return
        self.once("image")
        if attributes - {"rdf:about"}:
            raise Refused("an image with attributes")
        image = self.data.setdefault("image", {})
        for child in element:
            part = _name(child)
            if len(child):
                raise Refused(f"markup inside <{part}> in an image")
            if part == "url":
                value = _text(child)
                image["href"] = _join(_base(child, base), value) if value else value
            elif part not in ("title", "link", "width", "height", "description"):
                raise Refused(f"<{part}> in an image")


_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}


def _declares(root: Any, uri: str) -> bool:
    return any(value.lower() == uri for value in root.nsmap.values())


def read_feed(data: bytes, *, url: str, language: str | None = None) -> dict[str, Any]:
    """``data`` (UTF-8) read the way feedparser would read it, as a dictionary with the keys of
    feedparser's result that Folio uses: ``version``, ``feed`` and ``entries``. ``url`` is
    where the document came from and ``language`` the one the server named. Raises
    :class:`Refused` for any document this reader does not read exactly as feedparser does."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise Refused(f"not well-formed: {exc}") from None
    if root is None:
        raise Refused("no document")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise Refused("a DOCTYPE")
    base = _base(root, url)
    tag = root.tag
    lang = root.get(_XML_LANG) or root.get("lang")
    if tag == "rss":
        version = root.get("version", "")
        kind = _RSS_VERSIONS.get(version) or ("rss20" if version.startswith("2.") else "rss")
        if set(root.attrib) - {"version", _XML_LANG, _XML_BASE}:
            raise Refused("attributes on <rss>")
        if _declares(root, _RSS10) or _declares(root, "http://my.netscape.com/rdf/simple/0.9/"):
            raise Refused("an RSS 2.0 document that declares RSS 1.0")
        if root.text and root.text.strip():
            raise Refused("text in <rss>")
        channels = [child for child in root if child.tag == "channel"]
        if len(channels) != 1 or len(root) != 1 or channels[0].attrib:
            raise Refused("not one channel")
        feed = _Feed(base, language, atom=False)
        if lang:
            feed.data["language"] = lang.replace("_", "-")
        channel_base = _base(channels[0], base)
        for child in channels[0]:
            feed.read(child, channel_base)
    elif tag == f"{{{_ATOM}}}feed":
        kind = "atom10"
        if set(root.attrib) - {_XML_LANG, _XML_BASE}:
            raise Refused("attributes on <feed>")
        feed = _Feed(base, language, atom=True)
        if lang:
            feed.data["language"] = lang.replace("_", "-")
        for child in root:
            feed.read(child, base)
    elif tag == f"{{{_RDF}}}RDF" and root.nsmap.get(None) == _RSS10:
        if _declares(root, _ATOM.lower()) or _declares(
            root, "http://my.netscape.com/rdf/simple/0.9/"
        ):
            raise Refused("an RDF document that declares other feed formats")
        kind = "rss10"
        feed = _Feed(base, language, atom=False)
        for child in root:
            name = _name(child)
            if name == "channel":
                for part in child:
                    if _name(part) == "items":
                        continue
                    feed.read(part, _base(child, base))
            elif name == "item":
                feed.read(child, base)
            elif name in ("image", "textinput"):
                # Outside the channel feedparser keeps nothing of them but an empty image.
                for part in child:
                    if _name(part) not in _SCOPED_CHILDREN["textinput"] | {"url"} or len(part):
                        raise Refused(f"<{_name(part)}> in <{name}>")
                if name == "image":
                    feed.data.setdefault("image", {})
            else:
                raise Refused(f"<{name}> in an RDF document")
    else:
        raise Refused(f"a document of type {tag}")
    return {"version": kind, "feed": feed.data, "entries": feed.entries, "bozo": False}
