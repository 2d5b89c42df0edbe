"""Every import format read from small files written here, malformed rows included."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportItem, ImportKind, ImportProblem
from reader.services.importers import canonical_format, detect_format, parse_items
from reader.services.importers.folio_json import parse_folio_json
from reader.services.importers.omnivore import parse_highlights_markdown


def split(entries: object) -> tuple[list[ImportItem], list[ImportProblem]]:
    items: list[ImportItem] = []
    problems: list[ImportProblem] = []
    for entry in entries:  # type: ignore[attr-defined]
        (items if isinstance(entry, ImportItem) else problems).append(entry)
    return items, problems


def zipped(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


POCKET_CSV = (
    "title,url,time_added,tags,status\n"
    "First one,https://example.com/one?utm_source=x,1700000000,python|reading,unread\n"
    "Done reading,https://example.com/two,1700000100,,archive\n"
    ",,1700000200,,unread\n"
    '"Quoted, with comma",https://example.com/three,notanumber,a|b|a,unread\n'
    "Bad link,ftp://example.com/file,1700000300,,unread\n"
)


def test_pocket_csv_items_and_problems() -> None:
    data = POCKET_CSV.encode()
    assert detect_format(data) == "pocket"
    items, problems = split(parse_items(data, "pocket"))
    assert [i.url for i in items] == [
        "https://example.com/one?utm_source=x",
        "https://example.com/two",
        "https://example.com/three",
    ]
    first, second, third = items
    assert first.title == "First one"
    assert first.tags == ("python", "reading")
    assert first.added == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert not first.read and not first.archived
    assert second.read and second.archived
    assert third.title == "Quoted, with comma"
    assert third.added is None
    assert third.tags == ("a", "b")
    assert [str(p) for p in problems] == [
        "row 4: no URL",
        "row 6: not a web address: ftp://example.com/file",
    ]
    assert all(i.content_html is None for i in items)


def test_pocket_zip_reads_every_part_and_highlights() -> None:
    part0 = "title,url,time_added,tags,status\nA,https://a.example/,1700000000,,unread\n"
    part1 = "title,url,time_added,tags,status\nB,https://b.example/x,1700000001,t,archive\n,,,,\n"
    annotations = json.dumps(
        [
            {
                "url": "https://b.example/x",
                "highlights": [{"quote": " a fine line ", "created_at": 1700000500}],
            }
        ]
    )
    data = zipped(
        {
            "part_000001.csv": part1,
            "part_000000.csv": part0,
            "annotations/part_000000.json": annotations,
        }
    )
    assert detect_format(data, "pocket.zip") == "pocket"
    items, problems = split(parse_items(data, "pocket"))
    assert [i.title for i in items] == ["A", "B"]
    assert items[1].highlights == (
        ImportHighlight("a fine line", created=datetime(2023, 11, 14, 22, 21, 40, tzinfo=UTC)),
    )
    assert problems == []  # an all-empty row is not a problem


def test_pocket_ril_export_html() -> None:
    html = """<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>
    <h1>Unread</h1><ul>
    <li><a href="https://example.com/u" time_added="1600000000" tags="x,y">Unread one</a></li>
    <li><a href="javascript:void(0)" time_added="1600000000">Broken</a></li>
    </ul>
    <h1>Read Archive</h1><ul>
    <li><a href="https://example.com/r" time_added="1600000500" tags="">Read one</a></li>
    </ul></body></html>"""
    data = html.encode()
    assert detect_format(data) == "pocket-html"
    items, problems = split(parse_items(data, "pocket-html"))
    assert [(i.title, i.read, i.archived, i.tags) for i in items] == [
        ("Unread one", False, False, ("x", "y")),
        ("Read one", True, True, ()),
    ]
    assert len(problems) == 1 and problems[0].position == "link 2"


def test_instapaper_csv() -> None:
    data = (
        b"URL,Title,Selection,Folder,Timestamp,Tags\n"
        b'https://i.example/1,One,A chosen sentence.,Unread,1650000000,"[""ai"", ""long""]"\n'
        b"https://i.example/2,Two,,Archive,1650000001,[]\n"
        b"https://i.example/3,Three,,Starred,1650000002,\n"
        b"https://i.example/4,Four,,Recipes,1650000003,\n"
        b"not a url,Five,,Unread,1650000004,\n"
    )
    assert detect_format(data) == "instapaper"
    items, problems = split(parse_items(data, "instapaper"))
    assert [i.title for i in items] == ["One", "Two", "Three", "Four"]
    assert items[0].tags == ("ai", "long")
    assert items[0].highlights == (ImportHighlight("A chosen sentence."),)
    assert items[1].archived and items[1].read
    assert items[2].starred and not items[2].archived
    assert items[3].tags == ("Recipes",)
    assert items[0].added == datetime(2022, 4, 15, 5, 20, tzinfo=UTC)
    assert [p.position for p in problems] == ["row 6"]


def test_instapaper_without_timestamp_columns() -> None:
    data = b"URL,Title,Selection,Folder\nhttps://i.example/old,Old,,Archive\n"
    items, problems = split(parse_items(data, detect_format(data)))
    assert items[0].added is None and items[0].archived
    assert problems == []


def test_omnivore_zip() -> None:
    metadata = [
        {
            "id": "1",
            "slug": "first-slug",
            "title": "First",
            "description": "About first",
            "author": "Ann Writer",
            "url": "https://o.example/first",
            "state": "Archived",
            "readingProgress": 40,
            "labels": ["Newsletter", {"name": "deep"}],
            "savedAt": "2024-03-01T10:00:00.000Z",
            "publishedAt": "2024-02-28T08:00:00Z",
        },
        {
            "id": "2",
            "slug": "second",
            "title": "Second",
            "url": "https://o.example/second",
            "state": "Succeeded",
            "readingProgress": 100,
            "labels": [],
            "savedAt": "2024-03-02T10:00:00Z",
        },
        {
            "id": "3",
            "slug": "gone",
            "title": "Gone",
            "url": "https://o.example/g",
            "state": "Deleted",
        },
        "not an object",
    ]
    highlights = (
        "# First\n\n## Highlights\n\n> The key point [⤴️](https://omnivore.app/x)\n\n"
        "My thought on it\n\n> Second quote\n"
    )
    data = zipped(
        {
            "metadata_0_to_3.json": json.dumps(metadata),
            "content/first-slug.html": "<p>Body of <b>first</b></p><script>x()</script>",
            "highlights/first-slug.md": highlights,
        }
    )
    assert detect_format(data) == "omnivore"
    items, problems = split(parse_items(data, "omnivore"))
    assert [i.title for i in items] == ["First", "Second"]
    first, second = items
    assert first.archived and first.read
    assert first.tags == ("Newsletter", "deep")
    assert first.author == "Ann Writer"
    assert first.content_html is not None and "Body of" in first.content_html
    assert first.highlights == (
        ImportHighlight("The key point", note="My thought on it"),
        ImportHighlight("Second quote"),
    )
    assert first.published == datetime(2024, 2, 28, 8, 0, tzinfo=UTC)
    assert second.read and not second.archived and second.content_html is None
    assert [p.position for p in problems] == [
        "metadata_0_to_3.json entry 3",
        "metadata_0_to_3.json entry 4",
    ]
    assert "deleted in Omnivore" in problems[0].message


def test_omnivore_highlight_markdown_without_notes() -> None:
    assert parse_highlights_markdown("> one\n> more\n\n> two\n") == (
        ImportHighlight("one\nmore"),
        ImportHighlight("two"),
    )


def test_wallabag_json() -> None:
    entries = [
        {
            "is_archived": 1,
            "is_starred": 0,
            "tags": ["news", "later"],
            "title": "Walla",
            "url": "https://w.example/a",
            "content": "<p>Saved text</p>",
            "created_at": "2019-05-01T12:00:00+02:00",
            "updated_at": "2019-05-02T12:00:00+02:00",
            "published_by": ["Someone", "Else"],
            "annotations": [
                {
                    "quote": "quoted bit",
                    "text": "why it matters",
                    "created_at": "2019-05-03T08:00:00+02:00",
                    "ranges": [{"start": "/p[1]", "startOffset": "0", "end": "/p[1]"}],
                },
                {"quote": "", "text": "a note on the whole article"},
            ],
            "language": "en",
            "domain_name": "w.example",
        },
        {"is_archived": 0, "is_starred": 1, "tags": [], "title": "No URL", "url": ""},
        {
            "is_archived": 0,
            "is_starred": 1,
            "tags": [{"label": "x"}],
            "title": "S",
            "url": "https://w.example/s",
            "content": "",
        },
    ]
    data = json.dumps(entries).encode()
    assert detect_format(data) == "wallabag"
    items, problems = split(parse_items(data, "wallabag"))
    first, second = items
    assert first.archived and first.read and not first.starred
    assert first.added == datetime(2019, 5, 1, 10, 0, tzinfo=UTC)
    assert first.author == "Someone, Else"
    assert first.highlights == (
        ImportHighlight(
            "quoted bit",
            note="why it matters",
            created=datetime(2019, 5, 3, 6, 0, tzinfo=UTC),
        ),
    )
    assert first.note == "a note on the whole article"
    assert first.content_html == "<p>Saved text</p>"
    assert second.starred and second.tags == ("x",) and second.content_html is None
    assert [str(p) for p in problems] == ["entry 2: no URL"]


NETSCAPE = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file. -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3 ADD_DATE="1600000000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
    <DL><p>
        <DT><A HREF="https://b.example/top" ADD_DATE="1600000001" TAGS="one,two">Top &amp; more</A>
        <DT><H3>Reading</H3>
        <DL><p>
            <DT><A HREF="https://b.example/deep" ADD_DATE="1600000002">Deep</A>
            <DD>A description
            <DT><A HREF="place:sort=8">Recent</A>
        </DL><p>
    </DL><p>
    <DT><A HREF="https://b.example/loose" ADD_DATE="1600000003">Loose</A>
</DL><p>
"""


