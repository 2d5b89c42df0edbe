"""Search through the library: stemming, folding, ranking, snippets, filters and order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START, parse_query, snippet_text
from reader.core.types import PageCursor
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import feeds as store_feeds
from tests.factories import make_input

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


@dataclass
class Sample:
    partner: int
    runner: int
    muller: int
    budget_title: int
    budget_text: int
    old: int
    saved: int


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    with Library(db_path, clock=lambda: NOW) as lib:
        yield lib


@pytest.fixture
def sample(library: Library) -> Sample:
    library.search_timezone = UTC

    def write() -> tuple[int, ...]:
        tech = store_feeds.ensure_folder("News/Tech")
        store_feeds.ensure_folder("News")
        ars = store_feeds.add_feed(
            "https://feeds.arstechnica.example/all", title="Ars Example", folder_id=tech, now=NOW
        )
        blog = store_feeds.add_feed("https://blog.example.org/feed", title="A Blog", now=NOW)

        def add(title: str, text: str, **kw: object) -> int:
            feed_id = kw.pop("feed_id", None)
            published = kw.pop("published", NOW - timedelta(days=1))
            item = make_input(title, text, published=published, **kw)  # type: ignore[arg-type]
            return store_articles.insert_article(item, now=NOW, feed_id=feed_id)  # type: ignore[arg-type]

        partner = add(
            "Städtepartnerschaft",
            "Die Partnerschaften zwischen den Städten wachsen.",
            language="de",
            feed_id=ars,
            url="https://www.arstechnica.example/cities",
            author="Jürgen Müller",
        )
        runner = add(
            "Morning habits",
            "She runs every morning before work, whatever the weather.",
            feed_id=ars,
            url="https://arstechnica.example/habits",
        )
        muller = add(
            "Interview",
            "A long talk with Anna Müller about gardens and orchards.",
            feed_id=blog,
            url="https://blog.example.org/interview",
            language="en-GB",
        )
        budget_title = add(
            "The budget debate",
            "Parliament argued all night about taxes.",
            feed_id=blog,
            url="https://blog.example.org/debate",
        )
        budget_text = add(
            "Late night",
            "Parliament argued all night; the budget came up only once.",
            feed_id=blog,
            url="https://elsewhere.example.net/path/blog.example.org/x",
        )
        old = add(
            "Archive piece",
            "An old piece about orchards.",
            published=datetime(2023, 2, 10, 9, 0, tzinfo=UTC),
            language=None,
            url="https://old.example.com/a",
        )
        saved = add("Saved by hand", "Notes about running shoes.", url="https://shoes.example")
        return partner, runner, muller, budget_title, budget_text, old, saved

    partner, runner, muller, budget_title, budget_text, old, saved = library.writer.run(write)
    library.add_tags(runner, ["Health", "to read"])
    library.add_tags(old, ["history"])
    library.mark([runner], read=True, starred=True)
    library.mark([old], archived=True)
    return Sample(partner, runner, muller, budget_title, budget_text, old, saved)


def ids(library: Library, query: str, **kw: object) -> list[int]:
    return [a.id for a in library.search(query, **kw)]  # type: ignore[arg-type]


def test_stemming_finds_other_forms_in_each_language(library: Library, sample: Sample) -> None:
    assert ids(library, "Partnerschaft") == [sample.partner]
    assert ids(library, "partnerschaften") == [sample.partner]
    assert ids(library, "Stadt") == [sample.partner]
    assert set(ids(library, "running")) == {sample.runner, sample.saved}
    assert ids(library, "run") != []


def test_a_phrase_matches_exactly(library: Library, sample: Sample) -> None:
    assert ids(library, '"runs every morning"') == [sample.runner]
    assert ids(library, '"running every morning"') == []
    assert ids(library, '"runs"') == [sample.runner]


def test_accents_fold_both_ways(library: Library, sample: Sample) -> None:
    assert set(ids(library, "Muller")) == {sample.partner, sample.muller}
    assert set(ids(library, "müller")) == {sample.partner, sample.muller}
    assert ids(library, "stadten") == [sample.partner]


def test_the_title_weighs_most(library: Library, sample: Sample) -> None:
    assert ids(library, "budget") == [sample.budget_title, sample.budget_text]


def test_results_carry_highlighted_snippets(library: Library, sample: Sample) -> None:
    (article,) = library.search("running shoes")
    assert article.snippet is not None
    assert f"{HIGHLIGHT_START}running{HIGHLIGHT_END}" in article.snippet
    assert snippet_text(article.snippet) == "Notes about [running] [shoes]."
    (runner,) = library.search("run every")
    assert runner.snippet is not None
    assert "[runs] [every]" in snippet_text(runner.snippet)
    # Highlights follow the words even when a filter decides the match.
    (mixed,) = library.search("shoes OR tag:nothing")
    assert mixed.snippet is not None and HIGHLIGHT_START in mixed.snippet
    assert all(a.snippet is None for a in library.search("is:starred"))


def test_prefix_or_and_exclusion(library: Library, sample: Sample) -> None:
    assert ids(library, "partner*") == [sample.partner]
    assert set(ids(library, "orchards OR shoes")) == {sample.muller, sample.old, sample.saved}
    assert ids(library, "orchards -old") == [sample.muller]
    assert sample.muller not in ids(library, "-orchards")
    assert len(ids(library, "-orchards")) == 5
    assert ids(library, "night -tag:nothing -budget") == []


def test_state_filters(library: Library, sample: Sample) -> None:
    assert ids(library, "is:starred") == [sample.runner]
    assert ids(library, "is:read") == [sample.runner]
    assert sample.runner not in ids(library, "is:unread")
    assert ids(library, "is:archived") == [sample.old]
    assert set(ids(library, "is:saved")) == {sample.old, sample.saved}
    assert sample.old not in ids(library, "-is:archived")


def test_tag_feed_folder_site_and_language_filters(library: Library, sample: Sample) -> None:
    assert ids(library, 'tag:"TO READ"') == [sample.runner]
    assert ids(library, "tag:heal*") == [sample.runner]
    assert set(ids(library, "feed:ars")) == {sample.partner, sample.runner}
    assert set(ids(library, "feed:blog.example.org")) == {
        sample.muller,
        sample.budget_title,
        sample.budget_text,
    }
    assert set(ids(library, "folder:tech")) == {sample.partner, sample.runner}
    assert set(ids(library, "folder:News")) == {sample.partner, sample.runner}
    assert ids(library, "folder:nowhere") == []
    # A site includes its subdomains but not a page that merely mentions it in its path.
    assert set(ids(library, "site:arstechnica.example")) == {sample.partner, sample.runner}
    assert set(ids(library, "site:https://blog.example.org/")) == {
        sample.muller,
        sample.budget_title,
    }
    assert ids(library, "lang:de") == [sample.partner]
    assert ids(library, "lang:german") == [sample.partner]
    assert ids(library, "lang:en orchards") == [sample.muller]
    assert sample.partner not in ids(library, "-lang:de")
    assert sample.old in ids(library, "-lang:de")


def test_title_and_author(library: Library, sample: Sample) -> None:
    assert ids(library, "title:budget") == [sample.budget_title]
    assert ids(library, "author:muller") == [sample.partner]
    assert ids(library, 'author:"Jürgen Müller"') == [sample.partner]
    assert ids(library, "title:habit") == [sample.runner]


def test_date_filters(library: Library, sample: Sample) -> None:
    assert ids(library, "before:2024") == [sample.old]
    assert ids(library, "on:2023-02-10") == [sample.old]
    assert ids(library, "on:2023-02-11") == []
    assert sample.old not in ids(library, "after:7d")
    assert len(ids(library, "after:7d")) == 6
    assert ids(library, "before:1y orchards") == [sample.old]
    assert ids(library, "on:yesterday budget") == [sample.budget_title, sample.budget_text]


def test_date_order_pages_without_gaps(library: Library, sample: Sample) -> None:
    everything = ids(library, "-tag:none", order="newest")
    assert len(everything) == 7
    seen: list[int] = []
    after: PageCursor | None = None
    while True:
        page = library.search("-tag:none", order="newest", limit=2, after=after)
        if not page:
            break
        seen.extend(a.id for a in page)
        after = PageCursor(page[-1].sort_date, page[-1].id)
    assert seen == everything
    assert ids(library, "-tag:none", order="oldest") == everything[::-1]
    assert ids(library, "orchards", order="newest") == [sample.muller, sample.old]


def test_counts(library: Library, sample: Sample) -> None:
    assert library.count_search("parliament") == 2
    assert library.count_search("running") == 2
    assert library.count_search("running", unread_only=True) == 1
    assert library.count_search("is:unread") == 6
    assert library.count_search("") == 0
    assert library.search("   ") == []


def test_matching_among_checks_only_the_given_articles(library: Library, sample: Sample) -> None:
    assert library.matching_articles("orchards", [sample.muller, sample.runner]) == [sample.muller]
    assert library.matching_articles("is:starred", [sample.runner, sample.old]) == [sample.runner]
    assert library.matching_articles("orchards", []) == []
    assert library.search_ids("orchards") == [sample.muller, sample.old]


def test_the_limit_must_be_positive(library: Library, sample: Sample) -> None:
    from reader.core.errors import UserError

    with pytest.raises(UserError):
        library.search("x", limit=0)
    with pytest.raises(UserError, match="unknown order 'sideways'"):
        library.search("x", order="sideways")


_PIECES = [
    '"', "-", "*", "OR", "NOT", "AND", "NEAR", "(", ")", "{", "}", "^", ":", "tag:", "title:",
    "author:", "site:", "lang:", "feed:", "folder:", "is:", "on:", "after:", "2024", "7d", "%",
    "_", "\\", "'", "run", "Müller", "orchards", " ", "\x00",
]  # fmt: skip
_NASTY = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=12).map(
    "".join
)


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_NASTY)
def test_no_typed_string_makes_search_fail(library: Library, sample: Sample, text: str) -> None:
    found = library.search(text)
    assert library.count_search(text) >= len(found)
    assert len(library.search(text, order="newest")) <= 100
    parse_query(text)
