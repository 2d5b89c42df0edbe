"""Search: a parsed :class:`~reader.core.query.Query` run as SQL plus an FTS5 match.

Words, phrases and prefixes become one FTS5 expression (words widened to every indexed form
of their stem); filters become conditions on the article table. Results are ranked by bm25
with the title weighted highest, and carry highlighted snippets of their text.

Ranking every match of a word found in most articles would cost a pass over all of them, so
only the most recently added ``RANK_POOL`` matches are ranked: the best matches among recent
articles, which is what a reader searching a common word wants.

When a query has both words and filters, the cheaper side leads (see :func:`_plan`): the
full-text matches when they are few, else the articles passing the filters when those are
few, else the index walked newest first with the filters checked on the way.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from typing import Any

import peewee

from reader.core.query import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Atom,
    DateFilter,
    Filter,
    FilterKey,
    Query,
    State,
    StateFilter,
    Term,
    TermKind,
    TextField,
    date_bounds,
)
from reader.core.stemming import DEFAULT_LANGUAGE, SUPPORTED, stem_language
from reader.core.types import Article, PageCursor, SourceKind
from reader.core.urls import site_key
from reader.store import models as m
from reader.store.convert import enclosures_from_json
from reader.store.fields import from_micros, to_micros
from reader.store.search_index import FTS_TABLE, indexed_languages, word_forms

# bm25 weights for the columns title, author, text, tags.
_WEIGHTS = "10.0, 3.0, 1.0, 5.0"
_TEXT_COLUMN = 2
# How many of the most recent matches are ranked (see the module docstring).
RANK_POOL = 2000
# A side of a query this small is listed outright and checked against the other.
_FEW = 5000
# Beyond this many full-text matches, a date-ordered page is found by walking the articles
# in date order and checking each against the index, rather than sorting every match.
_MANY = 20000
# A word is searched as at most this many forms (the word and its stems come first).
_MAX_FORMS = 40
_SNIPPET_TOKENS = 16
# Ids checked against a map of one byte per id of their range, unless the range is wider.
_MAX_BYTEMAP = 1 << 23


class Order(enum.StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(slots=True)
class _Sql:
    """Conditions on ``a`` (the article table), joined by AND, with their parameters."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, params: Sequence[Any] = ()) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def where(self) -> str:
        return " AND ".join(f"({c})" for c in self.conditions) if self.conditions else "1"


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    """``match`` must hold for the rows of the full-text table; ``sql`` for the articles."""

    match: str | None
    sql: _Sql
    # What snippets highlight: every word, phrase and prefix the query looks for.
    highlight: str | None = None


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class _Compiler:
    def __init__(self, *, now: datetime, tz: tzinfo, languages: Sequence[str] | None) -> None:
        self.now = now
        self.tz = tz
        self._languages = languages
        self._db = m.database_proxy.obj
        self._terms: dict[Term, str] = {}

    def languages(self) -> Sequence[str]:
        if self._languages is None:
            found = indexed_languages(self._db)
            self._languages = found or [DEFAULT_LANGUAGE]
        return self._languages

    # -- full text ---------------------------------------------------------------------------
    def term(self, term: Term) -> str:
        found = self._terms.get(term)
        if found is None:
            found = self._terms[term] = self._term(term)
        return found

    def _term(self, term: Term) -> str:
        if term.kind is TermKind.PHRASE:
            expr = _fts_string(term.text)
        elif term.kind is TermKind.PREFIX:
            expr = _fts_string(term.text) + "*"
        elif term.field is TextField.AUTHOR:
            # Names are not stemmed: "Young" must not find "Youngs".
            expr = _fts_string(term.text)
        else:
            forms = word_forms(self._db, term.text, self.languages())[:_MAX_FORMS]
            expr = " OR ".join(_fts_string(f) for f in forms)
            if len(forms) > 1:
                expr = f"({expr})"
        if term.field is TextField.TITLE:
            return "{title} : " + (expr if expr.startswith("(") else f"({expr})")
        if term.field is TextField.AUTHOR:
            return "{author} : " + (expr if expr.startswith("(") else f"({expr})")
        return expr

    def match_subquery(self, expr: str, params: list[Any]) -> str:
        params.append(expr)
        return f'a."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)'

    # -- filters -----------------------------------------------------------------------------
    def atom_sql(self, atom: Atom, params: list[Any]) -> str:
        """A condition on ``a``, negation applied (a negated one is never NULL)."""
        if isinstance(atom, Term):
            condition = self.match_subquery(self.term(replace(atom, negated=False)), params)
        elif isinstance(atom, StateFilter):
            condition = _STATE_SQL[atom.state]
        elif isinstance(atom, DateFilter):
            condition = self.date_sql(atom, params)
        else:
            condition = self.filter_sql(atom, params)
        if atom.negated:
            # NOT of an unknown (a NULL language) would drop the row: unknown is "not this".
            return f"NOT coalesce(({condition}), 0)"
        # Left bare, so SQLite can drive the query from the condition's index.
        return f"({condition})"

    def date_sql(self, atom: DateFilter, params: list[Any]) -> str:
        start, end = date_bounds(atom, now=self.now, tz=self.tz)
        parts: list[str] = []
        if start is not None:
            parts.append('a."sort_date" >= ?')
            params.append(to_micros(start))
        if end is not None:
            parts.append('a."sort_date" < ?')
            params.append(to_micros(end))
        return " AND ".join(parts) or "1"

    def filter_sql(self, atom: Filter, params: list[Any]) -> str:
        value = atom.value
        if atom.key is FilterKey.TAG:
            if value.endswith("*") and value.rstrip("*"):
                params.append(_like_prefix(value.rstrip("*")))
                test = "t.\"name\" LIKE ? ESCAPE '\\'"
            else:
                params.append(value)
                test = 't."name" = ?'
            return (
                'a."id" IN (SELECT at."article_id" FROM "article_tag" at'
                f' JOIN "tag" t ON t."id" = at."tag_id" WHERE {test})'
            )
        if atom.key is FilterKey.FEED:
            if value.isdigit():
                params.append(int(value))
                return 'a."feed_id" = ?'
            pattern = _like_anywhere(value)
            params.extend([pattern, pattern])
            return (
                'a."feed_id" IN (SELECT "id" FROM "feed" WHERE "title" LIKE ? ESCAPE \'\\\''
                " OR \"url\" LIKE ? ESCAPE '\\')"
            )
        if atom.key is FilterKey.FOLDER:
            folder_ids = _folders_named(value)
            if not folder_ids:
                return "0"
            params.extend(folder_ids)
            marks = ",".join("?" * len(folder_ids))
            return f'a."feed_id" IN (SELECT "id" FROM "feed" WHERE "folder_id" IN ({marks}))'
        if atom.key is FilterKey.SITE:
            return _site_sql(value, params)
        return _language_sql(value, params)


