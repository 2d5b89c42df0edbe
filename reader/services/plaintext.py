"""A whole web page saved as plain text, cleaned down to its article.

Without markup the only evidence is the lines themselves, so this is a line classifier:

1. Every non-blank line gets features that need no knowledge of the site: its length, whether
   it reads like prose (sentence punctuation, commas, the share of stopwords of the detected
   language), whether it looks like chrome (menu-shaped, repeated, boilerplate vocabulary in
   several languages, copyright, cookie and newsletter wording, comment scaffolding), and the
   same measures over its neighbours. Measures that differ between languages (capitalised
   nouns in German, longer stopword lists) are taken relative to the page's own long lines.
2. A logistic model turns them into the probability that the line belongs to the article.
3. The article is the contiguous run of lines with the most evidence for it (a maximum-sum
   segment, with long lines weighing more), so short headings inside it stay and isolated
   prose in footers goes. The run ends early at a "related articles" or comments heading;
   the headline, bylines, dates and share links at its edges are trimmed, and advertisement
   labels and "read more:" teasers inside it dropped.
4. The title is picked among the lines around the start of that run by a second small model
   (a conditional logit over the page's candidates: shape, distance, breadcrumbs, site-name
   suffixes, overlap with the body and with the URL's slug).

A long page where nothing reads like an article gives an empty body and a note rather than a
few stray lines; a note-sized text comes back whole.

The weights are fitted by ``bench/plaintext_weights.py`` on a development set of saved pages,
which also reports the whole extractor's scores on each half of the pages with weights fitted
on the other half. The features are deliberately generic (no site, no page, no English-only
vocabulary), so they carry over to pages in other languages.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from reader.core.types import ExtractedPage
from reader.services.encoding import repair_mojibake
from reader.services.language import detect_language, stopwords
from reader.services.textdates import find_dates

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Zero-width characters and soft hyphens: invisible on the page, but they split words and
# turn empty lines into lines.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")

_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"”’»)]*\s+[\"“‘«(]?[A-ZÀ-ÖØ-Þ]")
_BULLET = re.compile(r"^([-•*·▪►◦‣–—]|\d{1,2}[.)])\s+")
_LINK = re.compile(r"https?://|www\.|\S@\S|\.(com|org|net|de|fr)\b")
_SEPARATED = re.compile(r"\s[|·•/]\s")
_DATEISH = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")

# Words that site chrome is made of, in the languages most saved pages come in. A line that
# contains one is not thrown away for it: it is one feature among many. These three patterns
# are matched against lower-cased text: re.IGNORECASE makes long alternations several times
# slower.
_BOILERPLATE = re.compile(
    r"cookie|newsletter|subscri|abonn|sign[ -]?up|log ?in\b|sign ?in\b|register|anmeld|"
    r"registrier|share|teilen|partager|compartir|condividi|tweet|facebook|twitter|linkedin|"
    r"instagram|pinterest|whatsapp|youtube|tiktok|e-?mail|copyright|©|all rights reserved|"
    r"alle rechte|tous droits|privacy|datenschutz|impressum|confidentialit|terms of|"
    r"\bagb\b|related|verwandt|ähnliche|à lire aussi|lire aussi|read more|weiterlesen|"
    r"mehr lesen|lire la suite|leer más|advertis|anzeige|werbung|publicité|sponsored|"
    r"comments?\b|kommentar|commentaire|reply|antworten|répondre|follow us|folge uns|"
    r"suivez|contact|kontakt|menu|menü|navigation|skip to|zum inhalt|search|suche|"
    r"recherche|accept|akzeptier|accepter|consent|einwillig|powered by|download the app|"
    r"hotline|customer|kunden|clients|trustpilot|rated|bewertung|avis|cart|warenkorb|"
    r"panier|checkout|shipping|versand|livraison|copy link|link kopieren|copier le lien|"
    r"lesen sie (auch|mehr)|siehe auch|auch interessant|mehr zum thema|see also|read also|"
    r"voir aussi|lee también|leggi anche",
)
# Wording that is chrome wherever it appears: consent, legal and account boilerplate.
_CHROME = re.compile(
    r"cookie|newsletter|subscribe|abonnier|s'abonner|sign[ -]?up|log ?in\b|sign ?in\b|"
    r"©|\(c\) ?\d{4}|all rights reserved|alle rechte vorbehalten|tous droits réservés|"
    r"privacy policy|datenschutz|politique de confidentialité|"
    r"terms (of|and) (use|service|conditions)|impressum|mentions légales|\bagb\b|consent|"
    r"einwilligung|accept all|alle akzeptieren|tout accepter",
)
# The scaffolding of comment threads: reply links, "X says:", vote counts.
_COMMENT = re.compile(
    r"^(reply|antworten|répondre|responder|rispondi)\b|\bsays:$|\bsagt:$|\bdit ?:$|^re: |"
    r"\(score:|\b(like|likes|upvotes?|points?)\s*$|^flag\b|^report\b",
)
_BYLINE = re.compile(
    r"^(written by|posted by|by|von|par|por|di|door|av|author|autor|auteur)\b[:\s]\s*", re.I
)
# Headings after which a page has moved on from its article to other things.
_ARTICLE_END = re.compile(
    r"^(\d+\s+)?(comments?|responses?|replies|leave a (reply|comment)|post a comment|"
    r"add a comment|join the (discussion|conversation)|"
    r"related (posts?|articles?|stories|content|reading|news|topics)|"
    r"you (may|might) also (like|enjoy)|recommended (for you|articles|stories)|"
    r"more (stories|articles|news|like this)|about the author|further reading|keep reading|"
    r"what to read next|filed under|"
    r"kommentare?|schreiben sie einen kommentar|schreibe einen kommentar|"
    r"ähnliche (artikel|beiträge)|verwandte (artikel|beiträge)|"
    r"das könnte (sie|dich) auch interessieren|mehr zum thema|weitere (artikel|beiträge)|"
    r"auch interessant|commentaires?|laisser un commentaire|laissez un commentaire|"
    r"articles? (similaires|liés|connexes)|à lire aussi|lire aussi|sur le même (sujet|thème)|"
    r"vous aimerez aussi|comentarios|artículos relacionados|te puede interesar|commenti|"
    r"articoli correlati|potrebbe interessarti)\s*(\(\d+\))?\s*[:.!]?$",
    re.IGNORECASE,
)
# "Read more: <another article>" inside an article links elsewhere.
_TEASER = re.compile(
    r"^(lesen sie (auch|mehr)|mehr zum thema|auch interessant|siehe auch|read more|read also|"
    r"see also|also read|related|à lire aussi|lire aussi|voir aussi|lee también|"
    r"leggi anche)\s*:",
    re.IGNORECASE,
)
_TEASER_WORDS = 16
_READING_TIME = re.compile(
    r"\b\d+\s*(min|minutes?|minuten|mins?)\.?\s*(read|lesezeit|de lecture)?\b", re.I
)

# A title line often carries the site's name: "Headline | Site", "Headline – Site".
_SITE_SUFFIX = re.compile(r"\s+[|–—·•:-]\s+[^|–—·•]{2,60}$")
_CRUMB_SEPARATOR = re.compile(r"\s*(?:›|»|>|/|·|\||→|\\)\s*")

_LINE_FEATURES = (
    "lw", "lw2", "endp", "sents", "comma", "stop", "caps", "digit", "boiler",
    "boiler_short", "rep", "tab", "upper", "bullet", "pos", "para", "ctx_lw", "ctx_endp",
    "ctx_stop", "prev_lw", "next_lw", "link", "short", "pipe", "colon_end", "ctx2_lw",
    "chrome", "reply", "byline", "dateish", "endm",
)  # fmt: skip
_TITLE_FEATURES = (
    "lw", "nw_ok", "endp", "q", "caps", "rep", "prefix_of", "suffix_of", "site_cut", "crumb",
    "crumb_line", "boiler", "chrome", "digits", "colon", "upper", "p", "before", "after",
    "logdist", "overlap", "prev_lw", "next_lw", "next_date", "period_inside", "para",
    "url_overlap", "url_cover", "between", "first_dist", "before_first",
)  # fmt: skip

# Fitted by bench/plaintext_weights.py; standardisation is folded into the weights.
_LINE_INTERCEPT = -1.9797
_LINE_WEIGHTS: dict[str, float] = {
    "lw": -1.0177,
    "lw2": 1.9817,
    "endp": 0.5236,
    "sents": -0.0939,
    "comma": 0.2173,
    "stop": -0.3046,
    "caps": -1.2199,
    "digit": 0.4129,
    "boiler": -0.1136,
    "boiler_short": -0.9871,
    "rep": -0.0731,
    "tab": 0.0000,
    "upper": -0.4136,
    "bullet": 1.7896,
    "pos": -1.2456,
    "para": 0.2273,
    "ctx_lw": -0.0182,
    "ctx_endp": 0.7774,
    "ctx_stop": -0.2979,
    "prev_lw": 0.0789,
    "next_lw": 0.1869,
    "link": -0.9506,
    "short": -0.4295,
    "pipe": 0.1906,
    "colon_end": 1.5093,
    "ctx2_lw": 1.5866,
    "chrome": -1.6977,
    "reply": -1.6180,
    "byline": -2.5711,
    "dateish": -1.3036,
    "endm": -4.0509,
}
_TITLE_WEIGHTS: dict[str, float] = {
    "lw": 1.9047,
    "nw_ok": 1.4891,
    "endp": -0.8359,
    "q": -0.4971,
    "caps": 0.3816,
    "rep": -0.1608,
    "prefix_of": 0.0639,
    "suffix_of": 2.2102,
    "site_cut": 1.1110,
    "crumb": -5.5795,
    "crumb_line": -5.4039,
    "boiler": -1.5856,
    "chrome": -0.8916,
    "digits": 9.2945,
    "colon": 0.8674,
    "upper": -5.2837,
    "p": -3.4367,
    "before": 0.5493,
    "after": -0.4011,
    "logdist": -0.4929,
    "overlap": 3.3441,
    "prev_lw": -0.4648,
    "next_lw": 0.1037,
    "next_date": 1.7355,
    "period_inside": -0.9151,
    "para": 3.8433,
    "url_overlap": 3.4947,
    "url_cover": 4.3210,
    "between": -0.0278,
    "first_dist": -0.6210,
    "before_first": 1.7148,
}

# A line counts towards the article when the model gives it at least this probability.
_REGION_THRESHOLD = 0.4
# Don't end the article at a "comments" heading before this many words of it.
_MIN_WORDS_BEFORE_END = 80
_NO_ARTICLE = "no article found in the text"
# Saved web pages run to a few hundred kilobytes of text; far beyond that it is something
# else, and classifying millions of lines would take minutes.
_MAX_PAGE_CHARS = 3_000_000
_TOO_LONG = "text too long for a web page; kept whole"
# The page's language is judged on its longest lines, up to this much text.
_PROSE_WORDS = 12
_PROSE_SAMPLE_CHARS = 4000
# A text of this few lines is a note, not a page with chrome.
_SHORT_TEXT_LINES = 5
# Short lines at the edges of the article are dropped when the model doubts them this much.
_EDGE_WORDS = 10
_EDGE_PROBABILITY = 0.5
# Inside the article, short chrome-worded lines go only when the model is this sure.
_INLINE_PROBABILITY = 0.3
# How far before and after the article's first line the title is looked for.
_TITLE_BEFORE = 30
_TITLE_AFTER = 6
_FIRST_PROSE_PROBABILITY = 0.5
# An "updated" date loses to a plain one this many lines further from the headline.
_UPDATED_PENALTY = 6
# A byline is a short line within a few lines of the headline.
_BYLINE_BEFORE = 4
_BYLINE_AFTER = 10
_BYLINE_WORDS = 12


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    words: int
    blank_before: bool
    blank_after: bool


def _split_lines(text: str) -> list[_Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[tuple[str, bool]] = []
    blank = True
    for raw_line in raw:
        line = raw_line
        if "&" in line and ";" in line:
            # Some pages come with their entities escaped twice; "&amp;" is not what was meant.
            line = html.unescape(line)
        clean = _SPACES.sub(" ", _INVISIBLE.sub("", line).replace("\t", " \t ")).strip()
        clean = re.sub(r" ?\t ?", "\t", clean)
        if not clean:
            blank = True
            continue
        kept.append((clean, blank))
        blank = False
    lines: list[_Line] = []
    for index, (clean, before) in enumerate(kept):
        after = index + 1 == len(kept) or kept[index + 1][1]
        lines.append(_Line(clean, len(_WORD.findall(clean)), before, after))
    return lines


def _window_mean(values: Sequence[float], index: int, radius: int) -> float:
    lo, hi = max(0, index - radius), min(len(values), index + radius + 1)
    count = hi - lo - 1
    return (sum(values[lo:hi]) - values[index]) / count if count > 0 else 0.0


def _capitals(words: Sequence[str]) -> float:
    return sum(word[0].isupper() for word in words) / len(words) if words else 0.0


def _prose_baseline(lines: Sequence[_Line], values: Sequence[float]) -> float:
    """The median of ``values`` over the page's long lines: what this page's prose looks
    like. Capitalised nouns (German) or a long stopword list raise it for a whole language,
    so features are measured against it rather than against English."""
    prose = sorted(v for line, v in zip(lines, values, strict=True) if line.words >= _PROSE_WORDS)
    return prose[len(prose) // 2] if prose else 0.0


def _line_features(lines: Sequence[_Line], language: str | None) -> list[dict[str, float]]:
    words_of_language = stopwords(language)
    repeats = Counter(line.text for line in lines)
    log_words, ends, stops, capitals, base = [], [], [], [], []
    for line in lines:
        words = _WORD.findall(line.text)
        count = len(words)
        log_words.append(math.log1p(count))
        ends.append(1.0 if _SENTENCE_END.search(line.text) else 0.0)
        stop = 0.0
        if count and words_of_language:
            stop = sum(word.lower() in words_of_language for word in words) / count
        stops.append(stop)
        capitals.append(_capitals(words))
        base.append(
            {
                "sents": float(min(3, len(_SENTENCE_INSIDE.findall(line.text)))),
                "comma": min(0.5, line.text.count(",") / max(1, count)),
                "digit": len(_DIGIT.findall(line.text)) / max(1, len(line.text)),
                "boiler": 1.0 if _BOILERPLATE.search(line.text.lower()) else 0.0,
            }
        )
    # Without a stopword list for the language every line scores the same: no evidence.
    stop_baseline = _prose_baseline(lines, stops)
    stops = [stop - stop_baseline for stop in stops]
    capitals_baseline = _prose_baseline(lines, capitals)
    total = len(lines)
    features = []
    for index, line in enumerate(lines):
        own = base[index]
        short_line = line.words <= 8
        features.append(
            {
                "lw": log_words[index],
                "lw2": log_words[index] ** 2 / 10,
                "endp": ends[index],
                "sents": own["sents"],
                "comma": own["comma"],
                "stop": stops[index],
                "caps": capitals[index] - capitals_baseline,
                "digit": own["digit"],
                "boiler": own["boiler"],
                "boiler_short": own["boiler"] * short_line,
                "rep": float(min(3, repeats[line.text] - 1)),
                "tab": 1.0 if "\t" in line.text else 0.0,
                "upper": 1.0 if line.words and line.text.isupper() else 0.0,
                "bullet": 1.0 if _BULLET.match(line.text) else 0.0,
                "pos": index / max(1, total - 1),
                "para": 1.0 if line.blank_before and line.blank_after else 0.0,
                "ctx_lw": _window_mean(log_words, index, 3),
                "ctx_endp": _window_mean(ends, index, 3),
                "ctx_stop": _window_mean(stops, index, 3),
                "prev_lw": log_words[index - 1] if index else 0.0,
                "next_lw": log_words[index + 1] if index + 1 < total else 0.0,
                "link": 1.0 if _LINK.search(line.text) else 0.0,
                "short": 1.0 if line.words <= 3 else 0.0,
                "pipe": 1.0 if _SEPARATED.search(line.text) else 0.0,
                "colon_end": 1.0 if line.text.endswith(":") else 0.0,
                "ctx2_lw": _window_mean(log_words, index, 10),
                "chrome": 1.0 if _CHROME.search(line.text.lower()) else 0.0,
                "reply": 1.0 if _COMMENT.search(line.text.lower()) else 0.0,
                "byline": 1.0 if short_line and _BYLINE.match(line.text) else 0.0,
                "dateish": 1.0 if short_line and _DATEISH.search(line.text) else 0.0,
                "endm": 1.0 if _ARTICLE_END.match(line.text) else 0.0,
            }
        )
    return features


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


def _line_probabilities(features: Sequence[dict[str, float]]) -> list[float]:
    return [
        _sigmoid(
            _LINE_INTERCEPT + sum(weight * row[name] for name, weight in _LINE_WEIGHTS.items())
        )
        for row in features
    ]


def _main_region(lines: Sequence[_Line], probabilities: Sequence[float]) -> tuple[int, int]:
    """[start, end) of the run of lines with the most evidence of being the article.

    Each line adds (p - threshold) weighted by the square root of its length, so one long
    paragraph outweighs a few menu entries and a short heading between paragraphs costs
    little. A page where no line reaches the threshold (a short note, a list) still gets the
    run around its best lines, judged against a threshold relative to them."""
    if not lines:
        return 0, 0
    threshold = _REGION_THRESHOLD
    best_probability = (
        max(p for p, line in zip(probabilities, lines, strict=True) if line.words)
        if any(line.words for line in lines)
        else 0.0
    )
    if best_probability < threshold + 0.05:
        threshold = best_probability * 0.8
    best = running = 0.0
    start = best_start = best_end = 0
    for index, (line, probability) in enumerate(zip(lines, probabilities, strict=True)):
        if running <= 0:
            running, start = 0.0, index
        if line.words:
            running += (probability - threshold) * math.sqrt(line.words + 1)
        if running > best:
            best, best_start, best_end = running, start, index + 1
    if best_end == 0:
        top = max(range(len(lines)), key=lambda i: (probabilities[i], lines[i].words))
        return top, top + 1
    return best_start, best_end


def _cut_at_article_end(lines: Sequence[_Line], start: int, end: int) -> int:
    words = 0
    for index in range(start, end):
        if words >= _MIN_WORDS_BEFORE_END and _ARTICLE_END.match(lines[index].text):
            return index
        words += lines[index].words
    return end


def _is_edge_chrome(line: _Line, probability: float, language: str | None) -> bool:
    if not line.words:
        return True
    if line.words >= _EDGE_WORDS:
        return False
    return (
        probability < _EDGE_PROBABILITY
        or bool(_CHROME.search(line.text.lower()) or _BOILERPLATE.search(line.text.lower()))
        or _is_meta_line(line.text, language)
    )


def _is_inline_chrome(line: _Line, probability: float) -> bool:
    """An advertisement label, share prompt or teaser link inside the article."""
    if line.words < _TEASER_WORDS and _TEASER.match(line.text):
        return True
    if line.words >= _EDGE_WORDS or probability >= _INLINE_PROBABILITY:
        return False
    lowered = line.text.lower()
    return bool(_CHROME.search(lowered) or _BOILERPLATE.search(lowered))


def _trim_edges(
    lines: Sequence[_Line],
    probabilities: Sequence[float],
    region: tuple[int, int],
    *,
    title_index: int | None,
    language: str | None,
) -> tuple[int, int]:
    """The article without the headline, kicker, byline and share links at its start, or the
    stray short lines at its end."""
    start, end = region
    if title_index is not None and start <= title_index < min(end - 1, start + _TITLE_AFTER):
        start = title_index + 1
    while start < end and _is_edge_chrome(lines[start], probabilities[start], language):
        start += 1
    while end > start and _is_edge_chrome(lines[end - 1], probabilities[end - 1], language):
        end -= 1
    return start, end


# --- title -------------------------------------------------------------------------------


def _is_meta_line(text: str, language: str | None) -> bool:
    """Dates, bylines and reading times: lines around a headline that are never it."""
    if _BYLINE.match(text) or (_READING_TIME.search(text) and len(_WORD.findall(text)) <= 8):
        return True
    for found in find_dates(text, language):
        rest = text[: found.start] + text[found.end :]
        if len(_WORD.findall(rest)) <= 4:
            return True
    return False


def _url_words(url: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Words of a URL's path, and those of its last segment (the slug, which usually spells
    out the headline)."""
    if not url:
        return frozenset(), frozenset()
    path = urlsplit(url).path
    segments = [segment for segment in path.split("/") if segment]
    words = frozenset(word.lower() for word in _WORD.findall(path))
    slug = (
        frozenset(word.lower() for word in _WORD.findall(segments[-1])) if segments else frozenset()
    )
    return words, slug


