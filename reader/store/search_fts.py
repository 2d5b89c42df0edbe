"""The full-text side of running a search: how many articles a match expression finds, and
which of some given articles it finds, with their snippets.

Each separate read of the index costs a fixed amount before it yields anything (the expression
parsed, then a seek into each segment of the index for each of its words; a library written
to over years has a dozen segments), and then a little for each entry of the words' lists it
passes. So given articles are checked in groups (see :func:`groups`): ids close together for
the density of the match share one read over their stretch of the lists, an id far from all
others gets a seek of its own, and many spread ids become one read of everything.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START
from reader.store import models as m
from reader.store.search_index import FTS_TABLE

# Starting a read of the index costs about as much as passing this many entries of its lists
# (measured on a library of 100,000 articles with a dozen segments: a seek takes 30-120 µs,
# an entry passed and checked 0.1-0.15 µs).
SEEK_COST = 300
# Ids are checked against a map of one byte per id of their range, unless the range is wider.
MAX_BYTEMAP = 1 << 23
# Reads joined into one statement (SQLite allows 500 parts in a compound SELECT).
_READS_PER_STATEMENT = 100
# How many of the newest matches are read to tell a match's size.
SIZE_SAMPLE = 500

TEXT_COLUMN = 2
_SNIPPET_TOKENS = 16
SNIPPET = f"snippet({FTS_TABLE}, {TEXT_COLUMN}, ?, ?, '…', {_SNIPPET_TOKENS})"


def _db() -> peewee.SqliteDatabase:
    return m.database_proxy.obj


@dataclass(frozen=True, slots=True)
class MatchSize:
    """How many articles a match finds: ``count`` is exact when ``exact``, else estimated
    from how far back the newest ``SIZE_SAMPLE`` matches reach; ``density`` is the share of
    the ids up to the newest article's that match; ``terms`` how many words and phrases
    the expression holds (a seek costs one per segment of the index for each)."""

    count: int
    exact: bool
    density: float
    terms: int = 1


def last_article_id() -> int:
    row = _db().execute_sql('SELECT max("id") FROM "article"').fetchone()
    return int(row[0] or 0)


def match_size(match: str) -> MatchSize:
    """The size of ``match``, for the price of reading at most ``SIZE_SAMPLE`` entries."""
    sample = SIZE_SAMPLE
    found, lowest = (
        _db()
        .execute_sql(
            f"SELECT count(*), min(rowid) FROM (SELECT rowid FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH ? ORDER BY rowid DESC LIMIT ?)",
            [match, sample],
        )
        .fetchone()
    )
    top = max(last_article_id(), 1)
    terms = max(match.count('"') // 2, 1)
    if found < sample:
        return MatchSize(int(found), True, min(found / top, 1.0), terms)
    span = max(top - int(lowest) + 1, found)
    density = found / span
    return MatchSize(max(round(density * top), found), False, density, terms)


def fts_count(match: str, *, cap: int | None = None) -> int:
    """How many articles ``match`` finds (at most ``cap`` + 1, when given)."""
    if cap is None:
        query = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
        params: list[Any] = [match]
    else:
        query = (
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)"
        )
        params = [match, cap + 1]
    return int(_db().execute_sql(query, params).fetchone()[0])


def groups(ids: Sequence[int], size: MatchSize) -> list[list[int]]:
    """Sorted ``ids`` split where reading the stretch of the lists between two neighbours
    would cost more than a seek.

    A read over a stretch of ids passes about ``size.density`` entries per id; splitting at
    a gap saves that much and costs one more start, a seek for each of the expression's
    terms; so each gap is decided on its own.
    """
    widest = SEEK_COST * size.terms / max(size.density, 1e-9)
    found: list[list[int]] = []
    for article_id in ids:
        if found and article_id - found[-1][-1] <= widest:
            found[-1].append(article_id)
        else:
            found.append([article_id])
    return found


def read_share(ids: Sequence[int], size: MatchSize) -> float:
    """About what share of the index's lists checking ``ids`` (sorted) reads."""
    covered = sum(group[-1] - group[0] + 1 for group in groups(ids, size) if len(group) > 1)
    return covered / max(last_article_id(), 1)


