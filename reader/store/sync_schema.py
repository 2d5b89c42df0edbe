"""Tables and triggers of sync: accounts, links to the server's ids, and the queue of changes.

The queue is filled by triggers, not by the code paths that change things: every write to the
library, from the window, a command, an import or a rule, in this process or another, lands in
the queue in the same transaction as the change itself, so a change made offline or while a
sync is running can never be missed. Triggers only fire while an account exists and while the
sync engine is not applying the server's own changes (``sync_account.applying`` is set inside
that transaction and cleared before it commits, so no other connection ever sees it set).

The queue holds one row per (entity, id, field) with the time of the last change; the value is
read from the library when it is sent.
"""

from __future__ import annotations

import peewee

# Microseconds since the epoch, like every time column (reader.store.fields).
_NOW = "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)"
_ACTIVE = 'EXISTS (SELECT 1 FROM "sync_account" WHERE "applying" = 0)'
_UPSERT = (
    ' ON CONFLICT ("entity", "entity_id", "field") DO UPDATE SET'
    ' "changed_at" = excluded."changed_at", "detail" = excluded."detail",'
    ' "error" = NULL, "retry_after" = NULL'
)


def _record(entity: str, entity_id: str, field: str) -> str:
    return (
        'INSERT INTO "sync_change" ("entity", "entity_id", "field", "changed_at")'
        f" VALUES ('{entity}', {entity_id}, {field}, {_NOW}){_UPSERT};"
    )


def _record_labels(tag_name: str, tag_id: str) -> str:
    """Queue rows for one label of every feed article carrying the tag ``tag_id``."""
    return (
        'INSERT INTO "sync_change" ("entity", "entity_id", "field", "changed_at")'
        f" SELECT 'article', at.\"article_id\", 'label:' || {tag_name}, {_NOW}"
        ' FROM "article_tag" AS at JOIN "article" AS a ON a."id" = at."article_id"'
        f' WHERE at."tag_id" = {tag_id} AND a."feed_id" IS NOT NULL{_UPSERT};'
    )


_NEW_ID = 'NEW."id"'
_FEED_ARTICLE = 'EXISTS (SELECT 1 FROM "article" WHERE "id" = {0} AND "feed_id" IS NOT NULL)'
_NEW_ARTICLE = _FEED_ARTICLE.format('NEW."article_id"')
_OLD_ARTICLE = _FEED_ARTICLE.format('OLD."article_id"')
_READ = _record("article", _NEW_ID, "'read'")
_STARRED = _record("article", _NEW_ID, "'starred'")
_SUBSCRIBE = _record("feed", _NEW_ID, "'subscribe'")
_TITLE = _record("feed", _NEW_ID, "'title'")
_FOLDER = _record("feed", _NEW_ID, "'folder'")
_PATH = _record("folder", _NEW_ID, "'path'")
_RENAMED_LABELS = (
    _record_labels('OLD."name"', _NEW_ID) + " " + _record_labels('NEW."name"', _NEW_ID)
)
_DELETED_LABELS = _record_labels('OLD."name"', 'OLD."id"')
_INSERT = 'INSERT INTO "sync_change" ("entity", "entity_id", "field", "changed_at")'

