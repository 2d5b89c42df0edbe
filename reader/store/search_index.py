"""The full-text index: an FTS5 table whose rowid is the article id, and the word forms.

The FTS5 table holds plain text (never HTML) folded by SQLite's unicode61 tokenizer (case and
Latin accents: "Müller" and "Muller" are one word). It is written in the same transaction as
the article, so search and library can never disagree.

Beside it, ``search_term`` maps the Snowball stem of each indexed word (in the article's
language) to the word itself, for the words whose stem differs from them. A query word is
searched as every indexed form of its stem, so "running" finds "runs" while an exact phrase
stays exact. The table only grows: a form whose articles are gone costs nothing to search for.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from reader.core.stemming import index_language, piece_pairs, query_stems, text_pieces

FTS_TABLE = "article_search"
TERM_TABLE = "search_term"

# No prefix indexes: they make every insert about three times dearer, while a prefix query
# without them is still a short range scan of the term b-tree (a few ms at 100,000 articles).
_FTS_COLUMNS = "title, author, text, tags, tokenize = 'unicode61 remove_diacritics 2'"
CREATE_FTS_SQL = f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_FTS_COLUMNS})"

CREATE_TERM_SQL = (
    f'CREATE TABLE IF NOT EXISTS "{TERM_TABLE}" ("lang" TEXT NOT NULL, "stem" TEXT NOT NULL,'
    ' "term" TEXT NOT NULL, PRIMARY KEY ("lang", "stem", "term")) WITHOUT ROWID'
)

# FTS5 writes its in-memory index to disk each time it outgrows this many bytes; the default
# (1 MB) makes bulk imports flush and merge far more often than needed.
_HASH_SIZE = 8 * 1024 * 1024

# Everything search adds to a library, in order; a new library runs all of it, and the
# migration that introduced a statement runs it for older ones.
SEARCH_SCHEMA_SQL: tuple[str, ...] = (
    CREATE_FTS_SQL,
    CREATE_TERM_SQL,
    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('hashsize', {_HASH_SIZE})",
)

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What the index holds of one article."""

    article_id: int
    title: str
    author: str | None
    text: str
    tags: Sequence[str] = ()
    language: str | None = None


class _Lookup:
    """Marks an argument the function reads from the database itself."""


_LOOKUP = _Lookup()


def _article_language(db: peewee.Database, article_id: int) -> str | None:
    row = db.execute_sql(
        'SELECT "language" FROM "article" WHERE "id" = ?', (article_id,)
    ).fetchone()
    return None if row is None else row[0]


def _insert_terms(db: peewee.Database, params: Iterable[tuple[str, str, str]]) -> None:
    rows = list(params)
    if rows:
        db.cursor().executemany(
            f'INSERT OR IGNORE INTO "{TERM_TABLE}" ("lang", "stem", "term") VALUES (?, ?, ?)',
            rows,
        )


# A connection's own table (never in the file) of markers left by writes of word forms; a
# rolled-back transaction takes its marker with it (see _WrittenPieces).
_MARK_TABLE = "temp.folio_word_forms_mark"


