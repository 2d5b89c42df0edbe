"""The article's headline and the site's name, from a page's headings and metadata."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reader.services.extract.facts import (
    PageFacts,
    is_article_type,
    jsonld_text,
    jsonld_types,
    words_of,
)

# -- site name and title -----------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»/~]|::)\s+")


def _squash(text: str) -> str:
    return "".join(words_of(text))


def site_name(facts: PageFacts, url: str | None) -> str | None:
    name = facts.first("og:site_name", "application-name", "apple-mobile-web-app-title")
    if name:
        return name
    for obj in facts.articles():
        publisher = obj.get("publisher")
        found = jsonld_text(publisher)
        if found:
            return found
    for obj in facts.jsonld:
        if "WebSite" in jsonld_types(obj) or "Organization" in jsonld_types(obj):
            found = jsonld_text(obj.get("name"))
            if found:
                return found
    return None


def _domain(host: str) -> str:
    words = host.removeprefix("www.").split(".")
    return ("".join(words[:-1]) if len(words) > 1 else "".join(words)).replace("-", "")


def _is_site_part(part: str, site: str | None, host: str, *, slack: int = 100) -> bool:
    """Does ``part`` name the site (its name, or its domain give or take ``slack`` letters)?"""
    squashed = _squash(part)
    if not squashed:
        return True
    if site and (squashed == _squash(site) or squashed in _squash(site)):
        return True
    domain = _domain(host)
    if len(squashed) < 4 or not domain:
        return False
    return squashed in domain or (domain in squashed and len(squashed) <= len(domain) + slack)


def strip_site_name(title: str, site: str | None, url: str | None) -> str:
    """``Headline | Site`` → ``Headline`` (also ``Site - Headline``)."""
    host = (urlsplit(url).hostname or "") if url else ""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # Cut from the end, then from the start, while a part names the site.
    changed = True
    while changed and len(parts) > 1:
        changed = False
        if _is_site_part(parts[-1], site, host):
            title = title[: title.rfind(parts[-1])]
            title = _SEPARATORS_END.sub("", title)
            parts = parts[:-1]
            changed = True
        elif _is_site_part(parts[0], site, host):
            title = title[len(parts[0]) :]
            title = _SEPARATORS_START.sub("", title)
            parts = parts[1:]
            changed = True
    return title.strip()


_SEPARATORS_END = re.compile(r"\s*(?:[|\-–—:·•»/~]|::)\s*$")
_SEPARATORS_START = re.compile(r"^\s*(?:[|\-–—:·•»/~]|::)\s*")


def _meta_titles(facts: PageFacts, site: str | None, url: str | None) -> list[str]:
    found: list[str] = []
    headline = None
    for obj in facts.articles():
        if is_article_type(obj):
            headline = jsonld_text(obj.get("headline"))
            if headline:
                break
    for value in (facts.first("og:title"), headline, facts.first("twitter:title"), facts.title_tag):
        if value:
            stripped = strip_site_name(value, site, url)
            if stripped and stripped not in found:
                found.append(stripped)
    return found


_SEGMENT_BREAKS = re.compile(r"\s+(?:[|\-–—:·•»/~]|::)\s+|(?<=\w):\s+")


def _segments(title: str) -> tuple[list[str], list[str]]:
    """``A | B | C`` → prefixes ``A``, ``A | B`` and suffixes ``B | C``, ``C``."""
    prefixes: list[str] = []
    suffixes: list[str] = []
    for match in _SEGMENT_BREAKS.finditer(title):
        # "Blog name: Headline" has a suffix; "Headline: subtitle" keeps its subtitle.
        if match.group().startswith(" "):
            prefixes.append(title[: match.start()].strip())
        suffixes.append(title[match.end() :].strip())
    return prefixes, suffixes


def _contains(outer: list[str], inner: list[str]) -> bool:
    size = len(inner)
    return any(outer[i : i + size] == inner for i in range(len(outer) - size + 1))


def choose_title(facts: PageFacts, url: str | None, site: str | None) -> str:
    """The article's headline, in the spelling the page's metadata uses when they agree."""
    metas = _meta_titles(facts, site, url)
    raw_metas = [t for t in (facts.first("og:title"), facts.title_tag) if t]
    site_tokens = words_of(site or "")
    host = (urlsplit(url).hostname or "") if url else ""
    h1s: list[str] = []
    for heading in dict.fromkeys(facts.h1s[:10]):
        h1 = strip_site_name(heading, site, url)
        tokens = words_of(h1)
        # An <h1> holding the site's name (a logo) or a part the metadata titles cut off as
        # the site's is not the headline.
        if not tokens or tokens == site_tokens or _is_site_part(h1, site, host, slack=6):
            continue
        if any(words_of(s) == tokens for t in raw_metas for s in _segments(t)[1]) and not any(
            words_of(m) == tokens for m in metas
        ):
            continue
        h1s.append(h1)
    # An <h1> that a meta title confirms is the headline; the meta spelling wins because
    # headings are often styled (upper case, soft hyphens, a line break inside).
    for h1 in h1s:
        tokens = words_of(h1)
        for meta in metas:
            if words_of(meta) == tokens:
                return meta
    for h1 in h1s:
        tokens = words_of(h1)
        for meta in metas:
            prefixes, suffixes = _segments(meta)
            for prefix in prefixes:
                if words_of(prefix) == tokens:
                    return prefix
            for suffix in suffixes:
                if words_of(suffix) == tokens:
                    return h1
    for h1 in h1s:
        tokens = words_of(h1)
        for meta in metas:
            meta_tokens = words_of(meta)
            # The heading adds a date or a byline around the headline (but a heading with a
            # subtitle of its own is the headline).
            if (
                len(meta_tokens) >= 3
                and _contains(tokens, meta_tokens)
                and not any(words_of(p) == meta_tokens for p in _segments(h1)[0])
            ):
                return meta
            # The metadata adds an SEO tail after the headline.
            if len(tokens) >= 3 and meta_tokens[: len(tokens)] == tokens:
                return h1
    headings = [h for h in h1s if len(words_of(h)) >= 3]
    if len(headings) == 1:
        return headings[0]
    if metas:
        return metas[0]
    return h1s[0] if h1s else ""
