"""SQLite's failures of the disk and the file, turned into errors the user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import DiskFullError, LibraryDamagedError, LibraryError
from reader.library import Library
from reader.store import articles as store_articles
from reader.store.failures import sqlite_error, storage_failure
from tests.factories import BASE_TIME, add_articles, make_input


def test_a_full_library_says_so_instead_of_a_failed_rollback(library: Library) -> None:
    """SQLite ends the transaction itself on SQLITE_FULL; the rollback that follows fails
    with "no transaction is active", which used to be all the user saw."""
    add_articles(library, 2)
    writer = library.writer
    db = writer.database
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    # The real limit SQLite enforces for a full disk, on the writer's own connection.
    writer.call(lambda: db.execute_sql(f"PRAGMA max_page_count = {pages + 2}"))
    long_text = "Heat pumps, district heating and insulation compared. " * 20_000
    with pytest.raises(DiskFullError) as caught:
        writer.run(
            lambda: store_articles.insert_article(make_input("Too long", long_text), now=BASE_TIME)
        )
    assert "is full" in str(caught.value)
    assert "rollback" not in str(caught.value)
    writer.call(lambda: db.execute_sql("PRAGMA max_page_count = 1073741823"))
    add_articles(library, 1)  # the library goes on working
    assert library.count_articles() == 3


def error_from(path: Path, sql: str, *, uri: bool = False) -> sqlite3.Error:
    conn = sqlite3.connect(path, uri=uri)
    try:
        conn.execute(sql)
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError(f"{sql} did not fail")


def test_sqlite_errors_are_said_as_what_they_mean(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"no database here " * 100)
    assert isinstance(
        storage_failure(error_from(junk, "SELECT * FROM sqlite_master"), junk),
        LibraryDamagedError,
    )
    db = tmp_path / "library.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    readonly = storage_failure(
        error_from(Path(f"{db.as_uri()}?mode=ro"), "INSERT INTO t VALUES (1)", uri=True), db
    )
    assert isinstance(readonly, LibraryError)
    assert "cannot be written" in str(readonly)
    # Not a failure of the disk or the file: a bug, left for the caller to report as one.
    assert storage_failure(error_from(db, "SELECT * FROM missing"), db) is None
    assert storage_failure(ValueError("x"), db) is None


def test_the_first_failure_is_found_behind_a_failed_rollback() -> None:
    first = sqlite3.OperationalError("database or disk is full")
    try:
        try:
            raise first
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except sqlite3.OperationalError as masked:
        assert sqlite_error(masked) is first


def test_a_library_that_cannot_be_opened_or_is_locked_is_said_to_be(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "library.sqlite"
    try:
        sqlite3.connect(missing)
    except sqlite3.Error as exc:
        cannot_open = storage_failure(exc, missing)
    assert isinstance(cannot_open, LibraryError)
    assert "cannot open the library" in str(cannot_open)

    db = tmp_path / "library.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        busy = storage_failure(error_from_impatient(db, "BEGIN EXCLUSIVE"), db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(busy, LibraryError)
    assert "is busy" in str(busy)


def error_from_impatient(path: Path, sql: str) -> sqlite3.Error:
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute(sql)
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError(f"{sql} did not fail")