_STATE_SQL = {
    State.UNREAD: 'a."read" = 0',
    State.READ: 'a."read" = 1',
    State.STARRED: 'a."starred" = 1',
    State.ARCHIVED: 'a."archived" = 1',
    State.SAVED: 'a."feed_id" IS NULL',
    State.HIGHLIGHTS: 'a."id" IN (SELECT "article_id" FROM "highlight")',
    State.NOTE: (
        'a."note" IS NOT NULL AND a."note" != \'\''
        ' OR a."id" IN (SELECT "article_id" FROM "highlight" WHERE "note" IS NOT NULL)'
    ),
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(text: str) -> str:
    return _escape_like(text) + "%"


def _like_anywhere(text: str) -> str:
    return "%" + _escape_like(text) + "%"


def _site_sql(value: str, params: list[Any]) -> str:
    key = site_key(value)
    if key is None:
        return "0"
    # Every key with the prefix "com.example." lies between it and "com.example/" ("/" is
    # the character after "."): the site and its subdomains, each a range on an index.
    upper = key[:-1] + "/"
    params.extend([key, upper, key, upper])
    return (
        'a."host_rev" >= ? AND a."host_rev" < ? OR a."url_host_rev" >= ? AND a."url_host_rev" < ?'
    )


def _language_sql(value: str, params: list[Any]) -> str:
    code = stem_language(value) or value.strip().lower()
    params.extend([code, _escape_like(code) + "-%", _escape_like(code) + "\\_%"])
    return (
        'lower(a."language") = ? OR lower(a."language") LIKE ? ESCAPE \'\\\''
        " OR lower(a.\"language\") LIKE ? ESCAPE '\\'"
    )


def _folders_named(value: str) -> list[int]:
    """Folders whose name (or path, "News/Tech") is ``value``, with their subfolders."""
    from reader.store.articles import folder_and_descendants
    from reader.store.feeds import _folder_paths

    wanted = value.strip().strip("/").casefold()
    roots = [
        folder_id
        for folder_id, path in _folder_paths().items()
        if path.casefold() == wanted or path.rsplit("/", 1)[-1].casefold() == wanted
    ]
    found: list[int] = []
    for root in roots:
        for folder_id in folder_and_descendants(root):
            if folder_id not in found:
                found.append(folder_id)
    return found


def compile_query(
    query: Query,
    *,
    now: datetime,
    tz: tzinfo,
    languages: Sequence[str] | None = None,
) -> CompiledQuery:
    """Split ``query`` into one FTS5 expression and SQL conditions on the article table."""
    lang_filters = [
        stem_language(a.value)
        for a in query.atoms()
        if isinstance(a, Filter) and a.key is FilterKey.LANG and not a.negated
    ]
    stemmers = [code for code in lang_filters if code in SUPPORTED]
    compiler = _Compiler(now=now, tz=tz, languages=stemmers or languages)
    positive: list[str] = []
    negative: list[str] = []
    wanted: list[str] = []
    sql = _Sql()
    for clause in query.clauses:
        wanted.extend(compiler.term(a) for a in clause if isinstance(a, Term) and not a.negated)
        if all(isinstance(a, Term) for a in clause):
            terms = [a for a in clause if isinstance(a, Term)]
            if all(not t.negated for t in terms):
                exprs = [compiler.term(t) for t in terms]
                positive.append(exprs[0] if len(exprs) == 1 else "(" + " OR ".join(exprs) + ")")
                continue
            if len(terms) == 1:
                negative.append(compiler.term(replace(terms[0], negated=False)))
                continue
        params: list[Any] = []
        sql.add(" OR ".join(compiler.atom_sql(a, params) for a in clause), params)
    match: str | None = None
    highlight: str | None = None
    if positive:
        match = " AND ".join(positive)
        highlight = " AND ".join(positive)
        if negative:
            match = f"({match}) NOT ({' OR '.join(negative)})"
    else:
        highlight = " OR ".join(dict.fromkeys(wanted)) or None
        if negative:
            params = []
            sql.add("NOT " + compiler.match_subquery(" OR ".join(negative), params), params)
    return CompiledQuery(match, sql, highlight)


# -- running queries ---------------------------------------------------------------------------


def _db() -> peewee.SqliteDatabase:
    return m.database_proxy.obj


# Finding one article's snippet costs a seek into each word's list, about as much as passing
# a few hundred entries of the lists while scanning a range of them.
_SEEK_SPAN = 200


def _snippets(compiled: CompiledQuery, ids: Sequence[int]) -> dict[int, str]:
    expr = compiled.highlight
    if expr is None or not ids:
        return {}
    select = (
        f"SELECT rowid, snippet({FTS_TABLE}, {_TEXT_COLUMN}, ?, ?, '…', {_SNIPPET_TOKENS})"
        f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
    )
    marks = [HIGHLIGHT_START, HIGHLIGHT_END, expr]
    db = _db()
    rows: list[tuple[Any, ...]] = []
    # A pass over the range of the ids costs a little per match in it, a seek for one id a
    # fixed amount. With few matches in all, one pass; else ids close together share a pass
    # and a lone one far from the others is sought.
    ordered = sorted(ids)
    budget = _SEEK_SPAN * len(ordered)
    few = _fts_count(expr, cap=budget) <= budget
    for group in [ordered] if few else _clusters(ordered):
        if len(group) == 1:
            rows.extend(db.execute_sql(f"{select} AND rowid = ?", [*marks, group[0]]))
        else:
            among, params = _among(group)
            rows.extend(db.execute_sql(f"{select} AND {among}", [*marks, *params]))
    return {int(r[0]): r[1] for r in rows if r[1] and HIGHLIGHT_START in r[1]}


def _clusters(ids: list[int]) -> list[list[int]]:
    """Sorted ids split where the gap to the next is wider than ``_SEEK_SPAN``."""
    groups: list[list[int]] = []
    for article_id in ids:
        if groups and article_id - groups[-1][-1] <= _SEEK_SPAN:
            groups[-1].append(article_id)
        else:
            groups.append([article_id])
    return groups


_RESULT_COLUMNS = (
    "id", "feed_id", "source_kind", "guid", "url", "canonical_url", "title", "author",
    "published", "updated", "added", "sort_date", "summary", "language", "site_name",
    "image_url", "word_count", "read", "starred", "archived", "note", "enclosures",
    "published_date_only",
)  # fmt: skip
_SELECT_RESULTS = "SELECT " + ", ".join(f'"{c}"' for c in _RESULT_COLUMNS) + ' FROM "article"'


def _micros(value: int | None) -> datetime | None:
    return None if value is None else from_micros(int(value))


def load_articles(ids: Sequence[int], snippets: dict[int, str] | None = None) -> list[Article]:
    """List results (no bodies) for ``ids`` in that order, the missing left out: plain SQL,
    as a page of a hundred results must load in a few milliseconds."""
    if not ids:
        return []
    db = _db()
    rows: dict[int, tuple[Any, ...]] = {}
    tags: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.execute_sql(f'{_SELECT_RESULTS} WHERE "id" IN ({marks})', chunk):
            rows[int(row[0])] = row
        for article_id, name in db.execute_sql(
            'SELECT at."article_id", t."name" FROM "article_tag" at JOIN "tag" t'
            f' ON t."id" = at."tag_id" WHERE at."article_id" IN ({marks}) ORDER BY t."name"',
            chunk,
        ):
            tags.setdefault(int(article_id), []).append(name)
    feed_ids = sorted({r[1] for r in rows.values() if r[1] is not None})
    titles: dict[int, str] = {}
    if feed_ids:
        marks = ",".join("?" * len(feed_ids))
        titles = dict(
            db.execute_sql(f'SELECT "id", "title" FROM "feed" WHERE "id" IN ({marks})', feed_ids)
        )
    snippets = snippets or {}
    result = []
    for article_id in ids:
        row = rows.get(article_id)
        if row is None:
            continue
        values = dict(zip(_RESULT_COLUMNS, row, strict=True))
        feed_id = values["feed_id"]
        added = _micros(values["added"])
        sort_date = _micros(values["sort_date"])
        assert added is not None and sort_date is not None
        result.append(
            Article(
                id=article_id,
                title=values["title"],
                source_kind=SourceKind(values["source_kind"]),
                added=added,
                sort_date=sort_date,
                url=values["url"],
                canonical_url=values["canonical_url"],
                guid=values["guid"],
                feed_id=feed_id,
                feed_title=titles.get(feed_id) if feed_id is not None else None,
                author=values["author"],
                published=_micros(values["published"]),
                published_date_only=bool(values["published_date_only"]),
                updated=_micros(values["updated"]),
                summary=values["summary"],
                language=values["language"],
                site_name=values["site_name"],
                image_url=values["image_url"],
                word_count=values["word_count"],
                read=bool(values["read"]),
                starred=bool(values["starred"]),
                archived=bool(values["archived"]),
                tags=tuple(tags.get(article_id, ())),
                note=values["note"],
                enclosures=enclosures_from_json(values["enclosures"]),
                snippet=snippets.get(article_id),
            )
        )
    return result


def _with_snippets(compiled: CompiledQuery, ids: list[int]) -> list[Article]:
    return load_articles(ids, _snippets(compiled, ids))


def _fts_count(match: str, *, cap: int | None = None) -> int:
    """How many articles the full-text match finds (at most ``cap`` + 1, when given: telling
    "few" from "many" needs only that many)."""
    if cap is None:
        query = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
        params: list[Any] = [match]
    else:
        query = (
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)"
        )
        params = [match, cap + 1]
    return int(_db().execute_sql(query, params).fetchone()[0])


