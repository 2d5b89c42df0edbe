"""The word-forms table beside the full-text index: what goes in, and that it survives
rolled-back writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import peewee
import pytest

from reader.core import stemming
from reader.core.query import text_words
from reader.core.stemming import fold, index_language, stem_language, stem_pairs
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import search_index
from tests.factories import BASE_TIME, make_input


def forms(library: Library, word: str, languages: list[str]) -> list[str]:
    return search_index.word_forms(library.writer.database, word, languages)


def test_forms_are_recorded_per_language(library: Library) -> None:
    def write() -> None:
        store_articles.insert_article(
            make_input("Läufer", "Die Läufer laufen.", language="de-AT"), now=BASE_TIME
        )
        store_articles.insert_article(make_input("Runner", "She was running."), now=BASE_TIME)

    library.writer.run(write)
    assert search_index.indexed_languages(library.writer.database) == ["de", "en"]
    assert "laufen" in forms(library, "lauf", ["de"])
    assert "running" in forms(library, "runs", ["en"])
    assert "running" not in forms(library, "runs", ["de"])
    assert forms(library, "Müller", ["en"])[0] == "muller"


def test_a_rolled_back_write_does_not_leave_forms_missing(library: Library) -> None:
    class Abort(Exception):
        pass

    def doomed() -> None:
        store_articles.insert_article(make_input("Gone", "Swimmers were swimming."), now=BASE_TIME)
        raise Abort

    with pytest.raises(Abort):
        library.writer.run(doomed)
    assert "swimming" not in forms(library, "swim", ["en"])
    library.writer.run(
        lambda: store_articles.insert_article(
            make_input("Kept", "Swimmers were swimming."), now=BASE_TIME
        )
    )
    library.writer.run(
        lambda: store_articles.insert_article(make_input("Also", "More swimming."), now=BASE_TIME)
    )
    assert "swimming" in forms(library, "swim", ["en"])
    assert library.count_search("swim") == 2


def test_bulk_indexing_and_rebuilding(library: Library) -> None:
    db = library.writer.database

    def write() -> int:
        ids = [
            store_articles.insert_article(make_input(f"Note {n}", "walking"), now=BASE_TIME)
            for n in range(3)
        ]
        rows = [
            search_index.IndexRow(article_id, f"Swims {article_id}", None, "x", (), "en")
            for article_id in ids
        ]
        return search_index.index_articles(db, rows, replace=True)

    assert library.writer.run(write) == 3
    assert library.count_search("swimming") == 3
    assert library.count_search("walked") == 0

    def rebuild() -> int:
        db.execute_sql(f'DELETE FROM "{search_index.TERM_TABLE}"')
        return search_index.rebuild_terms(db)

    assert library.writer.run(rebuild) == 3
    # The stored text is read again: its forms are back (the replaced index rows aside).
    assert "walking" in forms(library, "walk", ["en"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en-GB", "en"), ("de_DE", "de"), ("German", "de"), ("fra", "fr"), ("zh", None), ("", None)],
)
def test_stemmer_languages(language: str, expected: str | None) -> None:
    assert stem_language(language) == expected


def test_unknown_language_is_indexed_as_english() -> None:
    assert index_language(None) == "en"
    assert index_language("ja") is None


def test_folding_matches_the_index(library: Library) -> None:
    """Python's idea of a word and of its folded form agrees with SQLite's tokenizer."""
    samples = [
        "Müller straße ÆON œuvre Ångström naïve façade",
        "Łódź Dvořák İstanbul",
        "e\u0301te\u0301 cafe\u0301",
        "Ελληνικά Ὀδυσσεύς Москва ёлка",
        "foo_bar don't e-mail C++ 3.14",
    ]
    db = library.writer.database
    db.execute_sql(
        "CREATE VIRTUAL TABLE temp.fold_check"
        " USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute_sql(
        "CREATE VIRTUAL TABLE temp.fold_vocab USING fts5vocab(temp, fold_check, instance)"
    )
    for n, sample in enumerate(samples):
        db.execute_sql("INSERT INTO temp.fold_check (rowid, x) VALUES (?, ?)", (n, sample))
    for n, sample in enumerate(samples):
        indexed = [
            r[0]
            for r in db.execute_sql(
                "SELECT term FROM temp.fold_vocab WHERE doc = ? ORDER BY offset", (n,)
            )
        ]
        assert [fold(w) for w in text_words(sample)] == indexed, sample


def test_stem_pairs_leave_out_words_that_are_their_own_stem() -> None:
    pairs = stem_pairs(["The runner runs; (running) RUNS."], "en")
    assert pairs == {("run", "runs"), ("run", "running")}


_AWKWARD = [
    ("Quotes \"and\" 'these'", 'Back\\slash, "quoted" text; tab\there.'),
    ("Ümlaute und Straßen", "Die Läufer laufen durch Städte, Ærø und Łódź."),
    ("Emoji 🚀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Beyond the plane: 😀 running 𝒳 — “curly” ‘quotes’ … «guillemets»."),
    ("Nothing", ""),
    ("A nul\x00inside", "Text with a nul\x00character and [brackets] {braces}."),
    ("JSON-ish", '{"key": [1, 2, 3]} null true false \\u0041'),
]


def _index_contents(library: Library) -> list[list[tuple[Any, ...]]]:
    db = library.writer.database
    rows = db.execute_sql(
        "SELECT rowid, title, author, text, tags FROM article_search ORDER BY rowid"
    ).fetchall()
    db.execute_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bulk_vocab"
        " USING fts5vocab(main, article_search, instance)"
    )
    words = db.execute_sql(
        "SELECT term, doc, col, offset FROM temp.bulk_vocab ORDER BY doc, col, offset"
    ).fetchall()
    forms = db.execute_sql(f'SELECT * FROM "{search_index.TERM_TABLE}" ORDER BY 1, 2, 3').fetchall()
    return [rows, words, forms]


def test_bulk_indexing_stores_what_one_by_one_indexing_does(tmp_path: Path) -> None:
    """Texts with quotes, backslashes, characters beyond the plane and nul characters are
    indexed, with their word forms, the same in bulk as one at a time."""
    rows = [
        search_index.IndexRow(n, title, ["Ann", None][n % 2], text, ("tag one", "x")[: n % 3], lang)
        for n, (title, text) in enumerate(_AWKWARD * 3, start=1)
        for lang in [["en", "de", None, "fr", "zh"][n % 5]]
    ]
    found: list[list[list[tuple[Any, ...]]]] = []
    for bulk in (False, True):
        library = Library(tmp_path / f"bulk-{bulk}.sqlite")
        db = library.writer.database

        def write(bulk: bool = bulk, db: Any = db) -> None:
            if bulk:
                search_index.index_articles(db, rows)
            else:
                for row in rows:
                    search_index.index_article(
                        db,
                        article_id=row.article_id,
                        title=row.title,
                        author=row.author,
                        text=row.text,
                        tags=row.tags,
                        language=row.language,
                    )

        try:
            library.writer.run(write)
            found.append(_index_contents(library))
        finally:
            library.close()
    assert found[0] == found[1]
    assert found[1][0][4][3] == _AWKWARD[4][1]  # the nul and what follows it are kept


def test_a_failing_batch_leaves_no_word_forms_behind(library: Library) -> None:
    db = library.writer.database

    def index(rows: list[search_index.IndexRow]) -> None:
        search_index.index_articles(db, rows)

    library.writer.run(
        lambda: index([search_index.IndexRow(1, "First", None, "runners", (), "en")])
    )
    with pytest.raises((peewee.IntegrityError, sqlite3.IntegrityError)):
        # Article 1 is in the index already: the batch fails as a whole.
        library.writer.run(
            lambda: index(
                [
                    search_index.IndexRow(2, "Second", None, "swimmers swimming", (), "en"),
                    search_index.IndexRow(1, "Again", None, "walking", (), "en"),
                ]
            )
        )
    assert "swimming" not in forms(library, "swim", ["en"])
    assert "runners" in forms(library, "runner", ["en"])
    library.writer.run(
        lambda: index([search_index.IndexRow(2, "Second", None, "swimmers swimming", (), "en")])
    )
    assert "swimming" in forms(library, "swim", ["en"])


def test_stems_of_many_words_at_once_are_those_of_each_word() -> None:
    pieces = sorted(
        {
            "running", "runs", "city,", "cities.", "e-mail", "naïve", "ab", "x", "3rd",
            "«running»", "don't", "straße", "partnerschaften", "städte", "ﬁnance", "σοφία",
            "ὀδυσσεύς", "москва", "écoles", "connaissances", "zzzz",
        }
    )  # fmt: skip
    for language in ["en", "de", "fr", "ru", "el"]:
        assert stemming._pairs_of_many(pieces, language) == [
            stemming._pairs_of(piece, language) for piece in pieces
        ]
