"""How a compiled search runs: which side of a query leads, and how the index is read.

A query has up to three parts (see :class:`~reader.store.search_compile.CompiledQuery`):
words every result has, words no result has, and conditions on the article table. What leads
depends on their sizes, told for the price of reading a few hundred entries of the index and
looking up a few hundred articles (:func:`~reader.store.search_fts.match_size`,
:func:`filter_share`):

- Ranked by relevance, bm25 ranks the most recently added ``RANK_POOL`` matches (ranking
  every match of a word found in most articles would cost a pass over all of them with a
  lookup each; the best matches among recent articles are what a reader searching a common
  word wants). The matches are read from the index alone, or joined to the articles when
  they are few, or checked against the articles passing the filters when those are few.
  When the whole pool is ranked, the same statement makes the snippets of the rows that
  rank among the best so far, if that costs less than reading the best ones again.
- In date order, few matches are listed and sorted. Else the articles passing the filters
  are walked in date order a batch at a time, and each batch is checked against the index
  (:func:`~reader.store.search_fts.matches_among`, which also makes the snippets): a page of
  a common word costs a page's worth of checks, not a sort of every match. Words left out
  work the same way, keeping the articles the check does not find.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START
from reader.core.types import PageCursor
from reader.store import models as m
from reader.store.fields import from_micros, to_micros
from reader.store.search_compile import CompiledQuery, Sql
from reader.store.search_fts import (
    SEEK_COST,
    SNIPPET,
    MatchSize,
    among,
    fts_count,
    groups,
    last_article_id,
    match_size,
    matches_among,
    read_share,
    snippets_of,
    spread,
)
from reader.store.search_index import FTS_TABLE

# bm25 weights for the columns title, author, text, tags.
WEIGHTS = "10.0, 3.0, 1.0, 5.0"
# How many of the most recent matches are ranked (see the module docstring).
RANK_POOL = 2000
# Whether a ranking that reads every match may make the snippets as it ranks (see
# ranked_page).
SNIPPETS_WHILE_RANKING = True
# A snippet costs about as much as passing this many entries of the index's lists (measured
# at 100,000 articles: 15-30 µs, for the text read and split into words twice).
SNIPPET_COST = 150
# A filter side this small is listed outright and checked against the index.
FEW = 5000
# Matches this few are listed and sorted by date rather than checked a page at a time; so
# are matches fewer than this many times the articles a walk's batch would check.
LIST_MATCHES = 2000
_LIST_FACTOR = 2
# Ids looked up to tell what share of the articles some filters pass.
_SHARE_SAMPLE = 400
# Bounds of one batch of articles checked against the index in date order.
_MIN_BATCH = 32
_MAX_BATCH = 5000
# A batch whose check reads the index through gets this many times as many articles more.
_WIDEN = 1
# Snippets are made during the check for the first articles of a batch expected to hold this
# share of the page's results.
_SNIPPET_REACH = 1.0
# After walking this many articles in date order without filling a page (the words are rare
# among the articles the filters pass), the rest of the page is found by listing matches.
_WALK_LIMIT = 20000

_COUNTS = 'count(*), coalesce(sum(a."read" = 0), 0)'
_MATCHES = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"


def _db() -> peewee.SqliteDatabase:
    return m.database_proxy.obj


def _copy(sql: Sql) -> Sql:
    return Sql(list(sql.conditions), list(sql.params))


def _keyset(sql: Sql, after: PageCursor | None, newest_first: bool) -> None:
    if after is not None:
        op = "<" if newest_first else ">"
        micros = to_micros(after.sort_date)
        sql.add(
            f'a."sort_date" {op} ? OR (a."sort_date" = ? AND a."id" {op} ?)',
            [micros, micros, after.id],
        )


def filter_share(sql: Sql) -> float:
    """About what share of the articles pass ``sql``, from ``_SHARE_SAMPLE`` ids spread
    evenly over the library's (a lookup each, whatever the conditions)."""
    top = last_article_id()
    step = max(top // _SHARE_SAMPLE, 1)
    sample = json.dumps(list(range(step // 2 + 1, top + 1, step)))
    found, passing = (
        _db()
        .execute_sql(
            f"SELECT count(*), coalesce(sum(CASE WHEN {sql.where()} THEN 1 ELSE 0 END), 0)"
            ' FROM "article" a WHERE a."id" IN (SELECT value FROM json_each(?))',
            [*sql.params, sample],
        )
        .fetchone()
    )
    return passing / found if found else 0.0


def condition_ids(sql: Sql, *, cap: int) -> list[int] | None:
    """The ids passing ``sql`` in ascending order, or None when there are more than ``cap``.

    No ORDER BY: SQLite then reads the rows through whichever index suits the conditions.
    Without an index for them, finding that more than ``cap`` pass costs a read of as many
    rows as it takes: a share of the library well above ``cap`` is not looked for.
    """
    if filter_share(sql) * last_article_id() > cap * 2:
        return None
    query = f'SELECT a."id" FROM "article" a WHERE {sql.where()} LIMIT ?'
    rows = _db().execute_sql(query, [*sql.params, cap + 1]).fetchall()
    if len(rows) > cap:
        return None
    return sorted(int(r[0]) for r in rows)


# -- ranked by relevance -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ranking:
    """How the matches to rank are read: ``body`` (what follows the select list) finds each
    match's full-text row, ``pooled`` when only the newest ``RANK_POOL`` of them are ranked.
    ``found`` is about how many are read, and ``sample`` some articles spread over them as
    the best ones would be, or None when they lie anywhere among the word's matches."""

    body: str
    params: list[Any]
    pooled: bool
    found: float
    sample: list[int] | None = None

    def source(self, columns: str = "") -> str:
        score = f"bm25({FTS_TABLE}, {WEIGHTS})"
        return f"SELECT {FTS_TABLE}.rowid AS id{columns}, {score} AS score {self.body}"


def _ranking(compiled: CompiledQuery, size: MatchSize, *, limit: int) -> _Ranking:
    """The matches of ``compiled`` to rank, and how to read them."""
    match = compiled.match
    assert match is not None
    sql = compiled.sql
    if not sql.conditions:
        pooled = not size.exact or size.count > RANK_POOL
        return _Ranking(f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", [match], pooled, size.count)
    joined = (
        f'FROM {FTS_TABLE} CROSS JOIN "article" a ON a."id" = {FTS_TABLE}.rowid'
        f" WHERE {FTS_TABLE} MATCH ? AND {sql.where()}"
    )
    if size.count <= LIST_MATCHES:
        pooled = not size.exact or size.count > RANK_POOL
        return _Ranking(joined, [match, *sql.params], pooled, size.count)
    filtered = condition_ids(sql, cap=FEW)
    if filtered is None:
        return _Ranking(joined, [match, *sql.params], True, size.count)
    # Few articles pass the filters: the index is read once, checking each entry against
    # them, rather than joining each match to its article.
    condition, among_params = among(filtered, bounded=not spread(filtered))
    step = max(len(filtered) / limit, 1.0)
    sample = [filtered[int(i * step)] for i in range(min(limit, len(filtered)))]
    return _Ranking(
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND {condition}",
        [match, *among_params],
        len(filtered) > RANK_POOL,
        len(filtered) * size.density,
        sample,
    )


def _best(ranking: _Ranking, limit: int) -> list[int]:
    pool = f" ORDER BY id DESC LIMIT {RANK_POOL}" if ranking.pooled else ""
    rows = (
        _db()
        .execute_sql(
            f"SELECT id FROM ({ranking.source()}{pool}) ORDER BY score, id DESC LIMIT ?",
            [*ranking.params, limit],
        )
        .fetchall()
    )
    return [int(r[0]) for r in rows]


def ranked_ids(compiled: CompiledQuery, *, limit: int, size: MatchSize | None = None) -> list[int]:
    """The best ``limit`` matches, by bm25 among the most recent ``RANK_POOL``."""
    assert compiled.match is not None
    size = size or match_size(compiled.match)
    return _best(_ranking(compiled, size, limit=limit), limit)


def _snippets_while_ranking(ranking: _Ranking, size: MatchSize, limit: int) -> bool:
    """Whether making snippets during the ranking costs less than reading the best matches'
    snippets afterwards.

    Reading the matches in id order, SQLite makes a row's snippet when its score puts it
    among the best ``limit`` so far: about ``limit * (1 + ln(found / limit))`` snippets
    for matches in no order of score. Afterwards, exactly the best get one, but they are
    read again: a seek each, or one read of the stretch of the index they span.
    """
    if not SNIPPETS_WHILE_RANKING or ranking.pooled:
        return False
    found = max(ranking.found, 1.0)
    if found <= limit:
        return True
    extra = limit * math.log(found / limit)
    if ranking.sample is None:
        reread: float = min(limit * SEEK_COST * size.terms, size.count)
    else:
        reread = sum(
            (
                SEEK_COST * size.terms + (group[-1] - group[0]) * size.density
                for group in groups(ranking.sample, size)
            ),
            0.0,
        )
    return extra * SNIPPET_COST < reread


def ranked_page(compiled: CompiledQuery, *, limit: int) -> tuple[list[int], dict[int, str]]:
    """The best ``limit`` matches and their snippets: made during the ranking, in the same
    statement, when the whole pool is ranked and the snippets highlight the words matched
    (see :func:`_snippets_while_ranking`); else read for the best matches afterwards."""
    match = compiled.match
    assert match is not None
    size = match_size(match)
    ranking = _ranking(compiled, size, limit=limit)
    if compiled.highlight == match and _snippets_while_ranking(ranking, size, limit):
        rows = _db().execute_sql(
            f"SELECT id, snippet FROM ({ranking.source(f', {SNIPPET} AS snippet')})"
            " ORDER BY score, id DESC LIMIT ?",
            [HIGHLIGHT_START, HIGHLIGHT_END, *ranking.params, limit],
        )
        ids: list[int] = []
        texts: dict[int, str] = {}
        for article_id, text in rows:
            ids.append(int(article_id))
            if text and HIGHLIGHT_START in text:
                texts[int(article_id)] = text
        return ids, texts
    ids = _best(ranking, limit)
    return ids, snippets_of(compiled.highlight, ids, size=size)


# -- in date order -----------------------------------------------------------------------------


def _order(newest_first: bool) -> str:
    direction = "DESC" if newest_first else "ASC"
    return f'ORDER BY a."sort_date" {direction}, a."id" {direction}'


def _filtered_page(
    sql: Sql, *, limit: int, after: PageCursor | None, newest_first: bool
) -> list[tuple[int, int]]:
    """(id, sort date) of the articles passing ``sql`` after ``after``, in date order."""
    sql = _copy(sql)
    _keyset(sql, after, newest_first)
    rows: list[tuple[int, int]] = (
        _db()
        .execute_sql(
            f'SELECT a."id", a."sort_date" FROM "article" a WHERE {sql.where()}'
            f" {_order(newest_first)} LIMIT ?",
            [*sql.params, limit],
        )
        .fetchall()
    )
    return rows


def _matching(sql: Sql, compiled: CompiledQuery) -> None:
    """Add the full-text side of ``compiled`` to ``sql`` as a list of matches."""
    if compiled.match is not None:
        sql.add(f'a."id" IN ({_MATCHES})', [compiled.match])
    elif compiled.exclude is not None:
        sql.add(f'NOT a."id" IN ({_MATCHES})', [compiled.exclude])


def _listed_page(
    compiled: CompiledQuery, *, limit: int, after: PageCursor | None, newest_first: bool
) -> list[int]:
    """A page of matches found by listing the full-text matches: right when they are few."""
    sql = _copy(compiled.sql)
    _matching(sql, compiled)
    _keyset(sql, after, newest_first)
    rows = _db().execute_sql(
        f'SELECT a."id" FROM "article" a WHERE {sql.where()} {_order(newest_first)} LIMIT ?',
        [*sql.params, limit],
    )
    return [int(r[0]) for r in rows]


@dataclass(frozen=True, slots=True)
class _Check:
    """What each article of a walk is checked for: the words wanted, then (among those that
    have them) the words left out, each read for its own density."""

    wanted: str | None
    wanted_size: MatchSize | None
    exclude: str | None
    exclude_size: MatchSize | None

    @classmethod
    def of(cls, compiled: CompiledQuery) -> _Check:
        wanted, exclude = compiled.wanted, compiled.exclude
        return cls(
            wanted,
            match_size(wanted) if wanted is not None else None,
            exclude,
            match_size(exclude) if exclude is not None else None,
        )

    @property
    def rate(self) -> float:
        """About what share of the articles pass."""
        rate = self.wanted_size.density if self.wanted_size is not None else 1.0
        if self.exclude_size is not None:
            rate *= 1.0 - self.exclude_size.density
        return rate

    def reads_through(self, ids: list[int]) -> bool:
        """Whether checking ``ids`` reads most of the index's lists for the first check."""
        size = self.wanted_size or self.exclude_size
        return size is not None and read_share(sorted(ids), size) > 0.5

    def passing(
        self, ids: Sequence[int], *, snippets: Collection[int] = ()
    ) -> dict[int, str | None]:
        """Those of ``ids`` that pass, with the snippets of those in ``snippets``."""
        found: dict[int, str | None] = dict.fromkeys(ids)
        if self.wanted is not None and self.wanted_size is not None:
            found = matches_among(self.wanted, ids, size=self.wanted_size, snippets=snippets)
        if self.exclude is not None and self.exclude_size is not None and found:
            left_out = matches_among(self.exclude, list(found), size=self.exclude_size)
            found = {i: text for i, text in found.items() if i not in left_out}
        return found


def _cursor(row: tuple[int, int]) -> PageCursor:
    article_id, sort_date = row
    return PageCursor(from_micros(sort_date), article_id)


def _batch(need: int, rate: float) -> int:
    """How many articles to check for ``need`` results when about ``rate`` of them pass:
    enough that one batch nearly always does, as each batch costs a read of the index."""
    expected = need / max(rate, 1e-3)
    wanted = math.ceil(expected + 2.5 * math.sqrt(expected) + 8)
    return max(_MIN_BATCH, need, min(wanted, _MAX_BATCH))


def _walked_page(
    compiled: CompiledQuery,
    check: _Check,
    *,
    limit: int,
    after: PageCursor | None,
    newest_first: bool,
    snippets: bool,
) -> tuple[list[int], dict[int, str]]:
    """A page found by walking the articles passing the filters in date order, a batch at a
    time, checking each batch against the index.

    The check makes the snippets too, for as many of the first articles of the batch as
    should fill the page; the few kept beyond those get theirs afterwards.
    """
    found: list[int] = []
    texts: dict[int, str] = {}
    unsnipped: list[int] = []
    rate = check.rate
    cursor = after
    walked = 0
    while len(found) < limit:
        need = limit - len(found)
        if walked >= _WALK_LIMIT:
            listed = _listed_page(compiled, limit=need, after=cursor, newest_first=newest_first)
            found.extend(listed)
            unsnipped.extend(listed)
            break
        size_of_batch = _batch(need, rate)
        rows = _filtered_page(
            compiled.sql, limit=size_of_batch, after=cursor, newest_first=newest_first
        )
        if not rows:
            break
        exhausted = len(rows) < size_of_batch
        if not exhausted and check.reads_through([r[0] for r in rows]):
            # The check reads the index through anyway: more articles in the same read cost
            # a byte each, where falling short would cost another read of all of it.
            more = size_of_batch * _WIDEN
            rows += _filtered_page(
                compiled.sql, limit=more, after=_cursor(rows[-1]), newest_first=newest_first
            )
            exhausted = len(rows) < size_of_batch + more
        ids = [article_id for article_id, _ in rows]
        asked: set[int] = set()
        if snippets and check.wanted is not None:
            asked = set(ids[: math.ceil(need / max(rate, 1e-3) * _SNIPPET_REACH)])
        passing = check.passing(ids, snippets=asked)
        kept = [article_id for article_id in ids if article_id in passing][:need]
        found.extend(kept)
        for article_id in kept:
            text = passing[article_id]
            if article_id not in asked:
                unsnipped.append(article_id)
            elif text is not None:
                texts[article_id] = text
        walked += len(rows)
        if exhausted:
            break
        cursor = _cursor(rows[-1])
        rate = len(kept) / len(rows)
    if snippets and unsnipped and check.wanted_size is not None:
        texts.update(snippets_of(compiled.highlight, unsnipped, size=check.wanted_size))
    return found, texts


def dated_page(
    compiled: CompiledQuery,
    *,
    limit: int,
    after: PageCursor | None = None,
    newest_first: bool = True,
    snippets: bool = True,
) -> tuple[list[int], dict[int, str]]:
    """Matches in date order (newest or oldest first), keyset-paged on ``(sort_date, id)``,
    and (with ``snippets``) their snippets."""
    snippets = snippets and compiled.highlight is not None
    highlight_size: MatchSize | None = None
    if compiled.wanted is None and compiled.exclude is None:
        rows = _filtered_page(compiled.sql, limit=limit, after=after, newest_first=newest_first)
        ids = [article_id for article_id, _ in rows]
    else:
        check = _Check.of(compiled)
        highlight_size = check.wanted_size  # the words wanted are those highlighted
        # The side that decides: the words wanted when there are any, else those left out.
        leading = check.wanted_size or check.exclude_size
        assert leading is not None
        # Listing the matches reads the index through once and looks each up; a walk lists
        # and checks a batch, at about the same price per article: with fewer matches than
        # a batch would take, listing them is cheaper.
        batch = _batch(limit, check.rate)
        if leading.count <= LIST_MATCHES or batch * _LIST_FACTOR >= leading.count:
            ids = _listed_page(compiled, limit=limit, after=after, newest_first=newest_first)
        else:
            ids, texts = _walked_page(
                compiled,
                check,
                limit=limit,
                after=after,
                newest_first=newest_first,
                snippets=snippets,
            )
            if check.wanted is not None or not snippets:
                return ids, texts
    if not snippets or compiled.highlight is None:
        return ids, {}
    size = highlight_size or match_size(compiled.highlight)
    return ids, snippets_of(compiled.highlight, ids, size=size)


def dated_ids(
    compiled: CompiledQuery,
    *,
    limit: int,
    after: PageCursor | None = None,
    newest_first: bool = True,
) -> list[int]:
    return dated_page(
        compiled, limit=limit, after=after, newest_first=newest_first, snippets=False
    )[0]


def all_ids(compiled: CompiledQuery) -> list[int]:
    """Every matching article id, newest first (exports, bulk actions)."""
    sql = _copy(compiled.sql)
    _matching(sql, compiled)
    rows = _db().execute_sql(
        f'SELECT a."id" FROM "article" a WHERE {sql.where()} {_order(True)}', sql.params
    )
    return [int(r[0]) for r in rows]


# -- counting ----------------------------------------------------------------------------------


def _checked_ids(expr: str, sql: Sql) -> list[int] | None:
    """The articles passing ``sql`` that ``expr`` finds, when listing them is cheaper than
    joining every match to its article; else None."""
    if not sql.conditions:
        return None
    size = match_size(expr)
    if size.count <= FEW:
        return None
    filtered = condition_ids(sql, cap=FEW)
    if filtered is None:
        return None
    return sorted(matches_among(expr, filtered, size=size))


def _matched_counts(expr: str, sql: Sql) -> tuple[int, int]:
    found = _checked_ids(expr, sql)
    if found is not None:
        query = (
            f'SELECT {_COUNTS} FROM "article" a WHERE a."id" IN (SELECT value FROM json_each(?))'
        )
        params: list[Any] = [json.dumps(found)]
    else:
        query = (
            f'SELECT {_COUNTS} FROM {FTS_TABLE} CROSS JOIN "article" a'
            f' ON a."id" = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH ? AND {sql.where()}'
        )
        params = [expr, *sql.params]
    total, unread = _db().execute_sql(query, params).fetchone()
    return int(total or 0), int(unread or 0)


def _filtered_counts(sql: Sql) -> tuple[int, int]:
    query = f'SELECT {_COUNTS} FROM "article" a WHERE {sql.where()}'
    total, unread = _db().execute_sql(query, sql.params).fetchone()
    return int(total or 0), int(unread or 0)


def count_with_unread(compiled: CompiledQuery) -> tuple[int, int]:
    """How many articles match, and how many of those are unread."""
    if compiled.match is not None:
        return _matched_counts(compiled.match, compiled.sql)
    total, unread = _filtered_counts(compiled.sql)
    if compiled.exclude is None:
        return total, unread
    # Those passing the filters, less those of them the left-out words find.
    left_out, left_out_unread = _matched_counts(compiled.exclude, compiled.sql)
    return total - left_out, unread - left_out_unread


def count(compiled: CompiledQuery, *, unread_only: bool = False) -> int:
    """How many articles match (only unread ones when asked)."""
    if unread_only:
        return count_with_unread(compiled)[1]
    if compiled.sql.conditions:
        return count_with_unread(compiled)[0]
    if compiled.match is not None:
        return fts_count(compiled.match)
    total = _filtered_counts(compiled.sql)[0]
    # Every article is in the index (written in the same transaction): those the left-out
    # words find are all articles.
    return total - fts_count(compiled.exclude) if compiled.exclude is not None else total


def matching_among(compiled: CompiledQuery, article_ids: Sequence[int]) -> list[int]:
    """Which of ``article_ids`` match (rules on new articles): the cost follows the number of
    ids, not the size of the library."""
    if not article_ids:
        return []
    check = _Check.of(compiled) if compiled.wanted or compiled.exclude else None
    found: list[int] = []
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), FEW):
        chunk = ids[start : start + FEW]
        sql = _copy(compiled.sql)
        sql.conditions.insert(0, 'a."id" IN (SELECT value FROM json_each(?))')
        sql.params.insert(0, json.dumps(chunk))
        rows = _db().execute_sql(f'SELECT a."id" FROM "article" a WHERE {sql.where()}', sql.params)
        passing = sorted(int(r[0]) for r in rows)
        if check is not None and passing:
            passing = sorted(check.passing(passing))
        found.extend(passing)
    return found