def _mostly_letters(text: str) -> bool:
    """Prices, scores, phone numbers and dates are not headlines."""
    visible = [char for char in text if not char.isspace()]
    return sum(char.isalpha() for char in visible) >= 0.5 * len(visible)


def _is_heading_shaped(line: _Line) -> bool:
    return 2 <= line.words <= 20 and not _HEADING_END.search(line.text)


def _title_candidates(
    lines: Sequence[_Line],
    probabilities: Sequence[float],
    region: tuple[int, int],
    *,
    language: str | None,
    url: str | None,
) -> list[tuple[str, dict[str, float]]]:
    start, end = region
    # The article can begin before the run the model is surest of (an introduction above a
    # long list): its first line of confident prose is a second anchor.
    first_prose = next(
        (
            i
            for i, line in enumerate(lines[: end or len(lines)])
            if line.words >= _PROSE_WORDS and probabilities[i] >= _FIRST_PROSE_PROBABILITY
        ),
        start,
    )
    lo = max(0, min(start, first_prose) - _TITLE_BEFORE)
    hi = min(len(lines), start + _TITLE_AFTER)
    capitals_baseline = _prose_baseline(
        lines, [_capitals(_WORD.findall(line.text)) for line in lines]
    )
    url_words, slug_words = _url_words(url)
    nearby = [line.text for line in lines[lo:hi]]
    repeats = Counter(line.text for line in lines)
    body_words = Counter(
        word.lower()
        for line in lines[start : min(end, start + 40)]
        for word in _WORD.findall(line.text)
    )
    out: list[tuple[str, dict[str, float]]] = []
    for index in range(lo, hi):
        line = lines[index]
        if not line.words or line.words > 40 or _is_meta_line(line.text, language):
            continue
        if not _mostly_letters(line.text):
            continue
        # A headline is not two sentences; a standfirst often is.
        if _SENTENCE_INSIDE.search(line.text) and re.search(r"[.!]$", line.text):
            continue
        headings_between = sum(
            1
            for other in lines[min(index, start) + 1 : max(index, start)]
            if _is_heading_shaped(other)
        )
        own_words = Counter(word.lower() for word in _WORD.findall(line.text))
        parts = [part.strip() for part in _CRUMB_SEPARATOR.split(line.text) if part.strip()]
        crumb_line = len(parts) >= 3 or (len(parts) == 2 and parts[0].lower() in _HOME_WORDS)
        variants: list[tuple[str, str]] = [(line.text, "whole")]
        suffix = _SITE_SUFFIX.search(line.text)
        if suffix and suffix.start() > 0:
            variants.append((line.text[: suffix.start()].strip(), "site_cut"))
        if len(parts) >= 2:
            variants.append((parts[-1], "crumb"))
        for text, kind in variants:
            words = _WORD.findall(text)
            count = len(words)
            if not count or count > 30 or not _mostly_letters(text):
                continue
            in_body = index >= start and index < min(end, start + 40)
            overlap_words = [
                word.lower()
                for word in words
                if body_words[word.lower()] - (own_words[word.lower()] if in_body else 0) > 0
            ]
            lowered = {word.lower() for word in words}
            features = {
                "url_overlap": len(lowered & url_words) / len(lowered),
                "url_cover": len(lowered & slug_words) / len(slug_words) if slug_words else 0.0,
                "between": math.log1p(headings_between),
                "first_dist": math.log1p(abs(index - first_prose)),
                "before_first": 1.0 if index < first_prose else 0.0,
                "lw": math.log1p(count),
                "nw_ok": 1.0 if 3 <= count <= 20 else 0.0,
                "endp": 1.0 if re.search(r"[.!]$", text) else 0.0,
                "q": 1.0 if text.endswith("?") else 0.0,
                "caps": _capitals(words) - capitals_baseline,
                "rep": float(min(3, repeats[text] - 1)),
                "prefix_of": 1.0 if any(o != text and o.startswith(text) for o in nearby) else 0.0,
                "suffix_of": 1.0 if any(o != text and o.endswith(text) for o in nearby) else 0.0,
                "site_cut": 1.0 if kind == "site_cut" else 0.0,
                "crumb": 1.0 if kind == "crumb" else 0.0,
                "crumb_line": 1.0 if kind == "whole" and crumb_line else 0.0,
                "boiler": 1.0 if _BOILERPLATE.search(text.lower()) else 0.0,
                "chrome": 1.0 if _CHROME.search(text.lower()) else 0.0,
                "digits": sum(char.isdigit() for char in text) / len(text),
                "colon": 1.0 if ":" in text else 0.0,
                "upper": 1.0 if text.isupper() else 0.0,
                "p": probabilities[index],
                "before": 1.0 if index < start else 0.0,
                "after": 1.0 if index > start else 0.0,
                "logdist": math.log1p(abs(index - start)),
                "overlap": len(overlap_words) / count,
                "prev_lw": math.log1p(lines[index - 1].words) if index else 0.0,
                "next_lw": math.log1p(lines[index + 1].words) if index + 1 < len(lines) else 0.0,
                "next_date": 1.0
                if index + 1 < len(lines)
                and _DATEISH.search(lines[index + 1].text)
                and len(lines[index + 1].text) < 60
                else 0.0,
                "period_inside": 1.0 if re.search(r"[.!?]\s", text) else 0.0,
                "para": 1.0 if line.blank_before and line.blank_after else 0.0,
            }
            out.append((text, features))
    return out


