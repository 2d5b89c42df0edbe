"""The lines of a page saved as text, and what each says about itself and its neighbours.

Every feature is measured without knowledge of the site: lengths, punctuation, stopword
shares in the page's own language (relative to the page's own prose, since German capitalises
its nouns and French has more stopwords than English), the shapes of menus, teaser lists and
comment threads (runs of short lines, lines ending in "…", dates and counts nearby, lines the
page repeats), where the page's prose lies, and how much a line shares the vocabulary of the
page's prose elsewhere. A few words of chrome vocabulary are one feature among many.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.services.language import stopwords as language_stopwords

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Zero-width characters: invisible on the page, but they split words and turn empty lines
# into lines. Soft hyphens are invisible too; they are kept in the text shown (a reader's
# search for the word still finds it) but not in the text measured.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_SOFT_HYPHEN = "\u00ad"

SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»«)\]]*$")
SENTENCE_INSIDE = re.compile(r"[.!?…][\"”’»«)]*\s+[\"“‘«»(]?[A-ZÀ-ÖØ-Þ]")
BULLET = re.compile(r"^([-•*·▪►◦‣–—]|\d{1,2}[.)])\s+")
_LINK = re.compile(r"https?://|www\.|\S@\S|\.(com|org|net|de|fr)\b")
_SEPARATED = re.compile(r"\s[|·•/]\s")
DATEISH = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
CLOCK = re.compile(r"\b[0-2]?\d[:.][0-5]\d\b")
# A teaser's text cut short: "… the council said […]".
_TRUNCATED = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\(…\))\s*$")
_NUMERIC = re.compile(r"^\W*\d[\d.,:/ ]*\W*$")

# Words that site chrome is made of, in the languages most saved pages come in. A line that
# contains one is not thrown away for it: it is one feature among many, and where the article
# ends is decided without them. These patterns are matched against lower-cased text:
# re.IGNORECASE makes long alternations several times slower.
BOILERPLATE = re.compile(
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
CHROME = re.compile(
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
BYLINE = re.compile(
    r"^(written by|posted by|by|von|par|por|di|door|av|author|autor|auteur)\b[:\s]\s*", re.I
)
# Headings after which a page has usually moved on from its article.
END_HEADING = re.compile(
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

# A line of this many words with a sentence end is prose.
PROSE_WORDS = 10
# A line of at most this many words without a sentence end is part of a menu or a list.
_SHORT_WORDS = 6
_PROSE_BASELINE_WORDS = 12

LINE_FEATURES = (
    "lw", "lw2", "endp", "sents", "comma", "stop", "caps", "digit", "upper", "bullet", "para",
    "link", "short", "pipe", "colon_end", "truncated", "clock", "dateish", "numeric", "rep",
    "titleish", "ctx_lw", "ctx_endp", "ctx_stop", "ctx2_lw", "prev_lw", "next_lw",
    "short_run", "titleish_ctx", "truncated_ctx", "nostop", "block_lines", "block_lw",
    "block_endp", "prose_before", "prose_after", "prose_between", "density", "coherence",
    "coherence_ctx", "no_content", "rep_ctx", "date_ctx", "numeric_ctx", "bullet_ctx",
    "next_prose", "prev_prose", "boiler", "boiler_short", "chrome", "reply", "byline",
    "end_heading",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the page: ``text`` as measured (spaces squeezed, invisible
    characters gone), ``shown`` as the reader gets it, and whether blank lines surround it
    (a paragraph, in a page rendered as a browser does)."""

    text: str
    words: int
    blank_before: bool
    blank_after: bool
    shown: str