def test_netscape_bookmarks_with_folders_tags_and_descriptions() -> None:
    data = NETSCAPE.encode()
    assert detect_format(data) == "bookmarks"
    items, problems = split(parse_items(data, "bookmarks"))
    assert [(i.title, i.tags) for i in items] == [
        ("Top & more", ("one", "two")),
        ("Deep", ("Reading",)),
        ("Loose", ()),
    ]
    assert items[1].note == "A description"
    assert items[0].added == datetime(2020, 9, 13, 12, 26, 41, tzinfo=UTC)
    assert not any(i.read for i in items)
    assert len(problems) == 1 and "place:sort=8" in problems[0].message


def test_pinboard_html_toread_marks_the_rest_read() -> None:
    data = b"""<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p><DT><A HREF="https://p.example/1" ADD_DATE="1500000000" TOREAD="1" TAGS="a,b">Later</A>
<DT><A HREF="https://p.example/2" ADD_DATE="1500000001" PRIVATE="0" TAGS="c">Seen</A>
</DL>"""
    items, _ = split(parse_items(data, detect_format(data)))
    assert [(i.title, i.read) for i in items] == [("Later", False), ("Seen", True)]


def test_pinboard_json() -> None:
    data = json.dumps(
        [
            {
                "href": "https://p.example/j",
                "description": "Pinned",
                "extended": "my notes",
                "hash": "abc",
                "time": "2018-01-02T03:04:05Z",
                "shared": "no",
                "toread": "yes",
                "tags": "python  tools",
            },
            {"href": "", "description": "Empty", "time": "2018-01-02T03:04:05Z"},
        ]
    ).encode()
    assert detect_format(data) == "pinboard"
    items, problems = split(parse_items(data, "pinboard"))
    assert items[0].tags == ("python", "tools")
    assert items[0].note == "my notes" and not items[0].read
    assert items[0].added == datetime(2018, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert [p.position for p in problems] == ["bookmark 2"]


def test_firefox_json_backup() -> None:
    backup = {
        "guid": "root________",
        "title": "",
        "type": "text/x-moz-place-container",
        "root": "placesRoot",
        "children": [
            {
                "title": "menu",
                "type": "text/x-moz-place-container",
                "root": "bookmarksMenuFolder",
                "children": [
                    {
                        "title": "Work",
                        "type": "text/x-moz-place-container",
                        "children": [
                            {
                                "title": "Spec",
                                "type": "text/x-moz-place",
                                "uri": "https://f.example/spec",
                                "dateAdded": 1600000000000000,
                                "tags": "standards,web",
                            },
                            {"type": "text/x-moz-place-separator"},
                        ],
                    },
                    {"title": "Smart", "type": "text/x-moz-place", "uri": "place:type=6"},
                ],
            }
        ],
    }
    data = json.dumps(backup).encode()
    assert detect_format(data) == "firefox"
    items, problems = split(parse_items(data, "firefox"))
    assert len(items) == 1
    assert items[0].tags == ("Work", "standards", "web")
    assert items[0].added == datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC)
    assert len(problems) == 1


