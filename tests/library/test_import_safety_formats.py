"""Import safety for what imports bring besides articles: highlights given to articles the
library has (by their address, or named by title as Readwise's export does), notes, and the
highlights of a Folio export. A failure half-way takes all of it out again; damage is found
before anything is written."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.core.errors import ImportFormatError
from reader.library import Library
from tests.factories import add_articles
from tests.library.test_import_safety import (
    _fill_up_after,
    a_used_library,
    folio_export,
    snapshot,
    write_json,
)

READWISE_HEADER = [
    "Highlight",
    "Book Title",
    "Book Author",
    "Amazon Book ID",
    "Note",
    "Color",
    "Tags",
    "Location Type",
    "Location",
    "Highlighted at",
    "Document tags",
]


def _highlights(library: Library, article_id: int) -> list[tuple[str, str | None]]:
    return [(h.quote, h.note) for h in library.highlights.for_article(article_id)]


def test_a_readwise_import_naming_articles_by_title_that_fails_half_way_is_taken_out(
    library: Library, tmp_path: Path
) -> None:
    a_used_library(library, tmp_path)
    (mine,) = library.list_articles()
    library.highlights.add_quote(mine.id, "orchards in spring", note="my own")
    ids = add_articles(library, 600)
    before = snapshot(library)
    # Readwise's own export: a highlight per row, its article named by title only.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(READWISE_HEADER)
    for n in range(600):
        writer.writerow(
            [
                f"Body number {n}",
                f"Article {n}",
                "Someone",
                "",
                f"Thought {n} on grafting pears",
                "yellow",
                "",
                "offset",
                "1",
                "2023-01-05 14:22:13+00:00",
                "from-readwise",
            ]
        )
    path = tmp_path / "readwise-data.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    written: list[int] = []

    def progress(done: int, total: int) -> None:
        written.append(done)
        if done == 250:
            # The first batch gave 250 articles a highlight and a tag: now the disk fills up.
            assert library.highlights.totals() == (251, 0)
            assert library.count_search("grafting") == 250
            _fill_up_after(library, 5)

    with pytest.raises(Exception, match="full"):
        library.import_file(path, progress=progress)
    assert max(written) == 250
    assert snapshot(library) == before
    assert library.highlights.totals() == (1, 0)
    assert _highlights(library, mine.id) == [("orchards in spring", "my own")]
    assert all(not library.highlights.for_article(i) for i in ids)
    assert library.count_search("grafting") == 0
    assert library.count_search("my own") == 1


def test_a_pocket_import_that_fails_takes_out_the_highlights_it_gave_a_known_article(
    library: Library, tmp_path: Path
) -> None:
    page = tmp_path / "mine.md"
    page.write_text("# Pruning\n\nPrune apple trees in late winter, before the buds swell.")
    mine = library.save(str(page), tags=["mine"]).article
    url = "https://pruning.example/apples"
    library.writer.run(lambda: _give_address(library, mine.id, url))
    before = snapshot(library)
    rows = [f"Pruning,{url},1700000000,pocket-tag,unread"] + [
        f"T{i},https://links.example/{i},1700000000,fresh,unread" for i in range(3000)
    ]
    annotations = [{"url": url, "highlights": [{"quote": "late winter", "created_at": 1700000100}]}]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("part_000000.csv", "title,url,time_added,tags,status\n" + "\n".join(rows))
        bundle.writestr("annotations/part_000000.json", json.dumps(annotations))
    path = tmp_path / "pocket.zip"
    path.write_bytes(archive.getvalue())
    written: list[int] = []

    def progress(done: int, total: int) -> None:
        written.append(done)
        if done and _highlights(library, mine.id):
            # The first batch gave the article its highlight and tag: now fill the disk.
            _fill_up_after(library, 20)

    with pytest.raises(Exception, match="full"):
        library.import_file(path, progress=progress)
    assert max(written) > 0
    assert snapshot(library) == before
    assert _highlights(library, mine.id) == []
    assert library.get_article(mine.id).tags == ("mine",)


def _give_address(library: Library, article_id: int, url: str) -> None:
    library.writer.database.execute_sql(
        'UPDATE "article" SET "url" = ?, "canonical_url" = ? WHERE "id" = ?',
        (url, url, article_id),
    )


def test_a_folio_export_giving_a_highlight_id_twice_changes_nothing(
    library: Library, tmp_path: Path
) -> None:
    document: dict[str, Any] = folio_export(300)
    for index in (10, 250):
        document["articles"][index]["highlights"] = [
            {
                "id": 7,
                "color": "yellow",
                "exact": "orchards",
                "prefix": "",
                "suffix": "",
                "text_start": None,
                "text_end": None,
                "placed": False,
                "created": "2024-01-01T10:00:00+00:00",
            }
        ]
    with pytest.raises(ImportFormatError, match="article 251: its highlight id 7 is given twice"):
        library.import_file(write_json(tmp_path, "twice.json", document))
    assert library.is_empty()
    assert library.list_tags() == []