def _condition_ids(sql: _Sql, *, cap: int) -> list[int] | None:
    """The ids passing ``sql`` in ascending order, or None when there are more than ``cap``.

    No ORDER BY: SQLite then reads the rows through whichever index suits the conditions.
    """
    query = f'SELECT a."id" FROM "article" a WHERE {sql.where()} LIMIT ?'
    rows = _db().execute_sql(query, [*sql.params, cap + 1]).fetchall()
    if len(rows) > cap:
        return None
    return sorted(int(r[0]) for r in rows)


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to run a query with words: ``filtered`` holds the ids passing the filters when
    they lead; ``matches`` the number of full-text matches when it was counted."""

    filtered: list[int] | None = None
    matches: int | None = None


def _plan(compiled: CompiledQuery) -> _Plan:
    assert compiled.match is not None
    if not compiled.sql.conditions:
        return _Plan()
    matches = _fts_count(compiled.match, cap=_FEW)
    if matches <= _FEW:
        return _Plan(matches=matches)
    return _Plan(filtered=_condition_ids(compiled.sql, cap=_FEW))


def _among(ids: Sequence[int], *, bounded: bool = True) -> tuple[str, list[Any]]:
    """A condition on the full-text table's rowid: one of ``ids``, checked row by row as the
    index is read once (a lookup per id would cost far more, see ``_SEEK_SPAN``).

    ``bounded`` has the index read only within the ids' range: right for ids close together,
    but a range check on each row slows a read that would cover most of the index anyway.
    """
    if not ids:
        return "0", []
    ordered = sorted(ids)
    low, high = ordered[0], ordered[-1]
    bounds = "rowid >= ? AND rowid <= ? AND " if bounded else ""
    bound_params = [low, high] if bounded else []
    if high - low >= _MAX_BYTEMAP:
        check = "+rowid IN (SELECT value FROM json_each(?))"
        return bounds + check, [*bound_params, json.dumps(ordered)]
    # One byte per id of the range, 1 for the wanted ones: reading a byte costs about half
    # as much as a lookup among the ids, and the check runs for every row the index holds.
    wanted = bytearray(high - low + 1)
    for article_id in ordered:
        wanted[article_id - low] = 1
    check = "substr(?, rowid - ?, 1) = x'01'"
    if not bounded:
        check = "+rowid >= ? AND " + check  # below the range, substr() counts from the end
        bound_params = [low]
    return bounds + check, [*bound_params, bytes(wanted), low - 1]


def _spread(ids: Sequence[int]) -> bool:
    """Whether ``ids`` span most of the library's ids (reading the index within their range
    would then save little)."""
    last = _db().execute_sql('SELECT max("id") FROM "article"').fetchone()[0] or 0
    return bool(ids) and (max(ids) - min(ids)) * 2 > last


def _among_filtered(ids: Sequence[int]) -> tuple[str, list[Any]]:
    return _among(ids, bounded=not _spread(ids))


def ranked_ids(compiled: CompiledQuery, *, limit: int) -> list[int]:
    """The best ``limit`` matches, by bm25 among the most recent ``RANK_POOL``."""
    assert compiled.match is not None
    plan = _plan(compiled)
    pool = f" ORDER BY id DESC LIMIT {RANK_POOL}"
    if plan.filtered is not None:
        among, among_params = _among_filtered(plan.filtered)
        inner = (
            f"SELECT rowid AS id, bm25({FTS_TABLE}, {_WEIGHTS}) AS score FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH ? AND {among}"
        )
        params: list[Any] = [compiled.match, *among_params]
        if len(plan.filtered) <= RANK_POOL:
            pool = ""  # every match is in the pool: the index is read forwards, a little faster
    else:
        join = f' JOIN "article" a ON a."id" = {FTS_TABLE}.rowid' if compiled.sql.conditions else ""
        inner = (
            f"SELECT {FTS_TABLE}.rowid AS id, bm25({FTS_TABLE}, {_WEIGHTS}) AS score"
            f" FROM {FTS_TABLE}{join} WHERE {FTS_TABLE} MATCH ? AND {compiled.sql.where()}"
        )
        params = [compiled.match, *compiled.sql.params]
    rows = (
        _db()
        .execute_sql(
            f"SELECT id FROM ({inner}{pool}) ORDER BY score, id DESC LIMIT ?",
            [*params, limit],
        )
        .fetchall()
    )
    return [int(r[0]) for r in rows]


def _keyset(sql: _Sql, after: PageCursor | None, newest_first: bool) -> None:
    if after is not None:
        op = "<" if newest_first else ">"
        micros = to_micros(after.sort_date)
        sql.add(
            f'a."sort_date" {op} ? OR (a."sort_date" = ? AND a."id" {op} ?)',
            [micros, micros, after.id],
        )


def _fts_ids_among(match: str, ids: Sequence[int]) -> list[int]:
    among, params = _among_filtered(ids)
    rows = (
        _db()
        .execute_sql(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND {among}", [match, *params]
        )
        .fetchall()
    )
    return [int(r[0]) for r in rows]


def dated_ids(
    compiled: CompiledQuery,
    *,
    limit: int,
    after: PageCursor | None = None,
    newest_first: bool = True,
) -> list[int]:
    """Matches in date order (newest or oldest first), keyset-paged on ``(sort_date, id)``."""
    sql = _Sql(list(compiled.sql.conditions), list(compiled.sql.params))
    if compiled.match is not None:
        plan = _plan(compiled)
        if plan.filtered is not None:
            found = _fts_ids_among(compiled.match, plan.filtered)
            sql = _Sql(['a."id" IN (SELECT value FROM json_each(?))'], [json.dumps(found)])
        else:
            matches = plan.matches
            if matches is None:
                matches = _fts_count(compiled.match, cap=_MANY)
            if matches <= _MANY:
                sql.add(
                    f'a."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)',
                    [compiled.match],
                )
            else:
                # Most articles match: walking them in date order finds a page soon.
                sql.add(
                    f"EXISTS (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
                    f' AND {FTS_TABLE}.rowid = a."id")',
                    [compiled.match],
                )
    _keyset(sql, after, newest_first)
    direction = "DESC" if newest_first else "ASC"
    rows = (
        _db()
        .execute_sql(
            f'SELECT a."id" FROM "article" a WHERE {sql.where()}'
            f' ORDER BY a."sort_date" {direction}, a."id" {direction} LIMIT ?',
            [*sql.params, limit],
        )
        .fetchall()
    )
    return [int(r[0]) for r in rows]


def search(
    compiled: CompiledQuery,
    *,
    limit: int = 100,
    order: Order = Order.RELEVANCE,
    after: PageCursor | None = None,
) -> list[Article]:
    """Matching articles with snippets. Ranked when the query has words and ``order`` is
    RELEVANCE (``after`` is then ignored: a ranked list has one page); else by date."""
    if order is Order.RELEVANCE and compiled.match is not None:
        ids = ranked_ids(compiled, limit=limit)
    else:
        ids = dated_ids(compiled, limit=limit, after=after, newest_first=order is not Order.OLDEST)
    return _with_snippets(compiled, ids)


def count_with_unread(compiled: CompiledQuery) -> tuple[int, int]:
    """How many articles match, and how many of those are unread."""
    counts = 'count(*), coalesce(sum(a."read" = 0), 0)'
    sql = compiled.sql
    if compiled.match is None:
        query = f'SELECT {counts} FROM "article" a WHERE {sql.where()}'
        params = sql.params
    else:
        plan = _plan(compiled)
        if plan.filtered is not None:
            found = _fts_ids_among(compiled.match, plan.filtered)
            query = (
                f'SELECT {counts} FROM "article" a WHERE a."id" IN (SELECT value FROM json_each(?))'
            )
            params = [json.dumps(found)]
        else:
            query = (
                f'SELECT {counts} FROM {FTS_TABLE} JOIN "article" a ON a."id" = {FTS_TABLE}.rowid'
                f" WHERE {FTS_TABLE} MATCH ? AND {sql.where()}"
            )
            params = [compiled.match, *sql.params]
    total, unread = _db().execute_sql(query, params).fetchone()
    return int(total or 0), int(unread or 0)


def count(compiled: CompiledQuery, *, unread_only: bool = False) -> int:
    """How many articles match (only unread ones when asked)."""
    if unread_only:
        return count_with_unread(compiled)[1]
    if compiled.match is not None and not compiled.sql.conditions:
        return _fts_count(compiled.match)
    return count_with_unread(compiled)[0]


def all_ids(compiled: CompiledQuery) -> list[int]:
    """Every matching article id, newest first (exports, bulk actions)."""
    ids: list[int] = []
    for page in _pages(compiled):
        ids.extend(page)
    return ids


def _pages(compiled: CompiledQuery, size: int = 5000) -> Iterator[list[int]]:
    after: PageCursor | None = None
    while True:
        page = dated_ids(compiled, limit=size, after=after)
        if not page:
            return
        yield page
        if len(page) < size:
            return
        row = (
            _db()
            .execute_sql('SELECT "sort_date" FROM "article" WHERE "id" = ?', (page[-1],))
            .fetchone()
        )
        after = PageCursor(from_micros(int(row[0])), page[-1])


def matching_among(compiled: CompiledQuery, article_ids: Sequence[int]) -> list[int]:
    """Which of ``article_ids`` match (rules on new articles): the cost follows the number of
    ids, not the size of the library."""
    if not article_ids:
        return []
    found: list[int] = []
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), _FEW):
        chunk = ids[start : start + _FEW]
        sql = _Sql(list(compiled.sql.conditions), list(compiled.sql.params))
        sql.conditions.insert(0, 'a."id" IN (SELECT value FROM json_each(?))')
        sql.params.insert(0, json.dumps(chunk))
        rows = (
            _db()
            .execute_sql(f'SELECT a."id" FROM "article" a WHERE {sql.where()}', sql.params)
            .fetchall()
        )
        passing = sorted(int(r[0]) for r in rows)
        if compiled.match is not None and passing:
            passing = sorted(_fts_ids_among(compiled.match, passing))
        found.extend(passing)
    return found