class _WrittenPieces:
    """Which pieces of text (see :func:`reader.core.stemming.text_pieces`) already have their
    word forms in one library's table, so bulk indexing skips them.

    Pieces written in a transaction count only once it is known to have committed: each
    write leaves a marker row in a temporary table of its connection, and a later write in
    another transaction looks for it (gone means rolled back, or another connection: those
    pieces are written again when next seen).
    """

    _LIMIT = 400_000

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.confirmed: dict[str, set[str]] = {}
        self.pending: dict[str, set[str]] = {}
        self.marker: str | None = None
        self.transaction: weakref.ref[object] | None = None

    def skip(self, language: str) -> list[set[str]]:
        return [self.confirmed.get(language, set()), self.pending.get(language, set())]

    def settle(self, db: peewee.Database, transaction: object | None) -> None:
        """Confirm or drop the pending pieces if the transaction that wrote them is over."""
        if self.marker is None:
            return
        writer = self.transaction() if self.transaction is not None else None
        if writer is not None and writer is transaction:
            return  # still the same transaction: keep them pending
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {_MARK_TABLE} (token TEXT)")
        row = db.execute_sql(
            f"SELECT 1 FROM {_MARK_TABLE} WHERE token = ?", (self.marker,)
        ).fetchone()
        if row is not None:
            for lang, pieces in self.pending.items():
                known = self.confirmed.setdefault(lang, set())
                if len(known) > self._LIMIT:
                    known.clear()
                known |= pieces
        db.execute_sql(f"DELETE FROM {_MARK_TABLE}")
        self.pending = {}
        self.marker = None
        self.transaction = None

    def record(
        self, db: peewee.Database, transaction: object | None, written: dict[str, set[str]]
    ) -> None:
        if transaction is None:
            return  # autocommit: nothing to track, and nothing to skip next time
        for lang, pieces in written.items():
            self.pending.setdefault(lang, set()).update(pieces)
        if self.marker is None:
            self.marker = uuid.uuid4().hex
            self.transaction = weakref.ref(transaction)
            db.execute_sql(f"CREATE TABLE IF NOT EXISTS {_MARK_TABLE} (token TEXT)")
            db.execute_sql(f"INSERT INTO {_MARK_TABLE} (token) VALUES (?)", (self.marker,))


_written: dict[str, _WrittenPieces] = {}
_written_lock = threading.Lock()


def _written_for(db: peewee.Database) -> _WrittenPieces:
    key = str(getattr(db, "database", id(db)))
    with _written_lock:
        found = _written.get(key)
        if found is None:
            found = _written[key] = _WrittenPieces()
        return found


def _outer_transaction(db: peewee.Database) -> object | None:
    stack = getattr(getattr(db, "_state", None), "transactions", None)
    return stack[0] if stack else None


def _add_word_forms(db: peewee.Database, texts: dict[str, list[str]]) -> None:
    """Write the word forms of ``texts`` (by stemmer language) not written before."""
    if not texts:
        return
    state = _written_for(db)
    transaction = _outer_transaction(db)
    with state.lock:
        state.settle(db, transaction)
        params: list[tuple[str, str, str]] = []
        written: dict[str, set[str]] = {}
        for lang, group in texts.items():
            pairs, sources = piece_pairs(text_pieces(group), lang, skip=state.skip(lang))
            params.extend((lang, stemmed, term) for stemmed, term in pairs)
            written[lang] = sources
        _insert_terms(db, params)
        state.record(db, transaction, written)


def index_article(
    db: peewee.Database,
    *,
    article_id: int,
    title: str,
    author: str | None,
    text: str,
    tags: Iterable[str],
    language: str | _Lookup | None = _LOOKUP,
) -> None:
    """(Re)index one article; its language is read from the article row unless given."""
    if isinstance(language, _Lookup):
        language = _article_language(db, article_id)
    db.execute_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (article_id,))
    db.execute_sql(
        f"INSERT INTO {FTS_TABLE} (rowid, title, author, text, tags) VALUES (?, ?, ?, ?, ?)",
        (article_id, title, author or "", text, " ".join(tags)),
    )
    lang = index_language(language)
    if lang is not None:
        _add_word_forms(db, {lang: [title, text]})


def index_articles(db: peewee.Database, rows: Iterable[IndexRow], *, replace: bool = False) -> int:
    """Index many new articles at once (imports, rebuilds); returns how many.

    With ``replace``, rows already in the index are replaced (else they must be new).
    """
    count = 0
    batch: list[IndexRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _CHUNK:
            count += _index_batch(db, batch, replace=replace)
            batch = []
    if batch:
        count += _index_batch(db, batch, replace=replace)
    return count


def _index_batch(db: peewee.Database, rows: list[IndexRow], *, replace: bool) -> int:
    cursor = db.cursor()
    if replace:
        remove_articles(db, [r.article_id for r in rows])
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, title, author, text, tags) VALUES (?, ?, ?, ?, ?)",
        [(r.article_id, r.title, r.author or "", r.text, " ".join(r.tags)) for r in rows],
    )
    texts: dict[str, list[str]] = {}
    for row in rows:
        lang = index_language(row.language)
        if lang is not None:
            texts.setdefault(lang, []).extend((row.title, row.text))
    _add_word_forms(db, texts)
    return len(rows)


