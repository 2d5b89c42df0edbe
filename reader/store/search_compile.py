"""Search queries compiled: a parsed :class:`~reader.core.query.Query` split into an FTS5
match expression and SQL conditions on the article table.

Words, phrases and prefixes become one FTS5 expression (words widened to every indexed form
of their stem); filters become conditions on the article table. Words left out of a query
that wants no others are kept apart, so the planner can check only the articles it needs
against them (:mod:`reader.store.search_plan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from typing import Any

from reader.core.query import (
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
from reader.core.urls import site_key
from reader.store import models as m
from reader.store.fields import to_micros
from reader.store.search_index import FTS_TABLE, indexed_languages, word_forms

# A word is searched as at most this many forms (the word and its stems come first).
_MAX_FORMS = 40


@dataclass(slots=True)
class Sql:
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
    """Every result meets ``match`` (rows of the full-text table) and ``sql`` (articles).

    ``match`` is ``wanted`` (the words looked for) NOT ``exclude`` (the words left out),
    each None when there are none; kept apart too, so each side can be checked on its own.
    """

    match: str | None
    sql: Sql
    # What snippets of the text highlight: every word, phrase and prefix the query looks for
    # (None when it looks for words in titles and authors only).
    highlight: str | None = None
    wanted: str | None = None
    exclude: str | None = None


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
    sql = Sql()
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
    looked_for = " AND ".join(positive) or None
    left_out = " OR ".join(negative) or None
    match = looked_for
    if looked_for is not None and left_out is not None:
        match = f"({looked_for}) NOT ({left_out})"
    highlight = looked_for or " OR ".join(dict.fromkeys(wanted)) or None
    if not any(
        isinstance(a, Term) and not a.negated and a.field is TextField.ANY for a in query.atoms()
    ):
        # Snippets are of the text: words looked for only in titles and authors are never
        # highlighted there.
        highlight = None
    return CompiledQuery(match, sql, highlight, looked_for, left_out)
