"""Importing every format into a real library: what each keeps, what the report counts per
format, notes without an address, and tags spelled as people wrote them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.transfer import ImportHighlight, ImportItem, ImportKind
from reader.core.types import ArticleFilter, SourceKind
from reader.library import Library
from reader.library.import_items import NO_SUCH_TITLE, SEVERAL_TITLES
from reader.services.importers import parse_items
from tests.services.importers import samples


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _item_count(fmt: str, content: str | bytes, *kinds: ImportKind) -> int:
    data = content.encode() if isinstance(content, str) else content
    return sum(1 for e in parse_items(data, fmt) if isinstance(e, ImportItem) and e.kind in kinds)


@pytest.mark.parametrize("fmt", sorted(samples.SAMPLES))
def test_every_format_imports_once_and_counts_itself(
    fmt: str, library: Library, tmp_path: Path
) -> None:
    name, content = samples.SAMPLES[fmt]
    path = write(tmp_path, name, content)
    expected = _item_count(fmt, content, ImportKind.LINK, ImportKind.NOTE)
    # Articles named by title alone add nothing: into an empty library they are skipped.
    by_title = _item_count(fmt, content, ImportKind.BY_TITLE)
    first = library.import_file(path)
    counts = first.formats[fmt]
    assert counts.added == first.added == expected
    assert counts.found == expected + counts.skipped_total + counts.failed_total
    assert counts.skipped.get(NO_SUCH_TITLE, 0) == by_title
    assert counts.present == 0
    again = library.import_file(path)
    assert again.added == 0 and again.existing == expected
    assert again.formats[fmt].present == expected
    assert library.count_articles() == expected


def test_readwise_highlights_find_the_articles_readers_csv_brought(
    library: Library, tmp_path: Path
) -> None:
    # Readwise's export names articles by title: after Reader's CSV brought them (as links
    # still to fetch), the highlights go to them and wait for their text.
    library.import_file(write(tmp_path, "Reader.csv", samples.READWISE_READER))
    report = library.import_file(write(tmp_path, "readwise.csv", samples.READWISE_HIGHLIGHTS))
    counts = report.formats["readwise-highlights"]
    assert (counts.found, counts.added, counts.present, counts.skipped) == (2, 0, 2, {})
    assert report.highlights_unplaced == 3  # no text yet to place them in
    by_title = {a.title: a.id for a in library.list_articles()}
    started = library.highlights.for_article(by_title["Getting Started"])
    assert [(h.quote, h.note, h.color.value) for h in started] == [
        ("The first step is the hardest", "Start small", "blue"),
        ("A second passage", None, "pink"),
    ]
    assert library.get_article(by_title["Getting Started"]).tags == ("how-to", "how-to's", "reader")
    assert len(library.highlights.for_article(by_title["Google Lens"])) == 1


def test_a_zip_of_readers_csv_and_readwise_highlights_brings_both(
    library: Library, tmp_path: Path
) -> None:
    # The highlights file comes first in the .zip; its titles still find the documents the
    # Reader CSV beside it adds.
    bundle = samples.zipped(
        {"a-highlights.csv": samples.READWISE_HIGHLIGHTS, "b-reader.csv": samples.READWISE_READER}
    )
    report = library.import_file(write(tmp_path, "readwise.zip", bundle))
    assert report.formats["readwise-reader"].added == 4
    highlights = report.formats["readwise-highlights"]
    assert (highlights.present, highlights.skipped) == (2, {})
    assert report.highlights_unplaced == 3
    assert report.as_dict()["highlights"] == {"total": 3, "placed": 0, "unplaced": 3, "waiting": 0}


def test_notes_and_articles_named_by_title_in_one_import(library: Library, tmp_path: Path) -> None:
    # Two kinds of item without an address, meaning two different things: a note is saved as
    # a note; an item named by title goes to the one article of that title the library has,
    # and is never saved as anything.
    garden = library.save(str(write(tmp_path, "Garden.md", "# Garden\n\nSow beans in May.\n")))
    library.save(str(write(tmp_path, "Shopping.md", "# Shopping\n\nBread and tea.\n")))
    items = [
        ImportItem(
            url=None,
            title="Shopping",
            content_html="<p>Milk and eggs.</p>",
            kind=ImportKind.NOTE,
            position="bookmark 1",
        ),
        ImportItem(
            url=None,
            title="garden",
            tags=("beans",),
            highlights=(ImportHighlight("Sow beans"),),
            kind=ImportKind.BY_TITLE,
            position="row 2",
        ),
        ImportItem(
            url=None,
            title="Nothing of that name",
            highlights=(ImportHighlight("lost?"),),
            kind=ImportKind.BY_TITLE,
            position="row 3",
        ),
        # The note just added makes two articles of this title: which one is meant is not
        # known, so neither gets the highlight.
        ImportItem(
            url=None,
            title="Shopping",
            highlights=(ImportHighlight("Bread"),),
            kind=ImportKind.BY_TITLE,
            position="row 4",
        ),
    ]
    report = library.import_items(items, format_name="a test file", format_key="test")
    assert report.added == 1 and report.existing == 1
    counts = report.formats["test"]
    assert (counts.found, counts.added, counts.present) == (4, 1, 1)
    assert counts.skipped == {NO_SUCH_TITLE: 1, SEVERAL_TITLES: 1}
    assert report.problems == [
        "row 3: no article titled 'Nothing of that name' in the library (the file names it by"
        " title only)",
        "row 4: 2 articles are titled 'Shopping' (the file names it by title only)",
    ]
    assert report.highlights_placed == 1
    (highlight,) = library.highlights.for_article(garden.article.id)
    assert highlight.placed and highlight.quote == "Sow beans"
    assert library.get_article(garden.article.id).tags == ("beans",)
    (note_id,) = report.article_ids
    note = library.get_article(note_id)
    assert note.url is None and note.source_kind is SourceKind.TEXT_FILE
    assert note.text == "Milk and eggs."
    assert library.count_articles() == 3
    assert sum(len(library.highlights.for_article(a.id)) for a in library.list_articles()) == 1


def test_import_items_refuse_an_ambiguous_item() -> None:
    with pytest.raises(ValueError, match="kind"):
        ImportItem(url=None, title="x")  # a link without its address
    with pytest.raises(ValueError, match="kind"):
        ImportItem(url="https://x.example/", kind=ImportKind.NOTE)
    with pytest.raises(ValueError, match="title"):
        ImportItem(url=None, kind=ImportKind.BY_TITLE)


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
    assert list(report.formats) == ["zip", "readwise-reader", "feedbin"]
    zip_counts = report.formats["zip"]
    assert (zip_counts.found, zip_counts.added, zip_counts.failed) == (1, 0, {"unreadable": 1})
    readwise = report.formats["readwise-reader"]
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
    assert again.added == 0 and again.formats["readwise-reader"].present == 4


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
    omnivore = library.import_file(write(tmp_path, "omnivore.json", samples.OMNIVORE_JSON))
    raindrop = library.import_file(write(tmp_path, "raindrop.csv", samples.RAINDROP_CSV))
    library.import_file(write(tmp_path, "starred.json", samples.FEEDBIN))
    articles = {a.title: a for a in library.list_articles(ArticleFilter())}
    deep = library.get_article(articles["Deep dive"].id)
    assert deep.archived and deep.read and not deep.starred
    assert deep.author == "Ann Writer" and deep.site_name == "Omni Weekly"
    assert deep.summary == "All about depth"
    assert deep.tags == ("deep", "Newsletter")
    # The article's note is its own; its highlights are highlights, placed in the text the
    # export carried (with their note, colour and date), or kept with their quote.
    assert deep.note == "Read again in spring"
    assert [
        (h.quote, h.placed, h.note, h.color.value) for h in library.highlights.for_article(deep.id)
    ] == [("The key point", True, "Agreed", "green"), ("Not in the text", False, None, "yellow")]
    assert (omnivore.highlights_placed, omnivore.highlights_unplaced) == (1, 1)
    assert deep.published is not None and deep.published.year == 2024
    assert deep.added.isoformat().startswith("2024-03-01T10:00")
    assert deep.content_html is not None and "whole" in deep.content_html
    yahoo = library.get_article(articles["Yahoo"].id)
    assert yahoo.starred and yahoo.tags == ("Folder/Nested folder", "Work")
    # A link still to fetch: its highlights wait for its text.
    assert yahoo.note is None
    assert [(h.quote, h.note, h.placed) for h in library.highlights.for_article(yahoo.id)] == [
        ("First quote", "Why it matters", False),
        ("Second quote", None, False),
    ]
    assert raindrop.highlights_waiting == 2
    google = library.get_article(articles["Google"].id)
    assert google.note == "My own note" and google.summary == "Search engine"
    runtime = library.get_article(articles["Objective-C Runtime Releases"].id)
    assert runtime.starred and not runtime.read
    assert runtime.text is not None and "released the" in runtime.text
    # Links without their text wait to be fetched: "Half read", Google, Yahoo, and Feedbin's
    # entry that came without content.
    assert library.count_pending() == 4
