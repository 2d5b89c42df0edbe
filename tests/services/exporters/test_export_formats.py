"""The article exporters, fed articles built here: Markdown, HTML, EPUB, bookmarks, CSV."""

from __future__ import annotations

import base64
import csv
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from reader.core.errors import UserError
from reader.core.highlights import Highlight, HighlightColor, TextAnchor
from reader.core.transfer import ImportItem
from reader.core.types import Article, SourceKind
from reader.services.exporters import export_format
from reader.services.exporters.common import safe_file_stem
from reader.services.exporters.epub import write_epub
from reader.services.exporters.html_file import write_html
from reader.services.exporters.lists import (
    write_netscape_bookmarks,
    write_pocket_csv,
    write_readwise_csv,
)
from reader.services.exporters.markdown_files import write_markdown
from reader.services.importers import detect_format, parse_items

WHEN = datetime(2024, 6, 1, 12, 30, tzinfo=UTC)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SHA = "ab" * 32


def article(number: int, title: str, html: str, **extra: object) -> Article:
    values: dict[str, object] = {
        "id": number,
        "title": title,
        "source_kind": SourceKind.URL,
        "added": WHEN,
        "sort_date": WHEN,
        "url": f"https://example.com/{number}",
        "content_html": html,
        "text": "",
    }
    values.update(extra)
    return Article(**values)  # type: ignore[arg-type]


ARTICLES = [
    article(
        1,
        'Why "colons": matter? [a/b]',
        f'<h2>Part</h2><p>Text with <a href="https://x.example/">a link</a>.</p>'
        f'<img src="folio-image:{SHA}" alt="dot">'
        '<img src="https://remote.example/r.png" alt="far">',
        tags=("research", "long read"),
        author="Ann",
        published=WHEN,
        note="Remember this",
        starred=True,
    ),
    article(2, 'Why "colons": matter? [a/b]', "<p>Second with the same title</p>", read=True),
    article(3, "Plain", "<p>Café &amp; crème</p>", archived=True, read=True),
]


def images(item: Article, src: str) -> tuple[str, bytes] | None:
    return ("image/png", PNG) if src == f"folio-image:{SHA}" else None


def test_safe_file_stem() -> None:
    assert safe_file_stem('Why "colons": matter? [a/b]') == "Why colons matter a b"
    assert safe_file_stem("  ...  ") == "Untitled"
    assert safe_file_stem("con") == "Untitled"
    assert len(safe_file_stem("word " * 100)) <= 100
    assert safe_file_stem("#tag ^block |pipe") == "tag block pipe"


