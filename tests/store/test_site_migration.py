"""A version-5 library (before site keys) is migrated: every article gets the keys of its hosts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import Library
from tests.store.test_database import DATA, _schema

# id, url, canonical_url
ARTICLES = [
    (1, "https://www.example.com/a", "https://www.example.com/a"),
    (2, "https://t.redirect.example/x", "https://news.example.com:8080/b"),
    (3, "https://elsewhere.example.net/c", None),
    (4, None, None),
    (5, "mailto:someone@example.com", "mailto:someone@example.com"),
]


def _old_library(path: Path, count: int = 0) -> None:
    con = sqlite3.connect(str(path))
    con.executescript((DATA / "schema_v5.sql").read_text())
    rows = list(ARTICLES)
    # Enough further articles that the backfill runs in more than one batch.
    rows += [(100 + n, f"https://site{n % 7}.example.org/{n}", None) for n in range(count)]
    for article_id, url, canonical in rows:
        con.execute(
            "INSERT INTO article (id, source_kind, url, canonical_url, title, added, sort_date,"
            " word_count, read, starred, archived, fetch_status)"
            " VALUES (?, 'url', ?, ?, ?, 1, 1, 2, 0, 0, 0, 'ok')",
            (article_id, url, canonical, f"Article {article_id}"),
        )
        con.execute(
            "INSERT INTO article_content (article_id, html, text) VALUES (?, '', 'kept words')",
            (article_id,),
        )
        con.execute(
            "INSERT INTO article_search (rowid, title, author, text, tags)"
            " VALUES (?, ?, '', 'kept words', '')",
            (article_id, f"Article {article_id}"),
        )
    con.commit()
    con.close()


def _index_sql(path: Path) -> dict[str, str]:
    con = sqlite3.connect(str(path))
    try:
        return dict(
            con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'article'"
                " AND sql IS NOT NULL"
            ).fetchall()
        )
    finally:
        con.close()


def test_a_version_5_library_gains_site_keys(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    _old_library(old, count=4500)
    with Library(old) as lib:
        assert {a.id for a in lib.search("site:example.com")} == {1, 2}
        assert {a.id for a in lib.search("site:redirect.example")} == {2}
        assert {a.id for a in lib.search("site:example.net")} == {3}
        assert lib.count_search("site:site3.example.org") == len(range(3, 4500, 7))
        assert lib.count_search("site:example.org") == 4500
        assert lib.count_search("kept") == 4500 + len(ARTICLES)
        keys = {
            row[0]: row[1:]
            for row in lib.writer.database.execute_sql(
                'SELECT "id", "host_rev", "url_host_rev" FROM "article" WHERE "id" < 100'
            )
        }
    assert keys == {
        1: ("com.example.www.", None),
        2: ("com.example.news.", "example.redirect.t."),
        3: ("net.example.elsewhere.", None),
        4: (None, None),
        5: (None, None),
    }
    assert len(list(tmp_path.glob("old.sqlite.v5-*.bak"))) == 1
    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(old) == _schema(fresh)
    # The partial index is the same one a new library gets, condition included.
    assert _index_sql(old) == _index_sql(fresh)