def among(ids: Sequence[int], *, bounded: bool = True) -> tuple[str, list[Any]]:
    """A condition on the full-text table's rowid: one of ``ids``, checked row by row as the
    index is read once (a seek per id would cost far more).

    ``bounded`` has the index read only within the ids' range: right for ids close together,
    but a range check on each row slows a read that would cover most of the index anyway.
    """
    if not ids:
        return "0", []
    ordered = sorted(ids)
    low, high = ordered[0], ordered[-1]
    bounds = "rowid >= ? AND rowid <= ?" if bounded else ""
    bound_params: list[Any] = [low, high] if bounded else []
    if bounded and len(ordered) == high - low + 1:
        return bounds, bound_params  # every id of the range: the bounds say it all
    # Unbounded, the map starts at id 1, so no row needs a check that it is in the range
    # (below it, substr() would count from the end).
    first = low if bounded else 1
    if high - first >= MAX_BYTEMAP:
        check = "+rowid IN (SELECT value FROM json_each(?))"
        return _joined(bounds, check), [*bound_params, json.dumps(ordered)]
    # One byte per id of the range, 1 for the wanted ones: reading a byte costs about half
    # as much as a lookup among the ids, and the check runs for every row the index holds.
    wanted = bytearray(high - first + 1)
    for article_id in ordered:
        wanted[article_id - first] = 1
    if not bounded:
        return "substr(?, rowid, 1) = x'01'", [bytes(wanted)]
    check = "substr(?, rowid - ?, 1) = x'01'"
    return _joined(bounds, check), [*bound_params, bytes(wanted), low - 1]


def _joined(bounds: str, check: str) -> str:
    return f"{bounds} AND {check}" if bounds else check


def spread(ids: Sequence[int]) -> bool:
    """Whether ``ids`` span most of the library's ids (reading the index within their range
    would then save little)."""
    return bool(ids) and (max(ids) - min(ids)) * 2 > last_article_id()


def _snippet_column(group: list[int], asked: Collection[int]) -> tuple[str, list[Any]]:
    """The snippet column of a read of ``group``: a snippet for each id in ``asked``."""
    marks: list[Any] = [HIGHLIGHT_START, HIGHLIGHT_END]
    wanting = [article_id for article_id in group if article_id in asked]
    if not wanting:
        return "NULL", []
    low, high = group[0], group[-1]
    if len(wanting) == len(group) or high - low >= MAX_BYTEMAP:
        return SNIPPET, marks
    wanted = bytearray(high - low + 1)
    for article_id in wanting:
        wanted[article_id - low] = 1
    return f"CASE WHEN substr(?, rowid - ?, 1) = x'01' THEN {SNIPPET} END", [
        bytes(wanted),
        low - 1,
        *marks,
    ]


def _read(group: list[int], match: str, asked: Collection[int]) -> tuple[str, list[Any]]:
    """One read of the index for the sorted ids of ``group``."""
    column, params = _snippet_column(group, asked)
    select = f"SELECT rowid, {column} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
    if len(group) == 1:
        return f"{select} AND rowid = ?", [*params, match, group[0]]
    condition, condition_params = among(group)
    return f"{select} AND {condition}", [*params, match, *condition_params]


def matches_among(
    match: str,
    ids: Sequence[int],
    *,
    size: MatchSize,
    snippets: bool | Collection[int] = False,
) -> dict[int, str | None]:
    """Which of ``ids`` ``match`` finds; with ``snippets`` (True, or the ids wanting one),
    each with its highlighted snippet of the text (None when the match is outside it).

    A snippet costs more than the check (the text is read and split into words twice), so
    a caller that will keep only some of the matches asks for snippets of those only.
    """
    if not ids:
        return {}
    ordered = sorted(set(ids))
    asked: Collection[int] = ()
    if snippets is True:
        asked = set(ordered)
    elif snippets is not False:
        asked = snippets
    found: dict[int, str | None] = {}
    parts = groups(ordered, size)
    for start in range(0, len(parts), _READS_PER_STATEMENT):
        selects: list[str] = []
        params: list[Any] = []
        for group in parts[start : start + _READS_PER_STATEMENT]:
            select, read_params = _read(group, match, asked)
            selects.append(select)
            params.extend(read_params)
        for article_id, snippet in _db().execute_sql(" UNION ALL ".join(selects), params):
            found[int(article_id)] = snippet if snippet and HIGHLIGHT_START in snippet else None
    return found


def snippets_of(expr: str | None, ids: Sequence[int], *, size: MatchSize) -> dict[int, str]:
    """Highlighted snippets of the text of those of ``ids`` that ``expr`` (of ``size``)
    finds there."""
    if expr is None or not ids:
        return {}
    found = matches_among(expr, ids, size=size, snippets=True)
    return {article_id: text for article_id, text in found.items() if text is not None}
