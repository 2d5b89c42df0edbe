"""A failing import changes nothing: damaged files are refused before anything is written, a
failure half-way takes out what was written, and only a stopped import leaves part of a file
in, saying which part, for the next run to complete."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from reader.core.errors import ImportFormatError
from reader.core.types import ArticleFilter
from reader.library import Library
from reader.store import models as m


def folio_export(count: int, *, tagged: str = "imported") -> dict[str, Any]:
    """A Folio export of ``count`` saved articles with text, a folder, a feed and a search."""
    articles = [
        {
            "id": n + 1,
            "source_kind": "url",
            "url": f"https://imported.example/{n}",
            "canonical_url": f"https://imported.example/{n}",
            "title": f"Imported {n}",
            "added": f"2024-01-{n % 28 + 1:02d}T10:00:00+00:00",
            "language": "en",
            "html": f"<p>Paragraph {n} about orchards and rivers.</p>",
            "text": f"Paragraph {n} about orchards and rivers.",
            "tags": [tagged],
        }
        for n in range(count)
    ]
    return {
        "format": "folio-library",
        "version": 1,
        "folders": [{"id": 1, "name": "Imported folder", "parent_id": None, "position": 0}],
        "tags": [{"id": 1, "name": tagged, "color": "#336699"}],
        "feeds": [
            {"id": 1, "url": "https://feeds.example/imported.xml", "title": "F", "folder_id": 1}
        ],
        "articles": articles,
        "saved_searches": [{"id": 1, "name": "Orchards", "query": "orchard", "position": 0}],
        "rules": [],
        "settings": [{"key": "retention_days", "value": 14}],
    }


def write_json(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def snapshot(library: Library) -> dict[str, Any]:
    """Everything an import could touch, as plain values."""
    return {
        "articles": sorted((a.id, a.title, a.tags) for a in library.list_articles(limit=10_000)),
        "tags": sorted((t.name, t.color) for t in library.list_tags()),
        "folders": library.folder_paths(),
        "feeds": sorted(f.url for f in library.list_feeds()),
        "searches": [s.name for s in library.list_saved_searches(counts=False)],
        "settings": sorted((s.key, s.value) for s in m.Setting.select()),
        "images": m.Image.select().count(),
        "index": library.count_search("orchards"),
    }


def a_used_library(library: Library, tmp_path: Path) -> None:
    """A library with an article, a tag with a colour and a setting of its own."""
    page = tmp_path / "mine.md"
    page.write_text("# My own\n\nNotes of my own about the orchards in spring, kept.")
    saved = library.save(str(page), tags=["mine"])
    library.set_tag_color("mine", "#aa0000")
    library.set_retention(7)
    assert saved.created


def test_a_folio_export_damaged_at_article_701_changes_nothing(
    library: Library, tmp_path: Path
) -> None:
    a_used_library(library, tmp_path)
    before = snapshot(library)
    document = folio_export(900)
    document["articles"][700]["word_count"] = "many"
    path = write_json(tmp_path, "damaged.json", document)
    with pytest.raises(ImportFormatError, match="article 701") as raised:
        library.import_file(path)
    assert "nothing was imported" in str(raised.value)
    assert snapshot(library) == before


@pytest.mark.parametrize(
    ("section", "index", "damage", "where"),
    [
        ("articles", 400, {"feed_id": "the first"}, "article 401"),
        ("articles", 2, {"id": 1}, "article 3"),
        ("articles", 10, {"tags": "not a list"}, "article 11"),
        ("feeds", 0, {"id": None}, "feed 1"),
        ("folders", 0, {"parent_id": "up"}, "folder 1"),
        ("folders", 0, {"parent_id": 9}, "folder 1"),
        ("tags", 1, {"id": 1, "name": "again"}, "tag 2"),
        ("tags", 0, {"name": "   "}, "tag 1"),
    ],
)
def test_damage_anywhere_in_a_folio_export_is_found_before_writing(
    library: Library,
    tmp_path: Path,
    section: str,
    index: int,
    damage: dict[str, Any],
    where: str,
) -> None:
    document = folio_export(450)
    rows = document[section]
    if index == len(rows):
        rows.append({})  # a row of its own
    rows[index].update(damage)
    with pytest.raises(ImportFormatError, match=where):
        library.import_file(write_json(tmp_path, "damaged.json", document))
    assert library.is_empty()
    assert library.list_tags() == []


def test_an_opml_nested_ten_thousand_deep_changes_nothing(library: Library, tmp_path: Path) -> None:
    depth = 10_000
    outlines = "".join(f'<outline text="Level {n}">' for n in range(depth))
    feed = '<outline type="rss" text="Deep" xmlUrl="https://deep.example/feed.xml"/>'
    document = (
        '<?xml version="1.0"?><opml version="2.0"><head><title>Deep</title></head><body>'
        + outlines
        + feed
        + "</outline>" * depth
        + "</body></opml>"
    )
    path = tmp_path / "deep.opml"
    path.write_text(document)
    with pytest.raises(ImportFormatError, match="deep"):
        library.import_file(path)
    assert library.list_folders() == []
    assert library.list_feeds() == []


def test_an_opml_import_says_which_folders_it_made(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "subs.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="News"><outline text="Tech">'
        '<outline type="rss" text="A" xmlUrl="https://a.example/feed"/>'
        "</outline></outline>"
        '<outline text="Empty"/>'
        "</body></opml>"
    )
    report = library.import_file(path)
    assert (report.feeds_added, report.folders_added) == (1, 3)
    assert "1 feed subscribed; 3 folders created" in report.summary()


def _fill_up_after(library: Library, pages: int) -> None:
    """Let the library file grow by only ``pages`` more pages: SQLite then refuses writes as
    a full disk would ("database or disk is full")."""
    db = library.writer.database

    def limit() -> None:
        count = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {count + pages}")

    library.writer.call(limit)


def test_a_folio_import_that_fails_half_way_is_taken_out_again(
    library: Library, tmp_path: Path
) -> None:
    a_used_library(library, tmp_path)
    before = snapshot(library)
    path = write_json(tmp_path, "big.json", folio_export(2000))
    written: list[int] = []
    _fill_up_after(library, 60)
    with pytest.raises(Exception, match="full"):
        library.import_file(path, progress=lambda done, total: written.append(done))
    # It had stored some articles before the disk filled up.
    assert max(written) > 0
    assert snapshot(library) == before


def test_a_failed_link_import_leaves_what_the_user_did_meanwhile(
    library: Library, tmp_path: Path
) -> None:
    a_used_library(library, tmp_path)
    (mine,) = library.list_articles()
    rows = "".join(
        f"T{i},https://links.example/{i},1700000000,fresh|mine,unread\n" for i in range(3000)
    )
    path = tmp_path / "links.csv"
    path.write_text("title,url,time_added,tags,status\n" + rows)

    def meanwhile(done: int, total: int) -> None:
        # The user tags their own article with a tag the import has just created.
        if done and library.get_article(mine.id).tags != ("fresh", "mine"):
            library.add_tags(mine.id, ["fresh"])

    _fill_up_after(library, 40)
    with pytest.raises(Exception, match="full"):
        library.import_file(path, progress=meanwhile)
    assert [a.id for a in library.list_articles()] == [mine.id]
    assert library.get_article(mine.id).tags == ("fresh", "mine")
    assert {t.name for t in library.list_tags()} == {"fresh", "mine"}


def test_a_stopped_import_says_which_items_came_in_and_a_rerun_completes_it(
    library: Library, tmp_path: Path
) -> None:
    path = write_json(tmp_path, "export.json", folio_export(700))
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 400:
            cancel.set()

    report = library.import_file(path, progress=progress, cancel=cancel)
    assert report.cancelled
    assert (report.done, report.total) == (400, 700)
    assert report.added == 400
    came_in = {a.title for a in library.list_articles(limit=1000)}
    assert came_in == {f"Imported {n}" for n in range(400)}
    assert "the file's first 400 of 700 items came in; import it again" in report.summary()
    again = library.import_file(path)
    assert not again.cancelled
    assert (again.added, again.existing) == (300, 400)
    titles = [a.title for a in library.list_articles(limit=1000)]
    assert sorted(titles) == sorted(f"Imported {n}" for n in range(700))
    # What is loaded after the articles came with the second run.
    assert [s.name for s in library.list_saved_searches(counts=False)] == ["Orchards"]
    assert library.count_articles(ArticleFilter(tag="imported")) == 700
