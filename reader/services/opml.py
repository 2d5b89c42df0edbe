"""OPML subscription lists: reading what is valid from any file that calls itself OPML, with
a reason for everything left out, and writing files other readers import."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from reader.core.errors import ImportFormatError
from reader.core.limits import drop_controls
from reader.core.urls import is_http_url, safe_link

# Folders nested deeper than this are no subscription list anyone keeps: the file is refused
# whole rather than imported in part (the XML parser itself stops at 256 levels).
MAX_FOLDER_DEPTH = 50


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    site_url: str | None = None
    # Folder names from the outermost in: ("News", "Tech") is News/Tech.
    folder: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OpmlDocument:
    title: str | None
    feeds: tuple[OpmlFeed, ...]
    # Folder paths in document order, including empty folders.
    folders: tuple[tuple[str, ...], ...] = ()
    problems: tuple[str, ...] = ()


def _attr(element: etree._Element, name: str) -> str | None:
    """An attribute by name regardless of case (``xmlUrl``, ``xmlurl``, ``XMLURL`` all occur)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if str(key).lower() == wanted:
            text = " ".join(str(value).split())
            return text or None
    return None


def _feed_url(raw: str) -> str | None:
    """An http(s) address from what OPML files hold (``feed://`` and ``feed:https://`` too)."""
    url = raw.strip()
    lowered = url.lower()
    if lowered.startswith("feed://"):
        url = "http://" + url[7:]
    elif lowered.startswith("feed:"):
        url = url[5:]
    return url if is_http_url(url) else None


def _where(element: etree._Element) -> str:
    line = element.sourceline
    return f"line {line}" if line else "an outline"


def _label(element: etree._Element) -> str | None:
    return _attr(element, "text") or _attr(element, "title")


def parse_opml(data: bytes) -> OpmlDocument:
    """Feeds and folders from an OPML file. Raises :class:`ImportFormatError` only when the file
    holds nothing usable as OPML; smaller problems are listed in ``problems``."""
    if not data.strip():
        raise ImportFormatError("the OPML file is empty")
    problems: list[str] = []
    strict = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, strict)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise ImportFormatError(
                "the OPML file nests its outlines hundreds of levels deep; Folio reads"
                f" folders up to {MAX_FOLDER_DEPTH} levels deep"
            ) from None
        lenient = etree.XMLParser(
            recover=True, resolve_entities=False, no_network=True, huge_tree=False
        )
        try:
            root = etree.fromstring(data, lenient)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise ImportFormatError(f"not an OPML file: the XML is broken ({exc})") from None
        problems.append(f"the file is not well-formed XML ({exc}); read what could be read")
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise ImportFormatError("not an OPML file: its root element is not <opml>")
    title_element = root.find("./head/title")
    title = (title_element.text or "").strip() or None if title_element is not None else None
    body = root.find("body")
    if body is None:
        raise ImportFormatError("not an OPML file: it has no <body>")

    feeds: list[OpmlFeed] = []
    folders: list[tuple[str, ...]] = []
    seen: dict[str, str] = {}

    def walk(parent: etree._Element, path: tuple[str, ...]) -> None:
        for element in parent:
            if not isinstance(element.tag, str) or element.tag.lower() != "outline":
                continue
            raw_url = _attr(element, "xmlUrl")
            label = _label(element)
            if raw_url is None:
                children = [c for c in element if isinstance(c.tag, str)]
                # A feed outline that lost its address says so by its type or site link; any
                # other childless outline with a name is an empty folder.
                looks_like_feed = (_attr(element, "type") or "").lower() in ("rss", "atom") or (
                    _attr(element, "htmlUrl") is not None
                )
                if children or (label and not looks_like_feed):
                    if len(path) >= MAX_FOLDER_DEPTH:
                        raise ImportFormatError(
                            f"the OPML file nests folders more than {MAX_FOLDER_DEPTH} levels"
                            f" deep ({_where(element)}); Folio reads up to {MAX_FOLDER_DEPTH}"
                        )
                    name = (label or "").replace("/", "-").strip() or "Untitled folder"
                    folder = (*path, name)
                    if folder not in folders:
                        folders.append(folder)
                    walk(element, folder)
                else:
                    what = f"'{label}'" if label else "an outline"
                    problems.append(f"{_where(element)}: {what} has no feed address")
                continue
            url = _feed_url(raw_url)
            if url is None:
                problems.append(f"{_where(element)}: {raw_url!r} is not a web address")
                continue
            if url in seen:
                problems.append(f"{_where(element)}: {url} is listed twice (first at {seen[url]})")
                continue
            seen[url] = _where(element)
            site = _attr(element, "htmlUrl")
            folder = path or _category_folder(_attr(element, "category"))
            feeds.append(
                OpmlFeed(
                    url=url,
                    title=label,
                    site_url=site if site and is_http_url(site) else None,
                    folder=folder,
                )
            )
            if folder and folder not in folders:
                folders.append(folder)

    walk(body, ())
    if not feeds and not folders and not problems:
        problems.append("the file lists no feeds")
    return OpmlDocument(
        title=title, feeds=tuple(feeds), folders=tuple(folders), problems=tuple(problems)
    )


def _category_folder(category: str | None) -> tuple[str, ...]:
    """OPML 2's ``category="/News/Tech"`` names a folder when outlines are not nested."""
    if not category:
        return ()
    first = category.split(",", 1)[0].strip()
    if not first.startswith("/"):
        return ()
    return tuple(part.strip() for part in first.split("/") if part.strip())


def write_opml(
    feeds: Iterable[OpmlFeed],
    *,
    folders: Sequence[tuple[str, ...]] = (),
    title: str = "Folio subscriptions",
    now: datetime | None = None,
) -> bytes:
    """An OPML 2.0 document with folders as nested outlines (empty folders kept)."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(
        now or datetime.now(UTC), usegmt=True
    )
    body = etree.SubElement(root, "body")
    outlines: dict[tuple[str, ...], etree._Element] = {(): body}

    def folder_element(path: tuple[str, ...]) -> etree._Element:
        if path in outlines:
            return outlines[path]
        parent = folder_element(path[:-1])
        name = drop_controls(path[-1])
        element = etree.SubElement(parent, "outline", text=name, title=name)
        outlines[path] = element
        return element

    for path in folders:
        folder_element(tuple(path))
    for feed in feeds:
        # Readers of the file follow these addresses: only web ones go in.
        xml_url = safe_link(feed.url)
        if xml_url is None:
            continue
        parent = folder_element(feed.folder)
        name = drop_controls(feed.title or xml_url)
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": xml_url}
        site_url = safe_link(feed.site_url)
        if site_url:
            attributes["htmlUrl"] = site_url
        etree.SubElement(parent, "outline", attributes)
    text: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return text
