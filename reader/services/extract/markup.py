"""Links, emphasis and images given back to an article whose extractor kept only its text."""

from __future__ import annotations

from copy import deepcopy

import lxml.html
from lxml import etree

from reader.services.extract.facts import clean

RESTORED = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd",
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
        if el.tag in RESTORED:
            key = clean(el.text_content())
            if key and key not in by_text:
                by_text[key] = el
    matched: list[tuple[int, etree._Element]] = []
    sources: list[etree._Element] = []
    for block in list(article.iter(*RESTORED)):
        source = by_text.get(clean(block.text_content()))
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
