"""The headline and the site's name, from a page's headings and metadata."""

from __future__ import annotations

import pytest

from reader.services.extract import extract_page, strip_site_name
from tests.services.article_pages import article_page


@pytest.mark.parametrize(
    ("title_tag", "og_title", "headline", "expected"),
    [
        # <h1> and a meta title agree: the meta spelling (headings are often styled).
        ("Why Gardens Grow | The Plot", None, "WHY GARDENS GROW", "Why Gardens Grow"),
        # The <title> carries the site's name first.
        ("The Plot - Why Gardens Grow", None, "Why Gardens Grow", "Why Gardens Grow"),
        # The metadata adds an SEO tail to the headline.
        (
            "Why Gardens Grow: 7 Tips for 2025 | The Plot",
            None,
            "Why Gardens Grow",
            "Why Gardens Grow",
        ),
        # The only headline-like <h1> wins over a different SEO title.
        ("Best Garden Tips 2025", "Best Garden Tips 2025", "Why Gardens Grow", "Why Gardens Grow"),
    ],
)
def test_title_choice(title_tag: str, og_title: str | None, headline: str, expected: str) -> None:
    html = article_page(title_tag=title_tag, og_title=og_title, headline=headline)
    assert extract_page(html, "https://plot.example/a").title == expected


def test_title_ignores_a_logo_heading() -> None:
    html = article_page(headline="Why Gardens Grow").replace(
        "<nav>", "<header><h1>The Plot</h1></header><nav>"
    )
    assert extract_page(html, "https://plot.example/a").title == "Why Gardens Grow"


def test_strip_site_name() -> None:
    assert strip_site_name("Soil Matters – The Plot", "The Plot", None) == "Soil Matters"
    assert strip_site_name("Soil Matters | plot.example", None, "https://plot.example/x") == (
        "Soil Matters"
    )
    assert strip_site_name("Soil: Why It Matters", "The Plot", None) == "Soil: Why It Matters"
