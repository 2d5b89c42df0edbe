"""Opening a library file: pragmas, schema creation, migrations and backups."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import peewee

from reader.core.errors import LibraryError, SchemaTooNewError
from reader.core.urls import site_hosts
from reader.store import sync_schema
from reader.store.models import MODELS, database_proxy
from reader.store.write_watch import WatchedDatabase

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
    """A consistent copy of a live database through SQLite's online backup API."""
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


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


def open_database(path: Path) -> peewee.SqliteDatabase:
    """Open (creating if needed) the library at ``path`` and bring its schema up to date."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"cannot create the folder for the library {path}: {exc.strerror}"
        ) from exc
    db = WatchedDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
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
            if _has_tables(db):
                raise LibraryError(f"{path} is an SQLite database but not a Folio library")
            _create(db)
        elif version < SCHEMA_VERSION:
            _migrate(db, path, version)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise LibraryError(f"cannot open the library {path}: {exc}") from exc
    except peewee.DatabaseError as exc:
        db.close()
        raise LibraryError(f"cannot open the library {path}: {exc}") from exc
    except BaseException:
        db.close()
        raise
    return db
