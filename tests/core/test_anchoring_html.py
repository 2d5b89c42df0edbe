"""The reading text of article HTML, and highlights marked in the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchoring_html import Mark, mark_highlights, reading_text


def test_the_reading_text_is_the_text_a_reader_sees() -> None:
    html = (
        "<h1>Caf&eacute; &amp; Bar</h1>\n<p>First   line<br>second\tline, "
        "<em>with</em> <a href='x?a=1&amp;b=2'>a link</a>&nbsp;here.</p>"
        "<!-- a comment --><script>var x = '<p>';</script><style>p {}</style>"
        "<ul><li>one</li><li>two</li></ul><p>A\u00adsoft hy&shy;phen</p>"
        "<p>left<img src='a.png'>right</p><table><tr><td>cell</td><td>next</td></tr></table>"
        "<pre>  keep\n    indent &lt;b&gt;</pre><p>a &lt; b &unknown; & c</p>"
    )
    assert reading_text(html).text == (
        "Café & Bar\n\nFirst line\nsecond line, with a link here.\n\none\n\ntwo\n\n"
        "Asoft hyphen\n\nleft right\n\ncell next\n\n  keep\n    indent <b>\n\n"
        "a < b &unknown; & c"
    )


def test_whitespace_across_elements_is_one_space() -> None:
    assert reading_text("<p>one <b> two</b> <i>three </i> four</p>").text == "one two three four"
    assert reading_text("<p>no<b>space</b>here</p>").text == "nospacehere"
    assert reading_text("\n  <p>  padded  </p>\n  ").text == "padded"


def _marked(html: str, *quotes: tuple[str, str, int]) -> str:
    text = reading_text(html).text
    marks = []
    for number, (quote, color, nth) in enumerate(quotes, start=1):
        start = -1
        for _ in range(nth + 1):
            start = text.index(quote, start + 1)
        marks.append(Mark(start, start + len(quote), color, number))
    return mark_highlights(html, marks)


def _open(color: str, number: int) -> str:
    return f'<mark class="hl hl-{color}" data-highlight-id="{number}">'


def test_a_highlight_inside_one_text_is_one_mark() -> None:
    html = "<p>The quick brown fox.</p>"
    assert _marked(html, ("quick brown", "yellow", 0)) == (
        f"<p>The {_open('yellow', 1)}quick brown</mark> fox.</p>"
    )


def test_a_highlight_across_inline_elements_is_split_at_each_tag() -> None:
    html = '<p>The <em>quick <strong>brown</strong></em> fox <a href="/f">jumps</a> over.</p>'
    m = _open("green", 1)
    assert _marked(html, ("quick brown fox jumps", "green", 0)) == (
        f"<p>The <em>{m}quick </mark><strong>{m}brown</mark></strong></em>{m} fox </mark>"
        f'<a href="/f">{m}jumps</mark></a> over.</p>'
    )


def test_a_highlight_across_paragraphs_is_marked_in_each() -> None:
    html = "<p>End of one.</p>\n<p>Start of two.</p>"
    m = _open("blue", 1)
    assert _marked(html, ("one.\n\nStart", "blue", 0)) == (
        f"<p>End of {m}one.</mark></p>\n<p>{m}Start</mark> of two.</p>"
    )


def test_entities_are_marked_whole() -> None:
    html = "<p>Fish &amp; chips &mdash; caf&eacute;&nbsp;style</p>"
    m = _open("pink", 1)
    assert _marked(html, ("& chips — café style", "pink", 0)) == (
        f"<p>Fish {m}&amp; chips &mdash; caf&eacute;&nbsp;style</mark></p>"
    )
    assert _marked(html, ("é", "pink", 0)) == (
        f"<p>Fish &amp; chips &mdash; caf{m}&eacute;</mark>&nbsp;style</p>"
    )


def test_overlapping_highlights_nest() -> None:
    html = "<p>one two three four five</p>"
    a, b = _open("yellow", 1), _open("green", 2)
    assert _marked(html, ("one two three", "yellow", 0), ("three four", "green", 0)) == (
        f"<p>{a}one two {b}three</mark></mark>{b} four</mark> five</p>"
    )


def test_a_highlight_inside_another_nests_inside_it() -> None:
    html = "<p>one <b>two</b> three</p>"
    a, b = _open("yellow", 1), _open("blue", 2)
    assert _marked(html, ("one two three", "yellow", 0), ("two", "blue", 0)) == (
        f"<p>{a}one </mark><b>{a}{b}two</mark></mark></b>{a} three</mark></p>"
    )


def test_nothing_outside_the_marks_changes() -> None:
    html = '<div class="x"><p title="a > b">Alpha   beta</p><!-- c --><p>gamma</p></div>'
    marked = _marked(html, ("beta", "yellow", 0))
    assert marked.replace(_open("yellow", 1), "").replace("</mark>", "") == html


class _MarkReader(HTMLParser):
    """Checks that tags nest and collects the text inside each highlight."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.marked: dict[str, list[str]] = {}
        self.void = {"br", "img", "hr"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.void:
            self.stack.append((tag, dict(attrs).get("data-highlight-id")))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for tag, number in self.stack:
            if tag == "mark" and number is not None:
                self.marked.setdefault(number, []).append(data)


_SAMPLES = [
    "<h2>A &amp; B</h2><p>One <em>two <b>three</b></em> four.</p>"
    "<p>Five&nbsp;six <a href='x'>seven</a>.</p>",
    "<ul><li>alpha</li><li>beta <code>gamma</code></li></ul>"
    "<blockquote><p>delta epsilon</p></blockquote>",
    "<p>x<br>y  z</p><pre>keep   this\n  and that</pre><p>caf&eacute; &lt;tag&gt; end</p>",
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_SAMPLES),
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=5),
)
def test_marks_nest_and_cover_exactly_their_text(
    html: str, ranges: list[tuple[float, float]]
) -> None:
    reading = reading_text(html)
    text = reading.text
    marks = []
    for number, (a, b) in enumerate(ranges, start=1):
        start, end = sorted((int(a * len(text)), int(b * len(text))))
        if start < end:
            marks.append(Mark(start, end, "yellow", number))
    marked = mark_highlights(html, marks, reading)
    # The text is the same with the marks in it.
    assert reading_text(marked).text == text
    parser = _MarkReader()
    parser.feed(marked)
    parser.close()
    assert parser.stack == []
    for mark in marks:
        inside = "".join(parser.marked.get(str(mark.highlight_id), []))
        wanted = text[mark.start : mark.end]
        # Breaks between blocks are not text of the HTML: compare the words.
        assert re.sub(r"\s+", "", inside) == re.sub(r"\s+", "", wanted)
