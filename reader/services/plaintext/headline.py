"""The headline, byline and date around the article in a page saved as text.

The headline is picked among the lines around the start of the article by a small model (a
conditional logit over the page's candidates: their shape, distance, breadcrumbs, site-name
suffixes, overlap with the body and with the URL's slug)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from reader.services.plaintext.lines import (
    BOILERPLATE,
    BYLINE,
    CHROME,
    DATEISH,
    SENTENCE_INSIDE,
    WORD,
    Line,
    capitals,
    prose_baseline,
)
from reader.services.textdates import FoundDate, find_dates, with_clock_from

TITLE_FEATURES = (
    "lw", "nw_ok", "endp", "q", "caps", "rep", "prefix_of", "suffix_of", "site_cut", "crumb",
    "crumb_line", "boiler", "chrome", "digits", "colon", "upper", "p", "before", "after",
    "logdist", "overlap", "prev_lw", "next_lw", "next_date", "period_inside", "para",
    "url_overlap", "url_cover", "between", "first_dist", "before_first",
)  # fmt: skip

# A title line often carries the site's name: "Headline | Site", "Headline – Site".
_SITE_SUFFIX = re.compile(r"\s+[|–—·•:-]\s+[^|–—·•]{2,60}$")
_CRUMB_SEPARATOR = re.compile(r"\s*(?:›|»|>|/|·|\||→|\\)\s*")
_HOME_WORDS = frozenset({"home", "startseite", "accueil", "inicio", "start", "home page"})
_READING_TIME = re.compile(
    r"\b\d+\s*(min|minutes?|minuten|mins?)\.?\s*(read|lesezeit|de lecture)?\b", re.I
)
HEADING_END = re.compile(r"[.,;!]$")
# How far before and after the article's first line the title is looked for.
_TITLE_BEFORE = 30
_TITLE_AFTER = 6
_FIRST_PROSE_WORDS = 12
_FIRST_PROSE_PROBABILITY = 0.5
# An "updated" date loses to a plain one this many lines further from the headline.
_UPDATED_PENALTY = 6
_UPDATED = re.compile(r"updat|aktualisiert|mis à jour|modifi|geändert")
# A byline is a short line within a few lines of the headline.
_BYLINE_BEFORE = 4
_BYLINE_AFTER = 10
_BYLINE_WORDS = 12
_BYLINE_END = re.compile(
    r"\s+(?:[|•·●–—-]|on|am|le|el|il|op|updated|published|aktualisiert|veröffentlicht|publié)"
    r"[\s:].*$|,.*$|\s*\d.*$",
    re.IGNORECASE,
)
# Inline elements run together in saved text: "Jane DoeNovember 3, 2025".
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")


def is_meta_line(text: str, language: str | None) -> bool:
    """Dates, bylines and reading times: lines around a headline that are never it."""
    if BYLINE.match(text) or (_READING_TIME.search(text) and len(WORD.findall(text)) <= 8):
        return True
    for found in find_dates(text, language):
        rest = text[: found.start] + text[found.end :]
        if len(WORD.findall(rest)) <= 4:
            return True
    return False


def _url_words(url: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Words of a URL's path, and those of its last segment (the slug, which usually spells
    out the headline)."""
    if not url:
        return frozenset(), frozenset()
    path = urlsplit(url).path
    segments = [segment for segment in path.split("/") if segment]
    words = frozenset(word.lower() for word in WORD.findall(path))
    slug = (
        frozenset(word.lower() for word in WORD.findall(segments[-1])) if segments else frozenset()
    )
    return words, slug


def _mostly_letters(text: str) -> bool:
    """Prices, scores, phone numbers and dates are not headlines."""
    visible = [char for char in text if not char.isspace()]
    return sum(char.isalpha() for char in visible) >= 0.5 * len(visible)


def _is_heading_shaped(line: Line) -> bool:
    return 2 <= line.words <= 20 and not HEADING_END.search(line.text)


