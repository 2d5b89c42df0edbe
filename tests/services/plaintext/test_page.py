from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from reader.services.plaintext import clean_markdown, clean_plain_text, extract_plain_text
from tests.services.saved_text_pages import (
    ENGLISH_NEWS_PAGE,
    FRENCH_GARDEN_PAGE,
    GERMAN_NEWS_PAGE,
    GERMAN_SHOP_POST,
)

PAGES = {
    "de": GERMAN_SHOP_POST,
    "en": ENGLISH_NEWS_PAGE,
    "fr": FRENCH_GARDEN_PAGE,
}


@dataclass(frozen=True)
class Expected:
    title: str
    published: datetime
    first: str
    last: str
    headings: list[str]
    chrome: list[str]
    author: str


EXPECTED = {
    "de": Expected(
        title="Kaffee richtig lagern: So bleibt das Aroma frisch",
        # "03.11.2025 09:15 Uhr" on a German page: Berlin time.
        published=datetime(2025, 11, 3, 8, 15, tzinfo=UTC),
        first="Frisch gerösteter Kaffee ist ein Naturprodukt",
        last="Fazit: Kaufen Sie lieber kleinere Mengen",
        headings=["Die richtige Dose", "Kühlschrank oder nicht?"],
        author="Lena Hoffmann",
        chrome=[
            "Hotline", "zufriedene Kunden", "Trusted Shops", "Warenkorb", "Startseite",
            "Artikel teilen", "WhatsApp", "Newsletter", "Das könnte Sie auch interessieren",
            "Siebträger reinigen", "Cookies", "Alle akzeptieren", "Impressum",
            "Alle Rechte vorbehalten", "Von Lena Hoffmann", "Lesezeit",
        ],
    ),
    "en": Expected(
        title="City Trees Cool Streets by Up to Four Degrees, Study Finds",
        # A day without a time: its noon UTC, marked as a date alone.
        published=datetime(2025, 11, 3, 12, tzinfo=UTC),
        first="Streets lined with mature trees",
        last="Several cities have already announced planting programmes",
        headings=["How shade changes a street", "What cities can do"],
        author="Sam Carter",
        chrome=[
            "Skip to main content", "Advertisement", "The Daily Example", "Share on Facebook",
            "Copy link", "Morning Briefing", "Related articles", "Heat waves are getting longer",
            "Comments (12)", "cookies", "Careers", "All rights reserved", "By Sam Carter",
        ],
    ),
    "fr": Expected(
        title="Planter des bulbes à l'automne : le guide complet",
        # "10h05" on a French page: Paris time.
        published=datetime(2025, 11, 3, 9, 5, tzinfo=UTC),
        first="L'automne est la meilleure saison",
        last="Pour un massif fleuri pendant plusieurs semaines",
        headings=["À quelle profondeur planter ?", "Associer les variétés"],
        author="Claire Dubois",
        chrome=[
            "Aller au contenu", "Service client", "120 000 lecteurs", "Accueil > Jardin",
            "Partager cet article", "newsletter", "À lire aussi", "Tailler les rosiers",
            "cookies", "Tout accepter", "Mentions légales", "Tous droits réservés",
            "Par Claire Dubois", "Publié le",
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(PAGES))
def test_article_is_cut_out_of_the_page(language: str) -> None:
    expected = EXPECTED[language]
    page = extract_plain_text(PAGES[language], "https://example.org/some/article")

    assert page.title == expected.title
    assert page.published == expected.published
    assert page.published_date_only == (expected.published.hour == 12)
    assert page.author == expected.author
    assert page.language == language
    assert page.method == "plain-text"
    assert page.url == "https://example.org/some/article"
    assert page.text.startswith(expected.first)
    paragraphs = page.text.split("\n\n")
    assert paragraphs[-1].startswith(expected.last)
    for chrome in expected.chrome:
        assert chrome not in page.text, chrome
        assert chrome not in page.html, chrome
    # The headline is the title, not the body's first line.
    assert expected.title not in page.text


@pytest.mark.parametrize("language", sorted(PAGES))
def test_section_headings_are_kept(language: str) -> None:
    page = extract_plain_text(PAGES[language])
    headings = re.findall(r"<h2>(.*?)</h2>", page.html)
    assert headings == EXPECTED[language].headings
    # In the plain text a heading is a paragraph of its own.
    for heading in EXPECTED[language].headings:
        assert f"\n\n{heading}\n\n" in page.text
    assert page.html.count("<p>") == len(page.text.split("\n\n")) - len(headings)


def test_every_article_paragraph_survives() -> None:
    page = extract_plain_text(ENGLISH_NEWS_PAGE)
    article = ENGLISH_NEWS_PAGE.split("Copy link\n\n", 1)[1].split("\n\nSign up for", 1)[0]
    assert page.text == article.strip()


def test_single_newlines_between_blocks() -> None:
    """Text copied from a browser often has no blank lines between blocks."""
    squeezed = re.sub(r"\n\s*\n", "\n", GERMAN_SHOP_POST)
    page = extract_plain_text(squeezed)
    assert page.title == EXPECTED["de"].title
    assert page.text.startswith(EXPECTED["de"].first)
    assert "Fazit: Kaufen Sie lieber kleinere Mengen" in page.text
    for chrome in ("Hotline", "Newsletter", "Cookies", "Impressum", "Siebträger reinigen"):
        assert chrome not in page.text


def test_comments_after_the_article_are_left_out() -> None:
    article = ENGLISH_NEWS_PAGE.split("Sign up for our Morning Briefing")[0]
    comments = (
        "\n42 Comments\n\n"
        "Jordan K.\nNovember 3, 2025 at 6:12 pm\n"
        "Our street lost three old oaks last year and the difference in July was obvious to "
        "everyone who walks their dog there in the afternoon.\nReply\n\n"
        "Priya\nNovember 4, 2025 at 8:40 am\n"
        "I would love to see the same measurements for bus shelters, which are often the "
        "hottest places in the whole neighbourhood during a heat wave.\nReply\n"
    )
    page = extract_plain_text(article + comments)
    assert "Several cities have already announced planting programmes" in page.text
    assert "oaks" not in page.text
    assert "bus shelters" not in page.text
    assert "Reply" not in page.text


def test_a_repeated_article_is_kept_once() -> None:
    body = ENGLISH_NEWS_PAGE.split("Copy link\n\n", 1)[1].split("\n\nSign up for", 1)[0]
    doubled = ENGLISH_NEWS_PAGE.replace("Comments (12)", "Print version\n\n" + body)
    page = extract_plain_text(doubled)
    assert page.text.count("Streets lined with mature trees") == 1


def test_bulleted_lists_become_lists() -> None:
    text = (
        "Home\nRecipes\nAbout\n\nA Week of Simple Breakfasts\n\n"
        "Breakfast does not have to be complicated, and most of these ideas take less than "
        "ten minutes to prepare on a busy weekday morning before work or school.\n\n"
        "You will need:\n"
        "• rolled oats and a little milk\n• a handful of frozen berries\n"
        "• plain yoghurt and honey\n\n"
        "Prepare the oats the night before, keep them in the fridge in a closed jar, and add "
        "the berries in the morning so that they keep their colour and do not go soft.\n\n"
        "© 2025 Simple Breakfasts\n"
    )
    page = extract_plain_text(text)
    assert page.title == "A Week of Simple Breakfasts"
    assert "<ul>\n<li>rolled oats and a little milk</li>" in page.html
    assert "- rolled oats and a little milk\n- a handful of frozen berries" in page.text
    assert "©" not in page.text


def test_markup_in_the_text_is_escaped() -> None:
    text = (
        "Writing Safe Templates\n\n"
        "Never paste <script>alert(1)</script> into a template without escaping it first, "
        "because the browser will happily run whatever it finds between those tags.\n\n"
        "Escaping turns the angle brackets into entities, so the text is shown rather than "
        "executed, and the page stays safe whatever the visitor typed into the form.\n"
    )
    page = extract_plain_text(text)
    assert "<script>" not in page.html
    assert "&lt;script&gt;" in page.html
    assert "<script>alert(1)</script>" in page.text


def test_a_short_note_is_kept_whole() -> None:
    note = "Buy milk and bread on the way home.\n"
    page = extract_plain_text(note)
    assert page.text == "Buy milk and bread on the way home."


@pytest.mark.parametrize("text", ["", "   \n\n \t\n"])
def test_empty_input_gives_an_empty_page(text: str) -> None:
    page = extract_plain_text(text)
    assert page.text == ""
    assert page.html == ""
    assert page.title == ""
    assert page.published is None


def test_scorer_contract() -> None:
    result = clean_plain_text(FRENCH_GARDEN_PAGE, None)
    assert result["title"] == EXPECTED["fr"].title
    assert result["text"].startswith(EXPECTED["fr"].first)
    assert result["date"] == "2025-11-03"


def test_a_page_without_an_article_says_so() -> None:
    menu = "\n".join(
        f"{section}\n{item}"
        for section in ("Shop", "Service", "Company", "Legal")
        for item in ("Overview", "Prices", "Contact", "Login", "Careers", "Press")
    )
    page = extract_plain_text(menu)
    assert page.text == ""
    assert page.html == ""
    assert page.notes == ("no article found in the text",)


def test_german_news_page_with_ads_teasers_and_comments() -> None:
    page = extract_plain_text(GERMAN_NEWS_PAGE)
    assert page.title == "Stadtrat beschließt neue Radwege für die Innenstadt"
    assert page.published == datetime(2025, 11, 3, 17, 40, tzinfo=UTC)
    assert page.author == "Markus Weber"
    assert page.language == "de"
    # The standfirst under the headline is the article's first paragraph.
    assert page.text.startswith("Bis 2027 sollen zwölf Kilometer geschützte Radspuren")
    assert "\n\nDer Stadtrat hat am Montagabend" in page.text
    assert page.text.endswith(
        "Die ersten Arbeiten sollen im Frühjahr auf der Bahnhofstraße beginnen."
    )
    assert "<h2>Kritik an den Kosten</h2>" in page.html
    for chrome in (
        "Anzeige", "Lesen Sie auch", "Teilen", "Merken", "Von Markus Weber", "Mehr zum Thema",
        "Fahrradstraße", "Kommentare", "Endlich tut sich etwas", "Antworten", "Newsletter",
        "Impressum", "Tageblatt",
    ):  # fmt: skip
        assert chrome not in page.text, chrome


def test_a_text_far_longer_than_a_page_is_kept_whole() -> None:
    paragraph = "This is a line of a very long log file that nobody would call a web page."
    text = "\n\n".join([paragraph] * 50_000)
    page = extract_plain_text(text)
    assert page.notes == ("text too long for a web page; kept whole",)
    assert page.text.count(paragraph) == 50_000
    assert page.title == paragraph


def test_markdown_goes_through_the_markdown_reader() -> None:
    page = clean_markdown("# Title\n\nSome *emphasis* here.\n", None)
    assert page.method == "markdown"
    assert page.title == "Title"
    assert "<em>emphasis</em>" in page.html


def test_a_short_note_keeps_its_heading_as_title_and_the_rest_as_body() -> None:
    page = extract_plain_text(
        "Ideas for the weekend\n\nRepaint the fence before the rain comes back on Sunday.\n"
    )
    assert page.title == "Ideas for the weekend"
    assert page.text == "Repaint the fence before the rain comes back on Sunday."


def test_a_one_sentence_note_is_all_body() -> None:
    page = extract_plain_text("Call the plumber about the kitchen tap.")
    assert page.title == ""
    assert page.text == "Call the plumber about the kitchen tap."
