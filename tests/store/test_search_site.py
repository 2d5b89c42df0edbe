"""site: finds a site and its subdomains through the stored host keys, which every write of an
article's addresses keeps in step."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core.query import parse_query
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import transfer as store_transfer
from reader.store.search import compile_query
from tests.factories import make_input

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


@dataclass
class Sites:
    www: int
    sub_with_port: int
    bare: int
    redirected: int
    lookalike: int
    mentions: int
    idn: int
    note: int


def _add(title: str, url: str | None, canonical: str | None = None) -> int:
    item = make_input(title, f"Text of {title.lower()}, about gardens.", url=url)
    if canonical is not None:
        item = replace(item, canonical_url=canonical)
    return store_articles.insert_article(item, now=NOW)


@pytest.fixture
def sites(library: Library) -> Sites:
    return library.writer.run(
        lambda: Sites(
            www=_add("Www", "https://www.example.com/a"),
            sub_with_port=_add("Port", "https://News.Example.com:8443/b"),
            bare=_add("Bare", "http://example.com/c"),
            redirected=_add("Via", "https://t.redirect.example/xyz", "https://blog.example.org/p"),
            lookalike=_add("Lookalike", "https://badexample.com/d"),
            mentions=_add("Mentions", "https://elsewhere.example.net/example.com/e"),
            idn=_add("Idn", "https://xn--bcher-kva.example/f"),
            note=_add("Note", None),
        )
    )


def ids(library: Library, query: str) -> set[int]:
    found = {a.id for a in library.search(query)}
    assert library.count_search(query) == len(found)
    return found


def test_a_site_takes_in_its_subdomains_whatever_the_spelling(
    library: Library, sites: Sites
) -> None:
    example = {sites.www, sites.sub_with_port, sites.bare}
    assert ids(library, "site:example.com") == example
    assert ids(library, "site:www.example.com") == example
    assert ids(library, "site:EXAMPLE.COM") == example
    assert ids(library, "site:example.com:8443") == example
    assert ids(library, "site:https://www.example.com/some/page") == example
    assert ids(library, "site:news.example.com") == {sites.sub_with_port}
    assert ids(library, "site:com") >= example
    # Neither a look-alike domain nor a page that has the domain in its path.
    assert sites.lookalike not in ids(library, "site:example.com")
    assert sites.mentions not in ids(library, "site:example.com")
    assert ids(library, "site:elsewhere.example.net") == {sites.mentions}


def test_both_the_canonical_and_the_linked_host_find_an_article(
    library: Library, sites: Sites
) -> None:
    assert ids(library, "site:blog.example.org") == {sites.redirected}
    assert ids(library, "site:example.org") == {sites.redirected}
    assert ids(library, "site:t.redirect.example") == {sites.redirected}
    assert ids(library, "site:redirect.example") == {sites.redirected}


def test_unicode_and_punycode_domains_are_one_site(library: Library, sites: Sites) -> None:
    assert ids(library, "site:bücher.example") == {sites.idn}
    assert ids(library, "site:xn--bcher-kva.example") == {sites.idn}


def test_negated_and_combined_site_filters(library: Library, sites: Sites) -> None:
    outside = ids(library, "-site:example.com")
    assert sites.note in outside and sites.lookalike in outside
    assert not outside & {sites.www, sites.sub_with_port, sites.bare}
    assert ids(library, "site:example.com OR site:example.org") == {
        sites.www,
        sites.sub_with_port,
        sites.bare,
        sites.redirected,
    }
    assert ids(library, "gardens site:example.org") == {sites.redirected}
    assert ids(library, "site:example.org is:unread") == {sites.redirected}


@pytest.mark.parametrize("value", ["[", "/", "https://", '""', "...", "*", "a b"])
def test_a_site_naming_no_host_finds_nothing_and_never_fails(
    library: Library, sites: Sites, value: str
) -> None:
    assert ids(library, f"site:{value}") == set()


def test_site_reads_an_index_rather_than_every_article(library: Library, sites: Sites) -> None:
    compiled = compile_query(parse_query("site:example.com"), now=NOW, tz=UTC)
    plan = library.writer.database.execute_sql(
        f'EXPLAIN QUERY PLAN SELECT a."id" FROM "article" a WHERE {compiled.sql.where()}',
        compiled.sql.params,
    ).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "article_host_rev" in details and "article_url_host_rev" in details
    assert "SCAN a" not in details


def test_a_new_address_moves_the_article_to_its_new_site(library: Library, sites: Sites) -> None:
    moved = replace(
        make_input("Bare", "Rewritten text about orchards.", url="https://example.com/c"),
        canonical_url="https://archive.example.net/c",
    )
    assert library.writer.run(lambda: store_articles.update_article(sites.bare, moved))
    assert ids(library, "site:archive.example.net") == {sites.bare}
    # The address it was saved from still finds it; a new address replaces the old one.
    assert sites.bare in ids(library, "site:example.com")
    relinked = make_input("Bare", "Text once more.", url="https://other.example.net/c")
    assert library.writer.run(lambda: store_articles.update_article(sites.bare, relinked))
    assert sites.bare not in ids(library, "site:example.com")
    assert ids(library, "site:other.example.net") == {sites.bare}
    row = library.writer.database.execute_sql(
        'SELECT "host_rev", "url_host_rev" FROM "article" WHERE "id" = ?', (sites.bare,)
    ).fetchone()
    assert row == ("net.example.other.", None)


def test_bulk_inserts_work_the_hosts_out_whatever_the_row_says(library: Library) -> None:
    rows = [
        store_transfer.ArticleRow(
            columns={
                "title": "Imported",
                "source_kind": "url",
                "url": "https://www.imported.example/x",
                "canonical_url": "https://imported.example/x",
                "host_rev": "stale.",
                "added": NOW,
            },
            text="Imported text.",
        ),
        store_transfer.ArticleRow(
            columns={"title": "No address", "source_kind": "url", "url": None, "added": NOW},
            text="Nothing to link.",
        ),
    ]
    imported, bare = library.writer.run(
        lambda: store_transfer.insert_articles(rows, tags=store_transfer.TagCache())
    )
    assert ids(library, "site:imported.example") == {imported}
    assert ids(library, "site:stale") == set()
    assert bare not in ids(library, "site:example")


def test_a_folio_export_leaves_the_keys_out_and_its_import_restores_them(
    library: Library, sites: Sites, tmp_path: Path
) -> None:
    exported = tmp_path / "library.json"
    library.export_file(exported, format="folio")
    document = json.loads(exported.read_text())
    assert document["articles"] and all(
        "host_rev" not in a and "url_host_rev" not in a for a in document["articles"]
    )
    with Library(tmp_path / "copy.sqlite") as copy:
        copy.import_file(exported)
        assert ids(copy, "site:example.com") == {sites.www, sites.sub_with_port, sites.bare}
        assert ids(copy, "site:t.redirect.example") == {sites.redirected}
