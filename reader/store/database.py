"""Opening a library file: pragmas, schema creation, migrations and backups."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import peewee

from reader.core.errors import (
    DiskFullError,
    LibraryDamagedError,
    LibraryError,
    SchemaTooNewError,
)
from reader.core.urls import site_hosts
from reader.store import sync_schema
from reader.store.connection import LibraryDatabase, Warn
from reader.store.failures import (
    clear_damage,
    damage_note,
    error_code,
    is_damage,
    is_disk_full,
    mark_damaged,
    storage_failure,
)
from reader.store.models import MODELS, database_proxy

log = logging.getLogger(__name__)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    # Writers queue behind each other for up to 10 s instead of failing with "database is
    # locked"; with one writer thread this only matters for a second process.
    "busy_timeout": 10_000,
    "cache_size": -32_000,
    "temp_store": "memory",
}

Step = Callable[[peewee.SqliteDatabase], None]

PARTIAL_SUFFIX = ".partial"

# Tables every Folio library has had since its first version.
FOLIO_TABLES = frozenset({"article", "feed", "folder", "tag", "article_content"})


def _v1_to_v2(db: peewee.SqliteDatabase) -> None:
    """Saved searches (smart views) and rules."""
    db.execute_sql(
        'CREATE TABLE "saved_search" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "name" TEXT NOT NULL COLLATE NOCASE, "query" TEXT NOT NULL,'
        ' "position" INTEGER NOT NULL)'
    )
    db.execute_sql('CREATE UNIQUE INDEX "saved_search_name" ON "saved_search" ("name")')
    db.execute_sql(
        'CREATE TABLE "rule" ("id" INTEGER NOT NULL PRIMARY KEY, "query" TEXT NOT NULL,'
        ' "action" TEXT NOT NULL, "argument" TEXT, "enabled" INTEGER NOT NULL,'
        ' "position" INTEGER NOT NULL)'
    )


def _list_indexes(db: peewee.SqliteDatabase) -> None:
    """Starred and archived articles in date order, for the window's lists of them."""
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "article_starred_sort_date_id"'
        ' ON "article" ("starred", "sort_date", "id")'
    )
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "article_archived_sort_date_id"'
        ' ON "article" ("archived", "sort_date", "id")'
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _site_hosts(db: peewee.SqliteDatabase) -> None:
    """Site keys of each article's hosts, so "site:" is a range on an index, not a scan."""
    db.execute_sql('ALTER TABLE "article" ADD COLUMN "host_rev" TEXT')
    db.execute_sql('ALTER TABLE "article" ADD COLUMN "url_host_rev" TEXT')
    last = 0
    while True:
        rows = db.execute_sql(
            'SELECT "id", "url", "canonical_url" FROM "article" WHERE "id" > ?'
            ' ORDER BY "id" LIMIT 2000',
            (last,),
        ).fetchall()
        if not rows:
            break
        db.cursor().executemany(
            'UPDATE "article" SET "host_rev" = ?, "url_host_rev" = ? WHERE "id" = ?',
            [(*site_hosts(_text(url), _text(canonical)), id_) for id_, url, canonical in rows],
        )
        last = rows[-1][0]
    # Built after the backfill: one sort instead of an index update per row.
    db.execute_sql('CREATE INDEX "article_host_rev" ON "article" ("host_rev")')
    db.execute_sql(
        'CREATE INDEX "article_url_host_rev" ON "article" ("url_host_rev")'
        ' WHERE ("url_host_rev" IS NOT NULL)'
    )


def _article_sources(db: peewee.SqliteDatabase) -> None:
    """The pages saved articles came from, so re-extraction needs no network."""
    db.execute_sql(
        'CREATE TABLE "article_source" ("article_id" INTEGER NOT NULL PRIMARY KEY,'
        ' "data" BLOB NOT NULL, "size" INTEGER NOT NULL, "name" TEXT NOT NULL,'
        ' "suffix" TEXT NOT NULL, "url" TEXT, "charset" TEXT, "content_type" TEXT,'
        ' "kept" INTEGER NOT NULL,'
        ' FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)'
    )


_NOON_MICROS = 12 * 3600 * 1_000_000
_DAY_MICROS = 24 * 3600 * 1_000_000


