"""Inline structure from the page survives into the stored article: code, emphasis, links,
line breaks, figures with their captions, lists and tables."""

from __future__ import annotations

import lxml.html
import pytest

from reader.services.extract import extract_page, restore_markup
from reader.services.extract.markup import PageText
from tests.services.article_pages import PARAGRAPHS, article_page, inside_article

URL = "https://plot.example/gardens/why"


def _body_of(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_inline_code_stays_in_its_sentence() -> None:
    sentence = (
        "<p>Run <code>pip install folio</code> in a terminal, then open the window and drop a"
        " page on it to keep it for reading later in the week.</p>"
    )
    page = extract_page(inside_article(sentence), URL)
    body = _body_of(page.html)
    (paragraph,) = [p for p in body.iter("p") if "pip install folio" in p.text_content()]
    assert paragraph.text == "Run "
    assert [child.tag for child in paragraph] == ["code"]
    assert paragraph[0].text == "pip install folio"
    assert paragraph[0].tail.startswith(" in a terminal, then open the window")
    assert "<pre>" not in page.html
    assert "Run pip install folio in a terminal" in page.text


def test_a_code_block_stays_a_block() -> None:
    block = "<pre><code>for bed in garden:\n    water(bed)</code></pre>"
    page = extract_page(inside_article(block), URL)
    assert "<pre>" in page.html and "water(bed)" in page.text


def test_emphasis_strong_text_and_links_stay_with_links_made_absolute() -> None:
    sentence = (
        "<p>Gardens need <em>patience</em> and <strong>water</strong>, as"
        " <a href='/guides/soil' onclick='steal()'>our soil guide</a> explains in far more"
        " detail than a single page of advice <b>ever</b> could.</p>"
    )
    page = extract_page(inside_article(sentence), URL)
    body = _body_of(page.html)
    (paragraph,) = [p for p in body.iter("p") if "our soil guide" in p.text_content()]
    assert [child.tag for child in paragraph] == ["em", "strong", "a", "b"]
    link = paragraph.find("a")
    assert link.get("href") == "https://plot.example/guides/soil"
    assert link.get("onclick") is None  # sanitized as every stored article is


def test_markup_is_kept_when_the_paragraph_is_not_a_p() -> None:
    # Sites that write paragraphs as <div>s or break one with <br> still keep their links.
    block = (
        '<div class="text">Read the <a href="/notes">planting notes</a> before you start, and'
        " keep them near the shed door where the rain cannot reach them.<br>They list every"
        " bed by the month it wants <i>compost</i>.</div>"
    )
    page = extract_page(inside_article(block), URL)
    assert 'href="https://plot.example/notes"' in page.html
    assert "<i>compost</i>" in page.html or "<em>compost</em>" in page.html


def test_every_figure_keeps_its_caption() -> None:
    figures = (
        "<figure><img src='/img/bed.jpg' alt='A raised bed'><figcaption>A raised bed in early"
        " spring, <em>before</em> planting.</figcaption></figure>"
    )
    html = article_page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>{figures}")
    page = extract_page(html, URL)
    body = _body_of(page.html)
    (figure,) = body.iter("figure")
    assert figure.find("img").get("src") == "https://plot.example/img/bed.jpg"
    caption = figure.find("figcaption")
    assert caption is not None and caption.text_content() == (
        "A raised bed in early spring, before planting."
    )
    assert caption.find("em") is not None
    # The caption is under its picture, not also a paragraph of its own.
    assert page.text.count("A raised bed in early spring") == 1


def test_a_closing_figure_keeps_its_caption_too() -> None:
    closing = (
        "<figure><img src='/img/shed.jpg' alt=''><figcaption>The shed, where the notes"
        " hang.</figcaption></figure>"
    )
    page = extract_page(inside_article(closing), URL)
    assert "<figcaption>The shed, where the notes hang.</figcaption>" in page.html


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<ul><li>Compost each spring for the worms</li><li>Water deeply once a week</li></ul>",
         "<ul>"),
        ("<ol><li>Clear the bed of weeds and stones</li><li>Spread two inches of compost</li>"
         "</ol>", "<ol>"),
        ("<table><tr><th>Bed</th><th>Crop</th></tr><tr><td>North</td><td>Kale</td></tr>"
         "</table>", "<table>"),
    ],
)  # fmt: skip
def test_lists_ordered_lists_and_tables_are_kept(markup: str, expected: str) -> None:
    page = extract_page(inside_article(markup), URL)
    assert expected in page.html


def test_restoring_markup_from_the_laid_out_page() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div><p>One <a href='/a'>link</a> here,</p><p>and <em>two</em>.</p>"
        "</div></body></html>"
    )
    page = PageText(tree)
    assert page.text.strip() == "One link here, and two."
    # trafilatura's output joined the two paragraphs into one.
    restored = restore_markup("<p>One link here, and two.</p>", tree, page)
    assert restored == '<p>One <a href="/a">link</a> here, and <em>two</em>.</p>'
    # Text the page does not hold is left as it was.
    assert restore_markup("<p>Elsewhere.</p>", tree, page) == "<p>Elsewhere.</p>"


def test_a_check_list_keeps_the_text_beside_its_boxes() -> None:
    checklist = (
        "<h3>A year before</h3><ul>"
        '<li><input type="checkbox" disabled> Book the <strong>venue</strong> and set a date</li>'
        '<li><input type="checkbox" disabled> Draft a first list of guests to invite</li></ul>'
        "<p>Tick each box as you go, and the months before the day stay calm and unhurried.</p>"
    )
    page = extract_page(inside_article(checklist), URL)
    assert "Book the venue and set a date" in page.text
    assert "Draft a first list of guests to invite" in page.text
    assert "<strong>venue</strong>" in page.html
    assert "<input" not in page.html