_HOME_WORDS = frozenset({"home", "startseite", "accueil", "inicio", "start", "home page"})


def _choose_title(candidates: Sequence[tuple[str, dict[str, float]]]) -> str | None:
    if not candidates:
        return None
    scored = [
        (sum(weight * features[name] for name, weight in _TITLE_WEIGHTS.items()), -i, text)
        for i, (text, features) in enumerate(candidates)
    ]
    return max(scored)[2]


# --- output ------------------------------------------------------------------------------

_HEADING_END = re.compile(r"[.,;!]$")
_NUMBERED_SUBSECTION = re.compile(r"^\d+\.\d+")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}[.)]\s")


def _is_heading(lines: Sequence[_Line], index: int, end: int, language: str | None) -> bool:
    line = lines[index]
    if not 1 <= line.words <= 15 or _HEADING_END.search(line.text):
        return False
    if _is_meta_line(line.text, language):
        return False
    if _BULLET.match(line.text) and not _NUMBERED_HEADING.match(line.text):
        return False
    following = next((lines[i] for i in range(index + 1, end) if lines[i].words), None)
    if following is None:
        return False
    return following.words >= 2 * line.words and bool(_SENTENCE_END.search(following.text))


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # "p", "h2", "h3", "li"
    text: str


def _blocks(
    lines: Sequence[_Line], keep: Sequence[int], end: int, language: str | None
) -> list[_Block]:
    blocks: list[_Block] = []
    seen: set[str] = set()
    for index in keep:
        line = lines[index]
        text = line.text.replace("\t", " ").strip()
        # Some pages repeat their article (a teaser, a print copy): keep the first.
        if len(text) > 40 and text in seen:
            continue
        seen.add(text)
        if _is_heading(lines, index, end, language):
            level = "h3" if _NUMBERED_SUBSECTION.match(text) else "h2"
            blocks.append(_Block(level, text))
        elif _BULLET.match(text) and not re.match(r"^\d", text):
            blocks.append(_Block("li", _BULLET.sub("", text, count=1)))
        else:
            blocks.append(_Block("p", text))
    return blocks


