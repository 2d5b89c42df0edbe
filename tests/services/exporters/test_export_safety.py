"""Nothing exported can run anything: links checked again at export, whatever is stored."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from reader.core.types import Article, SourceKind
from reader.services.exporters.epub import write_epub
from reader.services.exporters.html_file import write_html
from reader.services.exporters.lists import write_netscape_bookmarks, write_pocket_csv
from reader.services.exporters.markdown_files import write_markdown
from reader.services.opml import OpmlFeed, write_opml

WHEN = datetime(2024, 6, 1, 12, 30, tzinfo=UTC)

# What an older library (or a damaged one) may hold: a script address as the article's link,
# and script addresses inside its body.
HOSTILE_BODY = (
    '<p><a href="javascript:alert(1)">click</a> <a href=" JaVa&#9;Script:alert(2)">tab</a>'
    ' <a href="https://ok.example/">fine</a> <a href="mailto:jo@example.org">mail</a></p>'
    '<picture><source srcset="javascript:alert(3) 2x"><img src="javascript:alert(4)" alt="x"'
    ' onerror="alert(5)"></picture><blockquote cite="vbscript:x">q</blockquote>'
    "<p>Title \x1b[31mred\x1b[0m</p>"
)


def _hostile(number: int = 1) -> Article:
    return Article(
        id=number,
        title="Hostile \x1b]0;pwn\x07one",
        source_kind=SourceKind.FEED,
        added=WHEN,
        sort_date=WHEN,
        url="javascript:alert(document.cookie)",
        content_html=HOSTILE_BODY,
        text="click",
    )


def _safe(text: str) -> None:
    lowered = text.lower()
    assert "javascript" not in lowered
    assert "vbscript" not in lowered
    assert "onerror" not in lowered
    assert "\x1b" not in text and "\x07" not in text


def test_the_html_export_has_no_script_links(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    write_html(target, [_hostile()], title="Export", exported=WHEN)
    text = target.read_text(encoding="utf-8")
    _safe(text)
    assert 'href="https://ok.example/"' in text and 'href="mailto:jo@example.org"' in text


def test_the_epub_has_no_script_links(tmp_path: Path) -> None:
    target = tmp_path / "out.epub"
    assert write_epub(target, [_hostile()], title="Book", modified=WHEN) == 1
    with zipfile.ZipFile(target) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".ncx", ".opf")):
                _safe(book.read(name).decode("utf-8"))


def test_markdown_has_no_script_links(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    write_markdown(target, [_hostile()])
    [note] = list(target.glob("*.md"))
    text = note.read_text(encoding="utf-8")
    _safe(text)
    assert "url:" not in text  # no web address, so none in the front matter
    assert "(https://ok.example/)" in text


def test_bookmarks_and_lists_leave_out_a_script_address(tmp_path: Path) -> None:
    fine = Article(
        id=2, title="Fine", source_kind=SourceKind.URL, added=WHEN, sort_date=WHEN,
        url="https://fine.example/",
    )  # fmt: skip
    bookmarks = tmp_path / "bookmarks.html"
    assert write_netscape_bookmarks(bookmarks, [_hostile(), fine]) == 1
    _safe(bookmarks.read_text(encoding="utf-8"))
    listing = tmp_path / "pocket.csv"
    assert write_pocket_csv(listing, [_hostile(), fine]) == 1
    _safe(listing.read_text(encoding="utf-8"))


def test_opml_leaves_out_script_addresses_and_controls() -> None:
    document = write_opml(
        [
            OpmlFeed(url="https://feed.example/rss", title="Evil \x1b[2J", site_url="javascript:x"),
            OpmlFeed(url="javascript:alert(1)", title="Not a feed"),
        ],
        folders=[("News\x07",)],
    ).decode("utf-8")
    _safe(document)
    assert 'xmlUrl="https://feed.example/rss"' in document
    assert "Not a feed" not in document
