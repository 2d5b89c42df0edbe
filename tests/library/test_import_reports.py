"""Importing every format into a real library: what each keeps, what the report counts per
format, notes without an address, and tags spelled as people wrote them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.transfer import ImportItem
from reader.core.types import ArticleFilter, SourceKind
from reader.library import Library
from reader.services.importers import parse_items
from tests.services.importers import samples


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _item_count(fmt: str, content: str | bytes) -> int:
    data = content.encode() if isinstance(content, str) else content
    return sum(1 for e in parse_items(data, fmt) if isinstance(e, ImportItem))


@pytest.mark.parametrize("fmt", sorted(samples.SAMPLES))
def test_every_format_imports_once_and_counts_itself(
    fmt: str, library: Library, tmp_path: Path
) -> None:
    name, content = samples.SAMPLES[fmt]
    path = write(tmp_path, name, content)
    expected = _item_count(fmt, content)
    first = library.import_file(path)
    counts = first.formats[fmt]
    assert counts.added == first.added == expected
    assert counts.found == expected + counts.skipped_total + counts.failed_total
    assert counts.present == 0
    again = library.import_file(path)
    assert again.added == 0 and again.existing == expected
    assert again.formats[fmt].present == expected
    assert library.count_articles() == expected


def test_report_per_format_with_reasons(library: Library, tmp_path: Path) -> None:
    pocket = (
        "title,url,time_added,tags,status\n"
        "A,https://r.example/a,1,,unread\n"
        "A again,https://r.example/a#top,2,,unread\n"
        ",,3,,unread\n"
        ",,4,,unread\n"
        "F,ftp://r.example/f,5,,unread\n"
    )
    library.import_file(write(tmp_path, "first.csv", "title,url,time_added,tags,status\n"))
    report = library.import_file(write(tmp_path, "pocket.csv", pocket))
    (counts,) = report.formats.values()
    assert (counts.found, counts.added, counts.present) == (5, 1, 1)
    assert counts.skipped == {"no web address": 2, "not a web address": 1}
    assert counts.failed == {}
    assert report.format_lines() == [
        "Pocket CSV export: 5 found, 1 added, 1 already present,"
        " 3 skipped (no web address: 2; not a web address: 1), 0 failed"
    ]
    data = report.as_dict()
    assert data["formats"]["pocket"]["skipped"] == {
        "total": 3,
        "reasons": {"no web address": 2, "not a web address": 1},
    }
    assert data["added"] == 1 and data["already_present"] == 1 and data["skipped"] == 3
    json.dumps(data)  # one JSON object, as it is


def test_entries_that_cannot_be_read_count_as_failed(library: Library, tmp_path: Path) -> None:
    bookmarks = [
        {"url": "https://d.example/1", "created": "1", "owner": "o"},
        "not a bookmark",
        ["nor", "this"],
        {"url": "", "created": "1", "owner": "o"},
    ]
    report = library.import_file(write(tmp_path, "delicious.json", json.dumps(bookmarks)))
    counts = report.formats["delicious"]
    assert (counts.found, counts.added, counts.present) == (4, 1, 0)
    assert counts.failed == {"unreadable": 2} and counts.skipped == {"no web address": 1}
    assert report.format_lines() == [
        "Delicious JSON export: 4 found, 1 added, 0 already present,"
        " 1 skipped (no web address: 1), 2 failed (unreadable: 2)"
    ]
    assert report.as_dict()["failed"] == 2


def test_zip_of_exports_reports_each_format(library: Library, tmp_path: Path) -> None:
    report = library.import_file(write(tmp_path, "exports.zip", samples.BUNDLE))
    assert list(report.formats) == ["zip", "readwise", "feedbin"]
    zip_counts = report.formats["zip"]
    assert (zip_counts.found, zip_counts.added, zip_counts.failed) == (1, 0, {"unreadable": 1})
    readwise = report.formats["readwise"]
    assert (readwise.found, readwise.added, readwise.skipped) == (5, 4, {"no web address": 1})
    assert report.formats["feedbin"].added == 2
    assert report.added == 6
    lines = report.format_lines()
    assert lines[0].startswith("Readwise Reader CSV export: 5 found, 4 added")
    assert lines[1].startswith("Feedbin starred entries export: 2 found, 2 added")
    assert lines[2] == (
        ".zip of exports: 1 found, 0 added, 0 already present, 0 skipped, 1 failed (unreadable: 1)"
    )
    again = library.import_file(write(tmp_path, "exports.zip", samples.BUNDLE))
    assert again.added == 0 and again.formats["readwise"].present == 4


def test_shaarli_notes_become_saved_notes(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "shaarli.html", samples.NETSCAPE)
    report = library.import_file(path)
    assert report.added == 4 and report.pending == 2
    notes = [a for a in library.list_articles() if a.url is None]
    assert sorted(n.title for n in notes) == ["A thought", "Shopping"]
    shopping = library.get_article(next(n.id for n in notes if n.title == "Shopping"))
    assert shopping.source_kind is SourceKind.TEXT_FILE
    assert shopping.text is not None and "Milk & eggs." in shopping.text
    assert shopping.tags == ("notes",)
    assert [a.id for a in library.search("eggs")] == [shopping.id]
    assert report.formats["bookmarks"].skipped == {"a browser's own page": 2}
    # Notes are known again by their text: importing twice adds nothing.
    again = library.import_file(path)
    assert again.added == 0 and again.existing == 4
    assert library.count_pending() == 2  # the two links, not the notes


def test_a_note_without_a_title_is_named_by_its_text(library: Library, tmp_path: Path) -> None:
    data = '<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><A HREF="?zz9Abc"></A><DD>Call Anna back'
    library.import_file(write(tmp_path, "note.html", data))
    (note,) = library.list_articles()
    assert note.title == "Call Anna back"


def test_tags_take_the_librarys_spelling_or_the_first_seen(
    library: Library, tmp_path: Path
) -> None:
    library.import_file(
        write(
            tmp_path,
            "one.csv",
            "title,url,time_added,tags,status\nA,https://t.example/a,1,python|über,unread\n",
        )
    )
    pocket = (
        "title,url,time_added,tags,status\n"
        "B,https://t.example/b,1,Python|Go|ÜBER,unread\n"
        "C,https://t.example/c,1,go|GO|Straße,unread\n"
        "D,https://t.example/d,1,STRASSE,unread\n"
    )
    library.import_file(write(tmp_path, "two.csv", pocket))
    assert [t.name for t in library.list_tags()] == ["Go", "python", "Straße", "über"]
    by_title = {a.title: a for a in library.list_articles()}
    assert by_title["B"].tags == ("Go", "python", "über")
    assert by_title["C"].tags == ("Go", "Straße")
    assert by_title["D"].tags == ("Straße",)
    totals = {t.name: t.total for t in library.list_tags()}
    assert totals == {"Go": 2, "python": 2, "Straße": 2, "über": 2}


def test_existing_article_gains_tags_in_the_librarys_spelling(
    library: Library, tmp_path: Path
) -> None:
    library.import_file(write(tmp_path, "a.csv", samples.POCKET))  # python|reading
    data = (
        "<!DOCTYPE NETSCAPE-Bookmark-file-1><DL>"
        '<DT><A HREF="https://pk.example/one" TAGS="Python Later">x</A>'
    )
    report = library.import_file(write(tmp_path, "b.html", data))
    assert report.existing == 1
    (article,) = library.list_articles()
    assert article.tags == ("Later", "python", "reading")


def test_imported_fields_are_kept(library: Library, tmp_path: Path) -> None:
    library.import_file(write(tmp_path, "omnivore.json", samples.OMNIVORE_JSON))
    library.import_file(write(tmp_path, "raindrop.csv", samples.RAINDROP_CSV))
    library.import_file(write(tmp_path, "starred.json", samples.FEEDBIN))
    articles = {a.title: a for a in library.list_articles(ArticleFilter())}
    deep = library.get_article(articles["Deep dive"].id)
    assert deep.archived and deep.read and not deep.starred
    assert deep.author == "Ann Writer" and deep.site_name == "Omni Weekly"
    assert deep.summary == "All about depth"
    assert deep.tags == ("deep", "Newsletter")
    assert deep.note is not None
    assert deep.note.startswith("Read again in spring")
    assert "> The key point" in deep.note and "> Agreed" in deep.note
    assert deep.published is not None and deep.published.year == 2024
    assert deep.added.isoformat().startswith("2024-03-01T10:00")
    assert deep.content_html is not None and "whole" in deep.content_html
    yahoo = library.get_article(articles["Yahoo"].id)
    assert yahoo.starred and yahoo.tags == ("Folder/Nested folder", "Work")
    assert yahoo.note is not None and "> First quote" in yahoo.note
    google = library.get_article(articles["Google"].id)
    assert google.note == "My own note" and google.summary == "Search engine"
    runtime = library.get_article(articles["Objective-C Runtime Releases"].id)
    assert runtime.starred and not runtime.read
    assert runtime.text is not None and "released the" in runtime.text
    # Links without their text wait to be fetched: "Half read", Google, Yahoo, and Feedbin's
    # entry that came without content.
    assert library.count_pending() == 4
