"""Extraction of a whole page: the parts put together into the article Folio stores."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from copy import deepcopy
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import lxml.html

from reader.core.errors import ExtractionError
from reader.core.types import ExtractedPage
from reader.services.extract.body import (
    MIN_WORDS,
    choose_body,
    doubts,
    fill_holes,
    prefer_recall,
    run_readability,
    run_trafilatura,
    tidy,
    whole_body,
)
from reader.services.extract.dates import PageDate, find_date
from reader.services.extract.facts import (
    PageFacts,
    clean,
    find_page_url,
    jsonld_text,
    open_folds,
    page_facts,
    parse_prepared,
    prepare_html,
)
from reader.services.extract.markup import PageText
from reader.services.extract.title import choose_title, site_name

if TYPE_CHECKING:
    from trafilatura.settings import Document

log = logging.getLogger(__name__)

# -- other metadata ------------------------------------------------------------------------------


# What a byline search leaves around a name: "Ann Gardener ·" before a date it dropped.
_BYLINE_PUNCTUATION = " ·•|–—-,;:/"


def _author(facts: PageFacts, fallback: str | None) -> str | None:
    if fallback:
        return clean(fallback).strip(_BYLINE_PUNCTUATION) or None
    for obj in facts.articles():
        found = jsonld_text(obj.get("author"))
        if found:
            return found
    name = facts.first(
        "author", "article:author", "parsely-author", "sailthru.author", "dc.creator"
    )
    if name and not name.startswith(("http://", "https://")):
        return name
    return None


def _lead_image(facts: PageFacts, base: str | None) -> str | None:
    image = facts.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
    if not image:
        for obj in facts.articles():
            value = obj.get("image")
            if isinstance(value, dict):
                value = value.get("url")
            if isinstance(value, list) and value:
                value = value[0].get("url") if isinstance(value[0], dict) else value[0]
            if isinstance(value, str) and value.strip():
                image = value.strip()
                break
    if not image:
        return None
    absolute = urljoin(base, image) if base else image
    return absolute if absolute.startswith(("http://", "https://")) else None


# An article's first few thousand characters say which language it is in.
_LANGUAGE_SAMPLE = 3000


def _language(facts: PageFacts, text: str) -> str | None:
    from reader.services.language import detect_language

    # What the text is written in beats what the template claims (sites ship "en" everywhere).
    detected = detect_language(text[:_LANGUAGE_SAMPLE])
    if detected:
        return detected
    declared = (facts.lang or "").replace("_", "-").split("-")[0].strip().lower()
    return declared if re.fullmatch(r"[a-z]{2,3}", declared) else None


# -- the whole page --------------------------------------------------------------------------------


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article of a page. ``url`` is where it came from (None for a file whose
    origin is unknown: the page's own canonical link is then used to resolve links).

    Raises :class:`ExtractionError` when the page holds no text at all."""
    return _extract(html, url)[0]


def _metadata(tree: lxml.html.HtmlElement) -> Document:
    """What trafilatura reads from a page's metadata (title, author, site name) without its
    date search, which Folio does itself, and its byline search, which is slow and only run
    when the metadata names nobody."""
    from trafilatura.metadata import examine_meta, extract_meta_json

    document = examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None
    try:
        document = extract_meta_json(tree, document)
    except Exception:
        # Its JSON-LD reading raises on some odd data; the rest still counts.
        log.warning("trafilatura's JSON-LD reading failed", exc_info=True)
    return document


def _byline_author(tree: lxml.html.HtmlElement) -> str | None:
    from trafilatura.metadata import extract_author

    # The byline sits with the headline: searching the article (or main) element that holds
    # the headline, rather than the whole page, is several times faster.
    scope: lxml.html.HtmlElement = tree
    headline = tree.find(".//h1")
    for tag in ("article", "main"):
        found = tree.find(f".//{tag}")
        if found is not None and (headline is None or found in headline.iterancestors()):
            scope = found
            break
    try:
        return extract_author(scope)
    except Exception:
        log.warning("trafilatura's byline search failed", exc_info=True)
        return None


def _guessed_date(tree: lxml.html.HtmlElement, url: str | None) -> Callable[[], str | None]:
    def guess() -> str | None:
        from htmldate import find_date as htmldate_find
        from trafilatura.settings import set_date_params

        try:
            # htmldate cleans the tree it searches.
            return htmldate_find(deepcopy(tree), **set_date_params(True), url=url)
        except Exception:
            log.warning("htmldate failed on %s", url or "a page", exc_info=True)
            return None

    return guess


def _extract(html: str, url: str | None) -> tuple[ExtractedPage, PageDate | None]:
    tree = parse_prepared(prepare_html(html))
    open_folds(tree)
    facts = page_facts(tree, html)
    page_url = url or find_page_url(facts)
    notes: list[str] = []

    laid_out = PageText(tree)
    main = run_trafilatura(tree, page_url, laid_out)
    doubt = doubts(tree, main)
    other = run_readability(tree, page_url) if doubt.readability else None
    body, note = choose_body(main, other)
    if note:
        notes.append(note)
    if doubt.recall:
        recall = run_trafilatura(tree, page_url, laid_out, favor="recall")
        body = prefer_recall(body, recall)
        if body is not None and recall is not None and body is not recall:
            body = fill_holes(body, recall)
    document = _metadata(tree)
    site = site_name(facts, page_url) or clean(document.sitename) or None
    title = choose_title(facts, page_url, site) or clean(document.title)
    if body is not None:
        body = tidy(body, other, title)
    found = body.words if body else 0
    if found < MIN_WORDS:
        # Too little: keep the whole page instead when it clearly holds more.
        whole = whole_body(tree, page_url)
        if whole.words >= max(2 * found, found + 20):
            notes.append(
                "no article found on the page; kept the whole page"
                if found == 0
                else f"the article found was short ({found} words); kept the whole page"
            )
            body = whole
    if body is None or body.words == 0:
        raise ExtractionError("no text found on the page" + (f" {page_url}" if page_url else ""))

    date = find_date(tree, facts, page_url, heading=title, fallback=_guessed_date(tree, page_url))
    author = _author(facts, document.author or _byline_author(tree))
    description = facts.first("og:description", "description", "twitter:description")
    page = ExtractedPage(
        title=title,
        html=body.html,
        text=body.text,
        url=page_url,
        author=author,
        published=date.utc if date else None,
        published_date_only=bool(date and date.date_only),
        site_name=site,
        language=_language(facts, body.text),
        image_url=_lead_image(facts, page_url),
        description=description,
        method=body.method,
        notes=tuple(notes),
    )
    return page, date


def extract_html(html: str, url: str | None) -> dict[str, Any]:
    """The scorer's contract: ``{"text", "title", "author", "date"}``, the date as the page
    states it (its own calendar day, not the UTC one)."""
    page, date = _extract(html, url)
    return {
        "text": page.text,
        "title": page.title,
        "author": page.author,
        "date": date.local.date().isoformat() if date else None,
    }
