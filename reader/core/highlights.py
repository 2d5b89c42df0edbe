"""Highlights and notes: what a highlight is, its colours, and where it sits in an article.

A highlight follows the W3C Web Annotation selectors: the quoted text itself with some text
before and after it (a TextQuoteSelector) and its position in the article's reading text (a
TextPositionSelector). :mod:`reader.core.anchoring` places it in a text; a highlight that can
no longer be placed keeps its quote and note and is listed as "could not be placed".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from reader.core.errors import UserError

# Characters of text kept before and after a quote, so it can be told apart from the same
# words elsewhere and found again after the text changed.
CONTEXT_CHARS = 32
# A quote longer than this is not a highlight but most of an article.
MAX_QUOTE_CHARS = 20_000
MAX_NOTE_CHARS = 100_000


class HighlightColor(enum.StrEnum):
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    PINK = "pink"
    ORANGE = "orange"
    PURPLE = "purple"


DEFAULT_COLOR = HighlightColor.YELLOW

# Background colours of marks on a light page (exports; the window has its own per theme).
LIGHT_BACKGROUNDS: dict[HighlightColor, str] = {
    HighlightColor.YELLOW: "#fff1a8",
    HighlightColor.GREEN: "#cdeebb",
    HighlightColor.BLUE: "#c4e0ff",
    HighlightColor.PINK: "#ffcfe1",
    HighlightColor.ORANGE: "#ffd9ad",
    HighlightColor.PURPLE: "#e2d2ff",
}


def mark_css(backgrounds: dict[HighlightColor, str] = LIGHT_BACKGROUNDS) -> str:
    """CSS for the ``<mark class="hl hl-COLOR">`` elements of marked article HTML."""
    rules = [
        f".hl-{color.value} {{ background-color: {value}; }}"
        for color, value in backgrounds.items()
    ]
    return "mark.hl { color: inherit; }\n" + "\n".join(rules) + "\n"


# Names other services give their colours.
_COLOR_ALIASES = {
    "red": HighlightColor.PINK,
    "magenta": HighlightColor.PINK,
    "violet": HighlightColor.PURPLE,
    "cyan": HighlightColor.BLUE,
    "teal": HighlightColor.GREEN,
    "gelb": HighlightColor.YELLOW,
    "grün": HighlightColor.GREEN,
    "blau": HighlightColor.BLUE,
    "rosa": HighlightColor.PINK,
    "rot": HighlightColor.PINK,
    "lila": HighlightColor.PURPLE,
}


def parse_color(name: str) -> HighlightColor:
    """A colour by its name (or a name other services use for it); UserError if unknown."""
    key = name.strip().lower().removeprefix("highlight_").removeprefix("highlight-")
    if key in HighlightColor.__members__.values():
        return HighlightColor(key)
    if key in _COLOR_ALIASES:
        return _COLOR_ALIASES[key]
    names = ", ".join(c.value for c in HighlightColor)
    raise UserError(f"unknown colour {name!r}; the colours are {names}")


def color_or_default(name: object) -> HighlightColor:
    """The colour an import file names, else the default (a file's odd colour is no reason
    to lose its highlight)."""
    if not isinstance(name, str) or not name.strip():
        return DEFAULT_COLOR
    try:
        return parse_color(name)
    except UserError:
        return DEFAULT_COLOR


@dataclass(frozen=True, slots=True)
class TextAnchor:
    """Where a highlight is: its quote with the text around it (TextQuoteSelector), and its
    last known place in the reading text (TextPositionSelector; ``None`` if never placed)."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlight as the library holds it.

    ``placed`` says whether its anchor was found in the article's current text; when it was,
    ``anchor.start``/``anchor.end`` are its place there. ``article_title`` is filled in lists
    across the library.
    """

    id: int
    article_id: int
    anchor: TextAnchor
    color: HighlightColor
    created: datetime
    updated: datetime
    placed: bool = True
    note: str | None = None
    article_title: str | None = None

    @property
    def quote(self) -> str:
        return self.anchor.exact


@dataclass(frozen=True, slots=True)
class NewHighlight:
    """A highlight to store (from an import, a Folio export or an undo): everything but its
    placement, which is worked out against the article's text when it is stored."""

    anchor: TextAnchor
    color: HighlightColor = DEFAULT_COLOR
    note: str | None = None
    created: datetime | None = None
    updated: datetime | None = None
    # Kept when an exported library comes back into an empty one, so it comes back as it was.
    id: int | None = None


@dataclass(frozen=True, slots=True)
class HighlightCursor:
    """Where the next page of the library's highlights (newest first) starts."""

    created: datetime
    id: int


@dataclass(frozen=True, slots=True)
class Placement:
    """What placing an article's highlights in a new text did."""

    placed: int = 0
    unplaced: int = 0

    def __add__(self, other: Placement) -> Placement:
        return Placement(self.placed + other.placed, self.unplaced + other.unplaced)


def clean_note(note: str | None) -> str | None:
    """A note as it is stored: None for an empty one; UserError for one far too long."""
    if note is None:
        return None
    stripped = note.strip()
    if not stripped:
        return None
    if len(stripped) > MAX_NOTE_CHARS:
        raise UserError(f"a note can be at most {MAX_NOTE_CHARS:,} characters long")
    return stripped
