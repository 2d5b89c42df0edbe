"""Backups while the library is in use, the daily rotation, and restoring."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core.errors import LibraryError, UserError
from reader.library import Library
from reader.store.database import SCHEMA_VERSION
from tests.factories import add_articles

DATA = Path(__file__).parents[1] / "store" / "data"


def test_backup_is_consistent_while_another_writer_is_busy(
    library: Library, tmp_path: Path
) -> None:
    add_articles(library, 3)
    other = sqlite3.connect(library.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE article SET title = 'half-written'")
        target = library.backup(tmp_path / "copy.sqlite")
        other.execute("COMMIT")
    finally:
        other.close()
    with sqlite3.connect(target) as copy:
        titles = {r[0] for r in copy.execute("SELECT title FROM article")}
        assert titles == {"Article 0", "Article 1", "Article 2"}
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(tmp_path.glob("*.partial"))


def test_backup_names_and_refusals(library: Library, tmp_path: Path) -> None:
    first = library.backup()
    assert first.parent == library.path.parent / "backups"
    assert first.suffix == ".sqlite"
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    inside = library.backup(folder)
    assert inside.parent == folder
    with pytest.raises(UserError, match="already exists"):
        library.backup(inside)
    assert library.list_backups() == [first]


def test_daily_backups_keep_the_last_seven(db_path: Path) -> None:
    now = [datetime(2025, 1, 1, 12, 0, tzinfo=UTC)]
    library = Library(db_path, clock=lambda: now[0])
    try:
        made = []
        for _day in range(10):
            made.append(library.auto_backup())
            assert library.auto_backup() is None  # once a day only
            now[0] += timedelta(days=1)
        assert all(p is not None for p in made)
        autos = sorted(p.name for p in library.backups_folder.glob("auto-*.sqlite"))
        assert len(autos) == 7
        kept = sorted(p.name for p in made[-7:] if p is not None)
        assert autos == kept
    finally:
        library.close()


def test_restore_brings_back_a_backup_and_keeps_the_current(
    library: Library, tmp_path: Path
) -> None:
    add_articles(library, 2)
    saved = library.backup(tmp_path / "saved.sqlite")
    library.delete_articles([a.id for a in library.list_articles()])
    add_articles(library, 5)
    safety = library.restore(saved)
    assert library.count_articles() == 2
    assert [a.title for a in library.search("Body")] != []
    with sqlite3.connect(safety) as before:
        assert before.execute("SELECT count(*) FROM article").fetchone()[0] == 5
    # The restored library goes on working: writes land and are read back.
    add_articles(library, 1)
    assert library.count_articles() == 3


def test_restore_migrates_an_older_library(library: Library, tmp_path: Path) -> None:
    old = tmp_path / "v1.sqlite"
    with sqlite3.connect(old) as connection:
        connection.executescript((DATA / "schema_v1.sql").read_text())
        connection.execute(
            "INSERT INTO article (source_kind, title, added, sort_date, word_count, read,"
            " starred, archived, fetch_status) VALUES ('url', 'Old one', 1, 1, 0, 0, 0, 0, 'ok')"
        )
    assert library.check_library_file(old) == 1
    library.restore(old)
    assert [a.title for a in library.list_articles()] == ["Old one"]
    with sqlite3.connect(library.path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_restore_refuses_non_libraries(library: Library, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all, just some bytes")
    with pytest.raises(LibraryError, match="not a Folio library"):
        library.restore(junk)
    newer = tmp_path / "newer.sqlite"
    library.backup(newer)
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(LibraryError, match="newer Folio"):
        library.restore(newer)
    with pytest.raises(UserError, match="the library itself"):
        library.restore(library.path)
    assert library.list_backups() == []  # nothing was touched


def test_a_damaged_library_gets_no_daily_backup(db_path: Path) -> None:
    """Seven daily copies of a damaged library would push out the last good one."""
    from reader.core.errors import LibraryDamagedError

    library = Library(db_path)
    add_articles(library, 40)
    first = library.auto_backup()
    assert first is not None
    library.close()
    conn = sqlite3.connect(db_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'article'").fetchone()[0]
    conn.close()
    with db_path.open("r+b") as handle:
        handle.seek((root - 1) * 4096)
        handle.write(b"\xa5" * 4096)
    later = [datetime(2030, 1, 1, tzinfo=UTC)]
    with pytest.raises(LibraryDamagedError, match="is damaged"):
        library = Library(db_path, clock=lambda: later[0])
        try:
            library.auto_backup()
        finally:
            library.close()
    assert [p.name for p in (db_path.parent / "backups").iterdir()] == [first.name]
    with pytest.raises(LibraryDamagedError, match="is damaged"):
        Library(db_path)  # found once, refused from then on


def test_a_backup_left_half_done_by_a_killed_process_is_cleared(
    library: Library, tmp_path: Path
) -> None:
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    folder = library.backups_folder
    folder.mkdir()
    stale = folder / f"library-20250101-000000.sqlite.{gone.stdout.strip()}.partial"
    stale.write_bytes(b"half a copy")
    mine = folder / f"library-20250101-000001.sqlite.{os.getpid()}.partial"
    mine.write_bytes(b"a copy under way")
    library.backup()
    assert not stale.exists()
    assert mine.exists()  # this process's own: not touched
