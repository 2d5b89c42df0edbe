"""Inline structure given back to an article whose extractor kept only its text: links,
emphasis, inline code, line breaks, images and their captions, taken from the page itself.

The page's text is laid out once as one string (whitespace squeezed, a space between blocks)
with, for each stretch of it, the inline elements it sits in. Each paragraph (list item,
heading, cell…) of the article is found in that string, in reading order, and rebuilt from
the stretches it covers, so a paragraph keeps its markup even when the extractor split it,
merged it or took it from an element that is not a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from copy import deepcopy

import lxml.html
from lxml import etree

from reader.services.extract.facts import clean

RESTORED = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd",
            "dt", "figcaption", "pre")  # fmt: skip
# Inline elements worth keeping, and the attributes that carry their meaning.
_KEPT_INLINE = frozenset(("a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins",
                          "kbd", "mark", "q", "s", "samp", "small", "strong", "sub", "sup", "u",
                          "var"))  # fmt: skip
# Inline elements whose text flows through without them.
_TRANSPARENT = frozenset(("span", "font", "time", "label", "bdi", "bdo", "data", "img",
                          "picture", "source", "wbr", "big", "tt", "nobr", "output"))  # fmt: skip
_KEPT_ATTRIBUTES = {"a": ("href", "title"), "abbr": ("title",), "q": ("cite",)}
_SKIPPED = frozenset(("script", "style", "noscript", "template", "svg", "math", "select",
                      "textarea", "iframe", "object", "embed", "head", "title", "button",
                      "canvas", "video", "audio", "form", "input"))  # fmt: skip
# Article blocks whose content is rebuilt from the page (code blocks keep their lines).
_REBUILT = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt",
            "figcaption", "blockquote", "caption")  # fmt: skip
_HOLDS_BLOCKS = ("p", "ul", "ol", "dl", "table", "pre", "div", "blockquote", "figure", "li",
                 "h1", "h2", "h3", "h4", "h5", "h6", "section")  # fmt: skip
# Paragraph-like elements of trafilatura's output, where a <code> is inline code.
_INLINE_CODE_PARENTS = frozenset(("p", "item", "cell", "head", "quote", "hi", "ref", "del"))
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")
_WS = re.compile(r"\s+")
# How far above an image its figure (and the figure's caption) may be.
_FIGURE_REACH = 3
_BREAK = "br"


def _tag(el: etree._Element) -> str:
    return el.tag if isinstance(el.tag, str) else ""


class PageText:
    """The page as the restoring needs it, each part made once and only when asked for: its
    elements in document order with their paragraphs' text, and its visible text laid out
    as one string with the inline elements around each stretch."""

    def __init__(self, tree: lxml.html.HtmlElement) -> None:
        self.body = tree.find("body")
        self._laid_out = False
        self._text = ""
        self._starts: list[int] = []
        self._runs: list[tuple[int, int, tuple[etree._Element, ...], str]] = []
        self._order: dict[etree._Element, int] | None = None
        self._by_text: dict[str, etree._Element] = {}

    @property
    def text(self) -> str:
        if not self._laid_out:
            self._laid_out = True
            if self.body is not None:
                self._lay_out(self.body)
        return self._text

    def index(self) -> tuple[dict[etree._Element, int], dict[str, etree._Element]]:
        """Every element's position in the page, and the first paragraph-like element
        holding each text."""
        if self._order is None:
            self._order = {}
            if self.body is not None:
                for position, el in enumerate(self.body.iter()):
                    self._order[el] = position
                    if _tag(el) in RESTORED:
                        key = clean(el.text_content())
                        if key and key not in self._by_text:
                            self._by_text[key] = el
        return self._order, self._by_text

    def _lay_out(self, body: etree._Element) -> None:
        parts: list[str] = []
        size = 0
        space = True
        stack: list[etree._Element] = []

        def add(piece: str, kind: str = "text") -> None:
            nonlocal size, space
            piece = " " if kind == _BREAK else _WS.sub(" ", piece)
            if space and piece.startswith(" "):
                piece = piece[1:]
            if not piece:
                return
            self._starts.append(size)
            self._runs.append((size, size + len(piece), tuple(stack), kind))
            parts.append(piece)
            size += len(piece)
            space = piece.endswith(" ")

        walker = etree.iterwalk(body, events=("start", "end"))
        for event, el in walker:
            tag = _tag(el)
            if not tag or tag in _SKIPPED:
                if event == "start":
                    walker.skip_subtree()
                elif el.tail:
                    # The skipped element's tail is text of its parent.
                    add(el.tail)
                continue
            if event == "start":
                if tag == "br":
                    add(" ", _BREAK)
                elif tag in _KEPT_INLINE:
                    stack.append(el)
                elif tag not in _TRANSPARENT:
                    add(" ")
                if el.text:
                    add(el.text)
            else:
                if tag in _KEPT_INLINE and stack and stack[-1] is el:
                    stack.pop()
                elif tag not in _TRANSPARENT and tag != "br":
                    add(" ")
                if el.tail and el is not body:
                    add(el.tail)
        self._text = "".join(parts)

    def fill(self, block: etree._Element, start: int, end: int) -> None:
        """Make ``block`` hold the page's text from ``start`` to ``end`` with its inline
        elements."""
        block.text = None
        for child in list(block):
            block.remove(child)
        opened: list[tuple[etree._Element, etree._Element]] = []  # (page element, copy)

        def container() -> etree._Element:
            return opened[-1][1] if opened else block

        def add_text(text: str) -> None:
            holder = container()
            if len(holder):
                holder[-1].tail = (holder[-1].tail or "") + text
            else:
                holder.text = (holder.text or "") + text

        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self._runs) and self._runs[index][0] < end:
            run_start, run_end, stack, kind = self._runs[index]
            index += 1
            lo, hi = max(start, run_start), min(end, run_end)
            if lo >= hi:
                continue
            shared = 0
            while (
                shared < len(opened) and shared < len(stack) and opened[shared][0] is stack[shared]
            ):
                shared += 1
            del opened[shared:]
            for source in stack[shared:]:
                tag = _tag(source)
                attributes = {
                    name: source.get(name, "")
                    for name in _KEPT_ATTRIBUTES.get(tag, ())
                    if source.get(name)
                }
                opened.append((source, etree.SubElement(container(), tag, attributes)))
            if kind == _BREAK:
                etree.SubElement(container(), "br")
            else:
                add_text(self.text[lo:hi])


def keep_inline_code(body: etree._Element) -> list[etree._Element]:
    """trafilatura's ``<code>`` inside a paragraph, which its HTML output would turn into a
    code block cutting the sentence in two; returns them, to be named ``code`` again after."""
    inline = [el for el in body.iter("code") if _tag(el.getparent()) in _INLINE_CODE_PARENTS]
    for el in inline:
        el.tag = "kbd"  # not converted by trafilatura's HTML output
    return inline


def _flat_text(el: etree._Element) -> str:
    """An element's text as the page's layout has it: a line break or a nested block is a
    space."""
    parts: list[str] = []
    for node in el.iter():
        if node is not el and _tag(node) in ("br", *_HOLDS_BLOCKS):
            parts.append(" ")
        if node.text and _tag(node) not in _SKIPPED:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return _WS.sub(" ", "".join(parts)).strip()


def _image_source(img: etree._Element) -> str | None:
    for name in _IMAGE_SOURCES:
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
    if srcset:
        return srcset.split(",")[0].split()[0]
    return None


def _caption(img: etree._Element) -> etree._Element | None:
    """The caption of the figure an image is in."""
    for ancestor in [img, *list(img.iterancestors())[:_FIGURE_REACH]]:
        if _tag(ancestor) == "figure":
            found = ancestor.find(".//figcaption")
            if found is not None and clean(found.text_content()):
                return found
            return None
    return None


def restore_markup(
    plain_html: str, tree: lxml.html.HtmlElement, page: PageText | None = None
) -> str:
    """Give a text-only article its inline markup, images and captions back from the page.

    A paragraph that is word for word a paragraph of the page takes that paragraph's inline
    elements; any other is found in the page's laid-out text and rebuilt from it. ``page``
    is made from ``tree`` when not given (pass it when restoring several extractions of one
    page)."""
    try:
        article = lxml.html.fragment_fromstring(plain_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return plain_html
    page = page or PageText(tree)
    if page.body is None:
        return plain_html
    _, by_text = page.index()
    cursor = 0
    for block in list(article.iter(*_REBUILT)):
        if any(_tag(child) in _HOLDS_BLOCKS for child in block.iterdescendants()):
            continue
        wanted = _flat_text(block)
        if not wanted:
            continue
        source = by_text.get(wanted)
        if source is not None and not any(
            _tag(child) in _HOLDS_BLOCKS for child in source.iterdescendants()
        ):
            _copy_inline(source, block)
            continue
        at = page.text.find(wanted, cursor)
        if at < 0:
            at = page.text.find(wanted)
        if at < 0:
            continue
        cursor = at + len(wanted)
        page.fill(block, at, at + len(wanted))
    _restore_images(article, page)
    return (article.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in article
    )


def _copy_inline(source: etree._Element, block: etree._Element) -> None:
    if not any(_tag(child) for child in source):
        return  # plain text: nothing to give back
    block.text = source.text
    for child in list(block):
        block.remove(child)
    for child in source:
        if _tag(child) and _tag(child) not in _SKIPPED:
            block.append(deepcopy(child))
        elif child.tail:
            # A left-out element's (a check box's) tail is text of the paragraph.
            if len(block):
                block[-1].tail = (block[-1].tail or "") + child.tail
            else:
                block.text = (block.text or "") + child.tail


def _restore_images(article: etree._Element, page: PageText) -> None:
    """Put the page's images that sit between the article's paragraphs back after the
    paragraph they follow, each with its figure's caption."""
    body = page.body
    if body is None:
        return
    order, by_text = page.index()
    matched: list[tuple[int, etree._Element, etree._Element]] = []
    for block in article.iter(*RESTORED):
        source = by_text.get(clean(block.text_content()))
        if source is not None:
            matched.append((order[source], block, source))
    if len(matched) < 2:
        return
    matched.sort(key=lambda item: item[0])
    first, last = matched[0][0], matched[-1][0]
    positions = [item[0] for item in matched]
    closing_parent = matched[-1][2].getparent()
    last_added: dict[etree._Element, etree._Element] = {}
    captions: list[str] = []
    for img in body.iter("img"):
        at = order.get(img, -1)
        src = _image_source(img)
        # Between the article's paragraphs, or after the last one inside its container
        # (a closing figure).
        inside = first < at < last or (
            at > last and closing_parent is not None and closing_parent in img.iterancestors()
        )
        if not inside or not src:
            continue
        before = max(i for i, position in enumerate(positions) if position < at)
        anchor = matched[before][1]
        while anchor.getparent() is not None and anchor.getparent() is not article:
            anchor = anchor.getparent()
        figure = etree.Element("figure")
        etree.SubElement(figure, "img", src=src, alt=img.get("alt") or "")
        caption = _caption(img)
        if caption is not None:
            copy = deepcopy(caption)
            copy.tail = None
            figure.append(copy)
            captions.append(clean(caption.text_content()))
        last_added.get(anchor, anchor).addnext(figure)
        last_added[anchor] = figure
    # The caption now under its picture is not also a paragraph of its own.
    for text in captions:
        for block in list(article.iter("p")):
            if clean(block.text_content()) == text and block.getparent() is article:
                block.drop_tree()
                break
