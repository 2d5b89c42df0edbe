"""Importing into a real library file: batches, dedupe, idempotence, link items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.errors import ImportFormatError, UserError
from reader.core.types import ArticleFilter
from reader.library import Library
from reader.store import models as m

POCKET = (
    "title,url,time_added,tags,status\n"
    "Alpha,https://example.com/a?utm_source=feed,1700000000,python|Reading,unread\n"
    "Beta,https://example.com/b,1700000100,,archive\n"
    ",,1700000200,,unread\n"
    "Alpha again,https://EXAMPLE.com/a#section,1700000300,extra,unread\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_pocket_import_creates_pending_links_with_state_and_tags(
    library: Library, tmp_path: Path
) -> None:
    path = write(tmp_path, "pocket.csv", POCKET)
    report = library.import_file(path)
    assert report.added == 2
    assert report.pending == 2
    assert report.existing == 1  # the same page again, spelled differently
    assert report.problems == ["row 4: no URL"]
    articles = library.list_articles(ArticleFilter(), newest_first=False)
    assert [a.title for a in articles] == ["Alpha", "Beta"]
    alpha, beta = articles
    assert alpha.tags == ("python", "Reading")
    assert alpha.canonical_url == "https://example.com/a"
    assert alpha.url == "https://example.com/a?utm_source=feed"
    assert beta.read and beta.archived
    assert alpha.added.timestamp() == 1700000000
    statuses = [r.fetch_status for r in m.Article.select().order_by(m.Article.id)]
    assert statuses == ["pending", "pending"]
    assert library.count_pending() == 2
    assert "2 articles added (2 queued for fetching)" in report.summary()
    assert "1 skipped" in report.summary()


def test_importing_the_same_file_twice_adds_nothing(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "pocket.csv", POCKET)
    library.import_file(path)
    before = library.count_articles()
    tags_before = [(t.name, t.total) for t in library.list_tags()]
    again = library.import_file(path)
    assert again.added == 0
    assert again.existing == 3
    assert library.count_articles() == before
    assert [(t.name, t.total) for t in library.list_tags()] == tags_before


def test_existing_article_gains_only_missing_tags(library: Library, tmp_path: Path) -> None:
    library.import_file(write(tmp_path, "one.csv", POCKET))
    more = "title,url,time_added,tags,status\nAlpha,https://example.com/a,1,python|new,unread\n"
    report = library.import_file(write(tmp_path, "two.csv", more))
    assert report.added == 0 and report.existing == 1
    alpha = next(a for a in library.list_articles() if a.title == "Alpha")
    assert alpha.tags == ("new", "python", "Reading")
    assert [a.id for a in library.search("new")] == [alpha.id]


def test_content_is_sanitized_indexed_and_not_pending(library: Library, tmp_path: Path) -> None:
    entries = [
        {
            "is_archived": 0,
            "is_starred": 1,
            "tags": ["kept"],
            "title": "With body",
            "url": "https://w.example/body",
            "content": '<p onclick="x()">Marmalade recipes <script>alert(1)</script></p>',
            "created_at": "2020-01-01T00:00:00Z",
            "annotations": [{"quote": "Marmalade", "text": "yes"}],
        }
    ]
    report = library.import_file(write(tmp_path, "wallabag.json", json.dumps(entries)))
    assert report.added == 1 and report.with_content == 1 and report.pending == 0
    (article,) = library.list_articles()
    full = library.get_article(article.id)
    assert full.content_html is not None
    assert "script" not in full.content_html and "onclick" not in full.content_html
    assert full.starred
    # The annotation is a highlight in the text, not note text.
    assert full.note is None
    ((quote, placed, note),) = [
        (h.quote, h.placed, h.note) for h in library.highlights.for_article(article.id)
    ]
    assert (quote, placed, note) == ("Marmalade", True, "yes")
    assert [a.id for a in library.search("marmalade")] == [article.id]
    assert library.count_pending() == 0


def test_unknown_format_and_missing_file_are_user_errors(library: Library, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        library.import_file(tmp_path / "nope.csv")
    with pytest.raises(ImportFormatError, match="format"):
        library.import_file(write(tmp_path, "odd.txt", "a,b,c\n1,2,3\n"))
    with pytest.raises(ImportFormatError, match="unknown import format"):
        library.import_file(write(tmp_path, "p.csv", POCKET), format="docx")
    assert library.count_articles() == 0


def test_forced_format(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path, "export.txt", POCKET)
    report = library.import_file(path, format="pocket")
    assert report.added == 2


def test_progress_and_cancel(library: Library, tmp_path: Path) -> None:
    import threading

    rows = "".join(f"T{i},https://example.com/{i},1700000000,,unread\n" for i in range(2500))
    path = write(tmp_path, "big.csv", "title,url,time_added,tags,status\n" + rows)
    seen: list[tuple[int, int]] = []
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 1000:
            cancel.set()

    report = library.import_file(path, progress=progress, cancel=cancel)
    assert report.cancelled
    assert report.added == 1000
    assert seen[0] == (0, 2500) and seen[-1] == (1000, 2500)
    # Resuming the same file picks up the rest and duplicates nothing.
    rest = library.import_file(path)
    assert rest.added == 1500 and rest.existing == 1000


def test_folio_document_written_by_hand_is_cleaned_and_checked(
    library: Library, tmp_path: Path
) -> None:
    document = {
        "format": "folio-library",
        "version": 1,
        "articles": [
            {
                "id": 7,
                "source_kind": "url",
                "title": "Handmade",
                "url": "https://h.example/",
                "added": "2024-01-01T00:00:00+00:00",
                "html": "<p>hi there</p><script>steal()</script>",
                "text": "hi there",
                "tags": ["made"],
            },
            {"id": 8, "source_kind": "url", "title": "No date"},
            "nonsense",
        ],
    }
    report = library.import_file(write(tmp_path, "hand.json", json.dumps(document)))
    assert report.added == 1
    assert report.problems == ["article 2: no date added", "article 3: not an article"]
    (article,) = library.list_articles()
    assert article.id == 7 and article.tags == ("made",)
    full = library.get_article(article.id)
    assert full.content_html == "<p>hi there</p>"
    assert full.sort_date == full.added


def test_damaged_folio_document_is_a_user_error(library: Library, tmp_path: Path) -> None:
    document = {"format": "folio-library", "version": 1, "feeds": [{"title": "no id or url"}]}
    with pytest.raises(ImportFormatError, match="damaged"):
        library.import_file(write(tmp_path, "bad.json", json.dumps(document)))
    assert library.list_feeds() == []


def _zip(files: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SAMPLES: dict[str, tuple[str, str | bytes]] = {
    "pocket-zip": (
        "pocket.zip",
        _zip(
            {
                "part_000000.csv": "title,url,time_added,tags,status\nP,https://s.example/p,1,a,unread\n"
            }
        ),
    ),
    "pocket-html": (
        "ril_export.html",
        '<title>Pocket Export</title><h1>Unread</h1><ul><li><a href="https://s.example/r"'
        ' time_added="1" tags="x">R</a></li></ul>',
    ),
    "instapaper": (
        "instapaper.csv",
        "URL,Title,Selection,Folder,Timestamp,Tags\nhttps://s.example/i,I,,Unread,1,[]\n",
    ),
    "omnivore": (
        "omnivore.zip",
        _zip(
            {
                "metadata_0_to_1.json": json.dumps(
                    [{"slug": "o", "title": "O", "url": "https://s.example/o", "labels": ["l"]}]
                ),
                "content/o.html": "<p>Omnivore body text</p>",
            }
        ),
    ),
    "bookmarks": (
        "bookmarks.html",
        '<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p><DT><A HREF="https://s.example/b"'
        ' ADD_DATE="1">B</A></DL>',
    ),
    "pinboard": (
        "pinboard.json",
        json.dumps(
            [{"href": "https://s.example/pb", "description": "PB", "time": "2020-01-01T00:00:00Z"}]
        ),
    ),
    "firefox": (
        "firefox.json",
        json.dumps(
            {
                "type": "text/x-moz-place-container",
                "root": "placesRoot",
                "children": [
                    {"type": "text/x-moz-place", "uri": "https://s.example/f", "title": "F"}
                ],
            }
        ),
    ),
    "chrome": (
        "Bookmarks",
        json.dumps(
            {
                "roots": {
                    "bookmark_bar": {
                        "type": "folder",
                        "children": [{"type": "url", "url": "https://s.example/c", "name": "C"}],
                    }
                }
            }
        ),
    ),
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_format_imports_once(kind: str, library: Library, tmp_path: Path) -> None:
    name, content = SAMPLES[kind]
    path = write(tmp_path, name, content)
    first = library.import_file(path)
    assert first.added == 1 and first.problems == []
    again = library.import_file(path)
    assert again.added == 0 and again.existing == 1
    assert library.count_articles() == 1