def update_tags(db: peewee.Database, article_id: int, tags: Iterable[str]) -> None:
    db.execute_sql(f"UPDATE {FTS_TABLE} SET tags = ? WHERE rowid = ?", (" ".join(tags), article_id))


def remove_articles(db: peewee.Database, article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        db.execute_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)


def rebuild_terms(db: peewee.Database) -> int:
    """Fill the word-forms table from every stored article (for libraries indexed before it
    existed); returns the number of articles read."""
    with _written_lock:
        # Whatever this process remembers writing, the table is filled afresh.
        _written.pop(str(getattr(db, "database", id(db))), None)
    count = 0
    last_id = 0
    while True:
        rows = db.execute_sql(
            'SELECT a."id", a."title", a."language", c."text" FROM "article" a'
            ' LEFT JOIN "article_content" c ON c."article_id" = a."id"'
            ' WHERE a."id" > ? ORDER BY a."id" LIMIT ?',
            (last_id, _CHUNK),
        ).fetchall()
        if not rows:
            return count
        texts: dict[str, list[str]] = {}
        for _, title, language, text in rows:
            lang = index_language(language)
            if lang is not None:
                texts.setdefault(lang, []).extend((title, text or ""))
        _add_word_forms(db, texts)
        count += len(rows)
        last_id = int(rows[-1][0])


def indexed_languages(db: peewee.Database) -> list[str]:
    """The stemmer languages of the library's articles, found by skipping through the
    primary key (a few lookups, however many words there are)."""
    rows = db.execute_sql(
        f'WITH RECURSIVE langs(lang) AS (SELECT min("lang") FROM "{TERM_TABLE}"'
        f' UNION ALL SELECT (SELECT min("lang") FROM "{TERM_TABLE}" WHERE "lang" > langs.lang)'
        " FROM langs WHERE langs.lang IS NOT NULL)"
        " SELECT lang FROM langs WHERE lang IS NOT NULL"
    ).fetchall()
    return [str(r[0]) for r in rows]


def word_forms(db: peewee.Database, word: str, languages: Sequence[str]) -> list[str]:
    """Every indexed form of ``word``: the word, its stems, and the indexed words sharing a
    stem with it in one of ``languages``; folded, without duplicates, the word first."""
    from reader.core.stemming import fold

    folded = fold(word)
    forms = [folded]
    pairs = [(lang, s) for lang in languages for s in query_stems(word, [lang])]
    for _, stemmed in pairs:
        if stemmed not in forms:
            forms.append(stemmed)
    if pairs:
        where = " OR ".join('("lang" = ? AND "stem" = ?)' for _ in pairs)
        params = [value for pair in pairs for value in pair]
        rows = db.execute_sql(
            f'SELECT DISTINCT "term" FROM "{TERM_TABLE}" WHERE {where} ORDER BY "term"', params
        ).fetchall()
        for (term,) in rows:
            if term not in forms:
                forms.append(term)
    return forms


def migrate_to_word_forms(db: peewee.Database) -> None:
    """Library version 2 → 3: the word-forms table, filled from the stored articles, and a
    larger FTS5 write buffer."""
    db.execute_sql(CREATE_TERM_SQL)
    db.execute_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('hashsize', {_HASH_SIZE})")
    rebuild_terms(db)


def migrate_without_prefix_indexes(db: peewee.Database) -> None:
    """Library version 4 → 5: the full-text table rebuilt without prefix indexes, which made
    bulk indexing about three times slower than it needs to be."""
    fresh = f"{FTS_TABLE}_rebuilt"
    db.execute_sql(f"CREATE VIRTUAL TABLE {fresh} USING fts5({_FTS_COLUMNS})")
    db.execute_sql(f"INSERT INTO {fresh} ({fresh}, rank) VALUES ('hashsize', {_HASH_SIZE})")
    db.execute_sql(
        f"INSERT INTO {fresh} (rowid, title, author, text, tags)"
        f" SELECT rowid, title, author, text, tags FROM {FTS_TABLE}"
    )
    db.execute_sql(f"DROP TABLE {FTS_TABLE}")
    db.execute_sql(f"ALTER TABLE {fresh} RENAME TO {FTS_TABLE}")
