"""Highlights brought in by imports from Pocket, Instapaper, Omnivore, wallabag, Readwise and
Raindrop.io become anchored highlights, placed in their articles' text, and the import says how
many."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from pytest_httpserver import HTTPServer

from reader.core.highlights import HighlightColor
from reader.library import Library
from tests.services.article_pages import PARAGRAPHS, article_page

BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
# Two quotes in the text as the services spell them, one that is not in it.
IN_TEXT = "a handful of compost each spring"
LOOSELY = "Most vegetables want six hours of sun a day, while ferns and hostas\nprefer"
NOT_THERE = "Orchids need a greenhouse"


def _zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _quotes(library: Library, article_id: int) -> list[tuple[str, bool, str | None]]:
    return [(h.quote, h.placed, h.note) for h in library.highlights.for_article(article_id)]


def _serve_gardens(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/gardens").respond_with_data(
        article_page().encode(), content_type="text/html; charset=utf-8"
    )
    return httpserver.url_for("/gardens")


def test_pocket_highlights_wait_for_the_page_and_are_placed_when_it_comes(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = _serve_gardens(httpserver)
    annotations = [
        {
            "url": url,
            "highlights": [
                {"quote": IN_TEXT, "created_at": 1700000100},
                {"quote": NOT_THERE, "created_at": 1700000200},
            ],
        }
    ]
    export = tmp_path / "pocket.zip"
    export.write_bytes(
        _zipped(
            {
                "part_000000.csv": f"title,url,time_added,tags,status\nGardens,{url},1700000000,,"
                "unread\n",
                "annotations/part_000000.json": json.dumps(annotations),
            }
        )
    )
    report = library.import_file(export)
    assert report.highlights_waiting == 2
    assert "2 highlights: 0 placed in their article's text, 2 placed once their link is" in (
        report.summary()
    )
    (article_id,) = report.article_ids
    # Kept as highlights (not as note text) while the page is not there yet.
    assert library.get_article(article_id).note is None
    assert _quotes(library, article_id) == [(IN_TEXT, False, None), (NOT_THERE, False, None)]
    fetched = library.fetch_pending()
    assert fetched.fetched == 1
    assert _quotes(library, article_id) == [(IN_TEXT, True, None), (NOT_THERE, False, None)]
    (placed, _) = library.highlights.for_article(article_id)
    assert placed.created.timestamp() == 1700000100


def test_instapaper_selections_become_highlights(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = _serve_gardens(httpserver)
    export = tmp_path / "instapaper.csv"
    export.write_text(
        f'URL,Title,Selection,Folder,Timestamp\n{url},Gardens,"{LOOSELY}",Unread,1650000000\n',
        encoding="utf-8",
    )
    report = library.import_file(export)
    (article_id,) = report.article_ids
    library.fetch_pending()
    ((quote, placed, _),) = _quotes(library, article_id)
    assert placed
    assert quote == LOOSELY.replace("\n", " ")


def test_omnivore_highlights_and_notes_are_placed_in_the_exported_content(
    library: Library, tmp_path: Path
) -> None:
    metadata = [
        {
            "id": "1",
            "slug": "gardens",
            "title": "Why Gardens Grow",
            "url": "https://o.example/gardens",
            "state": "Succeeded",
            "labels": [],
            "savedAt": "2024-03-01T10:00:00Z",
        }
    ]
    markdown = (
        "# Why Gardens Grow\n\n## Highlights\n\n"
        f"> {IN_TEXT} [⤴️](https://omnivore.app/me/gardens#1)\n\nFeed the worms\n\n"
        f"> {NOT_THERE} [⤴️](https://omnivore.app/me/gardens#2)\n"
    )
    export = tmp_path / "omnivore.zip"
    export.write_bytes(
        _zipped(
            {
                "metadata_0_to_1.json": json.dumps(metadata),
                "content/gardens.html": BODY,
                "highlights/gardens.md": markdown,
            }
        )
    )
    report = library.import_file(export)
    assert (report.highlights_placed, report.highlights_unplaced) == (1, 1)
    assert "2 highlights: 1 placed in their article's text, 1 could not be placed" in (
        report.summary()
    )
    (article_id,) = report.article_ids
    assert _quotes(library, article_id) == [
        (IN_TEXT, True, "Feed the worms"),
        (NOT_THERE, False, None),
    ]
    # The note is found by search, the quote that was not placed too.
    assert {a.id for a in library.search("worms")} == {article_id}
    assert {a.id for a in library.search("orchids")} == {article_id}


def test_wallabag_annotations_are_placed_with_their_notes_and_dates(
    library: Library, tmp_path: Path
) -> None:
    entries = [
        {
            "is_archived": 0,
            "is_starred": 0,
            "tags": [],
            "title": "Why Gardens Grow",
            "url": "https://w.example/gardens",
            "content": BODY,
            "created_at": "2019-05-01T12:00:00+02:00",
            "annotations": [
                {
                    "quote": LOOSELY,
                    "text": "shade list",
                    "created_at": "2019-05-03T08:00:00+02:00",
                    "ranges": [{"start": "/p[3]", "startOffset": "0", "end": "/p[3]"}],
                },
                {"quote": "", "text": "Whole-article thought"},
            ],
        }
    ]
    export = tmp_path / "wallabag.json"
    export.write_text(json.dumps(entries), encoding="utf-8")
    report = library.import_file(export)
    (article_id,) = report.article_ids
    (highlight,) = library.highlights.for_article(article_id)
    assert highlight.placed and highlight.note == "shade list"
    assert highlight.quote.startswith("Most vegetables") and highlight.quote.endswith("prefer")
    assert highlight.created.isoformat() == "2019-05-03T06:00:00+00:00"
    assert library.get_article(article_id).note == "Whole-article thought"


def test_readwise_csv_highlights_go_to_their_articles_by_address_or_title(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    # An article the library has already, which Readwise's export names by title.
    saved = library.save(_serve_gardens(httpserver)).article
    export = tmp_path / "readwise-data.csv"
    export.write_text(
        "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,"
        "Location,Highlighted at,Document tags\n"
        f'"{IN_TEXT}",Why Gardens Grow,Ann Gardener,,Worms!,blue,favorite,offset,12,'
        "2023-01-05 14:22:13+00:00,garden\n"
        f'"{NOT_THERE}",Why Gardens Grow,Ann Gardener,,,yellow,,offset,40,'
        "2023-01-05 14:25:00+00:00,\n"
        '"Some line",A Book Folio Never Saw,Someone,B01,,yellow,,location,3,2023-01-05,\n',
        encoding="utf-8",
    )
    report = library.import_file(export)
    assert report.existing == 1 and report.added == 0
    assert (report.highlights_placed, report.highlights_unplaced) == (1, 1)
    assert report.problems == [
        "row 4: no article titled 'A Book Folio Never Saw' in the library (the file names it"
        " by title only)"
    ]
    highlights = library.highlights.for_article(saved.id)
    assert [(h.quote, h.placed, h.note, h.color) for h in highlights] == [
        (IN_TEXT, True, "Worms!", HighlightColor.BLUE),
        (NOT_THERE, False, None, HighlightColor.YELLOW),
    ]
    assert library.get_article(saved.id).tags == ("garden",)
    # Importing the file again adds nothing twice.
    again = library.import_file(export)
    assert again.highlights_placed == 0 and len(library.highlights.for_article(saved.id)) == 2


def test_readwise_import_layout_brings_new_articles_with_their_highlights(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = _serve_gardens(httpserver)
    export = tmp_path / "readwise.csv"
    export.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\n"
        f'"{IN_TEXT}",Why Gardens Grow,Ann Gardener,{url},A note,1,2024-02-01 09:00:00\n'
        f'"{LOOSELY}",Why Gardens Grow,Ann Gardener,{url},,2,2024-02-01 09:05:00\n',
        encoding="utf-8",
    )
    report = library.import_file(export)
    assert report.added == 1 and report.highlights_waiting == 2
    (article_id,) = report.article_ids
    assert library.get_article(article_id).author == "Ann Gardener"
    library.fetch_pending()
    assert [(placed, note) for _, placed, note in _quotes(library, article_id)] == [
        (True, "A note"),
        (True, None),
    ]


def test_raindrop_csv_highlights_are_placed_once_the_page_comes(
    library: Library, httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = _serve_gardens(httpserver)
    export = tmp_path / "raindrop.csv"
    export.write_text(
        "id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n"
        f'1,Gardens,,,{url},Unsorted,,1629980125,,"Highlight:{IN_TEXT}\nNote:Feed the worms'
        f'\n\nHighlight:{NOT_THERE}",false\n',
        encoding="utf-8",
    )
    report = library.import_file(export)
    assert report.highlights_waiting == 2
    (article_id,) = report.article_ids
    library.fetch_pending()
    assert _quotes(library, article_id) == [
        (IN_TEXT, True, "Feed the worms"),
        (NOT_THERE, False, None),
    ]