def _published_date_only(db: peewee.SqliteDatabase) -> None:
    """Whether an article's publication time is known or only its day. Saved pages that
    gave only a day were stored at exactly noon UTC: those are marked, so they show the
    day without an invented time ("folio reextract" settles the others).

    Steps 8 and 14 both run it, and it changes nothing where the column is already there:
    libraries that passed step 8 while that step changed nothing get the column at step 14.
    """
    columns = {row[1] for row in db.execute_sql('PRAGMA table_info("article")').fetchall()}
    if "published_date_only" in columns:
        return
    db.execute_sql(
        'ALTER TABLE "article" ADD COLUMN "published_date_only" INTEGER NOT NULL DEFAULT 0'
    )
    db.execute_sql(
        'UPDATE "article" SET "published_date_only" = 1 WHERE "feed_id" IS NULL'
        ' AND "published" IS NOT NULL AND "published" % ? = ?',
        (_DAY_MICROS, _NOON_MICROS),
    )


def _unchanged(db: peewee.SqliteDatabase) -> None:
    """A step that leaves the schema as it is: its number is kept for another change."""


def _feed_limits(db: peewee.SqliteDatabase) -> None:
    """How many newest items each feed keeps per refresh, and the last refresh's notice."""
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "keep_items" INTEGER')
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "notice" TEXT')


# The search index's and the highlights' modules are imported only by the steps (and the new
# library) that need them: opening a library that is up to date loads neither.
def _word_forms(db: peewee.SqliteDatabase) -> None:
    from reader.store import search_index

    search_index.migrate_to_word_forms(db)


def _without_prefix_indexes(db: peewee.SqliteDatabase) -> None:
    from reader.store import search_index

    search_index.migrate_without_prefix_indexes(db)


def _highlight_table(db: peewee.SqliteDatabase) -> None:
    from reader.store import highlights_migration

    highlights_migration.create_highlight_table(db)


def _feed_refresh_interval(db: peewee.SqliteDatabase) -> None:
    """A feed's own refresh interval, in minutes (NULL: the library's)."""
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "refresh_minutes" INTEGER')


# Append-only: step i takes a library from version i + 1 to version i + 2. Steps name tables
# and columns as strings, never through model classes, because the models always describe the
# newest schema.
MIGRATIONS: list[Step] = [
    _v1_to_v2,
    _word_forms,
    _list_indexes,
    _without_prefix_indexes,
    _site_hosts,
    _article_sources,
    _published_date_only,
    _feed_limits,
    sync_schema.create_sync_tables,
    _unchanged,
    _highlight_table,
    _feed_refresh_interval,
    # Again, for libraries that passed step 8 while it was a placeholder that changed nothing.
    _published_date_only,
]
SCHEMA_VERSION = len(MIGRATIONS) + 1


def _user_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def _has_tables(db: peewee.SqliteDatabase) -> bool:
    row = db.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchone()
    return bool(row[0])