def test_chrome_json_bookmarks() -> None:
    data = json.dumps(
        {
            "checksum": "x",
            "version": 1,
            "roots": {
                "bookmark_bar": {
                    "name": "Bookmarks bar",
                    "type": "folder",
                    "children": [
                        {
                            "type": "url",
                            "name": "C",
                            "url": "https://c.example/",
                            "date_added": "13245678901234567",
                        },
                        {
                            "type": "folder",
                            "name": "Cooking",
                            "children": [
                                {"type": "url", "name": "Soup", "url": "https://c.example/soup"}
                            ],
                        },
                    ],
                },
                "other": {"name": "Other bookmarks", "type": "folder", "children": []},
            },
        }
    ).encode()
    assert detect_format(data) == "chrome"
    items, problems = split(parse_items(data, "chrome"))
    assert [(i.title, i.tags) for i in items] == [("C", ()), ("Soup", ("Cooking",))]
    assert items[0].added is not None and items[0].added.year == 2020
    assert problems == []


def test_detection_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        detect_format(b"   ")
    with pytest.raises(ImportFormatError, match="format"):
        detect_format(b"just,some,columns\n1,2,3\n")
    with pytest.raises(ImportFormatError, match="JSON"):
        detect_format(b'{"hello": "world"}')
    with pytest.raises(ImportFormatError, match="zip"):
        detect_format(zipped({"notes.txt": "hi"}))
    assert detect_format(b'<?xml version="1.0"?><opml version="2.0"></opml>') == "opml"
    with pytest.raises(ImportFormatError, match="unknown import format"):
        canonical_format("docx")


