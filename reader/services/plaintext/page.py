"""A page saved as text, cleaned down to its article: the steps put together."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reader.core.types import ExtractedPage
from reader.services.encoding import repair_mojibake
from reader.services.language import detect_language
from reader.services.plaintext import weights
from reader.services.plaintext.headline import (
    TITLE_FEATURES,
    author,
    choose_title,
    find_title_line,
    is_meta_line,
    published,
    title_candidates,
)
from reader.services.plaintext.lines import (
    BOILERPLATE,
    CHROME,
    END_HEADING,
    LINE_FEATURES,
    PROSE_WORDS,
    SENTENCE_END,
    WORD,
    Line,
    content_words,
    line_features,
    split_lines,
    stopwords,
)
from reader.services.plaintext.region import (
    END_FEATURES,
    LineModel,
    choose_end,
    decode,
    end_candidates,
    line_probabilities,
)
from reader.services.plaintext.render import blocks, render_html, render_text
from reader.services.textdates import implied_zone

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
# The headline stands within this many lines of where the article starts.
_TITLE_AFTER = 6
# Prose this few lines under the headline, before the region's start, begins the article.
_LEAD_REACH = 8
# A line of this few words at the article's start is a button's label ("Print", "Save").
_EDGE_LABEL_WORDS = 2
# A line of this few words after the article's last sentence is a label (a tag, a box).
_TRAILING_LABEL_WORDS = 4
# Among this many first lines of the article, a date or a byline is the article's metadata.
_HEAD_LINES = 6
# "Read more: <another article>" inside an article links elsewhere.
_TEASER = re.compile(
    r"^(lesen sie (auch|mehr)|mehr zum thema|auch interessant|siehe auch|read more|read also|"
    r"see also|also read|related|à lire aussi|lire aussi|voir aussi|lee también|"
    r"leggi anche)\s*:",
    re.IGNORECASE,
)
_TEASER_WORDS = 16
# A box's label is a short line.
_LABEL_WORDS = 6
# A paragraph right under the article's last one continues it when it shares a topic word
# or the line model gives it this much ...
_CONTINUES_PROBABILITY = 0.25
# ... and a last paragraph after this many other lines, sharing no more than this share of
# the article's topic words, is not the article's.
_TAIL_BREAK = 2
_STRANGER_SHARE = 0.1
# The headline printed again under itself: a line of the same words, perhaps with the
# site's name after a separator.
_SEPARATOR = re.compile(r"\s+[|–—·•:-]\s+")


@dataclass(frozen=True, slots=True)
class Model:
    """The fitted weights: of the line model, of where the article ends, of the title."""

    line: LineModel
    end: Sequence[float]
    title: Sequence[float]


def _model_from(
    intercept: float,
    line: dict[str, float],
    end: dict[str, float],
    title: dict[str, float],
) -> Model:
    return Model(
        LineModel(intercept, tuple(line.get(name, 0.0) for name in LINE_FEATURES)),
        tuple(end.get(name, 0.0) for name in END_FEATURES),
        tuple(title.get(name, 0.0) for name in TITLE_FEATURES),
    )


MODEL = _model_from(
    weights.LINE_INTERCEPT, weights.LINE_WEIGHTS, weights.END_WEIGHTS, weights.TITLE_WEIGHTS
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the model made of a page's lines, kept for the weights' fitting."""

    lines: list[Line]
    language: str | None
    probabilities: list[float]
    states: list[int]


def prose_language(lines: Sequence[Line]) -> str | None:
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


def read_lines(text: str, model: Model = MODEL) -> Reading:
    lines = split_lines(repair_mojibake(text))
    language = prose_language(lines) or detect_language(text)
    probabilities = line_probabilities(line_features(lines, language), model.line)
    return Reading(lines, language, probabilities, decode(lines, probabilities))


def _is_edge_chrome(line: Line, probability: float, language: str | None) -> bool:
    if line.words >= _EDGE_WORDS:
        return False
    lowered = line.text.lower()
    return (
        probability < _EDGE_PROBABILITY
        or bool(CHROME.search(lowered) or BOILERPLATE.search(lowered))
        or is_meta_line(line.text, language)
    )


def _is_inline_chrome(line: Line, probability: float) -> bool:
    """An advertisement label, share prompt or teaser link inside the article."""
    if line.words < _TEASER_WORDS and _TEASER.match(line.text):
        return True
    lowered = line.text.lower()
    chrome_words = bool(CHROME.search(lowered) or BOILERPLATE.search(lowered))
    if line.words <= _EDGE_LABEL_WORDS and chrome_words:
        return True  # "Anzeige", "Advertisement": a label, however sure the model is
    if line.words >= _EDGE_WORDS or probability >= _INLINE_PROBABILITY:
        return False
    return chrome_words