def title_candidates(
    lines: Sequence[Line],
    probabilities: Sequence[float],
    region: tuple[int, int],
    *,
    language: str | None,
    url: str | None,
) -> list[tuple[str, list[float]]]:
    """Lines (or the headline part of them) that could be the title, each with a row of
    :data:`TITLE_FEATURES`."""
    start, end = region
    # The article can begin before the run the model is surest of (an introduction above a
    # long list): its first line of confident prose is a second anchor.
    first_prose = next(
        (
            i
            for i, line in enumerate(lines[: end or len(lines)])
            if line.words >= _FIRST_PROSE_WORDS and probabilities[i] >= _FIRST_PROSE_PROBABILITY
        ),
        start,
    )
    lo = max(0, min(start, first_prose) - _TITLE_BEFORE)
    hi = min(len(lines), start + _TITLE_AFTER)
    capitals_baseline = prose_baseline(lines, [capitals(WORD.findall(line.text)) for line in lines])
    url_words, slug_words = _url_words(url)
    nearby = [line.text for line in lines[lo:hi]]
    repeats = Counter(line.text for line in lines)
    body_words = Counter(
        word.lower()
        for line in lines[start : min(end, start + 40)]
        for word in WORD.findall(line.text)
    )
    out: list[tuple[str, list[float]]] = []
    for index in range(lo, hi):
        line = lines[index]
        if not line.words or line.words > 40 or is_meta_line(line.text, language):
            continue
        if not _mostly_letters(line.text):
            continue
        # A headline is not two sentences; a standfirst often is.
        if SENTENCE_INSIDE.search(line.text) and re.search(r"[.!]$", line.text):
            continue
        headings_between = sum(
            1
            for other in lines[min(index, start) + 1 : max(index, start)]
            if _is_heading_shaped(other)
        )
        own_words = Counter(word.lower() for word in WORD.findall(line.text))
        parts = [part.strip() for part in _CRUMB_SEPARATOR.split(line.text) if part.strip()]
        crumb_line = len(parts) >= 3 or (len(parts) == 2 and parts[0].lower() in _HOME_WORDS)
        variants: list[tuple[str, str]] = [(line.text, "whole")]
        suffix = _SITE_SUFFIX.search(line.text)
        if suffix and suffix.start() > 0:
            variants.append((line.text[: suffix.start()].strip(), "site_cut"))
        if len(parts) >= 2:
            variants.append((parts[-1], "crumb"))
        for text, kind in variants:
            words = WORD.findall(text)
            count = len(words)
            if not count or count > 30 or not _mostly_letters(text):
                continue
            in_body = start <= index < min(end, start + 40)
            overlap_words = [
                word.lower()
                for word in words
                if body_words[word.lower()] - (own_words[word.lower()] if in_body else 0) > 0
            ]
            lowered = {word.lower() for word in words}
            following = lines[index + 1] if index + 1 < len(lines) else None
            values = {
                "url_overlap": len(lowered & url_words) / len(lowered),
                "url_cover": len(lowered & slug_words) / len(slug_words) if slug_words else 0.0,
                "between": math.log1p(headings_between),
                "first_dist": math.log1p(abs(index - first_prose)),
                "before_first": 1.0 if index < first_prose else 0.0,
                "lw": math.log1p(count),
                "nw_ok": 1.0 if 3 <= count <= 20 else 0.0,
                "endp": 1.0 if re.search(r"[.!]$", text) else 0.0,
                "q": 1.0 if text.endswith("?") else 0.0,
                "caps": capitals(words) - capitals_baseline,
                "rep": float(min(3, repeats[text] - 1)),
                "prefix_of": 1.0 if any(o != text and o.startswith(text) for o in nearby) else 0.0,
                "suffix_of": 1.0 if any(o != text and o.endswith(text) for o in nearby) else 0.0,
                "site_cut": 1.0 if kind == "site_cut" else 0.0,
                "crumb": 1.0 if kind == "crumb" else 0.0,
                "crumb_line": 1.0 if kind == "whole" and crumb_line else 0.0,
                "boiler": 1.0 if BOILERPLATE.search(text.lower()) else 0.0,
                "chrome": 1.0 if CHROME.search(text.lower()) else 0.0,
                "digits": sum(char.isdigit() for char in text) / len(text),
                "colon": 1.0 if ":" in text else 0.0,
                "upper": 1.0 if text.isupper() else 0.0,
                "p": probabilities[index],
                "before": 1.0 if index < start else 0.0,
                "after": 1.0 if index > start else 0.0,
                "logdist": math.log1p(abs(index - start)),
                "overlap": len(overlap_words) / count,
                "prev_lw": math.log1p(lines[index - 1].words) if index else 0.0,
                "next_lw": math.log1p(following.words) if following else 0.0,
                "next_date": 1.0
                if following and DATEISH.search(following.text) and len(following.text) < 60
                else 0.0,
                "period_inside": 1.0 if re.search(r"[.!?]\s", text) else 0.0,
                "para": 1.0 if line.blank_before and line.blank_after else 0.0,
            }
            out.append((text, [values[name] for name in TITLE_FEATURES]))
    return out


def choose_title(
    candidates: Sequence[tuple[str, Sequence[float]]], weights: Sequence[float]
) -> str | None:
    if not candidates:
        return None
    scored = [
        (sum(w * x for w, x in zip(weights, row, strict=True)), -i, text)
        for i, (text, row) in enumerate(candidates)
    ]
    return max(scored)[2]


def find_title_line(lines: Sequence[Line], title: str, start: int) -> int | None:
    """Where the chosen title stands: the copy nearest the article's start."""
    positions = [i for i, line in enumerate(lines) if line.text == title] or [
        i for i, line in enumerate(lines) if title in line.text
    ]
    return min(positions, key=lambda i: abs(i - start)) if positions else None


def published(
    lines: Sequence[Line],
    anchor: int,
    language: str | None,
) -> FoundDate | None:
    """The date nearest the headline (or the start of the article), preferring a "published"
    date over an "updated" one. The whole page is searched: some sites put the date at the
    foot of the article, and a far date is better than none."""
    best: tuple[float, FoundDate] | None = None
    for index, line in enumerate(lines):
        for found in find_dates(line.text, language):
            cost = abs(index - anchor)
            if _UPDATED.search(line.text.lower()):
                cost += _UPDATED_PENALTY
            if best is None or cost < best[0]:
                following = lines[index + 1].text if index + 1 < len(lines) else ""
                best = (cost, with_clock_from(found, following))
    return best[1] if best else None


def author(lines: Sequence[Line], anchor: int, language: str | None) -> str | None:
    """The name in a byline ("By …", "Von …", "Par …") near the headline."""
    lo, hi = max(0, anchor - _BYLINE_BEFORE), min(len(lines), anchor + _BYLINE_AFTER)
    for index in sorted(range(lo, hi), key=lambda i: abs(i - anchor)):
        line = lines[index]
        match = BYLINE.match(line.text)
        if not match or line.words > _BYLINE_WORDS:
            continue
        name = _GLUED.sub(" ", line.text[match.end() :])
        dates = find_dates(name, language)
        if dates:
            name = name[: dates[0].start]
        name = _BYLINE_END.sub("", name).strip(" :")
        words = name.split()
        if 1 <= len(words) <= 5 and all(word[:1].isupper() for word in words if len(word) > 3):
            return name
    return None
