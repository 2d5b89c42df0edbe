"""Opening, creating and migrating library files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core.errors import LibraryError, SchemaTooNewError
from reader.library import Library
from reader.store.database import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"


def _schema(path: Path) -> dict[str, object]:
    """Tables with their columns (name, type, not-null, default, pk) and indexes with columns."""
    con = sqlite3.connect(str(path))
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        result: dict[str, object] = {
            # Virtual tables are compared by their definition (tokenizer, options).
            f"{name} (virtual)": " ".join(sql.replace('"', "").split())
            for name, sql in con.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        }
        for table in tables:
            columns = [tuple(r[1:]) for r in con.execute(f'PRAGMA table_info("{table}")')]
            indexes = sorted(
                (r[1], r[2], tuple(c[2] for c in con.execute(f'PRAGMA index_info("{r[1]}")')))
                for r in con.execute(f'PRAGMA index_list("{table}")')
            )
            result[table] = (columns, indexes)
        return result
    finally:
        con.close()


def test_new_library_is_stamped_with_the_latest_version_and_uses_wal(db_path: Path) -> None:
    Library(db_path).close()
    con = sqlite3.connect(str(db_path))
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert {"article", "article_content", "feed", "folder", "tag", "article_tag"} <= names
    assert "article_search" in names
    con.close()


def test_foreign_keys_are_enforced(library: Library) -> None:
    db = library.writer.database
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_old_library_is_migrated_after_a_backup(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(old))
    con.executescript((DATA / "schema_v1.sql").read_text())
    con.execute(
        "INSERT INTO article (id, source_kind, title, added, sort_date, word_count, read, starred,"
        " archived, fetch_status)"
        " VALUES (7, 'url', 'Kept through the upgrade', 1, 1, 3, 1, 1, 0, 'ok')"
    )
    con.execute("INSERT INTO article_content (article_id, html, text) VALUES (7, '<p>x</p>', 'x')")
    con.commit()
    con.close()

    con = sqlite3.connect(str(old))
    con.execute(
        "INSERT INTO article_search (rowid, title, author, text, tags)"
        " VALUES (7, 'Kept through the upgrade', '', 'x', '')"
    )
    con.commit()
    con.close()

    with Library(old) as lib:
        assert [a.id for a in lib.search("upgrade")] == [7]
        article = lib.get_article(7)
        assert article.title == "Kept through the upgrade"
        assert article.read and article.starred

    backups = list(tmp_path.glob("old.sqlite.v1-*.bak"))
    assert len(backups) == 1
    con = sqlite3.connect(str(backups[0]))
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()

    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(old) == _schema(fresh)


def test_a_library_from_a_newer_folio_is_refused(db_path: Path) -> None:
    Library(db_path).close()
    con = sqlite3.connect(str(db_path))
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNewError, match="newer Folio"):
        Library(db_path)


def test_a_foreign_sqlite_database_is_not_touched(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(str(other))
    con.execute("CREATE TABLE notes (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(LibraryError, match="not a Folio library"):
        Library(other)
    con = sqlite3.connect(str(other))
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["notes"]
    con.close()


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LibraryError, match="cannot open the library"):
        Library(junk)


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="is a folder"):
        Library(tmp_path)


@pytest.mark.parametrize("fixture", ["schema_v7.sql", "schema_v10.sql"])
def test_an_older_library_learns_which_saved_dates_had_no_time(
    tmp_path: Path, fixture: str
) -> None:
    """Steps 8 and 14: saved pages that gave only a day were stored at noon UTC; they are
    marked as dates without a time. Other times, and feeds' dates, are left as they were. A
    library that passed step 8 while it changed nothing (version 10 here) gets the flag at
    step 14."""
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(path))
    con.executescript((DATA / fixture).read_text())
    noon = int(datetime(2024, 3, 5, 12, tzinfo=UTC).timestamp()) * 1_000_000
    timed = int(datetime(2024, 3, 5, 14, 20, tzinfo=UTC).timestamp()) * 1_000_000
    con.execute(
        "INSERT INTO feed (id, url, title, added, error_count, disabled, fetch_full_text,"
        " position) VALUES (1, 'https://f.example/feed', 'F', 1, 0, 0, 0, 0)"
    )
    for article_id, feed, published in ((1, None, noon), (2, None, timed), (3, 1, noon)):
        con.execute(
            "INSERT INTO article (id, feed_id, source_kind, title, published, added, sort_date,"
            " word_count, read, starred, archived, fetch_status)"
            " VALUES (?, ?, 'url', 'An article', ?, 1, ?, 3, 0, 0, 0, 'ok')",
            (article_id, feed, published, published),
        )
        con.execute(
            "INSERT INTO article_content (article_id, html, text) VALUES (?, '<p>x</p>', 'x')",
            (article_id,),
        )
    con.commit()
    con.close()

    with Library(path) as lib:
        assert lib.get_article(1).published_date_only
        assert not lib.get_article(2).published_date_only
        assert not lib.get_article(3).published_date_only
        assert lib.get_article(1).published == datetime(2024, 3, 5, 12, tzinfo=UTC)
    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(path) == _schema(fresh)


def test_a_library_that_had_the_flag_before_step_14_keeps_its_marks(tmp_path: Path) -> None:
    """Step 14 changes nothing in a library whose step 8 already added the flag: a saved
    page's time that happens to be noon UTC stays a time."""
    path = tmp_path / "v12.sqlite"
    Library(path).close()
    noon = int(datetime(2024, 3, 5, 12, tzinfo=UTC).timestamp()) * 1_000_000
    con = sqlite3.connect(str(path))
    con.execute(
        "INSERT INTO article (id, source_kind, title, published, added, sort_date, word_count,"
        " read, starred, archived, fetch_status, published_date_only)"
        " VALUES (1, 'url', 'At noon', ?, 1, ?, 3, 0, 0, 0, 'ok', 0)",
        (noon, noon),
    )
    con.execute("INSERT INTO article_content (article_id, html, text) VALUES (1, '<p>x</p>', 'x')")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.commit()
    con.close()
    with Library(path) as lib:
        assert not lib.get_article(1).published_date_only
    con = sqlite3.connect(str(path))
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
