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

from typing import Any

from lxml import etree

from reader.services.feed_lxml_values import (
    ATOM,
    EMAIL,
    ENTITY_IN_LINK,
    HARMLESS_IN_FEED,
    HARMLESS_IN_ITEM,
    HARMLESS_NAMESPACES,
    HTML_HINT,
    HTML_TYPES,
    RDF,
    RSS10,
    SCOPED_CHILDREN,
    TYPE_NAMES,
    XML_BASE,
    XML_LANG,
    Refused,
    attributes_of,
    base_of,
    cleaned,
    content_type,
    date_of,
    harmless,
    join,
    name_of,
    text_of,
    xml_parser,
)

__all__ = ["Refused", "read_feed"]


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

    def __init__(self, base: str, atom: bool, depth: int) -> None:
        self.base = base
        self.atom = atom
        self.depth = depth  # of the item's children, counting the root element as 1
        # feedparser's memory of the depth of the last title it read: a title no deeper than
        # it is dropped. An item starts it afresh; what it is when the item ends outlives it.
        self.title_depth = -1
        self.data: dict[str, Any] = {"links": []}
        self.seen: set[str] = set()
        self.has_content = False
        self.summaries = 0
        self.media_title: str | None = None

    def once(self, name: str) -> None:
        if name in self.seen:
            raise Refused(f"more than one <{name}> in an item")
        self.seen.add(name)

    def date(self, element: Any, key: str) -> None:
        """A date as feedparser keeps it: parsed, and as written (which tells a date without
        a time of day, see :func:`reader.services.feeds.is_date_only`)."""
        self.once(key)
        written = text_of(element)
        self.data[key] = written
        self.data[f"{key}_parsed"] = date_of(written)

    def read(self, element: Any, depth: int = 0) -> None:
        depth = depth or self.depth
        name = name_of(element)
        base = base_of(element, self.base)
        if name in _TITLES:
            self.once("title")
            content_type(attributes_of(element), "text/plain")
            self.data["title"] = text_of(element)
            if self.data["title"]:
                self.title_depth = depth
        elif name == "media:title":
            self.once("media:title")
            content_type(attributes_of(element), "text/plain")
            self.media_title = text_of(element)
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
            self.date(element, "published")
        elif name in _UPDATED:
            self.date(element, "updated")
        elif name in _CREATED:
            self.date(element, "created")
        elif name in _CATEGORIES:
            self.category(element, name)
        elif name == "itunes:category":
            self.itunes_category(element)
        elif name == "itunes:keywords":
            if element.attrib:
                raise Refused("itunes:keywords with attributes")
            tags: list[dict[str, str | None]] = self.data.setdefault("tags", [])
            for term in text_of(element).split(","):
                if term.strip():
                    _add_tag(tags, term.strip(), _ITUNES, None)
        elif name in ("language", "dc:language"):
            self.once("language")
            self.data["language"] = text_of(element)
        elif name == "enclosure":
            if len(element) or (element.text or "").strip():
                raise Refused("an enclosure with content")
            attributes = attributes_of(element)
            href = attributes.pop("url", attributes.pop("uri", attributes.get("href")))
            if href:
                attributes["href"] = href
            attributes["rel"] = "enclosure"
            self.data["links"].append(attributes)
        elif name == "media:content":
            if len(element):
                raise Refused("media:content with elements inside")
            self.data.setdefault("media_content", []).append(attributes_of(element))
        elif name == "media:thumbnail":
            if len(element) or (element.text or "").strip():
                raise Refused("media:thumbnail with content")
            self.data.setdefault("media_thumbnail", []).append(attributes_of(element))
        elif name == "media:group":
            if element.attrib:
                raise Refused("media:group with attributes")
            for child in element:
                self.read(child, depth + 1)
        elif name == "source" and harmless(element, name):
            self.seen.add("source")
            self.title_depth = _inner_title_depth(element, depth)
        elif (
            name in HARMLESS_IN_ITEM
            or name.startswith("other:")
            or name.partition(":")[0] in HARMLESS_NAMESPACES
        ) and harmless(element, name):
            pass
        else:
            raise Refused(f"<{name}> in an item")

    def link(self, element: Any, base: str) -> None:
        attributes = attributes_of(element)
        href = attributes.get("url", attributes.get("uri", attributes.get("href")))
        if href is not None or len(attributes):
            if not href or len(element) or (element.text or "").strip():
                raise Refused("a link without an address, or with content")
            rel = attributes.get("rel", "alternate")
            kind = attributes.get("type", "application/atom+xml" if rel == "self" else "text/html")
            resolved = join(base, href)
            self.data["links"].append({**attributes, "rel": rel, "type": kind, "href": resolved})
            if rel == "alternate" and TYPE_NAMES.get(kind, kind) in HTML_TYPES:
                self.data["link"] = resolved
            return
        self.once("text link")
        value = text_of(element)
        if value:
            value = join(base, value)
        value = ENTITY_IN_LINK.sub(r"&\1", value.replace("&amp;", "&"))
        self.data["link"] = value
        self.data["links"].append({"rel": "alternate", "type": "text/html", "href": value})

    def guid(self, element: Any, base: str) -> None:
        attributes = attributes_of(element)
        is_link = attributes.get("ispermalink", "true") == "true"
        value = element.text or ""
        if len(element):
            raise Refused("markup inside a guid")
        value = value.strip()
        if value and is_link:
            value = join(base, value)
        self.data["id"] = cleaned(value)
        if is_link:
            self.data.setdefault("link", self.data["id"])

    def summary(self, element: Any, name: str, base: str) -> None:
        self.summaries += 1
        if "summary" in self.data and not self.has_content:
            # A second summary before any content: feedparser makes it the content.
            kind = content_type(attributes_of(element), "text/plain")
            value = text_of(element)
            if kind == "text/plain" and not self.atom and HTML_HINT.search(value):
                raise Refused("text that feedparser would guess is HTML")
            self.has_content = True
            self.data.setdefault("content", []).append({"type": kind, "base": base, "value": value})
            return
        if self.summaries > 1:
            raise Refused("more than one summary in an item")
        default = "text/html" if name in _DESCRIPTIONS else "text/plain"
        kind = content_type(attributes_of(element), default)
        value = text_of(element)
        if kind == "text/plain" and not self.atom and HTML_HINT.search(value):
            raise Refused("text that feedparser would guess is HTML")
        self.data["summary"] = value
        self.data["summary_detail"] = {"type": kind, "base": base, "value": value}

    def finish(self) -> None:
        """What depends on the whole item: a media:title is the title only of an item that
        has no other (feedparser keeps the first title it reads at the shallowest depth)."""
        if self.media_title is None:
            return
        if "source" in self.seen:
            raise Refused("a media:title beside a source")
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
            if name_of(child) != "itunes:category" or (child.tail or "").strip():
                raise Refused("an iTunes category holding something else")
            self.itunes_category(child)

    def content(self, element: Any, name: str, base: str) -> None:
        if name == "content" and not self.atom:
            raise Refused("Atom content in an RSS item")
        default = "text/html" if name == "content:encoded" else "text/plain"
        kind = content_type(attributes_of(element), default)
        value = text_of(element)
        if kind == "text/plain" and not self.atom and HTML_HINT.search(value):
            raise Refused("text that feedparser would guess is HTML")
        self.has_content = True
        self.data.setdefault("content", []).append({"type": kind, "base": base, "value": value})
        self.data.setdefault("summary", value)

    def author(self, element: Any) -> None:
        if attributes_of(element):
            raise Refused("an author with attributes")
        if not len(element):
            self.author_text(text_of(element))
            return
        if (element.text or "").strip():
            raise Refused("an author with text and elements")
        detail: dict[str, str] = {}
        for child in element:
            part = name_of(child)
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
        found = EMAIL.search(value) if value else None
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
        attributes = attributes_of(element)
        tags: list[dict[str, str | None]] = self.data.setdefault("tags", [])
        scheme = attributes.get("scheme", attributes.get("domain"))
        if name == "media:category" and "scheme" not in attributes:
            scheme = "http://search.yahoo.com/mrss/category_schema"
        _add_tag(tags, attributes.get("term"), scheme, attributes.get("label"))
        value = text_of(element)
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
        # Depth of the last title read (see _Entry): a feed's title can be dropped for it.
        self.title_depth = -1

    def once(self, name: str) -> None:
        if name in self.seen:
            raise Refused(f"more than one <{name}> in the feed")
        self.seen.add(name)

    def read(self, element: Any, base: str, depth: int) -> None:
        """Read a child of the channel or feed (or of an RDF document) at ``depth``."""
        name = name_of(element)
        base = base_of(element, base)
        if name in ("item", "entry"):
            self.entry(element, base, depth)
        elif name in _TITLES:
            self.once("title")
            content_type(attributes_of(element), "text/plain")
            value = text_of(element)
            if not -1 < self.title_depth <= depth:
                self.data["title"] = value
            if value:
                self.title_depth = depth
        elif name == "link":
            self.link(element, base)
        elif name in ("description", "subtitle", "tagline", "dc:description", "itunes:subtitle"):
            # feedparser keeps the last of these; a description after a summary it reads as
            # the feed's content instead.
            if self.summary_seen and name in ("description", "dc:description"):
                raise Refused("a feed description after its summary")
            content_type(attributes_of(element), "text/plain")
            self.data["subtitle"] = text_of(element)
        elif name in ("summary", "itunes:summary"):
            text_of(element)  # its value is not read, but nothing may hide in it
            self.summary_seen = True
        elif name in ("language", "dc:language"):
            self.once("language")
            self.data["language"] = text_of(element)
        elif name in ("icon", "logo"):
            self.once(name)
            if element.attrib:
                raise Refused(f"<{name}> with attributes")
            value = text_of(element)
            self.data[name] = join(base, value) if value else value
        elif name == "image":
            self.image(element, base, depth)
        elif name == "textinput" and harmless(element, name):
            self.title_depth = _inner_title_depth(element, depth)
        elif name == "itunes:image":
            self.once("itunes:image")
            if len(element):
                raise Refused("elements inside itunes:image")
            href = element.get("href") or element.get("url")
            if href:
                self.data["image"] = {"href": href}
        elif name == "id":
            self.once("id")
            value = (element.text or "").strip()
            if len(element):
                raise Refused("markup inside an id")
            self.data.setdefault("link", cleaned(join(base, value) if value else value))
        elif name == "channel":
            raise Refused("a channel inside a channel")
        elif (
            name in HARMLESS_IN_FEED
            or name.startswith("other:")
            or name.partition(":")[0] in HARMLESS_NAMESPACES
        ) and harmless(element, name):
            pass
        else:
            raise Refused(f"<{name}> in the feed")

    def entry(self, element: Any, base: str, depth: int) -> None:
        attributes = attributes_of(element)
        if set(attributes) - {"rdf:about"}:
            raise Refused("an item with attributes")
        entry = _Entry(base, self.atom, depth + 1)
        if attributes.get("rdf:about"):
            entry.data["id"] = attributes["rdf:about"]
        for child in element:
            entry.read(child)
        entry.finish()
        self.title_depth = entry.title_depth
        self.entries.append(entry.data)

    def link(self, element: Any, base: str) -> None:
        attributes = attributes_of(element)
        href = attributes.get("url", attributes.get("uri", attributes.get("href")))
        if href is not None or len(attributes):
            if not href or len(element) or (element.text or "").strip():
                raise Refused("a link without an address, or with content")
            rel = attributes.get("rel", "alternate")
            kind = attributes.get("type", "application/atom+xml" if rel == "self" else "text/html")
            if rel == "alternate" and TYPE_NAMES.get(kind, kind) in HTML_TYPES:
                self.data["link"] = join(base, href)
            return
        self.once("text link")
        value = text_of(element)
        if value:
            value = join(base, value)
        self.data["link"] = ENTITY_IN_LINK.sub(r"&\1", value)

    def image(self, element: Any, base: str, depth: int) -> None:
        attributes = set(attributes_of(element))
        self.title_depth = _inner_title_depth(element, depth)
        if attributes == {"rdf:resource"} and not len(element):
            # An RDF channel's reference to its image, described further down.
            self.data.setdefault("image", {})
            return
        self.once("image")
        if attributes - {"rdf:about"}:
            raise Refused("an image with attributes")
        image = self.data.setdefault("image", {})
        for child in element:
            part = name_of(child)
            if len(child):
                raise Refused(f"markup inside <{part}> in an image")
            if part == "url":
                value = text_of(child)
                image["href"] = join(base_of(child, base), value) if value else value
            elif part not in ("title", "link", "width", "height", "description"):
                raise Refused(f"<{part}> in an image")


