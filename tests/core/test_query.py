"""The search language: parsing what people type, leniently, into a structured query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.query import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    DateFilter,
    DateOp,
    DayRange,
    Filter,
    FilterKey,
    Query,
    RelativeDay,
    Span,
    SpanUnit,
    State,
    StateFilter,
    Term,
    TermKind,
    TextField,
    date_bounds,
    format_query,
    parse_query,
    snippet_parts,
    snippet_text,
    text_words,
)


def atoms(text: str) -> list[object]:
    return list(parse_query(text).atoms())


def test_words_must_all_match_each_in_its_own_clause() -> None:
    query = parse_query("climate  policy")
    assert query.clauses == ((Term("climate"),), (Term("policy"),))
    assert query.has_text


def test_quotes_make_an_exact_phrase() -> None:
    assert atoms('"climate policy" now') == [
        Term("climate policy", TermKind.PHRASE),
        Term("now"),
    ]


def test_or_joins_its_neighbours_and_binds_tighter_than_and() -> None:
    query = parse_query("a OR b c OR d e")
    assert query.clauses == (
        (Term("a"), Term("b")),
        (Term("c"), Term("d")),
        (Term("e"),),
    )


def test_lower_case_or_is_a_word() -> None:
    assert atoms("this or that") == [Term("this"), Term("or"), Term("that")]


def test_minus_and_not_exclude() -> None:
    assert atoms('-lobby NOT spam -"press release" -tag:ads') == [
        Term("lobby", negated=True),
        Term("spam", negated=True),
        Term("press release", TermKind.PHRASE, negated=True),
        Filter(FilterKey.TAG, "ads", negated=True),
    ]


def test_a_trailing_star_searches_beginnings() -> None:
    assert atoms('clim* "new yo"*') == [
        Term("clim", TermKind.PREFIX),
        Term("new yo", TermKind.PREFIX),
    ]


def test_filters() -> None:
    assert atoms('tag:"to read" feed:Ars folder:News/Tech site:example.com lang:de Tag:Work') == [
        Filter(FilterKey.TAG, "to read"),
        Filter(FilterKey.FEED, "Ars"),
        Filter(FilterKey.FOLDER, "News/Tech"),
        Filter(FilterKey.SITE, "example.com"),
        Filter(FilterKey.LANG, "de"),
        Filter(FilterKey.TAG, "Work"),
    ]


def test_title_and_author_look_in_one_field() -> None:
    assert atoms('title:budget author:"Ada Lovelace" title:bud*') == [
        Term("budget", field=TextField.TITLE),
        Term("Ada Lovelace", TermKind.PHRASE, TextField.AUTHOR),
        Term("bud", TermKind.PREFIX, TextField.TITLE),
    ]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("is:unread", State.UNREAD),
        ("is:read", State.READ),
        ("is:starred", State.STARRED),
        ("IS:Archived", State.ARCHIVED),
        ("is:saved", State.SAVED),
        ("has:highlights", State.HIGHLIGHTS),
        ("has:highlight", State.HIGHLIGHTS),
        ("HAS:Notes", State.NOTE),
    ],
)
def test_states(text: str, state: State) -> None:
    assert atoms(text) == [StateFilter(state)]


def test_dates_absolute_and_relative() -> None:
    assert atoms("after:2024-05-01 before:2024-06 on:2023 after:7d before:2w after:3m") == [
        DateFilter(DateOp.AFTER, DayRange((2024, 5, 1))),
        DateFilter(DateOp.BEFORE, DayRange((2024, 6))),
        DateFilter(DateOp.ON, DayRange((2023,))),
        DateFilter(DateOp.AFTER, Span(7, SpanUnit.DAYS)),
        DateFilter(DateOp.BEFORE, Span(2, SpanUnit.WEEKS)),
        DateFilter(DateOp.AFTER, Span(3, SpanUnit.MONTHS)),
    ]
    assert atoms("on:today after:yesterday") == [
        DateFilter(DateOp.ON, RelativeDay(0)),
        DateFilter(DateOp.AFTER, RelativeDay(1)),
    ]


@pytest.mark.parametrize(
    "text",
    ["is:soon", "before:someday", "on:2024-13-01", "after:2024-02-30", "on:7d", "has:pictures"],
)
def test_a_filter_that_makes_no_sense_becomes_words_with_a_note(text: str) -> None:
    query = parse_query(text)
    assert query.notes, text
    assert all(isinstance(a, Term) for a in query.atoms())
    assert query.has_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"unclosed phrase', [Term("unclosed phrase", TermKind.PHRASE)]),
        ("OR word OR", [Term("word")]),
        ("- -- * ** ( ) ...", []),
        ('""', []),
        ("tag:", []),
        ("e-mail", [Term("e mail", TermKind.PHRASE)]),
        ("http://example.com/a", [Term("http example com a", TermKind.PHRASE)]),
        ("unknown:key", [Term("unknown key", TermKind.PHRASE)]),
        ('say"hello', [Term("say"), Term("hello")]),
        ("word word", [Term("word")]),
    ],
)
def test_odd_input_is_read_leniently(text: str, expected: list[object]) -> None:
    assert atoms(text) == expected


def test_an_empty_query() -> None:
    assert parse_query("   ").is_empty
    assert not parse_query("   ").has_text
    assert not parse_query("is:unread").has_text


def test_format_writes_the_language_back() -> None:
    text = (
        'a OR -b "c d" e* title:f author:"G H" tag:"to read" -is:read after:7d'
        " before:2024-05 on:today site:x.org"
    )
    assert format_query(parse_query(text)) == text
    assert str(parse_query(text)) == text


def test_words_are_split_like_the_index() -> None:
    assert text_words("Müller's e-mail, café_au_lait 3.14") == [
        "Müller",
        "s",
        "e",
        "mail",
        "café",
        "au",
        "lait",
        "3",
        "14",
    ]


# -- dates -------------------------------------------------------------------------------------

NOW = datetime(2025, 3, 31, 15, 30, tzinfo=UTC)
BERLIN = timezone(timedelta(hours=2))


def bounds(text: str, tz: timezone = UTC) -> tuple[datetime | None, datetime | None]:
    (atom,) = atoms(text)
    assert isinstance(atom, DateFilter)
    return date_bounds(atom, now=NOW, tz=tz)


def test_absolute_days_are_local_calendar_days() -> None:
    assert bounds("on:2024-05-01") == (
        datetime(2024, 5, 1, tzinfo=UTC),
        datetime(2024, 5, 2, tzinfo=UTC),
    )
    start, end = bounds("on:2024-05-01", BERLIN)
    assert start == datetime(2024, 4, 30, 22, tzinfo=UTC)
    assert end == datetime(2024, 5, 1, 22, tzinfo=UTC)
    assert bounds("after:2024-05-01") == (datetime(2024, 5, 1, tzinfo=UTC), None)
    assert bounds("before:2024-05-01") == (None, datetime(2024, 5, 1, tzinfo=UTC))


def test_months_and_years_are_ranges() -> None:
    assert bounds("on:2024-12") == (
        datetime(2024, 12, 1, tzinfo=UTC),
        datetime(2025, 1, 1, tzinfo=UTC),
    )
    assert bounds("on:2024") == (
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2025, 1, 1, tzinfo=UTC),
    )


def test_spans_count_back_from_now() -> None:
    assert bounds("after:7d") == (NOW - timedelta(days=7), None)
    assert bounds("before:2w") == (None, NOW - timedelta(days=14))
    # A month back from the 31st of March is the last day of February.
    assert bounds("after:1m") == (datetime(2025, 2, 28, 15, 30, tzinfo=UTC), None)
    assert bounds("after:1y") == (datetime(2024, 3, 31, 15, 30, tzinfo=UTC), None)


def test_today_and_yesterday_are_whole_days() -> None:
    assert bounds("on:today") == (
        datetime(2025, 3, 31, tzinfo=UTC),
        datetime(2025, 4, 1, tzinfo=UTC),
    )
    assert bounds("after:yesterday") == (datetime(2025, 3, 30, tzinfo=UTC), None)


def test_day_range_edges() -> None:
    assert DayRange((2024, 12)).next_first_day == date(2025, 1, 1)
    assert DayRange((2024, 2, 29)).next_first_day == date(2024, 3, 1)


# -- snippets ----------------------------------------------------------------------------------


def test_snippet_parts_and_text() -> None:
    snippet = f"the {HIGHLIGHT_START}quick{HIGHLIGHT_END} fox {HIGHLIGHT_START}runs{HIGHLIGHT_END}"
    assert snippet_parts(snippet) == [
        ("the ", False),
        ("quick", True),
        (" fox ", False),
        ("runs", True),
    ]
    assert snippet_text(snippet) == "the [quick] fox [runs]"
    assert snippet_text("a\n\n  b") == "a b"


# -- every input is valid ------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        '"', "-", "*", "(", ")", ":", " ", "OR", "AND", "NOT", "|", "tag:", "is:", "after:",
        "before:", "on:", "title:", "author:", "site:", "lang:", "feed:", "folder:", "7d",
        "2024-05-01", "2024-13-99", "word", "Müller", "e-mail", "日本", "\\", "'", "%", "_",
        "\x00", "\n", "NEAR", "{", "}", "^", "+", "has:", "highlights", "note",
    ]
)  # fmt: skip
_TEXTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=25).map("".join),
)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_any_text_parses_and_round_trips(text: str) -> None:
    query = parse_query(text)
    assert isinstance(query, Query)
    again = parse_query(format_query(query))
    assert again == query


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_a_query_without_operators_keeps_its_words(text: str) -> None:
    plain = " ".join(text_words(text))
    query = parse_query(plain)
    searched = [a.text for a in query.atoms() if isinstance(a, Term)]
    for word in text_words(plain):
        if word not in ("OR", "AND", "NOT"):
            assert any(word in s.split() for s in searched), (word, searched)
