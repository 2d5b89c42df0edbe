"""A whole page extracted: body, metadata, fallbacks and notes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.core.errors import ExtractionError
from reader.services.extract import extract_html, extract_page
from tests.services.article_pages import MORE_PARAGRAPHS, PARAGRAPHS, article_page, inside_article


def test_article_body_keeps_paragraphs_and_drops_chrome() -> None:
    page = extract_page(article_page(), "https://plot.example/gardens")
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for chrome in ("About us", "Privacy", "All rights reserved"):
        assert chrome not in page.text
    assert page.method.startswith(("trafilatura", "readability"))
    assert (
        page.text.split("\n\n")[0] == PARAGRAPHS[0] or "Ann Gardener" in page.text.split("\n\n")[0]
    )
    # The headline is shown above the body, not repeated inside it.
    assert not page.text.startswith("Why Gardens Grow")
    assert "<script" not in page.html and "<p>" in page.html


def test_metadata() -> None:
    head = (
        '<meta property="article:published_time" content="2024-05-02T23:30:00-04:00">'
        '<meta name="author" content="Ann Gardener">'
        '<meta property="og:image" content="/img/lead.jpg">'
        '<meta property="og:description" content="Why it all works.">'
    )
    page = extract_page(article_page(head=head, byline=""), "https://plot.example/gardens")
    assert page.title == "Why Gardens Grow"
    assert page.site_name == "The Plot"
    assert page.author == "Ann Gardener"
    assert page.published == datetime(2024, 5, 3, 3, 30, tzinfo=UTC)
    assert page.image_url == "https://plot.example/img/lead.jpg"
    assert page.description == "Why it all works."
    assert page.language == "en"
    # The scorer's contract keeps the page's own calendar day.
    result = extract_html(article_page(head=head, byline=""), "https://plot.example/gardens")
    assert result["date"] == "2024-05-02"
    assert set(result) == {"text", "title", "author", "date"}


def test_language_comes_from_the_text_not_the_template() -> None:
    german = (
        "Der Garten wächst, weil Menschen ihn mit Geduld, Wasser und ein wenig Glück über viele"
        " Jahreszeiten pflegen, bei jedem Wetter und zu jeder Stunde des Tages.",
        "Der Boden ist wichtiger als alles andere: eine Handvoll Kompost im Frühling ernährt die"
        " Würmer, die die Erde locker und lebendig halten.",
    )
    page = extract_page(article_page(paragraphs=german, lang="en"), None)
    assert page.language == "de"


_NOTICES = (
    "Opening hours are Monday to Friday, nine to five, except on public holidays and during"
    " the summer break.",
    "Saturday ten to two. Sunday closed. Call ahead for large orders and deliveries to the"
    " coast or the islands.",
    "Parking is free behind the shop for customers, and the bus stops right at the door every"
    " twenty minutes.",
)


def test_readability_takes_over_when_trafilatura_finds_nothing() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in _NOTICES)
    page = extract_page(f"<html><body><footer>{paragraphs}</footer></body></html>", None)
    assert page.method == "readability"
    assert _NOTICES[2] in page.text
    assert any("readability" in note for note in page.notes)


def test_whole_page_is_kept_when_no_method_finds_an_article_and_says_so() -> None:
    items = "".join(f"<li>{p}</li>" for p in _NOTICES)
    html = (
        f'<html><body><div id="comments" class="comment-list"><ul>{items}</ul></div></body></html>'
    )
    page = extract_page(html, None)
    assert page.method == "body"
    assert all(notice in page.text for notice in _NOTICES)
    assert page.notes == ("no article found on the page; kept the whole page",)


def test_empty_page_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="no text"):
        extract_page("<html><head><title>x</title></head><body><div></div></body></html>", None)
    with pytest.raises(ExtractionError):
        extract_page("   ", None)


def test_content_after_a_stray_closing_html_tag_is_kept() -> None:
    html = article_page(paragraphs=PARAGRAPHS[:1]).replace("<main>", "</body></html><main>")
    page = extract_page(html, None)
    assert PARAGRAPHS[0] in page.text


def test_an_article_printed_twice_on_the_page_is_kept_once() -> None:
    article = PARAGRAPHS + MORE_PARAGRAPHS
    page = extract_page(article_page(paragraphs=article + article), "https://plot.example/g")
    assert [page.text.count(paragraph) for paragraph in article] == [1] * len(article)


def test_a_line_the_article_repeats_on_purpose_stays() -> None:
    quote = PARAGRAPHS[1]
    article = (PARAGRAPHS[0], quote, *MORE_PARAGRAPHS, quote, PARAGRAPHS[2])
    page = extract_page(article_page(paragraphs=article), "https://plot.example/g")
    assert page.text.count(quote) == 2


def test_ordered_lists_keep_their_numbers() -> None:
    steps = (
        "<ol><li>Clear the bed of weeds and stones before the first frost arrives</li>"
        "<li>Spread two inches of compost over the whole bed and leave it</li></ol>"
    )
    page = extract_page(inside_article(steps), "https://plot.example/g")
    assert "1. Clear the bed" in page.text and "2. Spread two inches" in page.text
    assert "<ol>" in page.html


def test_the_headline_is_not_repeated_at_the_top_of_the_body() -> None:
    kicker = article_page().replace(
        "<h1>Why Gardens Grow</h1>", "<p>Gardening</p><h1>Why Gardens Grow</h1>"
    )
    twice = article_page().replace(
        '<p class="byline">', '<h2>Why Gardens Grow</h2><p class="byline">'
    )
    for html in (article_page(), kicker, twice):
        page = extract_page(html, "https://plot.example/gardens")
        assert page.title == "Why Gardens Grow"
        assert "Why Gardens Grow" not in page.text
        assert PARAGRAPHS[0] in page.text