def split_lines(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[tuple[str, bool]] = []
    blank = True
    for raw_line in raw:
        line = raw_line
        if "&" in line and ";" in line:
            # Some pages come with their entities escaped twice; "&amp;" is not what was meant.
            line = html.unescape(line)
        shown = _SPACES.sub(" ", _INVISIBLE.sub("", line).replace("\t", " \t ")).strip()
        shown = re.sub(r" ?\t ?", "\t", shown)
        if not shown.replace(_SOFT_HYPHEN, "").strip():
            blank = True
            continue
        kept.append((shown, blank))
        blank = False
    lines: list[Line] = []
    for index, (shown, before) in enumerate(kept):
        after = index + 1 == len(kept) or kept[index + 1][1]
        measured = shown.replace(_SOFT_HYPHEN, "") if _SOFT_HYPHEN in shown else shown
        lines.append(Line(measured, len(WORD.findall(measured)), before, after, shown))
    return lines


@lru_cache(maxsize=32)
def stopwords(language: str | None) -> frozenset[str]:
    return language_stopwords(language)


# Topic words are compared by their first letters, so that "Fahrrad", "Fahrräder" and
# "Fahrradweg" (or "bike" and "bikes") count as one topic in any language.
_TOPIC_PREFIX = 5


def content_words(text: str, stop: frozenset[str]) -> set[str]:
    """The words that carry a line's topic (not stopwords, not numbers, not tiny), cut to
    their first letters."""
    return {
        word[:_TOPIC_PREFIX]
        for word in (w.lower() for w in WORD.findall(text))
        if len(word) > 3 and not word.isdigit() and word not in stop
    }


def capitals(words: Sequence[str]) -> float:
    return sum(word[0].isupper() for word in words) / len(words) if words else 0.0


def prose_baseline(lines: Sequence[Line], values: Sequence[float]) -> float:
    """The median of ``values`` over the page's long lines: what this page's prose looks
    like, so that a language's habits (capitalised nouns, long stopword lists) cancel out."""
    prose = sorted(
        v for line, v in zip(lines, values, strict=True) if line.words >= _PROSE_BASELINE_WORDS
    )
    return prose[len(prose) // 2] if prose else 0.0


def _window_mean(values: Sequence[float], index: int, radius: int) -> float:
    lo, hi = max(0, index - radius), min(len(values), index + radius + 1)
    count = hi - lo - 1
    return (sum(values[lo:hi]) - values[index]) / count if count > 0 else 0.0


def _runs(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of set flags it belongs to (0 if unset)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _coherence(
    words: Sequence[set[str]], prose: Sequence[int], blocks: Sequence[int]
) -> list[float]:
    """The share of a line's topic words that the page's prose uses in other blocks (so a
    box does not vouch for itself, while a paragraph and the next do for each other). A
    promotion, a consent notice or a teaser for another story shares little of the
    article's vocabulary."""
    where: dict[str, set[int]] = {}
    for index, count in enumerate(prose):
        if count:
            for word in words[index]:
                where.setdefault(word, set()).add(blocks[index])
    out = []
    for index, own in enumerate(words):
        if not own:
            out.append(0.0)
            continue
        block = blocks[index]
        shared = sum(1 for word in own if where.get(word, set()) - {block})
        out.append(shared / len(own))
    return out


def line_features(lines: Sequence[Line], language: str | None) -> list[list[float]]:
    """One row of :data:`LINE_FEATURES` per line."""
    stop = stopwords(language)
    total = len(lines)
    repeats = Counter(line.text for line in lines)
    log_words, ends, stops, caps, titleish, truncated = [], [], [], [], [], []
    for line in lines:
        words = WORD.findall(line.text)
        count = len(words)
        log_words.append(math.log1p(count))
        end = 1.0 if SENTENCE_END.search(line.text) else 0.0
        ends.append(end)
        stops.append(sum(w.lower() in stop for w in words) / count if count and stop else 0.0)
        caps.append(capitals(words))
        titleish.append(
            1.0
            if 3 <= count <= 15 and not end and line.text[:1].isupper() and not line.text.isupper()
            else 0.0
        )
        truncated.append(1.0 if _TRUNCATED.search(line.text) else 0.0)
    stop_base = prose_baseline(lines, stops)
    relative_stops = [s - stop_base for s in stops]
    caps_base = prose_baseline(lines, caps)
    short_runs = _runs([line.words <= _SHORT_WORDS and not ends[i] for i, line in enumerate(lines)])
    # Blocks: runs of lines between blank lines (a list, a menu, one paragraph).
    block_of, block = [], -1
    for index, line in enumerate(lines):
        if line.blank_before or index == 0:
            block += 1
        block_of.append(block)
    block_lines = Counter(block_of)
    block_lw: dict[int, float] = dict.fromkeys(block_lines, 0.0)
    block_end: dict[int, float] = dict.fromkeys(block_lines, 0.0)
    for index, b in enumerate(block_of):
        block_lw[b] += log_words[index]
        block_end[b] += ends[index]
    # Where the page's prose lies: a line with prose on both sides is inside something.
    prose = [
        line.words if line.words >= PROSE_WORDS and ends[i] else 0 for i, line in enumerate(lines)
    ]
    prose_total = sum(prose)
    before, running = [], 0
    for count in prose:
        before.append(running)
        running += count
    density = [sum(prose[max(0, i - 5) : i + 6]) for i in range(total)]
    top_density = max(density, default=0) or 1
    topic_words = [content_words(line.text, stop) for line in lines]
    coherence = _coherence(topic_words, prose, block_of)
    repeated = [1.0 if repeats[line.text] > 1 else 0.0 for line in lines]
    dated = [
        1.0 if line.words <= 8 and (CLOCK.search(line.text) or DATEISH.search(line.text)) else 0.0
        for line in lines
    ]
    numeric = [1.0 if line.words <= 3 and _NUMERIC.match(line.text) else 0.0 for line in lines]
    bullets = [1.0 if BULLET.match(line.text) else 0.0 for line in lines]
    is_prose = [1.0 if count else 0.0 for count in prose]
    rows = []
    for i, line in enumerate(lines):
        count = line.words
        short_line = count <= 8
        lowered = line.text.lower()
        boiler = 1.0 if BOILERPLATE.search(lowered) else 0.0
        after = prose_total - before[i] - prose[i]
        b = block_of[i]
        values = {
            "lw": log_words[i],
            "lw2": log_words[i] ** 2 / 10,
            "endp": ends[i],
            "sents": float(min(3, len(SENTENCE_INSIDE.findall(line.text)))),
            "comma": min(0.5, line.text.count(",") / max(1, count)),
            "stop": relative_stops[i],
            "caps": caps[i] - caps_base,
            "digit": len(_DIGIT.findall(line.text)) / max(1, len(line.text)),
            "upper": 1.0 if count and line.text.isupper() else 0.0,
            "bullet": bullets[i],
            "para": 1.0 if line.blank_before and line.blank_after else 0.0,
            "link": 1.0 if _LINK.search(line.text) else 0.0,
            "short": 1.0 if count <= 3 else 0.0,
            "pipe": 1.0 if _SEPARATED.search(line.text) else 0.0,
            "colon_end": 1.0 if line.text.endswith(":") else 0.0,
            "truncated": truncated[i],
            "clock": 1.0 if short_line and CLOCK.search(line.text) else 0.0,
            "dateish": 1.0 if short_line and DATEISH.search(line.text) else 0.0,
            "numeric": numeric[i],
            "rep": float(min(3, repeats[line.text] - 1)),
            "titleish": titleish[i],
            "ctx_lw": _window_mean(log_words, i, 3),
            "ctx_endp": _window_mean(ends, i, 3),
            "ctx_stop": _window_mean(relative_stops, i, 3),
            "ctx2_lw": _window_mean(log_words, i, 10),
            "prev_lw": log_words[i - 1] if i else 0.0,
            "next_lw": log_words[i + 1] if i + 1 < total else 0.0,
            "short_run": math.log1p(short_runs[i]),
            "titleish_ctx": _window_mean(titleish, i, 3),
            "truncated_ctx": _window_mean(truncated, i, 4),
            "nostop": 1.0 if stop and count >= 4 and stops[i] == 0 else 0.0,
            "block_lines": math.log1p(block_lines[b]),
            "block_lw": block_lw[b] / block_lines[b],
            "block_endp": block_end[b] / block_lines[b],
            "prose_before": math.log1p(before[i]),
            "prose_after": math.log1p(after),
            "prose_between": 1.0 if before[i] and after else 0.0,
            "density": density[i] / top_density,
            "coherence": coherence[i],
            "coherence_ctx": _window_mean(coherence, i, 3),
            "no_content": 0.0 if topic_words[i] else 1.0,
            "rep_ctx": _window_mean(repeated, i, 3),
            "date_ctx": _window_mean(dated, i, 3),
            "numeric_ctx": _window_mean(numeric, i, 3),
            "bullet_ctx": _window_mean(bullets, i, 3),
            "next_prose": is_prose[i + 1] if i + 1 < total else 0.0,
            "prev_prose": is_prose[i - 1] if i else 0.0,
            "boiler": boiler,
            "boiler_short": boiler * short_line,
            "chrome": 1.0 if CHROME.search(lowered) else 0.0,
            "reply": 1.0 if _COMMENT.search(lowered) else 0.0,
            "byline": 1.0 if short_line and BYLINE.match(line.text) else 0.0,
            "end_heading": 1.0 if END_HEADING.match(line.text) else 0.0,
        }
        rows.append([values[name] for name in LINE_FEATURES])
    return rows
