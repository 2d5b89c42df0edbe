"""A version-2 library (before word forms) is migrated: its articles are found in every form."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import Library
from tests.store.test_database import DATA, _schema

ARTICLES = [
    (1, "Städtepartnerschaften", "de", "Die Partnerschaften der Städte wachsen."),
    (2, "Morning", "en", "She runs before work."),
    (3, "Untagged language", None, "Gardeners were planting."),
]


def _old_library(path: Path) -> None:
    con = sqlite3.connect(str(path))
    con.executescript((DATA / "schema_v2.sql").read_text())
    for article_id, title, language, text in ARTICLES:
        con.execute(
            "INSERT INTO article (id, source_kind, title, added, sort_date, word_count, read,"
            " starred, archived, fetch_status, language)"
            " VALUES (?, 'url', ?, 1, 1, 3, 0, 0, 0, 'ok', ?)",
            (article_id, title, language),
        )
        con.execute(
            "INSERT INTO article_content (article_id, html, text) VALUES (?, '', ?)",
            (article_id, text),
        )
        con.execute(
            "INSERT INTO article_search (rowid, title, author, text, tags)"
            " VALUES (?, ?, '', ?, '')",
            (article_id, title, text),
        )
    con.execute("INSERT INTO saved_search (name, query, position) VALUES ('Kept', 'runs', 1)")
    con.commit()
    con.close()


def test_a_version_2_library_gains_word_forms(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    _old_library(old)
    with Library(old) as lib:
        assert [a.id for a in lib.search("partnerschaft")] == [1]
        assert [a.id for a in lib.search("running")] == [2]
        assert [a.id for a in lib.search("planted")] == [3]
        assert [a.id for a in lib.search('"runs before"')] == [2]
        (kept,) = lib.list_saved_searches()
        assert (kept.name, kept.total) == ("Kept", 1)
    assert len(list(tmp_path.glob("old.sqlite.v2-*.bak"))) == 1
    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(old) == _schema(fresh)
