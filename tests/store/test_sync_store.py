"""The queue of local changes, filled by triggers, and the migration that adds sync."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from reader.core import sync as model
from reader.library import Library
from reader.store.sync import SyncStore
from tests.factories import add_articles
from tests.store.test_database import DATA, _schema

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def rows(library: Library) -> set[tuple[str, int, str]]:
    return {(c.entity.value, c.entity_id, c.field) for c in SyncStore().pending()}


def with_account(library: Library) -> int:
    return library.writer.run(
        lambda: SyncStore().add_account(
            url="https://rss.example", username="u", secret="file", now=NOW
        )
    )


def feed_article(library: Library, feed_id: int) -> int:
    ids = add_articles(library, 1)
    library.writer.run(
        lambda: library.writer.database.execute_sql(
            'UPDATE "article" SET "feed_id" = ? WHERE "id" = ?', (feed_id, ids[0])
        )
    )
    return ids[0]


def test_nothing_is_queued_without_an_account(library: Library) -> None:
    feed = library.add_feed("https://a.example/feed")
    article = feed_article(library, feed.id)
    library.mark([article], read=True)
    assert rows(library) == set()


def test_every_kind_of_change_is_queued_once_per_field(library: Library) -> None:
    with_account(library)
    feed = library.add_feed("https://a.example/feed", folder="News")
    article = feed_article(library, feed.id)
    library.mark([article], read=True)
    library.mark([article], read=False)
    library.mark([article], starred=True)
    library.add_tags(article, ["energy"])
    library.set_feed_options(feed.id, title="A", folder="Elsewhere")
    assert rows(library) == {
        ("feed", feed.id, "subscribe"),
        ("feed", feed.id, "title"),
        ("feed", feed.id, "folder"),
        ("article", article, "read"),
        ("article", article, "starred"),
        ("article", article, "label:energy"),
    }
    # A later change of the same field moves its time; it does not add a row.
    first = {c.field: c.changed_at for c in SyncStore().pending(model.Entity.ARTICLE)}
    library.mark([article], read=True)
    again = {c.field: c.changed_at for c in SyncStore().pending(model.Entity.ARTICLE)}
    assert len(SyncStore().pending(model.Entity.ARTICLE)) == 3
    assert again["read"] >= first["read"]


def test_renamed_and_deleted_tags_queue_both_labels(library: Library) -> None:
    with_account(library)
    feed = library.add_feed("https://a.example/feed")
    article = feed_article(library, feed.id)
    library.add_tags(article, ["old"])
    library.rename_tag("old", "new")
    assert {f for _, _, f in rows(library) if f.startswith("label:")} == {"label:old", "label:new"}
    library.delete_tag("new")
    assert ("article", article, "label:new") in rows(library)


def test_saved_articles_are_never_queued(library: Library) -> None:
    with_account(library)
    saved = add_articles(library, 1)[0]
    library.mark([saved], read=True, starred=True)
    library.add_tags(saved, ["mine"])
    assert rows(library) == set()


def test_the_servers_own_changes_are_not_queued(library: Library) -> None:
    account = with_account(library)
    feed = library.add_feed("https://a.example/feed")
    article = feed_article(library, feed.id)
    store = SyncStore()

    def apply_from_the_server() -> None:
        store.acknowledge(store.pending())
        store.set_applying(account, True)
        store.set_flags([article], now=NOW, read=True)
        store.change_tags({article: ["theirs"]}, {})
        store.set_applying(account, False)

    library.writer.run(apply_from_the_server)
    assert rows(library) == set()
    library.mark([article], starred=True)
    assert rows(library) == {("article", article, "starred")}


def test_a_removed_feed_leaves_its_server_id_in_the_queue(library: Library) -> None:
    account = with_account(library)
    feed = library.add_feed("https://a.example/feed")
    store = SyncStore()

    def link() -> None:
        store.link_feed(account, model.FeedLink(feed.id, "feed/42", "", "", None, "All"))
        store.acknowledge(store.pending())

    library.writer.run(link)
    library.remove_feed(feed.id)
    [change] = store.pending()
    assert (change.field, change.detail) == ("unsubscribe", "feed/42")
    assert store.links(account) == []


def test_a_deleted_article_leaves_a_tombstone_and_no_queue_rows(library: Library) -> None:
    account = with_account(library)
    feed = library.add_feed("https://a.example/feed")
    article = feed_article(library, feed.id)
    store = SyncStore()
    library.writer.run(lambda: store.save_items(account, {77: (article, False, False, None)}))
    library.mark([article], read=True)
    library.delete_articles([article])
    assert ("article", article, "read") not in rows(library)
    assert store.known_items(account)[77].article_id is None


def test_a_row_changed_again_during_a_sync_survives_the_acknowledgement(
    library: Library,
) -> None:
    with_account(library)
    feed = library.add_feed("https://a.example/feed")
    article = feed_article(library, feed.id)
    library.mark([article], read=True)
    store = SyncStore()
    sent = store.pending(model.Entity.ARTICLE)
    library.writer.run(
        lambda: library.writer.database.execute_sql(
            'UPDATE "sync_change" SET "changed_at" = "changed_at" + 1000 WHERE "entity" = ?',
            ("article",),
        )
    )
    library.writer.run(lambda: store.acknowledge(sent))
    assert ("article", article, "read") in rows(library)


def test_removing_the_account_empties_the_queue_and_the_links(library: Library) -> None:
    account = with_account(library)
    library.add_feed("https://a.example/feed")
    store = SyncStore()

    def save_then_remove() -> None:
        store.save_items(account, {1: (None, True, False, None)})
        store.remove_account(account)

    library.writer.run(save_then_remove)
    assert store.pending() == [] and store.account() is None
    count = library.writer.database.execute_sql('SELECT count(*) FROM "sync_item"').fetchone()[0]
    assert count == 0


def test_a_version_7_library_is_migrated_and_keeps_its_articles(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(old))
    con.executescript((DATA / "schema_v7.sql").read_text())
    con.execute(
        "INSERT INTO feed (id, url, title, position, added, error_count, disabled,"
        " fetch_full_text) VALUES (1, 'https://a.example/feed', 'A', 0, 1, 0, 0, 0)"
    )
    con.execute(
        "INSERT INTO article (id, feed_id, source_kind, title, added, sort_date, word_count,"
        " read, starred, archived, fetch_status) VALUES (5, 1, 'feed', 'Kept', 1, 1, 1, 0, 0,"
        " 0, 'ok')"
    )
    con.commit()
    con.close()
    with Library(old) as lib:
        assert lib.get_article(5).title == "Kept"
        # The triggers work on a migrated library too.
        lib.writer.run(
            lambda: SyncStore().add_account(
                url="https://rss.example", username="u", secret="file", now=NOW
            )
        )
        lib.mark([5], read=True)
        assert rows(lib) == {("article", 5, "read")}
    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(old) == _schema(fresh)
    con = sqlite3.connect(str(old))
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    con.close()
    assert "sync_article_read" in triggers