def _inner_title_depth(element: Any, depth: int) -> int:
    """feedparser's title depth after an image, text input or source at ``depth``: each starts
    it afresh, and a title inside one that says something sets it."""
    found = -1
    for child in element:
        if name_of(child) == "title" and not len(child) and cleaned(child.text or ""):
            found = depth + 1
    return found


_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}


def _declares(root: Any, uri: str) -> bool:
    return any(value.lower() == uri for value in root.nsmap.values())


def read_feed(data: bytes, *, url: str, language: str | None = None) -> dict[str, Any]:
    """``data`` (UTF-8) read the way feedparser would read it, as a dictionary with the keys of
    feedparser's result that Folio uses: ``version``, ``feed`` and ``entries``. ``url`` is
    where the document came from and ``language`` the one the server named. Raises
    :class:`Refused` for any document this reader does not read exactly as feedparser does."""
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise Refused(f"not well-formed: {exc}") from None
    if root is None:
        raise Refused("no document")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise Refused("a DOCTYPE")
    base = base_of(root, url)
    tag = root.tag
    lang = root.get(XML_LANG) or root.get("lang")
    if tag == "rss":
        version = root.get("version", "")
        kind = _RSS_VERSIONS.get(version) or ("rss20" if version.startswith("2.") else "rss")
        if set(root.attrib) - {"version", XML_LANG, XML_BASE}:
            raise Refused("attributes on <rss>")
        if _declares(root, RSS10) or _declares(root, "http://my.netscape.com/rdf/simple/0.9/"):
            raise Refused("an RSS 2.0 document that declares RSS 1.0")
        if root.text and root.text.strip():
            raise Refused("text in <rss>")
        channels = [child for child in root if child.tag == "channel"]
        if len(channels) != 1 or len(root) != 1 or channels[0].attrib:
            raise Refused("not one channel")
        feed = _Feed(base, language, atom=False)
        if lang:
            feed.data["language"] = lang.replace("_", "-")
        channel_base = base_of(channels[0], base)
        for child in channels[0]:
            feed.read(child, channel_base, 3)
    elif tag == f"{{{ATOM}}}feed":
        kind = "atom10"
        if set(root.attrib) - {XML_LANG, XML_BASE}:
            raise Refused("attributes on <feed>")
        feed = _Feed(base, language, atom=True)
        if lang:
            feed.data["language"] = lang.replace("_", "-")
        for child in root:
            feed.read(child, base, 2)
    elif tag == f"{{{RDF}}}RDF" and root.nsmap.get(None) == RSS10:
        if _declares(root, ATOM.lower()) or _declares(
            root, "http://my.netscape.com/rdf/simple/0.9/"
        ):
            raise Refused("an RDF document that declares other feed formats")
        kind = "rss10"
        feed = _Feed(base, language, atom=False)
        for child in root:
            name = name_of(child)
            if name == "channel":
                for part in child:
                    if name_of(part) == "items":
                        # The list of the items' addresses: nothing else may hide in it.
                        for inner in part.iterdescendants():
                            if name_of(inner) not in ("rdf:seq", "rdf:li") or (
                                name_of(inner) == "rdf:li" and len(inner)
                            ):
                                raise Refused(f"<{name_of(inner)}> in the list of items")
                        continue
                    feed.read(part, base_of(child, base), 3)
            elif name == "item":
                feed.read(child, base, 2)
            elif name in ("image", "textinput"):
                # Outside the channel feedparser keeps nothing of them but an empty image.
                for part in child:
                    if name_of(part) not in SCOPED_CHILDREN["textinput"] | {"url"} or len(part):
                        raise Refused(f"<{name_of(part)}> in <{name}>")
                if name == "image":
                    feed.data.setdefault("image", {})
                feed.title_depth = _inner_title_depth(child, 2)
            else:
                raise Refused(f"<{name}> in an RDF document")
    else:
        raise Refused(f"a document of type {tag}")
    return {"version": kind, "feed": feed.data, "entries": feed.entries, "bozo": False}
