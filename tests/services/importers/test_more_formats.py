"""The formats read since wallabag 1.x, Omnivore's JSON, Delicious, Readability, elCurator,
Readwise Reader, Raindrop.io and Feedbin came in: each field each format carries, from files
written here (see samples.py), odd cases included."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from reader.core.errors import ImportFormatError
from reader.core.import_counts import FAILED, SKIPPED
from reader.core.transfer import ImportHighlight, ImportItem, ImportKind, ImportProblem
from reader.services.importers import parse_items
from reader.services.importers.raindrop import highlights as raindrop_highlights
from reader.services.importers.readwise_reader import document_tags
from tests.services.importers import samples


def split(fmt: str, content: str | bytes) -> tuple[list[ImportItem], list[ImportProblem]]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    items: list[ImportItem] = []
    problems: list[ImportProblem] = []
    for entry in parse_items(data, fmt):
        if isinstance(entry, ImportItem):
            items.append(entry)
        else:
            problems.append(entry)
    return items, problems


def when(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_wallabag_v1_fields() -> None:
    items, problems = split("wallabag-v1", samples.WALLABAG_V1)
    features, finished, failed = items
    assert features.url == "https://wb1.example/features/"
    assert features.title == "Features"
    assert features.content_html == "<p>Here are <b>some features</b>.</p>"
    assert features.tags == ("reading", "Tools")  # one text, split at commas
    assert features.starred and not features.read and not features.archived
    assert finished.read and finished.archived and not finished.starred  # flags as numbers
    assert finished.tags == ()
    # A page wallabag 1.x could not fetch: its placeholder title and text are not kept.
    assert failed.title == "" and failed.content_html is None
    assert all(i.added is None for i in items)  # version 1 kept no dates
    assert [(p.position, p.reason) for p in problems] == [("entry 4", "no web address")]


def test_omnivore_json_fields() -> None:
    items, problems = split("omnivore", samples.OMNIVORE_JSON)
    deep, half = items
    assert deep.title == "Deep dive"
    assert deep.added == when(2024, 3, 1, 10, 0)
    assert deep.published == when(2024, 2, 28, 8, 0)
    assert deep.updated == when(2024, 3, 2, 10, 0)
    assert deep.author == "Ann Writer"
    assert deep.tags == ("Newsletter", "deep")
    assert deep.archived and deep.read
    assert deep.content_html == "<p>The key point is the <em>whole</em> article.</p>"
    assert deep.summary == "All about depth"
    # Highlights keep their note, colour and date; the NOTE is the article's note.
    assert deep.highlights == (
        ImportHighlight(
            "The key point", note="Agreed", color="green", created=when(2024, 3, 1, 11, 0)
        ),
        ImportHighlight("Not in the text"),
    )
    assert deep.note == "Read again in spring"
    assert deep.site_name == "Omni Weekly"
    assert deep.image_url == "https://omni.example/deep.png"
    # Read to the end but not archived; without content it is a link to fetch.
    assert half.read and not half.archived and half.content_html is None and half.tags == ()
    assert [(p.position, p.reason) for p in problems] == [("entry 3", "deleted in Omnivore")]


def test_omnivore_api_answer() -> None:
    (item,), problems = split("omnivore", samples.OMNIVORE_API)
    assert (item.title, item.tags, item.added) == (
        "From the API",
        ("api",),
        when(2023, 12, 24, 18, 0),
    )
    assert problems == []


def test_delicious_fields() -> None:
    items, problems = split("delicious", samples.DELICIOUS)
    basket, review, spoof = items
    assert basket.title == "basket.js"
    assert basket.tags == ("javascript", "loader", "localStorage")
    assert basket.note == "A script loader that caches scripts"
    assert basket.added == when(2013, 1, 18, 17, 53, 27)  # seconds, as text
    assert review.added == when(2013, 1, 17, 21, 17, 17)  # seconds, as a number
    assert review.tags == () and review.note is None  # [""] and "" are nothing
    assert spoof.added == when(2013, 1, 17, 12, 29, 56)  # ISO 8601
    assert spoof.tags == ("osx", "mac", "spoof")  # tags as one text
    assert not spoof.read  # marked to read
    assert not basket.read and not basket.starred
    assert problems == []


def test_readability_fields() -> None:
    items, problems = split("readability", samples.READABILITY)
    one, two = items
    assert one.title == "One" and one.url == "https://rd.example/one"
    assert one.added == when(2016, 7, 30, 10, 20, 30)  # no zone: UTC
    assert one.archived and one.read and one.starred
    assert one.summary == "An excerpt of the article"
    assert not (two.archived or two.read or two.starred) and two.summary is None
    assert [p.reason for p in problems] == ["no web address"]


def test_readability_bookmarks_list_alone() -> None:
    bookmarks = json.loads(samples.READABILITY)["bookmarks"]
    items, _ = split("readability", json.dumps(bookmarks))
    assert [i.title for i in items] == ["One", "Two"]


def test_elcurator_fields() -> None:
    items, problems = split("elcurator", samples.ELCURATOR)
    saved, other = items
    assert saved.title == "Qualité de code"
    assert saved.added == when(2015, 9, 9, 11, 10, 32)  # "… UTC"
    assert saved.tags == ("php", "Git")
    assert saved.starred and not other.starred
    assert saved.note == "Worth a read for the hooks part" and other.note is None
    assert problems == []


def test_feedbin_fields() -> None:
    items, problems = split("feedbin", samples.FEEDBIN)
    runtime, untitled = items
    assert runtime.title == "Objective-C Runtime Releases"
    assert runtime.author == "Michael"
    assert runtime.content_html is not None and "released the" in runtime.content_html
    assert runtime.published == when(2013, 2, 3, 1, 0, 19)
    assert runtime.added == datetime(2013, 2, 4, 1, 0, 19, 127893, tzinfo=UTC)
    assert runtime.starred and untitled.starred  # the file holds starred entries only
    assert not runtime.read  # it says nothing of read
    assert untitled.title == "" and untitled.author is None and untitled.content_html is None
    assert problems == []


def test_omnivore_json_highlight_flattened_onto_the_article() -> None:
    row = {"url": "https://o.example/", "savedAt": "2024-01-01T00:00:00Z", "quote": "Q"}
    (item,), _ = split("omnivore", json.dumps([{**row, "annotation": "N"}]))
    assert item.highlights == (ImportHighlight("Q", note="N"),)


def test_readwise_reader_fields() -> None:
    items, problems = split("readwise-reader", samples.READWISE_READER)
    start, lens, half, inbox = items
    assert start.title == "Getting Started"
    assert start.added == datetime(2022, 12, 21, 10, 42, 20, 43000, tzinfo=UTC)
    assert start.tags == ("reader", "how-to's")  # a Python list, as Reader writes
    assert start.archived and start.read
    assert lens.starred and not lens.read and not lens.archived  # the shortlist
    assert half.tags == ("ai", "long read")  # plain text
    assert half.read and not half.archived  # 96% through
    assert not (inbox.read or inbox.archived or inbox.starred) and inbox.tags == ()
    assert [(p.position, p.reason) for p in problems] == [("row 6", "no web address")]


@pytest.mark.parametrize(
    ("cell", "tags"),
    [
        ("['a', 'b c']", ("a", "b c")),
        ("[\"it's\", 'x']", ("it's", "x")),
        ("['it\\'s']", ("it's",)),
        ("[]", ()),
        ("", ()),
        ("one, two", ("one", "two")),
        ("[one, two]", ("one", "two")),
    ],
)
def test_readwise_document_tags(cell: str, tags: tuple[str, ...]) -> None:
    assert document_tags(cell) == tags


def test_raindrop_csv_fields() -> None:
    items, problems = split("raindrop", samples.RAINDROP_CSV)
    google, yahoo = items
    assert google.title == "Google"
    assert google.note == "My own note" and google.summary == "Search engine"
    assert google.tags == ("search", "app")  # "Unsorted" is Raindrop's inbox: no tag
    assert google.added == when(2021, 8, 26, 12, 15, 25)  # ISO 8601
    assert google.image_url == "https://rain.example/g.png"
    assert not google.starred and yahoo.starred
    assert yahoo.added == when(2021, 8, 26, 12, 15, 25)  # seconds
    assert yahoo.tags == ("Folder/Nested folder", "Work")  # the collection, as a path
    assert yahoo.highlights == (
        ImportHighlight("First quote", note="Why it matters"),
        ImportHighlight("Second quote"),
    )
    assert [(p.position, p.reason) for p in problems] == [("row 4", "not a web address")]


def test_raindrop_csv_as_raindrop_imports_it() -> None:
    # Raindrop's own import format: fewer columns, in another order.
    data = (
        'folder,url,title,note,tags,created\n"Folder",https://r.example/,R,"N","a, b",1629980125\n'
    )
    (item,), _ = split("raindrop", data)
    assert (item.title, item.note, item.tags) == ("R", "N", ("Folder", "a", "b"))


def test_raindrop_highlight_cells() -> None:
    assert raindrop_highlights("") == ()
    assert raindrop_highlights("Just one passage") == (ImportHighlight("Just one passage"),)
    assert raindrop_highlights("Highlight: a\nHighlight: b\nNote: c") == (
        ImportHighlight("a"),
        ImportHighlight("b", note="c"),
    )


def test_raindrop_html_fields() -> None:
    items, problems = split("raindrop-html", samples.RAINDROP_HTML)
    books, soup = items
    assert books.title == "89 books"
    assert books.tags == ("Read Later", "books", "fun")  # commas: spaces stay in a tag
    assert books.added == when(2020, 8, 5, 23, 13, 30)
    assert books.updated == when(2020, 8, 5, 23, 13, 40)
    assert books.note == "The most comprehensive list of recommendations."
    assert books.starred and books.image_url == "https://rain.example/cover.jpg"
    assert soup.tags == ("Cooking",) and not soup.starred
    assert problems == []


def test_shaarli_notes_tags_and_browser_pages() -> None:
    items, problems = split("bookmarks", samples.NETSCAPE)
    firefox, eleventy, shopping, thought = items
    assert firefox.tags == ("private", "secret")  # no comma: split at spaces
    assert eleventy.tags == ("eleventy", "web dev", "javascript")  # commas: spaces kept
    assert firefox.note is not None and firefox.note.startswith("In the two years")
    # Shaarli notes: no address, the description is their text.
    assert [i.kind for i in items] == [ImportKind.LINK] * 2 + [ImportKind.NOTE] * 2
    assert shopping.url is None
    assert shopping.title == "Shopping" and shopping.tags == ("notes",)
    assert shopping.content_html == "<p>Milk &amp; eggs.</p><p>Bread.</p>"
    assert shopping.added == when(2023, 5, 6, 12, 36, 40)
    assert thought.url is None and thought.content_html == "<p>A thought</p>"
    assert [(p.reason, p.outcome) for p in problems] == [("a browser's own page", SKIPPED)] * 2


def test_relative_links_that_are_no_notes() -> None:
    data = """<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p>
    <DT><A HREF="#top">Top</A>
    <DT><A HREF="?abc123"></A>
    <DT><A HREF="docs/page.html">Page</A>
    <DD>A page of the docs
    </DL>"""
    items, problems = split("bookmarks", data)
    # With a description a relative link is a note; without one, only Shaarli's links are.
    assert [(i.title, i.content_html) for i in items] == [("Page", "<p>A page of the docs</p>")]
    assert [p.reason for p in problems] == ["not a web address", "a note without text"]


def test_bundle_reads_each_member_as_its_format() -> None:
    entries = list(parse_items(samples.BUNDLE, "zip"))
    items = [e for e in entries if isinstance(e, ImportItem)]
    problems = [e for e in entries if isinstance(e, ImportProblem)]
    assert {i.source for i in items} == {"readwise-reader", "feedbin"}
    assert len(items) == 6
    assert items[0].position == "exports/readwise.csv row 2"
    odd = next(p for p in problems if p.position == "exports/odd.json")
    assert (odd.source, odd.outcome) == ("zip", FAILED)
    missing = next(p for p in problems if p.position == "exports/readwise.csv row 6")
    assert (missing.source, missing.reason) == ("readwise-reader", "no web address")
    # Neither the .txt nor macOS's resource fork is looked at.
    assert not any("notes.txt" in p.position or "MACOSX" in p.position for p in problems)


def test_bundle_with_nothing_to_read_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="no export files"):
        list(parse_items(samples.zipped({"readme.txt": "hi"}), "zip"))


def test_unreadable_entries_fail_and_missing_addresses_are_skipped() -> None:
    data = json.dumps([{"url": "https://d.example/", "created": "1", "owner": "o"}, 7, {}])
    items, problems = split("delicious", data)
    assert len(items) == 1
    assert [(p.position, p.outcome, p.reason) for p in problems] == [
        ("entry 2", FAILED, "unreadable"),
        ("entry 3", SKIPPED, "no web address"),
    ]


@pytest.mark.parametrize(
    "fmt", ["wallabag-v1", "delicious", "readability", "elcurator", "feedbin", "omnivore"]
)
def test_json_formats_refuse_other_shapes(fmt: str) -> None:
    with pytest.raises(ImportFormatError):
        list(parse_items(b'"just a string"', fmt))
