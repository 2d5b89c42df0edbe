"""Extraction of a whole page: the parts put together into the article Folio stores."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import lxml.html

from reader.core.errors import ExtractionError
from reader.core.types import ExtractedPage
from reader.services.extract.body import (
    MIN_WORDS,
    choose_body,
    drop_controls,
    drop_leading_title,
    drop_repeats,
    fill_holes,
    prefer_recall,
    run_readability,
    run_strict,
    run_trafilatura,
    trim_edges,
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
from reader.services.extract.title import choose_title, site_name

# -- other metadata ------------------------------------------------------------------------------


def _author(facts: PageFacts, fallback: str | None) -> str | None:
    if fallback:
        return clean(fallback) or None
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


def _language(facts: PageFacts, text: str) -> str | None:
    from reader.services.language import detect_language

    # What the text is written in beats what the template claims (sites ship "en" everywhere).
    detected = detect_language(text)
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


def _extract(html: str, url: str | None) -> tuple[ExtractedPage, PageDate | None]:
    prepared = prepare_html(html)
    tree = parse_prepared(prepared)
    if open_folds(tree):
        prepared = lxml.html.tostring(tree, encoding="unicode")
    facts = page_facts(tree, html)
    page_url = url or find_page_url(facts)
    notes: list[str] = []

    main, document = run_trafilatura(prepared, page_url, tree)
    other = run_readability(prepared, page_url)
    body, note = choose_body(main, other)
    if note:
        notes.append(note)
    recall, _ = run_trafilatura(prepared, page_url, tree, metadata=False, favor="recall")
    body = prefer_recall(body, recall)
    if body is not None and recall is not None and body is not recall:
        body = fill_holes(body, recall)
    if body is not None:
        body = drop_repeats(trim_edges(body, other, lambda: run_strict(prepared, page_url, tree)))
        body = drop_controls(body)
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

    site = site_name(facts, page_url) or (
        clean(getattr(document, "sitename", None)) or None if document is not None else None
    )
    title = choose_title(facts, page_url, site)
    if not title and document is not None:
        title = clean(document.title)
    trimmed = drop_leading_title(body, title)
    if trimmed.words:
        body = trimmed
    date = find_date(
        tree,
        facts,
        page_url,
        heading=title,
        fallback=getattr(document, "date", None) if document is not None else None,
    )
    author = _author(facts, getattr(document, "author", None) if document is not None else None)
    description = facts.first("og:description", "description", "twitter:description")
    page = ExtractedPage(
        title=title,
        html=body.html,
        text=body.text,
        url=page_url,
        author=author,
        published=date.utc if date else None,
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
