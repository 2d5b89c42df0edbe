"""The search language: what a user types, parsed into a structured query.

Pure functions, no I/O. Every string is a valid query: unbalanced quotes, stray operators and
odd punctuation are read as leniently as possible, and the worst case is a search for the plain
words in the text. :func:`parse_query` never raises.

The store turns a :class:`Query` into SQL and an FTS5 match expression.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

SYNTAX_HELP = """\
Search syntax
  climate policy        both words (in any form: "running" also finds "runs")
  "climate policy"      the exact phrase
  climate OR weather    either word
  -lobby                leave out articles with this word (also -"a phrase", -tag:x)
  clim*                 words beginning with "clim"
  title:budget          the word in the title (author:NAME in the author)
  tag:NAME              articles with this tag (quote names with spaces: tag:"to read")
  feed:NAME             articles from feeds whose title or address holds NAME
  folder:NAME           articles from feeds in this folder or its subfolders
  site:example.com      articles from this site (and its subdomains)
  lang:de               articles in this language
  is:unread             also is:read, is:starred, is:archived, is:saved
  has:highlights        articles with highlights (has:note: with a note of their own or on
                        a highlight)
  after:2024-05-01      published on or after this day (also before:, on:)
  after:7d              within the last 7 days (d, w, m, y: days, weeks, months, years)
  before:2024-05        before May 2024 (a year, month or day)"""


# Around the matched words in a search result's snippet. Private-use characters, so they can
# never be confused with text: the window draws them as bold, the command line as brackets.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, highlighted) pieces, in order; empty pieces left out."""
    parts: list[tuple[str, bool]] = []
    highlighted = False
    piece: list[str] = []
    for ch in snippet:
        if ch in (HIGHLIGHT_START, HIGHLIGHT_END):
            if piece:
                parts.append(("".join(piece), highlighted))
                piece = []
            highlighted = ch == HIGHLIGHT_START
        else:
            piece.append(ch)
    if piece:
        parts.append(("".join(piece), highlighted))
    return parts


def snippet_text(snippet: str, *, start: str = "[", end: str = "]") -> str:
    """A snippet on one line with its highlights marked by ``start`` and ``end``."""
    text = "".join(f"{start}{t}{end}" if hl else t for t, hl in snippet_parts(snippet))
    return " ".join(text.split())


class TermKind(enum.StrEnum):
    WORD = "word"
    PHRASE = "phrase"
    PREFIX = "prefix"


class TextField(enum.StrEnum):
    """Which part of an article a term looks in; ``ANY`` is title, author, text and tags."""

    ANY = "any"
    TITLE = "title"
    AUTHOR = "author"


class FilterKey(enum.StrEnum):
    TAG = "tag"
    FEED = "feed"
    FOLDER = "folder"
    SITE = "site"
    LANG = "lang"


class State(enum.StrEnum):
    UNREAD = "unread"
    READ = "read"
    STARRED = "starred"
    ARCHIVED = "archived"
    SAVED = "saved"
    # Written has:highlights and has:note.
    HIGHLIGHTS = "highlights"
    NOTE = "note"


class DateOp(enum.StrEnum):
    BEFORE = "before"
    AFTER = "after"
    ON = "on"


class SpanUnit(enum.StrEnum):
    DAYS = "d"
    WEEKS = "w"
    MONTHS = "m"
    YEARS = "y"


@dataclass(frozen=True, slots=True)
class Term:
    """Words to find in the text: a word (matched in all its forms), a phrase (matched
    exactly) or the beginning of a word."""

    text: str
    kind: TermKind = TermKind.WORD
    field: TextField = TextField.ANY
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Filter:
    """A condition on an article's tags, feed, folder, site or language."""

    key: FilterKey
    value: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class StateFilter:
    state: State
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A relative span back from now: 7 days, 2 weeks, 3 months."""

    count: int
    unit: SpanUnit


@dataclass(frozen=True, slots=True)
class RelativeDay:
    """A whole calendar day counted back from today: 0 is today, 1 yesterday."""

    days_ago: int


@dataclass(frozen=True, slots=True)
class DayRange:
    """A calendar year, month or day, as written: (2024,), (2024, 5) or (2024, 5, 1)."""

    parts: tuple[int, ...]

    @property
    def first_day(self) -> date:
        year, month, day = (*self.parts, 1, 1)[:3]
        return date(year, month, day)

    @property
    def next_first_day(self) -> date:
        """The first day after the range."""
        if len(self.parts) == 1:
            return date(self.parts[0] + 1, 1, 1)
        if len(self.parts) == 2:
            year, month = self.parts
            return date(year + month // 12, month % 12 + 1, 1)
        return self.first_day + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DateFilter:
    """A condition on the article's date (published, else added)."""

    op: DateOp
    when: DayRange | Span | RelativeDay
    negated: bool = False