def _repeats_title(line: Line, title: str) -> bool:
    """The headline again (the page prints it twice, or a kicker line holds it)."""
    wanted = [w.casefold() for w in WORD.findall(title)]
    if not wanted:
        return False
    if [w.casefold() for w in WORD.findall(line.text)] == wanted:
        return True
    head = _SEPARATOR.split(line.text, maxsplit=1)[0]
    return [w.casefold() for w in WORD.findall(head)] == wanted


def _lead(lines: Sequence[Line], title_index: int, start: int, language: str | None) -> list[int]:
    """The article starts right under its headline and byline: prose there that the region
    left out (a lead paragraph among short lines of dates and share buttons) is its first."""
    between = range(title_index + 1, start)
    first = next(
        (
            i
            for i in between
            if lines[i].words >= PROSE_WORDS and SENTENCE_END.search(lines[i].text)
        ),
        None,
    )
    if first is None:
        return []
    return [
        i
        for i in range(first, start)
        if lines[i].words
        and not is_meta_line(lines[i].text, language)
        and (lines[i].words >= _EDGE_WORDS or i == first)
    ]


def _topic(lines: Sequence[Line], indexes: Sequence[int], stop: frozenset[str]) -> set[str]:
    return set().union(*(content_words(lines[i].text, stop) for i in indexes))


def _is_prose(line: Line) -> bool:
    return line.words >= PROSE_WORDS and bool(SENTENCE_END.search(line.text))


def _settled_tail(
    lines: Sequence[Line], members: list[int], probabilities: Sequence[float], language: str | None
) -> list[int]:
    """Where the article ends, settled by its words. A lone paragraph after a break of short
    lines that shares almost none of the article's topic is something else (a newsletter's
    pitch, a consent notice, a site's motto), in whatever language. Otherwise a paragraph
    printed right under the last one continues it when it shares its topic or the line
    model does not rule it out (a short post's second paragraph)."""
    if not members:
        return members
    stop = stopwords(language)
    last = members[-1]
    # The short lines (a box, share buttons, a byline) between it and the prose before it.
    gap = 0
    while last - gap - 1 >= 0 and not _is_prose(lines[last - gap - 1]):
        gap += 1
    if len(members) > 1 and gap >= _TAIL_BREAK and _is_prose(lines[last]):
        own = content_words(lines[last].text, stop)
        before = _topic(lines, members[:-1], stop)
        if own and len(own & before) / len(own) <= _STRANGER_SHARE:
            return members[:-1]
    if not _is_prose(lines[last]):
        return members
    topic = _topic(lines, members, stop)
    following = last + 1
    while following < len(lines) and _is_prose(lines[following]):
        own = content_words(lines[following].text, stop)
        if not (own & topic or probabilities[following] >= _CONTINUES_PROBABILITY):
            break
        members = [*members, following]
        topic |= own
        following += 1
    return members


def _without_labelled_boxes(lines: Sequence[Line], kept: list[int]) -> list[int]:
    """A box inside the article that names itself ("Related articles", "Mehr zum Thema")
    takes the short lines printed under its label with it (its teasers), up to the next
    paragraph of the article."""
    doomed: set[int] = set()
    for index, line in enumerate(lines):
        if line.words > _LABEL_WORDS or not END_HEADING.match(line.text):
            continue
        following = index + 1
        while (
            following < len(lines)
            and not lines[following].blank_before
            and not SENTENCE_END.search(lines[following].text)
            and lines[following].words <= _TEASER_WORDS
        ):
            doomed.add(following)
            following += 1
    return [i for i in kept if i not in doomed]


def _article_lines(
    reading: Reading, members: list[int], title_index: int | None
) -> tuple[list[int], int]:
    """The article's lines without the headline, kicker, byline and share links at its
    start, the stray short lines at its end, and chrome inside it."""
    lines, probabilities, language = reading.lines, reading.probabilities, reading.language
    start, end = members[0], members[-1] + 1
    if title_index is not None and start <= title_index < min(end - 1, start + _TITLE_AFTER):
        start = title_index + 1
    kept = [i for i in members if i >= start]
    while kept and (
        _is_edge_chrome(lines[kept[0]], probabilities[kept[0]], language)
        or lines[kept[0]].words <= _EDGE_LABEL_WORDS
    ):
        kept.pop(0)
    if title_index is not None and 0 < start - title_index <= _LEAD_REACH:
        kept = _lead(lines, title_index, start, language) + kept
    kept = _without_labelled_boxes(lines, kept)
    # Dates and bylines among the article's first lines (under a lead paragraph).
    head = set(kept[:_HEAD_LINES])
    kept = [
        i
        for i in kept
        if i not in head
        or lines[i].words >= _EDGE_WORDS
        or not is_meta_line(lines[i].text, language)
    ]
    while kept and (
        _is_edge_chrome(lines[kept[-1]], probabilities[kept[-1]], language)
        or (lines[kept[-1]].words <= _TRAILING_LABEL_WORDS and not _is_prose(lines[kept[-1]]))
    ):
        kept.pop()
    return [i for i in kept if not _is_inline_chrome(lines[i], probabilities[i])], end


