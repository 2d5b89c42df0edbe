"""The publication date a page states: under its headline, in its URL, in its metadata."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.services.extract import extract_html, find_date, page_facts, parse_date, parse_html
from tests.services.article_pages import article_page


def test_date_under_the_headline_wins_and_updated_dates_yield() -> None:
    head = '<meta property="article:published_time" content="2023-01-10T10:00:00Z">'
    shown = article_page(head=head, byline="By Ann Gardener · March 4, 2024")
    assert extract_html(shown, None)["date"] == "2024-03-04"
    updated = article_page(head=head, byline="By Ann Gardener · Updated on March 4, 2024")
    assert extract_html(updated, None)["date"] == "2023-01-10"


def test_a_shown_date_that_is_the_modification_date_yields_to_the_publication() -> None:
    head = (
        '<meta property="article:published_time" content="2023-01-10T10:00:00Z">'
        '<meta property="article:modified_time" content="2024-03-04T08:00:00Z">'
    )
    html = article_page(head=head, byline="By Ann Gardener · March 4, 2024")
    assert extract_html(html, None)["date"] == "2023-01-10"
    # A day shown without a time is the site's own day: a modification stamp just after
    # midnight UTC is still that day in the Americas, where the page printed it.
    late = (
        '<meta property="article:published_time" content="2023-01-10T10:00:00Z">'
        '<meta property="article:modified_time" content="2024-03-05T00:49:00Z">'
    )
    html = article_page(head=late, byline="By Ann Gardener · March 4, 2024")
    assert extract_html(html, None)["date"] == "2023-01-10"
    # Side by side, the earlier of two shown dates is the publication.
    pair = article_page(byline="May 21, 2025 · April 24, 2025 · by Ann Gardener")
    assert extract_html(pair, None)["date"] == "2025-04-24"


def test_a_numeric_date_reads_the_way_the_page_writes_its_other_dates() -> None:
    # "en" alone does not say whose English: the page's dates in words settle the order.
    more = "<aside><p>Also read: Pruning roses - 9 December 2024</p></aside>"
    british = article_page(lang="en", byline="03/10/2023 by Ann Gardener", after_article=more)
    assert extract_html(british, None)["date"] == "2023-10-03"
    american = article_page(
        lang="en",
        byline="03/10/2023 by Ann Gardener",
        after_article="<aside><p>Also read: Pruning roses - December 9, 2024</p></aside>",
    )
    assert extract_html(american, None)["date"] == "2023-03-10"
    # A page that says where its English is from is taken at its word.
    stated = article_page(lang="en-US", byline="03/10/2023 by Ann Gardener", after_article=more)
    assert extract_html(stated, None)["date"] == "2023-03-10"


def test_a_date_with_a_month_in_another_language_under_the_headline() -> None:
    head = '<meta property="article:published_time" content="2020-01-10T10:00:00Z">'
    spanish = article_page(head=head, lang="es", byline="Por Ana Jardinera el 04-ago-2021")
    assert extract_html(spanish, None)["date"] == "2021-08-04"
    german = article_page(head=head, lang="de", byline="Von Anna Gärtner · 3. März 2025")
    assert extract_html(german, None)["date"] == "2025-03-03"
    # A number, a word and a year that is no date leaves the metadata to speak.
    listed = article_page(head=head, byline="By Ann Gardener · 5 Things 2025")
    assert extract_html(listed, None)["date"] == "2020-01-10"


def test_a_guessed_date_that_is_the_modification_date_yields_to_the_structured_data() -> None:
    head = (
        '<meta property="article:modified_time" content="2024-05-03T08:00:00Z">'
        '<script type="application/ld+json">{"@type": "BlogPosting",'
        ' "datePublished": "2024-03-17T10:00:00Z"}</script>'
    )
    html = article_page(head=head, byline="By Ann Gardener")
    tree = parse_html(html)
    facts = page_facts(tree, html)

    def guessed(fallback: str) -> str | None:
        found = find_date(tree, facts, None, heading="Why Gardens Grow", fallback=lambda: fallback)
        return found.local.date().isoformat() if found else None

    assert guessed("2024-05-03") == "2024-03-17"
    # A guess that is not the modification date stands.
    assert guessed("2024-04-01") == "2024-04-01"


def test_date_from_the_url() -> None:
    html = article_page(byline="By Ann Gardener")
    assert extract_html(html, "https://plot.example/2022/07/15/gardens/")["date"] == "2022-07-15"


def test_parse_date_spellings() -> None:
    assert parse_date("03.11.2025") == datetime(2025, 11, 3, 12, tzinfo=UTC)
    assert parse_date("November 3, 2025") == datetime(2025, 11, 3, 12, tzinfo=UTC)
    assert parse_date("2025-11-03T09:15:00+01:00") == datetime(2025, 11, 3, 8, 15, tzinfo=UTC)
    assert parse_date("no date here") is None
    assert parse_date("1712") is None
