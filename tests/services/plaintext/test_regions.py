"""The article as a region of a page saved as text: what interrupts it, what surrounds it,
and what trails it, in English, German and a language Folio has no chrome words for."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.services.plaintext import extract_plain_text
from reader.services.plaintext.lines import LINE_FEATURES, line_features, split_lines
from reader.services.plaintext.region import ARTICLE, BOX, decode
from tests.services.plaintext.region_pages import (
    ARTICLE_WITH_A_BOX_INSIDE,
    DUTCH_PAGE_WITH_A_TRAILING_BOX,
    GERMAN_PAGE_WITH_A_TRAILING_BOX,
    PAGE_WITH_LISTS_AND_A_THREAD,
    SHORT_POST_BESIDE_TEASERS,
)


def _paragraphs(page: str) -> list[str]:
    return [line for line in page.splitlines() if len(line.split()) > 25]


def test_a_box_inside_the_article_does_not_end_it() -> None:
    page = extract_plain_text(ARTICLE_WITH_A_BOX_INSIDE, "https://news.example/rivers")
    assert page.title == "Rivers Return to Cities That Once Buried Them"
    for paragraph in _paragraphs(ARTICLE_WITH_A_BOX_INSIDE):
        if "wonderful news" not in paragraph.lower():
            assert paragraph.strip() in page.text
    # The prose after the box is the same article's; the box itself is not.
    assert page.text.endswith("hide them.")
    for chrome in ("Related articles", "flood maps", "Five bridges", "Read more", "Share this",
                   "Comments", "Wonderful news", "Reply"):  # fmt: skip
        assert chrome not in page.text, chrome


def test_lists_before_the_article_and_a_thread_after_it_are_left_out() -> None:
    page = extract_plain_text(PAGE_WITH_LISTS_AND_A_THREAD, "https://harbour.example/museum")
    assert page.title == "Harbour Museum Opens Its Doors After Ten Years of Restoration"
    assert page.text.startswith(
        "The old customs house has been turned into a museum"
    ) or page.text.startswith("After ten years of work")
    assert page.text.endswith("during the summer.")
    for chrome in ("Latest headlines", "Ferry timetable", "Most commented", "Parking fees",
                   "Videos", "Seals return", "Share", "WhatsApp", "24 comments",
                   "lovely building", "Reply", "More from", "©"):  # fmt: skip
        assert chrome not in page.text, chrome


def test_a_short_post_wins_over_a_sidebar_of_teasers() -> None:
    page = extract_plain_text(SHORT_POST_BESIDE_TEASERS, "https://ann.example/first-frost")
    assert page.title == "First frost"
    assert page.text.startswith("The first frost came early this year.")
    assert page.text.endswith("while the ground rests.")
    for chrome in ("Recent posts", "chillies", "compost bins", "[…]", "Leave a comment",
                   "Share this", "Pinterest", "Categories"):  # fmt: skip
        assert chrome not in page.text, chrome


def test_a_german_page_drops_its_trailing_box_and_keeps_its_time() -> None:
    page = extract_plain_text(
        GERMAN_PAGE_WITH_A_TRAILING_BOX, "https://www.zeitung.example.de/region/fernwaerme"
    )
    assert page.title == "Stadtwerke senken die Preise für Fernwärme"
    # The headline printed again above the article is not its first line.
    assert page.text.startswith("Die Stadtwerke senken zum ersten Januar")
    assert page.text.endswith("direkt an die Stadtwerke zu wenden.")
    for chrome in ("Mehr zum Thema", "Energie", "Newsletter", "Postfach", "Einwilligung",
                   "Akzeptieren", "Einstellungen"):  # fmt: skip
        assert chrome not in page.text, chrome
    # "24.10.2024 11:32 Uhr" on a German site is Berlin time, not midnight.
    assert page.published == datetime(2024, 10, 24, 9, 32, tzinfo=UTC)
    assert not page.published_date_only


def test_a_trailing_box_is_recognised_without_words_of_its_language() -> None:
    page = extract_plain_text(DUTCH_PAGE_WITH_A_TRAILING_BOX, "https://nieuws.example.nl/brug")
    assert page.language == "nl"
    assert page.title == "Nieuwe fietsbrug over de rivier geopend"
    assert page.text.startswith("Na twee jaar bouwen")
    assert page.text.endswith("een speelplaats voor kinderen.")
    for chrome in ("Meer over dit onderwerp", "Fietsen\n", "Blijf op de hoogte", "mailbox",
                   "partners", "Akkoord", "Instellingen"):  # fmt: skip
        assert chrome not in page.text, chrome


def test_the_region_lets_a_box_interrupt_the_article() -> None:
    lines = split_lines("Paragraph one of the story.\nA box\nOf links\nParagraph two of the story.")
    probabilities = [0.95, 0.05, 0.05, 0.95]
    assert decode(lines, probabilities)[0] == ARTICLE
    assert decode(lines, probabilities)[3] == ARTICLE
    # Each line of the box costs little, so the article reads on past it.
    assert set(decode(lines, probabilities)[1:3]) <= {ARTICLE, BOX}


def test_line_features_see_repeats_teasers_and_topic() -> None:
    text = (
        "Home\n\nHow to prune an old apple tree […]\n\n"
        "Pruning an old apple tree takes patience and a sharp saw, said the gardener.\n\n"
        "Home\n\nWinter\n\nPruning\n\n"
        "An old apple tree pruned in winter gives more fruit in the following summer.\n\n"
        "Subscribe to our newsletter for weekly offers and discounts on every order.\n"
    )
    lines = split_lines(text)
    rows = line_features(lines, "en")
    column = {name: i for i, name in enumerate(LINE_FEATURES)}
    assert rows[0][column["rep"]] == 1.0  # "Home" again further down
    assert rows[1][column["truncated"]] == 1.0  # a teaser cut short
    # The promotion shares none of the article's topic words; its paragraphs do.
    assert rows[6][column["coherence"]] > rows[7][column["coherence"]] == 0.0
