from __future__ import annotations

from reader.services.sanitize import html_to_text, sanitize_html, text_to_html


def test_dangerous_markup_is_removed() -> None:
    dirty = (
        '<p onclick="steal()">Hello <a href="javascript:alert(1)">link</a></p>'
        "<script>alert(1)</script><style>p{}</style><iframe src='https://x.example'></iframe>"
        "<form><input name=q></form><object data='x.swf'></object>"
    )
    clean = sanitize_html(dirty)
    for bad in (
        "onclick",
        "javascript:",
        "<script",
        "alert",
        "<style",
        "<iframe",
        "<form",
        "<object",
    ):
        assert bad not in clean
    assert "Hello" in clean


def test_links_are_resolved_and_tracking_dropped() -> None:
    clean = sanitize_html(
        '<a href="/post?utm_source=rss&id=4">x</a><img src="img/a.png" alt="A">',
        "https://blog.example/2025/",
    )
    assert 'href="https://blog.example/post?id=4"' in clean
    assert 'src="https://blog.example/2025/img/a.png"' in clean


def test_tracking_pixels_are_removed() -> None:
    clean = sanitize_html(
        '<p>Text</p><img src="https://t.example/open.gif" width="1" height="1">'
        '<img src="https://stats.example/pixel.gif"><img src="https://a.example/photo.jpg">'
    )
    assert "open.gif" not in clean
    assert "pixel.gif" not in clean
    assert "photo.jpg" in clean


def test_html_to_text_keeps_paragraphs_and_lists() -> None:
    text = html_to_text("<h2>Title</h2><p>One  two</p><ul><li>a</li><li>b</li></ul>")
    assert text == "Title\n\nOne two\n\n- a\n\n- b"


def test_html_to_text_numbers_ordered_lists_as_a_browser_does() -> None:
    text = html_to_text(
        "<ol><li>Dig</li><li>Sow</li></ol>"
        '<ol start="4"><li>Water</li><li value="9">Wait</li><li>Pick</li></ol>'
        "<ol reversed><li>Three</li><li>Two</li><li>One</li></ol>"
    )
    assert text.split("\n\n") == [
        "1. Dig", "2. Sow", "4. Water", "9. Wait", "10. Pick", "3. Three", "2. Two", "1. One",
    ]  # fmt: skip
    # The numbers survive sanitising, which keeps the attributes that set them.
    assert html_to_text(sanitize_html('<ol start="3"><li value="7">x</li></ol>')) == "7. x"


def test_html_to_text_marks_an_item_whose_text_is_in_a_paragraph() -> None:
    # The marker goes on the item's first line, not on a line of its own.
    text = html_to_text(
        "<ul><li><p>Compost</p><p>in spring</p></li><li><h3>Mulch</h3></li><li></li></ul>"
    )
    assert text == "- Compost\n\nin spring\n\n- Mulch"
    nested = html_to_text(
        "<ol><li>Beds<ul><template><li>unused</li></template><li>raised</li></ul></li>"
        "<li>Paths</li></ol>"
    )
    assert nested == "1. Beds\n\n- raised\n\n2. Paths"


def test_text_to_html_escapes() -> None:
    assert text_to_html("a < b\n\nsecond\nline") == "<p>a &lt; b</p>\n<p>second<br>line</p>"
