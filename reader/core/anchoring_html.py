"""The reading text of an article's HTML, and the HTML with highlights marked in it.

Highlights are anchored in the *reading text*: the text of the article's HTML as a reader sees
it, with whitespace collapsed, a blank line between blocks, a line break for ``<br>`` and
nothing of images, scripts or styles. It is made here, from the stored (sanitised) HTML, with a
map from each of its characters back to the HTML, so a highlight found in the text can be
marked in the HTML exactly: :func:`mark_highlights` wraps its text in ``<mark>`` elements,
one per piece of text between tags, so a highlight may span inline elements and paragraphs.

Plain Python over the HTML string: the HTML is never re-serialised, so what is not marked stays
byte for byte as stored. The tokenizer reads the HTML Folio stores (sanitised, well-formed
tags, quoted attributes) and anything else leniently.
"""

from __future__ import annotations

import html as html_module
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from reader.core.highlights import Highlight

# A tag, comment, doctype or processing instruction. A "<" not followed by a letter (or "/"
# and a letter) is text, as browsers read it.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?|<(/?)([A-Za-z][A-Za-z0-9:-]*)"
    r"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
# What needs more than copying in a piece of text: whitespace other than a lone space,
# entities, and characters that are not shown.
_SPECIAL = re.compile(r"[ \t\n\r\f\v\u00a0]{2,}|[\t\n\r\f\v\u00a0]|&|[\u00ad\u200b\u2060\ufeff]")
_PRE_SPECIAL = re.compile(r"&|[\u00ad\u200b\u2060\ufeff]")
_ENTITY = re.compile(r"&(#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")

# Elements whose content is not shown.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "textarea"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
        "body", "html",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})

# Breaks between pieces of text, weakest first.
_NO_BREAK, _SPACE, _LINE, _PARAGRAPH = 0, 1, 2, 3
_BREAK_TEXT = ("", " ", "\n", "\n\n")


