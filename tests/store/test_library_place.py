"""Where a library may be opened, and what is said when it may not: the checks of
reader.store.database run in this process (tests/cli/test_storage_faults.py makes the same
faults for a folio command, including those that need a user other than root)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import LibraryDamagedError, LibraryError
from reader.library import Library
from reader.store.database import (
    PARTIAL_SUFFIX,
    SCHEMA_VERSION,
    copy_database,
    remove_stale_copies,
)
from reader.store.failures import damage_note, mark_damaged
from reader.store.file_guard import Disturbance, FileGuard


def folders(path: Path) -> list[str]:
    with Library(path) as library:
        return [name for _id, name in library.folder_paths()]


def test_a_folder_that_does_not_exist_is_not_made(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no such folder"):
        Library(tmp_path / "typo" / "library.sqlite")
    assert not (tmp_path / "typo").exists()


def test_a_file_in_place_of_the_folder_is_said_to_be(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a file", encoding="utf-8")
    with pytest.raises(LibraryError, match="is not a folder"):
        Library(tmp_path / "notes.txt" / "library.sqlite")


def test_a_name_too_long_for_the_file_system_is_said_to_be(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="cannot open the library"):
        Library(tmp_path / ("x" * 300 + ".sqlite"))


def test_an_empty_file_becomes_a_library(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    db.write_bytes(b"")
    with Library(db) as library:
        library.create_folder("First")
        assert library.schema_version == SCHEMA_VERSION
    assert folders(db) == ["First"]


def test_an_sqlite_file_without_tables_becomes_a_library(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE scratch (a)")
    conn.execute("DROP TABLE scratch")
    conn.commit()
    conn.close()
    assert db.stat().st_size > 0
    with Library(db) as library:
        library.create_folder("First")
    assert folders(db) == ["First"]


def test_a_library_once_found_damaged_opens_again_when_it_is_whole(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    with Library(db) as library:
        library.create_folder("Kept")
    mark_damaged(db, "database disk image is malformed")
    assert damage_note(db) is not None
    assert folders(db) == ["Kept"]
    assert damage_note(db) is None


def test_restoring_replaces_a_library_sqlite_cannot_read(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    with Library(db) as library:
        library.create_folder("From the backup")
        backup = library.backup()
    db.write_bytes(b"not a database at all " * 300)
    with pytest.raises(LibraryError):
        Library(db)
    with Library(db, allow_damaged=True) as damaged:
        safety = damaged.restore(backup)
    assert folders(db) == ["From the backup"]
    # The unreadable file is kept, as it was, beside the backups.
    assert safety.read_bytes().startswith(b"not a database at all")


def test_a_copy_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    with Library(db) as library:
        library.create_folder("Kept")
    target = tmp_path / "missing" / "copy.sqlite"
    with pytest.raises(LibraryError):
        copy_database(db, target)
    assert not (tmp_path / "missing").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite"]


def test_half_done_copies_of_processes_that_are_gone_are_removed(tmp_path: Path) -> None:
    import os

    gone = tmp_path / f"copy.sqlite.{2**22 + 12345}{PARTIAL_SUFFIX}"
    mine = tmp_path / f"copy.sqlite.{os.getpid()}{PARTIAL_SUFFIX}"
    unnamed = tmp_path / f"copy.sqlite.nobody{PARTIAL_SUFFIX}"
    for path in (gone, mine, unnamed):
        path.write_bytes(b"half")
    remove_stale_copies(tmp_path)
    assert not gone.exists()
    assert mine.exists() and unnamed.exists()


def test_a_damaged_library_is_refused_until_restored(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    with Library(db) as library:
        library.create_folder("Kept")
    mark_damaged(db, "database disk image is malformed")
    # Whole again: the note goes. Damaged for real: the note stays, and so does the refusal.
    db.write_bytes(db.read_bytes()[:100] + b"\x00" * 4000)
    with pytest.raises(LibraryDamagedError):
        Library(db)
    assert damage_note(db) is not None


def test_a_guard_without_locks_to_check_looks_at_the_files_only(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    # No connection is open, so no lock of this process shows: only identities are checked.
    guard = FileGuard(db)
    guard.calibrate()
    assert guard.check() is None
    off = FileGuard(db)
    off.enabled = False  # what a system without /proc gets
    off.calibrate()
    db.unlink()
    assert off.check() is None


def test_a_guard_sees_the_library_file_gone_from_under_an_open_connection(
    tmp_path: Path,
) -> None:
    db = tmp_path / "library.sqlite"
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.execute("SELECT count(*) FROM t").fetchone()
        guard = FileGuard(db)
        guard.calibrate()
        assert guard.check() is None
        db.unlink()
        finding = guard.check()
        assert finding is not None
        assert finding.kind is Disturbance.GONE
        assert "library.sqlite" in finding.names
    finally:
        conn.close()


def test_a_library_moved_away_while_open_takes_no_more_writes(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    library = Library(db)
    try:
        library.create_folder("Before")
        db.rename(tmp_path / "moved.sqlite")
        with pytest.raises(LibraryError, match="moved or deleted"):
            library.create_folder("After")
    finally:
        library.close()
    # No empty library was started in its place; put back, it has all that was written.
    assert not db.exists()
    (tmp_path / "moved.sqlite").rename(db)
    assert folders(db) == ["Before"]