def _short_note(lines: list[Line], *, url: str | None, language: str | None) -> ExtractedPage:
    """A text of a few lines holds no chrome: its first line is the title when it reads like
    one (short, not a sentence), and everything else is the body."""
    first = lines[0].shown.strip()
    heading = (
        len(lines) > 1
        and len(first.split()) <= 15
        and not first.endswith((".", "!", "?", ":", ";", ","))
    )
    keep = list(range(1 if heading else 0, len(lines)))
    items = blocks(lines, keep, len(lines), language)
    body_text = render_text(items)
    return ExtractedPage(
        title=first if heading else "",
        html=render_html(items),
        text=body_text,
        url=url,
        language=detect_language(body_text[:_PROSE_SAMPLE_CHARS]) or language,
        method="plain-text",
    )


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


def extract_with(text: str, url: str | None, model: Model) -> tuple[ExtractedPage, datetime | None]:
    """:func:`extract_plain_text` with the given weights, and the date as the page means it
    (in its own zone: its calendar day)."""
    if len(text) > _MAX_PAGE_CHARS:
        return _whole_text(text, url), None
    reading = read_lines(text, model)
    lines, language = reading.lines, reading.language
    if not lines:
        empty = ExtractedPage(
            title="", html="", text="", url=url, language=language, method="plain-text"
        )
        return empty, None
    filled = [line for line in lines if line.words]
    if len(filled) <= _SHORT_TEXT_LINES:
        return _short_note(filled, url=url, language=language), None
    candidates, rows = end_candidates(lines, reading.probabilities, reading.states, language)
    last = choose_end(candidates, rows, model.end)
    members = [i for i in candidates if last is not None and i <= last]
    members = _settled_tail(lines, members, reading.probabilities, language)
    notes: tuple[str, ...] = ()
    keep: list[int] = []
    title: str | None = None
    title_index: int | None = None
    end = len(lines)
    if members:
        region = (members[0], members[-1] + 1)
        title = choose_title(
            title_candidates(lines, reading.probabilities, region, language=language, url=url),
            model.title,
        )
        if title:
            title_index = find_title_line(lines, title, region[0])
        keep, end = _article_lines(reading, members, title_index)
        while keep and title and _repeats_title(lines[keep[0]], title):
            keep.pop(0)
    if not keep:
        # Nothing in a long page reads like an article: say so rather than pass off a few
        # stray lines as one. The caller decides whether to keep the whole text instead.
        notes = (_NO_ARTICLE,)
    items = blocks(lines, keep, end, language)
    body_text = render_text(items)
    body_language = detect_language(body_text[:_PROSE_SAMPLE_CHARS]) or language
    start = keep[0] if keep else 0
    anchor = title_index if title_index is not None else start
    date = published(lines, anchor, body_language)
    zone = implied_zone(url, body_language)
    page = ExtractedPage(
        title=title or "",
        html=render_html(items),
        text=body_text,
        url=url,
        author=author(lines, anchor, body_language),
        published=date.moment(zone) if date else None,
        published_date_only=date is not None and not date.has_time,
        language=body_language,
        method="plain-text",
        notes=notes,
    )
    return page, date.local(zone) if date else None


def extract_plain_text(text: str, url: str | None = None) -> ExtractedPage:
    """The article in a whole page saved as plain text: title, date, language and body.

    The body keeps section headings (``<h2>``/``<h3>``) and bulleted lists; the plain-text
    rendering separates paragraphs with blank lines. A text too short to hold chrome comes
    back whole, and so does one far longer than any web page (a book, a log), with a note."""
    return extract_with(text, url, MODEL)[0]


def clean_plain_text(text: str, url: str | None = None) -> dict[str, str]:
    """:func:`extract_plain_text` in the dev-set scorer's contract (``{"text", "title"}``,
    plus ``date``, ``language`` and the sanitized ``html`` when known). Callers in the
    application want :func:`extract_plain_text`, which also carries the notes."""
    page, local = extract_with(text, url, MODEL)
    result = {"text": page.text, "title": page.title, "html": page.html}
    if local is not None:
        result["date"] = local.date().isoformat()
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