def _render_text(blocks: Sequence[_Block]) -> str:
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind == "li":
            item = f"- {block.text}"
            if i and blocks[i - 1].kind == "li":
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def _render_html(blocks: Sequence[_Block]) -> str:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{block.kind}>{html.escape(block.text, quote=False)}</{block.kind}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


# --- entry points ------------------------------------------------------------------------


def _published(
    lines: Sequence[_Line], start: int, title_index: int | None, language: str | None
) -> datetime | None:
    """The date nearest the headline (or the start of the article), preferring a "published"
    date over an "updated" one. The whole page is searched: some sites put the date at the
    foot of the article, and a far date is better than none."""
    anchor = title_index if title_index is not None else start
    best: tuple[float, datetime] | None = None
    for index in range(len(lines)):
        for found in find_dates(lines[index].text, language):
            cost = abs(index - anchor)
            lowered = lines[index].text.lower()
            if re.search(r"updat|aktualisiert|mis à jour|modifi|geändert", lowered):
                cost += _UPDATED_PENALTY
            if best is None or cost < best[0]:
                best = (cost, found.value)
    return best[1] if best else None


def _prose_language(lines: Sequence[_Line]) -> str | None:
    """The language of the page's prose: menus and footers are short lines, often in another
    language (an English cookie banner on a German shop), and cost time to classify."""
    sample: list[str] = []
    size = 0
    for line in sorted(lines, key=lambda line: line.words, reverse=True):
        if line.words < _PROSE_WORDS or size > _PROSE_SAMPLE_CHARS:
            break
        sample.append(line.text)
        size += len(line.text)
    return detect_language("\n".join(sample)) if sample else None