def test_forcing_the_wrong_format_is_a_clear_error() -> None:
    with pytest.raises(ImportFormatError, match="Instapaper"):
        list(parse_items(POCKET_CSV.encode(), "instapaper"))
    with pytest.raises(ImportFormatError, match="JSON"):
        list(parse_items(POCKET_CSV.encode(), "wallabag"))


def test_utf8_bom_and_windows_encoding() -> None:
    data = "\ufefftitle,url,time_added,tags,status\nCafé,https://e.example/c,1,,unread\n"
    items, _ = split(parse_items(data.encode("utf-8"), detect_format(data.encode("utf-8"))))
    assert items[0].title == "Café"
    cp = "title,url,time_added,tags,status\nCafé,https://e.example/c,1,,unread\n".encode("cp1252")
    items, _ = split(parse_items(cp, detect_format(cp)))
    assert items[0].title == "Café"


def test_folio_json_version_checks() -> None:
    good = json.dumps({"format": "folio-library", "version": 1, "articles": []}).encode()
    assert detect_format(good) == "folio"
    assert parse_folio_json(good)["articles"] == []
    newer = json.dumps({"format": "folio-library", "version": 99}).encode()
    with pytest.raises(ImportFormatError, match="newer"):
        parse_folio_json(newer)
    with pytest.raises(ImportFormatError, match="not a list"):
        parse_folio_json(
            json.dumps({"format": "folio-library", "version": 1, "feeds": {}}).encode()
        )


def test_readwise_csv_in_its_export_and_its_import_layout() -> None:
    export = (
        b"Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,"
        b"Location,Highlighted at,Document tags\n"
        b'"First, quoted",Gardens,Ann,,Why,blue,fav,offset,1,2023-01-05 14:22:13+00:00,"a, b"\n'
        b",Gardens,Ann,,,yellow,,offset,2,2023-01-05 14:25:00+00:00,\n"
        b"Second,Gardens,Ann,,,pink,,offset,3,2023-01-04 10:00:00+00:00,c\n"
        b"Loose,,,,,,,,,,\n"
    )
    assert detect_format(export) == "readwise-highlights"
    items, problems = split(parse_items(export, "readwise"))
    (gardens,) = items
    # Named by title only: an article the library must have, not a note.
    assert gardens.kind is ImportKind.BY_TITLE
    assert gardens.url is None and gardens.title == "Gardens" and gardens.author == "Ann"
    assert gardens.tags == ("a", "b", "c")
    assert gardens.added == datetime(2023, 1, 4, 10, 0, tzinfo=UTC)
    assert gardens.highlights == (
        ImportHighlight(
            "First, quoted",
            note="Why",
            color="blue",
            created=datetime(2023, 1, 5, 14, 22, 13, tzinfo=UTC),
        ),
        ImportHighlight("Second", color="pink", created=datetime(2023, 1, 4, 10, 0, tzinfo=UTC)),
    )
    assert [str(p) for p in problems] == [
        "row 3: no highlighted text",
        "row 5: neither an address nor a title says whose it is",
    ]
    layout = (
        b"Highlight,Title,Author,URL,Note,Location,Date\n"
        b"One,A,Writer,https://r.example/a,,1,2024-02-01 09:00:00\n"
        b"Two,B,,https://r.example/b,n,,\n"
        b"Three,A,Writer,https://r.example/a,,2,\n"
        b"Four,C,,ftp://r.example/c,,,\n"
    )
    assert detect_format(layout, "readwise.csv") == "readwise-highlights"
    items, problems = split(parse_items(layout, "readwise-highlights"))
    assert {i.kind for i in items} == {ImportKind.LINK}
    assert [(i.url, [h.quote for h in i.highlights]) for i in items] == [
        ("https://r.example/a", ["One", "Three"]),
        ("https://r.example/b", ["Two"]),
    ]
    assert items[1].highlights[0].note == "n"
    assert [str(p) for p in problems] == ["row 5: not a web address: ftp://r.example/c"]