def backup_path_for(path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database through SQLite's online backup API.

    A connection of its own reads the library: SQLite keeps the locks of the process's other
    connections to the same file, which a plain open() and close() of it would drop. The
    copy is written under a temporary name and renamed at the end, so a full disk leaves no
    half-written file; its failure comes out as a LibraryError (DiskFullError)."""
    src = sqlite3.connect(str(source))
    try:
        copy_connection(src, target, source_path=source)
    finally:
        src.close()


def copy_connection(
    source: sqlite3.Connection, target: Path, *, source_path: Path | None = None
) -> None:
    """Copy the database behind ``source`` to the new file ``target``, all or nothing.

    The copy is made under a name holding this process's id, so that a copy left half-done
    by a process that was killed can be told from one under way (:func:`remove_stale_copies`)."""
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        dst = sqlite3.connect(str(partial))
        try:
            source.backup(dst)
            # A copy in rollback-journal mode leaves no -wal or -shm behind when it is read.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFullError(
                f"the disk is full; {target} was not written (free some space and try again)"
            ) from exc
        if isinstance(exc, OSError):
            raise LibraryError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise storage_failure(exc, source_path or target) or LibraryError(
            f"cannot copy to {target}: {exc}"
        ) from exc


def remove_stale_copies(folder: Path) -> None:
    """Remove the half-done copies in ``folder`` of processes that no longer run."""
    for partial in folder.glob(f"*{PARTIAL_SUFFIX}"):
        pid = partial.name.removesuffix(PARTIAL_SUFFIX).rpartition(".")[2]
        if pid.isdigit() and not _running(int(pid)):
            partial.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: running
    return True


def _create(db: peewee.SqliteDatabase) -> None:
    from reader.store import search_index

    with db.atomic():
        db.create_tables(MODELS)
        for statement in search_index.SEARCH_SCHEMA_SQL:
            db.execute_sql(statement)
        sync_schema.create_sync_tables(db)
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _migrate(db: peewee.SqliteDatabase, path: Path, version: int) -> None:
    backup = backup_path_for(path, version)
    copy_database(path, backup)
    log.info(
        "library at version %d, migrating to %d; backup in %s", version, SCHEMA_VERSION, backup
    )
    for number in range(version, SCHEMA_VERSION):
        step = MIGRATIONS[number - 1]
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {number + 1}")


def _check_place(path: Path) -> bool:
    """Whether the library file exists; LibraryError when it or its folder cannot be used.

    An explicit library path never gets folders made for it: a typo in --db would otherwise
    start a new, empty library somewhere unexpected."""
    folder = path.parent
    try:
        folder_stat = folder.stat()
    except FileNotFoundError:
        raise LibraryError(
            f"no such folder: {folder} (create it first, or give another library file)"
        ) from None
    except OSError as exc:
        raise LibraryError(f"cannot reach the folder {folder}: {exc.strerror}") from exc
    if not stat.S_ISDIR(folder_stat.st_mode):
        raise LibraryError(f"{folder} is not a folder")
    try:
        file_stat = path.stat()
    except FileNotFoundError:
        file_stat = None
    except OSError as exc:
        raise LibraryError(
            f"cannot open the library {path}: {exc.strerror} (check the folder {folder})"
        ) from exc
    if file_stat is not None and stat.S_ISDIR(file_stat.st_mode):
        raise LibraryError(f"{path} is a folder, not a library file")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LibraryError(
            f"cannot write in the folder {folder}; Folio keeps the library's journal files"
            " beside it, so it needs to write there"
        )
    if file_stat is None:
        return False
    if not os.access(path, os.R_OK):
        raise LibraryError(f"cannot read the library {path}: permission denied")
    if not os.access(path, os.W_OK):
        raise LibraryError(
            f"the library {path} is read-only; make it writable (for example: chmod u+w"
            f" '{path}') and try again"
        )
    _repair_companions(path, file_stat)
    return True


def _repair_companions(path: Path, library: os.stat_result) -> None:
    """Give a -wal or -shm left read-only (by a process that opened the library while it was
    read-only: SQLite creates them with the library's permissions) the library's own again;
    else SQLite opens them read-only and every write fails long after the cause is gone."""
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        try:
            info = companion.stat()
        except OSError:
            continue
        if os.access(companion, os.W_OK):
            continue
        if info.st_uid == os.geteuid():
            try:
                companion.chmod(stat.S_IMODE(library.st_mode))
                log.info("made %s writable again", companion)
                continue
            except OSError:
                pass
        raise LibraryError(
            f"{companion} is read-only while the library is not; make it writable (or remove"
            " it while no Folio runs) and try again"
        )


def _existing_version(path: Path) -> int:
    """The library version of an existing file, read without changing a byte of it; 0 for an
    empty one. LibraryError for a file that is not a Folio library this Folio can open."""
    if path.stat().st_size == 0:
        return 0
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise storage_failure(exc, path) or LibraryError(
            f"cannot open the library {path}: {exc}"
        ) from exc
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
    except sqlite3.DatabaseError as exc:
        if error_code(exc) == sqlite3.SQLITE_NOTADB:
            raise LibraryError(
                f"cannot open the library {path}: it is not an SQLite database (Folio left it"
                " unchanged)"
            ) from exc
        raise storage_failure(exc, path) or LibraryError(
            f"cannot open the library {path}: {exc}"
        ) from exc
    finally:
        conn.close()
    if not tables:
        return 0
    if not tables >= FOLIO_TABLES:
        raise LibraryError(
            f"{path} is an SQLite database but not a Folio library; Folio left it unchanged"
        )
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{path} was written by a newer Folio (library version {version}, this Folio"
            f" reads up to {SCHEMA_VERSION}); update Folio to open it"
        )
    return version


def check_integrity(path: Path) -> None:
    """LibraryDamagedError (and a note beside the library) unless SQLite's quick check of
    the library at ``path`` finds it whole. Reads every page: about a second per 300 MB."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise storage_failure(exc, path) or LibraryError(f"cannot check {path}: {exc}") from exc
        result = str(exc)
    if result != "ok":
        first = result.splitlines()[0]
        mark_damaged(path, first)
        raise LibraryDamagedError(f"the library {path} is damaged ({first})")


def _refuse_if_damaged(path: Path) -> None:
    """A library once found damaged stays refused until a check finds it whole again."""
    note = damage_note(path)
    if note is None:
        return
    try:
        check_integrity(path)
    except LibraryDamagedError:
        raise LibraryDamagedError(f"the library {path} is damaged ({note})") from None
    clear_damage(path)


def open_database(
    path: Path, *, on_warning: Warn | None = None, allow_damaged: bool = False
) -> LibraryDatabase:
    """Open (creating if needed) the library at ``path`` and bring its schema up to date.

    A file that is not a Folio library is refused before anything is written to it.
    ``on_warning`` is told, once, when the file was disturbed under the open library (see
    :mod:`reader.store.file_guard`). A library found damaged before is refused unless
    ``allow_damaged`` (restoring it)."""
    path = Path(path)
    exists = _check_place(path)
    if exists and not allow_damaged:
        _refuse_if_damaged(path)
    try:
        existing = _existing_version(path) if exists else 0
    except LibraryError as exc:
        if not (allow_damaged and (isinstance(exc, LibraryDamagedError) or is_damage(exc))):
            raise
        # Unreadable, but open for replacing: restoring a backup is what it needs.
        db = LibraryDatabase(path, pragmas=PRAGMAS, on_warning=on_warning)
        database_proxy.initialize(db)
        return db
    db = LibraryDatabase(path, pragmas=PRAGMAS, on_warning=on_warning)
    try:
        db.connect()
        version = _user_version(db)
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{path} was written by a newer Folio (library version {version}, this Folio"
                f" reads up to {SCHEMA_VERSION}); update Folio to open it"
            )
        database_proxy.initialize(db)
        if version == 0:
            if _has_tables(db) or existing:
                raise LibraryError(f"{path} is an SQLite database but not a Folio library")
            _create(db)
        elif version < SCHEMA_VERSION:
            _migrate(db, path, version)
        db.calibrate()
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        db.close_all()
        raise storage_failure(exc, path) or LibraryError(
            f"cannot open the library {path}: {exc}"
        ) from exc
    except BaseException:
        db.close_all()
        raise
    return db


def replace_database(db: LibraryDatabase, source: Path, safety: Path) -> None:
    """Copy the library to ``safety``, then replace its content with the library ``source``.

    Both happen under one exclusive lock, so no other process writes between the copy and
    the replacement; while another process has the library open, nothing happens and a
    LibraryError says so. A library too damaged for SQLite to lock is moved to ``safety``
    as it is. The connections of ``db`` reopen on their next use."""
    db.close_all()
    conn = sqlite3.connect(str(db.path), timeout=2.0, isolation_level=None)
    try:
        try:
            # Exclusive locking mode keeps the lock after the transaction, until close.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if error_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise LibraryError(
                    "another program has the library open (Folio's window, or a folio"
                    " command); close it and restore again; nothing was changed"
                ) from exc
            if not is_damage(exc):
                raise (storage_failure(exc, db.path) or exc) from exc
            conn.close()
            _replace_unreadable(db.path, source, safety)
        else:
            copy_connection(conn, safety, source_path=db.path)
            _copy_into(source, conn, safety)
    finally:
        conn.close()
    clear_damage(db.path)
    db.calibrate()


def _copy_into(source: Path, conn: sqlite3.Connection, safety: Path) -> None:
    source_conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source_conn.backup(conn)
    except sqlite3.Error as exc:
        problem = storage_failure(exc, source)
        raise LibraryError(
            f"restoring from {source} failed ({problem or exc}); the library is as it was,"
            f" and a copy of it is in {safety}"
        ) from exc
    finally:
        source_conn.close()


def _replace_unreadable(path: Path, source: Path, safety: Path) -> None:
    """Move a library SQLite cannot read (with its -wal and -shm) to ``safety``, and put a
    copy of ``source`` in its place."""
    for suffix in ("", "-wal", "-shm"):
        current = path.with_name(path.name + suffix)
        if current.exists():
            current.replace(safety.with_name(safety.name + suffix))
    copy_database(source, path)
