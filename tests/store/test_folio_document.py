"""Loading a Folio export into a library that has articles: finding each one's copy is a
lookup on an index, however many saved articles there are."""

from __future__ import annotations

from reader.library import Library
from reader.store import folio_document
from tests.factories import add_articles


def test_a_saved_articles_copy_is_found_by_its_address_on_the_index(library: Library) -> None:
    add_articles(library, 1)
    db = library.writer.database
    plan = " ".join(
        str(row[-1])
        for row in db.execute_sql(
            f"EXPLAIN QUERY PLAN {folio_document.BY_ADDRESS}", (None, "https://a.example/")
        )
    )
    assert "article_canonical_url" in plan
    row = {"canonical_url": "https://nowhere.example/a"}
    assert folio_document.find_duplicate(row, None) is None