@dataclass(slots=True)
class ReadingText:
    """The reading text of some HTML and where each of its pieces came from.

    Piece ``i`` is ``text[starts[i]:ends[i]]`` and came from ``html[html_starts[i]:
    html_ends[i]]``, which is text (never part of a tag); when ``verbatim[i]`` the two are the
    same characters, else (an entity, a collapsed run of spaces) the piece stands for the
    whole HTML span. Characters of the text in no piece (breaks made by tags) came from no
    text.
    """

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    html_starts: list[int] = field(default_factory=list)
    html_ends: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)

    def html_position(self, piece: int, offset: int, *, end: bool) -> int:
        """Where in the HTML the text position ``offset`` (inside piece ``piece``) is."""
        if self.verbatim[piece]:
            return self.html_starts[piece] + (offset - self.starts[piece])
        if end:
            return self.html_ends[piece] if offset > self.starts[piece] else self.html_starts[piece]
        return self.html_starts[piece] if offset < self.ends[piece] else self.html_ends[piece]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.result = ReadingText("")
        # The break owed before the next visible character, and the HTML span of the
        # whitespace that made it (None for a break a tag made).
        self.pending = _NO_BREAK
        self.pending_at: tuple[int, int] | None = None

    def want_break(self, strength: int, at: tuple[int, int] | None = None) -> None:
        if strength > self.pending:
            self.pending = strength
            self.pending_at = at if strength == _SPACE else None
        elif strength == self.pending == _SPACE and self.pending_at is None:
            self.pending_at = at

    def _flush(self) -> None:
        if self.pending == _NO_BREAK:
            return
        if self.length:
            text = _BREAK_TEXT[self.pending]
            if self.pending_at is not None:
                self._piece(text, *self.pending_at, verbatim=False)
            else:
                self.parts.append(text)
                self.length += len(text)
        self.pending = _NO_BREAK
        self.pending_at = None

    def _piece(self, text: str, html_start: int, html_end: int, *, verbatim: bool) -> None:
        result = self.result
        result.starts.append(self.length)
        self.parts.append(text)
        self.length += len(text)
        result.ends.append(self.length)
        result.html_starts.append(html_start)
        result.html_ends.append(html_end)
        result.verbatim.append(verbatim)

    def visible(self, text: str, html_start: int, html_end: int, *, verbatim: bool) -> None:
        if self.pending:
            self._flush()
        self._piece(text, html_start, html_end, verbatim=verbatim)

    def text_node(self, html: str, start: int, end: int, *, preformatted: bool) -> None:
        raw = html[start:end]
        if preformatted:
            self._preformatted(raw, start)
            return
        if _SPECIAL.search(raw) is None:
            # Most text: single spaces between words, no entities.
            self._plain(raw, start)
            return
        position = 0
        for match in _SPECIAL.finditer(raw):
            if match.start() > position:
                self._plain(raw[position : match.start()], start + position)
            token = match.group(0)
            at = start + match.start()
            if token == "&":
                position = self._entity(raw, match.start(), start)
                continue
            if token in _INVISIBLE:
                position = match.end()
                continue
            self.want_break(_SPACE, (at, start + match.end()))
            position = match.end()
        if position < len(raw):
            self._plain(raw[position:], start + position)

    def _plain(self, raw: str, at: int) -> None:
        """Text with at most single spaces between words, no entities."""
        if not raw:
            return
        begin = 0
        if raw[0] == " ":
            self.want_break(_SPACE, (at, at + 1))
            begin = 1
        finish = len(raw)
        trailing = finish > begin and raw[-1] == " "
        if trailing:
            finish -= 1
        if finish > begin:
            self.visible(raw[begin:finish], at + begin, at + finish, verbatim=True)
        if trailing:
            self.want_break(_SPACE, (at + finish, at + finish + 1))

    def _entity(self, raw: str, offset: int, base: int) -> int:
        """Read the character reference at ``raw[offset]``; returns the offset after it."""
        match = _ENTITY.match(raw, offset)
        if match is None:
            self.visible("&", base + offset, base + offset + 1, verbatim=True)
            return offset + 1
        decoded = html_module.unescape(match.group(0))
        if decoded == match.group(0):  # not a known entity: shown as written
            self.visible(decoded, base + offset, base + match.end(), verbatim=True)
            return match.end()
        shown = "".join(c for c in decoded if c not in _INVISIBLE)
        if not shown:
            return match.end()
        if shown.isspace():
            # &nbsp; and friends are spaces like any other.
            self.want_break(_SPACE, (base + offset, base + match.end()))
            return match.end()
        self.visible(shown, base + offset, base + match.end(), verbatim=False)
        return match.end()

    def _preformatted(self, raw: str, at: int) -> None:
        """Text in <pre>: every character as written (entities decoded)."""
        position = 0
        for match in _PRE_SPECIAL.finditer(raw):
            if match.start() > position:
                piece = raw[position : match.start()]
                self.visible(piece, at + position, at + match.start(), verbatim=True)
            if match.group(0) == "&":
                before = self.length
                position = self._entity(raw, match.start(), at)
                if self.length == before and self.pending == _SPACE:
                    # A space entity in <pre> is kept as a space.
                    self.pending = _NO_BREAK
                    self.visible(" ", at + match.start(), at + position, verbatim=False)
            else:
                position = match.end()
        if position < len(raw):
            self.visible(raw[position:], at + position, at + len(raw), verbatim=True)

    def finish(self) -> ReadingText:
        self.result.text = "".join(self.parts)
        return self.result


def reading_text(html: str) -> ReadingText:
    """The reading text of an HTML fragment or document, with its map back to the HTML."""
    builder = _Builder()
    hidden: str | None = None
    preformatted = 0
    position = 0
    length = len(html)
    while position < length:
        match = _TOKEN.search(html, position)
        end = match.start() if match else length
        if end > position and hidden is None:
            builder.text_node(html, position, end, preformatted=preformatted > 0)
        if match is None:
            break
        position = match.end()
        name = (match.group(2) or "").lower()
        if not name:
            continue  # a comment, doctype or processing instruction
        closing = match.group(1) == "/"
        if hidden is not None:
            if closing and name == hidden:
                hidden = None
            continue
        if name in _HIDDEN and not closing:
            if not match.group(3).rstrip().endswith("/"):
                hidden = name
            continue
        if name == "br":
            builder.want_break(_LINE)
        elif name in _BLOCKS:
            builder.want_break(_PARAGRAPH)
            if name == "pre":
                preformatted = max(0, preformatted + (-1 if closing else 1))
        elif name in _CELLS:
            builder.want_break(_SPACE)
        elif name == "img" and not closing:
            # A picture between two words keeps them apart.
            builder.want_break(_SPACE)
    return builder.finish()