Atom = Term | Filter | StateFilter | DateFilter
# Atoms in a clause are alternatives (OR); a query needs every clause (AND).
Clause = tuple[Atom, ...]


@dataclass(frozen=True, slots=True)
class Query:
    clauses: tuple[Clause, ...] = ()
    # What the parser read differently from how it was written ("is:soon is not a filter").
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def atoms(self) -> Iterator[Atom]:
        for clause in self.clauses:
            yield from clause

    @property
    def has_text(self) -> bool:
        """Whether any term looks in the text (so results can be ranked and highlighted)."""
        return any(isinstance(a, Term) for a in self.atoms())

    def __str__(self) -> str:
        return format_query(self)


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query kept under a name: a smart view in the sidebar. Counts are None when they
    were not asked for."""

    id: int
    name: str
    query: str
    position: int = 0
    unread: int | None = None
    total: int | None = None


# -- reading the words of a text -------------------------------------------------------------

# A word as the full-text index sees it: letters and digits (underscore separates), with any
# combining accents that follow them.
WORD_PATTERN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def text_words(text: str) -> list[str]:
    """The words of ``text``, as the full-text index splits them (case kept)."""
    return WORD_PATTERN.findall(text)


# -- parsing ---------------------------------------------------------------------------------

_TEXT_KEYS = {"title": TextField.TITLE, "author": TextField.AUTHOR, "by": TextField.AUTHOR}
_FILTER_KEYS = {
    "tag": FilterKey.TAG,
    "feed": FilterKey.FEED,
    "folder": FilterKey.FOLDER,
    "site": FilterKey.SITE,
    "lang": FilterKey.LANG,
    "language": FilterKey.LANG,
}
_DATE_KEYS = {"before": DateOp.BEFORE, "after": DateOp.AFTER, "on": DateOp.ON}
_STATES = {
    "unread": State.UNREAD,
    "new": State.UNREAD,
    "read": State.READ,
    "starred": State.STARRED,
    "star": State.STARRED,
    "archived": State.ARCHIVED,
    "archive": State.ARCHIVED,
    "saved": State.SAVED,
}
_HAS = {
    "highlights": State.HIGHLIGHTS,
    "highlight": State.HIGHLIGHTS,
    "note": State.NOTE,
    "notes": State.NOTE,
}
_HAS_STATES = frozenset(_HAS.values())
_ALL_KEYS = {*_TEXT_KEYS, *_FILTER_KEYS, *_DATE_KEYS, "is", "has"}
_OPERATORS = {"OR", "AND", "NOT"}

_DAY = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_SPAN = re.compile(r"(\d{1,4})\s*([dwmy])")
_MAX_SPAN_DAYS = 200 * 366


class _Or:
    """The OR operator between two alternatives."""


_OR = _Or()

# Pieces of the input: (text, quoted, negated, prefix) for terms, or the OR operator.
_Piece = tuple[str, bool, bool, bool] | _Or


def _split(text: str) -> Iterator[tuple[str, str | None, bool]]:
    """Raw tokens: (bare text, quoted text or None, negated).

    ``tag:"to read"`` comes out as ("tag:", "to read"); an unclosed quote runs to the end.
    """
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in "()":
            i += 1
            continue
        negated = False
        while i < n and text[i] == "-":
            negated = True
            i += 1
        start = i
        while i < n and not text[i].isspace() and text[i] not in '"()':
            i += 1
        bare = text[start:i]
        quoted: str | None = None
        if i < n and text[i] == '"' and (not bare or bare.endswith(":")):
            close = text.find('"', i + 1)
            if close == -1:
                quoted = text[i + 1 :]
                i = n
            else:
                quoted = text[i + 1 : close]
                i = close + 1
            # A star right after the closing quote makes the phrase's last word a prefix.
            if i < n and text[i] == "*":
                quoted += "*"
                i += 1
        elif i < n and text[i] == '"':
            # A quote glued to the end of a word ('say"hello') opens nothing; skip it.
            i += 1
        if bare or quoted is not None:
            yield bare, quoted, negated


def _parse_day(value: str) -> DayRange | None:
    match = _DAY.fullmatch(value.strip())
    if not match:
        return None
    parts = tuple(int(p) for p in match.groups() if p is not None)
    try:
        DayRange(parts).first_day  # noqa: B018 - validates the calendar date
    except ValueError:
        return None
    if not 1000 <= parts[0] <= 9998:
        return None
    return DayRange(parts)


def _parse_when(value: str, op: DateOp) -> DayRange | Span | RelativeDay | None:
    low = value.strip().lower()
    if low in ("today", "yesterday"):
        return RelativeDay(0 if low == "today" else 1)
    if op is not DateOp.ON:
        span = _SPAN.fullmatch(low)
        if span:
            count = int(span.group(1))
            unit = SpanUnit(span.group(2))
            return Span(count, unit)
    return _parse_day(low)


def _word_atom(text: str, negated: bool, *, prefix: bool) -> Term | None:
    words = text_words(text)
    if not words:
        return None
    joined = " ".join(words)
    if prefix:
        return Term(joined, TermKind.PREFIX, negated=negated)
    if len(words) > 1:
        # "e-mail", "U.S.", "3.14": words glued by punctuation are found next to each other.
        return Term(joined, TermKind.PHRASE, negated=negated)
    return Term(joined, TermKind.WORD, negated=negated)


def _keyed_atom(key: str, value: str, quoted: bool, negated: bool, notes: list[str]) -> Atom | None:
    """A ``key:value`` pair, or None when it is not a valid filter (the caller then reads the
    whole as plain words)."""
    value = value.strip()
    if key in _TEXT_KEYS:
        star = value.endswith("*")
        words = text_words(value)
        if not words:
            return None
        joined = " ".join(words)
        if star:
            kind = TermKind.PREFIX
        elif quoted or len(words) > 1:
            kind = TermKind.PHRASE
        else:
            kind = TermKind.WORD
        return Term(joined, kind, _TEXT_KEYS[key], negated)
    if key in _FILTER_KEYS:
        cleaned = " ".join(value.split())
        if not cleaned.strip("*"):
            return None
        return Filter(_FILTER_KEYS[key], cleaned, negated)
    if key == "is":
        state = _STATES.get(value.lower())
        if state is None:
            notes.append(
                f"is:{value} is not a filter (is: takes unread, read, starred, archived or"
                " saved); searched for the words"
            )
            return None
        return StateFilter(state, negated)
    if key == "has":
        state = _HAS.get(value.lower())
        if state is None:
            notes.append(
                f"has:{value} is not a filter (has: takes highlights or note); searched for"
                " the words"
            )
            return None
        return StateFilter(state, negated)
    if key in _DATE_KEYS:
        op = _DATE_KEYS[key]
        when = _parse_when(value, op)
        if when is None:
            notes.append(
                f"{key}:{value} is not a date (use YYYY-MM-DD, YYYY-MM, YYYY, or 7d, 2w, 3m,"
                " 1y); searched for the words"
            )
            return None
        return DateFilter(op, when, negated)
    return None


def parse_query(text: str) -> Query:
    """Read what the user typed. Never raises; anything unreadable becomes plain words."""
    notes: list[str] = []
    pieces: list[Atom | _Or] = []
    pending_not = False
    for bare, quoted, minus in _split(text):
        negated = minus or pending_not
        pending_not = False
        if quoted is None and not negated and bare in ("OR", "|", "||"):
            pieces.append(_OR)
            continue
        if quoted is None and not negated and bare in ("AND", "&", "&&"):
            continue
        if quoted is None and bare == "NOT":
            pending_not = not negated
            continue
        atom: Atom | None = None
        key, colon, value = bare.partition(":")
        key = key.lower()
        if colon and key in _ALL_KEYS:
            if quoted is not None and not value:
                atom = _keyed_atom(key, quoted, True, negated, notes)
                if atom is None:
                    atom = _phrase_or_prefix(quoted, negated)
            elif value:
                atom = _keyed_atom(key, value, False, negated, notes)
                if atom is None:
                    atom = _word_atom(bare, negated, prefix=False)
            # "tag:" with nothing after it: still being typed, nothing to look for yet.
        elif quoted is not None:
            leading = _word_atom(bare, negated, prefix=False) if bare else None
            if leading is not None:
                pieces.append(leading)
            atom = _phrase_or_prefix(quoted, negated)
        else:
            prefix = bare.endswith("*")
            atom = _word_atom(bare, negated, prefix=prefix)
        if atom is not None:
            pieces.append(atom)
    return Query(_clauses(pieces), tuple(notes))


def _phrase_or_prefix(quoted: str, negated: bool) -> Term | None:
    prefix = quoted.endswith("*")
    words = text_words(quoted)
    if not words:
        return None
    joined = " ".join(words)
    if prefix:
        return Term(joined, TermKind.PREFIX, negated=negated)
    return Term(joined, TermKind.PHRASE, negated=negated)


def _clauses(pieces: list[Atom | _Or]) -> tuple[Clause, ...]:
    clauses: list[list[Atom]] = []
    joining = False
    for piece in pieces:
        if isinstance(piece, _Or):
            # An OR with nothing before it has nothing to join.
            joining = bool(clauses)
            continue
        if joining:
            if piece not in clauses[-1]:
                clauses[-1].append(piece)
        elif [piece] not in clauses:
            clauses.append([piece])
        joining = False
    return tuple(tuple(c) for c in clauses)


# -- writing a query back out ----------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace('"', " ") + '"'


def _format_value(value: str) -> str:
    if value and all(not c.isspace() and c not in '"()' for c in value) and value[0] != "-":
        return value
    return _quote(value)


def _format_atom(atom: Atom) -> str:
    sign = "-" if atom.negated else ""
    if isinstance(atom, Term):
        key = "" if atom.field is TextField.ANY else f"{atom.field.value}:"
        if atom.kind is TermKind.WORD:
            # A word that reads as an operator gets punctuation in front, which parsing drops.
            guard = "+" if not key and atom.text in _OPERATORS else ""
            return f"{sign}{key}{guard}{atom.text}"
        if atom.kind is TermKind.PREFIX:
            if " " in atom.text:
                return f"{sign}{key}{_quote(atom.text)}*"
            return f"{sign}{key}{atom.text}*"
        return f"{sign}{key}{_quote(atom.text)}"
    if isinstance(atom, Filter):
        return f"{sign}{atom.key.value}:{_format_value(atom.value)}"
    if isinstance(atom, StateFilter):
        key = "has" if atom.state in _HAS_STATES else "is"
        return f"{sign}{key}:{atom.state.value}"
    when = atom.when
    if isinstance(when, Span):
        value = f"{when.count}{when.unit.value}"
    elif isinstance(when, RelativeDay):
        value = "today" if when.days_ago == 0 else "yesterday"
    else:
        value = "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(when.parts))
    return f"{sign}{atom.op.value}:{value}"


def format_query(query: Query) -> str:
    """The query written in the search language; parsing it gives the same query back."""
    return " ".join(" OR ".join(_format_atom(a) for a in clause) for clause in query.clauses)


# -- dates -------------------------------------------------------------------------------------


def _months_back(day: date, months: int) -> date:
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    if year < 1:
        return date(1, 1, 1)
    # The 31st of a month that has fewer days becomes that month's last day.
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    return date(year, month, 28)


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def date_bounds(
    flt: DateFilter, *, now: datetime, tz: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """The UTC range ``[start, end)`` a date filter keeps (negation not applied).

    Days are calendar days in ``tz`` (the user's time zone): ``after:D`` keeps D and later,
    ``before:D`` what came before D, ``on:D`` the day (or month, or year) itself. A span counts
    back from ``now``: ``after:7d`` is the last seven days, ``before:7d`` anything older.
    """
    when = flt.when
    if isinstance(when, Span):
        if when.unit in (SpanUnit.DAYS, SpanUnit.WEEKS):
            days = when.count * (7 if when.unit is SpanUnit.WEEKS else 1)
            point = now - timedelta(days=min(days, _MAX_SPAN_DAYS))
        else:
            local_now = now.astimezone(tz)
            months = when.count * (12 if when.unit is SpanUnit.YEARS else 1)
            back = _months_back(local_now.date(), min(months, 12 * 200))
            point = datetime.combine(back, local_now.timetz()).astimezone(UTC)
        # on: takes no span; read it as after:.
        return (None, point) if flt.op is DateOp.BEFORE else (point, None)
    if isinstance(when, RelativeDay):
        day = now.astimezone(tz).date() - timedelta(days=when.days_ago)
        first = _local_midnight(day, tz)
        after_last = _local_midnight(day + timedelta(days=1), tz)
    else:
        first = _local_midnight(when.first_day, tz)
        after_last = _local_midnight(when.next_first_day, tz)
    if flt.op is DateOp.BEFORE:
        return None, first
    if flt.op is DateOp.AFTER:
        return first, None
    return first, after_last
