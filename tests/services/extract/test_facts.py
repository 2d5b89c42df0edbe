"""What a page says about itself, and the parts a browser would show."""

from __future__ import annotations

from reader.services.extract import extract_page, find_page_url, open_folds, page_facts, parse_html
from tests.services.article_pages import article_page, inside_article


def test_page_url_from_canonical_og_or_saved_from_comment() -> None:
    saved = "<!-- saved from url=(0031)https://plot.example/gardens -->\n" + article_page()
    assert find_page_url(page_facts(parse_html(saved), saved)) == "https://plot.example/gardens"
    canonical = article_page(head='<link rel="canonical" href="https://plot.example/c">')
    facts = page_facts(parse_html(canonical), canonical)
    assert find_page_url(facts) == "https://plot.example/c"
    og = article_page(head='<meta property="og:url" content="https://plot.example/o">')
    assert find_page_url(page_facts(parse_html(og), og)) == "https://plot.example/o"
    assert extract_page(saved, None).url == "https://plot.example/gardens"


def test_collapsed_sections_are_opened_and_other_hidden_parts_stay_hidden() -> None:
    answer = (
        "Raised beds drain faster than the ground around them, so they need water twice as"
        " often in a dry summer and a thicker layer of mulch to keep it in."
    )
    folds = (
        '<div class="faq-accordion"><h3>Do raised beds need more water?</h3>'
        f'<div style="display: none"><p>{answer}</p></div></div>'
        '<div class="popup" style="display:none"><p>Subscribe to our garden letter for'
        " weekly tips, offers and news from the whole team at the plot.</p></div>"
    )
    page = extract_page(inside_article(folds), "https://plot.example/g")
    assert answer in page.text
    assert "garden letter" not in page.text
    tree = parse_html('<div class="popup" hidden><p>x</p></div>')
    assert open_folds(tree) is False