@dataclass(frozen=True, slots=True)
class Mark:
    """A range of the reading text to mark: ``[start, end)``, its colour and highlight id."""

    start: int
    end: int
    color: str
    highlight_id: int


def _open_tag(mark: Mark) -> str:
    return f'<mark class="hl hl-{mark.color}" data-highlight-id="{mark.highlight_id}">'


def mark_highlights(html: str, marks: Sequence[Mark], reading: ReadingText | None = None) -> str:
    """``html`` with each mark's text wrapped in ``<mark class="hl hl-COLOR"
    data-highlight-id="ID">``: one element per stretch of text between tags, so the marks nest
    properly however they cross elements. Overlapping marks nest (the one starting first, or
    else the longer, outside). ``reading`` is :func:`reading_text` of ``html`` if already
    made."""
    wanted = [m for m in marks if m.start < m.end]
    if not wanted:
        return html
    reading = reading or reading_text(html)
    order = sorted(wanted, key=lambda m: (m.start, -m.end, m.highlight_id))
    bounds = sorted({b for m in order for b in (m.start, m.end)})
    # Stretches of HTML text to wrap, in document order, with the marks on them outside in.
    spans: list[tuple[int, int, list[Mark]]] = []
    active: list[Mark] = []
    cursor = 0
    starts, ends = reading.starts, reading.ends
    for low, high in pairwise(bounds):
        # A new list each time (the spans keep the old ones), in the marks' order.
        opened = cursor
        while cursor < len(order) and order[cursor].start <= low:
            cursor += 1
        active = [m for m in (*active, *order[opened:cursor]) if m.end > low]
        if not active:
            continue
        for i in range(max(0, bisect_right(starts, low) - 1), len(starts)):
            if starts[i] >= high:
                break
            if ends[i] <= low:
                continue
            a = reading.html_position(i, max(low, starts[i]), end=False)
            b = reading.html_position(i, min(high, ends[i]), end=True)
            if b <= a:
                continue
            if spans and spans[-1][1] == a and spans[-1][2] == active:
                spans[-1] = (spans[-1][0], b, active)
            else:
                spans.append((a, b, active))
    return _write(html, spans)


def _write(html: str, spans: list[tuple[int, int, list[Mark]]]) -> str:
    out: list[str] = []
    written = 0
    stack: list[Mark] = []
    for a, b, covering in spans:
        # Two stretches that touch have no tag between them: the marks both share stay open.
        keep = 0
        if a == written:
            while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
                keep += 1
        if len(stack) > keep:
            out.append("</mark>" * (len(stack) - keep))
        if a > written:
            out.append(html[written:a])
        out.extend(_open_tag(m) for m in covering[keep:])
        out.append(html[a:b])
        stack = covering
        written = b
    out.append("</mark>" * len(stack))
    out.append(html[written:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class MarkedArticle:
    """An article's HTML with its highlights marked, and its highlights as placed in it."""

    html: str
    highlights: list[Highlight]


def mark_article(
    html: str, highlights: Sequence[Highlight], *, merge: bool = False
) -> MarkedArticle:
    """``html`` with ``highlights`` marked. Each is placed in the HTML's reading text first,
    so what is marked always matches the text, whatever places were stored with it. With
    ``merge``, overlapping highlights become one mark (for formats that cannot nest them)."""
    from reader.core.anchoring import AnchorText, relocate

    reading = reading_text(html)
    prepared = AnchorText(reading.text)
    marks: list[Mark] = []
    shown: list[Highlight] = []
    for stored in highlights:
        moved = relocate(prepared, stored.anchor)
        current = stored
        if moved.anchor != stored.anchor or moved.placed != stored.placed:
            current = replace(stored, anchor=moved.anchor, placed=moved.placed)
        shown.append(current)
        start, end = current.anchor.start, current.anchor.end
        if current.placed and start is not None and end is not None:
            marks.append(Mark(start, end, current.color.value, current.id))
    if merge:
        marks = _merged(marks)
    return MarkedArticle(mark_highlights(html, marks, reading), shown)


def _merged(marks: list[Mark]) -> list[Mark]:
    merged: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if merged and mark.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = replace(last, end=max(last.end, mark.end))
        else:
            merged.append(mark)
    return merged
