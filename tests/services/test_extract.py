"""Extraction of an article from a whole page: body, title, date, metadata, fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.core.errors import ExtractionError
from reader.services.extract import (
    _Body,
    _drop_controls,
    _drop_repeats,
    _fill_holes,
    _mend_cells,
    _mend_lists,
    _prefer_recall,
    _trim_edges,
    extract_html,
    extract_page,
    find_date,
    find_page_url,
    open_folds,
    page_facts,
    parse_date,
    parse_html,
    strip_site_name,
)
from tests.services.article_pages import PARAGRAPHS, article_page


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
        found = find_date(tree, facts, None, heading="Why Gardens Grow", fallback=fallback)
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


def test_page_url_from_canonical_og_or_saved_from_comment() -> None:
    saved = "<!-- saved from url=(0031)https://plot.example/gardens -->\n" + article_page()
    assert find_page_url(page_facts(parse_html(saved), saved)) == "https://plot.example/gardens"
    canonical = article_page(head='<link rel="canonical" href="https://plot.example/c">')
    facts = page_facts(parse_html(canonical), canonical)
    assert find_page_url(facts) == "https://plot.example/c"
    og = article_page(head='<meta property="og:url" content="https://plot.example/o">')
    assert find_page_url(page_facts(parse_html(og), og)) == "https://plot.example/o"
    assert extract_page(saved, None).url == "https://plot.example/gardens"


_MORE = (
    "Orchards take longer: an apple tree planted this spring will not give a proper crop until"
    " the fourth or fifth summer, and only if it is pruned every winter.",
    "Bees do the rest of the work, which is why the old growers kept hives at the end of every"
    " row and never sprayed while the blossom was open.",
)


def _body(*blocks: str, method: str = "trafilatura") -> _Body:
    html = "".join(blocks)
    text = "\n".join(block.split(">", 1)[1].rsplit("<", 1)[0] for block in blocks)
    return _Body(html, text, method, len(text.split()))


def test_an_article_printed_twice_on_the_page_is_kept_once() -> None:
    article = PARAGRAPHS + _MORE
    page = extract_page(article_page(paragraphs=article + article), "https://plot.example/g")
    assert [page.text.count(paragraph) for paragraph in article] == [1] * len(article)


def test_a_line_the_article_repeats_on_purpose_stays() -> None:
    quote = PARAGRAPHS[1]
    article = (PARAGRAPHS[0], quote, *_MORE, quote, PARAGRAPHS[2])
    page = extract_page(article_page(paragraphs=article), "https://plot.example/g")
    assert page.text.count(quote) == 2


def test_short_repeats_are_left_alone() -> None:
    # Two repeated blocks of a few words (a recipe's "Rest 5 minutes") are not a second copy.
    steps = ("<p>Stir well.</p>", "<p>Rest five minutes.</p>")
    body = _body(f"<p>{PARAGRAPHS[0]}</p>", *steps, f"<p>{PARAGRAPHS[1]}</p>", *steps)
    assert _drop_repeats(body) is body


def test_edges_no_other_method_took_are_dropped() -> None:
    kicker = "<p>Sponsored: win a greenhouse</p>"
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    tail = ("<h3>Read this next</h3>", "<ul><li><a href='/a'>Ten tulips</a></li>"
            "<li><a href='/b'>Mulch myths</a></li></ul>")  # fmt: skip
    body = _body(kicker, *article, *tail[:1], "<li><a href='/a'>Ten tulips</a></li>")
    body = _Body(kicker + "".join(article) + "".join(tail), body.text, body.method, body.words)
    readability = _body(*article, method="readability")
    trimmed = _trim_edges(body, readability, lambda: None)
    assert all(p in trimmed.text for p in PARAGRAPHS)
    for chrome in ("Sponsored", "Read this next", "Ten tulips", "Mulch myths"):
        assert chrome not in trimmed.text
    assert "<ul" not in trimmed.html  # the emptied list goes with its items
    # trafilatura's precision setting vouches for a paragraph at the edge, not for a line.
    intro = (
        "<p>Every spring the same question comes back from readers who have just moved house"
        " and found a bare patch of clay behind it: where do I even start with a garden like"
        " this one?</p>"
    )
    edged = _body(kicker, intro, *article)
    vouched = _trim_edges(edged, readability, lambda: _body(kicker, intro, *article))
    assert "Every spring" in vouched.text and "Sponsored" not in vouched.text
    # A paragraph inside the article that readability missed is not an edge: it stays.
    middle = _body(*article[:2], "<p>Between the beds, a path.</p>", *article[2:])
    assert _trim_edges(middle, readability, lambda: None) is middle


def test_the_edge_grows_through_vouched_paragraphs_but_not_into_a_teaser_list() -> None:
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    readability = _body(*article, method="readability")
    closing = (
        "<p>In the end a garden is a conversation between a person and a patch of ground, and"
        " like any conversation it goes better when you listen more than you talk, season after"
        " season.</p>"
    )
    teaser = (
        "<p>Our editors visited twelve community gardens across the county this summer and"
        " came back with stories of tomatoes, tempers and the occasional runaway goat that"
        " you will not want to miss.</p>"
    )
    labels = ("<p>Read this next</p>", "<p>Features</p>", "<p>Dec 19, 2025</p>",
              "<p>Sponsored</p>", "<p>Daily</p>", "<p>Dec 18, 2025</p>", "<p>News</p>")  # fmt: skip
    body = _body(*article, "<h3>Last words</h3>", closing, *labels, teaser)
    strict = _body(*article, closing, teaser, method="trafilatura (precision)")
    trimmed = _trim_edges(body, readability, lambda: strict)
    # The closing paragraph is the article's: a heading away, and vouched for.
    assert "Last words" in trimmed.text and "In the end a garden" in trimmed.text
    # The teaser is vouched for too, but seven blocks of labels away: the article ended.
    assert "runaway goat" not in trimmed.text and "Read this next" not in trimmed.text


def test_edges_stay_when_readability_found_another_text() -> None:
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = _body("<p>Sponsored: win a greenhouse</p>", *article)
    elsewhere = _body(*(f"<p>{p}</p>" for p in _MORE), method="readability")
    assert _trim_edges(body, elsewhere, lambda: None) is body
    assert _trim_edges(body, None, lambda: None) is body


def test_the_recall_setting_wins_only_with_much_more_of_the_same_article() -> None:
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    first_part = _body(*article[:2])
    whole = _body(*article, *(f"<p>{p}</p>" for p in _MORE), method="trafilatura (recall)")
    assert _prefer_recall(first_part, whole) is whole
    most = _body(*article, f"<p>{_MORE[0]}</p>")
    assert _prefer_recall(most, whole) is most  # not enough more to be worth the switch
    other_text = _body(*(f"<p>{p}</p>" for p in _MORE * 3), method="trafilatura (recall)")
    assert _prefer_recall(first_part, other_text) is first_part  # not the same article
    assert _prefer_recall(None, whole) is whole
    assert _prefer_recall(first_part, None) is first_part


def test_a_paragraph_the_recall_setting_found_inside_the_article_is_put_back() -> None:
    p = [f"<p>{text}</p>" for text in PARAGRAPHS]
    chosen = _body(p[0], p[1], p[3])
    recall = _body(p[0], p[1], "<p>Subscribe</p>", p[2], p[3], f"<p>{_MORE[0]}</p>")
    filled = _fill_holes(chosen, recall)
    order = [filled.text.find(text) for text in PARAGRAPHS]
    assert -1 not in order and order == sorted(order)  # in its place, between its neighbours
    assert "Subscribe" not in filled.text  # a button's worth of words is no paragraph
    assert _MORE[0] not in filled.text  # after the article's end: not a hole
    whole = _body(*p)
    assert _fill_holes(whole, recall) is whole  # no hole: nothing changes


def test_a_paragraph_put_back_after_a_list_goes_after_the_list() -> None:
    items = "<ul><li>Compost each spring for the worms</li><li>Water deeply once a week</li></ul>"
    chosen = _body(f"<p>{PARAGRAPHS[0]}</p>", items, f"<p>{PARAGRAPHS[2]}</p>")
    recall = _body(
        f"<p>{PARAGRAPHS[0]}</p>", items, f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[2]}</p>"
    )
    filled = _fill_holes(chosen, recall)
    assert f"</ul><p>{PARAGRAPHS[1]}</p>" in filled.html


def _inside_article(extra: str) -> str:
    return article_page().replace("</article>", extra + "</article>")


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
    page = extract_page(_inside_article(folds), "https://plot.example/g")
    assert answer in page.text
    assert "garden letter" not in page.text
    tree = parse_html('<div class="popup" hidden><p>x</p></div>')
    assert open_folds(tree) is False


def test_ordered_lists_keep_their_numbers() -> None:
    steps = (
        "<ol><li>Clear the bed of weeds and stones before the first frost arrives</li>"
        "<li>Spread two inches of compost over the whole bed and leave it</li></ol>"
    )
    page = extract_page(_inside_article(steps), "https://plot.example/g")
    assert "1. Clear the bed" in page.text and "2. Spread two inches" in page.text
    assert "<ol>" in page.html


def test_list_kinds_and_stray_cells_are_mended_in_trafilaturas_output() -> None:
    from lxml import etree
    from trafilatura.htmlprocessing import convert_to_html

    from reader.services.sanitize import html_to_text

    body = etree.fromstring(
        '<body><list rend="ol"><item>Dig</item></list><list rend="ul"><item>'
        '<head rend="h3">Rover cam</head><th>Resolution</th><td>Up to 2K</td>'
        "<th>Power</th><td>Wired</td> then <td>loose</td></item></list></body>"
    )
    _mend_lists(body)
    _mend_cells(body)
    html = etree.tostring(convert_to_html(body), encoding="unicode")
    assert "<ol>" in html and html.count("<table>") == 2
    text = html_to_text(html)
    assert "1. Dig" in text
    assert "Resolution Up to 2K" in text and "Power Wired" in text
    assert "then" in text and "loose" in text


def test_blocks_that_are_only_a_controls_label_are_dropped() -> None:
    body = _body(
        f"<p>{PARAGRAPHS[0]}</p>",
        "<p><a href='/more'>Read more</a></p>",
        "<p>Read more about compost in our guide to soil.</p>",
        "<h3>Share this article</h3>",
        f"<p>{PARAGRAPHS[1]}</p>",
    )
    cleaned = _drop_controls(body)
    assert "Read more about compost" in cleaned.text
    assert "Read more\n" not in cleaned.text and "Share this" not in cleaned.text
    assert PARAGRAPHS[0] in cleaned.text and PARAGRAPHS[1] in cleaned.text
    plain = _body(f"<p>{PARAGRAPHS[0]}</p>")
    assert _drop_controls(plain) is plain
