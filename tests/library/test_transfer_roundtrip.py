"""The Folio JSON export is lossless: an empty library that imports it is the same library."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.core.highlights import HighlightColor, NewHighlight, TextAnchor
from reader.core.types import ArticleInput, Enclosure, KeptSource, SourceKind
from reader.core.updates import FeedUpdate
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from reader.store import highlights as store_highlights
from reader.store import models as m
from reader.store import sources as store_sources
from reader.store import tags as store_tags
from reader.store.settings import set_setting

WHEN = datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b6fd550000000049454e44ae426082"
)


def fill(library: Library) -> None:
    """A small library with one of everything the export must carry."""

    def write() -> None:
        tech = store_feeds.ensure_folder("News/Tech")
        store_feeds.ensure_folder("Empty folder")
        feed_id = store_feeds.add_feed(
            "https://feeds.example/tech.xml",
            title="Tech news",
            site_url="https://feeds.example/",
            folder_id=tech,
            now=WHEN,
        )
        store_feeds.update_feed(
            feed_id,
            FeedUpdate(
                etag='"abc"',
                last_modified="Tue, 04 Mar 2025 05:06:07 GMT",
                fetch_full_text=True,
                error_count=2,
                last_error="timed out",
                next_fetch=WHEN + timedelta(hours=1),
            ),
        )
        store_feeds.set_feed_tags(feed_id, ["tech", "daily"])
        m.FeedIcon.create(feed=feed_id, mime="image/png", data=PNG, fetched=WHEN)
        other = store_feeds.add_feed("https://other.example/feed", title="Other", now=WHEN)
        store_feeds.update_feed(other, FeedUpdate(disabled=True))
        entry = ArticleInput(
            title="Feed entry",
            source_kind=SourceKind.FEED,
            url="https://feeds.example/1",
            guid="tag:feeds.example,2025:1",
            author="Reporter",
            published=WHEN,
            updated=WHEN + timedelta(minutes=3),
            summary="Summary",
            content_html="<p>Entry body</p>",
            text="Entry body",
            word_count=2,
            enclosures=(Enclosure("https://feeds.example/a.mp3", "audio/mpeg", 1234),),
        )
        store_articles.insert_article(
            entry, now=WHEN, feed_id=feed_id, entry_key="guid:1", tags=["daily"], read=True
        )
        sha = hashlib.sha256(PNG).hexdigest()
        image = m.Image.create(sha256=sha, mime="image/png", data=PNG, size=len(PNG), fetched=WHEN)
        saved = ArticleInput(
            title="Saved page",
            source_kind=SourceKind.URL,
            url="https://site.example/page",
            canonical_url="https://site.example/page",
            language="en",
            site_name="Site",
            image_url="https://site.example/p.png",
            content_html=f'<p>Saved body</p><img src="folio-image:{sha}" alt="dot">',
            text="Saved body",
            word_count=2,
        )
        saved_id = store_articles.insert_article(
            saved, now=WHEN, tags=["Research", "to read"], starred=True, archived=True
        )
        m.ArticleImage.create(article=saved_id, url=f"folio-image:{sha}", image=image)
        store_articles.set_note(saved_id, "My note\nwith two lines")
        # Highlights: one placed in the text with a colour and a note, one that could not
        # be placed (its passage went in an earlier re-extraction).
        store_highlights.add_highlights(
            saved_id,
            [
                NewHighlight(
                    TextAnchor("body"), color=HighlightColor.GREEN, note="why", created=WHEN
                ),
                NewHighlight(
                    TextAnchor("a passage no longer there", prefix="Saved ", start=6, end=30),
                    created=WHEN - timedelta(days=1),
                    updated=WHEN,
                ),
            ],
            now=WHEN,
        )
        page = b"<html><body><p>Saved body</p></body></html>"
        store_sources.keep_source(
            saved_id,
            KeptSource(page, "https://site.example/page", url="https://site.example/page",
                       charset="utf-8", content_type="text/html"),
            now=WHEN,
        )  # fmt: skip
        text_file = ArticleInput(
            title="Notes from a text file",
            source_kind=SourceKind.TEXT_FILE,
            content_html="<p>Plain words</p>",
            text="Plain words",
            word_count=2,
        )
        store_articles.insert_article(text_file, now=WHEN + timedelta(days=1))
        # A gap in the ids, as deleting leaves.
        gone = store_articles.insert_article(
            ArticleInput(title="Deleted", source_kind=SourceKind.TEXT_FILE), now=WHEN
        )
        store_articles.delete_articles([gone])
        store_articles.insert_article(
            ArticleInput(
                title="https://later.example/x",
                source_kind=SourceKind.URL,
                url="https://later.example/x",
            ),
            now=WHEN,
            fetch_status="pending",
        )
        store_tags.set_tag_color("Research", "#ff8800")
        store_tags.get_or_create_tag("unused tag")
        m.SavedSearch.create(name="Research unread", query="tag:Research is:unread", position=1)
        m.Rule.create(query="site:feeds.example", action="tag", argument="tech", position=0)
        m.Rule.create(query="title:ads", action="read", enabled=False, position=1)
        set_setting("retention_days", 30)
        set_setting("theme", {"name": "sepia", "size": 18})

    library.writer.run(write)


def snapshot(library: Library) -> dict[str, Any]:
    """Every row of every table (and of the search index), as plain values."""
    db = m.database_proxy.obj
    tables = [
        "folder",
        "feed",
        "feed_icon",
        "article",
        "article_content",
        "article_source",
        "tag",
        "article_tag",
        "feed_tag",
        "image",
        "article_image",
        "highlight",
        "setting",
        "saved_search",
        "rule",
    ]
    result: dict[str, Any] = {}
    for table in tables:
        cursor = db.execute_sql(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        result[table] = sorted(
            (dict(zip(names, row, strict=True)) for row in cursor.fetchall()), key=repr
        )
    cursor = db.execute_sql("SELECT rowid, title, author, text, tags FROM article_search")
    result["article_search"] = sorted(cursor.fetchall())
    # Word forms for stemmed search, where the library keeps them.
    has_terms = db.execute_sql(
        "SELECT count(*) FROM sqlite_master WHERE name = 'search_term'"
    ).fetchone()[0]
    if has_terms:
        result["search_term"] = sorted(db.execute_sql("SELECT * FROM search_term").fetchall())
    return result


def test_folio_json_round_trip_reproduces_the_library(tmp_path: Path) -> None:
    source = Library(tmp_path / "source.sqlite")
    try:
        fill(source)
        expected = snapshot(source)
        assert [(h["exact"], h["placed"]) for h in expected["highlight"]] == [
            ("body", 1),
            ("a passage no longer there", 0),
        ]
        exported = tmp_path / "library.json"
        count = source.export_file(exported)
        assert count == 4
    finally:
        source.close()
    target = Library(tmp_path / "target.sqlite")
    try:
        report = target.import_file(exported)
        assert report.problems == []
        assert report.added == 4 and report.feeds_added == 2
        assert (report.highlights_placed, report.highlights_unplaced) == (1, 1)
        actual = snapshot(target)
        # Word forms are a cache that only grows (the deleted article's stay in the source);
        # the copy holds those of the articles it has.
        expected_terms = expected.pop("search_term", [])
        actual_terms = actual.pop("search_term", [])
        assert set(actual_terms) <= set(expected_terms)
        assert bool(actual_terms) == bool(expected_terms)
        for table, rows in expected.items():
            assert actual[table] == rows, table
        # Exporting the copy gives the same document, but for the time of the export.
        again = tmp_path / "again.json"
        target.export_file(again)
        first = json.loads(exported.read_text(encoding="utf-8"))
        second = json.loads(again.read_text(encoding="utf-8"))
        first.pop("exported")
        second.pop("exported")
        assert first == second
    finally:
        target.close()


def test_folio_json_import_twice_and_into_a_used_library_merges(tmp_path: Path) -> None:
    source = Library(tmp_path / "source.sqlite")
    try:
        fill(source)
        exported = tmp_path / "library.json"
        source.export_file(exported)
    finally:
        source.close()
    target = Library(tmp_path / "target.sqlite")
    try:
        target.add_feed("https://mine.example/feed.xml", folder="News")
        first = target.import_file(exported)
        assert first.added == 4
        assert first.feeds_added == 2
        feeds = {f.url: f for f in target.list_feeds()}
        assert feeds["https://feeds.example/tech.xml"].folder == "News/Tech"
        assert feeds["https://feeds.example/tech.xml"].tags == ("daily", "tech")
        assert feeds["https://feeds.example/tech.xml"].fetch_full_text
        assert [f.name for f in target.list_folders()].count("News") == 1
        colours = {t.name: t.color for t in target.list_tags()}
        assert colours["Research"] == "#ff8800"
        before = snapshot(target)
        second = target.import_file(exported)
        assert second.added == 0 and second.existing == 4
        assert snapshot(target) == before
    finally:
        target.close()


def test_query_selects_what_a_folio_export_holds(tmp_path: Path) -> None:
    source = Library(tmp_path / "source.sqlite")
    try:
        fill(source)
        exported = tmp_path / "some.json"
        count = source.export_file(exported, query="marmalade")
        assert count == 0
        count = source.export_file(tmp_path / "saved.json", query="saved body")
        assert count == 1
        document = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
        assert [a["title"] for a in document["articles"]] == ["Saved page"]
        assert len(document["images"]) == 1
        assert len(document["feeds"]) == 2
    finally:
        source.close()


def test_every_table_is_carried_by_the_export() -> None:
    """A table added to the models must be added to the Folio export too, or it is lost."""
    from reader.store.transfer import TABLES

    carried = {model._meta.table_name for model in TABLES.values()}
    # Rows written as parts of their articles and feeds.
    carried |= {
        "article_content",
        "article_tag",
        "feed_tag",
        "article_image",
        "article_source",
        "highlight",
    }
    assert {model._meta.table_name for model in m.MODELS} == carried