def _whole_text(text: str, url: str | None) -> ExtractedPage:
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
    body = "\n\n".join(paragraphs)
    return ExtractedPage(
        title=paragraphs[0][:200] if paragraphs else "",
        html="\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs),
        text=body,
        url=url,
        language=detect_language(body),
        method="plain-text",
        notes=(_TOO_LONG,),
    )


_BYLINE_END = re.compile(
    r"\s+(?:[|•·●–—-]|on|am|le|el|il|op|updated|published|aktualisiert|veröffentlicht|publié)"
    r"[\s:].*$|,.*$|\s*\d.*$",
    re.IGNORECASE,
)
# Inline elements run together in saved text: "Jane DoeNovember 3, 2025".
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")


def _author(lines: Sequence[_Line], anchor: int, language: str | None) -> str | None:
    """The name in a byline ("By …", "Von …", "Par …") near the headline."""
    lo, hi = max(0, anchor - _BYLINE_BEFORE), min(len(lines), anchor + _BYLINE_AFTER)
    for index in sorted(range(lo, hi), key=lambda i: abs(i - anchor)):
        line = lines[index]
        match = _BYLINE.match(line.text)
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


def _short_note(
    lines: list[_Line], filled: list[int], *, url: str | None, language: str | None
) -> ExtractedPage:
    """A text of a few lines holds no chrome: its first line is the title when it reads like
    one (short, not a sentence), and everything else is the body."""
    first = lines[filled[0]].text.strip()
    heading = (
        len(filled) > 1
        and len(first.split()) <= 15
        and not first.endswith((".", "!", "?", ":", ";", ","))
    )
    keep = filled[1:] if heading else filled
    blocks = _blocks(lines, keep, len(lines), language)
    body_text = _render_text(blocks)
    return ExtractedPage(
        title=first if heading else "",
        html=_render_html(blocks),
        text=body_text,
        url=url,
        language=detect_language(body_text[:_PROSE_SAMPLE_CHARS]) or language,
        method="plain-text",
    )