def test_markdown_folder(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    count = write_markdown(target, ARTICLES, images=images, total=3)
    assert count == 3
    names = sorted(p.name for p in target.glob("*.md"))
    assert names == ["Plain.md", "Why colons matter a b 2.md", "Why colons matter a b.md"]
    first = (target / "Why colons matter a b.md").read_text(encoding="utf-8")
    head, body = first.split("---\n")[1], first.split("---\n", 2)[2]
    assert 'title: "Why \\"colons\\": matter? [a/b]"' in head
    assert 'url: "https://example.com/1"' in head
    assert 'author: "Ann"' in head
    assert "published: 2024-06-01T12:30:00Z" in head
    assert '  - "research"\n  - "long-read"' in head
    assert "starred: true" in head
    assert "## Part" in body and "[a link](https://x.example/)" in body
    attachments = list((target / "attachments").iterdir())
    assert len(attachments) == 1 and attachments[0].read_bytes() == PNG
    assert f"](attachments/{attachments[0].name})" in body
    assert "](https://remote.example/r.png)" in body
    assert "Remember this" in body


def test_markdown_zip(tmp_path: Path) -> None:
    target = tmp_path / "notes.zip"
    assert write_markdown(target, ARTICLES, images=images) == 3
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        assert "Plain.md" in names
        assert sum(n.startswith("attachments/") for n in names) == 1
        assert "Café & crème" in archive.read("Plain.md").decode("utf-8")


def test_markdown_refuses_a_file_as_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        write_markdown(tmp_path / "file", ARTICLES)


def test_html_file_is_self_contained(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    assert write_html(path, ARTICLES, title="Export", exported=WHEN, images=images) == 3
    text = path.read_text(encoding="utf-8")
    tree = etree.HTML(text)
    sources = tree.xpath("//img/@src")
    assert sources[0].startswith("data:image/png;base64,")
    assert base64.b64decode(sources[0].split(",", 1)[1]) == PNG
    assert "folio-image:" not in text
    assert tree.xpath("//nav//a/@href") == ["#article-1", "#article-2", "#article-3"]
    assert len(tree.xpath("//article")) == 3
    assert tree.xpath("//article[1]/h1/text()") == ['Why "colons": matter? [a/b]']


def test_epub_structure(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    seen: list[int] = []
    count = write_epub(
        path,
        ARTICLES,
        title="Reading",
        modified=WHEN,
        images=images,
        total=3,
        progress=lambda done, total: seen.append(done),
    )
    assert count == 3 and seen == [1, 2, 3]
    with zipfile.ZipFile(path) as book:
        infos = book.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        container = etree.fromstring(book.read("META-INF/container.xml"))
        ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
        opf_path = container.xpath("//c:rootfile/@full-path", namespaces=ns)[0]
        assert opf_path == "OEBPS/content.opf"
        opf = etree.fromstring(book.read(opf_path))
        o = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
        assert opf.get("version") == "3.0"
        assert opf.xpath("//dc:title/text()", namespaces=o) == ["Reading"]
        identifier = opf.xpath("//dc:identifier", namespaces=o)[0]
        assert identifier.get("id") == opf.get("unique-identifier")
        modified = opf.xpath("//o:meta[@property='dcterms:modified']/text()", namespaces=o)
        assert modified == ["2024-06-01T12:30:00Z"]
        manifest = {
            i.get("id"): (i.get("href"), i.get("media-type"), i.get("properties"))
            for i in opf.xpath("//o:manifest/o:item", namespaces=o)
        }
        # Every manifest entry is in the book, and every file of the book is in the manifest.
        files = {n for n in book.namelist() if n.startswith("OEBPS/")} - {"OEBPS/content.opf"}
        assert {f"OEBPS/{href}" for href, _, _ in manifest.values()} == files
        assert manifest["nav"][2] == "nav"
        images_in = [v for v in manifest.values() if v[1] == "image/png"]
        assert len(images_in) == 1
        spine = opf.xpath("//o:spine/o:itemref/@idref", namespaces=o)
        assert spine == ["nav", "chapter-1", "chapter-2", "chapter-3"]
        x = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
        nav = etree.fromstring(book.read("OEBPS/nav.xhtml"))
        links = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=x)
        assert [a.text for a in links] == [a.title for a in ARTICLES]
        for link in links:
            assert f"OEBPS/{link.get('href')}" in files
        chapter = etree.fromstring(book.read("OEBPS/" + manifest["chapter-1"][0]))
        sources = chapter.xpath("//x:img/@src", namespaces=x)
        assert sources == ["../" + images_in[0][0]]  # the remote image is left out
        assert "[far]" in "".join(chapter.itertext())
        plain = etree.fromstring(book.read("OEBPS/" + manifest["chapter-3"][0]))
        assert "Café & crème" in "".join(plain.itertext())


def test_bookmarks_and_csv_read_back_by_the_importers(tmp_path: Path) -> None:
    bookmarks = tmp_path / "bookmarks.html"
    assert write_netscape_bookmarks(bookmarks, ARTICLES) == 3
    data = bookmarks.read_bytes()
    assert detect_format(data) == "bookmarks"
    items = [i for i in parse_items(data, "bookmarks") if isinstance(i, ImportItem)]
    assert [(i.url, i.tags, i.read) for i in items] == [
        ("https://example.com/1", ("research", "long read"), False),
        ("https://example.com/2", (), True),
        ("https://example.com/3", (), True),
    ]
    assert items[0].title == 'Why "colons": matter? [a/b]'
    assert items[0].note == "Remember this"
    pocket = tmp_path / "pocket.csv"
    assert write_pocket_csv(pocket, ARTICLES) == 3
    with pocket.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["title", "url", "time_added", "tags", "status"]
    assert rows[1][3] == "research|long read" and rows[3][4] == "archive"
    items = [i for i in parse_items(pocket.read_bytes(), "pocket") if isinstance(i, ImportItem)]
    assert [i.archived for i in items] == [False, False, True]
    assert items[0].added == WHEN


def test_lists_skip_articles_without_a_url(tmp_path: Path) -> None:
    no_url = article(9, "Text file", "<p>x</p>", url=None)
    assert write_pocket_csv(tmp_path / "p.csv", [no_url]) == 0
    assert write_netscape_bookmarks(tmp_path / "b.html", [no_url]) == 0


def test_export_format_from_name() -> None:
    assert export_format(None, Path("x.json")) == "folio"
    assert export_format(None, Path("x.epub")) == "epub"
    assert export_format(None, Path("notes")) == "markdown"
    assert export_format(None, Path("notes.zip")) == "markdown"
    assert export_format("netscape", Path("x.html")) == "bookmarks"
    # The name the import side gives the same CSV.
    assert export_format("readwise-highlights", Path("x.csv")) == "readwise"
    with pytest.raises(UserError, match="unknown export format"):
        export_format("pdf", Path("x.pdf"))
    with pytest.raises(UserError, match="cannot tell"):
        export_format(None, Path("x.pdf"))


def test_epub_leaves_out_remote_sources_and_names_untitled_chapters(tmp_path: Path) -> None:
    pictured = article(
        5,
        "",
        '<picture><source srcset="https://x.example/b.webp" type="image/webp">'
        '<img src="https://x.example/b.png" alt="bee"></picture><p>After</p>',
    )
    path = tmp_path / "remote.epub"
    write_epub(path, [pictured], title="Remote", modified=WHEN)
    with zipfile.ZipFile(path) as book:
        chapter = book.read("OEBPS/text/article-00001.xhtml").decode("utf-8")
        nav = book.read("OEBPS/nav.xhtml").decode("utf-8")
    assert "https://x.example/b" not in chapter
    assert "<source" not in chapter and "<picture" not in chapter
    assert "[bee]" in chapter and "After" in chapter
    assert "<title>Untitled</title>" in chapter and ">Untitled</a>" in nav


def test_markdown_single_file_takes_one_article(tmp_path: Path) -> None:
    target = tmp_path / "one.md"
    assert write_markdown(target, ARTICLES[:1], images=images) == 1
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: ")
    assert len(list((tmp_path / "attachments").iterdir())) == 1
    with pytest.raises(UserError, match="one article"):
        write_markdown(tmp_path / "many.md", ARTICLES)
    assert not (tmp_path / "many.md").exists()


# -- highlights -----------------------------------------------------------------------------

GARDEN = article(
    7,
    "Gardens",
    "<p>Soil matters <em>more than</em> anything.</p><p>Water less often; soak deeply.</p>",
    author="Ann Gardener",
    note="Plan the beds\nin March",
    tags=("garden",),
)


def _highlight(number: int, quote: str, **extra: object) -> Highlight:
    from reader.core.anchoring import make_anchor
    from reader.core.anchoring_html import reading_text

    text = reading_text(GARDEN.content_html or "").text
    start = text.find(quote)
    anchor = make_anchor(text, start, start + len(quote)) if start >= 0 else TextAnchor(quote)
    values: dict[str, object] = {
        "id": number,
        "article_id": GARDEN.id,
        "anchor": anchor,
        "color": HighlightColor.YELLOW,
        "created": WHEN,
        "updated": WHEN,
        "placed": start >= 0,
    }
    values.update(extra)
    return Highlight(**values)  # type: ignore[arg-type]


GARDEN_HIGHLIGHTS = [
    _highlight(1, "matters more than", note="The *first* thing", color=HighlightColor.GREEN),
    _highlight(2, "anything.\n\nWater less"),
    _highlight(3, "Compost every spring", note="gone from the text"),
]


def garden_highlights(item: Article) -> list[Highlight]:
    return GARDEN_HIGHLIGHTS if item.id == GARDEN.id else []


def test_markdown_marks_and_lists_highlights_with_their_notes(tmp_path: Path) -> None:
    target = tmp_path / "Gardens.md"
    assert write_markdown(target, [GARDEN], highlights=garden_highlights) == 1
    note = target.read_text(encoding="utf-8")
    head, body = note.split("---\n", 2)[1:]
    assert 'title: "Gardens"' in head and 'url: "https://example.com/7"' in head
    assert '  - "garden"' in head and "added: 2024-06-01T12:30:00Z" in head
    assert "highlights: 3" in head
    assert body.index("## Notes\n\nPlan the beds\nin March") < body.index("Soil ")
    # Overlapping highlights are one ==mark==, across the emphasis and the paragraphs.
    assert "Soil ==matters== *==more than==* ==anything.==" in body
    assert "==Water less== often; soak deeply." in body
    assert body.endswith(
        "## Highlights\n\n"
        "> matters more than\n\nThe *first* thing\n\n"
        "> anything.\n>\n> Water less\n\n"
        "> Compost every spring\n>\n> *(no longer found in the article's text)*\n\n"
        "gone from the text\n"
    )


def test_html_export_shows_highlights_marked_and_listed(tmp_path: Path) -> None:
    path = tmp_path / "out.html"
    write_html(path, [GARDEN], title="Export", exported=WHEN, highlights=garden_highlights)
    tree = etree.HTML(path.read_text(encoding="utf-8"))
    marks = tree.xpath("//article//p/descendant::mark")
    assert [(m.get("class"), m.get("data-highlight-id"), m.text) for m in marks] == [
        ("hl hl-green", "1", "matters "),
        ("hl hl-green", "1", "more than"),
        ("hl hl-yellow", "2", "anything."),
        ("hl hl-yellow", "2", "Water less"),
    ]
    listed = tree.xpath("//aside[@class='highlights']//li")
    assert [li.xpath("string(blockquote)") for li in listed] == [
        "matters more than",
        "anything.Water less",
        "Compost every spring",
    ]
    assert listed[2].xpath("string(p[@class='lost'])") == "No longer found in the article's text."
    assert tree.xpath("string(//aside[@class='note'])") == "NotesPlan the bedsin March"
    assert ".hl-green { background-color: #cdeebb; }" in path.read_text(encoding="utf-8")


def test_readwise_csv_has_the_import_layout(tmp_path: Path) -> None:
    path = tmp_path / "readwise.csv"
    assert write_readwise_csv(path, [GARDEN, ARTICLES[2]], highlights=garden_highlights) == 3
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    assert rows[1] == [
        "matters more than",
        "Gardens",
        "Ann Gardener",
        "https://example.com/7",
        "The *first* thing",
        "1",
        "2024-06-01 12:30:00",
    ]
    assert [r[0] for r in rows[2:]] == ["anything.\n\nWater less", "Compost every spring"]
    # Folio reads it back as Readwise's layout.
    data = path.read_bytes()
    items = [e for e in parse_items(data, detect_format(data)) if isinstance(e, ImportItem)]
    assert [h.quote for h in items[0].highlights] == [
        "matters more than",
        "anything.\n\nWater less",
        "Compost every spring",
    ]