SYNC_SCHEMA_SQL: tuple[str, ...] = (
    'CREATE TABLE "sync_account" ("id" INTEGER NOT NULL PRIMARY KEY, "url" TEXT NOT NULL,'
    ' "username" TEXT NOT NULL, "secret" TEXT NOT NULL, "added" INTEGER NOT NULL,'
    ' "last_attempt" INTEGER, "last_success" INTEGER, "status" TEXT NOT NULL,'
    ' "message" TEXT, "labels" INTEGER, "applying" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "sync_feed" ("feed_id" INTEGER NOT NULL PRIMARY KEY,'
    ' "account_id" INTEGER NOT NULL, "remote_id" TEXT NOT NULL, "local_title" TEXT NOT NULL,'
    ' "remote_title" TEXT NOT NULL, "local_folder" TEXT NOT NULL,'
    ' "remote_label" TEXT NOT NULL,'
    ' FOREIGN KEY ("feed_id") REFERENCES "feed" ("id") ON DELETE CASCADE,'
    ' FOREIGN KEY ("account_id") REFERENCES "sync_account" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "sync_feed_remote" ON "sync_feed" ("account_id", "remote_id")',
    'CREATE TABLE "sync_item" ("account_id" INTEGER NOT NULL, "remote_id" INTEGER NOT NULL,'
    ' "article_id" INTEGER, "read" INTEGER NOT NULL, "starred" INTEGER NOT NULL,'
    ' "labels" TEXT, PRIMARY KEY ("account_id", "remote_id"),'
    ' FOREIGN KEY ("account_id") REFERENCES "sync_account" ("id") ON DELETE CASCADE,'
    # A deleted article leaves its item behind, so the server's copy is not fetched again.
    ' FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "sync_item_article" ON "sync_item" ("article_id")',
    'CREATE TABLE "sync_change" ("id" INTEGER NOT NULL PRIMARY KEY, "entity" TEXT NOT NULL,'
    ' "entity_id" INTEGER NOT NULL, "field" TEXT NOT NULL, "changed_at" INTEGER NOT NULL,'
    ' "detail" TEXT, "error" TEXT, "retry_after" INTEGER)',
    'CREATE UNIQUE INDEX "sync_change_key" ON "sync_change" ("entity", "entity_id", "field")',
    # -- articles: read, starred, labels --
    'CREATE TRIGGER "sync_article_read" AFTER UPDATE OF "read" ON "article"'
    f' WHEN OLD."read" IS NOT NEW."read" AND NEW."feed_id" IS NOT NULL AND {_ACTIVE}'
    f" BEGIN {_READ} END",
    'CREATE TRIGGER "sync_article_starred" AFTER UPDATE OF "starred" ON "article"'
    f' WHEN OLD."starred" IS NOT NEW."starred" AND NEW."feed_id" IS NOT NULL AND {_ACTIVE}'
    f" BEGIN {_STARRED} END",
    'CREATE TRIGGER "sync_article_deleted" AFTER DELETE ON "article"'
    ' BEGIN DELETE FROM "sync_change" WHERE "entity" = \'article\''
    ' AND "entity_id" = OLD."id"; END',
    f'CREATE TRIGGER "sync_label_added" AFTER INSERT ON "article_tag" WHEN {_ACTIVE}'
    f" AND {_NEW_ARTICLE} BEGIN {_INSERT}"
    f" SELECT 'article', NEW.\"article_id\", 'label:' || \"name\", {_NOW}"
    f' FROM "tag" WHERE "id" = NEW."tag_id"{_UPSERT}; END',
    f'CREATE TRIGGER "sync_label_removed" AFTER DELETE ON "article_tag" WHEN {_ACTIVE}'
    f" AND {_OLD_ARTICLE} BEGIN {_INSERT}"
    f" SELECT 'article', OLD.\"article_id\", 'label:' || \"name\", {_NOW}"
    f' FROM "tag" WHERE "id" = OLD."tag_id"{_UPSERT}; END',
    'CREATE TRIGGER "sync_tag_renamed" AFTER UPDATE OF "name" ON "tag"'
    f' WHEN OLD."name" IS NOT NEW."name" AND {_ACTIVE} BEGIN {_RENAMED_LABELS} END',
    f'CREATE TRIGGER "sync_tag_deleted" BEFORE DELETE ON "tag" WHEN {_ACTIVE}'
    f" BEGIN {_DELETED_LABELS} END",
    # -- feeds and folders --
    f'CREATE TRIGGER "sync_feed_added" AFTER INSERT ON "feed" WHEN {_ACTIVE}'
    f" BEGIN {_SUBSCRIBE} END",
    'CREATE TRIGGER "sync_feed_renamed" AFTER UPDATE OF "title" ON "feed"'
    f' WHEN OLD."title" IS NOT NEW."title" AND {_ACTIVE} BEGIN {_TITLE} END',
    'CREATE TRIGGER "sync_feed_moved" AFTER UPDATE OF "folder_id" ON "feed"'
    f' WHEN OLD."folder_id" IS NOT NEW."folder_id" AND {_ACTIVE} BEGIN {_FOLDER} END',
    # A removed feed's server id is kept in the queue: its link row goes with it.
    'CREATE TRIGGER "sync_feed_removed" BEFORE DELETE ON "feed" BEGIN'
    ' DELETE FROM "sync_change" WHERE "entity" = \'feed\' AND "entity_id" = OLD."id";'
    ' INSERT INTO "sync_change" ("entity", "entity_id", "field", "changed_at", "detail")'
    f' SELECT \'feed\', OLD."id", \'unsubscribe\', {_NOW}, "remote_id" FROM "sync_feed"'
    f' WHERE "feed_id" = OLD."id" AND {_ACTIVE}{_UPSERT}; END',
    'CREATE TRIGGER "sync_folder_changed" AFTER UPDATE OF "name", "parent_id" ON "folder"'
    ' WHEN (OLD."name" IS NOT NEW."name" OR OLD."parent_id" IS NOT NEW."parent_id")'
    f" AND {_ACTIVE} BEGIN {_PATH} END",
    # Its feeds go to the top level (and a subfolder's feeds, through its own trigger).
    f'CREATE TRIGGER "sync_folder_removed" BEFORE DELETE ON "folder" WHEN {_ACTIVE} BEGIN'
    f" {_INSERT} SELECT 'feed', \"id\", 'folder', {_NOW} FROM \"feed\""
    f' WHERE "folder_id" = OLD."id"{_UPSERT};'
    ' DELETE FROM "sync_change" WHERE "entity" = \'folder\' AND "entity_id" = OLD."id";'
    " END",
)


def create_sync_tables(db: peewee.SqliteDatabase) -> None:
    """Migration step: sync accounts, links to server ids and the queue of local changes."""
    for statement in SYNC_SCHEMA_SQL:
        db.execute_sql(statement)
