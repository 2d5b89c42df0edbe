"""What a page is and what it says about itself: parsing it as browsers would, opening
its collapsed sections, and the facts in its ``<head>``, JSON-LD and headings."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from reader.core.errors import ExtractionError
from reader.services.encoding import repair_mojibake

_WS = re.compile(r"\s+")
WORD = re.compile(r"\w+", re.UNICODE)


def clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def words_of(text: str) -> list[str]:
    return [t.casefold() for t in WORD.findall(text)]


# -- parsing -----------------------------------------------------------------------------------

# A ``</body>`` or ``</html>`` in the middle of a page (templates that close the document and
# then print more) makes libxml2 drop everything after it; browsers ignore it.
_EARLY_CLOSE = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def prepare_html(html: str) -> str:
    html = repair_mojibake(_XML_DECLARATION.sub("", html, count=1))
    return _EARLY_CLOSE.sub("", html)


def parse_html(html: str) -> lxml.html.HtmlElement:
    """An lxml tree of a whole page; raises :class:`ExtractionError` for non-HTML."""
    return parse_prepared(prepare_html(html))


def parse_prepared(prepared: str) -> lxml.html.HtmlElement:
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
        ranked = sorted(self.jsonld, key=lambda obj: 0 if is_article_type(obj) else 1)
        yield from ranked


_ARTICLE_TYPES = re.compile(
    r"(Article|BlogPosting|Posting|Report|NewsArticle|Review|Recipe|HowTo)$"
)


def jsonld_types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def is_article_type(obj: dict[str, Any]) -> bool:
    return any(_ARTICLE_TYPES.search(k) for k in jsonld_types(obj))


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
            facts.meta.setdefault(key, []).append(clean(content))
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
        facts.title_tag = clean(title.text_content())
    for h1 in tree.iter("h1"):
        text = clean(h1.text_content())
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


def jsonld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, list):
        for item in value:
            found = jsonld_text(item)
            if found:
                return found
    if isinstance(value, dict):
        return jsonld_text(value.get("name"))
    return None


def find_page_url(facts: PageFacts, base: str | None = None) -> str | None:
    """Where a saved page came from: canonical link, og:url, or the "saved from url" comment."""
    for candidate in (facts.canonical, facts.first("og:url"), facts.saved_from):
        if not candidate:
            continue
        absolute = urljoin(base, candidate) if base else candidate
        if absolute.startswith(("http://", "https://")):
            return absolute
    return None
