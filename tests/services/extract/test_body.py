"""The edits that choose and trim an article's body among the extractors' versions."""

from __future__ import annotations

from reader.services.extract.body import (
    Body,
    drop_controls,
    drop_repeats,
    fill_holes,
    mend_cells,
    mend_lists,
    prefer_recall,
    trim_edges,
)
from tests.services.article_pages import MORE_PARAGRAPHS, PARAGRAPHS


def _body(*blocks: str, method: str = "trafilatura") -> Body:
    html = "".join(blocks)
    text = "\n".join(block.split(">", 1)[1].rsplit("<", 1)[0] for block in blocks)
    return Body(html, text, method, len(text.split()))


def test_short_repeats_are_left_alone() -> None:
    # Two repeated blocks of a few words (a recipe's "Rest 5 minutes") are not a second copy.
    steps = ("<p>Stir well.</p>", "<p>Rest five minutes.</p>")
    body = _body(f"<p>{PARAGRAPHS[0]}</p>", *steps, f"<p>{PARAGRAPHS[1]}</p>", *steps)
    assert drop_repeats(body) is body


def test_edges_no_other_method_took_are_dropped() -> None:
    kicker = "<p>Sponsored: win a greenhouse</p>"
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    tail = ("<h3>Read this next</h3>", "<ul><li><a href='/a'>Ten tulips</a></li>"
            "<li><a href='/b'>Mulch myths</a></li></ul>")  # fmt: skip
    body = _body(kicker, *article, *tail[:1], "<li><a href='/a'>Ten tulips</a></li>")
    body = Body(kicker + "".join(article) + "".join(tail), body.text, body.method, body.words)
    readability = _body(*article, method="readability")
    trimmed = trim_edges(body, readability)
    assert all(p in trimmed.text for p in PARAGRAPHS)
    for chrome in ("Sponsored", "Read this next", "Ten tulips", "Mulch myths"):
        assert chrome not in trimmed.text
    assert "<ul" not in trimmed.html  # the emptied list goes with its items
    # A paragraph inside the article that readability missed is not an edge: it stays.
    middle = _body(*article[:2], "<p>Between the beds, a path.</p>", *article[2:])
    assert trim_edges(middle, readability) is middle


def test_edges_stay_when_readability_found_another_text() -> None:
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = _body("<p>Sponsored: win a greenhouse</p>", *article)
    elsewhere = _body(*(f"<p>{p}</p>" for p in MORE_PARAGRAPHS), method="readability")
    assert trim_edges(body, elsewhere) is body
    assert trim_edges(body, None) is body


def test_the_recall_setting_wins_only_with_much_more_of_the_same_article() -> None:
    article = tuple(f"<p>{p}</p>" for p in PARAGRAPHS)
    first_part = _body(*article[:2])
    whole = _body(
        *article, *(f"<p>{p}</p>" for p in MORE_PARAGRAPHS), method="trafilatura (recall)"
    )
    assert prefer_recall(first_part, whole) is whole
    most = _body(*article, f"<p>{MORE_PARAGRAPHS[0]}</p>")
    assert prefer_recall(most, whole) is most  # not enough more to be worth the switch
    other_text = _body(*(f"<p>{p}</p>" for p in MORE_PARAGRAPHS * 3), method="trafilatura (recall)")
    assert prefer_recall(first_part, other_text) is first_part  # not the same article
    assert prefer_recall(None, whole) is whole
    assert prefer_recall(first_part, None) is first_part


def test_a_paragraph_the_recall_setting_found_inside_the_article_is_put_back() -> None:
    p = [f"<p>{text}</p>" for text in PARAGRAPHS]
    chosen = _body(p[0], p[1], p[3])
    recall = _body(p[0], p[1], "<p>Subscribe</p>", p[2], p[3], f"<p>{MORE_PARAGRAPHS[0]}</p>")
    filled = fill_holes(chosen, recall)
    order = [filled.text.find(text) for text in PARAGRAPHS]
    assert -1 not in order and order == sorted(order)  # in its place, between its neighbours
    assert "Subscribe" not in filled.text  # a button's worth of words is no paragraph
    assert MORE_PARAGRAPHS[0] not in filled.text  # after the article's end: not a hole
    whole = _body(*p)
    assert fill_holes(whole, recall) is whole  # no hole: nothing changes


def test_a_paragraph_put_back_after_a_list_goes_after_the_list() -> None:
    items = "<ul><li>Compost each spring for the worms</li><li>Water deeply once a week</li></ul>"
    chosen = _body(f"<p>{PARAGRAPHS[0]}</p>", items, f"<p>{PARAGRAPHS[2]}</p>")
    recall = _body(
        f"<p>{PARAGRAPHS[0]}</p>", items, f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[2]}</p>"
    )
    filled = fill_holes(chosen, recall)
    assert f"</ul><p>{PARAGRAPHS[1]}</p>" in filled.html


def test_list_kinds_and_stray_cells_are_mended_in_trafilaturas_output() -> None:
    from lxml import etree
    from trafilatura.htmlprocessing import convert_to_html

    from reader.services.sanitize import html_to_text

    body = etree.fromstring(
        '<body><list rend="ol"><item>Dig</item></list><list rend="ul"><item>'
        '<head rend="h3">Rover cam</head><th>Resolution</th><td>Up to 2K</td>'
        "<th>Power</th><td>Wired</td> then <td>loose</td></item></list></body>"
    )
    mend_lists(body)
    mend_cells(body)
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
    cleaned = drop_controls(body)
    assert "Read more about compost" in cleaned.text
    assert "Read more\n" not in cleaned.text and "Share this" not in cleaned.text
    assert PARAGRAPHS[0] in cleaned.text and PARAGRAPHS[1] in cleaned.text
    plain = _body(f"<p>{PARAGRAPHS[0]}</p>")
    assert drop_controls(plain) is plain