def extract_plain_text(text: str, url: str | None = None) -> ExtractedPage:
    """The article in a whole page saved as plain text: title, date, language and body.

    The body keeps section headings (``<h2>``/``<h3>``) and bulleted lists; the plain-text
    rendering separates paragraphs with blank lines. A text too short to hold chrome comes
    back whole, and so does one far longer than any web page (a book, a log), with a note."""
    if len(text) > _MAX_PAGE_CHARS:
        return _whole_text(text, url)
    text = repair_mojibake(text)
    lines = _split_lines(text)
    page_language = _prose_language(lines) or detect_language(text)
    if not lines:
        return ExtractedPage(
            title="", html="", text="", url=url, language=page_language, method="plain-text"
        )
    filled = [i for i, line in enumerate(lines) if line.words]
    if len(filled) <= _SHORT_TEXT_LINES:
        return _short_note(lines, filled, url=url, language=page_language)
    features = _line_features(lines, page_language)
    probabilities = _line_probabilities(features)
    start, end = _main_region(lines, probabilities)
    end = _cut_at_article_end(lines, start, end)
    title = _choose_title(
        _title_candidates(lines, probabilities, (start, end), language=page_language, url=url)
    )
    title_index = None
    if title:
        positions = [i for i, line in enumerate(lines) if line.text == title] or [
            i for i, line in enumerate(lines) if title in line.text
        ]
        if positions:
            title_index = min(positions, key=lambda i: abs(i - start))
    trimmed = _trim_edges(
        lines, probabilities, (start, end), title_index=title_index, language=page_language
    )
    notes: tuple[str, ...] = ()
    if any(lines[i].words for i in range(*trimmed)):
        start, end = trimmed
    elif len(lines) <= _SHORT_TEXT_LINES:
        # A note of a line or two is all article.
        start, end = 0, len(lines)
    else:
        # Nothing in a long page reads like an article: say so rather than pass off a few
        # stray lines as one. The caller decides whether to keep the whole text instead.
        start = end = 0
        notes = (_NO_ARTICLE,)
    keep = [
        i
        for i in range(start, end)
        if lines[i].words and not _is_inline_chrome(lines[i], probabilities[i])
    ]
    blocks = _blocks(lines, keep, end, page_language)
    body_text = _render_text(blocks)
    language = detect_language(body_text[:_PROSE_SAMPLE_CHARS]) or page_language
    return ExtractedPage(
        title=title or "",
        html=_render_html(blocks),
        text=body_text,
        url=url,
        author=_author(lines, title_index if title_index is not None else start, language),
        published=_published(lines, start, title_index, language),
        language=language,
        method="plain-text",
        notes=notes,
    )


def clean_plain_text(text: str, url: str | None = None) -> dict[str, str]:
    """:func:`extract_plain_text` in the dev-set scorer's contract (``{"text", "title"}``,
    plus ``date``, ``language`` and the sanitized ``html`` when known). Callers in the
    application want :func:`extract_plain_text`, which also carries the notes."""
    page = extract_plain_text(text, url)
    result = {"text": page.text, "title": page.title, "html": page.html}
    if page.published is not None:
        result["date"] = page.published.date().isoformat()
    if page.language:
        result["language"] = page.language
    if page.author:
        result["author"] = page.author
    return result


def clean_markdown(text: str, url: str | None = None) -> ExtractedPage:
    """A ``.md`` file keeps its Markdown structure: see
    :func:`reader.services.markdown_input.extract_markdown`."""
    from reader.services.markdown_input import extract_markdown

    return extract_markdown(text, url)
