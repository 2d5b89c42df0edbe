"""EPUB 3: a book of articles with a table of contents and the images the library holds.

Layout: ``mimetype`` first and stored (readers find the type at a fixed offset), then
``META-INF/container.xml`` pointing at ``OEBPS/content.opf``; the package lists every file in
its manifest and the reading order in its spine. ``nav.xhtml`` is the EPUB 3 table of
contents and ``toc.ncx`` the one EPUB 2 readers look for. Images the library does not hold are
left out (a reader shows no remote images); their alt text stays.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from reader.core.limits import drop_controls
from reader.core.types import Article
from reader.services.exporters.common import (
    IMAGE_EXTENSIONS,
    ImageSource,
    Progress,
    iso_utc,
    no_images,
    parse_fragment,
    rewrite_images,
    safe_url,
)

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
STYLE = """body { font-family: serif; line-height: 1.5; }
h1 { font-family: sans-serif; line-height: 1.2; }
.meta { color: #555; font-size: 0.85em; font-family: sans-serif; }
img { max-width: 100%; }
blockquote { margin-left: 1em; padding-left: 0.8em; border-left: 2px solid #999; }
"""
# Image types every EPUB reading system must show.
_CORE_IMAGES = {"image/jpeg", "image/png", "image/gif", "image/svg+xml", "image/webp"}


def _xml(element: etree._Element) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _x(tag: str) -> str:
    return f"{{{XHTML_NS}}}{tag}"


def _to_xhtml_children(source: etree._Element, node: etree._Element) -> None:
    """Copy the children of an lxml.html element under ``node`` as XHTML elements."""
    for child in source:
        if not isinstance(child.tag, str):
            if child.tail:
                if len(node):
                    node[-1].tail = (node[-1].tail or "") + child.tail
                else:
                    node.text = (node.text or "") + child.tail
            continue
        sub = etree.SubElement(node, _x(child.tag))
        for name, value in child.attrib.items():
            if ":" not in name and name.replace("-", "").isalnum():
                sub.set(name, value)
        sub.text = child.text
        _to_xhtml_children(child, sub)
        sub.tail = child.tail


def _page(title: str, language: str) -> tuple[etree._Element, etree._Element]:
    html = etree.Element(_x("html"), nsmap={None: XHTML_NS, "epub": EPUB_NS})
    html.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    head = etree.SubElement(html, _x("head"))
    etree.SubElement(head, _x("meta"), charset="utf-8")
    etree.SubElement(head, _x("title")).text = title
    etree.SubElement(head, _x("link"), rel="stylesheet", type="text/css", href="../style.css")
    body = etree.SubElement(html, _x("body"))
    return html, body


def article_xhtml(
    article: Article, images: ImageSource, files: dict[str, tuple[str, bytes]]
) -> bytes:
    """The chapter for one article; images it uses are added to ``files`` by path."""
    root = parse_fragment(article.content_html or "")

    def bundle(sha: str, mime: str, data: bytes) -> str | None:
        kind = mime.split(";", maxsplit=1)[0].strip().lower()
        if kind not in _CORE_IMAGES:
            return None
        name = f"images/{sha[:32]}.{IMAGE_EXTENSIONS[kind]}"
        files[name] = (kind, data)
        return f"../{name}"

    # Alternative sources would be remote files a reader may not fetch; the <img> stays.
    for source in list(root.iter("source")):
        source.drop_tag()  # the HTML parser may have put the <img> inside it
    for picture in list(root.iter("picture")):
        picture.drop_tag()
    rewrite_images(root, article, images, bundle)
    for img in list(root.iter("img")):
        if not (img.get("src") or "").startswith("../images/"):
            # Not in the book: keep what the picture was about, as text.
            alt = img.get("alt") or ""
            span = etree.Element("span")
            span.text = f"[{alt}]" if alt else ""
            span.tail = img.tail
            img.getparent().replace(img, span)
    # XML takes no control characters (an older library's titles may hold some).
    title = drop_controls(article.title or "Untitled")
    html, body = _page(title, article.language or "en")
    etree.SubElement(body, _x("h1")).text = title
    meta_parts = [p for p in (article.feed_title or article.site_name, article.author) if p]
    if article.published:
        meta_parts.append(article.published.strftime("%Y-%m-%d"))
    meta = etree.SubElement(body, _x("p"))
    meta.set("class", "meta")
    meta.text = drop_controls(" · ".join(meta_parts))
    url = safe_url(article)
    if url:
        if meta.text:
            etree.SubElement(meta, _x("br"))
        link = etree.SubElement(meta, _x("a"), href=url)
        link.text = url
    section = etree.SubElement(body, _x("section"))
    section.text = root.text
    _to_xhtml_children(root, section)
    return _xml(html)


def _nav(title: str, chapters: list[tuple[str, str]], language: str) -> bytes:
    html = etree.Element(_x("html"), nsmap={None: XHTML_NS, "epub": EPUB_NS})
    html.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    head = etree.SubElement(html, _x("head"))
    etree.SubElement(head, _x("meta"), charset="utf-8")
    etree.SubElement(head, _x("title")).text = title
    body = etree.SubElement(html, _x("body"))
    nav = etree.SubElement(body, _x("nav"))
    nav.set(f"{{{EPUB_NS}}}type", "toc")
    nav.set("id", "toc")
    etree.SubElement(nav, _x("h1")).text = "Contents"
    ol = etree.SubElement(nav, _x("ol"))
    for href, chapter_title in chapters:
        li = etree.SubElement(ol, _x("li"))
        etree.SubElement(li, _x("a"), href=href).text = chapter_title or "Untitled"
    return _xml(html)


def _ncx(identifier: str, title: str, chapters: list[tuple[str, str]]) -> bytes:
    ncx = etree.Element(f"{{{NCX_NS}}}ncx", nsmap={None: NCX_NS}, version="2005-1")
    head = etree.SubElement(ncx, f"{{{NCX_NS}}}head")
    etree.SubElement(head, f"{{{NCX_NS}}}meta", name="dtb:uid", content=identifier)
    doc_title = etree.SubElement(ncx, f"{{{NCX_NS}}}docTitle")
    etree.SubElement(doc_title, f"{{{NCX_NS}}}text").text = title
    nav_map = etree.SubElement(ncx, f"{{{NCX_NS}}}navMap")
    for number, (href, chapter_title) in enumerate(chapters, start=1):
        point = etree.SubElement(
            nav_map, f"{{{NCX_NS}}}navPoint", id=f"nav-{number}", playOrder=str(number)
        )
        label = etree.SubElement(point, f"{{{NCX_NS}}}navLabel")
        etree.SubElement(label, f"{{{NCX_NS}}}text").text = chapter_title or "Untitled"
        etree.SubElement(point, f"{{{NCX_NS}}}content", src=href)
    return _xml(ncx)


def _opf(
    *,
    identifier: str,
    title: str,
    language: str,
    modified: datetime,
    chapters: list[tuple[str, str]],
    images: dict[str, tuple[str, bytes]],
) -> bytes:
    package = etree.Element(
        f"{{{OPF_NS}}}package",
        nsmap={None: OPF_NS, "dc": DC_NS},
        version="3.0",
    )
    package.set("unique-identifier", "book-id")
    metadata = etree.SubElement(package, f"{{{OPF_NS}}}metadata")
    etree.SubElement(metadata, f"{{{DC_NS}}}identifier", id="book-id").text = identifier
    etree.SubElement(metadata, f"{{{DC_NS}}}title").text = title
    etree.SubElement(metadata, f"{{{DC_NS}}}language").text = language
    etree.SubElement(metadata, f"{{{DC_NS}}}creator").text = "Folio"
    stamp = modified.astimezone(UTC).replace(microsecond=0)
    etree.SubElement(metadata, f"{{{OPF_NS}}}meta", property="dcterms:modified").text = iso_utc(
        stamp
    )
    manifest = etree.SubElement(package, f"{{{OPF_NS}}}manifest")
    etree.SubElement(
        manifest,
        f"{{{OPF_NS}}}item",
        id="nav",
        href="nav.xhtml",
        properties="nav",
    ).set("media-type", "application/xhtml+xml")
    etree.SubElement(manifest, f"{{{OPF_NS}}}item", id="ncx", href="toc.ncx").set(
        "media-type", "application/x-dtbncx+xml"
    )
    etree.SubElement(manifest, f"{{{OPF_NS}}}item", id="css", href="style.css").set(
        "media-type", "text/css"
    )
    for number, (href, _title) in enumerate(chapters, start=1):
        etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=f"chapter-{number}", href=href).set(
            "media-type", "application/xhtml+xml"
        )
    for number, (name, (mime, _data)) in enumerate(sorted(images.items()), start=1):
        etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=f"image-{number}", href=name).set(
            "media-type", mime
        )
    spine = etree.SubElement(package, f"{{{OPF_NS}}}spine", toc="ncx")
    etree.SubElement(spine, f"{{{OPF_NS}}}itemref", idref="nav")
    for number in range(1, len(chapters) + 1):
        etree.SubElement(spine, f"{{{OPF_NS}}}itemref", idref=f"chapter-{number}")
    return _xml(package)


def write_epub(
    path: Path,
    articles: Iterable[Article],
    *,
    title: str,
    modified: datetime,
    language: str = "en",
    images: ImageSource = no_images,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    identifier = f"urn:uuid:{uuid.uuid4()}"
    chapters: list[tuple[str, str]] = []
    files: dict[str, tuple[str, bytes]] = {}
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER, zipfile.ZIP_DEFLATED)
        for number, article in enumerate(articles, start=1):
            href = f"text/article-{number:05d}.xhtml"
            book.writestr(
                f"OEBPS/{href}", article_xhtml(article, images, files), zipfile.ZIP_DEFLATED
            )
            chapters.append((href, drop_controls(article.title or "Untitled")))
            if progress:
                progress(number, total)
        for name, (_mime, data) in sorted(files.items()):
            book.writestr(f"OEBPS/{name}", data, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/style.css", STYLE, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/nav.xhtml", _nav(title, chapters, language), zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/toc.ncx", _ncx(identifier, title, chapters), zipfile.ZIP_DEFLATED)
        book.writestr(
            "OEBPS/content.opf",
            _opf(
                identifier=identifier,
                title=title,
                language=language,
                modified=modified,
                chapters=chapters,
                images=files,
            ),
            zipfile.ZIP_DEFLATED,
        )
    return len(chapters)
